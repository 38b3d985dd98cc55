"""An approved profile in the graph, on both stores: written all or nothing with its
history, citing the profile and the day the person confirmed; refused whole when it
names what the graph lacks; and forgotten without a trace in graph, history or export."""

from __future__ import annotations

from datetime import date

import pytest

from graphmodel.errors import GraphModelError
from graphmodel.model import GraphBatch
from graphmodel.profiles import ProfileFacts, approve, forget, profile_batch, reduce_to_public
from graphmodel.stores.history import Occasion

ANNA = ProfileFacts(
    account=7,
    person="person:profiel-7",
    name="Anna de Boer",
    confirmed=date(2026, 11, 8),
    job_title="lerarenopleider",
    organisation="org:hogeschool-van-amsterdam",
    topics=("topic:leeruitkomsten",),
    region="region:GM0363",
    groups=("rg:leren-en-innoveren",),
    website="https://example.nl/anna",
    email="a.deboer@example.nl",
)
SOURCE = "profiel:7@2026-11-08"


def test_an_approved_profile_is_written_with_its_source_date_and_history(store):
    before = len(store.history())
    summary = approve(store.store, ANNA, by="account:1")
    assert summary.total_created == 5  # the person, organisation, topic, region, group
    node = store.node(ANNA.person)
    assert (node.name, node.get("source"), node.get("verified")) == (
        "Anna de Boer",
        SOURCE,
        "2026-11-08",
    )
    assert (node.get("email"), node.get("contact_public")) == ("a.deboer@example.nl", True)
    links = {
        (r.type, r.end, r.get("source"), r.get("verified"))
        for r in store.relationships_of([ANNA.person])
    }
    assert links == {
        ("AFFILIATED_WITH", "org:hogeschool-van-amsterdam", SOURCE, "2026-11-08"),
        ("WORKS_ON", "topic:leeruitkomsten", SOURCE, "2026-11-08"),
        ("ACTIVE_IN", "region:GM0363", SOURCE, "2026-11-08"),
        ("AFFILIATED_WITH", "rg:leren-en-innoveren", SOURCE, "2026-11-08"),
    }
    recorded = store.history()[before:]
    assert {(c.action, c.by, c.file, c.date) for c in recorded} == {
        ("added", "account:1", SOURCE, "2026-11-08")
    }
    assert len(recorded) == 5
    again = approve(store.store, ANNA, by="account:1")
    assert again.total_created == 0 and len(store.history()) == before + 5


@pytest.mark.parametrize(
    "named",
    [
        {"topics": ("topic:bestaat-niet",)},
        {"organisation": "topic:leeruitkomsten"},  # a node of another kind
        {"region": "org:hogeschool-van-amsterdam"},
        {"groups": ("org:nhl-stenden-hogeschool",)},
    ],
)
def test_a_profile_naming_what_the_graph_lacks_writes_nothing(store, named):
    before = (store.stats(), len(store.history()))
    with pytest.raises(GraphModelError, match="does not hold"):
        approve(store.store, ProfileFacts(**{**ANNA.__dict__, **named}), by="account:1")
    assert (store.stats(), len(store.history())) == before
    assert store.nodes([ANNA.person]) == []


def test_a_forgotten_person_leaves_no_trace_in_graph_history_or_export(store):
    before = store.export()
    kept_history = store.history()
    approve(store.store, ANNA, by="account:1")
    assert forget(store.store, ANNA.person) is True
    exported = store.export()
    assert store.nodes([ANNA.person]) == []
    assert "Anna de Boer" not in repr(exported) and "a.deboer" not in repr(exported)
    assert "person:profiel-7" not in repr(store.history())
    assert sorted(n.id for n in exported.nodes) == sorted(n.id for n in before.nodes)
    assert len(exported.relationships) == len(before.relationships)
    assert store.history() == kept_history
    assert forget(store.store, ANNA.person) is False


def test_forgetting_a_public_person_removes_their_links_and_keeps_the_rest(store):
    assert forget(store.store, "person:marco-snoek") is True
    assert store.nodes(["person:marco-snoek"]) == []
    assert store.nodes(["rg:leren-en-innoveren"])  # what they were linked to stays
    assert all("marco-snoek" not in c.entity for c in store.history())


def test_reducing_to_the_public_source_drops_only_what_a_profile_added(store):
    public = {(r.type, r.end) for r in store.relationships_of(["person:marco-snoek"])}
    history = store.history()
    added = ProfileFacts(
        account=9,
        person="person:marco-snoek",
        name="Marco Snoek",
        confirmed=date(2026, 11, 8),
        topics=("topic:leeruitkomsten",),
    )
    store.load(GraphBatch([], profile_batch(added).relationships), occasion=Occasion("2026-11-08"))
    assert reduce_to_public(store.store, "person:marco-snoek") is True
    node = store.node("person:marco-snoek")
    assert node.get("source") == "001_3629ba6a81073cc0.txt"
    assert {(r.type, r.end) for r in store.relationships_of(["person:marco-snoek"])} == public
    assert store.history() == history


def test_a_proposed_topic_is_written_as_a_topic_citing_the_profile(store):
    facts = ProfileFacts(**{**ANNA.__dict__, "proposed_topic": "Opleiden in de school"})
    approve(store.store, facts, by="account:1")
    topic = store.node("topic:opleiden-in-de-school")
    assert (topic.name, topic.get("source"), topic.get("verified")) == (
        "Opleiden in de school",
        SOURCE,
        "2026-11-08",
    )
    ends = {r.end for r in store.relationships_of([ANNA.person]) if r.type == "WORKS_ON"}
    assert ends == {"topic:leeruitkomsten", "topic:opleiden-in-de-school"}


def test_a_proposed_topic_without_letters_writes_nothing(store):
    before = store.stats()
    with pytest.raises(GraphModelError, match="no letter or digit"):
        approve(store.store, ProfileFacts(**{**ANNA.__dict__, "proposed_topic": "?!"}), "x")
    assert store.stats() == before


def test_an_approved_claim_adds_to_the_public_node_and_leaves_its_own_facts(store):
    marco = store.node("person:marco-snoek")
    claimed = ProfileFacts(**{**ANNA.__dict__, "person": marco.id, "name": "M. Snoek"})
    approve(store.store, claimed, by="account:1")
    assert store.node(marco.id) == marco
    added = {
        (r.type, r.end) for r in store.relationships_of([marco.id]) if r.get("source") == SOURCE
    }
    assert ("WORKS_ON", "topic:leeruitkomsten") in added
    assert reduce_to_public(store.store, marco.id)
    assert store.node(marco.id) == marco
    assert not any(r.get("source") == SOURCE for r in store.relationships_of([marco.id]))
