"""find_people on the read model gives exactly the answers of the walks over the store.

The walk-based find_people (`graphmodel.questions.people` asked of the store itself)
is the reference. Questions are drawn at random, from seeds the `seed` fixture gives
(each named in every failure): one to three topics, often a region of any level, now
and then a sector and an organisation, a limit, a language and a day (the freshness of
evidence moves with it). Every column, score and reason must be equal, and what was
found where. On the read model only the candidates that can make the top are scored in
full (`people._Shortlisted.contenders`): a bound that let one slip would change an answer.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from graphmodel import schema
from graphmodel.graph import Graph
from graphmodel.model import GraphBatch
from graphmodel.questions import nearness, people, shortlist
from graphmodel.readmodel import Snapshot

# per dataset and seed: hundreds per store and run (Neo4j's reference walks take a
# dozen round trips a question, so fewer of them per seed there)
QUESTIONS = {"MemoryStore": 150, "Neo4jStore": 60}


@pytest.fixture(params=[20261122, 7, 1999])
def seed(request: pytest.FixtureRequest) -> int:
    """The seeds the questions are drawn from: fixed, so a failure can be asked again."""
    return request.param


def questions(batch: GraphBatch, today: date, count: int, seed: int) -> list[dict]:
    """Random seekers on what `batch` holds (same seed, same questions)."""
    rng = random.Random(seed)
    topics = sorted(n.id for n in batch.nodes if n.kind == "Topic")
    regions = sorted(n.id for n in batch.nodes if n.kind == "Region")
    organisations = sorted(n.id for n in batch.nodes if n.kind == "Organisation")
    days = [today, today + timedelta(days=400), today + timedelta(days=1500)]
    return [
        {
            "topics": rng.sample(topics, rng.choice((1, 1, 2, 3))),
            "region": rng.choice(regions) if rng.random() < 0.7 else None,
            "sector": rng.choice(schema.SECTORS) if rng.random() < 0.3 else None,
            "from_org": rng.choice(organisations) if rng.random() < 0.4 else None,
            "limit": rng.choice((5, 10, 20)),
            "lang": rng.choice(("nl", "en")),
            "today": rng.choice(days),
        }
        for _ in range(count)
    ]


def reference(graph: Graph, question: dict) -> pd.DataFrame:
    """find_people walked over the store itself, as before the read model."""
    store = graph.store
    seeker = people.Seeker.resolve(
        store, question["topics"], question["region"], question["sector"], question["from_org"]
    )
    weights = people.DEFAULT_WEIGHTS
    return people.find_people(
        store, seeker, question["limit"], weights, question["today"], question["lang"]
    )


def test_same_answers_as_the_walks(
    loaded: tuple[Graph, GraphBatch], today: date, seed: int
) -> None:
    graph, batch = loaded
    count = QUESTIONS[type(graph.store).__name__]
    answered = 0
    for i, question in enumerate(questions(batch, today, count, seed)):
        answered += same_answer(graph, question, f"seed {seed}, question {i}: {question}")
    assert answered > count // 2  # most questions find someone: a real comparison


def test_a_model_prepared_ahead_gives_the_same_answers(
    loaded: tuple[Graph, GraphBatch], today: date
) -> None:
    """What a served model works out before its first question (`Graph.warm_up`) is
    what the questions would have: the answers are the walks' still."""
    graph = Graph(loaded[0].store).warm_up(today)
    asked = questions(loaded[1], today, 40, seed=5)
    answered = sum(same_answer(graph, q, f"question {i}: {q}") for i, q in enumerate(asked))
    assert answered > len(asked) // 2


def same_answer(graph: Graph, question: dict, where: str) -> bool:
    """Assert that the read model answers `question` as the walks do; whether it found
    anyone."""
    expected = reference(graph, question)
    found = graph.find_people(**question)
    pd.testing.assert_frame_equal(found, expected, check_exact=True, obj=where)
    assert found.attrs == expected.attrs, where
    return not found.empty


def test_the_nearness_bound_is_never_beyond_the_nearest_place(
    loaded: tuple[Graph, GraphBatch], seed: int
) -> None:
    """When nobody of a family is near, only the candidates whose nearness could lift
    them into the top are scored in full: the distance that bounds it
    (`shortlist.PlaceTable`) must never exceed the one nearness gives, and stay close."""
    graph, batch = loaded
    snapshot = Snapshot.of(graph.store)
    order = shortlist.ActorOrder.of(snapshot)
    table = shortlist.PlaceTable.of(snapshot, *nearness.every_place(snapshot))
    placed = sorted(n.id for n in batch.nodes if n.get("level") == "gemeente")
    for region_id in random.Random(seed).sample(placed, min(5, len(placed))):
        region = snapshot.node(region_id)
        home = nearness.Home.of(snapshot, {region_id: region}, region)
        exact = home.nearest(snapshot, order.ids)
        bound = table.nearest_km(np.arange(len(order.ids)), home.centre)
        assert exact, region_id
        for actor, near in exact.items():
            assert near.km - 0.2 <= bound[order.row[actor]] <= near.km, (region_id, actor)
        assert np.isinf(bound[[order.row[a] for a in order.ids if a not in exact]]).all()
