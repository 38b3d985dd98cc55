"""The Graph contract: the same tests, the same answers, on every store."""

from __future__ import annotations

import dataclasses

import networkx as nx
import pytest

from graphmodel.errors import GraphModelError, NodeNotFound
from graphmodel.graph import Graph
from graphmodel.model import GraphBatch, Node, Relationship
from graphmodel.stores.history import Change


def ids(hits) -> list[str]:
    return [h.node.id for h in hits]


class TestLoad:
    def test_first_load_creates_everything(self, empty_store: Graph, mini_batch):
        summary = empty_store.load(mini_batch)
        assert summary.total_created == len(mini_batch)
        assert summary.created["Region"] == 5
        assert summary.created["PART_OF"] == 4
        assert summary.total_changed == 0

    def test_second_load_changes_nothing(self, store: Graph, mini_batch):
        summary = store.load(mini_batch)
        assert (summary.total_created, summary.total_changed) == (0, 0)
        assert sum(summary.unchanged.values()) == len(mini_batch)

    def test_changed_property_is_counted_and_stored(self, store: Graph):
        old = store.node("person:marco-snoek")
        new = Node(old.id, old.kind, {**old.properties, "job_title": "lector en hoogleraar"})
        summary = store.load(GraphBatch([new]))
        assert summary.changed["Person"] == 1 and summary.total_created == 0
        assert store.node(old.id).get("job_title") == "lector en hoogleraar"

    def test_relationship_to_unknown_node_is_refused_and_nothing_changes(self, store: Graph):
        before = store.stats()
        batch = GraphBatch(
            [
                Node(
                    "topic:evc",
                    "Topic",
                    {"name": "EVC", "source": "x.txt", "verified": "2023-01-01"},
                )
            ],
            [Relationship("person:marco-snoek", "WORKS_ON", "topic:not-there", {})],
        )
        with pytest.raises(GraphModelError, match="topic:not-there"):
            store.load(batch)
        assert store.stats() == before
        with pytest.raises(NodeNotFound):
            store.node("topic:evc")

    def test_node_whose_id_names_another_kind_is_refused_and_nothing_changes(self, store: Graph):
        before = store.stats()
        sourced = {"name": "EVC", "source": "x.txt", "verified": "2023-01-01"}
        batch = GraphBatch([Node("topic:evc", "Topic", sourced), Node("org:evc", "Topic", sourced)])
        with pytest.raises(GraphModelError, match="org:evc"):
            store.load(batch)
        assert store.stats() == before
        with pytest.raises(NodeNotFound):
            store.node("topic:evc")

    def test_relationship_from_a_node_to_itself_is_refused_and_nothing_changes(self, store: Graph):
        before = store.stats()
        loop = Relationship("region:NL", "PART_OF", "region:NL", {"source": "x.txt"})
        with pytest.raises(GraphModelError, match="region:NL"):
            store.load(GraphBatch([], [loop]))
        assert store.stats() == before

    def test_replace_holds_the_new_graph_and_history_only(self, store: Graph):
        node = Node(
            "topic:evc", "Topic", {"name": "EVC", "source": "x.txt", "verified": "2023-01-01"}
        )
        change = Change("2023-01-01", "added", "topic:evc", new="EVC", file="x.csv")
        store.replace(GraphBatch([node]), [change])
        assert store.stats().node_total == 1
        assert store.node("topic:evc").name == "EVC"
        assert store.history() == [change]

    def test_a_refused_replace_leaves_the_old_graph(self, store: Graph):
        before = store.stats()
        dangling = Relationship("topic:evc", "BROADER", "topic:not-there", {"source": "x.txt"})
        with pytest.raises(GraphModelError, match="topic:not-there"):
            store.replace(GraphBatch([], [dangling]))
        assert store.stats() == before

    def test_wipe_empties_the_store(self, store: Graph):
        store.wipe()
        assert store.stats().node_total == 0


class TestNodes:
    def test_node_has_its_properties(self, store: Graph):
        node = store.node("region:PV21")
        assert node.kind == "Region"
        assert node.name == "Fryslân"
        assert node.get("synonyms") == ("Friesland",)
        assert node.get("verified") == "2025-01-01"

    def test_unknown_node_raises(self, store: Graph):
        with pytest.raises(NodeNotFound, match="org:nowhere"):
            store.node("org:nowhere")

    def test_nodes_returns_only_existing(self, store: Graph):
        found = store.nodes(["region:PV21", "org:nowhere", "topic:leeruitkomsten"])
        assert sorted(n.id for n in found) == ["region:PV21", "topic:leeruitkomsten"]


class TestSearch:
    @pytest.mark.parametrize("text", ["fryslan", "Fryslân", "FRYSLAN", "friesland"])
    def test_case_and_accent_insensitive_and_synonyms(self, store: Graph, text):
        assert ids(store.search(text))[0] == "region:PV21"

    def test_word_prefixes(self, store: Graph):
        assert "topic:leeruitkomsten" in ids(store.search("leeruit"))
        assert ids(store.search("hogeschool amst")) == ["org:hogeschool-van-amsterdam"]

    def test_english_label(self, store: Graph):
        assert ids(store.search("learning outcomes")) == ["topic:leeruitkomsten"]

    def test_exact_name_ranks_first(self, store: Graph):
        # "flexibilisering" is the topic's exact name and a word nowhere else
        hits = store.search("flexibilisering")
        assert ids(hits)[0] == "topic:flexibilisering"
        assert hits[0].score > 20

    def test_kinds_filter(self, store: Graph):
        assert ids(store.search("amsterdam", kinds=["Region"])) == ["region:GM0363"]
        assert ids(store.search("amsterdam", kinds=["Organisation"])) == [
            "org:hogeschool-van-amsterdam"
        ]

    def test_limit_and_deterministic_ties(self, store: Graph):
        all_hits = ids(store.search("l"))
        assert ids(store.search("l", limit=2)) == all_hits[:2]
        assert all_hits == ids(store.search("l"))

    @pytest.mark.parametrize("text", ["", "   ", "!!!", "zzzz-nothing"])
    def test_nothing_to_find(self, store: Graph, text):
        assert store.search(text) == []


