"""Where each node of a Verkennen view is drawn, so that a growing view keeps its shape
and a large one is grouped by kind.

The browser's force layout starts afresh on every change: growing the leeruitkomsten
view by Windesheim's neighbours moved the nodes already drawn by a median quarter of the
graph's diagonal, so the reader lost what they were looking at. Here positions are
computed on the server, in the graph's own coordinates (pixels at zoom 1), with
networkx's spring layout:

- a node already drawn stays exactly where it was (it is held `fixed`); a new node
  starts beside the drawn neighbours it was added for and finds its place among them;
- then each new node settles in the free spot nearest to where the spring put it, a spot
  where the box of the node with its name under it overlaps no box already settled: no
  two names are drawn over each other;
- in a view of more than `GROUPED_FROM` nodes every kind is drawn towards an anchor of
  its own on a ring around the expanded nodes, so that organisations, networks, people
  and the rest form clusters, each with a label that names the kind and counts it.

The same view and the same positions to keep give the same drawing (no randomness), so
a permalink opens as it was left.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np

from graphmodel.model import Node, Relationship
from graphmodel.schema import KINDS

__all__ = [
    "GROUPED_FROM",
    "LABEL_WIDTH",
    "SPACING",
    "WEIGHT_TOP",
    "Placement",
    "Position",
    "kept_positions",
    "place",
]

Position = tuple[float, float]

SPACING = 110.0  # px: the distance the layout aims at between two linked nodes
GROUPED_FROM = 40  # nodes: a larger view is grouped by kind
ANCHOR_PULL = 1.0  # how strongly its kind's anchor draws a node in a grouped view
GROUPED_LINK_PULL = 0.1  # and how strongly a link does there (1 in a view not grouped)
ITERATIONS = 80
LABEL_ABOVE = 45.0  # px between a group's label and its highest node
SEARCH_STEP = 8.0  # px between the rings searched for a free spot
GAP = 45.0  # px: the least distance between two nodes' centres (the largest is 34 px wide)
FARTHEST = 1e6  # px: no view is drawn wider; a position sent back beyond it is refused
LABEL_WIDTH = 120  # px: names wrap at this width (explorer.figures.stylesheet)
WEIGHT_TOP = 12  # links at which a node and its name are drawn largest (idem)
_KIND_ORDER = {kind.name: i for i, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Placement:
    """Where each node goes and, in a grouped view, where each kind's label goes.

    Attributes
    ----------
    positions : dict
        Node id to ``(x, y)``.
    groups : dict
        Kind to ``((x, y), count)`` for its label; empty when the view is not grouped.
    """

    positions: dict[str, Position]
    groups: dict[str, tuple[Position, int]]


def place(
    nodes: Iterable[Node],
    relationships: Iterable[Relationship],
    kept: Mapping[str, Position] | None = None,
    centres: Collection[str] = (),
) -> Placement:
    """Positions for a view's nodes, those in `kept` left where they are.

    Parameters
    ----------
    nodes, relationships : iterable
        The view (`Graph.expand`).
    kept : mapping, optional
        Positions drawn before (`kept_positions`); the view's nodes among them stay put.
    centres : collection of str, optional
        The nodes the view was expanded from: in a grouped view they go in the middle,
        with the groups around them.

    Examples
    --------
    >>> from graphmodel.model import Node, Relationship
    >>> a, b, c = Node("org:a", "Organisation"), Node("net:b", "Network"), Node("topic:c", "Topic")
    >>> link = Relationship("net:b", "MEMBER_OF", "org:a")
    >>> first = place([a, b], [link])
    >>> more = [link, Relationship("net:b", "WORKS_ON", "topic:c")]
    >>> grown = place([a, b, c], more, kept=first.positions)
    >>> all(grown.positions[n] == first.positions[n] for n in ("org:a", "net:b"))
    True
    >>> place([a, b, c], []).groups  # a view this small is not grouped
    {}
    >>> place([], [])
    Placement(positions={}, groups={})
    """
    nodes, relationships = sorted(nodes, key=lambda n: n.id), list(relationships)
    kinds = {n.id: n.kind for n in nodes}
    if not kinds:
        return Placement({}, {})
    grouped = len(kinds) > GROUPED_FROM
    fixed = {node_id: kept[node_id] for node_id in kinds if kept and node_id in kept}
    graph = nx.Graph()
    graph.add_nodes_from(kinds)
    graph.add_edges_from(
        (r.start, r.end, {"weight": GROUPED_LINK_PULL if grouped else 1.0})
        for r in relationships
        if r.start in kinds and r.end in kinds and r.start != r.end
    )
    if grouped:
        fixed |= _grouped(graph, kinds, fixed, [c for c in centres if c in kinds])
    start = fixed | _starts(graph, fixed, [n for n in kinds if n not in fixed])
    drawn = nx.spring_layout(
        graph,
        k=SPACING,
        pos=start,
        fixed=list(fixed) or None,
        iterations=ITERATIONS,
        scale=None,
        method="force",
    )
    order = list(kinds)
    links = Counter(end for r in relationships for end in (r.start, r.end))  # as figures counts
    boxes = np.array([(GAP, GAP, 0.0) if grouped else _box(n.name, links[n.id]) for n in nodes])
    movable = [n not in fixed for n in order]
    first = sorted((i for i, n in enumerate(order) if movable[i]), key=lambda i: -links[order[i]])
    spread = _settled(np.array([drawn[n] for n in order]), movable, boxes, first)
    positions = {
        n: fixed.get(n, (round(float(x), 1), round(float(y), 1)))
        for n, (x, y) in zip(order, spread, strict=True)
    }
    return Placement(positions, _labels(positions, kinds, centres) if grouped else {})


def _grouped(
    graph: nx.Graph, kinds: Mapping[str, str], fixed: Mapping[str, Position], centres: list[str]
) -> dict[str, Position]:
    """Group the view by kind: an anchor per kind on a ring, pulling its nodes (links
    pull only a little, so that each group stays together), and the centres not yet
    drawn in the middle. Returns the positions this fixes."""
    middle = _centre(fixed.values())
    pinned = {c: at for c, at in _around(middle, centres).items() if c not in fixed}
    anchors = _anchors({n: k for n, k in kinds.items() if n not in centres}, middle)
    for kind, at in anchors.items():
        graph.add_node(_anchor(kind))
        pinned[_anchor(kind)] = at
        members = [n for n, k in kinds.items() if k == kind and n not in centres]
        graph.add_edges_from((m, _anchor(kind), {"weight": ANCHOR_PULL}) for m in members)
    return pinned


def _around(middle: Position, nodes: list[str]) -> dict[str, Position]:
    """`nodes` on a small circle around `middle` (one of them: at it)."""
    if len(nodes) == 1:
        return {nodes[0]: middle}
    radius = SPACING * len(nodes) / (2 * math.pi) + SPACING / 2
    return {
        node_id: (
            middle[0] + radius * math.cos(2 * math.pi * i / len(nodes)),
            middle[1] + radius * math.sin(2 * math.pi * i / len(nodes)),
        )
        for i, node_id in enumerate(nodes)
    }


def kept_positions(sent: object) -> dict[str, Position]:
    """The positions the browser sent back, each checked: an id and two numbers no
    farther out than `FARTHEST`.

    Anything else (a crafted request, say) is left out rather than trusted.

    >>> kept_positions({"org:a": [1, 2.5], "org:b": ["x", 1], "org:c": [1e999, 0]})
    {'org:a': (1.0, 2.5)}
    >>> kept_positions({"org:d": [1e300, 0]})  # its square would overflow in the layout
    {}
    >>> kept_positions("nonsense")
    {}
    """
    if not isinstance(sent, dict):
        return {}
    return {
        node_id: (float(at[0]), float(at[1]))
        for node_id, at in sent.items()
        if isinstance(node_id, str) and _is_position(at)
    }


def _is_position(at: object) -> bool:
    return (
        isinstance(at, list | tuple)
        and len(at) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in at)
        and all(math.isfinite(v) and abs(v) <= FARTHEST for v in at)
    )


def _anchor(kind: str) -> str:
    return f"\0anchor:{kind}"  # never a node id: ids are printable


def _anchors(kinds: Mapping[str, str], middle: Position) -> dict[str, Position]:
    """One point per kind on a ring around `middle`, wide enough for every cluster; the
    kinds in the schema's order, so that related kinds sit side by side."""
    counts: dict[str, int] = {}
    for kind in kinds.values():
        counts[kind] = counts.get(kind, 0) + 1
    order = sorted(counts, key=lambda k: (_KIND_ORDER.get(k, len(_KIND_ORDER)), k))
    radius = max(3 * SPACING, SPACING * sum(math.sqrt(counts[k]) for k in order) / (2 * math.pi))
    cx, cy = middle
    return {
        kind: (
            cx + radius * math.cos(2 * math.pi * i / len(order)),
            cy + radius * math.sin(2 * math.pi * i / len(order)),
        )
        for i, kind in enumerate(order)
    }


