"""The history on both stores: a recorded load keeps old values; as_of reads them back."""

from __future__ import annotations

from datetime import date

import pytest

from graphmodel.errors import GraphModelError
from graphmodel.graph import Graph
from graphmodel.model import GraphBatch, Node, Relationship
from graphmodel.stores import history
from graphmodel.stores.history import Occasion

OLD = {"source": "https://a.example/", "verified": "2024-01-01"}
NEW = {"source": "https://b.example/", "verified": "2026-03-01"}


def org(website: str, provenance: dict[str, str]) -> Node:
    props = {"name": "A", "category": "hogeschool", "website": website}
    return Node("org:a", "Organisation", props | provenance)


def member(provenance: dict[str, str], until: str | None = None) -> Relationship:
    props = {"role": "lid"} | provenance | ({"until": until} if until else {})
    return Relationship("org:a", "MEMBER_OF", "partnership:p", props)


PARTNERSHIP = Node("partnership:p", "Partnership", {"name": "P"} | OLD)


def test_a_recorded_load_keeps_what_it_replaced(empty_store: Graph) -> None:
    empty_store.load(GraphBatch([org("https://a.nl", OLD), PARTNERSHIP], [member(OLD)]))
    assert empty_store.history() == []  # a load without occasion records nothing

    change = GraphBatch([org("https://b.nl", NEW)], [member(NEW, until="2026-03-01")])
    empty_store.load(change, occasion=Occasion("2026-03-01", "J. Jansen", "org-a.xlsx"))

    recorded = {(c.action, c.entity, c.field): c for c in empty_store.history()}
    assert set(recorded) == {
        ("changed", "org:a", "website"),
        ("ended", "org:a|MEMBER_OF|partnership:p|lid", "until"),
    }
    website = recorded[("changed", "org:a", "website")]
    assert (website.old, website.new) == ("https://a.nl", "https://b.nl")
    assert (website.old_source, website.old_verified) == (OLD["source"], OLD["verified"])
    assert (website.source, website.by, website.file) == (NEW["source"], "J. Jansen", "org-a.xlsx")

    # the same load again changes nothing and records nothing
    empty_store.load(change, occasion=Occasion("2026-04-01"))
    assert len(empty_store.history()) == 2


def test_a_confirmation_and_an_addition(empty_store: Graph) -> None:
    empty_store.load(GraphBatch([org("https://a.nl", OLD), PARTNERSHIP]))
    empty_store.load(
        GraphBatch([org("https://a.nl", NEW)], [member(NEW)]), occasion=Occasion("2026-03-01")
    )
    actions = sorted((c.action, c.field, c.old, c.new) for c in empty_store.history())
    assert actions == [("added", "", "", ""), ("confirmed", "verified", "2024-01-01", "2026-03-01")]


def test_as_of_undoes_what_came_later(empty_store: Graph) -> None:
    empty_store.load(GraphBatch([org("https://a.nl", OLD), PARTNERSHIP]))
    empty_store.load(GraphBatch([], [member(OLD)]), occasion=Occasion("2025-06-01"))
    empty_store.load(
        GraphBatch([org("https://b.nl", NEW)], [member(NEW, until="2026-03-01")]),
        occasion=Occasion("2026-03-01"),
    )

    before_all = empty_store.as_of(date(2025, 1, 1))
    assert before_all.relationships_of(["org:a"]) == []
    assert before_all.node("org:a").properties == org("https://a.nl", OLD).properties

    between = empty_store.as_of(date(2025, 12, 31))
    (membership,) = between.relationships_of(["org:a"])
    assert membership.get("until") is None and membership.get("verified") == OLD["verified"]
    assert [c.date for c in between.history()] == ["2025-06-01"]

    today = empty_store.as_of(date(2026, 3, 1))
    assert today.export().nodes and today.node("org:a").get("website") == "https://b.nl"
    assert today.stats() == empty_store.stats()

    since = empty_store.changes_since(date(2026, 1, 1))
    assert list(since.columns) == list(history.COLUMNS)
    assert set(since["action"]) == {"changed", "ended"}


def test_history_brought_along_is_kept_once_and_wiped(empty_store: Graph) -> None:
    change = history.Change("2026-01-01", "changed", "org:a", "website", "x", "y")
    empty_store.add_history([change, change])
    empty_store.add_history([change])
    assert empty_store.history() == [change]
    empty_store.wipe()
    assert empty_store.history() == []


def test_a_load_brings_its_history_along_in_the_same_step(
    empty_store: Graph, mini_batch: GraphBatch
) -> None:
    """A dataset's history comes with its load: both or neither (`verbindplaats load`)."""
    change = history.Change("2026-01-01", "changed", "org:a", "website", "x", "y")
    dangling = GraphBatch(
        [], [Relationship("org:nowhere", "WORKS_ON", "topic:nothing", {"source": "s"})]
    )
    with pytest.raises(GraphModelError):
        empty_store.load(dangling, changes=[change])
    assert empty_store.history() == []
    empty_store.load(mini_batch, changes=[change])
    empty_store.load(mini_batch, changes=[change])
    assert empty_store.history() == [change]
