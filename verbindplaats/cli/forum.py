"""``verbindplaats forum``: the forum's work outside a request (the weekly digest)."""

from __future__ import annotations

from datetime import date

import click

from explorer.accounts.database import Database
from explorer.accounts.settings import Settings
from explorer.accounts.timing import real_clock
from explorer.forum.alerts import send_digest
from graphmodel import clock
from verbindplaats.cli.options import today_option

__all__ = ["forum"]


@click.group()
def forum() -> None:
    """Het forum "Vraag het het veld" / the forum "Ask the field"."""


@forum.command("digest")
@today_option
def digest(today: date | None) -> None:
    """Mail each member who chose a weekly digest the questions on their topics posted
    since the last one (and any alert that could not be sent at once).

    Run it weekly (cron, a systemd timer). Needs VERBINDPLAATS_SMTP_HOST and
    VERBINDPLAATS_PUBLIC_URL (the links' address)."""
    settings = Settings.from_environment()
    if settings.smtp is None or settings.public_url is None:
        raise click.UsageError(
            "sending the digest needs VERBINDPLAATS_SMTP_HOST and VERBINDPLAATS_PUBLIC_URL"
        )
    database = Database(settings.database_url)
    database.require_current()
    done = send_digest(settings, database, clock.today(today), real_clock())
    click.echo(f"{done.sent} overzicht(en) verstuurd / digest(s) sent")
    if done.failed:
        raise click.ClickException(f"{done.failed} could not be sent now; run again later")
