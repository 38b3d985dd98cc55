"""Quality of the query parser: precision and recall per part type on a labelled set.

Each row of the set (tests/parsing/queries.csv) is a query with the parse the rules of
`graphmodel.questions.parsing` call for. Parts are compared per type as sets of values, so the
order of the parts does not count and a type with nothing expected and nothing found is
right. Prints one line per type (expected, found, correct, precision, recall), the rows
where a type came out wrong, and the parse latency (median and 95th percentile) over the
set. Run: ``python -m benchmarks.parse_quality [--csv PATH]``. The test of the labelled
set (tests/parsing/test_labelled_queries.py) reuses `read_rows` and `score`.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import graphmodel
from graphmodel.questions.parsing import ParsedQuery

QUERIES = Path(__file__).resolve().parents[1] / "tests" / "parsing" / "queries.csv"
# part type -> the column of the labelled set that holds its expected values
COLUMNS = {
    "topic": "topics",
    "place": "places",
    "sector": "sector",
    "kind": "kinds",
    "people": "people",
    "name": "name",
}
PART_TYPES = tuple(COLUMNS)
RUNS = 20  # parses per query when timing


@dataclass(frozen=True)
class Row:
    """One labelled query: the values each part type should have."""

    query: str
    expected: Mapping[str, frozenset[str]]
    note: str = ""


@dataclass(frozen=True)
class Miss:
    """A part type that came out wrong for one query."""

    query: str
    part_type: str
    expected: frozenset[str]
    got: frozenset[str]


@dataclass
class Score:
    """Counts of values over the set for one part type, and the rows it got wrong."""

    expected: int = 0
    found: int = 0
    correct: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Right values among those found; finding nothing is never wrong."""
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """Expected values that were found; with nothing expected, nothing is missed."""
        return self.correct / self.expected if self.expected else 1.0


def read_rows(path: Path = QUERIES) -> list[Row]:
    """The labelled set: multi-valued cells are ';'-separated, `people` is "yes" or
    empty, `name` the expected name text or empty."""
    with path.open(encoding="utf-8", newline="") as file:
        return [_row(record) for record in csv.DictReader(file)]


def _row(record: Mapping[str, str]) -> Row:
    expected = {t: _values(t, record[column]) for t, column in COLUMNS.items()}
    return Row(record["query"], expected, record.get("note", ""))


def _values(part_type: str, cell: str) -> frozenset[str]:
    """A cell as the values `ParsedQuery.values(part_type)` gives for it."""
    if part_type == "people":
        return frozenset({"people"}) if cell.strip() == "yes" else frozenset()
    if part_type == "name":
        return frozenset({cell}) if cell else frozenset()
    return frozenset(value.strip() for value in cell.split(";") if value.strip())


def score(rows: Iterable[Row], parse: Callable[[str], ParsedQuery]) -> dict[str, Score]:
    """Precision and recall counts per part type of `parse` over `rows`."""
    scores = {t: Score() for t in PART_TYPES}
    for row in rows:
        parsed = parse(row.query)
        for part_type, tally in scores.items():
            want, got = row.expected[part_type], frozenset(parsed.values(part_type))
            tally.expected += len(want)
            tally.found += len(got)
            tally.correct += len(want & got)
            if want != got:
                tally.misses.append(Miss(row.query, part_type, want, got))
    return scores


def latency(queries: list[str], parse: Callable[[str], object], runs: int = RUNS) -> list[float]:
    """Milliseconds per parse: every query `runs` times, after one warm-up pass."""
    for query in queries:
        parse(query)
    timings = []
    for _ in range(runs):
        for query in queries:
            start = time.perf_counter()
            parse(query)
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def score_table(scores: Mapping[str, Score]) -> str:
    lines = [f"{'type':<8}{'expected':>9}{'found':>7}{'correct':>8}{'precision':>10}{'recall':>8}"]
    for part_type, s in scores.items():
        lines.append(
            f"{part_type:<8}{s.expected:>9}{s.found:>7}{s.correct:>8}"
            f"{s.precision:>10.3f}{s.recall:>8.3f}"
        )
    return "\n".join(lines)


def misses_table(scores: Mapping[str, Score]) -> str:
    """The wrong rows, one per line: query | type | expected | got."""
    misses = [miss for s in scores.values() for miss in s.misses]
    return "\n".join(
        f"{miss.query!r} | {miss.part_type} | {_show(miss.expected)} | {_show(miss.got)}"
        for miss in misses
    )


def _show(values: frozenset[str]) -> str:
    return ";".join(sorted(values)) or "-"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=QUERIES, help="the labelled set")
    args = parser.parse_args(argv)
    rows = read_rows(args.csv)
    store = graphmodel.open()

    def parse(text: str) -> ParsedQuery:
        return graphmodel.parse(text, store)

    scores = score(rows, parse)
    print(f"{len(rows)} labelled queries in {args.csv}\n")
    print(score_table(scores))
    wrong = misses_table(scores)
    print(f"\nwrong ({sum(len(s.misses) for s in scores.values())}):\n{wrong or '(none)'}")
    timings = latency([row.query for row in rows], parse)
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(
        f"\nlatency over {len(timings)} parses ({RUNS} per query, after a warm-up): "
        f"median {statistics.median(timings):.3f} ms, p95 {p95:.3f} ms"
    )


if __name__ == "__main__":
    main()
