"""The operational database's errors, apart from the database itself: the CLI maps them to
exit codes without loading SQLAlchemy's ORM and Alembic for every command."""

from __future__ import annotations

__all__ = ["SchemaOutOfDate"]


class SchemaOutOfDate(Exception):
    """The database is not at the migrations' head (or has no schema yet)."""
