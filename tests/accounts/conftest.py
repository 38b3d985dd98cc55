"""The accounts' fixtures: an operational database of each kind (SQLite, PostgreSQL),
a real SMTP server, a clock the tests move, and an explorer with accounts."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text

from explorer.accounts.database import Database
from explorer.accounts.settings import Oidc, Settings, Smtp
from explorer.accounts.web import Accounts
from explorer.app import create_app
from graphmodel.graph import Graph
from graphmodel.stores.memory import MemoryStore
from tests.accounts.services import (
    CLIENT_ID,
    CLIENT_SECRET,
    Mailbox,
    ProviderMissing,
    oidc_provider,
    smtp_server,
)
from tests.conftest import unavailable

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SECRET = "a test key, never used outside the tests"
_DATABASES = itertools.count()


@dataclass
class TestClock:
    """The accounts' clock in the tests: it stands still until a test moves it."""

    moment: datetime = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """An empty operational database of each kind, new for each test; a PostgreSQL one
    is dropped after it (a cluster holding every test's database took 20-30 s to remove
    at the end of the session)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'operational.sqlite3'}"
        return
    admin = request.getfixturevalue("postgresql_admin")
    name = f"test_{next(_DATABASES)}"
    _as_admin(admin, f"CREATE DATABASE {name}")
    yield admin.rsplit("/", 1)[0] + "/" + name
    _as_admin(admin, f"DROP DATABASE {name} WITH (FORCE)")  # a served app's pool may be open


def _as_admin(admin: str, statement: str) -> None:
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(statement))
    engine.dispose()


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """The operational database at the migrations' head."""
    db = Database(database_url)
    db.upgrade()
    yield db
    db.dispose()


@pytest.fixture
def provider_for():
    """Start a real OpenID Connect provider that sends people back to `public_url`;
    our client's settings there (a failure in CI when none can be started)."""
    started = []

    def start(public_url: str) -> Oidc:
        context = oidc_provider(public_url + "/inloggen/instelling/terug")
        try:
            issuer = context.__enter__()
        except ProviderMissing as exc:
            unavailable(f"no OpenID Connect provider: {exc}")
        started.append(context)
        return Oidc(issuer, CLIENT_ID, CLIENT_SECRET)

    yield start
    for context in started:
        context.__exit__(None, None, None)


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with smtp_server() as box:
        yield box


@pytest.fixture
def clock() -> TestClock:
    return TestClock()


def settings_for(
    mailbox: Mailbox, database_url: str, public_url: str, oidc: Oidc | None = None
) -> Settings:
    return Settings(
        database_url=database_url,
        secret_key=SECRET,
        public_url=public_url,
        smtp=Smtp(host="127.0.0.1", port=mailbox.port, starttls=False),
        oidc=oidc,
    )


@pytest.fixture
def make_app(database: Database, mailbox: Mailbox, clock: TestClock, mini_batch):
    """An explorer with accounts on the test database; several share that database."""

    def make(public_url: str = "http://localhost", oidc: Oidc | None = None):
        store = Graph(MemoryStore())
        store.load(mini_batch)
        settings = settings_for(mailbox, database.url, public_url, oidc)
        return create_app(store, accounts=Accounts(settings, database, clock))

    return make


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.server.test_client()


def csrf_of(client, path: str = "/inloggen") -> str:
    """The CSRF token of the form a page shows."""
    page = client.get(path).get_data(as_text=True)
    return CSRF.search(page).group(1)
