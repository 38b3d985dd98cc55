"""Benchmark: batched load (UNWIND $rows ... MERGE) versus one statement per row.

Both loads write the same synthetic national-scale graph into the same real Neo4j, side
by side in one process, alternating, the database emptied before each run. Reports the
median rows per second of each and their ratio. Run: ``make bench`` or
``python -m benchmarks.load_neo4j [--scale 1] [--repeats 3]``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from neo4j import Driver, GraphDatabase

import graphmodel
from graphmodel.graph import Graph
from graphmodel.model import GraphBatch
from graphmodel.stores import cypher
from graphmodel.stores.neo4j import Neo4jStore, node_rows, relationship_rows
from importers.curated import read_dataset
from importers.synthetic import real_regions, synthetic_batch
from verbindplaats import neo4j_server

BENCH_PORT = 17690


def naive_load(driver: Driver, batch: GraphBatch) -> None:
    """One auto-commit statement per node and per relationship: the baseline."""
    for label, rows in node_rows(batch.nodes).items():
        statement = cypher.with_label(cypher.MERGE_NODES, label)
        for row in rows:
            driver.execute_query(statement, rows=[row])
    for rel_type, rows in relationship_rows(batch.relationships).items():
        statement = cypher.with_type(cypher.MERGE_RELATIONSHIPS, rel_type)
        for row in rows:
            driver.execute_query(statement, rows=[row])


def timed(function: Callable[..., object], *args: object) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    bundled, _ = read_dataset(graphmodel.BUNDLED_DATA)
    batch = synthetic_batch(real_regions(bundled), scale=args.scale)
    rows = len(batch)
    status = neo4j_server.start(BENCH_PORT)
    store = Graph(Neo4jStore.connect(status.uri, password=neo4j_server.password()))
    driver = GraphDatabase.driver(status.uri, auth=("neo4j", neo4j_server.password()))
    try:
        batched, naive = [], []
        for _ in range(args.repeats):
            store.wipe()
            batched.append(timed(store.load, batch))
            store.wipe()
            naive.append(timed(naive_load, driver, batch))
        assert store.stats().node_total == len(batch.nodes)
    finally:
        driver.close()
        store.close()
        neo4j_server.stop(BENCH_PORT)
    batched_rate = rows / statistics.median(batched)
    naive_rate = rows / statistics.median(naive)
    print(
        f"synthetic scale {args.scale}: {len(batch.nodes)} nodes + "
        f"{len(batch.relationships)} relationships = {rows} rows, {args.repeats} runs each"
    )
    print(f"batched load: median {statistics.median(batched):.2f} s = {batched_rate:,.0f} rows/s")
    print(f"naive load:   median {statistics.median(naive):.2f} s = {naive_rate:,.0f} rows/s")
    print(f"ratio batched/naive: {batched_rate / naive_rate:.1f}x")


if __name__ == "__main__":
    main()
