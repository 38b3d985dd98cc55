"""Signing in with an e-mail link, through a real SMTP server, on SQLite and PostgreSQL."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from explorer.accounts.models import Account, AuditEvent
from tests.accounts.conftest import csrf_of

ADDRESS = "l.devries@example.nl"


def ask_link(client, address: str = ADDRESS, lang: str = "nl"):
    return client.post(
        "/inloggen", data={"email": address, "lang": lang, "csrf_token": csrf_of(client)}
    )


def token_of(link: str) -> str:
    return parse_qs(urlsplit(link).query)["t"][0]


def use(client, link: str):
    """Follow `link` and click its button, as a person does."""
    confirm = client.get(link.removeprefix("http://localhost"))
    assert confirm.status_code == 200, confirm.get_data(as_text=True)
    return client.post("/inloggen/link", data={"t": token_of(link), "csrf_token": csrf_of(client)})


def signed_in_name(client) -> str | None:
    page = client.get("/inloggen").get_data(as_text=True)
    return page.split("Ingelogd als ", 1)[1].split("<", 1)[0] if "Ingelogd als" in page else None


def audit_kinds(database) -> list[tuple[str, str]]:
    with database.session() as db:
        return [(e.kind, e.detail) for e in db.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_a_link_sent_by_mail_signs_in_and_the_account_is_made(client, mailbox, database):
    answer = ask_link(client)
    assert answer.status_code == 200
    assert "inloglink in je postvak" in answer.get_data(as_text=True)
    [link] = mailbox.links_to(ADDRESS)
    assert link.startswith("http://localhost/inloggen/link?t=")
    [message] = mailbox.messages
    assert message["Subject"] == "Je inloglink voor Verbindplaats"

    signed = use(client, link)
    assert signed.status_code == 303 and signed.headers["Location"] == "/"
    assert signed_in_name(client) == ADDRESS
    with database.session() as db:
        [account] = db.scalars(select(Account))
    assert (account.email, account.role) == (ADDRESS, "member")
    assert audit_kinds(database) == [("link_requested", ""), ("sign_in", "e-mail link")]


def test_the_mail_and_the_answer_come_in_english_when_asked(client, mailbox):
    answer = ask_link(client, lang="en")
    assert "sign-in link will be in your inbox" in answer.get_data(as_text=True)
    assert mailbox.messages[0]["Subject"] == "Your sign-in link for Verbindplaats"
    assert mailbox.links_to(ADDRESS)[0].endswith("&lang=en")


def test_a_used_link_is_refused_the_second_time(client, mailbox, database):
    ask_link(client)
    [link] = mailbox.links_to(ADDRESS)
    use(client, link)
    client.post("/uitloggen", data={"csrf_token": csrf_of(client)})

    again = client.get(link.removeprefix("http://localhost"))
    assert again.status_code == 400
    assert "al gebruikt" in again.get_data(as_text=True)
    replayed = client.post(
        "/inloggen/link", data={"t": token_of(link), "csrf_token": csrf_of(client)}
    )
    assert replayed.status_code == 400
    assert "al gebruikt" in replayed.get_data(as_text=True)
    assert signed_in_name(client) is None
    assert ("sign_in_failed", "e-mail link used") in audit_kinds(database)


def test_a_forged_link_is_refused(client, mailbox, database):
    ask_link(client)
    token = token_of(mailbox.links_to(ADDRESS)[0])
    secret, signature = token.rsplit(".", 1)
    for forged in (
        secret[:-1] + ("A" if secret[-1] != "A" else "B") + "." + signature,  # other secret
        secret,  # unsigned
        "x" * 43 + "." + signature,
    ):
        answer = client.get(f"/inloggen/link?t={forged}")
        assert answer.status_code == 400
        assert "niet geldig" in answer.get_data(as_text=True)
    assert signed_in_name(client) is None
    assert ("sign_in_failed", "e-mail link forged") in audit_kinds(database)


def test_a_link_works_for_fifteen_minutes_and_no_longer(client, mailbox, clock):
    ask_link(client)
    ask_link(client)
    first, second = mailbox.links_to(ADDRESS)
    clock.advance(minutes=14, seconds=59)
    assert use(client, first).status_code == 303
    client.post("/uitloggen", data={"csrf_token": csrf_of(client)})

    clock.advance(seconds=1)
    expired = client.get(second.removeprefix("http://localhost"))
    assert expired.status_code == 400
    assert "verlopen" in expired.get_data(as_text=True)
    refused = client.post(
        "/inloggen/link", data={"t": token_of(second), "csrf_token": csrf_of(client)}
    )
    assert refused.status_code == 400
    assert signed_in_name(client) is None


def test_the_answer_is_the_same_whether_the_address_has_an_account_or_not(make_app, mailbox):
    client = make_app().server.test_client()
    ask_link(client, "bekend@example.nl")
    use(client, mailbox.links_to("bekend@example.nl")[0])
    client.post("/uitloggen", data={"csrf_token": csrf_of(client)})

    known = ask_link(client, "bekend@example.nl")
    unknown = ask_link(client, "onbekend@example.nl")
    assert (known.status_code, known.get_data()) == (unknown.status_code, unknown.get_data())
    assert len(mailbox.links_to("onbekend@example.nl")) == 1


def test_what_is_no_address_is_refused_plainly(client, mailbox):
    for text in ("", "geen adres", "a@b", "<script>@x.nl", "a" * 250 + "@example.nl"):
        answer = ask_link(client, text)
        assert answer.status_code == 400
        assert "Dit is geen e-mailadres" in answer.get_data(as_text=True)
    assert mailbox.messages == []


def test_sign_out_everywhere_voids_the_other_sessions(make_app, mailbox, database):
    app = make_app()
    laptop, phone = app.server.test_client(), app.server.test_client()
    for device in (laptop, phone):
        ask_link(device)
        use(device, mailbox.links_to(ADDRESS)[-1])
    assert signed_in_name(phone) == ADDRESS

    laptop.post("/uitloggen/overal", data={"csrf_token": csrf_of(laptop)})
    assert signed_in_name(laptop) is None
    assert signed_in_name(phone) is None
    assert ("sign_out_everywhere", "") in audit_kinds(database)


def test_session_cookies_are_httponly_and_samesite_and_secure_over_https(make_app, mailbox):
    for public_url, secure in (("http://localhost", False), ("https://localhost", True)):
        client = make_app(public_url).server.test_client()
        ask_link(client)
        link = mailbox.links_to(ADDRESS)[-1].replace(public_url, "")
        client.get(link)
        signed = client.post(
            "/inloggen/link",
            data={"t": token_of(link), "csrf_token": csrf_of(client)},
            base_url=public_url,
        )
        cookie = next(
            c
            for c in signed.headers.getlist("Set-Cookie")
            if c.startswith("verbindplaats_session=")
        )
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert ("Secure" in cookie) is secure