def _starts(graph: nx.Graph, placed: Mapping[str, Position], new: list[str]) -> dict:
    """Where the new nodes start: beside their placed neighbours (or their kind's
    anchor), else on a spiral around the view; each at its own angle, drawn from its id
    so that the same view starts the same way."""
    starts: dict[str, Position] = {}
    cx, cy = _centre(placed.values())
    for i, node_id in enumerate(new):
        near = [placed[n] for n in graph.neighbors(node_id) if n in placed]
        angle = zlib.crc32(node_id.encode()) / 2**32 * 2 * math.pi
        if near:
            x, y = _centre(near)
            distance = SPACING / 2
        else:
            x, y, distance = cx, cy, SPACING * 0.6 * math.sqrt(i + 1)
        starts[node_id] = (x + distance * math.cos(angle), y + distance * math.sin(angle))
    return starts


def _box(name: str, links: int) -> tuple[float, float, float]:
    """The width and height of a node with its name wrapped under it, and how far the
    middle of that box lies below the node's centre; both grow with its links in view,
    as the stylesheet draws them (`explorer.figures.stylesheet`)."""
    weight = min(links, WEIGHT_TOP) / WEIGHT_TOP
    node, font = 14 + 20 * weight, 13 + 5 * weight
    character = 0.55 * font  # an average character's width
    width = max(LABEL_WIDTH, max(map(len, name.split()), default=0) * character)  # no hyphens
    text = math.ceil(len(name) * character / width) * 1.3 * font + 4
    return width + 12, node + text + 6, text / 2


