"""``verbindplaats profiles``: the profiles' chores from the command line (or a timer)."""

from __future__ import annotations

from datetime import date

import click

from explorer.accounts.database import Database
from explorer.accounts.settings import Settings
from explorer.accounts.timing import real_clock
from explorer.profiles.reminders import send_reminders
from graphmodel import clock
from verbindplaats.cli.options import today_option

__all__ = ["profiles"]


@click.group()
def profiles() -> None:
    """Profielen die mensen zelf bijhouden / profiles people keep themselves."""


@profiles.command("remind")
@today_option
def remind(today: date | None) -> None:
    """Mail every owner whose profile was confirmed a year ago a "klopt nog" link.

    Run it daily (cron, a systemd timer): each profile is asked once a year. Needs
    VERBINDPLAATS_SMTP_HOST and VERBINDPLAATS_PUBLIC_URL (the links' address)."""
    settings = Settings.from_environment()
    if settings.smtp is None or settings.public_url is None:
        raise click.UsageError(
            "sending reminders needs VERBINDPLAATS_SMTP_HOST and VERBINDPLAATS_PUBLIC_URL"
        )
    database = Database(settings.database_url)
    database.require_current()
    done = send_reminders(settings, database, clock.today(today), real_clock)
    click.echo(f"{done.sent} herinnering(en) verstuurd / reminder(s) sent")
    if done.failed:
        raise click.ClickException(f"{done.failed} could not be sent now; run again later")
