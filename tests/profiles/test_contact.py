"""Contact through the platform over HTTP, on SQLite and PostgreSQL: a message relayed by
e-mail that shows neither address, an answer that shows only the answerer's; refused
for whoever cannot be reached, for bad text and for bursts; logged without content."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from explorer.accounts.models import AuditEvent, Profile
from tests.accounts.conftest import csrf_of
from tests.profiles.conftest import CURATOR, GOOD, PERSON, decide, post

REPLY_LINK = re.compile(r"http://localhost(/contact/antwoord\?t=\S+)")
MESSAGE = "Ik werk ook aan flexibilisering;\nzullen we eens bellen?"


@pytest.fixture
def reachable(person, curator, database) -> str:
    """Anna's profile, approved, reachable through the platform: her person id."""
    post(person, "/profiel", GOOD)  # reachable through the platform
    with database.session() as db:
        profile = db.scalar(select(Profile))
    decide(curator, profile.id, "approve")
    return profile.person_id


def write(client, naar: str, message: str = MESSAGE):
    token = csrf_of(client, "/bezwaar")  # a page with a form for anyone
    return client.post("/contact", data={"naar": naar, "message": message, "csrf_token": token})


def mail_to(mailbox, address: str):
    """What was relayed to `address` (not its sign-in links)."""
    return [
        m
        for m in mailbox.messages
        if m["X-Envelope-To"] == address and "inloglink" not in m["Subject"]
    ]


def test_a_message_is_relayed_without_either_address_and_the_answer_shows_one(
    curator, reachable, mailbox, database
):
    assert "Neem contact op met Anna de Boer" in curator.get(f"/contact?naar={reachable}").get_data(
        as_text=True
    )
    sent = write(curator, reachable)
    assert sent.status_code == 200 and "is verstuurd" in sent.get_data(as_text=True)
    [relayed] = mail_to(mailbox, PERSON)
    text = relayed.get_content().replace("\r\n", "\n")
    assert MESSAGE in text and CURATOR not in text + str(relayed)
    assert relayed["From"] == "verbindplaats@localhost"

    link = REPLY_LINK.search(text).group(1)
    answerer = curator.application.test_client()  # the recipient, from their mail
    assert answerer.get(link).status_code == 200
    answered = answerer.post(
        "/contact/antwoord",
        data={
            "t": dict(p.split("=", 1) for p in urlsplit(link).query.split("&"))["t"],
            "message": "Graag!",
            "csrf_token": csrf_of(answerer, link),
        },
    )
    assert answered.status_code == 200
    [answer] = mail_to(mailbox, CURATOR)
    assert "Graag!" in answer.get_content() and PERSON in answer.get_content()
    assert "Iemand zonder profiel wil via Verbindplaats contact" in text  # not the address
    with database.session() as db:
        details = [e.detail for e in db.scalars(select(AuditEvent)) if "contact" in e.kind]
    assert details == [f"to {reachable}", f"from {reachable}"]  # who to whom, no content


def test_only_the_reachable_can_be_written_to(curator, person, database, mailbox):
    post(person, "/profiel", {**GOOD, "reachable": ""})  # pending, and not reachable
    with database.session() as db:
        profile = db.scalar(select(Profile))
    for naar in (profile.person_id, "person:marco-snoek", "x" * 500, ""):
        assert write(curator, naar).status_code == 404
    decide(curator, profile.id, "approve")  # approved, still not reachable
    assert write(curator, profile.person_id).status_code == 404
    assert mail_to(mailbox, PERSON) == []


def test_writing_needs_a_signed_in_writer(client, reachable, mailbox):
    assert client.get(f"/contact?naar={reachable}").status_code == 401
    assert write(client, reachable).status_code == 401
    assert mail_to(mailbox, PERSON) == []


@pytest.mark.parametrize(
    ("message", "said"),
    [("", "Vul dit in."), ("x" * 1001, "hoogstens 1000"), ("hoi\x1b[31m", "Bevat tekens")],
)
def test_bad_text_is_refused_and_sends_nothing(curator, reachable, mailbox, message, said):
    refused = write(curator, reachable, message)
    assert refused.status_code == 400 and said in refused.get_data(as_text=True)
    assert mail_to(mailbox, PERSON) == []


def test_a_burst_of_messages_is_refused(curator, reachable, mailbox):
    answers = [write(curator, reachable).status_code for _ in range(6)]
    assert answers == [200] * 5 + [429]
    assert len(mail_to(mailbox, PERSON)) == 5


def test_a_forged_answer_link_is_refused(client, mailbox):
    for token in ("", "abc", "eyJmcm9tIjoxfQ.forged.sig"):
        assert client.get(f"/contact/antwoord?t={token}").status_code == 400
    assert mailbox.messages == []
