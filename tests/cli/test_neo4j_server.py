"""Tests of verbindplaats.neo4j_server against a real Neo4j (no mocks).

They run on port 17688 (VERBINDPLAATS_TEST_NEO4J_LIFECYCLE_PORT), not 7687, so a
developer's own Neo4j is never touched. Without java or mvn they are skipped locally but
FAIL when CI=true: in CI a missing toolchain is a broken pipeline, not a reason to go
green.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import time
import uuid
from collections.abc import Iterator

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from tests.conftest import NEO4J_LIFECYCLE_PORT, unavailable
from verbindplaats import neo4j_server
from verbindplaats.neo4j_server import Neo4jServerError

pytestmark = pytest.mark.neo4j

PORT = NEO4J_LIFECYCLE_PORT


def _require_toolchain() -> None:
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        unavailable(
            f"{' and '.join(missing)} not found on PATH; a real Neo4j cannot be built or run"
        )


@pytest.fixture
def server_port() -> Iterator[int]:
    """The test port, with no server left over before or after (even if the test fails)."""
    neo4j_server.stop(PORT)
    yield PORT
    neo4j_server.stop(PORT)


def _count_marked(uri: str, marker: str) -> int:
    with GraphDatabase.driver(uri, auth=(neo4j_server.USER, neo4j_server.password())) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (n:TestMarker {id: $id}) RETURN count(n) AS n", id=marker
        )
    return records[0]["n"]


def test_lifecycle_auth_idempotence_and_persistence(server_port: int) -> None:
    _require_toolchain()
    started = neo4j_server.start(server_port)
    assert started.running
    assert started.uri == f"bolt://127.0.0.1:{server_port}"
    assert started.pid is not None
    assert neo4j_server.status(server_port) == started

    auth = (neo4j_server.USER, neo4j_server.password())
    with GraphDatabase.driver(started.uri, auth=auth) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
        assert records[0]["one"] == 1

    wrong = (neo4j_server.USER, "wrong-" + neo4j_server.password())
    with GraphDatabase.driver(started.uri, auth=wrong) as driver, pytest.raises(AuthError):
        driver.verify_connectivity()

    again = neo4j_server.start(server_port)
    assert again.pid == started.pid

    marker = str(uuid.uuid4())
    with GraphDatabase.driver(started.uri, auth=auth) as driver:
        driver.execute_query("CREATE (:TestMarker {id: $id})", id=marker)

    assert neo4j_server.stop(server_port) is True
    restarted = neo4j_server.start(server_port)
    assert restarted.running
    assert restarted.pid != started.pid
    assert _count_marked(restarted.uri, marker) == 1

    with GraphDatabase.driver(restarted.uri, auth=auth) as driver:
        driver.execute_query("MATCH (n:TestMarker) DELETE n")

    assert neo4j_server.stop(server_port) is True
    stopped = neo4j_server.status(server_port)
    assert not stopped.running
    assert stopped.pid is None
    assert neo4j_server.stop(server_port) is False


def test_stale_pid_file_is_ignored(server_port: int) -> None:
    pid_file = neo4j_server.state_dir() / str(server_port) / "pid"
    pid_file.parent.mkdir(parents=True, exist_ok=True)
    pid_file.write_text(f"{os.getpid()}\n")  # alive, but not a Neo4j launcher
    assert not neo4j_server.status(server_port).running
    assert neo4j_server.stop(server_port) is False
    assert not pid_file.exists()


def test_port_taken_by_another_process_is_a_clear_error(server_port: int) -> None:
    _require_toolchain()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        # SO_REUSEADDR: connections of an earlier test may still be in TIME_WAIT on this port.
        squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        squatter.bind(("127.0.0.1", server_port))
        squatter.listen()
        started = time.monotonic()
        with pytest.raises(Neo4jServerError, match=f"port {server_port}.*in use"):
            neo4j_server.start(server_port)
        assert time.monotonic() - started < 5  # refused before building or launching a JVM
    assert not neo4j_server.status(server_port).running


def test_generated_password_file_is_private(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(neo4j_server.PASSWORD_ENV, raising=False)
    secret = neo4j_server.password()
    path = neo4j_server.state_dir() / "password"
    assert path.read_text().strip() == secret
    assert len(secret) >= neo4j_server.MIN_PASSWORD_LENGTH
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert neo4j_server.password() == secret


def test_password_from_environment_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(neo4j_server.PASSWORD_ENV, "from-the-environment")
    assert neo4j_server.password() == "from-the-environment"
    monkeypatch.setenv(neo4j_server.PASSWORD_ENV, "short")
    with pytest.raises(Neo4jServerError, match="shorter than"):
        neo4j_server.password()
