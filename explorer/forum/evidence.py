"""Answers as evidence in the graph (`graphmodel.forum`): written when a member whose
approved, listed profile is in the graph answers, withdrawn when the answer or its
question is hidden or the account is deleted."""

from __future__ import annotations

from sqlalchemy import select

from explorer.accounts.models import Account, Profile, ProfileStatus
from explorer.accounts.web import installed
from explorer.ages import request_day
from explorer.forum import context, records
from explorer.forum.models import Answer, Question
from explorer.profiles import context as profiles
from graphmodel.forum import record_answer, withdraw_answers

__all__ = ["person_of", "record", "withdraw_all_of", "withdraw_hidden"]


def withdraw_all_of(account_id: int) -> None:
    """Remove from the graph the evidence every answer of `account_id` wrote."""
    with installed().database.session() as db:
        person = person_of(db, account_id)
        answered = records.answered_by(db, account_id)
    if person and answered and withdraw_answers(context.graph().store, answered, person):
        profiles.graph_changed()


def record(db, account: Account, question: Question) -> None:
    """The answer is evidence when its author's approved profile is in the graph."""
    person = person_of(db, account.id)
    if person is None:
        return
    store = context.graph().store
    written = record_answer(
        store, person, question.topics(), question.id, request_day(), f"account:{account.id}"
    )
    if written is not None:
        profiles.graph_changed()


def person_of(db, account_id: int) -> str | None:
    """The Person node of `account_id`'s approved, listed profile, if any."""
    profile = db.scalar(
        select(Profile).where(
            Profile.account_id == account_id,
            Profile.status == ProfileStatus.APPROVED.value,
            Profile.listed.is_(True),
        )
    )
    return profile.person_id if profile is not None else None


def withdraw_hidden(db, question: Question, answer_: Answer | None) -> None:
    """Hidden: the question's evidence (every answer's), or one answer's, unless its
    author has another visible answer to the question."""
    store = context.graph().store
    if answer_ is None:
        withdraw_answers(store, [question.id])
        return
    if answer_.author_id is None:
        return
    others = db.scalars(
        select(Answer).where(
            Answer.question_id == question.id,
            Answer.author_id == answer_.author_id,
            Answer.hidden_reason.is_(None),
            Answer.id != answer_.id,
        )
    ).first()
    person = person_of(db, answer_.author_id)
    if others is None and person is not None:
        withdraw_answers(store, [question.id], person)
