"""`verbindplaats serve` with accounts, as real server processes: the sign-in limit
holds across two servers sharing one operational database, and a fresh checkout's
`db upgrade` + `serve` needs no database server."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import requests

from tests.accounts.conftest import CSRF
from tests.conftest import MINI
from tests.servers import free_port, server_process, wait_until_answering

REPOSITORY = Path(__file__).resolve().parents[2]


@contextmanager
def serving(
    environ: dict[str, str], cwd: Path, data: Path = MINI, count: int = 1
) -> Iterator[list[str]]:
    """`count` servers of `verbindplaats serve` on a dataset (the mini one), each its own
    process, started at once; their addresses once all answer."""
    command = [sys.executable, "-m", "verbindplaats.cli", "serve", "--data", str(data)]
    command += ["--workers", "1"]  # each server one process: they are what the tests count
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        logs = [folder / f"serve-{n}.log" for n in range(count)]
        started = [stack.enter_context(_server(command, environ, cwd, log)) for log in logs]
        deadline = time.monotonic() + 90
        for (process, url), log in zip(started, logs, strict=True):
            wait_until_answering(process, url + "/inloggen", log, deadline)
        yield [url for _, url in started]


@contextmanager
def _server(
    command: list[str], environ: dict[str, str], cwd: Path, log: Path
) -> Iterator[tuple[subprocess.Popen, str]]:
    port = free_port()
    try:
        with server_process([*command, "--port", str(port)], environ, log, cwd) as process:
            yield process, f"http://127.0.0.1:{port}"
    finally:
        # pytest shows it with a failure: a server's errors are logged there, not answered
        print(f"--- the server on port {port} wrote ---\n{log.read_text(errors='replace')}")


def ask_link(browser: requests.Session, url: str, address: str) -> int:
    form = browser.get(url + "/inloggen", timeout=10)
    found = CSRF.search(form.text)
    assert found, (form.status_code, form.text[:500])  # what came instead of the form
    token = found.group(1)
    answer = browser.post(
        url + "/inloggen", data={"email": address, "csrf_token": token}, timeout=30
    )
    return answer.status_code


def test_the_limit_holds_across_server_processes(database, mailbox, tmp_path):
    environ = {
        **os.environ,
        "DATABASE_URL": database.url,
        "VERBINDPLAATS_INSTANCE": str(tmp_path),  # one secret key for both
        "VERBINDPLAATS_PUBLIC_URL": "http://localhost",
        "VERBINDPLAATS_SMTP_HOST": "127.0.0.1",
        "VERBINDPLAATS_SMTP_PORT": str(mailbox.port),
        "VERBINDPLAATS_SMTP_STARTTLS": "0",
    }
    with serving(environ, REPOSITORY, count=2) as servers:
        sessions = [requests.Session(), requests.Session()]
        answers = [ask_link(sessions[n % 2], servers[n % 2], "burst@example.nl") for n in range(6)]
    assert answers == [200] * 5 + [429]
    assert len(mailbox.links_to("burst@example.nl")) == 5


def test_a_fresh_checkout_migrates_and_serves_with_no_database_server(tmp_path):
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "VERBINDPLAATS_INSTANCE")
    }
    command = [sys.executable, "-m", "verbindplaats.cli", "db", "upgrade"]
    upgraded = subprocess.run(
        command, env=environ, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert upgraded.returncode == 0, upgraded.stderr
    assert (tmp_path / "instance" / "verbindplaats.sqlite3").is_file()
    with serving(environ, tmp_path) as (url,):
        assert requests.get(url + "/", timeout=10).status_code == 200
        page = requests.get(url + "/inloggen", timeout=10).text
    assert "Inloggen met een e-maillink is op deze server niet ingesteld" in page
