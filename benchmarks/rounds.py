"""Benchmark: a verification round for every organisation of the bundled data.

A round is exported (one workbook per organisation, partnership, alliance and network)
and every workbook is taken straight back in with --apply, unchanged: every fact is then
confirmed, the largest write a round can make. Once into a copy of the data folder (the
embedded default) and once into a real Neo4j loaded with the same data, alternating,
each run from the same starting point. Reports the median seconds of export and of
import, and per workbook. Run: ``make bench-rounds`` or
``python -m benchmarks.rounds [--repeats 3]``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import graphmodel
from graphmodel import clock
from graphmodel.graph import Graph
from graphmodel.stores.neo4j import Neo4jStore
from importers.curated import read_dataset
from importers.importing import FolderTarget, StoreTarget, Target
from importers.verification.export import Selection, export_round, select_subjects
from importers.verification.intake import take_in
from verbindplaats import neo4j_server

BENCH_PORT = 17690
Timings = dict[str, list[float]]


def one_round(graph: Graph, target: Callable[[], Target], work: Path) -> tuple[float, float, int]:
    """Seconds to export the round and to take it all back in; the number of workbooks."""
    start = time.perf_counter()
    subjects = select_subjects(graph, Selection())
    paths = export_round(graph, subjects, work / "round", clock.today())
    exported = time.perf_counter()
    intake = take_in(paths, target(), apply=True)
    taken_in = time.perf_counter()
    assert intake.report.ok and intake.written, intake.report.format_text("en")[:500]
    return exported - start, taken_in - exported, len(paths)


def folder_run(work: Path) -> tuple[float, float, int]:
    folder = work / "data"
    shutil.copytree(graphmodel.BUNDLED_DATA, folder)
    return one_round(graphmodel.open(data=folder), lambda: FolderTarget(folder), work)


def neo4j_run(store: Neo4jStore, work: Path) -> tuple[float, float, int]:
    store.wipe()
    store.load(read_dataset(graphmodel.BUNDLED_DATA)[0])
    return one_round(store, lambda: StoreTarget(store), work)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    status = neo4j_server.start(BENCH_PORT)
    store = Graph(Neo4jStore.connect(status.uri, password=neo4j_server.password()))
    timings: Timings = {}
    workbooks = 0
    try:
        for _ in range(args.repeats):
            for name, run in (("embedded", folder_run), ("neo4j", lambda w: neo4j_run(store, w))):
                with tempfile.TemporaryDirectory() as work:
                    export_s, import_s, workbooks = run(Path(work))
                timings.setdefault(f"{name} export", []).append(export_s)
                timings.setdefault(f"{name} import", []).append(import_s)
    finally:
        store.close()
        neo4j_server.stop(BENCH_PORT)
    print(f"bundled data: {workbooks} workbooks per round, {args.repeats} runs per store")
    for label, seconds in timings.items():
        median = statistics.median(seconds)
        print(
            f"{label:<16} median {median:6.2f} s = {1000 * median / workbooks:6.1f} ms per workbook"
        )


if __name__ == "__main__":
    main()
