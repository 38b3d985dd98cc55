"""Load test: twenty colleagues at once on ``verbindplaats serve``, over real HTTP.

Starts the production server (gunicorn: `--workers` processes of `--threads` threads) on a
free loopback port with the chosen store,
then runs `--users` simulated users for `--seconds`: each opens a page and asks what a
person asks there (a search, a selection with its side panel and graph, a coverage map
of another level and topic, a find-people question, the About page), one request after
the other with a think time of 0.2-1 s, as the browser's Dash renderer sends them
(gzip accepted). Bounded: loopback only, at most `--seconds` (and 20,000 requests per
user), every request with a 30 s timeout; the server is stopped at the end.

Prints the throughput, the errors and per callback the median and p95 in ms.

Run: ``python -m benchmarks.load_test --users 20 --seconds 180 [--store neo4j]``
(``--store neo4j`` starts the local Neo4j on BENCH_PORT and loads the bundled data).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import graphmodel
from benchmarks import callbacks
from benchmarks.queries import BENCH_PORT, p95
from graphmodel.model import GraphBatch
from importers.curated import read_dataset
from verbindplaats import neo4j_server

HOST = "127.0.0.1"  # loopback only: this never loads anyone else's server
MAX_REQUESTS_PER_USER = 20_000
TIMEOUT = 30.0
LEVELS = ("provincie", "gemeente", "onderwijsregio", "corop")


class User:
    """One colleague: a keep-alive connection and a seeded sequence of questions."""

    def __init__(self, port: int, known: dict[str, dict], batch: GraphBatch, seed: int):
        self.connection = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
        self.known = known
        self.rng = random.Random(seed)
        self.topics = [n.id for n in batch.nodes if n.kind == "Topic"]
        self.actors = [n for n in batch.nodes if n.kind in ("Organisation", "Network")]
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []

    def visit(self) -> None:
        """One round of a person's use of the explorer."""
        rng = self.rng
        actor = rng.choice(self.actors)
        topic = rng.choice(self.topics)
        self.get("GET /", "/")
        self.page("/")
        self.ask("search", "results.children", {"search.value": actor.name.split()[0]})
        self.ask("select", "details.children", {"selected.data": actor.id})
        self.ask("graph", "graph.elements", {"expanded.data": [[actor.id, 1]]})
        self.page("/dekking")
        level = rng.choice(LEVELS)
        values = {"coverage-level.value": level, "coverage-topic.value": topic}
        self.ask("coverage", "coverage-body.children", values)
        self.page("/mensen")
        self.ask("find-people", "people-answer.children", {"people-topics.value": [topic]})
        self.page("/over")

    def page(self, path: str) -> None:
        values = {"url.pathname": path, "url.search": ""}
        self.ask(f"page {path}", "page.children", values)

    def ask(self, name: str, output: str, values: dict) -> None:
        key = callbacks.callback_key(self.known, output)
        values = {"language.value": "nl", **values}
        trigger = next(iter(values.keys() - {"language.value"}))
        body = json.dumps(callbacks.payload(self.known, key, values, (trigger,)))
        self.request(name, "POST", callbacks.UPDATE, body)

    def get(self, name: str, path: str) -> None:
        self.request(name, "GET", path, None)

    def request(self, name: str, method: str, path: str, body: str | None) -> None:
        headers = {"Content-Type": "application/json", "Accept-Encoding": "gzip"}
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            response.read()
            if response.status not in (200, 204):
                self.errors.append(f"{name}: HTTP {response.status}")
        except (OSError, http.client.HTTPException) as exc:
            self.errors.append(f"{name}: {type(exc).__name__}")
            self.connection.close()
        self.timings[name].append((time.perf_counter() - started) * 1000)
        time.sleep(self.rng.uniform(0.2, 1.0))  # a person reads before the next click

    def run(self, deadline: float) -> None:
        while time.monotonic() < deadline and self.requests < MAX_REQUESTS_PER_USER:
            self.visit()
        self.connection.close()

    @property
    def requests(self) -> int:
        return sum(len(t) for t in self.timings.values())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def served(store: str, workers: int, threads: int, neo4j_port: int = BENCH_PORT):
    """`verbindplaats serve` on a free loopback port with an operational database of its
    own (migrated first, removed at the end), stopped at the end; for Neo4j, the local
    server on `neo4j_port` with the bundled data loaded, stopped at the end too."""
    port = free_port()
    instance = tempfile.TemporaryDirectory(prefix="verbindplaats-bench-")
    env = {**os.environ, "VERBINDPLAATS_INSTANCE": instance.name}
    env.pop("DATABASE_URL", None)
    cli = [sys.executable, "-m", "verbindplaats.cli"]
    subprocess.run([*cli, "db", "upgrade"], env=env, check=True, capture_output=True)
    command = [*cli, "serve", "--host", HOST]
    command += ["--port", str(port), "--store", store]
    command += ["--workers", str(workers), "--threads", str(threads)]
    if store == "neo4j":
        status = neo4j_server.start(neo4j_port)
        loaded = subprocess.run(
            [sys.executable, "-m", "verbindplaats.cli", "load", "--neo4j-uri", status.uri],
            capture_output=True,
            text=True,
        )
        if loaded.returncode:
            raise SystemExit(f"loading Neo4j failed: {loaded.stderr}")
        command += ["--neo4j-uri", status.uri]
    log = open(Path(instance.name) / "serve.log", "w+")  # noqa: SIM115 - read when it fails
    server = subprocess.Popen(command, stdout=log, stderr=log, env=env)
    try:
        wait_for(port, server, log)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        instance.cleanup()
        if store == "neo4j":
            neo4j_server.stop(neo4j_port)


