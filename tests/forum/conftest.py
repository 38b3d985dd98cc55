"""The forum's fixtures: the profiles' own (both databases, the real SMTP server, the
test clock, an explorer with accounts, members and a curator signed in), an opted-in
profile owner, and attachments kept in the test's own instance folder."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from explorer.accounts.settings import INSTANCE_ENV
from explorer.forum.models import Question
from tests.profiles import conftest as profiles
from tests.profiles.conftest import GOOD, decide, pending_profile, post, sign_in

database_url, database, mailbox, clock = (
    profiles.database_url,
    profiles.database,
    profiles.mailbox,
    profiles.clock,
)
make_app, app, client = profiles.make_app, profiles.app, profiles.client
person, curator, curator_role = profiles.person, profiles.curator, profiles.curator_role

ASKER = "vrager@example.nl"
OWNER = profiles.PERSON  # Anna de Boer: flexibilisering, Amsterdam
QUESTION = {
    "title": "Hoe organiseren jullie flexibel opleiden in Amsterdam?",
    "body": "We zoeken **ervaringen** met flexibilisering in het hbo.",
}


@pytest.fixture(autouse=True)
def instance(tmp_path, monkeypatch):
    """The instance folder of the test's explorer (attachments land here)."""
    folder = tmp_path / "instance"
    monkeypatch.setenv(INSTANCE_ENV, str(folder))
    return folder


@pytest.fixture
def asker(app, mailbox):
    """A browser signed in as a member with no profile."""
    browser = app.server.test_client()
    sign_in(browser, mailbox, ASKER)
    return browser


@pytest.fixture
def owner(person, curator, database):
    """Anna de Boer, signed in, her profile approved (in the graph), not opted in yet."""
    profile = pending_profile(person, database)
    assert decide(curator, profile.id, "approve").status_code == 200
    return person


def opt_in(browser, delivery: str = "at_once"):
    return post(browser, "/forum/meldingen", {"delivery": delivery}, page="/forum/meldingen")


def ask(browser, data: dict | None = None, **changes):
    """Post a question as the ask page does: read into chips, then posted with them."""
    words = {**QUESTION, **(data or {})}
    seen = post(browser, "/forum/vraag", {**words, "step": "see"}, page="/forum/vraag")
    assert seen.status_code == 200, seen.get_data(as_text=True)
    chips = {"topics": ["topic:flexibilisering"], "region": "region:GM0363", "sector": "hbo"}
    return post(
        browser,
        "/forum/vraag",
        {**words, **chips, **changes, "tagged": "ja", "step": "post"},
        page="/forum/vraag",
    )


def last_question(database) -> Question:
    with database.session() as db:
        return db.scalars(select(Question).order_by(Question.id.desc())).first()


__all__ = ["GOOD"]
