"""Distances between regions: great-circle kilometres between their centres.

A region's centre is its own latitude and longitude (for gemeenten and provinces taken
from the CBS shapes in data/geo), else the mean of the centres of the regions inside it.
Coverage names the nearest covered region by it, find_people the nearest people when
nobody near the seeker works on the topic.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection
from typing import TYPE_CHECKING

import numpy as np

from graphmodel.model import Node, Step

if TYPE_CHECKING:
    from graphmodel.stores.base import Store

__all__ = ["EARTH_RADIUS_KM", "Point", "centres", "km", "km_radians"]

EARTH_RADIUS_KM = 6371.0
Point = tuple[float, float]  # (latitude, longitude)


def centres(store: Store, regions: Collection[Node]) -> dict[str, Point]:
    """(latitude, longitude) per region: its own, else the mean of the regions inside it
    (a region with neither is left out)."""
    found = {r.id: _own(r) for r in regions if r.get("latitude") is not None}
    if len(found) < len(regions):
        inner = store.remember("inner-centres", None, lambda: _inner_centres(store))
        found |= {r.id: inner[r.id] for r in regions if r.id not in found and r.id in inner}
    return found


def _inner_centres(store: Store) -> dict[str, Point]:
    """The centre of every region without its own: the mean of the regions inside it
    (worked out for all at once, and kept by a store that does not change under it)."""
    missing = [r.id for r in store.nodes_of("Region") if r.get("latitude") is None]
    inside: dict[str, list[Point]] = defaultdict(list)
    walks = store.follow(missing, [Step(("PART_OF",), "in", ("Region",))]) if missing else []
    parts = {n.id: n for n in store.nodes({w.end for w in walks})}
    for walk in walks:
        part = parts[walk.end]
        if part.get("latitude") is not None:
            inside[walk.start].append(_own(part))
    return {
        region: (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
        for region, points in inside.items()
    }


def _own(region: Node) -> Point:
    return (float(region.get("latitude")), float(region.get("longitude")))


def km(a: Point, b: Point) -> float:
    """Great-circle distance (haversine).

    >>> round(km((52.5196, 6.1198), (53.1712, 5.7969)))  # Zwolle to Leeuwarden
    76
    """
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def km_radians(
    lat1: np.ndarray | float, lon1: np.ndarray | float, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    """`km` for many points at once, latitudes and longitudes in radians, broadcast
    against each other (one point against many, or a column against a row for every
    pair).

    >>> zwolle, leeuwarden = np.radians([52.5196, 6.1198]), np.radians([53.1712, 5.7969])
    >>> np.round(km_radians(zwolle[0], zwolle[1], leeuwarden[:1], leeuwarden[1:])).tolist()
    [76.0]
    """
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
