"""Which candidates share a region with the seeker, found from the smallest region out.

find_people gives points for the smallest region a candidate shares with the seeker:
most for the gemeente, fewer for the COROP region or onderwijsregio, fewer still for the
province and the country. A province holds thousands of actors, a gemeente a few dozen;
so the seeker's regions are taken in tiers, the ones worth most first, and the search
stops as soon as no candidate left could still enter the top `limit`: its known points
plus the most the next tier could add fall short of the last place. The ranking is the
same as when every region is searched (a test holds it to that); on a broad topic it
touches a gemeente and a COROP region instead of a province.

A candidate in the top `limit` might still gain from a later tier (a long-unverified
link to its gemeente can be worth less than a fresh one to its province), so those few
are placed in full before the final order (`complete`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graphmodel.model import Node, Step, Walk
from graphmodel.questions import places

if TYPE_CHECKING:
    from graphmodel.stores.base import Store

__all__ = ["Known", "Tiers", "complete", "place_in_tiers", "region_points"]

INSIDE = Step(("PART_OF",), "in", ("Region",), min_hops=0, max_hops=places.HIERARCHY_DEPTH)
RegionScore = Callable[[places.Place], float]


@dataclass(frozen=True)
class Tiers:
    """The seeker's regions grouped by the points they give, most first."""

    groups: list[tuple[float, list[str]]]

    @classmethod
    def of(cls, home: Mapping[str, Node], weight_of_level: Callable[[str], float]) -> Tiers:
        by_weight: dict[float, list[str]] = {}
        for region_id, node in sorted(home.items()):
            by_weight.setdefault(weight_of_level(str(node.get("level"))), []).append(region_id)
        return cls(sorted(by_weight.items(), key=lambda item: -item[0]))

    def most_after(self, index: int) -> float:
        """The most a region of a tier after `index` gives (0 after the last)."""
        return self.groups[index + 1][0] if index + 1 < len(self.groups) else 0.0


class Known:
    """The candidates' points besides the region, and the candidates in that order
    (most first, ties by id): the order that says who can still make the top."""

    def __init__(self, points: Mapping[str, float]) -> None:
        self.points = points
        self.order = sorted(points, key=lambda c: (-points[c], c))

    def contenders(self, region: Mapping[str, float], limit: int) -> list[str]:
        """Best first (ties by id), with `region` points per placed candidate: those
        placed, the best `limit` of the others (the only ones that can be in the top
        `limit`), and the next of the others, whose points bound all the rest."""
        placed = [c for c in region if c in self.points]
        unplaced = (c for c in self.order if c not in region)
        found = [*placed, *itertools.islice(unplaced, limit + 1)]
        return sorted(found, key=lambda c: (-self.total(c, region), c))

    def total(self, candidate: str, region: Mapping[str, float]) -> float:
        return round(self.points[candidate] + region.get(candidate, 0.0), 9)


def place_in_tiers(
    store: Store,
    home: Mapping[str, Node],
    tiers: Tiers,
    known: Known,
    region_score: RegionScore,
    limit: int,
) -> tuple[places.Placement, float]:
    """Where the candidates are among the seeker's regions, as far as the top `limit`
    needs; and the most a region not searched could still add (0: all searched)."""
    candidates = frozenset(known.points)  # one set for every request
    hierarchy = _hierarchy(store, home)
    direct: list[list[Walk]] = []  # candidate -> region inside a home region searched
    larger: list[Walk] = []  # region inside -> home region searched
    placement = places.Placement({}, {})
    for index, (_, regions) in enumerate(tiers.groups):
        new_larger = [w for w in hierarchy if w.end in regions]
        inner = {w.start for w in new_larger} - {w.start for w in larger}
        new_direct = store.follow_many(places.direct_requests(candidates, inner))
        larger += new_larger
        # each pair of a direct and a larger walk is read once: new with all, old with new
        placement.add(_read(new_direct, larger, home))
        placement.add(_read(direct, new_larger, home))
        direct += new_direct
        unsearched = tiers.most_after(index)
        if _settled(known, region_points(placement, region_score), unsearched, limit):
            return placement, unsearched
    return placement, 0.0


def _hierarchy(store: Store, home: Mapping[str, Node]) -> list[Walk]:
    """Walks from every region inside a home region up to it (the country only from
    itself: every gemeente lies in it, yet only what is active in the country itself
    is national)."""
    countries = [r for r, node in home.items() if node.get("level") == "land"]
    others = [r for r in home if r not in countries]
    inside = store.follow(others, [INSIDE]) if others else []
    return [w.reversed() for w in inside] + [Walk((c,), ()) for c in countries]


def _settled(known: Known, region: Mapping[str, float], unsearched: float, limit: int) -> bool:
    """Whether the top `limit` is decided: everyone outside it, given the most a later
    tier could add, still falls short of the last place in it."""
    if unsearched == 0.0 or len(known.points) <= limit:
        return True
    ranked = known.contenders(region, limit)
    last = known.total(ranked[limit - 1], region)
    points = known.points
    return all(
        round(points[c] + max(region.get(c, 0.0), unsearched), 9) < last for c in ranked[limit:]
    )


def region_points(placement: places.Placement, region_score: RegionScore) -> dict[str, float]:
    """Per placed candidate, the points of its best region."""
    return {c: _best(found, region_score) for c, found in placement.of.items() if found}


def _best(found: Mapping[str, places.Place], region_score: RegionScore) -> float:
    return max((region_score(p) for p in found.values()), default=0.0)


def complete(
    store: Store, home: Mapping[str, Node], actor_ids: list[str], placement: places.Placement
) -> None:
    """Add every home region of `actor_ids` (the top few) to `placement`, walking from
    them rather than from the regions."""
    if not actor_ids:
        return
    walks = store.follow_many(places.home_requests(actor_ids))
    placement.add(places.read_within(actor_ids, walks, home))


def _read(
    direct: list[list[Walk]], larger: list[Walk], home: Mapping[str, Node]
) -> places.Placement:
    placed = {walk.start for walks in direct for walk in walks}
    return places.read(placed, direct, larger, home)
