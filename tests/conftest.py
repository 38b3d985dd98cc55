"""Shared fixtures: datasets, stores (one contract suite over every store), the CLI."""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

import graphmodel
from graphmodel import clock
from graphmodel.errors import StoreUnavailable
from graphmodel.graph import Graph
from graphmodel.model import GraphBatch
from graphmodel.stores.memory import MemoryStore
from graphmodel.stores.neo4j import Neo4jStore
from importers.curated import read_dataset
from importers.folderstore import FolderStore
from verbindplaats import neo4j_server

# not 7687: a developer's own Neo4j is never touched; two checkouts testing at once each
# name their own port
NEO4J_TEST_PORT = int(os.environ.get("VERBINDPLAATS_TEST_NEO4J_PORT", "17687"))
# servers of their own: the one the fault tests kill, the one the lifecycle test starts
NEO4J_KILL_PORT = int(os.environ.get("VERBINDPLAATS_TEST_NEO4J_KILL_PORT", "17712"))
NEO4J_LIFECYCLE_PORT = int(os.environ.get("VERBINDPLAATS_TEST_NEO4J_LIFECYCLE_PORT", "17688"))
# dash.testing numbers its servers from 58050 in every process, so two checkouts running
# browser tests at once would serve on each other's ports; each names its own base. The
# default lies below Linux's range for outgoing connections (32768-60999): a port there
# that was free when probed could be taken by a database or browser connection before
# the server bound it, and CI once failed so ("Address already in use" on 58134).
_DASH_PORTS = itertools.count(int(os.environ.get("VERBINDPLAATS_TEST_DASH_PORT", "18050")))

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"

# The day every test answers for, whatever the calendar says: scores age with their facts,
# and an expectation computed on one day must hold on any other.
PINNED_TODAY = date(2026, 11, 22)


@pytest.fixture(scope="session", autouse=True)
def today() -> Iterator[date]:
    """The one source of "today" in the tests: pinned through graphmodel.clock's
    VERBINDPLAATS_TODAY for the whole session (the library, the served apps and the CLI,
    in this process and in the processes it starts). A test of the real date unsets it
    with monkeypatch."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(clock.ENV_VAR, PINNED_TODAY.isoformat())
        yield PINNED_TODAY


@pytest.fixture(scope="session", autouse=True)
def operational_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The operational database of every `verbindplaats` run in the tests (serve, users):
    an SQLite file of the session, migrated, named through DATABASE_URL, and an instance
    folder of the session's own, so that no test writes into the checkout's."""
    from explorer.accounts.database import Database
    from explorer.accounts.settings import INSTANCE_ENV, sqlite_url

    folder = tmp_path_factory.mktemp("instance")
    url = sqlite_url(folder)
    database = Database(url)
    database.upgrade()
    database.dispose()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        patch.setenv(INSTANCE_ENV, str(folder))
        yield url


@pytest.fixture(scope="session")
def postgresql_admin() -> Iterator[str]:
    """A throwaway PostgreSQL cluster for the session, shared by the accounts' and the
    profiles' tests (a failure in CI when there is none)."""
    from tests.accounts.services import postgresql_cluster

    try:
        with postgresql_cluster() as url:
            yield url
    except (FileNotFoundError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        unavailable(f"no PostgreSQL: {exc} {detail.decode(errors='replace')[-300:]}")


def read_valid(path: Path) -> GraphBatch:
    batch, report = read_dataset(path)
    assert report.ok, report.format_text("en")
    return batch


@pytest.fixture(scope="session")
def bundled_batch() -> GraphBatch:
    """The bundled data/, read and validated once for the session."""
    return read_valid(graphmodel.BUNDLED_DATA)


@pytest.fixture(scope="module")
def bundled() -> Graph:
    """The embedded store on the bundled data with its history, as an analyst's
    ``gm.open()`` gives it; one per test module, so that a module changing it changes
    only its own."""
    return graphmodel.open()


@pytest.fixture(scope="session")
def mini_batch() -> GraphBatch:
    """A dozen real nodes: two hogescholen, their lectoraten, a lector, topics, regions."""
    return read_valid(MINI)


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini dataset, to break in tests."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def unavailable(reason: str) -> None:
    """Skip locally, fail in CI: a skipped Neo4j or browser test is not a pass."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: a skip would hide it)")
    pytest.skip(reason)


@contextmanager
def running_neo4j(port: int) -> Iterator[str]:
    """A real Neo4j server on `port` (its Bolt URI) while the block runs; a skip locally
    and a failure in CI when none can be started."""
    try:
        status = neo4j_server.start(port)
    except neo4j_server.Neo4jServerError as exc:
        unavailable(f"no Neo4j server: {exc}")
    try:
        yield status.uri
    finally:
        neo4j_server.stop(port)


@pytest.fixture(scope="session")
def neo4j_uri() -> Iterator[str]:
    """A real Neo4j server, started once for the test session and stopped after it."""
    with running_neo4j(NEO4J_TEST_PORT) as uri:
        yield uri


@pytest.fixture(scope="session")
def neo4j_session_store(neo4j_uri: str) -> Iterator[Neo4jStore]:
    try:
        store = Neo4jStore.connect(neo4j_uri, password=neo4j_server.password())
    except StoreUnavailable as exc:
        unavailable(str(exc))
    yield store
    store.close()


@pytest.fixture
def neo4j_store(neo4j_session_store: Neo4jStore) -> Graph:
    """The session's Neo4j store, emptied for this test, with every question."""
    neo4j_session_store.wipe()
    return Graph(neo4j_session_store)


@pytest.fixture(params=["memory", "folder", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def empty_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Graph]:
    """An EMPTY store of each implementation, with every question; the contract suite
    runs once per store (the embedded store also as gm.open gives it: kept in a folder)."""
    if request.param == "neo4j":
        yield request.getfixturevalue("neo4j_store")
        return
    (tmp_path / "empty").mkdir()
    store = FolderStore(tmp_path / "empty") if request.param == "folder" else MemoryStore()
    with Graph(store) as graph:
        yield graph


@pytest.fixture
def store(empty_store: Graph, mini_batch: GraphBatch) -> Graph:
    """A store of each implementation holding the mini dataset."""
    empty_store.load(mini_batch)
    return empty_store


# --- browser tests (dash.testing's dash_duo with Debian's chromium + chromedriver) -----


def pytest_setup_options():
    """Chromium options for dash_duo: a laptop-sized window, no calls to the closed network."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for flag in (
        "--window-size=1280,1100",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
    ):
        options.add_argument(flag)
    return options


def next_dash_port() -> int:
    """The next of this checkout's ports that nothing holds now (another program may
    listen on one)."""
    port = next(_DASH_PORTS)
    while not _free(port):
        port = next(_DASH_PORTS)
    return port


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture
def browser(request: pytest.FixtureRequest):
    """dash_duo, or a skip (a failure in CI) when Chromium or ChromeDriver is missing."""
    missing = [tool for tool in ("chromium", "chromedriver") if shutil.which(tool) is None]
    if missing:
        unavailable(
            f"{' and '.join(missing)} not installed (apt-get install chromium chromium-driver)"
        )
    duo = request.getfixturevalue("dash_duo")
    start_server = duo.start_server

    def start_on_own_port(app, **options):
        options.setdefault("port", next_dash_port())
        # dash.testing gives a server 3 s to start: a busy CI machine took longer
        options.setdefault("start_timeout", 30)
        return start_server(app, **options)

    duo.start_server = start_on_own_port
    return duo
