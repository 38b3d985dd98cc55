"""Benchmark: how long the explorer's callbacks take to answer, as the browser asks them.

Each callback is asked over HTTP, the way the browser's Dash renderer asks it: a POST to
``/_dash-update-component`` with the inputs as JSON, through the app's own WSGI stack
(Flask's test client), so the time includes Dash's dispatch and the JSON of the answer.
Measured are the callbacks users wait on that read the graph: a page drawn (the shell,
for each page), a search (results list), an expansion (the graph view after a second
node was expanded), a node selected (its details and those nearby), find-people (the
ranked answer on /mensen) and its question understood, the coverage page redrawn for a
level, topic and kind (map, table and heat map), and the actors behind a clicked count
(of the map, and of the heat map).
Datasets: the bundled data and the synthetic national-scale data (``verbindplaats
synth``), each on the embedded store and, with ``--neo4j``, on a real Neo4j, asked
alternately. Each graph and explorer are warmed up as a server does before it serves
(`Graph.warm_up`, `explorer.app.warm_up`; the embedded store's heap then kept out of
the garbage collector's walks, as `graphmodel.open` does); the first ask of each
callback, whose time is shown apart (``first ms``), meets what no warm-up works out (a
level, topic or page asked for the first time). Run: ``make bench-explorer`` or
``python -m benchmarks.explorer [--runs 50] [--scale 1] [--neo4j] [--port N]
[--callbacks page coverage ...]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from dash import Dash

import graphmodel
from benchmarks import callbacks
from benchmarks.callbacks import DEPENDENCIES
from benchmarks.queries import BENCH_PORT, p95, parts
from explorer import choices, ids
from explorer.app import create_app, warm_up
from explorer.pages import coverage, explore, people
from graphmodel.graph import Graph
from graphmodel.model import GraphBatch
from graphmodel.stores.memory import MemoryStore, freeze_heap
from graphmodel.stores.neo4j import Neo4jStore
from importers.curated import read_dataset
from importers.synthetic import real_regions, synthetic_batch
from verbindplaats import neo4j_server

Ask = Callable[[], Any]
Values = dict[str, Any]  # "component id.property" -> value
PAGES = ("/", "/mensen", "/dekking", "/over")
COVERAGE_LEVELS = ("provincie", "gemeente", "corop", "onderwijsregio")
COVERAGE_KINDS = (None, None, None, "Person", "Organisation", "Network")
CALLBACKS = (
    "page",
    "search",
    "expand",
    "details",
    "find-people",
    "understand",
    "coverage",
    "map-actors",
    "heat-actors",
)


class Renderer:
    """Asks an app's callbacks over HTTP as the Dash renderer does."""

    def __init__(self, app: Dash) -> None:
        self.client = app.server.test_client()
        self.client.get("/")  # Dash finishes its set-up on the first request
        self.callbacks = callbacks.dependencies(self.client.get(DEPENDENCIES).get_json())

    def ask(self, first_output: str, values: Values, changed: str) -> dict:
        """Call the callback whose outputs start with `first_output` ("id.property"),
        with inputs and state from `values`; `changed` is the input that fired."""
        key = next(k for k in self.callbacks if k.lstrip(".").startswith(first_output))
        body = callbacks.payload(self.callbacks, key, values, (changed,))
        response = self.client.post(callbacks.UPDATE, json=body)
        if response.status_code not in (200, 204):
            raise RuntimeError(f"{first_output}: HTTP {response.status_code}")
        return response.get_json() if response.status_code == 200 else {}


