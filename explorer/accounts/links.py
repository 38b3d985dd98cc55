"""Sign-in links: signed, single use, valid for LINK_LIFETIME.

A link carries a random secret, signed with the server's key so that a forged link is
refused before the database is asked. The database keeps only the secret's hash, the
address it was sent to, and when it expires and was used; using it marks it used in
the same statement that checks it was not (so two clicks race to one sign-in).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from itsdangerous import BadSignature, Signer
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from explorer.accounts.models import SignInLink
from explorer.accounts.timing import stored

__all__ = ["LINK_LIFETIME", "LinkRefused", "Links"]

LINK_LIFETIME = timedelta(minutes=15)


class LinkRefused(Exception):
    """A link that does not sign anyone in; `reason` is forged, used or expired."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Links:
    """Makes and checks sign-in links with `secret_key`."""

    def __init__(self, secret_key: str) -> None:
        self.signer = Signer(secret_key, salt="verbindplaats-sign-in-link")

    def issue(self, session: Session, email: str, now: datetime) -> str:
        """A new link's token for `email`."""
        secret = secrets.token_urlsafe(32)
        session.add(
            SignInLink(
                secret_hash=_hash(secret),
                email=email,
                created_at=stored(now),
                expires_at=stored(now + LINK_LIFETIME),
            )
        )
        return self.signer.sign(secret).decode("ascii")

    def check(self, session: Session, token: str, now: datetime) -> SignInLink:
        """The link `token` stands for; LinkRefused when it is forged, used or expired."""
        try:
            secret = self.signer.unsign(token.encode("ascii", "replace")).decode("ascii")
        except BadSignature:
            raise LinkRefused("forged") from None
        link = session.scalar(select(SignInLink).where(SignInLink.secret_hash == _hash(secret)))
        if link is None:
            raise LinkRefused("forged")
        if link.used_at is not None:
            raise LinkRefused("used")
        if stored(now) >= link.expires_at:
            raise LinkRefused("expired")
        return link

    def redeem(self, session: Session, token: str, now: datetime) -> str:
        """Use the link `token` once: the address it signs in; LinkRefused otherwise."""
        link = self.check(session, token, now)
        marked = session.execute(
            update(SignInLink)
            .where(SignInLink.id == link.id, SignInLink.used_at.is_(None))
            .values(used_at=stored(now))
        )
        if marked.rowcount != 1:
            raise LinkRefused("used")
        return link.email


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()
