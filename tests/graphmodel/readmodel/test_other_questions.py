"""Coverage, the coverage matrix, search, facets and neighbourhoods on the read model give
exactly the answers of the same questions asked of the store itself (the reference),
for questions drawn at random with a fixed seed named in every failure."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable

import pandas as pd

from graphmodel import schema
from graphmodel.graph import Graph
from graphmodel.model import GraphBatch, Node, Relationship
from graphmodel.questions import coverage, facets, places, topics, traversal, views
from graphmodel.stores import evidence, privacy
from graphmodel.stores.base import Store
from graphmodel.stores.memory import MemoryStore
from graphmodel.text import asked

SEED = 20261123
QUESTIONS = {"MemoryStore": 40, "Neo4jStore": 6}  # per sort of question and dataset
KINDS = (None, None, *schema.ACTOR_KINDS)

# a question: what the explorer asks of the graph, and the same asked of a store
Pair = tuple[Callable[[Graph], object], Callable[[Store], object]]


def draw(batch: GraphBatch, rng: random.Random) -> dict[str, Callable[[], Pair]]:
    """Per sort of question, how to draw one on what `batch` holds."""
    topic_ids = sorted(n.id for n in batch.nodes if n.kind == "Topic")
    region_ids = sorted(n.id for n in batch.nodes if n.kind == "Region")
    at_level = {
        level: sorted(n.id for n in batch.nodes if n.get("level") == level)
        for level in places.LEVELS
    }
    held_levels = [level for level, regions in at_level.items() if regions]
    actor_ids = sorted(n.id for n in batch.nodes if n.kind in schema.ACTOR_KINDS)
    names = sorted(n.name for n in batch.nodes if n.kind != "Region")

    def a_topic() -> str | None:
        return rng.choice(topic_ids) if rng.random() < 0.8 else None

    def covered() -> Pair:
        level, topic, kind = rng.choice(places.LEVELS), a_topic(), rng.choice(KINDS)
        return (
            lambda g: g.coverage(level, topic, kind),
            lambda s: coverage.coverage(s, level, topic, kind),
        )

    def covering() -> Pair:
        # a region of the level; few hold an actor on a given topic of a given kind
        level = rng.choice(held_levels)
        region = rng.choice(at_level[level]) if rng.random() < 0.8 else None  # None: all
        topic = a_topic() if rng.random() < 0.5 else None
        kind = rng.choice(KINDS) if rng.random() < 0.5 else None
        return (
            lambda g: g.coverage_actors(level, topic, kind, region),
            lambda s: coverage.actors(s, level, topic, kind, region),
        )

    def matrix() -> Pair:
        level, kind = rng.choice(places.LEVELS), rng.choice(KINDS)
        return (lambda g: g.coverage_matrix(level, kind), lambda s: coverage.matrix(s, level, kind))

    def searched() -> Pair:
        name = rng.choice(names)
        text = name[: rng.randint(3, max(3, len(name)))]
        return (
            lambda g: g.search(text),
            lambda s: topics.search_with_topics(s, asked(text), None, 20),
        )

    def browsed() -> Pair:
        text = rng.choice(names)[:5] if rng.random() < 0.5 else None
        chosen = facets.Facets(
            kinds=tuple(rng.sample(schema.ACTOR_KINDS, rng.choice((0, 1, 2)))),
            sector=rng.choice(schema.SECTORS) if rng.random() < 0.3 else None,
            region=rng.choice(region_ids) if rng.random() < 0.4 else None,
            topic=a_topic() if rng.random() < 0.4 else None,
        )
        return (lambda g: g.browse(text, chosen), lambda s: facets.browse(s, text, chosen))

    def around() -> Pair:
        node, depth = rng.choice(actor_ids), rng.choice((1, 2))
        return (
            lambda g: g.neighbourhood(node, depth),
            lambda s: traversal.neighbourhood(s.node(node), depth, None, 200, s),
        )

    def expanded() -> Pair:
        opened = [(rng.choice(actor_ids), rng.choice((1, 2))) for _ in range(rng.choice((1, 2, 3)))]
        return (lambda g: g.expand(opened), lambda s: views.expand(s, opened))

    return {
        "coverage": covered,
        "coverage_actors": covering,
        "coverage_matrix": matrix,
        "search": searched,
        "browse": browsed,
        "neighbourhood": around,
        "expand": expanded,
    }


def same(found: object, expected: object, where: str) -> None:
    if isinstance(expected, pd.DataFrame):
        assert isinstance(found, pd.DataFrame), where
        pd.testing.assert_frame_equal(found, expected, check_exact=True, obj=where)
        assert found.attrs == expected.attrs, where
    else:
        assert found == expected, where


def test_same_answers_as_the_store(loaded: tuple[Graph, GraphBatch]) -> None:
    graph, batch = loaded
    rng = random.Random(SEED)
    count = QUESTIONS[type(graph.store).__name__]
    for sort, question in draw(batch, rng).items():
        answered = 0
        for i in range(count):
            on_graph, on_store = question()
            expected = on_store(graph.store)
            same(on_graph(graph), expected, f"seed {SEED}, {sort} question {i}")
            answered += bool(len(expected) if isinstance(expected, (list, pd.DataFrame)) else 1)
        assert answered, f"{sort}: every answer empty, nothing compared"


def test_kept_answers_stay_the_references(loaded: tuple[Graph, GraphBatch]) -> None:
    """What the read model keeps for every later question (a coverage per level, topic
    and kind; a matrix per level and kind) is at every ask the reference's answer to
    that very question: asked in turn for every kind, through the public view too, and
    after the asker changed what it was given."""
    graph, batch = loaded
    worked_on = Counter(
        r.end for r in batch.relationships if r.type == "WORKS_ON" and r.end.startswith("topic:")
    )
    topic = min(worked_on, key=lambda t: (-worked_on[t], t))  # one with actors everywhere
    for shown, store in ((graph, graph.store), (graph.public(), privacy.public(graph.store))):
        for kind in (None, *schema.ACTOR_KINDS):
            for ask in range(2):
                where = f"{type(store).__name__}, kind {kind}, ask {ask}"
                found = shown.coverage("provincie", topic, kind)
                same(found, coverage.coverage(store, "provincie", topic, kind), where)
                found["total"] = -1  # the asker's own copy
                cells = shown.coverage_matrix("provincie", kind)
                same(cells, coverage.matrix(store, "provincie", kind), where)
                cells["actors"] = -1


def test_narrower_topics_count_to_the_same_depth() -> None:
    """A chain of narrower topics deeper than evidence reaches (neither dataset holds
    one): the read model counts the actors on the same ones as the reference."""
    chain = [f"topic:t{i}" for i in range(evidence.NARROWER_DEPTH + 2)]
    nodes = [
        Node("region:GM0344", "Region", {"name": "Utrecht", "level": "gemeente"}),
        *(Node(t, "Topic", {"name": t}) for t in chain),
        *(Node(f"org:o{i}", "Organisation", {"name": f"O{i}"}) for i in range(len(chain))),
    ]
    rels = [Relationship(a, "BROADER", b) for a, b in zip(chain[1:], chain, strict=False)]
    rels += [Relationship(f"org:o{i}", "WORKS_ON", t) for i, t in enumerate(chain)]
    rels += [Relationship(f"org:o{i}", "LOCATED_IN", "region:GM0344") for i in range(len(chain))]
    store = MemoryStore()
    store.load(GraphBatch(nodes, rels))
    for topic in chain[:2]:
        expected = coverage.coverage(store, "gemeente", topic)
        same(Graph(store).coverage("gemeente", topic), expected, topic)
        assert expected["total"].iloc[0] == min(len(chain) - chain.index(topic), 4), topic
