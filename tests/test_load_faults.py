"""A real Neo4j under faults: the server killed with kill -9 at random moments of
``verbindplaats load --wipe`` (the graph is the old one or the new one after a restart,
never a mix and never empty), two writers at once (the second waits and says so), and a
server that hangs while the explorer reads from it (the read is given up on)."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import graphmodel
from graphmodel.errors import StoreUnavailable
from graphmodel.graph import Graph
from graphmodel.stores.neo4j import (
    READ_PATIENCE,
    SERVING_PATIENCE,
    VERSION_PATIENCE,
    Neo4jStore,
)
from tests.conftest import MINI, NEO4J_KILL_PORT, running_neo4j
from verbindplaats import neo4j_server

pytestmark = pytest.mark.neo4j

VERBINDPLAATS = str(Path(sys.executable).parent / "verbindplaats")


def load_process(data: Path, uri: str, *options: str) -> subprocess.Popen[str]:
    command = [VERBINDPLAATS, "load", "--data", str(data), "--neo4j-uri", uri, *options]
    env = {**os.environ, "NEO4J_PASSWORD": neo4j_server.password()}
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def connect(uri: str) -> Neo4jStore:
    deadline = time.monotonic() + 60
    while True:
        try:
            return Graph(Neo4jStore.connect(uri, password=neo4j_server.password()))
        except StoreUnavailable:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def wait_until_gone(port: int) -> None:
    """A killed JVM takes a moment to let its port go: start would take the dying server
    for a running one, or its port for another program's."""
    gone_by = time.monotonic() + 60
    while time.monotonic() < gone_by:
        with socket.socket() as probe:
            if not neo4j_server.status(port).running and probe.connect_ex(("127.0.0.1", port)):
                return
        time.sleep(0.2)
    raise AssertionError(f"the killed server still holds port {port}")


def graph_state(store: Neo4jStore) -> tuple[object, ...]:
    stats = store.stats()
    return stats.nodes, stats.relationships, len(store.history())


@pytest.fixture(scope="module")
def own_server() -> Iterator[str]:
    """A server of this module's own, which the tests kill: the session's stays up."""
    with running_neo4j(NEO4J_KILL_PORT) as uri:
        yield uri


def test_kill_9_of_neo4j_during_load_wipe_leaves_the_old_graph_or_the_new(own_server):
    new_data = graphmodel.BUNDLED_DATA
    assert load_process(MINI, own_server, "--wipe").wait(timeout=300) == 0
    with connect(own_server) as store:
        old = graph_state(store)
    started = time.monotonic()
    assert load_process(new_data, own_server, "--wipe").wait(timeout=300) == 0
    duration = time.monotonic() - started
    with connect(own_server) as store:
        new = graph_state(store)
    assert old != new
    for attempt in range(3):
        assert load_process(MINI, own_server, "--wipe").wait(timeout=300) == 0
        process = load_process(new_data, own_server, "--wipe")
        time.sleep(random.uniform(0.3, duration))
        os.kill(neo4j_server.status(NEO4J_KILL_PORT).pid, signal.SIGKILL)
        process.communicate(timeout=120)
        wait_until_gone(NEO4J_KILL_PORT)
        neo4j_server.start(NEO4J_KILL_PORT)
        with connect(own_server) as store:
            after = graph_state(store)
        assert after in (old, new), f"attempt {attempt}: {after}"


def test_a_second_writer_waits_for_the_first_and_says_so(neo4j_session_store, neo4j_uri):
    """The first writer is a transaction of this test holding the write lock."""
    neo4j_session_store.wipe()
    driver = neo4j_session_store._driver
    with driver.session() as session:
        first = session.begin_transaction()
        first.run("MERGE (l:WriteLock {id: 'writes'}) SET l.taken = timestamp()").consume()
        second = load_process(MINI, neo4j_uri)
        time.sleep(8)  # long enough for the second to have loaded the mini data otherwise
        waited = second.poll() is None
        first.rollback()
    _, err = second.communicate(timeout=120)
    assert waited, "the second writer did not wait for the first"
    assert second.returncode == 0, err
    assert "waiting for another writer to finish" in err
    assert neo4j_session_store.stats().node_total == 12


def test_a_hanging_server_is_given_up_on_while_serving(own_server):
    """SIGSTOP: the server keeps its connections open and answers nothing, as one that
    swaps or shuts down with queries in flight does. A serving read says the database
    is away after READ_PATIENCE (its version, the one read of most questions, after
    VERSION_PATIENCE) rather than waiting for ever, and the next read after the
    server is back is answered."""
    with connect(own_server):  # the server answers (also after the kill test's restarts)
        pass
    pid = neo4j_server.status(NEO4J_KILL_PORT).pid
    serving = Neo4jStore.connect(own_server, password=neo4j_server.password(), serving=True)
    try:
        before = serving.stats()  # a connection in the driver's pool
        os.kill(pid, signal.SIGSTOP)
        try:
            started = time.monotonic()
            with pytest.raises(StoreUnavailable, match="did not answer within"):
                serving.stats()
            waited = time.monotonic() - started
            started = time.monotonic()
            with pytest.raises(StoreUnavailable, match="did not answer within"):
                serving.version()  # most serving questions' one read: the notice in time
            waited_for_version = time.monotonic() - started
        finally:
            os.kill(pid, signal.SIGCONT)
        assert READ_PATIENCE <= waited < 2 * READ_PATIENCE
        assert VERSION_PATIENCE <= waited_for_version < SERVING_PATIENCE
        assert serving.stats() == before
    finally:
        serving.close()
