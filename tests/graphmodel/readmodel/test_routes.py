"""Introduction routes on the read model are exactly the store's routes.

The store's own search (`graphmodel.stores.routes` embedded, ``ALL SHORTEST`` on Neo4j) is
the reference. From seeds the `seed` fixture gives (each named in every failure), origins
are drawn as find_people asks from them (an organisation, now and then a person, and a
gemeente with one hop more), with targets of every kind of actor, some that no route
reaches, the origin itself, and now and then a region, topic or event: every walk must be
equal, node by node and relationship by relationship, and so must which targets have none.
"""

from __future__ import annotations

import random

import pytest

from graphmodel import schema
from graphmodel.graph import Graph
from graphmodel.model import GraphBatch, Relationship
from graphmodel.readmodel import Snapshot, routing
from graphmodel.readmodel.routing import RADIUS
from graphmodel.stores.base import Store
from graphmodel.stores.routes import ROUTE_AVOIDS, ROUTE_MAX_HOPS, shortest_walk

# per store, dataset and seed: hundreds per store and run (Neo4j answers each in one round
# trip), enough to meet a route of every length on each
QUESTIONS = 150


@pytest.fixture(params=[20261122, 7, 1999])
def seed(request: pytest.FixtureRequest) -> int:
    """The seeds the questions are drawn from: fixed, so a failure can be asked again."""
    return request.param


def questions(batch: GraphBatch, count: int, seed: int) -> list[tuple[str, list[str], int]]:
    """(origin, targets, max_hops) drawn from what `batch` holds (same seed, same list)."""
    rng = random.Random(seed)
    by_kind: dict[str, list[str]] = {}
    for node in batch.nodes:
        by_kind.setdefault(node.kind, []).append(node.id)
    ids = {kind: sorted(found) for kind, found in by_kind.items()}
    actors = [n for kind in schema.ACTOR_KINDS for n in ids.get(kind, [])]
    others = [n for kind in ("Region", "Topic", "Event") for n in ids.get(kind, [])]
    gemeenten = sorted(n.id for n in batch.nodes if n.get("level") == "gemeente")
    around: dict[str, list[str]] = {}
    for rel in batch.relationships:
        around.setdefault(rel.start, []).append(rel.end)
        around.setdefault(rel.end, []).append(rel.start)
    drawn = []
    for _ in range(count):
        pick = rng.random()
        if pick < 0.5:
            origin, max_hops = rng.choice(ids["Organisation"]), ROUTE_MAX_HOPS
        elif pick < 0.7:
            origin, max_hops = rng.choice(ids["Person"]), ROUTE_MAX_HOPS
        else:
            origin, max_hops = rng.choice(gemeenten), ROUTE_MAX_HOPS + 1
        targets = rng.sample(actors, min(len(actors), rng.choice((1, 5, 20, 60))))
        targets += [*near(around, origin, rng), origin, *rng.sample(others, 2)]
        rng.shuffle(targets)
        drawn.append((origin, targets, max_hops))
    return drawn


def graph_around(store: Store) -> tuple[dict, dict[str, str]]:
    """What `routing.Routes` reads, as the read model reads it from `store`: every
    (other end, relationship) at a node in the order of the export, and every kind."""
    batch = store.export()
    around: dict[str, list[tuple[str, Relationship]]] = {}
    for rel in batch.relationships:
        around.setdefault(rel.start, []).append((rel.end, rel))
        around.setdefault(rel.end, []).append((rel.start, rel))
    return around, {node.id: node.kind for node in batch.nodes}


def near(around: dict[str, list[str]], origin: str, rng: random.Random) -> list[str]:
    """A few nodes two steps from `origin` (`around`: every node's neighbours): random
    actors of a large graph are mostly out of reach, these are short routes with ties."""
    first = around.get(origin, [])
    second = [n for m in rng.sample(first, min(3, len(first))) for n in around.get(m, [])]
    return rng.sample(second, min(5, len(second)))


def test_same_routes_as_the_store(loaded: tuple[Graph, GraphBatch], seed: int) -> None:
    graph, batch = loaded
    store = graph.store
    model = Snapshot.of(store)
    # the default ball is never trimmed on graphs this small: the smaller balls a large
    # graph's busy origins get are asked as well
    smaller = [routing.Routes(*graph_around(store), radius=r, budget=0) for r in (1, 2)]
    lengths = set()
    for i, (origin, targets, max_hops) in enumerate(questions(batch, QUESTIONS, seed)):
        expected = store.shortest_walks(origin, targets, max_hops)
        where = f"seed {seed}, question {i}: from {origin} within {max_hops}"
        for found in (
            model.shortest_walks(origin, targets, max_hops),
            *(routes.shortest_walks(origin, targets, max_hops) for routes in smaller),
        ):
            assert found.keys() == expected.keys(), where
            for target, walk in expected.items():
                assert found[target] == walk, f"{where}, to {target}"
        lengths |= {len(walk.relationships) for walk in expected.values()}
    # the questions reach every length a route can have, so every way the search ends
    assert lengths == set(range(ROUTE_MAX_HOPS + 2)), lengths


def tangle(rng: random.Random) -> tuple[dict, dict[str, str]]:
    """A small graph dense with ties (`around` and kinds, as `graph_around`): actors
    of kinds ranked both ways, nodes of avoided kinds, two relationships between one
    pair of nodes now and then, and a node related to itself."""
    kinds = {"org": "Organisation", "person": "Person", "network": "Network"}
    kinds |= {"topic": "Topic", "region": "Region"}
    ids = {f"{prefix}:{i}": kind for i in range(5) for prefix, kind in kinds.items()}
    nodes = sorted(ids)
    around: dict[str, list[tuple[str, Relationship]]] = {}
    for _ in range(40):
        start, end = rng.sample(nodes, 2) if rng.random() < 0.95 else [rng.choice(nodes)] * 2
        for role in rng.sample(["", "lid", "chair"], rng.choice((1, 1, 1, 2))):
            rel = Relationship(start, rng.choice(["MEMBER_OF", "WORKS_AT"]), end, {"role": role})
            around.setdefault(rel.start, []).append((rel.end, rel))
            around.setdefault(rel.end, []).append((rel.start, rel))
    return around, ids


@pytest.mark.parametrize("radius", [1, 2, RADIUS])
def test_same_routes_on_a_tangle(seed: int, radius: int) -> None:
    """Every origin to every target within every length, against the store's own
    search: meetings at each depth of the target's side, with ties at every hop."""
    rng = random.Random(seed)
    for _ in range(4):
        around, kinds = tangle(rng)
        routes = routing.Routes(around, kinds, radius=radius, budget=0)

        def passable(node: str, kinds: dict[str, str] = kinds) -> bool:
            return kinds[node] not in ROUTE_AVOIDS

        def steps(node: str, around: dict = around) -> list:
            return around.get(node, [])

        for origin in kinds:
            for max_hops in range(ROUTE_MAX_HOPS + 2):
                found = routes.shortest_walks(origin, list(kinds), max_hops)
                for target in kinds:
                    expected = shortest_walk(origin, target, steps, passable, max_hops)
                    assert found.get(target) == expected, (seed, origin, target, max_hops)
