"""Who can still make the top of find_people: every candidate bounded at once, in arrays.

Over a store, find_people scores every candidate in full: thousands on a broad topic,
tens of thousands at national scale. A store that indexes every actor (the read model:
`Store.placed` answers and `Store.remember` keeps) lets it do less. Each candidate's
points are bounded in array arithmetic, one row per candidate: below by the points it
surely has (its topics and their names, publications, groups led and shared, sector,
best region), above by those plus the most nearness could add when nobody is near. Only
the candidates whose upper bound reaches the `limit`-th lower bound are then scored in
full, by the same rules as the walks (`graphmodel.questions.people`): the top is among
them, so the answer is the walks' answer, bit for bit (tests/graphmodel/readmodel proves
it on random questions).

What does not depend on the question is kept by the store: the actors in id order
(`ActorOrder`), per region who is in it and since when (`RegionTable`), where each actor
is for its distance to a seeker (`PlaceTable`). What depends on the question is worked
out on those arrays (`Shortlist`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from graphmodel import schema
from graphmodel.questions import distance

if TYPE_CHECKING:
    from graphmodel.stores.base import Store

__all__ = [
    "NO_DAY",
    "ActorOrder",
    "PlaceTable",
    "RegionTable",
    "Shortlist",
    "day_numbers",
    "rows_among",
]

NO_DAY = -1  # a fact without a readable date: as old as can be
# how far a bound may stray by rounding (totals are rounded to 9 decimals): a candidate
# is kept when its most possible points come this close to the bar
MARGIN = 1e-6


class ActorOrder:
    """Every actor of the graph in id order: its place in that order is its row number
    in every array (kept per graph, `Store.remember`).

    Examples
    --------
    >>> from graphmodel.model import GraphBatch, Node
    >>> from graphmodel.stores.memory import MemoryStore
    >>> store = MemoryStore()
    >>> _ = store.load(GraphBatch([Node("org:b", "Organisation", {"name": "B"}),
    ...                            Node("org:a", "Organisation", {"name": "A"})]))
    >>> ActorOrder.of(store).rows(["org:b", "org:a"]).tolist()
    [1, 0]
    """

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        self.row = {actor: i for i, actor in enumerate(ids)}
        self.all = frozenset(ids)

    @classmethod
    def of(cls, store: Store) -> ActorOrder:
        return store.remember(
            "actor-order",
            None,
            lambda: cls(sorted(n.id for kind in schema.ACTOR_KINDS for n in store.nodes_of(kind))),
        )

    def rows(self, actor_ids: Iterable[str]) -> np.ndarray:
        """The rows of `actor_ids`, in their order."""
        return np.fromiter((self.row[a] for a in actor_ids), dtype=np.int64)


@dataclass(frozen=True)
class RegionTable:
    """Who is in one region (or a region inside it), by row, and the day of the least
    recently checked fact on the way there (`day_numbers`)."""

    rows: np.ndarray
    days: np.ndarray

    @classmethod
    def of(cls, store: Store, region: str) -> RegionTable:
        """From the store's index of every actor's regions (kept per graph)."""

        def work_out() -> RegionTable:
            order = ActorOrder.of(store)
            placed = store.placed(order.all, [region]) or {}
            inside = sorted((order.row[actor], ways[0][1]) for actor, ways in placed.items())
            return cls(
                np.array([row for row, _ in inside], dtype=np.int64),
                day_numbers(verified for _, verified in inside),
            )

        return store.remember(("region-table", region), None, work_out)


@dataclass(frozen=True)
class PlaceTable:
    """Where every actor is, for its distance to a seeker: per actor the centres of its
    gemeenten, or of its other regions if it is in no gemeente (never the country), as
    `graphmodel.questions.nearness` measures it.

    Actors in the same places share a place set: the actor in row ``r`` is in set
    ``sets[r]``, whose places are ``places[starts[s]:starts[s + 1]]``, each an index into
    the distinct centres (`latitudes`, `longitudes`, in radians); the last set,
    ``len(starts) - 1``, is the empty one of the actors placed nowhere. A question
    measures each centre once and takes each set's nearest once, however many actors
    share them (a few hundred sets for a hundred thousand actors at national scale).
    """

    sets: np.ndarray
    starts: np.ndarray
    places: np.ndarray
    latitudes: np.ndarray
    longitudes: np.ndarray

    @classmethod
    def of(
        cls,
        store: Store,
        centres: Mapping[str, distance.Point],
        options: Mapping[str, Sequence[tuple[str, ...]]],
    ) -> PlaceTable:
        """The table of the places nearness measures (`centres` per region, and per
        actor the regions it may be nearest in, region first), kept per graph."""
        return store.remember("place-table", None, lambda: cls._work_out(store, centres, options))

    @classmethod
    def _work_out(
        cls,
        store: Store,
        centres: Mapping[str, distance.Point],
        options: Mapping[str, Sequence[tuple[str, ...]]],
    ) -> PlaceTable:
        order = ActorOrder.of(store)
        known = sorted({way[0] for ways in options.values() for way in ways})
        index = {region: i for i, region in enumerate(known)}
        in_places = {
            actor: tuple(sorted({index[way[0]] for way in ways}))
            for actor, ways in options.items()
            if ways
        }
        place_sets = sorted(set(in_places.values()))
        set_of = {places: i for i, places in enumerate(place_sets)}
        sets = np.full(len(order.ids), len(place_sets), dtype=np.int64)
        for actor, places in in_places.items():
            sets[order.row[actor]] = set_of[places]
        points = np.radians(np.array([centres[r] for r in known], dtype=float).reshape(-1, 2))
        return cls(
            sets=sets,
            starts=np.cumsum([0, *map(len, place_sets)], dtype=np.int64),
            places=np.array([p for places in place_sets for p in places], dtype=np.int64),
            latitudes=points[:, 0],
            longitudes=points[:, 1],
        )

    def nearest_km(self, rows: np.ndarray, centre: distance.Point) -> np.ndarray:
        """Per row of `rows`, the kilometres from `centre` to its nearest place
        (infinite where it has none), less the tenth nearness rounds to and a little
        more: a bound, never more than `graphmodel.questions.nearness` finds."""
        nearest = np.full(len(self.starts), np.inf)  # per place set, the empty one last
        if len(self.places):
            lat, lon = np.radians(centre[0]), np.radians(centre[1])
            km = distance.km_radians(lat, lon, self.latitudes, self.longitudes)
            nearest[:-1] = np.minimum.reduceat(km[self.places], self.starts[:-1])
        return np.maximum(nearest[self.sets[rows]] * (1 - 1e-9) - 0.05, 0.0)


def rows_among(rows: np.ndarray, among: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row of `rows`, its place in `among` (increasing), and whether it is there
    (where it is not, the place is meaningless).

    >>> at, found = rows_among(np.array([4, 2, 9]), np.array([2, 4, 7]))
    >>> at[found].tolist(), found.tolist()
    ([1, 0], [True, True, False])
    """
    at = among.searchsorted(rows)
    at[at == len(among)] = 0
    found = among[at] == rows if len(among) else np.zeros(len(rows), dtype=bool)
    return at, found


