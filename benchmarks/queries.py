"""Benchmark: latency of the interactive questions on both stores, by the walks over the
store (the reference) and on the read model (`graphmodel.readmodel`), side by side.

For each scale, one synthetic national-scale graph (``verbindplaats synth``) is loaded
into the embedded store and into a real Neo4j; the same seeded list of questions is then
asked of each store both ways, in alternating blocks, after a warm-up of other questions.
The read model is warmed up as a server warms it up before it serves (`Graph.warm_up`:
built, with what the hot questions keep worked out for today);
``find_people_new_day`` asks each question on a day of its own, the first on its topic
that day. Reports median and 95th percentile per question and way, the read model's
build time and memory per store, and what the warm-up costs and holds. Run:
``make bench-queries`` or ``python -m benchmarks.queries [--scales 1 10] [--runs 100]
[--warm-up 200] [--port N] [--questions find_people search ...] [--ways ...]``.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta

import pandas as pd

import graphmodel
from graphmodel import clock
from graphmodel.errors import GraphModelError
from graphmodel.graph import Graph
from graphmodel.model import GraphBatch, Node, Relationship, SearchHit, Subgraph
from graphmodel.questions import coverage, people, topics, traversal
from graphmodel.readmodel import Snapshot
from graphmodel.stores.base import Store
from graphmodel.stores.memory import MemoryStore, freeze_heap
from graphmodel.stores.neo4j import Neo4jStore
from graphmodel.text import asked
from importers.curated import read_dataset
from importers.synthetic import real_regions, synthetic_batch
from verbindplaats import neo4j_server

BENCH_PORT = 17691
WARM_UP_SEED = 1  # the warm-up questions differ from the measured ones (seed 7)
QUESTIONS = ("find_people", "find_people_new_day", "coverage", "matrix", "neighbourhood", "search")
WAYS = ("memory walks", "memory read model", "neo4j walks", "neo4j read model")


class Walks:
    """The questions asked of the store itself, as before the read model: the reference."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def find_people(
        self,
        topic_ids: Sequence[str],
        region: str | None = None,
        from_org: str | None = None,
        today: date | None = None,
    ) -> pd.DataFrame:
        seeker = people.Seeker.resolve(self.store, topic_ids, region, None, from_org)
        weights = people.DEFAULT_WEIGHTS
        return people.find_people(self.store, seeker, 20, weights, clock.today(today), "nl")

    def coverage(self, level: str, topic: str) -> pd.DataFrame:
        return coverage.coverage(self.store, level, topic)

    def coverage_matrix(self, level: str) -> pd.DataFrame:
        return coverage.matrix(self.store, level)

    def neighbourhood(self, node_id: str, depth: int = 1, limit: int = 200) -> Subgraph:
        return traversal.neighbourhood(self.store.node(node_id), depth, None, limit, self.store)

    def search(self, text: str) -> list[SearchHit]:
        return topics.search_with_topics(self.store, asked(text), None, 20)


Asked = Graph | Walks
Question = Callable[[Asked], object]


