"""Helpers the tests share for servers they start as processes: a free port, and
`verbindplaats serve` run, waited for and stopped as an admin does."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from verbindplaats.cli.serving import GRACEFUL_SECONDS

STOP_MARGIN_SECONDS = 20  # beyond serve's own grace, for a busy machine


def free_port() -> int:
    """A loopback port that nothing holds now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def server_process(
    command: Sequence[str], environ: dict[str, str], log: Path, cwd: Path | None = None
) -> Iterator[subprocess.Popen]:
    """`command` (a server) as a process writing to `log` (a file, not a pipe nobody
    reads: a full pipe blocks it), stopped at the end as an admin does (SIGTERM). It
    must be gone within the grace serve gives its workers' last answers and a margin,
    else it is killed and the test fails with its log."""
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=environ, cwd=cwd, stdout=output, stderr=output)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=GRACEFUL_SECONDS + STOP_MARGIN_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            pytest.fail(f"the server did not stop on SIGTERM; its log:\n{tail(log)}")


def wait_until_answering(process: subprocess.Popen, url: str, log: Path, deadline: float) -> None:
    """Until `url` answers (with any status: the server is up), failing with the
    server's `log` if it stops first or has not answered by `deadline` (`time.monotonic`)."""
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server stopped before it answered; its log:\n{tail(log)}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the server did not answer {url} in time; its log:\n{tail(log)}")


def tail(log: Path, characters: int = 4000) -> str:
    """The end of a server's log, for a failure's message."""
    return log.read_text(errors="replace")[-characters:]
