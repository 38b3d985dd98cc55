"""Choropleth maps of the Netherlands, drawn from the CBS geometry in data/ and nothing else.

The map is a plotly geo trace with our own GeoJSON, and no map tiles. The GeoJSON of a level
(`feature_collection`) is served once at its own address, which the figure names, rather
than inside every answer: at the gemeente level it was most of each coverage answer, and
the browser keeps it. plotly.js still asks
for a world topojson (its base layers) before it draws a geo trace; the page points the
graph's ``topojsonURL`` at `TOPOJSON_FOLDER`, where an empty one lies, so nothing is
fetched from the internet. We prefer this to polygons drawn as filled scatter traces
because a choropleth brings what a map needs: a colour scale with its colour bar, a
hover text per region, and a projection that keeps the country in proportion.

A region of any level is drawn as the union of its gemeenten: one source of geometry for
every level, so that borders agree between levels, and a level whose membership gets
loaded (onderwijsregio's) is drawn with no new geometry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from graphmodel import BUNDLED_DATA
from graphmodel.geometry import read_shapes, signed_area
from graphmodel.graph import Graph

__all__ = [
    "GEMEENTEN",
    "TOPOJSON_FOLDER",
    "MapTexts",
    "Shape",
    "choropleth",
    "colour_bar",
    "dissolve",
    "feature_collection",
    "gemeente_shapes",
    "level_mapped",
    "level_shapes",
    "region_shapes",
    "to_shape",
]

Point = tuple[float, float]  # longitude, latitude
Ring = list[Point]  # closed: the last point is the first
Polygon = list[Ring]  # the outer ring, then its holes
Shape = list[Polygon]  # the coordinates of a GeoJSON MultiPolygon
Trace = dict[str, object]  # a plotly trace as plain data ("type", "locations", ...)
Figure = dict[str, object]  # a plotly figure as plain data: "data" (traces) and "layout"

GEMEENTEN = BUNDLED_DATA / "geo" / "gemeenten-2025.geojson"
TOPOJSON_FOLDER = "topojson/"  # under the app's assets: the empty world plotly.js asks for
PRECISION = 3  # decimals of a degree (about 100 m): finer than a country map can show
GAP_COLOUR = "#dcdcdc"  # grey, not a shade of the scale: a gap is no count at all
WIDER_COLOUR = "#f1dca7"  # sand, neither grey nor blue: covered only from around
# Blues that start visibly blue, so that a region with one actor never looks like a gap.
SCALE = [[0.0, "#a6cbe6"], [0.5, "#3f88c5"], [1.0, "#08306b"]]
BORDER = "#ffffff"
MAP_HEIGHT = 600


@dataclass(frozen=True)
class MapTexts:
    """What the map says, in the page's language."""

    count: str  # title of the colour bar
    gap: str  # legend entry of the regions with none
    wider: str = ""  # legend entry of the regions covered only from a larger one around


@cache
def gemeente_shapes() -> dict[str, Shape]:
    """The shape of every gemeente by CBS code ("GM0014"), rounded and wound as plotly
    wants. Read once per process: the geometry does not change while the app serves."""
    return {
        code: to_shape(geometry)
        for code, geometry in read_shapes(GEMEENTEN, "gemeenteCode").items()
    }


def level_shapes(store: Graph, level: str) -> dict[str, Shape]:
    """Each region of `level` as the union of its gemeenten, by region id; empty when the
    store does not know which gemeenten the level's regions hold."""
    members = store.gemeenten(level)
    return region_shapes(
        {region: [g.get("code") for g in gemeenten] for region, gemeenten in members.items()}
    )


def level_mapped(store: Graph, level: str) -> bool:
    """Whether `level_shapes` draws any region of `level`: whether a gemeente of one of
    its regions has a shape (known without dissolving them)."""
    shapes = gemeente_shapes()
    members = store.gemeenten(level).values()
    return any(shapes.get(g.get("code")) for gemeenten in members for g in gemeenten)


