"""How find_people weighs its evidence (`Weights`): every default is a judgement, stated.

The scoring itself, and what each weight is for, is told in `graphmodel.questions.people`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from graphmodel.errors import GraphModelError
from graphmodel.questions import shortlist

__all__ = ["DEFAULT_WEIGHTS", "Weights", "specificity"]


@dataclass(frozen=True)
class Weights:
    """How find_people weighs its evidence; every default is a judgement, stated here.

    The topic is what the seeker came for, so it weighs most; a region shared helps
    arrange a meeting; a shared network gives an introduction; the sector is a light
    preference (it never removes anyone).
    """

    topic: float = 1.0
    region: float = 0.6
    network: float = 0.4
    sector: float = 0.2
    # how an actor's topic relates to the asked one, and how it got it
    narrower: float = 0.8
    broader: float = 0.5
    through_group: float = 0.5
    works: float = 0.5  # publications and events about the topic (at most)
    named: float = 0.5  # the topic in the actor's name
    leads: float = 0.5  # a person leading a group on the topic, beside the group's evidence
    # the smallest shared region
    gemeente: float = 1.0
    subregion: float = 0.6  # COROP region, onderwijsregio, RAP region
    provincie: float = 0.3
    national: float = 0.1
    # nobody near: the distance at which nearness counts half
    nearby_half_km: float = 75.0
    # how points decay with the age of a fact (`decay`)
    fresh_for_days: int = 365
    half_life_days: int = 730
    max_shared_networks: int = 3

    def __post_init__(self) -> None:
        """Points only add up: the search for the top (graphmodel.questions.proximity) relies on a
        region never taking any away."""
        negative = [name for name, value in vars(self).items() if value < 0]
        if negative:
            raise GraphModelError(f"weights cannot be negative: {', '.join(negative)}")

    def level(self, level: str) -> float:
        return {"gemeente": self.gemeente, "provincie": self.provincie, "land": self.national}.get(
            level, self.subregion
        )

    def nearby(self, km: float) -> float:
        """The most nearness gives at `km` from the seeker (or an array of them), when
        nobody is nearer."""
        return self.region * self.subregion * 0.5 ** (km / self.nearby_half_km)

    def fresh_since(self, today: date) -> str:
        """The first day whose checks still count as fully fresh today (ISO date)."""
        return (today - timedelta(days=self.fresh_for_days)).isoformat()

    def decay(self, verified: str, today: date) -> float:
        """How much of its points a fact keeps at its age: 1 for a recently checked fact,
        halving every half-life after the grace."""
        try:
            age = (today - date.fromisoformat(verified)).days
        except ValueError:  # no date at all: as old as can be
            return 0.0
        overdue = max(0, age - self.fresh_for_days)
        return 0.5 ** (overdue / self.half_life_days)

    def decays(self, days: np.ndarray, today: date) -> np.ndarray:
        """`decay` for many facts at once, by their days as numbers
        (`shortlist.day_numbers`).

        >>> Weights().decays(shortlist.day_numbers(["2026-11-22", "2022-11-22", ""]),
        ...                  date(2026, 11, 22)).round(2).tolist()
        [1.0, 0.35, 0.0]
        """
        overdue = np.maximum(0, today.toordinal() - days - self.fresh_for_days)
        return np.where(days == shortlist.NO_DAY, 0.0, 0.5 ** (overdue / self.half_life_days))


DEFAULT_WEIGHTS = Weights()


def specificity(topic_count: int) -> float:
    """What a profile working on `topic_count` topics earns per topic: 1 / log2(1 + n).

    >>> [round(specificity(n), 2) for n in (1, 3, 15)]
    [1.0, 0.5, 0.25]
    """
    return 1 / math.log2(1 + max(1, topic_count))
