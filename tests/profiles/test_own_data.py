"""A signed-in person's rights over HTTP, on SQLite and PostgreSQL: everything held about
them as JSON, and deleting their account and profile (with what the profile put in the
graph and its history)."""

from __future__ import annotations

import json

from sqlalchemy import select

from explorer.accounts.models import Account, AuditEvent, Profile, SignInLink
from tests.profiles.conftest import PERSON, decide, graph_of, pending_profile, post


def test_the_download_holds_account_profile_audit_and_graph(app, person, curator, database):
    profile = pending_profile(person, database)
    decide(curator, profile.id, "approve")
    answer = person.get("/profiel/gegevens")
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    assert "attachment" in answer.headers["Content-Disposition"]
    held = json.loads(answer.get_data(as_text=True))
    assert held["account"]["email"] == PERSON
    assert held["profile"]["name"] == "Anna de Boer"
    assert held["profile"]["topic_ids"] == "topic:flexibilisering"
    assert {"sign_in", "profile_submitted"} <= {e["kind"] for e in held["audit_events"]}
    assert held["graph"]["node"]["id"] == profile.person_id
    assert {r["type"] for r in held["graph"]["relationships"]} == {
        "AFFILIATED_WITH",
        "WORKS_ON",
        "ACTIVE_IN",
    }


def test_the_download_is_for_the_signed_in_person_only(client):
    assert client.get("/profiel/gegevens").status_code == 401


def test_deleting_the_account_removes_it_its_profile_and_its_graph_facts(
    app, person, curator, database
):
    profile = pending_profile(person, database)
    decide(curator, profile.id, "approve")
    graph = graph_of(app)
    assert graph.nodes([profile.person_id])

    deleted = post(person, "/profiel/verwijderen", {})
    assert deleted.status_code == 200
    assert "zijn verwijderd" in deleted.get_data(as_text=True)
    assert graph.nodes([profile.person_id]) == []
    assert all(profile.person_id not in c.entity for c in graph.history())
    assert "Anna de Boer" not in repr(graph.export())
    with database.session() as db:
        assert db.scalar(select(Account).where(Account.email == PERSON)) is None
        assert db.scalars(select(Profile)).all() == []
        assert db.scalars(select(SignInLink).where(SignInLink.email == PERSON)).all() == []
        events = db.scalars(select(AuditEvent)).all()
    assert all(e.email != PERSON for e in events)
    assert "account_deleted" in [e.kind for e in events]
    assert person.get("/profiel").status_code == 401  # signed out with it


def test_deleting_needs_the_csrf_token(person, database):
    refused = person.post("/profiel/verwijderen", data={})
    assert refused.status_code == 403
    with database.session() as db:
        assert db.scalar(select(Account).where(Account.email == PERSON)) is not None
