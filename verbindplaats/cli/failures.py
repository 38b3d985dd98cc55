"""The one mapping from our errors to a message and an exit code, never a traceback.

Exit code 2 means the user can fix it: invalid input, an unknown topic, region or level,
a dataset with errors. Exit code 1 means something else stopped the command: a store
that is away, a disk that refused a write, a local server that would not start, an
operational database that is away or not yet migrated.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click
from sqlalchemy.exc import SQLAlchemyError

from explorer.accounts.errors import SchemaOutOfDate
from graphmodel.errors import GraphModelError, StoreUnavailable
from importers.report import Report
from verbindplaats.neo4j_server import Neo4jServerError

__all__ = ["EXIT_INVALID", "InvalidInput", "exit_if_invalid", "print_report", "reported"]

EXIT_INVALID = 2


class InvalidInput(click.ClickException):
    """An error the user caused and can fix: printed as "Error: ...", exit 2."""

    exit_code = EXIT_INVALID


@contextmanager
def reported() -> Iterator[None]:
    """Run a command with our errors turned into click's: a message and an exit code."""
    try:
        yield
    except StoreUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    except GraphModelError as exc:
        raise InvalidInput(str(exc)) from exc
    except (Neo4jServerError, SchemaOutOfDate) as exc:
        raise click.ClickException(str(exc)) from exc
    except SQLAlchemyError as exc:  # the operational database refused or is away
        raise click.ClickException(f"operationele database / operational database: {exc}") from exc
    except OSError as exc:  # a file that could not be read or written: the disk's error
        raise click.ClickException(f"niets geschreven / nothing written: {exc}") from exc


def print_report(report: Report, lang: str | None) -> None:
    """Every problem of a report, to stderr when there is an error."""
    click.echo(report.format_text(lang), err=not report.ok)


def exit_if_invalid(report: Report, lang: str | None = None) -> None:
    """Exit 2 when the report holds an error (its problems were printed before)."""
    if not report.ok:
        sys.exit(EXIT_INVALID)