def scenarios(graph: Graph, batch: GraphBatch, runs: int, seed: int = 11) -> dict[str, list[Ask]]:
    """The same seeded questions to the explorer on `graph` (holding `batch`) as on every
    other store: a page, a search for a real name or topic, a second expansion, a node
    selected, a find-people for a topic and a gemeente, a question typed on /mensen, a
    coverage view and the actors behind one of its counts (of the map, and of a heat map
    cell, clicked by its labels as the browser sends them)."""
    rng = random.Random(seed)
    app = create_app(graph)
    warm_up(app)  # as `verbindplaats serve` does
    renderer = Renderer(app)
    topics = [n for n in batch.nodes if n.kind == "Topic"]
    gemeenten = [n.id for n in batch.nodes if n.get("level") == "gemeente"]
    actors = [n.id for n in batch.nodes if n.kind in ("Organisation", "Partnership", "Network")]
    words = [n.name.split()[0] for n in rng.sample(batch.nodes, min(200, len(batch.nodes)))]
    regions = {
        level: [n.id for n in batch.nodes if n.get("level") == level] for level in COVERAGE_LEVELS
    }

    def page() -> Ask:
        values = {f"{ids.URL}.pathname": rng.choice(PAGES), f"{ids.LANGUAGE}.value": "nl"}
        return lambda: renderer.ask(f"{ids.PAGE}.children", values, f"{ids.URL}.pathname")

    def search() -> Ask:
        text = rng.choice([*words, *(t.name for t in topics)])
        values = {f"{explore.SEARCH}.value": text, "language.value": "nl"}
        return lambda: renderer.ask(explore.RESULTS, values, f"{explore.SEARCH}.value")

    def expand() -> Ask:
        expanded = [[rng.choice(actors), 1], [rng.choice(actors), 1]]
        values = {f"{explore.EXPANDED}.data": expanded, "language.value": "nl"}
        return lambda: renderer.ask(explore.GRAPH, values, f"{explore.EXPANDED}.data")

    def details() -> Ask:
        values = {f"{explore.SELECTED}.data": rng.choice(actors), "language.value": "nl"}
        return lambda: renderer.ask(
            f"{explore.GRAPH}.stylesheet", values, f"{explore.SELECTED}.data"
        )

    def understand() -> Ask:
        text = f"{rng.choice(topics).name} {rng.choice(words)}"
        values = {f"{people.ASK}.value": text, "language.value": "nl"}
        return lambda: renderer.ask(people.UNDERSTOOD, values, f"{people.ASK}.value")

    def a_view() -> Values:
        topic = rng.choice(topics).id if rng.random() < 0.8 else None
        kind = rng.choice(COVERAGE_KINDS)
        return {
            f"{coverage.LEVEL}.value": rng.choice(COVERAGE_LEVELS),
            f"{coverage.TOPIC}.value": topic,
            f"{coverage.KIND}.value": kind,
            "language.value": "nl",
        }

    def covered() -> Ask:
        values = a_view()
        return lambda: renderer.ask(coverage.BODY, values, f"{coverage.LEVEL}.value")

    def behind_region() -> Ask:
        values = a_view()
        region = rng.choice(regions[values[f"{coverage.LEVEL}.value"]])
        values[f"{coverage.MAP}.clickData"] = {"points": [{"location": region}]}
        return lambda: renderer.ask(coverage.ACTORS, values, f"{coverage.MAP}.clickData")

    def heat_axes(values: Values) -> coverage.HeatAxes:
        level, kind = values[f"{coverage.LEVEL}.value"], values[f"{coverage.KIND}.value"]
        labels = {t.id: choices.topic_label(t, "nl") for t in topics}
        return coverage.heat_axes(graph.coverage_matrix(level, kind), labels)

    def behind_cell() -> Ask:
        values = a_view()
        while not (axes := heat_axes(values)).rows:  # a heat map without cells: no click
            values = a_view()
        point = {"x": rng.choice([*axes.columns.values()]), "y": rng.choice([*axes.rows.values()])}
        values[f"{coverage.HEAT}.clickData"] = {"points": [point]}
        return lambda: renderer.ask(coverage.HEAT_ACTORS, values, f"{coverage.HEAT}.clickData")

    def find_people() -> Ask:
        values = {
            f"{people.TOPICS}.value": [rng.choice(topics).id],
            f"{people.REGION}.value": rng.choice(gemeenten),
            "language.value": "nl",
        }
        return lambda: renderer.ask(people.ANSWER, values, f"{people.TOPICS}.value")

    sorts = {
        "page": page,
        "search": search,
        "expand": expand,
        "details": details,
        "find-people": find_people,
        "understand": understand,
        "coverage": covered,
        "map-actors": behind_region,
        "heat-actors": behind_cell,
    }
    return {name: [ask() for _ in range(runs)] for name, ask in sorts.items()}


def measure(asked: dict[str, list[Ask]]) -> dict[str, tuple[float, list[float]]]:
    """Milliseconds per question for each store, asked alternately: the first ask
    apart (it meets the callback cold), then every ask after it."""
    first = {name: _timed(store_asks[0]) for name, store_asks in asked.items()}
    times: dict[str, list[float]] = {name: [] for name in asked}
    for i in range(len(next(iter(asked.values())))):
        for name, store_asks in asked.items():
            times[name].append(_timed(store_asks[i]))
    return {name: (first[name], times[name]) for name in asked}


def _timed(ask: Ask) -> float:
    start = time.perf_counter()
    ask()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--neo4j", action="store_true", help="also on a real Neo4j")
    parser.add_argument("--port", type=int, default=BENCH_PORT, help="the Neo4j's Bolt port")
    parser.add_argument(
        "--callbacks",
        nargs="+",
        default=CALLBACKS,
        choices=CALLBACKS,
        help="the callbacks to ask (all by default)",
    )
    args = parser.parse_args()

    bundled, _ = read_dataset(graphmodel.BUNDLED_DATA)
    datasets = {
        "bundled": bundled,
        f"synthetic x{args.scale:g}": synthetic_batch(real_regions(bundled), scale=args.scale),
    }
    neo4j = _start_neo4j(args.port) if args.neo4j else None
    print("data            callback     store    first ms  runs  median ms   p95 ms")
    try:
        for data_name, batch in datasets.items():
            stores = {"memory": _served(Graph(MemoryStore()), batch)}
            freeze_heap()  # as graphmodel.open does for the embedded store it serves
            if neo4j is not None:
                neo4j.wipe()
                stores["neo4j"] = _served(neo4j, batch)
            per_store = {name: scenarios(store, batch, args.runs) for name, store in stores.items()}
            for callback in args.callbacks:
                timed = measure({name: asks[callback] for name, asks in per_store.items()})
                for store_name, (first, ms) in timed.items():
                    print(
                        f"{data_name:14s}  {callback:11s}  {store_name:7s}  {first:8.1f}  "
                        f"{len(ms):4d}  {statistics.median(ms):9.1f}  {p95(ms):7.1f}",
                        flush=True,
                    )
    finally:
        if neo4j is not None:
            neo4j.close()
            neo4j_server.stop(args.port)


def _served(graph: Graph, batch: GraphBatch) -> Graph:
    """`graph` holding `batch`, its read model warmed up."""
    for part in parts(batch):
        graph.load(part)
    return graph.warm_up()


def _start_neo4j(port: int) -> Neo4jStore:
    status = neo4j_server.start(port)
    return Graph(Neo4jStore.connect(status.uri, password=neo4j_server.password()))


if __name__ == "__main__":
    main()
