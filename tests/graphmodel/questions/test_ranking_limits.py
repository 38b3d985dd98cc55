"""find_people searches the seeker's regions only as far as its top needs
(graphmodel.questions.proximity); the top it returns must be exactly that of scoring everyone.

Checked on a synthetic graph (``importers.synthetic``, labelled synthetic) with real
regions and verified dates spread over eight years, so that stale and fresh links mix,
for seekers drawn at random: with and without an organisation, a sector, two topics.
"""

from __future__ import annotations

import random

import pytest

import graphmodel
from graphmodel.graph import Graph
from graphmodel.model import GraphBatch
from importers.curated import read_dataset
from importers.synthetic import real_regions, synthetic_batch

COMPARED = ["family", "id", "score", "region_score", "why"]
EVERYONE = 100_000


@pytest.fixture(scope="module")
def synthetic() -> GraphBatch:
    bundled, _ = read_dataset(graphmodel.BUNDLED_DATA)
    return synthetic_batch(real_regions(bundled), scale=0.05, seed=3)


def seekers(batch: GraphBatch, count: int) -> list[dict]:
    rng = random.Random(11)
    topics = sorted(n.id for n in batch.nodes if n.kind == "Topic")
    gemeenten = sorted(n.id for n in batch.nodes if n.get("level") == "gemeente")
    schools = sorted(n.id for n in batch.nodes if n.get("category") == "school")
    found = []
    for i in range(count):
        seeker = {"topics": rng.sample(topics, 1 + i % 2), "region": rng.choice(gemeenten)}
        if i % 3 == 0:
            seeker["from_org"] = rng.choice(schools)
        if i % 4 == 1:
            seeker["sector"] = rng.choice(["po", "vo", "mbo"])
        if i % 5 == 2:
            del seeker["region"]  # the organisation's regions, or none at all
        found.append(seeker)
    return found


def test_the_top_is_that_of_scoring_everyone(empty_store: Graph, synthetic: GraphBatch):
    empty_store.load(synthetic)
    checked = 0
    for seeker in seekers(synthetic, 16):
        everyone = empty_store.find_people(limit=EVERYONE, **seeker)
        for limit in (1, 5, 12):
            top = empty_store.find_people(limit=limit, **seeker)
            # the limit holds per family: the first `limit` of each
            top_of_each = everyone.groupby("family", sort=False).head(limit)
            expected = top_of_each[COMPARED].reset_index(drop=True)
            assert top[COMPARED].equals(expected), (seeker, limit)
            checked += len(top)
    assert checked > 200  # the seekers found people: the comparison had something to do
