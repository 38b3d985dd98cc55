"""Graph.topic_evidence sends only the best evidence of each kind; a store may drop
the rest before sending (Neo4j does, on the server). Dropping must never change what
find_people chooses, and both stores must drop the same."""

from __future__ import annotations

import random
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import graphmodel
from graphmodel import schema
from graphmodel.graph import Graph
from graphmodel.model import GraphBatch
from graphmodel.questions.people import DEFAULT_WEIGHTS
from graphmodel.stores import evidence
from importers.curated import read_dataset
from importers.synthetic import real_regions, synthetic_batch

TODAY = date(2026, 11, 22)
DATES = ["", "2019-03-01", "2023-06-01", "2024-12-01", "2025-11-22", "2025-11-23", "2026-05-01"]

evidence_items = st.builds(
    evidence.Evidence,
    actor=st.sampled_from(["person:a", "person:b"]),
    asked=st.sampled_from(["topic:x", "topic:y"]),
    topic=st.sampled_from(["topic:x", "topic:y", "topic:z"]),
    match=st.sampled_from(["exact", "narrower", "broader"]),
    via=st.sampled_from([None, "network:n", "project:p"]),
    verified=st.sampled_from(DATES),
)


def _choice(items: list[evidence.Evidence], actor: str, asked: str) -> tuple | None:
    """What find_people picks for an actor and asked topic: the highest score, ties by
    topic and group id (graphmodel.questions.people)."""
    scored = [
        (-_score(e), e.topic, e.via or "") for e in items if (e.actor, e.asked) == (actor, asked)
    ]
    return min(scored, default=None)


def _score(item: evidence.Evidence) -> float:
    strength = {"exact": 1.0, "narrower": 0.8, "broader": 0.5}[item.match]
    strength *= 0.5 if item.via else 1.0
    return strength * DEFAULT_WEIGHTS.decay(item.verified, TODAY)


@settings(max_examples=300, deadline=None)
@given(st.lists(evidence_items, max_size=30))
def test_dropping_never_changes_the_choice(items):
    kept = evidence.best_evidence(items, DEFAULT_WEIGHTS.fresh_since(TODAY))
    kinds = {(e.actor, e.asked, e.match, e.via is None) for e in items}
    assert len(kept) == len(kinds)  # one of each kind, none lost
    assert set(kept) <= set(items)
    for actor, asked in {(e.actor, e.asked) for e in items}:
        assert _choice(kept, actor, asked) == _choice(items, actor, asked)


def test_a_fresh_fact_is_kept_over_an_old_one_of_the_same_kind():
    old = evidence.Evidence("person:a", "topic:x", "topic:x", "exact", None, "2019-03-01")
    new = old._replace(verified="2024-12-01")
    assert evidence.best_evidence([old, new], None) == [new]
    # both fresh: equally good, so the smaller topic id wins, as in find_people
    narrower = [
        old._replace(topic="topic:z", match="narrower", verified="2026-05-01"),
        old._replace(topic="topic:y", match="narrower", verified="2025-12-01"),
    ]
    fresh_since = DEFAULT_WEIGHTS.fresh_since(TODAY)
    assert evidence.best_evidence(narrower, fresh_since) == [narrower[1]]


# --- the same on both stores, on a synthetic graph of mixed dates ------------------------


@pytest.fixture(scope="module")
def synthetic() -> GraphBatch:
    bundled, _ = read_dataset(graphmodel.BUNDLED_DATA)
    return synthetic_batch(real_regions(bundled), scale=0.1, seed=5)


@pytest.fixture(scope="module")
def memory(synthetic: GraphBatch) -> graphmodel.MemoryStore:
    store = Graph(graphmodel.MemoryStore())
    store.load(synthetic)
    return store


def _sorted(items: list[evidence.Evidence]) -> list[tuple[str, ...]]:
    return sorted(tuple(value or "" for value in item) for item in items)


@pytest.mark.neo4j
def test_neo4j_drops_on_the_server_what_the_embedded_store_drops(neo4j_store, memory, synthetic):
    neo4j_store.load(synthetic)
    all_topics = sorted(n.id for n in synthetic.nodes if n.kind == "Topic")
    rng = random.Random(5)
    asked_lists = [all_topics[:1], all_topics[:3], *(rng.sample(all_topics, 2) for _ in range(8))]
    compared = 0
    for asked in asked_lists:
        for kinds, broader, fresh_since in [
            (schema.ACTOR_KINDS, True, DEFAULT_WEIGHTS.fresh_since(TODAY)),
            (("Person", "Organisation"), True, None),
            (("Network", "Project"), False, "2024-01-01"),
        ]:
            expected = memory.topic_evidence(asked, kinds, broader, fresh_since)
            found = neo4j_store.topic_evidence(asked, kinds, broader, fresh_since)
            assert _sorted(found) == _sorted(expected), (asked, kinds, broader, fresh_since)
            compared += len(found)
    assert compared > 1000


@pytest.mark.neo4j
def test_same_people_found_on_both_stores_with_stale_and_fresh_facts(
    neo4j_store, memory, synthetic
):
    neo4j_store.load(synthetic)
    gemeenten = sorted(n.id for n in synthetic.nodes if n.get("level") == "gemeente")
    all_topics = sorted(n.id for n in synthetic.nodes if n.kind == "Topic")
    rng = random.Random(8)
    for _ in range(12):
        seeker = {"topics": rng.sample(all_topics, rng.randint(1, 2))}
        seeker["region"] = rng.choice(gemeenten)
        expected = memory.find_people(**seeker, limit=15, today=TODAY)
        # the limit holds per family: some family fills it, none passes it
        assert expected["family"].value_counts().max() == 15, seeker
        found = neo4j_store.find_people(**seeker, limit=15, today=TODAY)
        pd.testing.assert_frame_equal(found, expected)
        assert found.attrs == expected.attrs, seeker
