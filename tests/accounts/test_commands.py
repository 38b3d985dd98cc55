"""`verbindplaats db upgrade`, `users add-curator/add-admin/list`, and `serve` refusing
an operational database whose schema is out of date."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from explorer.accounts.database import Database
from explorer.accounts.models import AuditEvent
from tests.conftest import MINI
from verbindplaats.cli import main


@pytest.fixture
def empty_url(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """DATABASE_URL naming an empty database of each kind."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    return database_url


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_db_upgrade_migrates_once(empty_url):
    first = run("db", "upgrade")
    assert first.exit_code == 0 and "migrated from (empty) to 0004" in first.output
    again = run("db", "upgrade")
    assert again.exit_code == 0 and "already at migration 0004" in again.output
    database = Database(empty_url)
    assert database.revision() == "0004"
    database.dispose()  # no connection left holding a port for the rest of the session


def test_users_need_a_migrated_database(empty_url):
    refused = run("users", "list")
    assert refused.exit_code == 1
    assert "run 'verbindplaats db upgrade' first" in refused.output


def test_add_curator_and_admin_then_list_with_the_changes_audited(empty_url):
    run("db", "upgrade")
    assert run("users", "list").output.strip() == "Nog geen accounts / no accounts yet."
    assert run("users", "add-curator", "Curator@Example.nl").output.strip() == (
        "curator@example.nl is now curator."
    )
    assert run("users", "add-admin", "beheer@example.nl").exit_code == 0
    assert run("users", "add-admin", "curator@example.nl").exit_code == 0
    listed = run("users", "list").output.splitlines()
    assert [line.split("\t")[:2] for line in listed] == [
        ["beheer@example.nl", "admin"],
        ["curator@example.nl", "admin"],
    ]
    database = Database(empty_url)
    with database.session() as db:
        details = [e.detail for e in db.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    database.dispose()
    assert details == [
        "member -> curator by command line",
        "member -> admin by command line",
        "curator -> admin by command line",
    ]


def test_no_address_is_refused(empty_url):
    run("db", "upgrade")
    refused = run("users", "add-curator", "niemand")
    assert refused.exit_code == 2 and "is no e-mail address" in refused.output


def test_serve_refuses_an_out_of_date_schema_with_a_plain_message(empty_url):
    served = subprocess.run(
        [sys.executable, "-m", "verbindplaats.cli", "serve", "--data", str(MINI), "--port", "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert served.returncode == 1
    assert "is at migration (none), this version needs 0004" in served.stderr
    assert "run 'verbindplaats db upgrade' first" in served.stderr
    assert "Traceback" not in served.stderr
