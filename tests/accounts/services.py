"""Real servers for the accounts' tests, on loopback: SMTP (aiosmtpd), PostgreSQL (a
throwaway cluster made with Debian's initdb and pg_ctl) and OpenID Connect (the npm
package oidc-provider under node)."""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller

from tests.servers import free_port

__all__ = [
    "Mailbox",
    "ProviderMissing",
    "oidc_provider",
    "postgresql_cluster",
    "smtp_server",
]

LINK = re.compile(r"https?://\S+/inloggen/link\?t=\S+")


@dataclass
class Mailbox:
    """What the SMTP server received."""

    port: int
    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, _server, _session, envelope) -> str:  # the name aiosmtpd calls
        message = message_from_bytes(envelope.content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted"

    def links_to(self, address: str) -> list[str]:
        """The sign-in links in the messages sent to `address`, oldest first."""
        found = [
            LINK.search(message.get_content())
            for message in self.messages
            if message["X-Envelope-To"] == address
        ]
        return [link.group(0) for link in found if link]  # other mail (a forum alert) too


@contextmanager
def smtp_server() -> Iterator[Mailbox]:
    """A real SMTP server on 127.0.0.1 that keeps what it receives."""
    mailbox = Mailbox(free_port())
    controller = Controller(mailbox, hostname="127.0.0.1", port=mailbox.port)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()


def pg_bin(tool: str) -> str | None:
    """Debian's PostgreSQL tool `tool` (they live outside PATH)."""
    found = shutil.which(tool)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{tool}"))
    return candidates[-1] if candidates else None


@contextmanager
def postgresql_cluster() -> Iterator[str]:
    """A new PostgreSQL cluster on its own port in a temporary folder, trusted for
    local connections; its admin URL. As root it runs as the ``postgres`` user, since
    PostgreSQL refuses to run as root."""
    initdb, pg_ctl = pg_bin("initdb"), pg_bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise FileNotFoundError("initdb/pg_ctl not found (apt-get install postgresql)")
    folder = tempfile.mkdtemp(prefix="verbindplaats-pg-")
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = os.path.join(folder, "data"), free_port()
    run = {"check": True, "capture_output": True, "timeout": 120}
    subprocess.run([*as_user, initdb, "-D", data, "-U", "verbindplaats", "--auth=trust"], **run)
    options = f"-p {port} -k {folder} -h 127.0.0.1 -c fsync=off"
    subprocess.run(
        [
            *as_user,
            pg_ctl,
            "-D",
            data,
            "-o",
            options,
            "-w",
            "-l",
            os.path.join(folder, "log"),
            "start",
        ],
        **run,
    )
    try:
        yield f"postgresql+psycopg://verbindplaats@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", data, "-m", "immediate", "stop"], **run)
        shutil.rmtree(folder, ignore_errors=True)


PROVIDER = Path(__file__).parent / "oidc_provider"
CLIENT_ID, CLIENT_SECRET = "verbindplaats", "a client secret of the tests"


class ProviderMissing(Exception):
    """No OpenID Connect provider can be started here."""


@contextmanager
def oidc_provider(redirect_uri: str) -> Iterator[str]:
    """A real OpenID Connect provider (npm oidc-provider, installed by
    ``make oidc-provider``) on loopback that sends its clients back to `redirect_uri`;
    its issuer URL."""
    node = shutil.which("node")
    if node is None or not (PROVIDER / "node_modules" / "oidc-provider").is_dir():
        raise ProviderMissing("node or oidc-provider missing: run 'make oidc-provider'")
    port = free_port()
    process = subprocess.Popen(
        [node, "provider.mjs", str(port), CLIENT_ID, CLIENT_SECRET, redirect_uri],
        cwd=PROVIDER,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    issuer = f"http://127.0.0.1:{port}"
    try:
        _wait_for(issuer + "/.well-known/openid-configuration", process)
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ProviderMissing(process.stdout.read().decode(errors="replace")[-500:])
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise ProviderMissing(f"{url} did not answer within 30 s")
