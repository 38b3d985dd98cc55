"""The profiles' fixtures: the accounts' own (databases of both kinds, the real SMTP
server, the test clock, an explorer with accounts), and people signed in through them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from explorer.accounts.models import Profile, Role
from explorer.accounts.registry import grant
from explorer.profiles.context import EXTENSION
from tests.accounts import conftest as accounts
from tests.accounts.conftest import csrf_of
from tests.accounts.test_sign_in import ask_link, use

# the accounts' fixtures, reused as they are
database_url, database, mailbox, clock = (
    accounts.database_url,
    accounts.database,
    accounts.mailbox,
    accounts.clock,
)
make_app, app, client = accounts.make_app, accounts.app, accounts.client

GOOD = {
    "name": "Anna de Boer",
    "job_title": "lerarenopleider",
    "organisation": "org:hogeschool-van-amsterdam",
    "topics": ["topic:flexibilisering"],
    "region": "region:GM0363",
    "sectors": ["hbo"],
    "groups": ["rg:leren-en-innoveren"],
    "website": "https://example.nl/anna",
    "listed": "ja",
    "reachable": "ja",
}

PERSON = "a.deboer@example.nl"
CURATOR = "curator@example.nl"


def sign_in(client, mailbox, address: str) -> None:
    """Sign `client` in as `address` through a link sent by the SMTP server."""
    ask_link(client, address)
    signed = use(client, mailbox.links_to(address)[-1])
    assert signed.status_code == 303


@pytest.fixture
def person(app, mailbox):
    """A browser signed in as a member."""
    browser = app.server.test_client()
    sign_in(browser, mailbox, PERSON)
    return browser


@pytest.fixture
def curator(app, mailbox, curator_role):
    """A browser signed in as a curator."""
    curator_role(CURATOR)
    browser = app.server.test_client()
    sign_in(browser, mailbox, CURATOR)
    return browser


def post(browser, path: str, data: dict, page: str = "/profiel"):
    """POST `data` as the form on `page` does (with its CSRF token)."""
    return browser.post(path, data={**data, "csrf_token": csrf_of(browser, page)})


def graph_of(app):
    return app.server.extensions[EXTENSION].graph


def pending_profile(person, database) -> Profile:
    assert post(person, "/profiel", GOOD).status_code == 200
    with database.session() as db:
        return db.scalar(select(Profile))


def decide(curator, profile_id, decision: str, reason: str = ""):
    data = {"profile": str(profile_id), "decision": decision, "reason": reason}
    return post(curator, "/curator", data)


@pytest.fixture
def curator_role(database, clock):
    """Make an address a curator, as `verbindplaats users add-curator` does."""

    def make(address: str) -> None:
        with database.session() as db:
            grant(db, address, Role.CURATOR, clock(), by="test")

    return make
