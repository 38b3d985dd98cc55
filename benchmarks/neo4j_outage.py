"""Fault test: the local Neo4j stops and starts again while the explorer serves.

Starts the local Neo4j on BENCH_PORT with the bundled data and ``verbindplaats serve
--store neo4j`` on a free loopback port; a poller asks a search (each time another text,
so that no kept answer is given) every 0.25 s. After `--before` seconds Neo4j is stopped,
after `--away` seconds more started again, and polled for `--after` seconds. Bounded:
loopback only, every request with a 30 s timeout, everything stopped at the end.

Prints the time from the stop to the first answer that says the database is away
(time-to-notice), the slowest answer while it was away, and the time from Neo4j
answering again to the first normal answer (recovery).

Run: ``python -m benchmarks.neo4j_outage [--away 30]``
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass

from benchmarks import callbacks
from benchmarks.load_test import HOST, TIMEOUT, known_callbacks, served
from benchmarks.queries import BENCH_PORT, p95
from verbindplaats import neo4j_server

POLL = 0.25  # seconds between questions
AWAY = "niet bereikbaar"


@dataclass(frozen=True)
class Answer:
    at: float  # monotonic time the question was sent
    seconds: float
    away: bool  # the page said the database is away
    failed: bool  # no answer, or not HTTP 200
    why: str = ""  # for a failed one: the HTTP status, or what the connection raised


def poll(port: int, known: dict[str, dict], done: threading.Event, answers: list[Answer]) -> None:
    connection = http.client.HTTPConnection(HOST, port, timeout=TIMEOUT)
    key = callbacks.callback_key(known, "results.children")
    number = 0
    while not done.is_set():
        number += 1
        values = {"search.value": f"toetsing {number}", "language.value": "nl"}
        body = json.dumps(callbacks.payload(known, key, values, ("search.value",)))
        sent = time.monotonic()
        try:
            connection.request("POST", callbacks.UPDATE, body=body, headers=_JSON)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            failed = response.status != 200
            why = f"HTTP {response.status}" if failed else ""
            answer = Answer(sent, time.monotonic() - sent, AWAY in text, failed, why)
        except (OSError, http.client.HTTPException) as exc:
            connection.close()
            answer = Answer(sent, time.monotonic() - sent, False, True, type(exc).__name__)
        answers.append(answer)
        time.sleep(max(0.0, POLL - answer.seconds))
    connection.close()


_JSON = {"Content-Type": "application/json"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", type=float, default=10.0)
    parser.add_argument("--away", type=float, default=30.0)
    parser.add_argument("--after", type=float, default=30.0)
    parser.add_argument("--neo4j-port", type=int, default=BENCH_PORT)
    args = parser.parse_args()
    if max(args.before, args.away, args.after) > 300:
        raise SystemExit("bounded: at most 300 s per phase")
    with served("neo4j", workers=2, threads=4, neo4j_port=args.neo4j_port) as port:
        known = known_callbacks(port)
        answers: list[Answer] = []
        done = threading.Event()
        poller = threading.Thread(target=poll, args=(port, known, done, answers))
        poller.start()
        time.sleep(args.before)
        stopped = time.monotonic()
        neo4j_server.stop(args.neo4j_port)
        time.sleep(args.away)
        restart = time.monotonic()
        neo4j_server.start(args.neo4j_port)
        back = time.monotonic()
        time.sleep(args.after)
        done.set()
        poller.join()
        print(summary(answers, stopped, restart, back, time.monotonic()))


def _reasons(part: list[Answer]) -> str:
    """Why the failed ones failed, e.g. " (1 RemoteDisconnected)"."""
    counts = Counter(a.why for a in part if a.failed)
    return f" ({', '.join(f'{n} {why}' for why, n in counts.items())})" if counts else ""


def summary(answers: list[Answer], stopped: float, restart: float, back: float, end: float) -> str:
    before = [a for a in answers if a.at < stopped]
    during = [a for a in answers if stopped <= a.at < back]
    after = [a for a in answers if back <= a.at < end]
    noticed = next((a for a in during if a.away), None)
    recovered = next((a for a in after if not a.away and not a.failed), None)

    def figures(part: list[Answer]) -> str:
        times = [a.seconds * 1000 for a in part]
        if len(times) < 2:
            return f"{len(times)} answers"
        return (
            f"{len(times)} answers, median {statistics.median(times):.0f} ms, "
            f"p95 {p95(times):.0f} ms, max {max(times):.0f} ms, "
            f"{sum(a.failed for a in part)} failed{_reasons(part)}, "
            f"{sum(a.away for a in part)} 'away'"
        )

    slowest = max(during, key=lambda a: a.seconds, default=None)
    lines = [
        f"before the stop:    {figures(before)}",
        f"Neo4j away:         {figures(during)}",
        f"after it answers:   {figures(after)}",
        "slowest while away: "
        + (
            f"{slowest.seconds:.2f} s, asked {slowest.at - stopped:.2f} s after the stop"
            if slowest
            else "-"
        ),
        "time to notice:     "
        + (f"{noticed.at + noticed.seconds - stopped:.2f} s" if noticed else "never"),
        f"restart took:       {back - restart:.1f} s (neo4j_server.start until Bolt answers)",
        "recovery:           "
        + (
            f"{recovered.at + recovered.seconds - back:.2f} s after Bolt answered"
            if recovered
            else "never"
        ),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
