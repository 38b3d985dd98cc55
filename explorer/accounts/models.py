"""The operational database's tables (SQLAlchemy 2 declarative models).

Times are stored as naive UTC: SQLite keeps no time zone, and one convention on both
databases keeps comparisons simple. The migrations in `migrations/versions` create the
same tables; tests/accounts/test_database.py checks that they agree.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Account",
    "Attempt",
    "AuditEvent",
    "Base",
    "Objection",
    "Profile",
    "ProfileStatus",
    "Role",
    "SignInLink",
]


class Base(DeclarativeBase):
    pass


class Role(enum.StrEnum):
    """What an account may do: every signed-in person is a member; curators review and
    apply changes; admins manage curators."""

    MEMBER = "member"
    CURATOR = "curator"
    ADMIN = "admin"


class Account(Base):
    """A person who signed in at least once (or was made curator from the command line)."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(16), default=Role.MEMBER.value)
    # the institution's login: who the provider says this is, and where they work
    oidc_issuer: Mapped[str | None] = mapped_column(String(300))
    oidc_subject: Mapped[str | None] = mapped_column(String(300))
    affiliation: Mapped[str | None] = mapped_column(String(300))
    # raised by "sign out everywhere": sessions that carry an older number are void
    session_generation: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
    last_sign_in_at: Mapped[datetime | None]

    def display_name(self) -> str:
        return self.name or self.email


class SignInLink(Base):
    """A sign-in link sent by e-mail: only the hash of its secret is kept."""

    __tablename__ = "sign_in_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class Attempt(Base):
    """One sign-in attempt counted against a limit (per address, per client)."""

    __tablename__ = "attempts"
    __table_args__ = (Index("ix_attempts_bucket_at", "bucket", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bucket: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime]


class AuditEvent(Base):
    """Something done that an admin may need to trace: sign-ins, failures, role changes."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(40), index=True)
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    email: Mapped[str | None] = mapped_column(String(254))
    client: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(String(500), default="")


class ProfileStatus(enum.StrEnum):
    """Where a profile is: being written, waiting for a curator, or decided."""

    DRAFT = "draft"
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Profile(Base):
    """What a person says about themselves, and their consent: pending here until a
    curator approves it; only then do its facts go to the graph (graphmodel.profiles).

    Lists of graph ids (topics, groups) and sectors are kept ``;``-separated, as the
    curated tables keep them.
    """

    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), unique=True
    )
    person_id: Mapped[str] = mapped_column(String(120))  # the Person node it describes
    # a Person node from a public source the person says is them; it becomes person_id
    # when the institution's login confirms it (claim_confirmed) or a curator approves
    claimed_id: Mapped[str | None] = mapped_column(String(120))
    claim_confirmed: Mapped[bool] = mapped_column(default=False)
    name: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str] = mapped_column(String(200), default="")
    organisation_id: Mapped[str | None] = mapped_column(String(120))
    # the institution's login said the person works there
    organisation_confirmed: Mapped[bool] = mapped_column(default=False)
    topic_ids: Mapped[str] = mapped_column(Text, default="")
    proposed_topic: Mapped[str] = mapped_column(String(120), default="")
    region_id: Mapped[str | None] = mapped_column(String(120))
    sectors: Mapped[str] = mapped_column(String(60), default="")
    group_ids: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(500), default="")
    # consent: in the public graph at all; contact through the platform; address shown
    listed: Mapped[bool] = mapped_column(default=False)
    reachable: Mapped[bool] = mapped_column(default=False)
    email_shown: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(16), default=ProfileStatus.DRAFT.value)
    reason: Mapped[str] = mapped_column(String(1000), default="")  # a curator's, shown
    confirmed_on: Mapped[date | None]  # the day the person confirmed: verified
    reminded_on: Mapped[date | None]  # the day the yearly "klopt nog" was last sent
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))

    def topics(self) -> tuple[str, ...]:
        return _split(self.topic_ids)

    def groups(self) -> tuple[str, ...]:
        return _split(self.group_ids)


class Objection(Base):
    """Someone named from public sources asks to be removed ("bezwaar / verwijder mij"),
    or reduced to what the public source states; a curator decides. Once decided, the
    objector's name, address and message are blanked: the decision stays, not who."""

    __tablename__ = "objections"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[str] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    wish: Mapped[str] = mapped_column(String(16))  # "remove" or "reduce"
    message: Mapped[str] = mapped_column(String(2000), default="")
    status: Mapped[str] = mapped_column(String(16), default=ProfileStatus.PENDING.value)
    reason: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))


def _split(text: str) -> tuple[str, ...]:
    return tuple(part for part in text.split(";") if part)
