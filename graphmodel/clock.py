"""Where "today" comes from: the one place that reads the calendar.

Several answers depend on the day they are asked: find_people's scores (a fact's
freshness), a fact's age in words and its "out of date" mark, the freshness shares and
the worklist, the date a verification round or an import is recorded under. Each takes
``today`` as an input, and each resolves a missing one here, in this order:

1. the day the caller pins (``today=`` in the API, ``--today`` on the command line,
   ``create_app(..., today=...)`` in the explorer);
2. the ISO date in the environment variable ``VERBINDPLAATS_TODAY`` (a demo, a test
   session, a CLI run that should answer as of another day);
3. the real date, read at every call, so that a server running for weeks never
   freezes the day it started on.

Moments (when a sign-in link expires, when an attempt was made) come from ``now``: the
moment the caller pins, else the real time in UTC. Whatever keeps time takes a clock
(a function returning ``now``) as an input, so that tests move it instead of waiting.

Examples
--------
>>> from datetime import UTC, date, datetime
>>> today(date(2026, 1, 31))
datetime.date(2026, 1, 31)
>>> parse_day("2026-02-01")
datetime.date(2026, 2, 1)
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime

from graphmodel.errors import GraphModelError

__all__ = ["ENV_VAR", "now", "parse_day", "today"]

ENV_VAR = "VERBINDPLAATS_TODAY"

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def today(pinned: date | None = None) -> date:
    """The day answers are given for: `pinned`, else ``VERBINDPLAATS_TODAY``, else the
    real date (read now, not cached).

    Raises GraphModelError when ``VERBINDPLAATS_TODAY`` holds no valid ISO date.
    """
    if pinned is not None:
        return pinned
    configured = os.environ.get(ENV_VAR, "").strip()
    if configured:
        return parse_day(configured, origin=ENV_VAR)
    return date.today()


def now(pinned: datetime | None = None) -> datetime:
    """The moment, in UTC: `pinned` when given, else the real time (read now)."""
    return pinned if pinned is not None else datetime.now(UTC)


def parse_day(text: str, origin: str = "the date") -> date:
    """`text` as a day, written YYYY-MM-DD; a GraphModelError naming `origin` otherwise.

    >>> parse_day("1-8-2026", origin="--today")
    Traceback (most recent call last):
    ...
    graphmodel.errors.GraphModelError: --today: '1-8-2026' is no date; write YYYY-MM-DD
    """
    try:
        if _ISO_DAY.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise GraphModelError(f"{origin}: {text!r} is no date; write YYYY-MM-DD")
