"""Kept current, on SQLite and PostgreSQL: a year after confirming, the owner gets one
"klopt nog" link (from `verbindplaats profiles remind` too); one button confirms the
profile and its facts in the graph; the link works once, for 30 days; left alone, the
facts keep their old day and age."""

from __future__ import annotations

import re
from datetime import date

import pytest
from click.testing import CliRunner

from explorer.accounts.models import Profile
from explorer.accounts.settings import Settings, Smtp
from explorer.ages import TODAY_KEY
from explorer.profiles.reminders import send_reminders
from tests.accounts.conftest import SECRET, csrf_of
from tests.profiles.conftest import PERSON, decide, graph_of, pending_profile
from verbindplaats.cli import main

LINK = re.compile(r"http://localhost(/profiel/klopt-nog\?t=\S+)")
A_YEAR_ON = date(2027, 11, 22)  # the profile was confirmed on 2026-11-22


@pytest.fixture
def approved(app, person, curator, database) -> Profile:
    profile = pending_profile(person, database)
    decide(curator, profile.id, "approve")
    return profile


def settings_of(mailbox, database) -> Settings:
    smtp = Smtp(host="127.0.0.1", port=mailbox.port, starttls=False)
    return Settings(database.url, SECRET, public_url="http://localhost", smtp=smtp)


def reminders_to(mailbox, address: str) -> list[str]:
    return [
        LINK.search(m.get_content()).group(1)
        for m in mailbox.messages
        if m["X-Envelope-To"] == address and "Klopt je profiel" in m["Subject"]
    ]


def test_a_reminder_goes_once_a_year_after_confirming(approved, mailbox, database, clock):
    settings = settings_of(mailbox, database)
    assert send_reminders(settings, database, date(2027, 11, 21), clock).sent == 0
    assert send_reminders(settings, database, A_YEAR_ON, clock).sent == 1
    assert send_reminders(settings, database, date(2027, 12, 1), clock).sent == 0
    assert len(reminders_to(mailbox, PERSON)) == 1


def test_one_button_confirms_the_profile_and_its_facts(app, approved, mailbox, database, clock):
    send_reminders(settings_of(mailbox, database), database, A_YEAR_ON, clock)
    [link] = reminders_to(mailbox, PERSON)
    app.server.config[TODAY_KEY] = date(2027, 11, 25)  # the day the owner clicks
    owner = app.server.test_client()  # from the mail: no sign-in needed
    shown = owner.get(link)
    assert shown.status_code == 200 and "Anna de Boer" in shown.get_data(as_text=True)
    form = {"t": link.split("t=", 1)[1], "csrf_token": csrf_of(owner, link)}
    confirmed = owner.post("/profiel/klopt-nog", data=form)
    assert confirmed.status_code == 200 and "bevestigd" in confirmed.get_data(as_text=True)
    graph = graph_of(app)
    assert graph.node(approved.person_id).get("verified") == "2027-11-25"
    confirmations = [
        c for c in graph.history() if c.action == "confirmed" and approved.person_id in c.entity
    ]
    assert {(c.old, c.new) for c in confirmations} == {("2026-11-22", "2027-11-25")}
    with database.session() as db:
        assert db.get(Profile, approved.id).confirmed_on == date(2027, 11, 25)
    again = owner.post("/profiel/klopt-nog", data=form)
    assert again.status_code == 400  # it works once


def test_a_link_is_good_for_thirty_days_and_refuses_forgeries(
    app, approved, mailbox, database, clock
):
    send_reminders(settings_of(mailbox, database), database, A_YEAR_ON, clock)
    [link] = reminders_to(mailbox, PERSON)
    client = app.server.test_client()
    app.server.config[TODAY_KEY] = date(2027, 12, 22)
    assert client.get(link).status_code == 200
    app.server.config[TODAY_KEY] = date(2027, 12, 23)
    assert client.get(link).status_code == 400
    for forged in (link + "x", "/profiel/klopt-nog?t=abc", "/profiel/klopt-nog"):
        assert client.get(forged).status_code == 400
    assert graph_of(app).node(approved.person_id).get("verified") == "2026-11-22"


def test_the_command_sends_the_due_reminders(approved, mailbox, database, monkeypatch):
    runner = CliRunner()
    monkeypatch.setenv("DATABASE_URL", database.url)
    refused = runner.invoke(main, ["profiles", "remind", "--today", "2027-11-22"])
    assert refused.exit_code == 2 and "VERBINDPLAATS_SMTP_HOST" in refused.output
    for name, value in {
        "VERBINDPLAATS_SMTP_HOST": "127.0.0.1",
        "VERBINDPLAATS_SMTP_PORT": str(mailbox.port),
        "VERBINDPLAATS_SMTP_STARTTLS": "0",
        "VERBINDPLAATS_PUBLIC_URL": "http://localhost",
        "VERBINDPLAATS_SECRET_KEY": SECRET,
    }.items():
        monkeypatch.setenv(name, value)
    sent = runner.invoke(main, ["profiles", "remind", "--today", "2027-11-22"])
    assert sent.exit_code == 0, sent.output
    assert "1 herinnering(en) verstuurd" in sent.output
    assert len(reminders_to(mailbox, PERSON)) == 1
