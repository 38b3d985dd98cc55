"""Objections over HTTP, on SQLite and PostgreSQL: anyone named from public sources asks
to be removed; a curator decides; a removed person is in neither graph, history nor
export, and the objector is told by e-mail; bad input and bursts keep nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from explorer.accounts.models import AuditEvent, Objection
from tests.accounts.conftest import csrf_of
from tests.profiles.conftest import graph_of

MARCO = "person:marco-snoek"
OBJECTOR = "m.snoek@example.nl"
GOOD = {
    "person": MARCO,
    "name": "Marco Snoek",
    "email": OBJECTOR,
    "wish": "remove",
    "message": "Ik wil hier niet in staan.\nGraag verwijderen.",
}


def send(client, data: dict):
    return client.post("/bezwaar", data={**data, "csrf_token": csrf_of(client, "/bezwaar")})


def decide(curator, objection_id, decision: str, reason: str = ""):
    data = {"objection": str(objection_id), "decision": decision, "reason": reason}
    return curator.post(
        "/curator/bezwaar", data={**data, "csrf_token": csrf_of(curator, "/profiel")}
    )


def objections(database) -> list[Objection]:
    with database.session() as db:
        return list(db.scalars(select(Objection)))


def test_anyone_may_object_and_the_log_keeps_no_content(client, database):
    form = client.get("/bezwaar").get_data(as_text=True)
    assert "Marco Snoek" in form and "ook uit de geschiedenis en de downloads" in form
    answer = send(client, GOOD)
    assert answer.status_code == 200 and "is ontvangen" in answer.get_data(as_text=True)
    [objection] = objections(database)
    assert (objection.person_id, objection.wish, objection.status) == (MARCO, "remove", "pending")
    assert objection.message == GOOD["message"]
    with database.session() as db:
        [event] = db.scalars(select(AuditEvent).where(AuditEvent.kind == "objection_received"))
    assert "verwijderen" not in event.detail and event.email is None


HOSTILE = [
    ("person", "person:bestaat-niet", "Deze keuze bestaat niet"),
    ("person", "org:hogeschool-van-amsterdam", "Deze keuze bestaat niet"),
    ("person", "", "Vul dit in."),
    ("name", "", "Vul dit in."),
    ("name", "n" * 201, "Te lang: hoogstens 200 tekens."),
    ("name", "Marco\x07<img src=x onerror=alert(1)>", "Bevat tekens die niet"),
    ("email", "geen adres", "Dit is geen e-mailadres"),
    ("email", "a@" + "b" * 300 + ".nl", "Dit is geen e-mailadres"),
    ("wish", "alles", "Deze keuze bestaat niet"),
    ("wish", "", "Vul dit in."),
    ("message", "m" * 2001, "Te lang: hoogstens 2000 tekens."),
]


@pytest.mark.parametrize(("field", "value", "message"), HOSTILE)
def test_bad_input_is_refused_plainly_and_keeps_nothing(client, database, field, value, message):
    answer = send(client, {**GOOD, field: value})
    text = answer.get_data(as_text=True)
    assert answer.status_code == 400 and message in text and "Er is niets opgeslagen" in text
    assert "<img" not in text
    assert objections(database) == []


def test_a_burst_of_objections_from_one_client_is_refused(client, database):
    answers = [send(client, GOOD).status_code for _ in range(6)]
    assert answers == [200] * 5 + [429]
    assert len(objections(database)) == 5


def test_an_honoured_objection_removes_the_person_everywhere(
    app, client, curator, database, mailbox
):
    send(client, GOOD)
    [objection] = objections(database)
    queue = curator.get("/curator").get_data(as_text=True)
    assert "Bezwaar: Marco Snoek" in queue and "Graag verwijderen." in queue

    honoured = decide(curator, objection.id, "honour")
    assert honoured.status_code == 200
    graph = graph_of(app)
    assert graph.nodes([MARCO]) == []
    assert all(MARCO not in change.entity for change in graph.history())
    assert "Marco Snoek" not in repr(graph.export())
    found = graph.find_people(["flexibilisering"], region="GM0363")
    assert MARCO not in set(found.id)
    [told] = [m for m in mailbox.messages if m["X-Envelope-To"] == OBJECTOR]
    assert "gehonoreerd" in told.get_content()
    [closed] = objections(database)
    assert (closed.status, closed.name, closed.email, closed.message, closed.person_id) == (
        "honoured",
        "",
        "",
        "",
        "",
    )
    assert decide(curator, objection.id, "honour").status_code == 404  # decided once


def test_turning_an_objection_down_needs_a_reason_the_objector_reads(
    app, client, curator, database, mailbox
):
    send(client, GOOD)
    [objection] = objections(database)
    assert decide(curator, objection.id, "reject").status_code == 400
    assert decide(curator, objection.id, "reject", "Openbaar lector.").status_code == 200
    assert graph_of(app).nodes([MARCO])
    [told] = [m for m in mailbox.messages if m["X-Envelope-To"] == OBJECTOR]
    assert "Openbaar lector." in told.get_content()


def test_only_curators_decide(app, client, person, database):
    send(client, GOOD)
    [objection] = objections(database)
    assert decide(person, objection.id, "honour").status_code == 403
    assert graph_of(app).nodes([MARCO])
