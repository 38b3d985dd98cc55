"""The audit log: sign-ins, their failures, sign-outs and role changes, one row each."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from explorer.accounts.models import Account, AuditEvent
from explorer.accounts.timing import stored

__all__ = ["record"]


def record(
    session: Session,
    at: datetime,
    kind: str,
    *,
    account: Account | None = None,
    email: str | None = None,
    client: str | None = None,
    detail: str = "",
) -> None:
    """Add one audit row of `kind` (e.g. ``sign_in``, ``link_refused``, ``role_changed``)."""
    session.add(
        AuditEvent(
            at=stored(at),
            kind=kind,
            account_id=account.id if account is not None else None,
            email=email if account is None else account.email,
            client=client,
            detail=detail[:500],
        )
    )
