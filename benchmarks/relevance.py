"""Relevance of find_people: hits@k per family and the mean reciprocal rank, on a set of
cases judged from what the sources state.

Each case (benchmarks/relevance_cases.csv) is a seeker (topics, optionally region and
sector), the family judged (people, groups or organisations), the answers a source names
for it, and that source (a bron id of data/curated/sources.csv, where the seed documents
are) with the words that say so. A case hits at k when one of its answers is among the
first k of its family; its reciprocal rank is 1 / the rank of the first (0 when none is in
the first `DEPTH`). Prints per family the cases, hits@1, @3, @5, @10 and MRR, the same
over all, and the cases without a hit. Scores age to a pinned day: a run is repeatable.

Run: ``python -m benchmarks.relevance [--cases PATH] [--neo4j bolt://...]``.
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import graphmodel
from graphmodel.graph import Graph
from graphmodel.questions.people import FAMILIES

CASES = Path(__file__).resolve().with_name("relevance_cases.csv")
KS = (1, 3, 5, 10)
DEPTH = max(KS)
TODAY = date(2026, 11, 22)  # the day the tests pin: the scores age to it


@dataclass(frozen=True)
class Case:
    """One judged question: who, in which family, a source names as an answer."""

    name: str
    topics: tuple[str, ...]
    region: str | None
    sector: str | None
    family: str
    relevant: frozenset[str]
    source: str


def read_cases(path: Path) -> list[Case]:
    """The cases of `path`; ValueError for a row without answers, source or family."""
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    cases = []
    for number, row in enumerate(rows, start=2):
        if row["family"] not in FAMILIES or not row["relevant"] or not row["source"]:
            raise ValueError(f"{path}, row {number}: needs a family, answers and a source")
        cases.append(
            Case(
                row["case"],
                tuple(row["topics"].split(";")),
                row["region"] or None,
                row["sector"] or None,
                row["family"],
                frozenset(row["relevant"].split(";")),
                row["source"],
            )
        )
    return cases


def rank_of_first(store: Graph, case: Case) -> int | None:
    """The rank of the first relevant answer in the case's family (None: not in DEPTH)."""
    found = store.find_people(
        list(case.topics), region=case.region, sector=case.sector, limit=DEPTH, today=TODAY
    )
    family = found[found["family"] == case.family]
    ranks = [
        int(r) for r, i in zip(family["rank"], family["id"], strict=True) if i in case.relevant
    ]
    return min(ranks, default=None)


@dataclass
class Tally:
    """Hits at each k and the reciprocal ranks of a group of cases."""

    ranks: list[int | None]

    def hits(self, k: int) -> float:
        return sum(1 for r in self.ranks if r is not None and r <= k) / len(self.ranks)

    @property
    def mrr(self) -> float:
        return sum(1 / r for r in self.ranks if r is not None) / len(self.ranks)

    def line(self, label: str) -> str:
        hits = "".join(f"{self.hits(k):>9.2f}" for k in KS)
        return f"{label:<15}{len(self.ranks):>6}{hits}{self.mrr:>8.3f}"


def report(cases: Sequence[Case], ranks: Sequence[int | None]) -> str:
    """The table of hits@k and MRR per family and over all, then the misses."""
    header = f"{'family':<15}{'cases':>6}" + "".join(f"{'hits@' + str(k):>9}" for k in KS)
    lines = [header + f"{'MRR':>8}"]
    for family in FAMILIES:
        mine = [r for c, r in zip(cases, ranks, strict=True) if c.family == family]
        if mine:
            lines.append(Tally(mine).line(family))
    lines.append(Tally(list(ranks)).line("all"))
    misses = [c for c, r in zip(cases, ranks, strict=True) if r is None]
    lines += ["", f"no hit in the first {DEPTH}: " + (", ".join(c.name for c in misses) or "-")]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--neo4j", help="a Neo4j URI instead of the embedded store")
    args = parser.parse_args(argv)
    cases = read_cases(args.cases)
    with graphmodel.open(args.neo4j) as store:
        ranks = [rank_of_first(store, case) for case in cases]
    print(report(cases, ranks))


if __name__ == "__main__":
    main()
