"""Without SMTP settings: a development server prints the link to its log with a
warning; a production server does not offer e-mail sign-in at all."""

from __future__ import annotations

import logging

from explorer.accounts.settings import Settings
from explorer.accounts.web import Accounts
from explorer.app import create_app
from graphmodel.graph import Graph
from graphmodel.stores.memory import MemoryStore
from tests.accounts.conftest import SECRET, csrf_of


def app_without_smtp(database, clock, development: bool):
    settings = Settings(database_url=database.url, secret_key=SECRET, development=development)
    return create_app(Graph(MemoryStore()), accounts=Accounts(settings, database, clock))


def test_a_development_server_logs_the_link_with_a_warning(database, clock, caplog):
    client = app_without_smtp(database, clock, development=True).server.test_client()
    with caplog.at_level(logging.WARNING, logger="explorer.accounts"):
        answer = client.post(
            "/inloggen", data={"email": "dev@example.nl", "csrf_token": csrf_of(client)}
        )
    assert answer.status_code == 200
    [record] = caplog.records
    assert record.levelno == logging.WARNING and "no SMTP settings" in record.getMessage()
    link = record.getMessage().rsplit(" ", 1)[1]
    assert link.startswith("http://localhost/inloggen/link?t=")
    assert client.get(link.removeprefix("http://localhost")).status_code == 200


def test_a_production_server_without_smtp_offers_no_e_mail_sign_in(database, clock):
    client = app_without_smtp(database, clock, development=False).server.test_client()
    page = client.get("/inloggen").get_data(as_text=True)
    assert "niet ingesteld" in page and 'name="email"' not in page
    token = client.get_cookie("_csrf_token").value  # no form on the page: Dash's copy
    refused = client.post("/inloggen", data={"email": "iemand@example.nl", "csrf_token": token})
    assert refused.status_code == 404
