"""The questions users ask (find_people, coverage, path, analysis), on every store.

The ranking properties are tested on a small world built here: synthetic, labelled so
(ids ``…:synth-…``, source "synthetic"), with each fact placed to isolate one property.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from graphmodel.errors import GraphModelError
from graphmodel.graph import Graph
from graphmodel.model import GraphBatch, Node, Relationship, Step, Walk
from graphmodel.questions.people import Weights
from graphmodel.questions.weighing import specificity

TODAY = date(2026, 11, 22)
FRESH = "2026-06-01"
STALE = "2016-06-01"


def node(node_id: str, kind: str, **props) -> Node:
    return Node(node_id, kind, {"name": node_id.split(":")[1], **props, **_sourced()})


def rel(start: str, rel_type: str, end: str, verified: str = FRESH, **props) -> Relationship:
    return Relationship(
        start, rel_type, end, {**props, "source": "synthetic", "verified": verified}
    )


def _sourced() -> dict[str, str]:
    return {"source": "synthetic", "verified": FRESH}


def world() -> GraphBatch:
    """Two provinces; in P1 two COROP regions (C1: G1, G2; C2: G4); in P2 gemeente G3."""
    regions = [
        node("region:synth-nl", "Region", level="land"),
        node("region:synth-p1", "Region", level="provincie", latitude=52.0, longitude=5.0),
        node("region:synth-p2", "Region", level="provincie", latitude=53.0, longitude=6.0),
        node("region:synth-p3", "Region", level="provincie", latitude=53.1, longitude=6.1),
        node("region:synth-c1", "Region", level="corop"),
        node("region:synth-c2", "Region", level="corop"),
    ]
    regions += [
        node(f"region:synth-g{i}", "Region", level="gemeente", latitude=lat, longitude=5.0)
        for i, lat in ((1, 52.0), (2, 52.1), (3, 53.0), (4, 52.3))
    ]
    topics = [
        node("topic:synth-toetsing", "Topic"),
        node("topic:synth-summatief", "Topic"),  # narrower than toetsing
        node("topic:synth-evc", "Topic"),
        node("topic:synth-zeldzaam", "Topic"),
    ]
    orgs = [
        node(f"org:synth-{name}", "Organisation", category="school")
        for name in ("a", "b", "c", "d", "e", "f", "stale")
    ]
    orgs.append(node("org:synth-po", "Organisation", category="school", sectors=("po",)))
    orgs.append(node("org:synth-vo", "Organisation", category="school", sectors=("vo",)))
    groups = [
        node("partnership:synth-x", "Partnership"),
        node("rg:synth-lectoraat", "ResearchGroup", type="lectoraat"),
    ]
    people = [node("person:synth-lector", "Person")]
    nodes = regions + topics + orgs + groups + people
    relationships = [
        rel("region:synth-p1", "PART_OF", "region:synth-nl"),
        rel("region:synth-p2", "PART_OF", "region:synth-nl"),
        rel("region:synth-c1", "PART_OF", "region:synth-p1"),
        rel("region:synth-c2", "PART_OF", "region:synth-p1"),
        rel("region:synth-g1", "PART_OF", "region:synth-c1"),
        rel("region:synth-g2", "PART_OF", "region:synth-c1"),
        rel("region:synth-g4", "PART_OF", "region:synth-c2"),
        rel("region:synth-g3", "PART_OF", "region:synth-p2"),
        rel("topic:synth-summatief", "BROADER", "topic:synth-toetsing"),
        # a in G1; b in G1 too; d in G4 (same province as G1, other COROP); c in G3
        rel("org:synth-a", "LOCATED_IN", "region:synth-g1"),
        rel("org:synth-b", "LOCATED_IN", "region:synth-g1"),
        rel("org:synth-d", "LOCATED_IN", "region:synth-g4"),
        rel("org:synth-c", "LOCATED_IN", "region:synth-g3"),
        rel("org:synth-stale", "LOCATED_IN", "region:synth-g1"),
        rel("org:synth-e", "LOCATED_IN", "region:synth-g2"),
        rel("org:synth-po", "LOCATED_IN", "region:synth-g3"),
        rel("org:synth-vo", "LOCATED_IN", "region:synth-g3"),
        rel("org:synth-f", "LOCATED_IN", "region:synth-g3"),
        rel("org:synth-a", "WORKS_ON", "topic:synth-toetsing"),
        rel("org:synth-b", "WORKS_ON", "topic:synth-toetsing"),
        rel("org:synth-c", "WORKS_ON", "topic:synth-toetsing"),
        rel("org:synth-d", "WORKS_ON", "topic:synth-toetsing"),
        rel("org:synth-stale", "WORKS_ON", "topic:synth-toetsing", verified=STALE),
        rel("org:synth-e", "WORKS_ON", "topic:synth-summatief"),
        rel("org:synth-po", "WORKS_ON", "topic:synth-evc"),
        rel("org:synth-vo", "WORKS_ON", "topic:synth-evc"),
        rel("org:synth-f", "WORKS_ON", "topic:synth-evc"),
        rel("org:synth-c", "WORKS_ON", "topic:synth-zeldzaam"),
        # a and b are partners; the lector leads a lectoraat hosted by c
        rel("org:synth-a", "MEMBER_OF", "partnership:synth-x"),
        rel("org:synth-b", "MEMBER_OF", "partnership:synth-x"),
        rel("rg:synth-lectoraat", "HOSTED_BY", "org:synth-c"),
        rel("rg:synth-lectoraat", "WORKS_ON", "topic:synth-evc"),
        rel("person:synth-lector", "LEADS", "rg:synth-lectoraat", role="lector"),
    ]
    return GraphBatch(nodes, relationships)


@pytest.fixture
def small(empty_store: Graph) -> Graph:
    empty_store.load(world())
    return empty_store


def find(store: Graph, topics, **kwargs) -> pd.DataFrame:
    return store.find_people(topics, today=TODAY, **kwargs)


def score(frame: pd.DataFrame, node_id: str) -> float:
    return float(frame.set_index("id").loc[node_id, "score"])


def ranked(frame: pd.DataFrame) -> list[str]:
    return frame["id"].tolist()


class TestFindPeople:
    def test_a_limit_below_one_or_a_negative_weight_is_refused(self, small):
        with pytest.raises(GraphModelError, match="limit"):
            find(small, ["topic:synth-toetsing"], limit=0)
        with pytest.raises(GraphModelError, match="region"):
            Weights(region=-0.1)

    def test_same_gemeente_outranks_an_otherwise_equal_same_province(self, small):
        frame = find(small, ["topic:synth-toetsing"], region="region:synth-g1")
        order = ranked(frame)
        assert order.index("org:synth-a") < order.index("org:synth-d")
        assert score(frame, "org:synth-a") > score(frame, "org:synth-d")
        reasons = frame.set_index("id").loc["org:synth-d", "reasons"]
        assert any(r["type"] == "region" and r["subject"] == "region:synth-p1" for r in reasons)

    def test_a_stale_fact_lowers_a_score(self, small):
        frame = find(small, ["topic:synth-toetsing"], region="region:synth-g1")
        assert score(frame, "org:synth-stale") < score(frame, "org:synth-b")

    def test_refreshing_a_fact_raises_the_score(self, small):
        before = score(find(small, ["topic:synth-toetsing"]), "org:synth-stale")
        small.load(GraphBatch([], [rel("org:synth-stale", "WORKS_ON", "topic:synth-toetsing")]))
        after = score(find(small, ["topic:synth-toetsing"]), "org:synth-stale")
        assert after > before

    @pytest.mark.parametrize(
        "extra", ["topic:synth-evc", "topic:synth-zeldzaam", "topic:synth-summatief"]
    )
    def test_adding_a_shared_topic_never_lowers_a_score(self, small, extra):
        base = find(small, ["topic:synth-toetsing"], region="region:synth-g1", limit=100)
        more = find(small, ["topic:synth-toetsing", extra], region="region:synth-g1", limit=100)
        for node_id in base["id"]:
            assert score(more, node_id) >= score(base, node_id), node_id

    def test_gaining_a_topic_never_lowers_a_score(self, small):
        topics = ["topic:synth-toetsing", "topic:synth-evc"]
        before = score(find(small, topics, limit=100), "org:synth-a")
        small.load(GraphBatch([], [rel("org:synth-a", "WORKS_ON", "topic:synth-evc")]))
        assert score(find(small, topics, limit=100), "org:synth-a") > before

    def test_a_rare_topic_counts_more_than_a_common_one(self, small):
        frame = find(small, ["topic:synth-toetsing", "topic:synth-zeldzaam"], limit=100)
        reasons = frame.set_index("id").loc["org:synth-c", "reasons"]
        by_topic = {r["subject"]: r["score"] for r in reasons if r["type"] == "topic"}
        assert by_topic["topic:synth-zeldzaam"] > by_topic["topic:synth-toetsing"]

    def test_a_narrower_topic_matches_its_broader_one(self, small):
        frame = find(small, ["topic:synth-toetsing"], limit=100).set_index("id")
        assert "org:synth-e" in frame.index
        assert "nauwer" in frame.loc["org:synth-e", "why"]
        assert frame.loc["org:synth-e", "score"] < frame.loc["org:synth-b", "score"]

    def test_people_are_found_through_their_group(self, small):
        frame = find(small, ["topic:synth-evc"], lang="en").set_index("id")
        assert frame.loc["person:synth-lector", "why"].startswith(
            "works on synth-evc through synth-lectoraat"
        )

    def test_shared_network_is_a_reason_and_the_route_goes_through_it(self, small):
        frame = find(small, ["topic:synth-toetsing"], from_org="org:synth-a").set_index("id")
        assert "org:synth-a" not in frame.index  # not the seeker's own organisation
        row = frame.loc["org:synth-b"]
        assert {"type": "network", "subject": "partnership:synth-x"}.items() <= next(
            r for r in row["reasons"] if r["type"] == "network"
        ).items()
        assert row["route"] == ["org:synth-a", "partnership:synth-x", "org:synth-b"]
        assert row["route_text"] == "synth-a → lid van → synth-x ← lid van ← synth-b"
        assert row["network_score"] > 0 and frame.loc["org:synth-d", "network_score"] == 0

    def test_sector_is_a_preference_that_removes_nobody(self, small):
        """po, vo and f are alike but for their sectors (po, vo, none known): asking po
        ranks po first and says why; vo and f stay, level with each other."""
        frame = find(small, ["topic:synth-evc"], sector="po", limit=100)
        organisations = ranked(frame[frame["family"] == "organisations"])
        assert organisations.index("org:synth-po") < organisations.index("org:synth-f")
        assert {"org:synth-vo", "org:synth-f"} <= set(organisations)
        assert score(frame, "org:synth-vo") == score(frame, "org:synth-f")
        row = frame.set_index("id").loc["org:synth-po"]
        assert row["sector_score"] > 0 and "sector po" in row["why"]
        assert set(ranked(frame)) == set(ranked(find(small, ["topic:synth-evc"], limit=100)))

    def test_ties_are_broken_by_id_and_limit_cuts(self, small):
        frame = find(small, ["topic:synth-evc"], limit=100)
        organisations = frame[frame["family"] == "organisations"].reset_index(drop=True)
        ties = organisations[organisations["score"] == organisations.loc[0, "score"]]["id"]
        assert ties.tolist() == sorted(ties) and len(ties) > 1
        cut = find(small, ["topic:synth-evc"], limit=2)
        assert ranked(cut) == ranked(frame.groupby("family", sort=False).head(2))

    def test_names_are_understood_as_well_as_ids(self, small):
        by_name = find(small, ["synth toetsing"], region="synth g1")
        by_id = find(small, ["topic:synth-toetsing"], region="region:synth-g1")
        pd.testing.assert_frame_equal(by_name, by_id)

    @pytest.mark.parametrize(
        "kwargs",
        [{"topics": ["nothing-like-this"]}, {"topics": []}, {"topics": ["x"], "sector": "uni"}],
    )
    def test_unknown_input_is_a_clear_error(self, small, kwargs):
        with pytest.raises(GraphModelError):
            small.find_people(**kwargs)


class TestFamilies:
    """Three families, each ranked on its own; specificity; honest regions; routes."""

    def test_people_groups_and_organisations_each_ranked_with_their_own_limit(self, small):
        frame = find(small, ["topic:synth-evc"], limit=1)
        assert frame["family"].tolist() == ["people", "groups", "organisations"]
        assert frame["rank"].tolist() == [1, 1, 1]
        assert ranked(frame)[:2] == ["person:synth-lector", "rg:synth-lectoraat"]
        everyone = find(small, ["topic:synth-evc"], limit=100)
        assert (everyone.groupby("family")["rank"].min() == 1).all()
        assert everyone["family"].value_counts()["organisations"] == 4  # c, f, po, vo

    def test_an_actor_on_more_topics_earns_less_per_topic(self, small):
        """c works on toetsing and zeldzaam, d on toetsing only: per topic c earns
        specificity(2) / specificity(1) of what d earns."""
        frame = find(small, ["topic:synth-toetsing"], limit=100).set_index("id")
        c, d = (frame.loc[f"org:synth-{x}", "topic_score"] for x in ("c", "d"))
        assert c / d == pytest.approx(specificity(2) / specificity(1), abs=1e-3)
        assert specificity(2) < specificity(1)

    def test_nobody_near_is_said_and_the_nearest_come_first_with_their_distance(self, small):
        """P3 holds nobody; c (in G3, about 74 km away) is the nearest; of a, b (G1)
        and d (G4), alike but for their place, d is nearer and ranks first."""
        frame = find(small, ["topic:synth-toetsing"], region="region:synth-p3", limit=100)
        statement = frame.attrs["found"]["organisations"]
        assert statement.startswith("Organisaties: niemand in synth-p3 gevonden")
        assert "synth-c (synth-g3, 74 km)" in statement
        organisations = frame[frame["family"] == "organisations"].set_index("id")
        order = ranked(organisations.reset_index())
        assert order.index("org:synth-d") < min(
            order.index("org:synth-a"), order.index("org:synth-b")
        )
        assert (
            organisations.loc["org:synth-d", "region_score"]
            > organisations.loc["org:synth-a", "region_score"]
            > 0
        )
        assert organisations.loc["org:synth-c", "distance_km"] == pytest.approx(74, abs=1)
        assert organisations.loc["org:synth-a", "distance_km"] > 140
        assert "dichtstbij: synth-g3, 74 km" in organisations.loc["org:synth-c", "why"]
        assert frame.attrs["statement"].count("niemand") >= 1

    def test_someone_near_is_counted_and_no_distance_points_are_given(self, small):
        frame = find(small, ["topic:synth-toetsing"], region="region:synth-g1", limit=100)
        assert frame.attrs["found"]["organisations"] == "Organisaties: 5 in synth-g1 of synth-p1."
        assert not any("dichtstbij" in why for why in frame["why"])
        assert frame.set_index("id").loc["org:synth-a", "distance_km"] == 0

    def test_leading_a_group_on_the_topic_counts_beside_the_group_itself(self, small):
        frame = find(small, ["topic:synth-evc"]).set_index("id")
        lector = frame.loc["person:synth-lector"]
        assert "leidt synth-lectoraat, over synth-evc" in lector["why"]
        without = find(small, ["topic:synth-evc"], weights=Weights(leads=0)).set_index("id")
        assert lector["topic_score"] > without.loc["person:synth-lector", "topic_score"] > 0

    def test_publications_events_and_a_name_on_the_topic_are_evidence(self, small):
        before = find(small, ["topic:synth-evc"]).set_index("id")
        small.load(
            GraphBatch(
                [
                    node("resource:synth-verslag", "Resource"),
                    node("network:synth-netwerk-evc", "Network", name="Netwerk synth EVC"),
                ],
                [
                    rel("resource:synth-verslag", "ABOUT", "topic:synth-evc"),
                    rel("resource:synth-verslag", "PUBLISHED_BY", "org:synth-f"),
                    rel("network:synth-netwerk-evc", "WORKS_ON", "topic:synth-evc"),
                ],
            )
        )
        after = find(small, ["topic:synth-evc"]).set_index("id")
        assert "een publicatie of bijeenkomst over synth-evc" in after.loc["org:synth-f", "why"]
        assert after.loc["org:synth-f", "score"] > before.loc["org:synth-f", "score"]
        network = after.loc["network:synth-netwerk-evc"]
        assert 'draagt "synth-evc" in de naam' in network["why"]  # "Netwerk synth EVC"
        assert network["rank"] == 1 and network["family"] == "groups"

    def test_a_group_can_be_reached_through_its_website_and_a_person_through_the_group(self, small):
        small.load(
            GraphBatch(
                [
                    node(
                        "rg:synth-lectoraat",
                        "ResearchGroup",
                        type="lectoraat",
                        website="https://lectoraat.example.org",
                    )
                ],
                [],
            )
        )
        frame = find(small, ["topic:synth-evc"], lang="en").set_index("id")
        assert frame.loc["rg:synth-lectoraat", "reach_url"] == "https://lectoraat.example.org"
        lector = frame.loc["person:synth-lector"]
        assert lector["reach"] == "through synth-lectoraat: https://lectoraat.example.org"


class TestCoverage:
    def test_counts_every_region_of_the_level_with_gaps_and_nearest(self, small):
        frame = small.coverage("provincie", topic="topic:synth-toetsing").set_index("region_id")
        assert list(frame.index) == ["region:synth-p1", "region:synth-p2", "region:synth-p3"]
        # a, b, d, stale, e (through the narrower topic) in P1; c in P2
        assert frame.loc["region:synth-p1", "Organisation"] == 5
        assert frame.loc["region:synth-p2", "total"] == 1
        gap = frame.loc["region:synth-p3"]
        assert gap["gap"] and gap["total"] == 0
        assert gap["nearest_id"] == "region:synth-p2" and 0 < gap["distance_km"] < 20

    def test_kind_filter_and_gemeente_level(self, small):
        frame = small.coverage("gemeente", topic="topic:synth-evc", kind="Person")
        counts = dict(zip(frame["region_id"], frame["Person"], strict=True))
        assert counts == {
            "region:synth-g1": 0,
            "region:synth-g2": 0,
            "region:synth-g3": 1,  # the lector, through the host of the lectoraat
            "region:synth-g4": 0,
        }

    def test_region_without_centroid_takes_the_mean_of_its_parts(self, small):
        frame = small.coverage("corop", topic="topic:synth-summatief").set_index("region_id")
        gap = frame.loc["region:synth-c2"]  # G4 at 52.3; C1 has G1 and G2 at 52.0 and 52.1
        assert gap["total"] == 0 and gap["nearest_id"] == "region:synth-c1"
        assert gap["distance_km"] == pytest.approx(27.8, abs=0.1)

    @pytest.mark.parametrize("args", [("wijk",), ("provincie", None, "Topic")])
    def test_unknown_level_or_kind_is_a_clear_error(self, small, args):
        with pytest.raises(GraphModelError):
            small.coverage(*args)

    @pytest.mark.parametrize("level", ["provincie", "corop", "gemeente"])
    @pytest.mark.parametrize("topic", ["topic:synth-toetsing", "topic:synth-evc", None])
    def test_the_actors_behind_each_count_are_as_many_as_it(self, small, level, topic):
        counts = small.coverage(level, topic).set_index("region_id")["total"]
        behind = small.coverage_actors(level, topic)
        per_region = behind.groupby("region_id").size().reindex(counts.index, fill_value=0)
        assert per_region.to_dict() == counts.to_dict()
        assert not behind.duplicated(["region_id", "actor_id"]).any()
        one = counts.idxmax()
        pd.testing.assert_frame_equal(
            small.coverage_actors(level, topic, region=one),
            behind[behind["region_id"] == one].reset_index(drop=True),
        )

    def test_each_actor_behind_a_count_says_why_it_counts_there(self, small):
        behind = small.coverage_actors("gemeente", "topic:synth-evc", "Person")
        (lector,) = behind.itertuples()
        assert lector.region_id == "region:synth-g3" and lector.kind == "Person"
        assert lector.topic_id == "topic:synth-evc" and lector.topic_via  # through the group
        assert lector.region_via  # there through the host of the lectoraat
        assert small.coverage_actors("provincie", "topic:synth-evc", region="region:nope").empty


class TestPaths:
    def test_route_never_goes_through_a_topic_or_region(self, small):
        assert small.path("org:synth-a", "org:synth-c").empty  # only a topic and NL between

    def test_route_between_partners(self, small):
        frame = small.path("org:synth-a", "org:synth-b")
        assert frame["relationship"].tolist() == ["MEMBER_OF", "MEMBER_OF"]
        assert frame["source"].tolist() == ["synthetic", "synthetic"]

    def test_of_equal_routes_the_first_in_id_order_is_chosen(self, empty_store):
        people = [node(f"person:synth-{n}", "Person") for n in ("start", "end")]
        orgs = [node(f"org:synth-{n}", "Organisation", category="school") for n in "zab"]
        links = [
            rel(p, "AFFILIATED_WITH", o)
            for p in ("person:synth-start", "person:synth-end")
            for o in ("org:synth-z", "org:synth-b", "org:synth-a")
        ]
        empty_store.load(GraphBatch(people + orgs, links))
        walk = empty_store.shortest_walks("person:synth-start", ["person:synth-end"])
        assert walk["person:synth-end"].nodes == (
            "person:synth-start",
            "org:synth-a",
            "person:synth-end",
        )

    def test_of_equal_routes_one_through_a_person_or_group_is_preferred(self, empty_store):
        """A group to contact introduces better than an organisation, though "org:" sorts
        before "partnership:" (issue 20: routes that introduce)."""
        people = [node(f"person:synth-{n}", "Person") for n in ("start", "end")]
        between = [
            node("org:synth-a", "Organisation", category="school"),
            node("partnership:synth-p", "Partnership"),
        ]
        links = [rel(p.id, "AFFILIATED_WITH", b.id) for p in people for b in between]
        empty_store.load(GraphBatch(people + between, links))
        walk = empty_store.shortest_walks("person:synth-start", ["person:synth-end"])
        assert walk["person:synth-end"].nodes == (
            "person:synth-start",
            "partnership:synth-p",
            "person:synth-end",
        )

    def test_max_hops(self, small):
        assert small.path("org:synth-a", "org:synth-b", max_hops=1).empty


def _facts(walk: Walk) -> tuple:
    return walk.nodes, tuple(r.key for r in walk.relationships)


class TestFollow:
    def test_steps_direction_kinds_and_repetition(self, small):
        up = small.follow(["region:synth-g1"], [Step(("PART_OF",), "out", min_hops=0, max_hops=4)])
        assert sorted(w.end for w in up) == [
            "region:synth-c1",
            "region:synth-g1",
            "region:synth-nl",
            "region:synth-p1",
        ]
        down = small.follow(["region:synth-p1"], [Step(("PART_OF",), "in", ("Region",))])
        assert sorted(w.end for w in down) == ["region:synth-c1", "region:synth-c2"]
        walks = small.follow(
            ["topic:synth-evc"],
            [Step(("WORKS_ON",), "in", ("ResearchGroup",)), Step(("LEADS",), "in")],
        )
        assert [w.nodes for w in walks] == [
            ("topic:synth-evc", "rg:synth-lectoraat", "person:synth-lector")
        ]
        assert walks[0].relationships[1].get("role") == "lector"

    def test_a_walk_never_uses_a_relationship_twice(self, small):
        walks = small.follow(
            ["org:synth-a"], [Step(("MEMBER_OF",), "out"), Step(("MEMBER_OF",), "in")]
        )
        assert sorted(w.end for w in walks) == ["org:synth-b"]

    @pytest.mark.parametrize("starts", [1, 3])  # fewer or more starts than end ids
    def test_end_ids_keep_the_walks_that_end_there(self, small, starts):
        """Whichever end a store starts from, the walks are those of the plain steps
        that end at the given ids, each read from its start."""
        start_ids = ["org:synth-a", "org:synth-b", "org:synth-d"][:starts]
        ends = {"region:synth-c1", "region:synth-p1"}
        to_region = Step(("LOCATED_IN",), "out", ("Region",))
        larger = Step(("PART_OF",), "out", ("Region",), min_hops=0, max_hops=4)
        every = small.follow(start_ids, [to_region, larger])
        wanted = sorted(_facts(w) for w in every if w.end in ends)
        kept = small.follow(start_ids, [to_region, Step(**{**vars(larger), "end_ids": ends})])
        assert sorted(_facts(w) for w in kept) == wanted
        assert len(wanted) == {1: 2, 3: 5}[starts]

    def test_many_requests_in_one_call(self, small):
        requests = [(["org:synth-a"], [Step(("LOCATED_IN",), "out")]), ([], [])]
        assert [[w.end for w in ws] for ws in small.follow_many(requests)] == [
            ["region:synth-g1"],
            [],
        ]

    def test_nodes_of(self, small):
        found = small.nodes_of("Region", {"level": "corop"})
        assert [n.id for n in found] == ["region:synth-c1", "region:synth-c2"]


class TestSearchInBothDirections:
    def test_a_topic_leads_to_the_actors_on_it(self, small):
        hits = small.search("synth evc")
        assert hits[0].node.id == "topic:synth-evc"
        via = {h.node.id: h.matched for h in hits[1:]}
        assert via["person:synth-lector"] == "onderwerp: synth-evc"
        assert {h.via_topic.id for h in hits[1:]} == {"topic:synth-evc"}
        assert hits[0].via_topic is None  # a name hit
        assert {"org:synth-po", "rg:synth-lectoraat"} <= via.keys()

    def test_category_to_topic(self, small):
        frame = small.topics_by_kind().set_index("topic_id")
        assert frame.loc["topic:synth-evc", "Organisation"] == 3
        assert frame.loc["topic:synth-evc", "ResearchGroup"] == 1
        assert frame.loc["topic:synth-zeldzaam", "total"] == 1


class TestAnalysis:
    def test_communities_cover_every_actor_once(self, small):
        frame = small.communities()
        assert frame["id"].is_unique
        assert "org:synth-a" in set(frame["id"]) and "topic:synth-evc" not in set(frame["id"])
        partners = frame.set_index("id").loc[["org:synth-a", "org:synth-b"], "community"]
        assert partners.nunique() == 1

    def test_brokers_rank_the_middle_of_a_chain_first(self, small):
        frame = small.brokers(top=3)
        assert frame.loc[0, "id"] == "partnership:synth-x"

    def test_bridges_link_regions(self, small):
        small.load(GraphBatch([], [rel("org:synth-c", "MEMBER_OF", "partnership:synth-x")]))
        frame = small.bridges("provincie").set_index("id")
        assert frame.loc["partnership:synth-x", "regions"] == 2
        assert frame.loc["partnership:synth-x", "region_names"] == ["synth-p1", "synth-p2"]