def day_numbers(days: Iterable[str]) -> np.ndarray:
    """ISO days as numbers (`date.toordinal`), NO_DAY where there is none.

    >>> day_numbers(["2026-11-22", "unknown"]).tolist()
    [739942, -1]
    """

    def number(day: str) -> int:
        try:
            return date.fromisoformat(day).toordinal()
        except ValueError:
            return NO_DAY

    return np.fromiter((number(day) for day in days), dtype=np.int64)


class Shortlist:
    """The candidates of one question, one row each in id order: their family, the
    points each surely has, and whether it is in one of the seeker's regions.

    Parameters
    ----------
    order : ActorOrder
        The graph's actors.
    topics : sequence of (rows, points, families)
        Per asked topic: the rows of the actors with evidence (increasing), their topic
        points and their family codes.
    own : str, optional
        The seeker's organisation: never its own answer.

    Examples
    --------
    >>> order = ActorOrder(["org:a", "org:b", "org:c"])
    >>> rows, points, families = np.array([0, 1, 2]), np.array([0.2, 0.9, 0.5]), np.zeros(3)
    >>> shortlist = Shortlist(order, [(rows, points, families)], own=None)
    >>> shortlist.add({"org:a": 0.5})
    >>> shortlist.count(0), shortlist.contenders(0, limit=1)
    (3, ['org:b'])
    >>> shortlist.contenders(0, limit=1, nearby=0.3)  # nearness may lift org:a
    ['org:a', 'org:b']
    """

    def __init__(
        self,
        order: ActorOrder,
        topics: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
        own: str | None,
    ) -> None:
        self.order = order
        if len(topics) == 1:
            self.rows = topics[0][0]
        else:
            self.rows = np.unique(np.concatenate([rows for rows, *_ in topics]))
        size = len(self.rows)
        self.family = np.zeros(size, dtype=np.int8)
        self.least = np.zeros(size)
        self.region = np.zeros(size)  # the best region shared with the seeker
        self.local = np.zeros(size, dtype=bool)
        for rows, points, families in topics:
            at = slice(None) if rows is self.rows else self.rows.searchsorted(rows)
            self.least[at] += points
            self.family[at] = families
        self.member = np.ones(size, dtype=bool)
        if own in order.row:
            self.member &= self.rows != order.row[own]

    def add(self, points: Mapping[str, float]) -> None:
        """Points some candidates surely have besides their topics (ids not among the
        candidates are passed by)."""
        at, found = self._find(self.order.rows(points))
        values = np.fromiter(points.values(), dtype=float, count=len(points))
        np.add.at(self.least, at[found], values[found])

    def add_where(self, holds: np.ndarray, points: float) -> None:
        """`points` for every candidate whose row in `holds` (one per actor) is true."""
        self.least += holds[self.rows] * points

    def add_region(self, region: RegionTable, level: float, kept: np.ndarray, near: bool) -> None:
        """The seeker's region `region`, whose `level` points each actor in it gets as
        far as it `kept` them (per row of the table: `Weights.decays` of its days); a
        candidate keeps the best of its regions. `near`: one of the seeker's own regions,
        not the country. The smaller of the two is searched in the other: a province
        holds far more actors than a narrow topic has candidates."""
        if len(region.rows) <= len(self.rows):
            at, found = self._find(region.rows)
            ours, theirs = at[found], np.flatnonzero(found)
        else:
            at, found = rows_among(self.rows, region.rows)
            ours, theirs = np.flatnonzero(found), at[found]
        self.region[ours] = np.maximum(self.region[ours], level * kept[theirs])
        if near:
            self.local[ours] = True

    def count(self, family: int) -> int:
        """How many candidates of `family` there are."""
        return int(np.count_nonzero(self._of(family)))

    def local_count(self, family: int) -> int:
        """How many candidates of `family` are in one of the seeker's regions."""
        return int(np.count_nonzero(self._of(family) & self.local))

    def contenders(self, family: int, limit: int, nearby: np.ndarray | float = 0.0) -> list[str]:
        """The candidates of `family` (in id order) that can make its top `limit`: each
        whose most possible points (with `nearby`, the most nearness gives each
        candidate) reach the `limit`-th most surely had, less a margin for rounding."""
        of = np.flatnonzero(self._of(family))
        least = self.least[of] + self.region[of]
        if len(of) > limit:
            bar = np.partition(least, len(of) - limit)[len(of) - limit] - MARGIN
            near = nearby[of] if isinstance(nearby, np.ndarray) else nearby
            of = of[least + near >= bar]
        return [self.order.ids[row] for row in self.rows[of]]

    def _of(self, family: int) -> np.ndarray:
        return self.member & (self.family == family)

    def _find(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Where `rows` are among the candidates, and which of them are."""
        return rows_among(rows, self.rows)
