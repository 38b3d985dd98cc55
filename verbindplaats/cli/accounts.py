"""``verbindplaats db`` and ``verbindplaats users``: the operational database and its
accounts from the command line (the first admin has no one to ask in the browser).

The database is the one ``serve`` uses: ``DATABASE_URL``, else the SQLite file in the
instance folder (``VERBINDPLAATS_INSTANCE``, default ``./instance``).
"""

from __future__ import annotations

import click

from explorer.accounts.database import Database
from explorer.accounts.models import Role
from explorer.accounts.registry import InvalidAddress, all_accounts, grant
from explorer.accounts.settings import Settings
from explorer.accounts.timing import real_clock
from explorer.accounts.web import Accounts

__all__ = ["db", "operational_database", "serving_accounts", "users"]


def operational_database() -> Database:
    """The operational database the environment names."""
    return Database(Settings.from_environment().database_url)


@click.group()
def db() -> None:
    """The operational database (accounts, sign-in, audit log)."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply the migrations this version needs."""
    database = operational_database()
    before = database.revision()
    database.upgrade()
    after = database.revision()
    if before == after:
        click.echo(f"{database.safe_url()}: already at migration {after}.")
    else:
        click.echo(f"{database.safe_url()}: migrated from {before or '(empty)'} to {after}.")


@click.group()
def users() -> None:
    """Accounts and their roles."""


@users.command("add-curator")
@click.argument("email")
def add_curator(email: str) -> None:
    """Make EMAIL a curator (reviews and applies changes)."""
    _grant(email, Role.CURATOR)


@users.command("add-admin")
@click.argument("email")
def add_admin(email: str) -> None:
    """Make EMAIL an admin (manages curators)."""
    _grant(email, Role.ADMIN)


@users.command("list")
def list_users() -> None:
    """Every account: address, role, name and organisation."""
    database = _current()
    with database.session() as session:
        accounts = all_accounts(session)
    if not accounts:
        click.echo("Nog geen accounts / no accounts yet.")
    for account in accounts:
        fields = (account.email, account.role, account.name, account.affiliation or "")
        click.echo("\t".join(fields))


def _grant(email: str, role: Role) -> None:
    database = _current()
    try:
        with database.session() as session:
            account = grant(session, email, role, real_clock(), by="command line")
    except InvalidAddress:
        raise click.BadParameter(f"{email!r} is no e-mail address", param_hint="EMAIL") from None
    click.echo(f"{account.email} is now {role.value}.")


def _current() -> Database:
    database = operational_database()
    database.require_current()
    return database


def serving_accounts(development: bool) -> Accounts:
    """The accounts ``serve`` offers: refused on an out-of-date schema, and e-mail
    sign-in only where links can be sent (a development server prints them)."""
    settings = Settings.from_environment(development=development)
    database = Database(settings.database_url)
    database.require_current()
    if settings.smtp is None and development:
        click.echo(
            "Let op / warning: no SMTP settings (VERBINDPLAATS_SMTP_HOST); sign-in links "
            "are printed to this log.",
            err=True,
        )
    elif not settings.email_offered:
        click.echo(
            "E-mail sign-in is off: it needs VERBINDPLAATS_SMTP_HOST and VERBINDPLAATS_PUBLIC_URL.",
            err=True,
        )
    return Accounts(settings, database)
