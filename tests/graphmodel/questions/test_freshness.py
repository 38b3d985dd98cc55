"""How fresh the graph is, and whom to ask next (graphmodel.questions.freshness), on every store.

Most tests use a small world built here: synthetic, labelled so (ids ``…:synth-…``,
source "synthetic"), with each date placed to isolate one rule. Expectations are
counted from that world's own facts, never copied from an answer.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from graphmodel.errors import GraphModelError
from graphmodel.graph import Graph
from graphmodel.model import GraphBatch, Node, Relationship
from graphmodel.questions import freshness

TODAY = date(2026, 11, 22)
FRESH = "2026-06-01"
STALE = "2016-06-01"
OLDER = "2012-01-01"  # older than every other dated fact
INVALID = "gisteren"


def node(node_id: str, kind: str, verified: str | None = FRESH, **props) -> Node:
    dated = {"verified": verified} if verified else {}
    name = node_id.split("-")[-1].upper()  # org:synth-a is A
    return Node(node_id, kind, {"name": name, **props, "source": "synthetic", **dated})


def rel(start: str, rel_type: str, end: str, verified: str | None = FRESH) -> Relationship:
    dated = {"verified": verified} if verified else {}
    return Relationship(start, rel_type, end, {"source": "synthetic", **dated})


def world() -> GraphBatch:
    """Two provinces. A and D lie in P1 (through gemeente G1), B in P2; partnership P is
    active in P1; C is in no province itself (only through P), N only in the country.
    A and B have three stale facts each, B one relationship more; P, C and N one each
    (C's membership has no date, N's own date is no date); D has none."""
    nodes = [
        node("region:synth-nl", "Region", level="land"),
        node("region:synth-p1", "Region", level="provincie"),
        node("region:synth-p2", "Region", level="provincie"),
        node("region:synth-g1", "Region", level="gemeente"),
        node("region:synth-g2", "Region", level="gemeente"),
        node("org:synth-a", "Organisation", STALE, category="school"),
        node("org:synth-b", "Organisation", STALE, category="school"),
        node("org:synth-c", "Organisation", category="school"),
        node("org:synth-d", "Organisation", category="school"),
        node("partnership:synth-p", "Partnership"),
        node("network:synth-n", "Network", INVALID),
        node("person:synth-x", "Person"),
        node("person:synth-y", "Person"),
        node("topic:synth-t", "Topic"),
    ]
    relationships = [
        rel("region:synth-p1", "PART_OF", "region:synth-nl"),
        rel("region:synth-p2", "PART_OF", "region:synth-nl"),
        rel("region:synth-g1", "PART_OF", "region:synth-p1"),
        rel("region:synth-g2", "PART_OF", "region:synth-p2"),
        rel("org:synth-a", "LOCATED_IN", "region:synth-g1", STALE),
        rel("org:synth-a", "WORKS_ON", "topic:synth-t", STALE),
        rel("org:synth-a", "MEMBER_OF", "partnership:synth-p"),
        rel("org:synth-b", "LOCATED_IN", "region:synth-g2", STALE),
        rel("person:synth-x", "AFFILIATED_WITH", "org:synth-b", OLDER),
        rel("person:synth-y", "AFFILIATED_WITH", "org:synth-b"),
        rel("org:synth-b", "WORKS_ON", "topic:synth-t"),
        rel("partnership:synth-p", "ACTIVE_IN", "region:synth-p1"),
        rel("org:synth-c", "MEMBER_OF", "partnership:synth-p", None),
        rel("network:synth-n", "ACTIVE_IN", "region:synth-nl"),
        rel("org:synth-d", "LOCATED_IN", "region:synth-g1"),
    ]
    return GraphBatch(nodes, relationships)


WORLD = world()
SUBJECTS = [n for n in WORLD.nodes if n.kind in freshness.SUBJECT_KINDS]


@pytest.fixture
def synth(empty_store: Graph) -> Graph:
    empty_store.load(WORLD)
    return empty_store


# --- an oracle: the rules, counted straight from the world ------------------------------


def fresh(fact: Node | Relationship) -> bool:
    try:
        day = date.fromisoformat(str(fact.get("verified")))
    except ValueError:
        return False
    return day >= TODAY - timedelta(days=365)


def facts_of(subject_ids: list[str]) -> dict[object, Node | Relationship]:
    """The facts about these subjects, each once: their nodes and relationships."""
    found: dict[object, Node | Relationship] = {n.id: n for n in WORLD.nodes if n.id in subject_ids}
    touching = [r for r in WORLD.relationships if {r.start, r.end} & set(subject_ids)]
    return found | {r.key: r for r in touching}


def counted(facts: list[Node | Relationship]) -> tuple[int, int]:
    return len(facts), sum(fresh(f) for f in facts)


def rows(frame, *columns: str) -> list[tuple]:
    return [tuple(row) for row in frame[list(columns)].itertuples(index=False)]


def assert_worst_first(frame) -> None:
    order = list(zip(frame["share_fresh"], frame["group"], frame["id"], strict=True))
    assert order == sorted(order)


# --- the share per group --------------------------------------------------------------


def test_by_kind_counts_every_node_kind_and_relationship_type(synth):
    table = freshness.by_group(synth, "kind", TODAY)
    kinds = {n.kind for n in WORLD.nodes} | {r.type for r in WORLD.relationships}
    expected = {
        k: counted([f for f in [*WORLD.nodes, *WORLD.relationships] if _kind(f) == k])
        for k in kinds
    }
    assert {g: (n, f) for g, n, f in rows(table, "group", "facts", "fresh")} == expected
    assert_worst_first(table)


def _kind(fact: Node | Relationship) -> str:
    return fact.kind if isinstance(fact, Node) else fact.type


def test_by_org_counts_each_subject_with_every_relationship_touching_it(synth):
    table = freshness.by_group(synth, "org", TODAY)
    expected = {s.id: (s.name, *counted(list(facts_of([s.id]).values()))) for s in SUBJECTS}
    assert {i: (g, n, f) for i, g, n, f in rows(table, "id", "group", "facts", "fresh")} == (
        expected
    )
    assert_worst_first(table)
    assert table["share_fresh"].iloc[0] < table["share_fresh"].iloc[-1]


def test_by_region_counts_the_subjects_in_each_province_themselves_each_fact_once(synth):
    table = freshness.by_group(synth, "region", TODAY)
    # A and D lie in P1 through their gemeente, P is active in P1 itself; C is a member
    # of P but not in P1 itself, so with N (only in the country) it is in no province.
    inside = {
        "region:synth-p1": ["org:synth-a", "org:synth-d", "partnership:synth-p"],
        "region:synth-p2": ["org:synth-b"],
        "": ["org:synth-c", "network:synth-n"],
    }
    expected = {place: counted(list(facts_of(ids).values())) for place, ids in inside.items()}
    assert {i: (n, f) for i, n, f in rows(table, "id", "facts", "fresh")} == expected
    shared = rel("org:synth-a", "MEMBER_OF", "partnership:synth-p").key  # A's and P's
    assert shared in facts_of(inside["region:synth-p1"])
    named = dict(rows(table, "id", "group"))
    assert named[""] == freshness.NO_PROVINCE
    assert named["region:synth-p1"] == "P1"
    assert_worst_first(table)


def test_an_undated_fact_is_stale_and_makes_its_group_oldest(synth):
    table = freshness.by_group(synth, "org", TODAY).set_index("id")
    assert table.loc["org:synth-c", "oldest"] == ""  # its membership has no date
    assert table.loc["network:synth-n", "oldest"] == ""  # its own date is no date
    assert table.loc["network:synth-n", "fresh"] == 1  # of 2: only its ACTIVE_IN
    assert table.loc["org:synth-b", "oldest"] == OLDER


def test_total_counts_every_fact_once(synth):
    [row] = freshness.total(synth, TODAY).to_dict(orient="records")
    everything = [*WORLD.nodes, *WORLD.relationships]
    assert (row["facts"], row["fresh"]) == counted(everything)
    assert row["share_fresh"] == round(row["fresh"] / row["facts"], 3)
    assert row["oldest"] == ""


def test_an_unknown_grouping_is_an_error(synth):
    with pytest.raises(GraphModelError, match="not by 'topic'"):
        freshness.by_group(synth, "topic", TODAY)


def test_an_empty_store_has_no_groups_and_no_facts(empty_store):
    for by in freshness.GROUPINGS:
        assert freshness.by_group(empty_store, by, TODAY).empty
    assert freshness.total(empty_store, TODAY)["facts"].tolist() == [0]
    assert freshness.oldest_facts(empty_store).empty
    assert freshness.worklist(empty_store, TODAY).empty


# --- the oldest facts -----------------------------------------------------------------


def test_oldest_facts_come_undated_first_then_by_date_then_by_key(synth):
    table = freshness.oldest_facts(synth, limit=6)
    assert len(table) == 6
    undated = {
        "network:synth-n",
        "|".join(rel("org:synth-c", "MEMBER_OF", "partnership:synth-p").key),
    }
    assert set(table["key"][:2]) == undated
    assert list(table["key"][:2]) == sorted(undated)
    assert list(table["verified"][2:]) == [OLDER, STALE, STALE, STALE]
    assert list(table["key"][3:]) == sorted(table["key"][3:])
    assert table["what"][2] == "X — AFFILIATED_WITH — B"
    assert rows(table, "element", "kind")[2] == ("relationship", "AFFILIATED_WITH")


def test_oldest_facts_name_nodes_by_name(synth):
    table = freshness.oldest_facts(synth, limit=len(WORLD))
    assert len(table) == len(WORLD)
    assert dict(rows(table, "key", "what"))["network:synth-n"] == "N"
    assert set(table["source"]) == {"synthetic"}


# --- the worklist ---------------------------------------------------------------------


def test_worklist_most_stale_first_then_most_used_then_by_id(synth):
    table = freshness.worklist(synth, TODAY, limit=10)
    # A and B have three stale facts each, B has one relationship more: B leads.
    assert list(table["id"][:2]) == ["org:synth-b", "org:synth-a"]
    expected = []
    for subject in SUBJECTS:
        facts = list(facts_of([subject.id]).values())
        use = sum(isinstance(f, Relationship) for f in facts)
        total, fresh_ = counted(facts)
        if total > fresh_:
            expected.append((subject.id, subject.kind, total, total - fresh_, use))
    expected.sort(key=lambda row: (-row[3], -row[4], row[0]))
    assert rows(table, "id", "kind", "facts", "stale", "use") == expected
    assert "org:synth-d" not in set(table["id"])  # nothing stale: nothing to ask


def test_worklist_keeps_to_its_limit(synth):
    full = freshness.worklist(synth, TODAY, limit=10)
    assert list(freshness.worklist(synth, TODAY, limit=2)["id"]) == list(full["id"][:2])
    assert list(freshness.worklist(synth, TODAY, limit=2).columns) == freshness.WORKLIST_COLUMNS


def test_a_later_today_makes_facts_stale(synth):
    later = date.fromisoformat(FRESH) + timedelta(days=366)
    table = freshness.worklist(synth, later, limit=20)
    assert (table["share_fresh"] == 0).all()
    assert set(table["id"]) == {s.id for s in SUBJECTS}


# --- on the mini fixture dataset ------------------------------------------------------


def test_by_kind_agrees_with_the_stores_own_freshness(store):
    table = freshness.by_group(store, "kind", TODAY)
    own = store.freshness(TODAY).iloc[:-1]
    assert rows(table.sort_values("group"), "group", "facts", "fresh", "oldest") == rows(
        own.sort_values("kind"), "kind", "total", "fresh", "oldest"
    )
    assert freshness.total(store, TODAY)["facts"].tolist() == [
        store.freshness(TODAY)["total"].iloc[-1]
    ]


def test_mini_organisations_in_their_provinces(store):
    organisations = store.nodes_of("Organisation")
    table = freshness.by_group(store, "org", TODAY).set_index("id")
    provinces = {}
    for org in organisations:
        facts = 1 + len(store.relationships_of([org.id]))
        assert table.loc[org.id, "facts"] == facts
        [located] = [r.end for r in store.relationships_of([org.id]) if r.type == "LOCATED_IN"]
        [province] = [
            r.end
            for r in store.relationships_of([located])
            if r.start == located and r.type == "PART_OF"
        ]
        provinces[province] = facts
    by_region = freshness.by_group(store, "region", TODAY)
    assert dict(rows(by_region, "id", "facts")) == provinces
