"""The curator's queue over HTTP, on SQLite and PostgreSQL: pending profiles beside what
the graph holds; approval writes the graph (with history), rejection tells the person
why; anything else writes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from explorer.accounts.models import AuditEvent, Profile
from tests.profiles.conftest import GOOD, decide, graph_of, pending_profile, post


def test_only_curators_see_the_queue(person, client):
    assert person.get("/curator").status_code == 403
    assert client.get("/curator").status_code == 403
    assert "Alleen curatoren" in person.get("/curator").get_data(as_text=True)


def test_a_curator_approves_and_the_graph_holds_the_profile(app, person, curator, database):
    profile = pending_profile(person, database)
    queue = curator.get("/curator").get_data(as_text=True)
    assert "Anna de Boer" in queue and "(nog niets)" in queue  # beside the graph now
    assert "Leren en Innoveren" in queue  # the group by name, not by id

    approved = decide(curator, profile.id, "approve")
    assert approved.status_code == 200
    assert "Goedgekeurd en opgenomen" in approved.get_data(as_text=True)
    graph = graph_of(app)
    node = graph.node(profile.person_id)
    assert (node.name, node.get("verified")) == ("Anna de Boer", "2026-11-22")
    assert node.get("source") == f"profiel:{profile.account_id}@2026-11-22"
    assert node.get("email") is None  # the address was not to be shown
    assert {c.file for c in graph.history() if c.entity.startswith(profile.person_id)} == {
        node.get("source")
    }
    mine = person.get("/profiel").get_data(as_text=True)
    assert "goedgekeurd" in mine
    with database.session() as db:
        kinds = [e.kind for e in db.scalars(select(AuditEvent))]
    assert "profile_submitted" in kinds and "profile_approved" in kinds
    assert "Er wacht niets" in curator.get("/curator").get_data(as_text=True)


def test_a_rejection_needs_a_reason_and_the_person_sees_it(app, person, curator, database):
    profile = pending_profile(person, database)
    without = decide(curator, profile.id, "reject", "   ")
    assert without.status_code == 400 and "Geef een reden" in without.get_data(as_text=True)
    too_long = decide(curator, profile.id, "reject", "x" * 1001)
    assert too_long.status_code == 400

    rejected = decide(curator, profile.id, "reject", "Dit is geen <b>bestaande</b> rol.")
    assert rejected.status_code == 200
    mine = person.get("/profiel").get_data(as_text=True)
    assert "afgewezen" in mine
    assert "Dit is geen &lt;b&gt;bestaande&lt;/b&gt; rol." in mine
    assert graph_of(app).nodes([profile.person_id]) == []


@pytest.mark.parametrize("profile_id", ["999999", "-1", "1 OR 1=1", "x" * 500, ""])
def test_an_unknown_profile_is_refused_plainly_and_nothing_is_written(
    app, person, curator, database, profile_id
):
    profile = pending_profile(person, database)
    before = graph_of(app).stats()
    answer = decide(curator, profile_id, "approve")
    assert answer.status_code == 404
    assert "wacht niet (meer)" in answer.get_data(as_text=True)
    assert graph_of(app).stats() == before
    with database.session() as db:
        assert db.get(Profile, profile.id).status == "pending"


def test_a_profile_not_to_be_listed_is_approved_without_entering_the_graph(
    app, person, curator, database
):
    post(person, "/profiel", {**GOOD, "listed": ""})
    with database.session() as db:
        profile = db.scalar(select(Profile))
    before = graph_of(app).stats()
    answer = decide(curator, profile.id, "approve")
    assert "graaf blijft ongewijzigd" in answer.get_data(as_text=True)
    assert graph_of(app).stats() == before


def test_a_decided_profile_cannot_be_decided_again(app, person, curator, database):
    profile = pending_profile(person, database)
    decide(curator, profile.id, "reject", "onvolledig")
    again = decide(curator, profile.id, "approve")
    assert again.status_code == 404
    assert graph_of(app).nodes([profile.person_id]) == []


def test_a_proposed_topic_becomes_a_topic_the_person_works_on(app, person, curator, database):
    proposed = {**GOOD, "proposed_topic": "Leren op de <werkplek> & in de school"}
    assert post(person, "/profiel", proposed).status_code == 200
    with database.session() as db:
        profile = db.scalar(select(Profile))
    queue = curator.get("/curator").get_data(as_text=True)
    assert "Leren op de &lt;werkplek&gt; &amp; in de school (wordt bij goedkeuring" in queue
    assert decide(curator, profile.id, "approve").status_code == 200
    graph = graph_of(app)
    topic = graph.node("topic:leren-op-de-werkplek-in-de-school")
    source = f"profiel:{profile.account_id}@2026-11-22"
    assert (topic.kind, topic.name, topic.get("source")) == (
        "Topic",
        "Leren op de <werkplek> & in de school",
        source,
    )
    works_on = {r.end for r in graph.relationships_of([profile.person_id]) if r.type == "WORKS_ON"}
    assert works_on == {"topic:flexibilisering", topic.id}


def test_a_proposed_topic_the_vocabulary_holds_is_picked_not_made_again(
    app, person, curator, database
):
    before = graph_of(app).node("topic:leeruitkomsten")
    assert post(person, "/profiel", {**GOOD, "proposed_topic": "LEERUITKOMSTEN"}).status_code == 200
    with database.session() as db:
        profile = db.scalar(select(Profile))
    assert decide(curator, profile.id, "approve").status_code == 200
    graph = graph_of(app)
    assert graph.node("topic:leeruitkomsten") == before  # the curated topic untouched
    assert len(graph.nodes_of("Topic")) == 2
    works_on = {r.end for r in graph.relationships_of([profile.person_id]) if r.type == "WORKS_ON"}
    assert "topic:leeruitkomsten" in works_on
