"""The operational database: migrations that make what the models describe, on SQLite
and PostgreSQL, and a schema version the server can check."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from explorer.accounts import settings
from explorer.accounts.database import Database, SchemaOutOfDate
from explorer.accounts.models import Base
from explorer.accounts.settings import Settings
from explorer.forum import models as forum_models


def test_the_migrations_make_the_tables_the_models_describe(database):
    assert forum_models.Question.__table__.metadata is Base.metadata  # the forum's too
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_an_empty_database_is_out_of_date_until_upgraded(database_url):
    database = Database(database_url)
    with pytest.raises(SchemaOutOfDate, match=r"at migration \(none\), this version needs 0004"):
        database.require_current()
    database.upgrade()
    database.require_current()
    assert database.revision() == database.head() == "0004"
    database.dispose()


def test_the_embedded_default_lives_in_the_instance_folder_with_a_kept_key(tmp_path):
    environ = {"VERBINDPLAATS_INSTANCE": str(tmp_path / "instance")}
    first, second = Settings.from_environment(environ), Settings.from_environment(environ)
    assert first.database_url == f"sqlite:///{tmp_path / 'instance' / 'verbindplaats.sqlite3'}"
    assert first.secret_key == second.secret_key and len(first.secret_key) > 40
    assert (tmp_path / "instance" / "secret-key").stat().st_mode & 0o777 == 0o600


def test_a_server_starting_beside_another_reads_the_key_it_keeps_whole(tmp_path, monkeypatch):
    """The second server reads the folder while the first is making its key (the moment
    a server once read an empty key file): both end with the same key, and it is whole."""
    environ = {"VERBINDPLAATS_INSTANCE": str(tmp_path / "instance")}
    beside: list[str] = []
    make_key = settings.secrets.token_urlsafe

    def made_while_another_starts(size: int) -> str:
        if not beside:
            beside.append("")  # the other server starts once, now
            beside[0] = Settings.from_environment(environ).secret_key
        return make_key(size)

    monkeypatch.setattr(settings.secrets, "token_urlsafe", made_while_another_starts)
    first = Settings.from_environment(environ).secret_key
    assert len(first) > 40 and beside == [first]
    assert [p.name for p in (tmp_path / "instance").iterdir()] == ["secret-key"]


def test_database_url_names_a_shared_server():
    settings = Settings.from_environment(
        {
            "DATABASE_URL": "postgresql+psycopg://app:geheim@db/verbindplaats",
            "VERBINDPLAATS_SECRET_KEY": "k",
        }
    )
    assert settings.database_url.startswith("postgresql+psycopg://")
    assert "geheim" not in Database(settings.database_url).safe_url()