def region_shapes(
    members: Mapping[str, Collection[str]], shapes: Mapping[str, Shape] | None = None
) -> dict[str, Shape]:
    """Each region as the union of the shapes of its gemeenten (by code); a region none of
    whose gemeenten has a shape is left out, and so is a gemeente without one."""
    shapes = gemeente_shapes() if shapes is None else shapes
    found = {}
    for region, codes in members.items():
        parts = [polygon for code in codes for polygon in shapes.get(code, ())]
        if parts:
            found[region] = dissolve(parts)
    return found


def dissolve(polygons: Iterable[Polygon]) -> Shape:
    """The union of polygons that meet along shared borders, without their inner borders.

    Neighbouring CBS gemeenten share the vertices of their common border, and walk it in
    opposite directions; dropping every edge whose reverse is also present leaves the
    outline, whose edges chain into rings that keep their winding (outer rings
    clockwise, holes counter-clockwise).
    """
    edges: set[tuple[Point, Point]] = set()
    for polygon in polygons:
        for ring in polygon:
            for edge in pairwise(ring):
                reverse = (edge[1], edge[0])
                if reverse in edges:
                    edges.remove(reverse)
                else:
                    edges.add(edge)
    return _nest(_chain(edges))


def _chain(edges: Collection[tuple[Point, Point]]) -> list[Ring]:
    """Closed rings from directed edges in which every point has as many edges in as out
    (so a walk can only end where it began)."""
    following: dict[Point, list[Point]] = defaultdict(list)
    for start, end in sorted(edges):
        following[start].append(end)
    rings = []
    for start in sorted(following):
        while following[start]:
            ring = [start]
            point = following[start].pop()
            while point != start:
                ring.append(point)
                point = following[point].pop()
            rings.append([*ring, start])
    return rings


def _nest(rings: list[Ring]) -> Shape:
    """Polygons from rings: each hole goes with the smallest outer ring around it."""
    areas = [signed_area(ring) for ring in rings]  # once each: a country's outline is long
    outers = sorted((a, i) for i, a in enumerate(areas) if a < 0)  # largest first
    polygons: Shape = [[rings[i]] for _, i in outers]
    by_size = polygons[::-1]
    for hole in (ring for ring, area in zip(rings, areas, strict=True) if area > 0):
        (x0, y0), (x1, y1) = hole[0], hole[1]
        middle = ((x0 + x1) / 2, (y0 + y1) / 2)
        around = next((p for p in by_size if _inside(middle, p[0])), None)
        if around is not None:
            around.append(hole)
    return polygons


