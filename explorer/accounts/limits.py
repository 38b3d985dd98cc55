"""Rate limits on sign-in, counted in the operational database.

The attempts are rows in the database every worker process and every app instance
shares, so a limit holds across all of them, with no extra server (Flask-Limiter's
shared storages are Redis, Memcached or MongoDB). An attempt is added before it is
counted, so that two processes racing each see the other's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from explorer.accounts.models import Attempt
from explorer.accounts.timing import stored

__all__ = ["PER_ADDRESS", "PER_CLIENT", "Limit"]


@dataclass(frozen=True)
class Limit:
    """At most `count` attempts per `window` for one key (an address, a client)."""

    name: str
    count: int
    window: timedelta

    def allows(self, session: Session, key: str, now: datetime) -> bool:
        """Count this attempt for `key`; False when it goes over the limit."""
        bucket = f"{self.name}:{key}"[:100]
        since = stored(now - self.window)
        session.execute(delete(Attempt).where(Attempt.bucket == bucket, Attempt.at < since))
        session.add(Attempt(bucket=bucket, at=stored(now)))
        session.flush()
        made = session.scalar(
            select(func.count()).select_from(Attempt).where(Attempt.bucket == bucket)
        )
        return made <= self.count


# a person asks for a link a few times at most; a client (one address on the
# network, perhaps a school's) may serve a room of colleagues
PER_ADDRESS = Limit("address", 5, timedelta(minutes=15))
PER_CLIENT = Limit("client", 30, timedelta(minutes=15))
