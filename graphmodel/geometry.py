"""GeoJSON geometry: centroids, for "the nearest region" in coverage questions, and the
shapes themselves, for the explorer's maps.

Planar arithmetic on longitude and latitude: over the 300 km of the Netherlands the error
is far smaller than a gemeente, and it needs no projection library.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path

__all__ = ["Centroid", "centroid", "combine", "read_shapes", "signed_area"]

Ring = Sequence[Sequence[float]]


class Centroid(tuple[float, float, float]):
    """(longitude, latitude, area in square degrees) of a shape."""

    @property
    def longitude(self) -> float:
        return self[0]

    @property
    def latitude(self) -> float:
        return self[1]

    @property
    def area(self) -> float:
        return self[2]


def centroid(geometry: dict) -> Centroid:
    """The area-weighted centroid of a Polygon or MultiPolygon (holes subtracted).

    >>> square = {"type": "Polygon", "coordinates": [[[0, 0], [0, 2], [2, 2], [2, 0], [0, 0]]]}
    >>> tuple(round(v, 6) for v in centroid(square))
    (1.0, 1.0, 4.0)
    """
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    parts = []
    for rings in polygons:
        outer, *holes = (_ring(r) for r in rings)
        parts.append(outer)
        parts.extend(Centroid((x, y, -a)) for x, y, a in holes)
    return combine(parts)


def combine(parts: Iterable[Centroid]) -> Centroid:
    """The centroid of shapes taken together, each weighted by its area."""
    parts = list(parts)
    area = sum(p.area for p in parts)
    if not area:
        raise ValueError("shapes without area have no centroid")
    x = sum(p.longitude * p.area for p in parts) / area
    y = sum(p.latitude * p.area for p in parts) / area
    return Centroid((x, y, area))


def signed_area(ring: Ring) -> float:
    """Shoelace area with longitude east and latitude north: negative when clockwise.

    >>> signed_area([(0, 0), (0, 1), (1, 1), (1, 0), (0, 0)])
    -1.0
    """
    return _shoelace(ring)[0] / 2


def _ring(ring: Ring) -> Centroid:
    """The centroid of one ring; the area is positive whatever the ring's winding."""
    area2, cx, cy = _shoelace(ring)
    if not area2:
        return Centroid((ring[0][0], ring[0][1], 0.0))
    return Centroid((cx / (3 * area2), cy / (3 * area2), abs(area2) / 2))


def _shoelace(ring: Ring) -> tuple[float, float, float]:
    """The shoelace sums of a closed ring: twice its signed area, and the first moments
    (times six) from which its centroid follows."""
    area2 = cx = cy = 0.0
    for (x0, y0), (x1, y1) in pairwise(ring):
        cross = x0 * y1 - x1 * y0
        area2 += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return area2, cx, cy


def read_shapes(path: Path, code_property: str) -> dict[str, dict]:
    """The geometry of each feature of a GeoJSON file, by the feature's `code_property`
    (for the CBS files: "gemeenteCode" or "provincieCode")."""
    with open(path, encoding="utf-8") as f:
        features = json.load(f)["features"]
    return {feature["properties"][code_property]: feature["geometry"] for feature in features}
