"""The parser's typo distance is optimal string alignment, as the textbook defines it:
rapidfuzz's C++ implementation is held to a plain reference on random pairs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

LETTERS = st.text(alphabet="aeiklmnorst ", max_size=12)  # few letters: many near misses


def reference_osa(a: str, b: str) -> int:
    """Optimal string alignment by its definition: insert, delete, substitute, and swap
    two neighbours, each one edit, no substring edited twice."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(
                d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


@settings(max_examples=2_000, deadline=None, database=None)
@given(LETTERS, LETTERS)
def test_the_distance_is_optimal_string_alignment(a: str, b: str) -> None:
    assert OSA.distance(a, b) == reference_osa(a, b)


def test_a_swap_is_one_edit_and_osa_is_not_full_damerau() -> None:
    assert OSA.distance("leeruitkomsten", "leeruitkosmten") == 1
    assert OSA.distance("ca", "abc") == 3  # full Damerau-Levenshtein would say 2
