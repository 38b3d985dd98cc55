"""Reaching the right people: an opted-in member whose approved profile matches hears of
a question through the real SMTP server, at once or in the weekly digest, and can
unsubscribe with one click; nobody else hears of it."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from click.testing import CliRunner

from explorer.accounts.settings import Settings
from explorer.forum.alerts import send_digest
from tests.forum.conftest import ASKER, OWNER, ask, last_question, opt_in
from tests.profiles.conftest import post
from tests.servers import free_port
from verbindplaats.cli import main

UNSUBSCRIBE = re.compile(r"http://localhost(/forum/afmelden\?t=\S+)")
DAY = date(2026, 11, 22)


def mails_to(mailbox, address: str) -> list:
    """The forum's mails to `address` (not its sign-in links, nor a curator's word)."""
    return [m for m in mailbox.messages if m["To"] == address and "/forum/" in m.get_content()]


def settings_of(app) -> Settings:
    return app.server.extensions["verbindplaats-accounts"].settings


def test_an_opted_in_profile_owner_hears_at_once(owner, asker, mailbox, database):
    assert opt_in(owner).status_code == 200
    posted = ask(asker)
    question = last_question(database)
    assert "bereikt=1" in posted.headers["Location"]
    [mail] = mails_to(mailbox, OWNER)
    body = mail.get_content()
    assert question.title in mail["Subject"]
    assert f"http://localhost/forum/vraag/{question.id}" in body
    assert UNSUBSCRIBE.search(body)
    assert not mails_to(mailbox, ASKER)


def test_without_opting_in_nobody_hears(owner, asker, mailbox):
    ask(asker)
    assert not mails_to(mailbox, OWNER)


def test_a_question_elsewhere_reaches_nobody_in_amsterdam(owner, asker, mailbox):
    opt_in(owner)
    assert ask(asker, region="region:GM0080").status_code == 303  # Leeuwarden
    assert not mails_to(mailbox, OWNER)
    assert ask(asker, region="region:PV27").status_code == 303  # Noord-Holland holds Amsterdam
    assert len(mails_to(mailbox, OWNER)) == 1


def test_the_weekly_digest_gathers_the_questions(app, owner, asker, mailbox, database, clock):
    opt_in(owner, "weekly")
    ask(asker)
    ask(asker, {"title": "Wie kent goede voorbeelden van flexibilisering?"})
    assert not mails_to(mailbox, OWNER)
    done = send_digest(settings_of(app), database, DAY, clock())
    assert (done.sent, done.failed) == (1, 0)
    [digest] = mails_to(mailbox, OWNER)
    assert "(2)" in digest["Subject"] and "goede voorbeelden" in digest.get_content()
    again = send_digest(settings_of(app), database, DAY, clock())
    assert again.sent == 0  # each question once


def test_one_click_unsubscribes(app, owner, asker, mailbox, database):
    opt_in(owner)
    ask(asker)
    link = UNSUBSCRIBE.search(mails_to(mailbox, OWNER)[0].get_content()).group(1)
    stranger = app.server.test_client()  # the mail's reader need not be signed in
    token = link.split("t=", 1)[1]
    assert stranger.get(link).status_code == 200
    done = post(stranger, "/forum/afmelden", {"t": token}, page=link)
    assert done.status_code == 200
    ask(asker)
    assert len(mails_to(mailbox, OWNER)) == 1
    forged = post(stranger, "/forum/afmelden", {"t": token + "x"}, page=link)
    assert forged.status_code == 400


def test_the_mail_clients_own_button_unsubscribes_in_one_click(
    app, owner, asker, mailbox, database
):
    """RFC 8058: the mail names its unsubscribe address in its headers, and the mail
    client POSTs ``List-Unsubscribe=One-Click`` there, with no session and no CSRF token."""
    opt_in(owner)
    ask(asker)
    (sent,) = mails_to(mailbox, OWNER)
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    address = sent["List-Unsubscribe"].strip("<>")
    assert address.startswith("http") and "/forum/afmelden?t=" in address
    mail_client = app.server.test_client(use_cookies=False)
    path = address[address.index("/forum/afmelden") :]
    one_click = {"List-Unsubscribe": "One-Click"}
    assert mail_client.post(path + "x", data=one_click).status_code == 400  # forged
    ask(asker)
    assert len(mails_to(mailbox, OWNER)) == 2  # still subscribed
    assert mail_client.post(path, data=one_click).status_code == 200
    ask(asker)
    assert len(mails_to(mailbox, OWNER)) == 2  # no longer
    # every other form of the forum still needs its CSRF token
    assert mail_client.post("/forum/meldingen", data={"delivery": "off"}).status_code == 403


def test_the_preference_page_needs_a_known_choice(owner):
    refused = post(owner, "/forum/meldingen", {"delivery": "hourly"}, page="/forum/meldingen")
    assert refused.status_code == 400


def test_an_alert_that_cannot_go_at_once_waits_for_the_digest(
    app, owner, asker, mailbox, database, clock
):
    opt_in(owner)
    accounts = app.server.extensions["verbindplaats-accounts"]
    working = accounts.settings
    accounts.settings = replace(working, smtp=replace(working.smtp, port=free_port()))
    try:
        assert ask(asker).status_code == 303  # the question is posted all the same
    finally:
        accounts.settings = working
    assert not mails_to(mailbox, OWNER)
    assert send_digest(working, database, DAY, clock()).sent == 1
    [digest] = mails_to(mailbox, OWNER)
    assert last_question(database).title in digest.get_content()


def test_the_digest_command_sends_and_needs_smtp(owner, asker, mailbox, database, monkeypatch):
    opt_in(owner, "weekly")
    ask(asker)
    monkeypatch.setenv("DATABASE_URL", database.url)
    monkeypatch.setenv("VERBINDPLAATS_SECRET_KEY", "a test key")
    monkeypatch.delenv("VERBINDPLAATS_SMTP_HOST", raising=False)
    refused = CliRunner().invoke(main, ["forum", "digest"])
    assert refused.exit_code == 2 and "VERBINDPLAATS_SMTP_HOST" in refused.output
    monkeypatch.setenv("VERBINDPLAATS_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("VERBINDPLAATS_SMTP_PORT", str(mailbox.port))
    monkeypatch.setenv("VERBINDPLAATS_SMTP_STARTTLS", "0")
    monkeypatch.setenv("VERBINDPLAATS_PUBLIC_URL", "https://verbindplaats.example.nl")
    done = CliRunner().invoke(main, ["forum", "digest"])
    assert done.exit_code == 0 and "1 overzicht(en) verstuurd" in done.output
    [digest] = mails_to(mailbox, OWNER)
    assert "https://verbindplaats.example.nl/forum/vraag/" in digest.get_content()
