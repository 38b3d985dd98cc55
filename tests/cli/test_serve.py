"""`verbindplaats serve` runs a production WSGI server that serves several users at once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import MINI
from tests.servers import free_port, server_process, wait_until_answering


def serve_command(port: int | str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "verbindplaats.cli",
        "serve",
        "--data",
        str(MINI),
        "--port",
        str(port),
    ]


@pytest.fixture
def served(tmp_path) -> str:
    port = free_port()
    command = serve_command(str(port))
    # where gunicorn would put a control socket: the test's own folder
    environ = {**os.environ, "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path)}
    url, log = f"http://127.0.0.1:{port}", tmp_path / "serve.log"
    with server_process(command, environ, log) as process:
        wait_until_answering(process, url, log, time.monotonic() + 60)
        yield url


def test_serve_uses_the_production_server_with_debug_off(served):
    with urllib.request.urlopen(served) as response:
        assert response.status == 200
        assert response.headers["Server"].startswith("gunicorn")  # not Werkzeug's dev server
        page = response.read().decode()
    assert "Verbindplaats" in page
    assert "_dash-global-error-container" in page or "react-entry-point" in page
    assert "dash-debug-menu" not in page


def test_serve_opens_no_control_socket(served, tmp_path):
    """gunicorn's control socket has one path per user: two servers took it from each
    other, and it could change a server's workers. serve does without it."""
    assert urllib.request.urlopen(served).status == 200
    deadline = time.monotonic() + 2  # gunicorn opened it a moment after the first answer
    while time.monotonic() < deadline:
        assert list(tmp_path.rglob("*.ctl")) == []
        time.sleep(0.1)


def test_several_requests_at_once(served):
    def fetch(_: int) -> int:
        with urllib.request.urlopen(f"{served}/_dash-layout", timeout=30) as response:
            return response.status

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(fetch, range(24))) == [200] * 24


def test_a_port_in_use_is_a_message_not_a_traceback(served):
    port = served.rsplit(":", 1)[1]
    command = serve_command(port)
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "already in use" in result.stderr
    assert "Traceback" not in result.stderr
