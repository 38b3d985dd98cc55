"""The bundled data on a real Neo4j: same answers as the embedded store, open to Cypher."""

from __future__ import annotations

import pytest
from neo4j import GraphDatabase

import graphmodel
from tests.conftest import read_valid
from verbindplaats import neo4j_server

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def bundled():
    return read_valid(graphmodel.BUNDLED_DATA)


@pytest.fixture
def loaded(neo4j_store, bundled):
    neo4j_store.load(bundled)
    return neo4j_store


def test_same_counts_as_the_embedded_store(loaded, bundled):
    memory = graphmodel.MemoryStore()
    memory.load(bundled)
    assert loaded.stats() == memory.stats()


def test_second_load_changes_nothing(loaded, bundled):
    summary = loaded.load(bundled)
    assert (summary.total_created, summary.total_changed) == (0, 0)


def test_same_search_and_neighbourhood_as_the_embedded_store(loaded, bundled):
    memory = graphmodel.MemoryStore()
    memory.load(bundled)
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