class TestNeighbourhood:
    def test_depth_one(self, store: Graph):
        sub = store.neighbourhood("rg:leren-en-innoveren")
        assert sub.nodes[0].id == "rg:leren-en-innoveren"
        assert {n.id for n in sub.nodes[1:]} == {
            "org:hogeschool-van-amsterdam",
            "person:marco-snoek",
            "topic:flexibilisering",
        }
        # the relationship between two neighbours is shown too
        keys = {(r.start, r.type, r.end) for r in sub.relationships}
        assert ("person:marco-snoek", "AFFILIATED_WITH", "org:hogeschool-van-amsterdam") in keys
        assert sub.omitted == 0

    def test_depth_two_reaches_further(self, store: Graph):
        sub = store.neighbourhood("person:marco-snoek", depth=2)
        assert sub.depth["region:GM0363"] == 2
        assert sub.depth["rg:leren-en-innoveren"] == 1

    def test_kinds_filter_keeps_centre(self, store: Graph):
        sub = store.neighbourhood("topic:flexibilisering", depth=2, kinds=["Organisation"])
        assert [n.id for n in sub.nodes] == [
            "topic:flexibilisering",
            "org:hogeschool-van-amsterdam",
            "org:nhl-stenden-hogeschool",
        ]

    def test_limit_keeps_nearest_and_counts_the_rest(self, store: Graph):
        full = store.neighbourhood("topic:flexibilisering", depth=3, limit=None)
        cut = store.neighbourhood("topic:flexibilisering", depth=3, limit=3)
        assert [n.id for n in cut.nodes] == [n.id for n in full.nodes][:4]
        assert cut.omitted == len(full.nodes) - 4
        left_out = [n.id for n in full.nodes[4:]]
        assert max(cut.depth.values()) <= min(full.depth[i] for i in left_out)

    def test_unknown_centre_raises(self, store: Graph):
        with pytest.raises(NodeNotFound):
            store.neighbourhood("org:nowhere")

    def test_relationships_among_only_those_with_both_ends_inside(self, store: Graph, mini_batch):
        among = {"person:marco-snoek", "org:hogeschool-van-amsterdam", "rg:leren-en-innoveren"}
        expected = sorted(r.key for r in mini_batch.relationships if {r.start, r.end} <= among)
        found = store.relationships_among([*among, "org:nowhere"])
        assert len(expected) >= 3 and sorted(r.key for r in found) == expected
        assert all(r.get("source") and r.get("verified") for r in found)  # whole relationships


class TestStatsAndExport:
    def test_stats(self, store: Graph, mini_batch):
        stats = store.stats()
        assert stats.nodes == {
            "Region": 5,
            "Organisation": 2,
            "ResearchGroup": 2,
            "Person": 1,
            "Topic": 2,
        }
        assert stats.relationship_total == len(mini_batch.relationships)
        assert stats.share_sourced() == 1.0
        assert stats.breakdown == {
            "Region": {"land": 1, "provincie": 2, "gemeente": 2},
            "Organisation": {"hogeschool": 2},
        }

    def test_a_node_without_the_value_is_counted_under_empty(self, store: Graph):
        store.load(GraphBatch([Node("org:zonder", "Organisation", {"name": "Zonder"})]))
        assert store.stats().breakdown["Organisation"] == {"hogeschool": 2, "": 1}

    def test_unsourced_entries_lower_the_share(self, empty_store: Graph):
        empty_store.load(GraphBatch([Node("topic:evc", "Topic", {"name": "EVC"})]))
        assert empty_store.stats().share_sourced() == 0.0

    def test_networkx_export_matches_the_store(self, store: Graph, mini_batch):
        graph = store.to_networkx()
        assert isinstance(graph, nx.MultiDiGraph)
        assert graph.number_of_nodes() == len(mini_batch.nodes)
        assert graph.number_of_edges() == len(mini_batch.relationships)
        assert graph.nodes["region:PV21"]["kind"] == "Region"
        edge_types = {d["type"] for _, _, d in graph.edges(data=True)}
        assert {"LEADS", "HOSTED_BY", "PART_OF", "BROADER"} <= edge_types

    @pytest.mark.parametrize("fmt", ["graphml", "gexf"])
    def test_the_networkx_graph_goes_to_gephi_and_comes_back(self, store, tmp_path, fmt):
        graph = store.to_networkx()
        write, read = {"graphml": (nx.write_graphml, nx.read_graphml)}.get(
            fmt, (nx.write_gexf, nx.read_gexf)
        )
        write(graph, tmp_path / f"graph.{fmt}")
        back = read(tmp_path / f"graph.{fmt}")
        assert set(back.nodes) == set(graph.nodes)
        assert back.number_of_edges() == graph.number_of_edges()
        flexibel = back.nodes["topic:flexibilisering"]
        assert flexibel["synonyms"] == "flexibel opleiden; flexible learning"  # a list, as text

    def test_store_returns_what_was_loaded(self, store: Graph, mini_batch):
        for node in mini_batch.nodes:
            assert store.node(node.id) == dataclasses.replace(node)
