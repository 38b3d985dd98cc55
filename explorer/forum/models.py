"""The forum's tables in the operational database (beside the accounts' ones, on the
same `Base`; migration 0004 makes them).

A question's topics are kept ``;``-wrapped (``;topic:a;topic:b;``) so that one LIKE
finds a topic on both databases; a deleted account's posts stay with no author
(``author_id`` NULL), shown as "verwijderd account".
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from explorer.accounts.models import Base

__all__ = [
    "Answer",
    "Attachment",
    "Delivery",
    "Notice",
    "Question",
    "Report",
    "Subscription",
]


class Delivery(enum.StrEnum):
    """How an opted-in member hears of questions on their topics."""

    AT_ONCE = "at_once"
    WEEKLY = "weekly"


class Question(Base):
    """A member's question, tagged with topics, a region and a sector."""

    __tablename__ = "forum_questions"
    __table_args__ = (Index("ix_forum_questions_created", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)  # Markdown as written; shown sanitised
    topic_ids: Mapped[str] = mapped_column(Text, default="")
    region_id: Mapped[str | None] = mapped_column(String(120))
    sector: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime]
    hidden_reason: Mapped[str | None] = mapped_column(String(1000))  # a curator's

    def topics(self) -> tuple[str, ...]:
        return tuple(part for part in self.topic_ids.split(";") if part)


class Answer(Base):
    """A member's answer to a question; the asker may mark that it helped."""

    __tablename__ = "forum_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("forum_questions.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    helped: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    hidden_reason: Mapped[str | None] = mapped_column(String(1000))
    # a resource, event or group of the graph the answer points to (`Choices.linkable`)
    linked_id: Mapped[str | None] = mapped_column(String(200))


class Attachment(Base):
    """A file attached to an answer: its bytes live in the instance folder under
    `stored_as` (a random name), never under a name the uploader chose."""

    __tablename__ = "forum_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(
        ForeignKey("forum_answers.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(200))  # shown, cleaned
    kind: Mapped[str] = mapped_column(String(8))  # pdf, docx, pptx, xlsx: found by content
    size: Mapped[int]
    stored_as: Mapped[str] = mapped_column(String(64), unique=True)


class Report(Base):
    """A member reports a post (a question or an answer) to the curators."""

    __tablename__ = "forum_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("forum_questions.id", ondelete="CASCADE"))
    answer_id: Mapped[int | None] = mapped_column(
        ForeignKey("forum_answers.id", ondelete="CASCADE")
    )
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(1000))
    created_at: Mapped[datetime]
    handled_at: Mapped[datetime | None]


class Subscription(Base):
    """A member's opt-in: "vragen over mijn onderwerpen", at once or weekly."""

    __tablename__ = "forum_subscriptions"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    delivery: Mapped[str] = mapped_column(String(16), default=Delivery.AT_ONCE.value)


class Notice(Base):
    """A question waiting for a member's weekly digest."""

    __tablename__ = "forum_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(ForeignKey("forum_questions.id", ondelete="CASCADE"))
    sent_at: Mapped[datetime | None]
