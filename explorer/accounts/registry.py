"""Accounts and their roles: found or made at sign-in, roles granted and listed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from explorer.accounts import audit
from explorer.accounts.models import Account, Role
from explorer.accounts.timing import stored

__all__ = ["Identity", "InvalidAddress", "all_accounts", "grant", "normal_address", "sign_in"]

# deliberately plain: one @, a dot in the domain, no spaces or angle brackets; the real
# test of an address is that the link sent to it is followed
_ADDRESS = re.compile(r"[^@\s<>\"',;]{1,64}@[^@\s<>\"',;]+\.[^@\s<>\"',;.]+")


class InvalidAddress(ValueError):
    """Text that is no e-mail address."""


@dataclass(frozen=True)
class Identity:
    """Who a sign-in says someone is: an address, and from an institution's login the
    provider's subject, their name and their organisation (e.g. schac_home_organization)."""

    email: str
    name: str = ""
    issuer: str | None = None
    subject: str | None = None
    affiliation: str | None = None


def normal_address(text: str) -> str:
    """`text` as an address (trimmed, lower case); InvalidAddress when it is none.

    >>> normal_address("  L.deVries@Example.NL ")
    'l.devries@example.nl'
    """
    address = text.strip().lower()
    if len(address) > 254 or not _ADDRESS.fullmatch(address):
        raise InvalidAddress(text)
    return address


def sign_in(session: Session, identity: Identity, now: datetime, how: str) -> Account:
    """The account `identity` signs in to, made (as a member) when it is new."""
    account = _by_subject(session, identity) or _by_address(session, identity.email)
    if account is None:
        account = Account(email=identity.email, created_at=stored(now))
        session.add(account)
    account.last_sign_in_at = stored(now)
    account.name = identity.name or account.name
    if identity.subject is not None:
        account.oidc_issuer, account.oidc_subject = identity.issuer, identity.subject
        account.affiliation = identity.affiliation or account.affiliation
    session.flush()
    audit.record(session, now, "sign_in", account=account, detail=how)
    return account


def grant(session: Session, email: str, role: Role, now: datetime, by: str) -> Account:
    """Give the account of `email` the role `role` (making the account if need be)."""
    address = normal_address(email)
    account = _by_address(session, address)
    if account is None:
        account = Account(email=address, created_at=stored(now))
        session.add(account)
    before = account.role or Role.MEMBER.value
    account.role = role.value
    session.flush()
    audit.record(
        session, now, "role_changed", account=account, detail=f"{before} -> {role} by {by}"
    )
    return account


def all_accounts(session: Session) -> list[Account]:
    """Every account, by address."""
    return list(session.scalars(select(Account).order_by(Account.email)))


def _by_address(session: Session, email: str) -> Account | None:
    return session.scalar(select(Account).where(Account.email == email))


def _by_subject(session: Session, identity: Identity) -> Account | None:
    if identity.subject is None:
        return None
    return session.scalar(
        select(Account).where(
            Account.oidc_issuer == identity.issuer, Account.oidc_subject == identity.subject
        )
    )