def questions(batch: GraphBatch, runs: int, seed: int = 7) -> dict[str, list[Question]]:
    """The same random questions for every store: a topic with a gemeente (and now and
    then an organisation), also each on a day of its own (the first question on its
    topic that day: the read model works out what it knows of the topic for the day), a
    coverage map and matrix, a node's neighbourhood, and a search for the start of a
    name."""
    rng = random.Random(seed)
    topics = [n.id for n in batch.nodes if n.kind == "Topic"]
    gemeenten = [n.id for n in batch.nodes if n.get("level") == "gemeente"]
    schools = [n.id for n in batch.nodes if n.get("category") == "school"]
    actors = [n.id for n in batch.nodes if n.kind in ("Person", "Partnership", "Organisation")]
    levels = ["provincie", "gemeente", "corop", "onderwijsregio"]

    def seeker(days_on: int = 0) -> Question:
        topic, region = rng.choice(topics), rng.choice(gemeenten)
        org = rng.choice(schools) if rng.random() < 0.5 else None
        today = clock.today() + timedelta(days=days_on)
        return lambda s: s.find_people([topic], region=region, from_org=org, today=today)

    def coverage() -> Question:
        level, topic = rng.choice(levels), rng.choice(topics)
        return lambda s: s.coverage(level, topic)

    def matrix() -> Question:
        level = rng.choice(levels)
        return lambda s: s.coverage_matrix(level)

    def neighbourhood() -> Question:
        node_id = rng.choice(actors)
        return lambda s: s.neighbourhood(node_id, depth=2, limit=200)

    def search() -> Question:
        name = rng.choice(names)
        text = name[: rng.randint(3, max(3, len(name)))]
        return lambda s: s.search(text)

    names = [n.name for n in batch.nodes if n.kind in ("Topic", "Organisation", "Person")]
    return {
        "find_people": [seeker() for _ in range(runs)],
        "find_people_new_day": [seeker(days_on=day) for day in range(1, max(10, runs // 2))],
        "coverage": [coverage() for _ in range(max(10, runs // 5))],
        "matrix": [matrix() for _ in range(max(10, runs // 10))],
        "neighbourhood": [neighbourhood() for _ in range(runs)],
        "search": [search() for _ in range(runs)],
    }


def measure(
    stores: dict[str, Asked],
    timed: list[Question],
    warm_up: list[Question],
    rounds: int = 5,
) -> dict[str, list[float]]:
    """Milliseconds per question per store, after `warm_up` (other questions of the same
    sort): a server that has run for a while has compiled its hot code (Neo4j's JVM
    answered find_people over four times slower after one warm-up question than after 200),
    and that is the server colleagues use. The questions are asked in `rounds` blocks,
    each block of one store after the other: every store meets the same stretch of a
    shared machine, while the work a server does after an answer (Neo4j's JVM) does not
    run into the embedded store's next question. A way that fails gets no times."""
    answering = dict(stores)
    times: dict[str, list[float]] = {name: [] for name in stores}
    for name, store in stores.items():
        if not _answered(warm_up, store):
            del answering[name]
    size = -(-len(timed) // rounds)
    for block in (timed[i : i + size] for i in range(0, len(timed), size)):
        for name, store in list(answering.items()):
            for question in block:
                start = time.perf_counter()
                if not _answered([question], store):
                    del answering[name]
                    break
                times[name].append((time.perf_counter() - start) * 1000)
    return {name: times[name] if name in answering else [] for name in stores}


def _answered(asked: list[Question], store: Asked) -> bool:
    """Whether `store` answered every question: a way that cannot (Neo4j's walks for a
    matrix at scale 10 outgrow its transaction memory) is reported, not timed."""
    try:
        for question in asked:
            question(store)
    except GraphModelError as exc:
        print(f"# {type(exc).__name__}: {str(exc)[:200]}", flush=True)
        return False
    return True


def parts(batch: GraphBatch, size: int = 50_000) -> list[GraphBatch]:
    """The batch in loads of `size` entries, nodes first: at scale 10 one transaction
    would outgrow the local server's transaction memory (512 MB heap)."""
    entries = [*batch.nodes, *batch.relationships]
    return [
        GraphBatch(
            [e for e in entries[i : i + size] if isinstance(e, Node)],
            [e for e in entries[i : i + size] if isinstance(e, Relationship)],
        )
        for i in range(0, len(entries), size)
    ]


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def build_cost(store: Store) -> str:
    """The read model's build from `store`: seconds, and the memory it holds (what the
    process's allocations grew by, the model kept alive); then what its first coverage
    and matrix cost (they build the indexes coverage counts from, `readmodel.covering`),
    and what it holds after."""
    gc.collect()
    before = _allocated()
    start = time.perf_counter()
    model = Snapshot.of(store)
    seconds = time.perf_counter() - start
    gc.collect()
    held = _allocated() - before
    topic = model.nodes_of("Topic")[0].id
    start = time.perf_counter()
    coverage.coverage(model, "gemeente", topic)
    first_coverage = time.perf_counter() - start
    start = time.perf_counter()
    coverage.matrix(model, "gemeente")
    first_matrix = time.perf_counter() - start
    gc.collect()
    after = _allocated() - before
    del model
    return (
        f"build {seconds:6.2f} s, holds {held / 2**20:6.0f} MiB; first coverage "
        f"{first_coverage:5.2f} s, first matrix {first_matrix:5.2f} s, then holds "
        f"{after / 2**20:6.0f} MiB"
    )


def warm_up_cost(graph: Graph) -> str:
    """What warming up `graph`'s read model costs (`Graph.warm_up`: its build, and what
    the hot questions keep worked out for today): seconds, and the memory it holds."""
    gc.collect()
    before = _allocated()
    start = time.perf_counter()
    graph.warm_up()
    seconds = time.perf_counter() - start
    gc.collect()
    return f"warm-up {seconds:6.2f} s, holds {(_allocated() - before) / 2**20:6.0f} MiB"


def _allocated() -> int:
    """Bytes in use by the process now (its resident pages)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--warm-up", type=int, default=200, help="questions per kind first")
    parser.add_argument("--port", type=int, default=BENCH_PORT, help="the Neo4j's Bolt port")
    parser.add_argument(
        "--questions",
        nargs="+",
        default=QUESTIONS,
        choices=QUESTIONS,
        help="the sorts of question to ask (all by default)",
    )
    parser.add_argument(
        "--ways",
        nargs="+",
        default=WAYS,
        choices=WAYS,
        help="the ways to ask them (all by default; at scale 10 the walks take seconds a question)",
    )
    args = parser.parse_args()

    bundled, _ = read_dataset(graphmodel.BUNDLED_DATA)
    status = neo4j_server.start(args.port)
    neo4j = Graph(Neo4jStore.connect(status.uri, password=neo4j_server.password()))
    print("scale  question       way                 runs  median ms   p95 ms")
    try:
        for scale in args.scales:
            batch = synthetic_batch(real_regions(bundled), scale=scale)
            memory = Graph(MemoryStore())
            memory.load(batch)
            freeze_heap()  # as graphmodel.open does for the explorer and notebooks
            neo4j.wipe()
            for part in parts(batch):
                neo4j.load(part)
            for name, graph in (("memory", memory), ("neo4j", neo4j)):
                print(f"{scale:5g}  read model     {name:18s}  {build_cost(graph.store)}")
                print(f"{scale:5g}  read model     {name:18s}  {warm_up_cost(graph)}")
            freeze_heap()  # what the warm-up keeps lives as long as the process, as served
            ways: dict[str, Asked] = {
                "memory walks": Walks(memory.store),
                "memory read model": memory,
                "neo4j walks": Walks(neo4j.store),
                "neo4j read model": neo4j,
            }
            stores = {name: way for name, way in ways.items() if name in args.ways}
            warm_ups = questions(batch, args.warm_up, seed=WARM_UP_SEED)
            for name, timed in questions(batch, args.runs).items():
                if name not in args.questions:
                    continue
                for store, ms in measure(stores, timed, warm_ups[name]).items():
                    timing = f"{statistics.median(ms):9.1f}  {p95(ms):7.1f}" if ms else "   failed"
                    print(
                        f"{scale:5g}  {name:13s}  {store:18s}  {len(ms):4d}  {timing}", flush=True
                    )
    finally:
        neo4j.close()
        neo4j_server.stop(args.port)


if __name__ == "__main__":
    main()
