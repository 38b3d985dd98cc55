"""The forum: questions, answers, attachments, reports, the opt-in to hear of questions
on one's topics and the notices waiting for a weekly digest.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _account(name: str, nullable: bool, ondelete: str) -> sa.Column:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey("accounts.id", ondelete=ondelete), nullable=nullable
    )


def upgrade() -> None:
    op.create_table(
        "forum_questions",
        sa.Column("id", sa.Integer(), primary_key=True),
        _account("author_id", True, "SET NULL"),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("topic_ids", sa.Text(), nullable=False),
        sa.Column("region_id", sa.String(120), nullable=True),
        sa.Column("sector", sa.String(20), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("hidden_reason", sa.String(1000), nullable=True),
    )
    op.create_index("ix_forum_questions_created", "forum_questions", ["created_at"])
    op.create_table(
        "forum_answers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "question_id",
            sa.Integer(),
            sa.ForeignKey("forum_questions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        _account("author_id", True, "SET NULL"),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("helped", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("hidden_reason", sa.String(1000), nullable=True),
        sa.Column("linked_id", sa.String(200), nullable=True),
    )
    op.create_index("ix_forum_answers_question_id", "forum_answers", ["question_id"])
    op.create_table(
        "forum_attachments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "answer_id",
            sa.Integer(),
            sa.ForeignKey("forum_answers.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("stored_as", sa.String(64), nullable=False, unique=True),
    )
    op.create_index("ix_forum_attachments_answer_id", "forum_attachments", ["answer_id"])
    op.create_table(
        "forum_reports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "question_id",
            sa.Integer(),
            sa.ForeignKey("forum_questions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "answer_id",
            sa.Integer(),
            sa.ForeignKey("forum_answers.id", ondelete="CASCADE"),
            nullable=True,
        ),
        _account("reporter_id", True, "SET NULL"),
        sa.Column("reason", sa.String(1000), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("handled_at", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "forum_subscriptions",
        sa.Column(
            "account_id",
            sa.Integer(),
            sa.ForeignKey("accounts.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("delivery", sa.String(16), nullable=False),
    )
    op.create_table(
        "forum_notices",
        sa.Column("id", sa.Integer(), primary_key=True),
        _account("account_id", False, "CASCADE"),
        sa.Column(
            "question_id",
            sa.Integer(),
            sa.ForeignKey("forum_questions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_forum_notices_account_id", "forum_notices", ["account_id"])


def downgrade() -> None:
    for table in (
        "forum_notices",
        "forum_subscriptions",
        "forum_reports",
        "forum_attachments",
        "forum_answers",
        "forum_questions",
    ):
        op.drop_table(table)
