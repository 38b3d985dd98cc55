"""Questions reach the people who can answer them.

On posting, every member whose approved profile works on one of the question's topics
(and, when the question names a region, works in it, in a region inside it or in one
it lies in) and who opted in to "vragen over mijn onderwerpen" (`Subscription`) hears
of it: at once by e-mail, or in the weekly digest (`send_digest`, run weekly by
``verbindplaats forum digest``). A mail that cannot go now waits for the digest.
Each mail carries a one-click unsubscribe link (signed, valid for `UNSUBSCRIBE_LIFETIME`).
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from explorer.accounts import mail
from explorer.accounts.database import Database
from explorer.accounts.models import Account, Profile, ProfileStatus
from explorer.accounts.settings import Settings
from explorer.accounts.timing import stored
from explorer.forum import context, regions
from explorer.forum.models import Delivery, Notice, Question, Subscription
from explorer.forum.texts import TEXTS
from explorer.profiles.tokens import Tokens
from graphmodel.graph import Graph

__all__ = [
    "UNSUBSCRIBE",
    "UNSUBSCRIBE_LIFETIME",
    "Sent",
    "interested",
    "queue",
    "send_at_once",
    "send_digest",
    "unsubscribed_account",
]

UNSUBSCRIBE = "/forum/afmelden"
UNSUBSCRIBE_LIFETIME = timedelta(days=365)
SALT = "verbindplaats-forum-afmelden"

log = logging.getLogger("explorer.forum")


@dataclass(frozen=True)
class Sent:
    """What a run of `send_digest` did."""

    sent: int
    failed: int


def interested(
    session: Session, graph: Graph, question: Question, asker: int | None
) -> list[tuple[Account, str]]:
    """The opted-in members (besides the asker) whose approved profile matches
    `question`, with how each wants to hear of it."""
    wanted = set(question.topics())
    rows = session.execute(
        select(Account, Profile, Subscription)
        .join(Profile, Profile.account_id == Account.id)
        .join(Subscription, Subscription.account_id == Account.id)
        .where(Profile.status == ProfileStatus.APPROVED.value)
        .order_by(Account.id)
    )
    asked = question.region_id
    return [
        (account, subscription.delivery)
        for account, profile, subscription in rows
        if account.id != asker
        and wanted & set(profile.topics())
        and (
            asked is None
            or (profile.region_id and regions.overlap(graph, profile.region_id, asked))
        )
    ]


def queue(
    session: Session, graph: Graph, question: Question, asker: int
) -> tuple[list[Account], int]:
    """Note `question` (posted by `asker`) for the digest of the interested members who
    chose it; those who want it at once, to mail after the question is committed
    (`send_at_once`), and how many were reached in all."""
    reached = interested(session, graph, question, asker)
    for account, delivery in reached:
        if delivery != Delivery.AT_ONCE.value:
            session.add(Notice(account_id=account.id, question_id=question.id))
    return [a for a, delivery in reached if delivery == Delivery.AT_ONCE.value], len(reached)


def send_at_once(
    settings: Settings,
    database: Database,
    question: Question,
    members: list[Account],
    base: str,
    today: date,
) -> None:
    """Mail `question` to each of `members`; one whose mail cannot go now gets it in
    the next digest."""
    failed = [m for m in members if not _mail_one(settings, m, question, base, today)]
    if failed:
        with database.session() as db:
            db.add_all(Notice(account_id=m.id, question_id=question.id) for m in failed)


def send_digest(settings: Settings, database: Database, today: date, now: datetime) -> Sent:
    """Mail each member the questions waiting for them in one message; mark them sent.
    A mail that cannot go now is left waiting for the next run."""
    with database.session() as db:
        waiting = db.execute(
            select(Notice, Question, Account)
            .join(Question, Question.id == Notice.question_id)
            .join(Account, Account.id == Notice.account_id)
            .where(Notice.sent_at.is_(None))
            .order_by(Notice.account_id, Notice.question_id)
        ).all()
        subscribed = set(db.scalars(select(Subscription.account_id)))
    per_account: dict[int, tuple[Account, list[tuple[int, Question]]]] = {}
    for notice, question, account in waiting:
        per_account.setdefault(account.id, (account, []))[1].append((notice.id, question))
    sent = failed = 0
    base = (settings.public_url or "").rstrip("/")
    for account, items in per_account.values():
        visible = [q for _, q in items if q.hidden_reason is None]
        notices = [n for n, _ in items]
        if account.id in subscribed and visible:
            try:
                _mail_digest(settings, account, visible, base, today)
            except (OSError, smtplib.SMTPException):
                log.exception("sending a forum digest failed")
                failed += 1
                continue
            sent += 1
        with database.session() as db:
            for notice in db.scalars(select(Notice).where(Notice.id.in_(notices))):
                notice.sent_at = stored(now)
    return Sent(sent, failed)


def unsubscribed_account(session: Session, secret: str, token: str, today: date) -> int | None:
    """Follow an unsubscribe link: the account it names no longer hears of questions
    (its subscription and waiting notices go). The account's id, or None for a link
    that is forged, malformed or expired."""
    found = _tokens(secret).read(token, today)
    try:
        account = int(found["account"]) if found else None
    except (KeyError, TypeError, ValueError):
        return None
    if account is None:
        return None
    session.execute(delete(Subscription).where(Subscription.account_id == account))
    session.execute(delete(Notice).where(Notice.account_id == account, Notice.sent_at.is_(None)))
    return account


def unsubscribe_link(secret: str, base: str, account: int, today: date) -> str:
    token = _tokens(secret).make({"account": account}, until=today + UNSUBSCRIBE_LIFETIME)
    return f"{base}{UNSUBSCRIBE}?t={token}"


def _mail_one(
    settings: Settings, account: Account, question: Question, base: str, today: date
) -> bool:
    leave = unsubscribe_link(settings.secret_key, base, account.id, today)
    body = TEXTS(
        "mail_body",
        "nl",
        title=question.title,
        url=base + context.PERMALINK.format(id=question.id),
        unsubscribe=leave,
    )
    subject = TEXTS("mail_subject", "nl", title=question.title)
    try:
        mail.send_text(settings, account.email, subject, body, unsubscribe=leave)
    except (OSError, smtplib.SMTPException):
        log.exception("alerting a member of a question failed; it waits for the digest")
        return False
    return True


def _mail_digest(
    settings: Settings, account: Account, questions: list[Question], base: str, today: date
) -> None:
    listed = "\n".join(
        f"- {q.title}\n  {base}{context.PERMALINK.format(id=q.id)}" for q in questions
    )
    leave = unsubscribe_link(settings.secret_key, base, account.id, today)
    body = TEXTS("digest_body", "nl", questions=listed, unsubscribe=leave)
    subject = TEXTS("digest_subject", "nl", n=len(questions))
    mail.send_text(settings, account.email, subject, body, unsubscribe=leave)


def _tokens(secret: str) -> Tokens:
    return Tokens(secret, SALT)
