"""The bundled data on a real Neo4j: same answers as the embedded store, open to Cypher."""

from __future__ import annotations

import time
from datetime import date

import pandas as pd
import pytest
from neo4j import GraphDatabase

import graphmodel
from graphmodel.graph import Graph
from graphmodel.questions.facets import Facets
from importers.synthetic import real_regions, synthetic_batch
from verbindplaats import neo4j_server

pytestmark = pytest.mark.neo4j


@pytest.fixture
def loaded(neo4j_store, bundled_batch):
    neo4j_store.load(bundled_batch)
    return neo4j_store


@pytest.fixture(scope="module")
def memory(bundled_batch):
    store = Graph(graphmodel.MemoryStore())
    store.load(bundled_batch)
    return store


def test_same_counts_as_the_embedded_store(loaded, bundled_batch):
    memory = Graph(graphmodel.MemoryStore())
    memory.load(bundled_batch)
    assert loaded.stats() == memory.stats()


def test_second_load_changes_nothing(loaded, bundled_batch):
    summary = loaded.load(bundled_batch)
    assert (summary.total_created, summary.total_changed) == (0, 0)


def test_a_load_leaves_the_planner_current_figures(neo4j_store, bundled_batch):
    """Neo4j plans the read statements on its index figures, and on its own samples
    them again only every so often (about every ten seconds here); plans made on the
    figures of before a large load made find_people several times slower on the server
    for minutes. Twice, with different sizes, so that a background sampling that
    happens to fall in the window cannot pass the test alone."""
    synthetic = synthetic_batch(real_regions(bundled_batch), scale=0.1, seed=5)
    for batch in (bundled_batch, synthetic):
        neo4j_store.load(batch)
        nodes = neo4j_store.stats().node_total
        deadline = time.monotonic() + 3  # the load schedules a sampling of milliseconds
        while _indexed_ids(neo4j_store) != nodes and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _indexed_ids(neo4j_store) == nodes


def _indexed_ids(store) -> int:
    """The number of distinct ids that the planner's figures give the id index."""
    counts = store.cypher("CALL db.stats.retrieve('GRAPH COUNTS') YIELD data RETURN data")
    (entity_id,) = [
        index
        for index in counts.loc[0, "data"]["indexes"]
        if index.get("labels") == ["Entity"] and index.get("properties") == ["id"]
    ]
    return entity_id["estimatedUniqueSize"]


def test_same_search_and_neighbourhood_as_the_embedded_store(loaded, bundled_batch):
    memory = Graph(graphmodel.MemoryStore())
    memory.load(bundled_batch)
    for text in ("leeruitkomsten", "utrecht", "fryslan", "lectoraat", "samen opleiden"):
        assert loaded.search(text) == memory.search(text), text
    for node_id in ("topic:leeruitkomsten", "region:PV26"):
        a = loaded.neighbourhood(node_id, depth=2, limit=50)
        b = memory.neighbourhood(node_id, depth=2, limit=50)
        assert (a.nodes, a.relationships, a.omitted) == (b.nodes, b.relationships, b.omitted)


def test_an_analyst_sees_the_data_through_the_driver(loaded, neo4j_uri):
    query = (
        "MATCH (o:Organisation)-[:WORKS_ON]->(:Topic {id: 'topic:leeruitkomsten'}) "
        "RETURN o.name AS name ORDER BY name"
    )
    with GraphDatabase.driver(neo4j_uri, auth=("neo4j", neo4j_server.password())) as driver:
        records, _, _ = driver.execute_query(query)
    names = [r["name"] for r in records]
    assert "Windesheim" in names
    assert loaded.cypher(query)["name"].tolist() == names


SEEKERS = [
    {"topics": ["leeruitkomsten"], "region": "Zwolle", "from_org": "Windesheim"},
    {"topics": ["zij-instroom", "toetsing"], "region": "Utrecht", "sector": "vo"},
    {"topics": ["flexibilisering"], "region": "Noord-Brabant", "lang": "en"},
    {"topics": ["EVC"], "from_org": "Hogeschool Utrecht"},
    # issue 20's questions: three families, nobody near, CBS codes, routes from the gemeente
    {"topics": ["zij-instroom"], "region": "Zwolle", "sector": "mbo", "from_org": "Deltion"},
    {"topics": ["leercoaching"], "region": "Leeuwarden"},
    {"topics": ["flexibel opleiden"]},
    {"topics": ["leeruitkomsten"], "region": "GM0193"},
    {"topics": ["EVC"], "region": "Groningen", "sector": "po"},
]


def test_same_people_found_as_the_embedded_store(loaded, memory):
    for seeker in SEEKERS:
        expected = memory.find_people(**seeker, today=date(2026, 11, 22))
        # leercoaching has two answers in the data (CPS and Universiteit Utrecht)
        assert len(expected) > 3 or seeker["topics"] == ["leercoaching"], seeker
        found = loaded.find_people(**seeker, today=date(2026, 11, 22))
        pd.testing.assert_frame_equal(found, expected)
        assert found.attrs == expected.attrs, seeker


@pytest.mark.parametrize("level", ["provincie", "gemeente", "corop", "onderwijsregio"])
def test_same_coverage_as_the_embedded_store(loaded, memory, level):
    for topic in ("zij-instroom", None):
        pd.testing.assert_frame_equal(loaded.coverage(level, topic), memory.coverage(level, topic))


def test_same_paths_topics_and_analysis_as_the_embedded_store(loaded, memory):
    pairs = (("Windesheim", "Fontys Hogeschool", 4), ("person:marco-snoek", "org:velon", 6))
    for a, b, hops in pairs:
        expected = memory.path(a, b, max_hops=hops)
        assert not expected.empty
        pd.testing.assert_frame_equal(loaded.path(a, b, max_hops=hops), expected)
    pd.testing.assert_frame_equal(loaded.topics_by_kind(), memory.topics_by_kind())
    pd.testing.assert_frame_equal(loaded.communities(), memory.communities())
    pd.testing.assert_frame_equal(loaded.brokers(), memory.brokers())
    pd.testing.assert_frame_equal(loaded.bridges(), memory.bridges())


def test_same_explorer_answers_as_the_embedded_store(loaded, memory):
    for text, facets in (
        ("leeruitkomsten", Facets(region="region:PV23")),
        ("lectoraat", Facets(kinds=("ResearchGroup",))),
        (None, Facets(kinds=("Partnership",), sector="vo")),
        (None, Facets(topic="topic:zij-instroom")),
    ):
        assert loaded.browse(text, facets) == memory.browse(text, facets), (text, facets)
    expansions = [("topic:leeruitkomsten", 1), ("region:PV30", 2)]
    assert loaded.expand(expansions) == memory.expand(expansions)
    pd.testing.assert_frame_equal(
        loaded.coverage_matrix("provincie"), memory.coverage_matrix("provincie")
    )
    for topic in ("topic:zij-instroom", None):
        pd.testing.assert_frame_equal(
            loaded.coverage_actors("corop", topic), memory.coverage_actors("corop", topic)
        )
    today = date(2026, 1, 1)
    pd.testing.assert_frame_equal(loaded.freshness(today), memory.freshness(today))
    pd.testing.assert_frame_equal(loaded.sources(), memory.sources())
    assert loaded.gemeenten("corop") == memory.gemeenten("corop")