def _settled(
    points: np.ndarray, movable: list[bool], boxes: np.ndarray, first: list[int]
) -> np.ndarray:
    """`points` with each movable one, in the order `first`, moved to the free spot
    nearest to where the spring layout put it: a spot where its box (width, height and
    drop in `boxes`, see `_box`) overlaps no box of a point already settled. The spring
    layout lets a hub's leaves crowd it and names run into each other; the points that
    are not movable stay, and are settled from the start."""
    drop = np.stack([np.zeros(len(boxes)), boxes[:, 2]], axis=1)
    centres, sizes = points.astype(float) + drop, boxes[:, :2]
    settled = [i for i, can_move in enumerate(movable) if not can_move]
    for i in first:
        centres[i] = _free_spot(centres[i], sizes[i], centres[settled], sizes[settled])
        settled.append(i)
    return centres - drop


def _free_spot(
    wanted: np.ndarray, size: np.ndarray, others: np.ndarray, their_sizes: np.ndarray
) -> np.ndarray:
    """The spot nearest to `wanted` (on rings of growing radius) where a box of `size`
    centred there overlaps none of the `others`."""
    need = (size + their_sizes) / 2
    for radius in np.arange(0, 100 * SEARCH_STEP, SEARCH_STEP):
        count = max(1, int(2 * math.pi * radius / SEARCH_STEP))
        angles = 2 * math.pi * np.arange(count) / count
        spots = wanted + radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)
        gaps = np.abs(spots[:, None, :] - others[None, :, :]) - need[None, :, :]
        free = ~((gaps[..., 0] < 0) & (gaps[..., 1] < 0)).any(axis=1)
        if free.any():
            return spots[int(np.argmax(free))]
    return wanted  # nowhere within reach: where the layout put it


def _centre(points: Iterable[Position]) -> Position:
    points = list(points)
    if not points:
        return 0.0, 0.0
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _labels(
    positions: Mapping[str, Position], kinds: Mapping[str, str], centres: Collection[str]
) -> dict:
    """Each kind's label centred above its group (the centres in the middle left out
    where the kind has others), with the count of the kind in view."""
    members: dict[str, list[str]] = {}
    for node_id, kind in kinds.items():
        members.setdefault(kind, []).append(node_id)
    labels = {}
    for kind, ids in members.items():
        points = [positions[n] for n in ids if n not in centres] or [positions[n] for n in ids]
        labels[kind] = ((_centre(points)[0], min(p[1] for p in points) - LABEL_ABOVE), len(ids))
    return labels
