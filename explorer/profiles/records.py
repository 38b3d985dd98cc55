"""Profiles in the operational database: kept, sent for review, decided, handed over,
deleted.

Every function takes the session of one transaction: what it does is committed with
the rest of that request's work, or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from urllib.parse import urlsplit

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from explorer.accounts import audit
from explorer.accounts.models import (
    Account,
    Attempt,
    AuditEvent,
    Objection,
    Profile,
    ProfileStatus,
    SignInLink,
)
from explorer.accounts.timing import stored
from explorer.profiles.form import ProfileInput
from graphmodel.model import Node
from graphmodel.profiles import ProfileFacts, person_id_for

__all__ = [
    "affiliation_confirms",
    "claimed_by_another",
    "decide",
    "everything_about",
    "facts_of",
    "forget_account",
    "pending",
    "profile_of",
    "submit",
]


def profile_of(session: Session, account: Account) -> Profile | None:
    """The profile of `account`, if it has one."""
    return session.scalar(select(Profile).where(Profile.account_id == account.id))


def affiliation_confirms(affiliation: str | None, organisation: Node | None) -> bool:
    """Whether the organisation an institution's login asserts (its domain, as
    SURFconext's ``schac_home_organization``) is `organisation`: its website lies in
    that domain.

    >>> org = Node("org:hva", "Organisation", {"website": "https://www.hva.nl/"})
    >>> affiliation_confirms("hva.nl", org), affiliation_confirms("uva.nl", org)
    (True, False)
    """
    if not affiliation or organisation is None:
        return False
    host = (urlsplit(str(organisation.get("website") or "")).hostname or "").lower()
    domain = affiliation.strip().lower()
    return bool(host) and (host == domain or host.endswith("." + domain))


def submit(
    session: Session,
    account: Account,
    answers: ProfileInput,
    organisation: Node | None,
    now: datetime,
    day: date,
    claimed_organisations: Sequence[Node] = (),
) -> Profile:
    """Keep `answers` as the profile of `account`, waiting for a curator; the person
    confirms them on `day` (their ``verified`` date once approved).

    A claim (`answers.claim`) is confirmed at once, and the profile then describes the
    claimed node, when the institution's login matches one of the organisations the
    node is affiliated with (`claimed_organisations`); otherwise a curator's approval
    confirms it (`decide`)."""
    profile = profile_of(session, account)
    if profile is None:
        profile = Profile(account_id=account.id, person_id=person_id_for(account.id))
        session.add(profile)
    profile.name = answers.name
    profile.job_title = answers.job_title
    profile.organisation_id = answers.organisation
    profile.organisation_confirmed = affiliation_confirms(account.affiliation, organisation)
    profile.claimed_id = answers.claim
    profile.claim_confirmed = answers.claim is not None and any(
        affiliation_confirms(account.affiliation, org) for org in claimed_organisations
    )
    if profile.claim_confirmed or answers.claim is None:
        profile.person_id = answers.claim or person_id_for(account.id)
    profile.topic_ids = ";".join(answers.topics)
    profile.proposed_topic = answers.proposed_topic
    profile.region_id = answers.region
    profile.sectors = ";".join(answers.sectors)
    profile.group_ids = ";".join(answers.groups)
    profile.website = answers.website
    profile.listed = answers.listed
    profile.reachable = answers.reachable
    profile.email_shown = answers.email_shown
    profile.status = ProfileStatus.PENDING.value
    profile.reason = ""
    profile.confirmed_on = day
    profile.submitted_at = stored(now)
    session.flush()
    audit.record(session, now, "profile_submitted", account=account)
    return profile


def pending(session: Session) -> list[tuple[Profile, Account]]:
    """The profiles waiting for a curator, the longest waiting first."""
    rows = session.execute(
        select(Profile, Account)
        .join(Account, Account.id == Profile.account_id)
        .where(Profile.status == ProfileStatus.PENDING.value)
        .order_by(Profile.submitted_at, Profile.id)
    )
    return [(profile, account) for profile, account in rows]


def facts_of(profile: Profile, account: Account) -> ProfileFacts:
    """What an approved `profile` writes into the graph."""
    assert profile.confirmed_on is not None  # a pending profile was confirmed
    return ProfileFacts(
        account=account.id,
        person=profile.person_id,
        name=profile.name,
        confirmed=profile.confirmed_on,
        job_title=profile.job_title,
        organisation=profile.organisation_id,
        topics=profile.topics(),
        region=profile.region_id,
        groups=profile.groups(),
        website=profile.website,
        email=account.email if profile.email_shown else "",
        proposed_topic=profile.proposed_topic,
    )


def decide(
    session: Session,
    profile: Profile,
    curator: Account,
    approved: bool,
    reason: str,
    now: datetime,
) -> None:
    """Mark `profile` approved or rejected by `curator`, with the `reason` its owner sees;
    an approved claim makes the profile describe the claimed node."""
    if approved and profile.claimed_id:
        profile.person_id = profile.claimed_id
    profile.status = (ProfileStatus.APPROVED if approved else ProfileStatus.REJECTED).value
    profile.reason = reason
    profile.decided_at = stored(now)
    profile.decided_by = curator.id
    kind = "profile_approved" if approved else "profile_rejected"
    audit.record(session, now, kind, account=curator, detail=f"profile {profile.id}")


def claimed_by_another(session: Session, person: str, account: Account) -> bool:
    """Whether a profile of another account claims (or describes) `person`, unless a
    curator rejected it."""
    found = session.scalar(
        select(Profile.id).where(
            Profile.account_id != account.id,
            or_(Profile.claimed_id == person, Profile.person_id == person),
            Profile.status != ProfileStatus.REJECTED.value,
        )
    )
    return found is not None


def everything_about(session: Session, account: Account) -> dict[str, object]:
    """All the operational database holds about `account`, as plain data for JSON: the
    account, its profile, the objections sent from its address and the audit rows."""
    profile = profile_of(session, account)
    events = session.scalars(
        select(AuditEvent)
        .where(or_(AuditEvent.account_id == account.id, AuditEvent.email == account.email))
        .order_by(AuditEvent.id)
    )
    objections = session.scalars(select(Objection).where(Objection.email == account.email))
    return {
        "account": as_data(account),
        "profile": as_data(profile) if profile is not None else None,
        "objections": [as_data(objection) for objection in objections],
        "audit_events": [as_data(event) for event in events],
    }


def forget_account(session: Session, account: Account, now: datetime) -> None:
    """Delete `account`, its profile and every row naming its address; the audit log
    keeps that an account was deleted, without who."""
    email = account.email
    session.execute(
        update(AuditEvent)
        .where(or_(AuditEvent.account_id == account.id, AuditEvent.email == email))
        .values(account_id=None, email=None, detail="")
    )
    session.execute(delete(SignInLink).where(SignInLink.email == email))
    session.execute(delete(Attempt).where(Attempt.bucket == f"address:{email}"[:100]))
    session.execute(delete(Profile).where(Profile.account_id == account.id))
    session.execute(delete(Account).where(Account.id == account.id))
    audit.record(session, now, "account_deleted")


def as_data(row: object) -> dict[str, object]:
    """A database row as plain data for JSON (days and times as ISO text), without the
    session generation (a secret of the sign-in)."""
    table = row.__table__  # type: ignore[attr-defined]
    return {
        column.name: _plain(getattr(row, column.key))
        for column in table.columns
        if column.name not in ("session_generation",)
    }


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date | datetime) else value
