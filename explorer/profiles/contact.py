"""Contact through the platform, "Neem contact op": a short message relayed by e-mail.

A signed-in person writes to someone whose approved profile allows it (reachable
through the platform). The platform sends the message from its own address; the
recipient sees the writer's name, never their address, and answers through a link
(signed, valid for `REPLY_LIFETIME`). The answer goes to the writer with the
recipient's address to reply to: only by answering does the recipient show it, and the
writer's address is never shown. Nothing of a message is kept: one audit row says that
a message went, from which account to which person, without its content. Writing is
rate-limited per writer (`PER_WRITER`).

- ``/contact?naar=<person id>``: the form, and sending.
- ``/contact/antwoord?t=<token>``: the recipient's answer.

Pages that show people (Vind de juiste mensen) link to the form for those who may be
written to (`reachable_among`, `link_to`); the link carries the person's id, never an
address.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Collection
from datetime import timedelta
from urllib.parse import urlencode

from flask import Blueprint, Response, request
from markupsafe import Markup
from sqlalchemy import select

from explorer.accounts import audit, mail
from explorer.accounts.limits import Limit
from explorer.accounts.models import Account, Profile, ProfileStatus
from explorer.accounts.pages import hidden_fields, page
from explorer.accounts.web import current_account, installed
from explorer.ages import request_day
from explorer.profiles import context
from explorer.profiles.form import FieldReader
from explorer.profiles.texts import TEXTS
from explorer.profiles.tokens import Tokens

__all__ = [
    "CONTACT",
    "PER_WRITER",
    "REPLY",
    "REPLY_LIFETIME",
    "link_to",
    "reachable_among",
    "routes",
]

CONTACT = "/contact"
REPLY = "/contact/antwoord"
REPLY_LIFETIME = timedelta(days=30)
PER_WRITER = Limit("contact", 5, timedelta(days=1))
MAX_MESSAGE = 1000  # a short message: who you are and why you write

log = logging.getLogger("explorer.profiles")
routes = Blueprint("contact", __name__)


@routes.get(CONTACT)
def contact_form() -> Response:
    lang = context.lang()
    found = _reachable(request.args.get("naar", ""))
    if found is None:
        return _said(lang, TEXTS("contact_unknown", lang), 404)
    if current_account() is None:
        return _said(lang, TEXTS("contact_sign_in", lang), 401)
    title = TEXTS("contact_title", lang, name=found[0].name)
    return page(title, _form(CONTACT, lang, naar=found[0].person_id), lang)


@routes.post(CONTACT)
def send() -> Response:
    lang, writer, accounts = context.lang(), current_account(), installed()
    found = _reachable(request.form.get("naar", ""))
    if found is None:
        return _said(lang, TEXTS("contact_unknown", lang), 404)
    if writer is None:
        return _said(lang, TEXTS("contact_sign_in", lang), 401)
    profile, recipient = found
    read = FieldReader(request.form, {}, lang)
    message = read.text("message", required=True, lines=True, limit=MAX_MESSAGE)
    if read.problems:
        return _said(lang, read.problems["message"], 400)
    now = accounts.clock()
    with accounts.database.session() as db:
        allowed = PER_WRITER.allows(db, str(writer.id), now)
        detail = f"to {profile.person_id}" if allowed else f"refused to {profile.person_id}"
        audit.record(db, now, "contact_relayed", account=writer, detail=detail)
    if not allowed:
        return _said(lang, TEXTS("contact_too_many", lang), 429)
    ends = {"from": writer.id, "to": profile.person_id}
    token = _tokens().make(ends, until=request_day() + REPLY_LIFETIME)
    link = f"{_base()}{REPLY}?t={token}" + ("&lang=en" if lang == "en" else "")
    name = _name_of(writer, lang)
    body = TEXTS("contact_mail", lang, name=name, message=message, link=link)
    return _mailed(recipient.email, TEXTS("contact_subject", lang), body, lang)


@routes.get(REPLY)
def reply_form() -> Response:
    lang = context.lang()
    token = request.args.get("t", "")[:500]
    if _reply_of(token) is None:
        return _said(lang, TEXTS("contact_link_refused", lang), 400)
    return page(TEXTS("reply_title", lang), _form(REPLY, lang, t=token), lang)


@routes.post(REPLY)
def reply() -> Response:
    lang, accounts = context.lang(), installed()
    ends = _reply_of(request.form.get("t", "")[:500])
    if ends is None:
        return _said(lang, TEXTS("contact_link_refused", lang), 400)
    read = FieldReader(request.form, {}, lang)
    message = read.text("message", required=True, lines=True, limit=MAX_MESSAGE)
    if read.problems:
        return _said(lang, read.problems["message"], 400)
    writer_id, person = ends
    with accounts.database.session() as db:
        writer = db.get(Account, writer_id)
        found = _reachable(person)
        if writer is None or found is None:
            return _said(lang, TEXTS("contact_link_refused", lang), 400)
        audit.record(db, accounts.clock(), "contact_answered", detail=f"from {person}")
    profile, recipient = found
    body = TEXTS("reply_mail", lang, name=profile.name, message=message, email=recipient.email)
    return _mailed(writer.email, TEXTS("reply_subject", lang, name=profile.name), body, lang)


def reachable_among(person_ids: Collection[str]) -> set[str]:
    """Which of `person_ids` may be written to through the platform: an approved profile
    that allows it. None of them when the explorer has no accounts."""
    accounts = installed()
    if accounts is None or not person_ids:
        return set()
    with accounts.database.session() as db:
        found = db.scalars(
            select(Profile.person_id).where(
                Profile.person_id.in_(list(person_ids)),
                Profile.status == ProfileStatus.APPROVED.value,
                Profile.reachable.is_(True),
            )
        )
        return set(found)


def link_to(person_id: str, lang: str) -> str:
    """The address of the form to write to `person_id`, in `lang`.

    >>> link_to("person:profiel-7", "en")
    '/contact?naar=person%3Aprofiel-7&lang=en'
    """
    return f"{CONTACT}?{urlencode({'naar': person_id, **({'lang': 'en'} if lang == 'en' else {})})}"


def _reachable(person: str) -> tuple[Profile, Account] | None:
    """The approved profile of `person` that may be written to, and its account."""
    with installed().database.session() as db:
        row = db.execute(
            select(Profile, Account)
            .join(Account, Account.id == Profile.account_id)
            .where(
                Profile.person_id == person[:120],
                Profile.status == ProfileStatus.APPROVED.value,
                Profile.reachable.is_(True),
            )
        ).first()
    return (row[0], row[1]) if row is not None else None


def _name_of(writer: Account, lang: str) -> str:
    """How the writer is named to the recipient: their profile's name, else the name
    their institution gave; never their address (an e-mail sign-in knows no name)."""
    with installed().database.session() as db:
        profile = db.scalar(select(Profile).where(Profile.account_id == writer.id))
    return (profile.name if profile else "") or writer.name or TEXTS("someone", lang)


def _reply_of(token: str) -> tuple[int, str] | None:
    ends = _tokens().read(token, request_day())
    try:
        return (int(ends["from"]), str(ends["to"])) if ends else None
    except (KeyError, TypeError, ValueError):
        return None


def _tokens() -> Tokens:
    return Tokens(installed().settings.secret_key, "verbindplaats-contact")


def _base() -> str:
    return (installed().settings.public_url or request.host_url).rstrip("/")


def _mailed(to: str, subject: str, body: str, lang: str) -> Response:
    try:
        mail.send_text(installed().settings, to, subject, body)
    except (OSError, smtplib.SMTPException):
        log.exception("relaying a message failed")
        return _said(lang, TEXTS("contact_failed", lang), 503)
    return _said(lang, TEXTS("contact_sent", lang))


def _form(action: str, lang: str, **fields: str) -> Markup:
    return Markup(
        '<form method="post" action="{action}">{hidden}'
        '<p><label for="message">{label}</label><br>'
        '<textarea id="message" name="message" maxlength="1000" rows="6" required></textarea></p>'
        '<p>{privacy}</p><p><button class="button" id="contact-send" type="submit">{send}'
        "</button></p></form>"
    ).format(
        action=action,
        hidden=hidden_fields(lang, **fields),
        label=TEXTS("contact_message", lang),
        privacy=TEXTS("contact_privacy", lang),
        send=TEXTS("contact_send", lang),
    )


def _said(lang: str, text: str, status: int = 200) -> Response:
    return page(TEXTS("contact", lang), context.notice(text, error=status != 200), lang, status)
