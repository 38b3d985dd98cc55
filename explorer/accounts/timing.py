"""Moments as the database keeps them, and the clock the accounts read them from."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from graphmodel import clock

__all__ = ["Clock", "real_clock", "stored"]

Clock = Callable[[], datetime]  # the current moment, time zone aware


def real_clock() -> datetime:
    """The real moment, from graphmodel's clock (tests hand the accounts their own)."""
    return clock.now()


def stored(moment: datetime) -> datetime:
    """`moment` as kept in the database: naive UTC (SQLite keeps no time zone)."""
    return moment.astimezone(UTC).replace(tzinfo=None)