def _inside(point: Point, ring: Ring) -> bool:
    """Whether `point` lies inside `ring` (ray casting)."""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in pairwise(ring):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def to_shape(geometry: dict) -> Shape:
    """A GeoJSON Polygon or MultiPolygon as the map draws it (see `_polygon`)."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [polygon for polygon in map(_polygon, polygons) if polygon]


def _polygon(rings: list) -> Polygon:
    """A polygon rounded to `PRECISION`, its outer ring clockwise and its holes not:
    plotly.js (d3-geo) fills a counter-clockwise outer ring as the whole globe minus
    the shape. Rings that rounding collapses are dropped, and a polygon with them."""
    outer, *holes = [_rounded(ring) for ring in rings]
    if len(outer) < 4:
        return []
    return [_wound(outer, clockwise=True)] + [
        _wound(hole, clockwise=False) for hole in holes if len(hole) >= 4
    ]


def _rounded(ring: Sequence[Sequence[float]]) -> Ring:
    points = [(round(x, PRECISION), round(y, PRECISION)) for x, y, *_ in ring]
    return [p for p, previous in zip(points, [None, *points], strict=False) if p != previous]


def _wound(ring: Ring, clockwise: bool) -> Ring:
    return ring if (signed_area(ring) < 0) == clockwise else ring[::-1]


def feature_collection(shapes: Mapping[str, Shape]) -> dict[str, object]:
    """The regions of `shapes` as GeoJSON, each a feature whose id is the region's id.

    >>> square = [[[(4.0, 52.0), (4.0, 52.1), (4.1, 52.1), (4.0, 52.0)]]]
    >>> feature_collection({"region:PV26": square})["features"][0]["id"]
    'region:PV26'
    """
    features = [
        {"type": "Feature", "id": r, "geometry": {"type": "MultiPolygon", "coordinates": shape}}
        for r, shape in shapes.items()
    ]
    return {"type": "FeatureCollection", "features": features}


def choropleth(
    regions: Sequence[str],
    geometry: str | Mapping[str, object],
    counts: Mapping[str, int],
    hover: Mapping[str, str],
    texts: MapTexts,
    wider: Mapping[str, int] | None = None,
) -> Figure:
    """The `regions` (ids) coloured by their count: a colour scale for the regions that
    have some, and grey for the gaps (a trace of their own, with a legend entry), so that
    a gap never looks like a low count. A region without a count of its own but with
    actors in a larger region around it (`wider`) has a third colour and legend entry.
    `hover` holds each region's hover text; `geometry` is their `feature_collection`, or
    the address where the browser fetches it.

    A plotly figure as plain data: plotly's figure objects check and copy every
    coordinate, which took most of a coverage answer's time."""
    wider = wider or {}
    around = [r for r in regions if not counts.get(r) and wider.get(r)]
    gaps = [r for r in regions if not counts.get(r) and not wider.get(r)]
    covered = [r for r in regions if counts.get(r)]
    top = max((counts[r] for r in covered), default=1)
    traces = []
    if around:
        traces.append(_plain(geometry, around, hover, texts.wider, WIDER_COLOUR))
    if gaps:
        traces.append(_plain(geometry, gaps, hover, texts.gap, GAP_COLOUR))
    if covered:
        traces.append(
            _trace(
                geometry,
                covered,
                hover,
                [counts[r] for r in covered],
                name=texts.count,
                colorscale=SCALE,
                zmin=1,
                zmax=max(top, 2),  # one colour for every region would need a range
                colorbar=colour_bar(texts.count, top),
            )
        )
    layout = {
        "height": MAP_HEIGHT,
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "geo": {
            "visible": False,
            "fitbounds": "locations",
            "projection": {"type": "mercator"},
            "bgcolor": "rgba(0,0,0,0)",
        },
        "legend": {"x": 0, "y": 1, "bgcolor": "rgba(255,255,255,0.8)"},
        "paper_bgcolor": "rgba(0,0,0,0)",
    }
    return {"data": traces, "layout": layout}


def _plain(
    geometry: str | Mapping[str, object],
    regions: list[str],
    hover: Mapping[str, str],
    name: str,
    colour: str,
) -> Trace:
    """Regions in one colour, with a legend entry."""
    return _trace(
        geometry,
        regions,
        hover,
        [0] * len(regions),
        name=name,
        showlegend=True,
        colorscale=[[0, colour], [1, colour]],
        showscale=False,
    )


def colour_bar(title: str, top: int) -> dict:
    """A colour bar for counts: whole numbers only (plotly would mark 1.5 actors)."""
    return {
        "title": {"text": title},
        "thickness": 14,
        "len": 0.6,
        "dtick": 1 if top <= 10 else None,
    }


def _trace(
    geometry: str | Mapping[str, object],
    regions: list[str],
    hover: Mapping[str, str],
    z: list[int],
    **style: object,
) -> Trace:
    """A choropleth of `regions`, found by id among the features of `geometry`."""
    return {
        "type": "choropleth",
        "geojson": geometry,
        "locations": regions,
        "z": z,
        "text": [hover.get(r, r) for r in regions],
        "hovertemplate": "%{text}<extra></extra>",
        "marker": {"line": {"color": BORDER, "width": 0.6}},
        **style,
    }
