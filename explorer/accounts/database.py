"""The operational database: an engine from a URL, sessions, and its schema's version.

Alembic's migrations (in ``migrations/``) make and change the schema; the server only
checks that the database is at their head and refuses to start otherwise, so that an
upgrade is a deliberate step (``verbindplaats db upgrade``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from explorer.accounts.errors import SchemaOutOfDate

__all__ = ["Database", "SchemaOutOfDate"]

MIGRATIONS = Path(__file__).parent / "migrations"


class Database:
    """The operational database at `url`: sessions, and its migrations."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = _engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed when the block ends, rolled back on error."""
        with self.sessions.begin() as session:
            yield session

    def after_fork(self) -> None:
        """In a process forked after the database was used: its own connections from now
        on, leaving those of the parent to the parent (SQLAlchemy's advice on fork)."""
        self.engine.dispose(close=False)

    def upgrade(self) -> None:
        """Apply every migration not yet applied."""
        with self.engine.begin() as connection:
            config = _config(self.url)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def revision(self) -> str | None:
        """The migration the database is at (None: no schema yet)."""
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def head(self) -> str:
        """The newest migration."""
        head = ScriptDirectory.from_config(_config(self.url)).get_current_head()
        assert head is not None
        return head

    def require_current(self) -> None:
        """Raise SchemaOutOfDate with a plain message unless the schema is at the head."""
        revision, head = self.revision(), self.head()
        if revision != head:
            raise SchemaOutOfDate(
                f"the operational database ({self.safe_url()}) is at migration "
                f"{revision or '(none)'}, this version needs {head}: "
                "run 'verbindplaats db upgrade' first"
            )

    def safe_url(self) -> str:
        """The URL without its password, for messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    # several threads and worker processes write: wait for a lock rather than fail
    engine = create_engine(url, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not wait for the writer
    cursor.close()


def _config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config
