"""The questions the explorer asks, on every store: facets, capped views, the region x
topic matrix, provenance, export and the gemeenten of a region."""

from __future__ import annotations

from datetime import date

import pytest

import graphmodel
from graphmodel.errors import StoreUnavailable
from graphmodel.graph import Graph
from graphmodel.questions.facets import Facets
from graphmodel.questions.views import expand
from graphmodel.stores.memory import MemoryStore
from graphmodel.stores.neo4j import Neo4jStore

HVA = "org:hogeschool-van-amsterdam"
NHL = "org:nhl-stenden-hogeschool"


def ids(browse) -> list[str]:
    return [h.node.id for h in browse.hits]


def test_facets_narrow_a_search_by_kind_and_region(store):
    everything = store.browse("hogeschool", Facets())
    assert {HVA, NHL} <= set(ids(everything))
    organisations = store.browse("hogeschool", Facets(kinds=("Organisation",)))
    assert set(ids(organisations)) == {HVA, NHL}
    in_noord_holland = store.browse("hogeschool", Facets(region="region:PV27"))
    assert ids(in_noord_holland) == [HVA]
    assert in_noord_holland.total == 1


def test_facets_without_text_list_what_they_hold_by_kind_and_name(store):
    listed = store.browse(None, Facets(kinds=("Organisation",)))
    assert ids(listed) == [HVA, NHL]  # by name
    assert store.browse(None, Facets()).total == 0  # nothing asked, nothing listed
    in_friesland = store.browse(None, Facets(region="region:PV21"))
    assert NHL in ids(in_friesland)
    assert HVA not in ids(in_friesland)
    assert all(h.node.kind != "Region" for h in in_friesland.hits)  # regions are no actors


def test_the_topic_facet_keeps_the_actors_on_the_topic(store):
    on_topic = store.browse(None, Facets(topic="topic:flexibilisering"))
    expected = {"rg:leren-en-innoveren"}
    assert expected <= set(ids(on_topic))
    assert all(h.node.kind in ("Person", "Organisation", "ResearchGroup") for h in on_topic.hits)


def test_a_view_shows_a_page_of_neighbours_and_counts_the_rest(store):
    around = store.neighbourhood(HVA, depth=1, limit=None)
    neighbours = len(around.nodes) - 1
    assert neighbours >= 3
    view = store.expand([(HVA, 1)], page_size=2)
    assert len(view.nodes) == 3
    assert view.hidden == {HVA: neighbours - 2}
    more = store.expand([(HVA, 2)], page_size=2)
    assert len(more.nodes) == min(5, neighbours + 1)
    shown = {n.id for n in view.nodes}
    assert all(r.start in shown and r.end in shown for r in view.relationships)
    assert any(HVA in (r.start, r.end) for r in view.relationships)


def test_a_view_skips_unknown_ids_and_keeps_the_order_of_expansion(store):
    view = store.expand([("org:gone", 1), (HVA, 1), ("region:PV21", 1)])
    assert view.nodes[0].id == HVA
    assert "org:gone" not in view.hidden
    assert {HVA, "region:PV21"} <= {n.id for n in view.nodes}


def test_a_full_view_says_what_it_left_out():
    store = graphmodel.open()
    view = expand(store, [("region:PV30", 3)], max_nodes=20, max_relationships=10)
    assert len(view.nodes) == 20
    assert view.nodes_cut > 0
    assert len(view.relationships) == 10
    assert view.relationships_cut > 0
    # the links that made the view come first, so no neighbour is stranded by the cut
    assert all("region:PV30" in (r.start, r.end) for r in view.relationships)


def test_the_matrix_agrees_with_coverage_topic_by_topic():
    store = graphmodel.open()
    matrix = store.coverage_matrix("provincie")
    topics = store.nodes_of("Topic")
    assert len(matrix) == 12 * len(topics)
    for topic in ("topic:zij-instroom", "topic:leeruitkomsten", "topic:toetsing"):
        counted = store.coverage("provincie", topic)
        from_matrix = matrix[matrix["topic_id"] == topic].set_index("region_id")["actors"]
        assert from_matrix.to_dict() == counted.set_index("region_id")["total"].to_dict(), topic


def test_provenance_counts_every_node_and_relationship(store):
    stats = store.stats()
    provenance = store.provenance()
    assert len(provenance) == stats.node_total + stats.relationship_total
    assert provenance["source"].notna().all()


def test_freshness_counts_what_was_verified_in_the_last_year(store):
    provenance = store.provenance()
    today = date(2024, 6, 1)
    expected = int((provenance["verified"] >= "2023-06-02").sum())
    overall = store.freshness(today).iloc[-1]
    assert (overall["total"], overall["fresh"]) == (len(provenance), expected)
    assert overall["share_fresh"] == round(expected / len(provenance), 3)


def test_sources_say_how_much_rests_on_each(store):
    sources = store.sources()
    provenance = store.provenance()
    assert sources["nodes"].sum() + sources["relationships"].sum() == len(provenance)
    assert set(sources["type"]) <= {"web", "document", "verification", "none"}


def test_export_loads_back_to_the_same_graph(store):
    copy = Graph(MemoryStore())
    copy.load(store.export())
    assert copy.stats() == store.stats()


def test_the_gemeenten_of_a_region(store):
    assert [n.id for n in store.gemeenten("provincie")["region:PV27"]] == ["region:GM0363"]
    assert store.gemeenten("gemeente")["region:GM0080"][0].get("code") == "GM0080"
    assert store.gemeenten("onderwijsregio") == {}


@pytest.mark.neo4j
def test_a_serving_store_says_plainly_that_neo4j_is_away():
    store = Graph(Neo4jStore.connect("bolt://127.0.0.1:9", password="x", serving=True))
    with pytest.raises(StoreUnavailable, match="not reachable"):
        store.stats()
    store.close()


def test_levels_agree_a_province_wide_actor_covers_the_regions_inside_from_around():
    """Drenthe has 8 actors on zij-instroom, all active in the province as a whole: its
    COROP regions and gemeenten have none of their own, but are covered from around,
    not gaps; at the province level nothing is 'from around' (the country is not)."""
    store = graphmodel.open()
    provinces = store.coverage("provincie", "topic:zij-instroom").set_index("region")
    assert provinces.loc["Drenthe", "total"] == 8
    assert (provinces["wider"] == 0).all()
    for level, name in (("corop", "Noord-Drenthe"), ("gemeente", "Assen")):
        row = store.coverage(level, "topic:zij-instroom").set_index("region").loc[name]
        assert (row["total"], row["wider"], row["gap"]) == (0, 8, False), level
    gemeenten = store.coverage("gemeente", "topic:zij-instroom")
    assert (gemeenten["gap"] == ((gemeenten["total"] == 0) & (gemeenten["wider"] == 0))).all()


def test_people_count_where_their_organisation_or_group_is():
    store = graphmodel.open()
    people = store.coverage("provincie", kind="Person")
    assert people["Person"].sum() > 0 and not people["gap"].all()
    behind = store.coverage_actors("provincie", kind="Person")
    assert len(behind) == people["total"].sum()
    assert behind["region_via"].notna().all()  # every one through an organisation or group
