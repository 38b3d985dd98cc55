"""Values that hold for one day: worked out once, forgotten when the day changes.

A fact's freshness (find_people's evidence, reduced with a cut-off a year before
today) moves daily; what is derived from it is kept under the day it was worked out
for and dropped at the first question of another day, so that a server running past
midnight answers for the new day without a restart.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["DayCache"]

Value = TypeVar("Value")


class DayCache(Generic[Value]):
    """Values by key, for one day at a time.

    Examples
    --------
    >>> cache = DayCache()
    >>> cache.get("2026-11-22", "topic:evc", lambda: 1)
    1
    >>> cache.get("2026-11-22", "topic:evc", lambda: 2)  # kept for the day
    1
    >>> cache.get("2026-11-23", "topic:evc", lambda: 3)  # a new day: worked out again
    3
    """

    def __init__(self) -> None:
        self._held: tuple[Hashable, dict[Hashable, Value]] = (None, {})
        self._turning = threading.Lock()  # two threads on the first question of a day

    def get(self, day: Hashable, key: Hashable, work_out: Callable[[], Value]) -> Value:
        """The value of `key` on `day`, from `work_out()` the first time that day."""
        held_day, values = self._held
        if held_day != day:
            with self._turning:
                if self._held[0] != day:
                    self._held = (day, {})
                held_day, values = self._held
        if key not in values:
            values[key] = work_out()
        return values[key]
