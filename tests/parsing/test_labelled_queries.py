"""The query parser against a labelled set of queries, and against any input at all.

The set (queries.csv) was written from the rules of `graphmodel.questions.parsing`, not from its
output: Dutch, English and mixed queries with typos, inflections, ambiguous places,
woonplaatsen, people and organisation names, kind words, sector words and nothing to
recognise. Its ids are checked against the bundled data so the labels cannot rot
silently when the data changes. The property tests feed the parser random Unicode and
vocabulary words between punctuation and very long strings: it must never raise, and
every part must come from words of the query.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import graphmodel
from benchmarks.parse_quality import PART_TYPES, Row, misses_table, read_rows, score
from graphmodel import schema
from graphmodel.graph import Graph
from graphmodel.questions import parsing
from graphmodel.questions.parsing import ParsedQuery, Part

MIN_ROWS = 150
MIN_SCORE = 0.95
LONG_WORD_BYTES = 3 * 2**30  # address space for the child parsing a long word
LONG_WORD_TIMEOUT = 60
LONG_WORD_SECONDS = 1.0  # for two parses of it
ROWS = read_rows()
REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def store() -> Graph:
    return graphmodel.open()


def test_the_set_is_large_enough() -> None:
    assert len(ROWS) >= MIN_ROWS
    assert len({row.query for row in ROWS}) == len(ROWS), "a query is labelled twice"


def test_every_label_exists_in_the_bundled_data(store: Graph) -> None:
    ids = {v for row in ROWS for t in ("topic", "place") for v in row.expected[t]}
    known = {node.id for node in store.nodes(ids)}
    assert sorted(ids - known) == []
    assert all(v.startswith("topic:") for row in ROWS for v in row.expected["topic"])
    assert all(v.startswith("region:") for row in ROWS for v in row.expected["place"])
    sectors = {v for row in ROWS for v in row.expected["sector"]}
    assert sectors <= set(schema.SECTORS)
    kinds = {v for row in ROWS for v in row.expected["kind"]}
    assert kinds <= {kind.name for kind in schema.KINDS}


def test_every_label_is_well_formed() -> None:
    """At most one sector (rule 3); names lower-case, single-spaced (rule 7)."""
    for row in ROWS:
        assert len(row.expected["sector"]) <= 1, row.query
        for name in row.expected["name"]:
            assert name == name.lower() == " ".join(name.split()), row.query
        assert row.note, f"{row.query!r} does not say what it tests"


def test_the_parser_gets_the_labelled_set_right(store: Graph) -> None:
    scores = score(ROWS, lambda text: graphmodel.parse(text, store))
    low = {
        t: f"precision {s.precision:.3f}, recall {s.recall:.3f}"
        for t, s in scores.items()
        if min(s.precision, s.recall) < MIN_SCORE
    }
    assert not low, f"{low}\nwrong rows (query | type | expected | got):\n{misses_table(scores)}"


def test_the_scoring_counts_values_per_type() -> None:
    """The scorer itself: a wrong place costs place precision and recall, an extra kind
    costs kind precision only, and nothing else is touched."""
    row = Row("x", {t: frozenset() for t in PART_TYPES} | {"place": frozenset({"region:a"})})
    wrong = ParsedQuery("x", (_part("place", "region:b"), _part("kind", "Project")))
    scores = score([row], lambda _: wrong)
    place, kind, topic = scores["place"], scores["kind"], scores["topic"]
    assert (place.expected, place.found, place.correct) == (1, 1, 0)
    assert (place.precision, place.recall) == (0.0, 0.0)
    assert (kind.precision, kind.recall) == (0.0, 1.0)
    assert (topic.precision, topic.recall, topic.misses) == (1.0, 1.0, [])
    assert [(m.part_type, m.got) for m in place.misses] == [("place", frozenset({"region:b"}))]


def _part(part_type: str, value: str) -> Part:
    return Part(part_type, value, value, value, 1.0)


@cache
def _vocabulary_words() -> list[str]:
    """Every word of the labelled queries: real topic, place, sector and kind words,
    typos and stop words."""
    return sorted({word for row in ROWS for word in row.query.split()})


PUNCTUATION = [
    *"?!.,;:'\"()[]{}-/\\&@#%*+=<>|~`^_",
    *"\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u200b",  # dashes, curly quotes, ..., zero width
    "'s",
    "--",
    "...",
]
WORD = st.one_of(
    st.deferred(lambda: st.sampled_from(_vocabulary_words())),
    st.text(max_size=12),
    st.sampled_from(PUNCTUATION),
)
LONG = st.builds(  # many words; one very long word has its own test below
    lambda word, times, glue: glue.join([word] * times),
    st.deferred(lambda: st.sampled_from(_vocabulary_words())) | st.text(min_size=1, max_size=3),
    st.integers(min_value=50, max_value=400),
    st.sampled_from([" ", "\n", ", ", " - "]),
)
QUERY = st.lists(st.one_of(WORD, LONG), max_size=12).flatmap(
    lambda words: st.lists(
        st.sampled_from([" ", "", "  ", "\t", "-", ",", "\n"]),
        min_size=len(words),
        max_size=len(words),
    ).map(lambda glues: "".join(g + w for g, w in zip(glues, words, strict=True)))
)


@cache
def bundled_vocabulary() -> parsing.Vocabulary:
    return parsing.Vocabulary.from_store(graphmodel.open())


def assert_parsed(text: str) -> None:
    """The parser never raises, whatever the length (the stores refuse questions over
    MAX_QUESTION before they parse); every word a part came from occurs in the query."""
    parsed = parsing.parse(text, bundled_vocabulary())
    assert isinstance(parsed, ParsedQuery)
    for part in parsed.parts:
        assert part.type in PART_TYPES, part
        assert part.words.strip(), part
        missing = words_not_in(text, part)
        assert not missing, f"{part} has words {missing} that are not in {text!r}"
    assert len(parsed.values("sector")) <= 1


def words_not_in(text: str, part: Part) -> list[str]:
    """The words of `part` that do not occur in `text`, case-insensitively (word by word:
    a name part joins words from all over the query)."""
    folded = text.casefold()
    return [word for word in part.words.split() if word.casefold() not in folded]


@settings(max_examples=300, deadline=None, database=None)
@given(st.text())
def test_parse_never_raises_on_any_text(text: str) -> None:
    assert_parsed(text)


@settings(max_examples=300, deadline=None, database=None)
@given(QUERY)
def test_parse_never_raises_on_vocabulary_mixed_with_noise(text: str) -> None:
    assert_parsed(text)


@pytest.mark.parametrize(
    "text",
    ["", " ", "?", "\x00", "'" * 50, "-" * 10_000, "zij-instroom " * 2_000, "\ud800", "İ", "ß"],
)
def test_parse_never_raises_on_edge_cases(text: str) -> None:
    assert_parsed(text)


LONG_WORD = """
import random, string, time
import graphmodel as gm
from graphmodel.questions import parsing
vocabulary = parsing.Vocabulary.from_store(gm.open())
parsing.parse("warm-up", vocabulary)
random.seed(9)
word = "".join(random.choices(string.ascii_lowercase, k=5_000))
start = time.perf_counter()
parsing.parse(word, vocabulary)
parsing.parse(f"toetsing {word}-{word} Zwolle", vocabulary)
print(time.perf_counter() - start)
"""


def test_a_very_long_word_parses_quickly() -> None:
    """A pasted 5,000-letter token (a slug, a hash) must not make the typo lookup blow
    up. Run in a child process with a memory cap and a timeout, so that a runaway parse
    fails this test instead of exhausting the machine."""

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (LONG_WORD_BYTES, LONG_WORD_BYTES))

    try:
        run = subprocess.run(
            [sys.executable, "-c", LONG_WORD],
            capture_output=True,
            text=True,
            timeout=LONG_WORD_TIMEOUT,
            preexec_fn=cap_memory,
            cwd=REPOSITORY,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"parsing a 5,000-letter word took over {LONG_WORD_TIMEOUT} s")
    assert run.returncode == 0, run.stderr[-2000:]
    seconds = float(run.stdout)
    assert seconds < LONG_WORD_SECONDS, f"two parses of a 5,000-letter word took {seconds:.1f} s"


def test_words_are_checked_against_the_query() -> None:
    """The property is not a tautology: words from elsewhere are caught."""
    part = Part("name", "marco snoek", "marco snoek", "Marco  Snoek", 1.0)
    assert words_not_in("snoek, MARCO", part) == []
    assert words_not_in("Marco Sneek", part) == ["Snoek"]