def wait_for(port: int, server: subprocess.Popen, log: IO[str], timeout: float = 120.0) -> None:
    """Until the server answers on `port`; its log in the message when it stops or does
    not answer in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    log.seek(0)
    raise SystemExit(f"the server did not answer on port {port}:\n{log.read()[-2000:]}")


def known_callbacks(port: int) -> dict[str, dict]:
    connection = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
    connection.request("GET", "/")  # Dash finishes its set-up on the first request
    connection.getresponse().read()
    connection.request("GET", callbacks.DEPENDENCIES)
    listed = json.loads(connection.getresponse().read())
    connection.close()
    return callbacks.dependencies(listed)


def report(users: list[User], seconds: float) -> str:
    timings: dict[str, list[float]] = defaultdict(list)
    for user in users:
        for name, values in user.timings.items():
            timings[name] += values
    errors = [e for user in users for e in user.errors]
    total = sum(len(v) for v in timings.values())
    lines = [
        f"{len(users)} users, {seconds:.0f} s: {total} requests, {total / seconds:.1f}/s, "
        f"{len(errors)} errors {sorted(set(errors))[:5]}",
        f"{'request':<16}{'count':>7}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}",
    ]
    for name, values in sorted(timings.items()):
        lines.append(
            f"{name:<16}{len(values):>7}{statistics.median(values):>11.0f}"
            f"{p95(values) if len(values) > 1 else values[0]:>9.0f}{max(values):>9.0f}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=180.0)
    parser.add_argument("--store", choices=["memory", "neo4j"], default="memory")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--neo4j-port", type=int, default=BENCH_PORT)
    args = parser.parse_args()
    if not 1 <= args.users <= 100 or not 1 <= args.seconds <= 900:
        raise SystemExit("bounded: 1-100 users, 1-900 seconds")
    batch, _ = read_dataset(Path(graphmodel.BUNDLED_DATA))
    with served(args.store, args.workers, args.threads, args.neo4j_port) as port:
        known = known_callbacks(port)
        users = [User(port, known, batch, seed) for seed in range(args.users)]
        started = time.monotonic()
        deadline = started + args.seconds
        threads = [threading.Thread(target=u.run, args=(deadline,)) for u in users]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print(f"store {args.store}, {args.workers} worker(s) x {args.threads} threads")
        print(report(users, time.monotonic() - started))


if __name__ == "__main__":
    main()
