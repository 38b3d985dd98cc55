"""The forum in the operational database: questions, answers, reports, found again.

Every function takes the session of one transaction: what it does is committed with the
rest of that request's work, or not at all.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from explorer.accounts.models import Account, Profile, ProfileStatus
from explorer.accounts.timing import stored
from explorer.forum.models import Answer, Attachment, Notice, Question, Report, Subscription
from explorer.profiles.records import as_data

__all__ = [
    "Found",
    "Thread",
    "answered_by",
    "author_names",
    "find",
    "new_answer",
    "new_question",
    "open_reports",
    "thread",
]

FOUND_LIMIT = 50


@dataclass(frozen=True)
class Thread:
    """A question with its answers (oldest first) and each answer's attachments."""

    question: Question
    answers: list[Answer]
    attachments: dict[int, list[Attachment]]


@dataclass(frozen=True)
class Found:
    """A question found, with how many answers it has."""

    question: Question
    answers: int


def new_question(
    session: Session,
    author: Account,
    title: str,
    body: str,
    topics: Collection[str],
    region: str | None,
    sector: str | None,
    now: datetime,
) -> Question:
    """Keep a question of `author`, tagged; its id is known on return."""
    question = Question(
        author_id=author.id,
        title=title,
        body=body,
        topic_ids=_wrapped(topics),
        region_id=region,
        sector=sector,
        created_at=stored(now),
    )
    session.add(question)
    session.flush()
    return question


def new_answer(
    session: Session,
    question: Question,
    author: Account,
    body: str,
    now: datetime,
    linked: str | None = None,
) -> Answer:
    """Keep an answer of `author` to `question`, pointing to the graph's node `linked`
    (checked by the caller); its id is known on return."""
    answer = Answer(
        question_id=question.id,
        author_id=author.id,
        body=body,
        created_at=stored(now),
        linked_id=linked,
    )
    session.add(answer)
    session.flush()
    return answer


def thread(session: Session, question_id: int) -> Thread | None:
    """The question `question_id` with its answers, or None."""
    question = session.get(Question, question_id)
    if question is None:
        return None
    answers = list(
        session.scalars(select(Answer).where(Answer.question_id == question_id).order_by(Answer.id))
    )
    attachments: dict[int, list[Attachment]] = {}
    for attachment in session.scalars(
        select(Attachment)
        .where(Attachment.answer_id.in_([a.id for a in answers]))
        .order_by(Attachment.id)
    ):
        attachments.setdefault(attachment.answer_id, []).append(attachment)
    return Thread(question, answers, attachments)


def author_names(session: Session, account_ids: Collection[int | None]) -> dict[int, str]:
    """How each author is shown: their approved profile's name, else the name their
    institution gave, else "" (never their address)."""
    wanted = {i for i in account_ids if i is not None}
    if not wanted:
        return {}
    names = {a.id: a.name for a in session.scalars(select(Account).where(Account.id.in_(wanted)))}
    for profile in session.scalars(
        select(Profile).where(
            Profile.account_id.in_(wanted), Profile.status == ProfileStatus.APPROVED.value
        )
    ):
        names[profile.account_id] = profile.name
    return names


def find(
    session: Session,
    topic: str | None = None,
    regions: Collection[str] | None = None,
    sector: str | None = None,
    words: str = "",
    limit: int = FOUND_LIMIT,
) -> list[Found]:
    """The visible questions on `topic`, in one of `regions`, for `sector`, holding
    `words` in their title or text (each word, in any case; LIKE's wildcards in them are
    taken literally), newest first."""
    answers = (
        select(func.count())
        .select_from(Answer)
        .where(Answer.question_id == Question.id, Answer.hidden_reason.is_(None))
        .scalar_subquery()
    )
    query = select(Question, answers).where(Question.hidden_reason.is_(None))
    if topic:
        query = query.where(Question.topic_ids.contains(f";{topic};", autoescape=True))
    if regions is not None:
        query = query.where(Question.region_id.in_(list(regions)))
    if sector:
        query = query.where(Question.sector == sector)
    for word in words.lower().split()[:10]:
        query = query.where(
            func.lower(Question.title).contains(word, autoescape=True)
            | func.lower(Question.body).contains(word, autoescape=True)
        )
    rows = session.execute(query.order_by(Question.id.desc()).limit(limit))
    return [Found(question, count) for question, count in rows]


def answered_by(session: Session, account_id: int) -> list[int]:
    """The questions `account_id` answered."""
    found = session.scalars(
        select(Answer.question_id).where(Answer.author_id == account_id).distinct()
    )
    return sorted(found)


def open_reports(session: Session) -> list[Report]:
    """The reports no curator has handled yet, the oldest first."""
    return list(
        session.scalars(select(Report).where(Report.handled_at.is_(None)).order_by(Report.id))
    )


def _wrapped(ids: Collection[str]) -> str:
    """Ids kept so that one LIKE finds each: ``;a;b;``."""
    return f";{';'.join(ids)};" if ids else ""


def held_about(session: Session, account: Account) -> dict[str, object]:
    """What the forum holds about `account`, for the person's own download: the questions
    and answers they wrote (with their files' names), the posts they reported, their
    choice of alerts and the alerts waiting for them."""
    mine = Answer.author_id == account.id
    files = select(Attachment).join(Answer, Attachment.answer_id == Answer.id).where(mine)
    return {
        "forum_questions": _rows(session, select(Question).where(Question.author_id == account.id)),
        "forum_answers": _rows(session, select(Answer).where(mine)),
        "forum_attachments": _rows(session, files),
        "forum_reports": _rows(session, select(Report).where(Report.reporter_id == account.id)),
        "forum_alerts": _rows(
            session, select(Subscription).where(Subscription.account_id == account.id)
        ),
        "forum_notices": _rows(session, select(Notice).where(Notice.account_id == account.id)),
    }


def _rows(session: Session, query: Select) -> list[dict[str, object]]:
    return [as_data(row) for row in session.scalars(query)]
