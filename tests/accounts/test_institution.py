"""Signing in with the institution's account, through a real OpenID Connect provider
(npm oidc-provider) run on loopback; the affiliation it asserts is kept."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urljoin, urlsplit

import requests
from sqlalchemy import select

from explorer.accounts.models import Account, AuditEvent
from tests.accounts.test_sign_in import signed_in_name

PUBLIC = "http://localhost"
BACK = "/inloggen/instelling/terug"
FORM = re.compile(r'<form[^>]*action="([^"]+)"')


def through_the_provider(location: str, login: str) -> str:
    """Sign in at the provider as a person does (its login form, then its consent);
    where it sends the browser back to us."""
    browser = requests.Session()
    answer = browser.get(location, allow_redirects=True, timeout=10)
    for fields in ({"prompt": "login", "login": login, "password": "x"}, {"prompt": "consent"}):
        action = urljoin(answer.url, unescape(FORM.search(answer.text).group(1)))
        answer = browser.post(action, data=fields, allow_redirects=False, timeout=10)
        while answer.is_redirect and not answer.headers["Location"].startswith(PUBLIC):
            answer = browser.get(
                urljoin(answer.url, answer.headers["Location"]), allow_redirects=False, timeout=10
            )
        if answer.is_redirect:
            return answer.headers["Location"]
    raise AssertionError(f"the provider did not send us back: {answer.status_code}")


def test_the_institutions_login_signs_in_and_keeps_the_affiliation(
    provider_for, make_app, database
):
    app = make_app(PUBLIC, provider_for(PUBLIC))
    client = app.server.test_client()
    assert "Inloggen met je instelling" in client.get("/inloggen").get_data(as_text=True)
    start = client.get("/inloggen/instelling")
    assert start.status_code == 302

    back = urlsplit(through_the_provider(start.headers["Location"], "testdocent"))
    assert back.path == BACK
    signed = client.get(f"{back.path}?{back.query}")
    assert signed.status_code == 303
    assert signed_in_name(client) == "Test Docent"
    with database.session() as db:
        [account] = db.scalars(select(Account))
        kinds = [(e.kind, e.detail) for e in db.scalars(select(AuditEvent))]
    assert (account.email, account.affiliation, account.oidc_subject) == (
        "testdocent@example.org",
        "example.org",
        "testdocent",
    )
    assert kinds == [("sign_in", f"institution {account.oidc_issuer}")]


def test_a_way_back_that_the_provider_did_not_give_is_refused(provider_for, make_app, database):
    app = make_app(PUBLIC, provider_for(PUBLIC))
    client = app.server.test_client()
    client.get("/inloggen/instelling")
    forged = client.get(f"{BACK}?code=made-up&state=made-up")
    assert forged.status_code == 400
    assert "Inloggen via je instelling is niet gelukt" in forged.get_data(as_text=True)
    assert signed_in_name(client) is None
    with database.session() as db:
        [event] = db.scalars(select(AuditEvent))
    assert event.kind == "sign_in_failed" and event.detail.startswith("institution:")
