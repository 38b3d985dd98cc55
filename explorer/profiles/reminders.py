"""Kept current: every year a profile asks its owner "klopt dit nog?".

`send_reminders` (run daily by ``verbindplaats profiles remind``, from cron or a systemd
timer) mails each owner whose approved profile was confirmed `CONFIRM_EVERY` ago or
longer, once per year, a signed link valid for `LINK_LIFETIME`. Following it shows the
profile and one button; pressing it confirms the profile on that day, and its facts in
the graph are confirmed with it (the history records them as ``confirmed``). A link
works once: it names the confirmation it asks about, and a confirmed profile has moved
on. A profile left unconfirmed keeps its old ``verified`` day and ages like any fact.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import date, timedelta

from flask import Blueprint, Response, request
from markupsafe import Markup
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from explorer.accounts import audit, mail
from explorer.accounts.database import Database
from explorer.accounts.models import Account, Profile, ProfileStatus
from explorer.accounts.pages import button_form, page
from explorer.accounts.settings import Settings
from explorer.accounts.timing import Clock
from explorer.accounts.web import installed
from explorer.ages import request_day
from explorer.profiles import context, records
from explorer.profiles.choices import choices_in
from explorer.profiles.html import proposed_facts
from explorer.profiles.texts import TEXTS
from explorer.profiles.tokens import Tokens
from graphmodel.profiles import approve

__all__ = ["CONFIRM", "CONFIRM_EVERY", "LINK_LIFETIME", "Sent", "routes", "send_reminders"]

CONFIRM = "/profiel/klopt-nog"
CONFIRM_EVERY = timedelta(days=365)
LINK_LIFETIME = timedelta(days=30)
SALT = "verbindplaats-klopt-nog"

routes = Blueprint("reminders", __name__)


@dataclass(frozen=True)
class Sent:
    """What a run of `send_reminders` did."""

    sent: int
    failed: int


def due(session: Session, today: date) -> list[tuple[Profile, Account]]:
    """The approved profiles confirmed a year ago or longer and not yet reminded since."""
    year_ago = today - CONFIRM_EVERY
    rows = session.execute(
        select(Profile, Account)
        .join(Account, Account.id == Profile.account_id)
        .where(
            Profile.status == ProfileStatus.APPROVED.value,
            Profile.confirmed_on <= year_ago,
            or_(Profile.reminded_on.is_(None), Profile.reminded_on < Profile.confirmed_on),
        )
        .order_by(Profile.id)
    )
    return [(profile, account) for profile, account in rows]


def send_reminders(settings: Settings, database: Database, today: date, clock: Clock) -> Sent:
    """Mail every owner whose profile is due a "klopt nog" link; mark them reminded.

    Needs ``settings.public_url`` (the links' address) and SMTP settings. One that
    cannot be sent now is left due, for the next run.
    """
    tokens = Tokens(settings.secret_key, SALT)
    base = (settings.public_url or "").rstrip("/")
    sent = failed = 0
    with database.session() as db:
        waiting = due(db, today)
    for profile, account in waiting:
        asked = {"profile": profile.id, "confirmed": profile.confirmed_on.isoformat()}
        token = tokens.make(asked, until=today + LINK_LIFETIME)
        body = TEXTS("remind_mail", "nl", url=f"{base}{CONFIRM}?t={token}")
        try:
            mail.send_text(settings, account.email, TEXTS("remind_subject", "nl"), body)
        except (OSError, smtplib.SMTPException):
            failed += 1
            continue
        with database.session() as db:
            db.get(Profile, profile.id).reminded_on = today
            audit.record(db, clock(), "profile_reminded", account=account)
        sent += 1
    return Sent(sent, failed)


@routes.get(CONFIRM)
def confirm_page() -> Response:
    """The profile as it stands and one button: a mail scanner opening the link
    confirms nothing."""
    lang, token = context.lang(), request.args.get("t", "")[:500]
    with installed().database.session() as db:
        profile = _asked(db, token)
        if profile is None:
            return _refused(lang)
        facts = proposed_facts(profile, choices_in(context.graph()), lang)
    body = facts + button_form(CONFIRM, TEXTS("still_right", lang), lang, t=token)
    return page(TEXTS("still_right_title", lang), Markup(body), lang)


@routes.post(CONFIRM)
def confirm() -> Response:
    """Confirm the profile today; its facts in the graph with it, all or nothing."""
    lang, accounts = context.lang(), installed()
    with accounts.database.session() as db:
        profile = _asked(db, request.form.get("t", "")[:500])
        if profile is None:
            return _refused(lang)
        profile.confirmed_on = request_day()
        owner = db.get(Account, profile.account_id)
        if profile.listed:
            approve(context.graph().store, records.facts_of(profile, owner), f"account:{owner.id}")
            context.graph_changed()
        audit.record(db, accounts.clock(), "profile_confirmed", account=owner)
    said = TEXTS("confirmed_thanks", lang)
    return page(TEXTS("still_right_title", lang), context.notice(said), lang)


def _asked(db: Session, token: str) -> Profile | None:
    """The approved profile `token` asks about, while its confirmation is the one asked."""
    asked = Tokens(installed().settings.secret_key, SALT).read(token, request_day())
    try:
        profile = db.get(Profile, int(asked["profile"])) if asked else None
    except (KeyError, TypeError, ValueError):
        return None
    if (
        profile is None
        or profile.status != ProfileStatus.APPROVED.value
        or profile.confirmed_on is None
        or profile.confirmed_on.isoformat() != asked.get("confirmed")
    ):
        return None
    return profile


def _refused(lang: str) -> Response:
    refusal = context.notice(TEXTS("still_right_refused", lang), error=True)
    return page(TEXTS("still_right_title", lang), refusal, lang, status=400)
