"""Verkennen's placed layout: a view that grows keeps its shape, a large one is grouped by
kind, and the same view is drawn the same way (explorer.placement)."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from explorer.placement import GROUPED_FROM, SPACING, Placement, place
from graphmodel.questions.views import View

LEERUITKOMSTEN = [("topic:leeruitkomsten", 1)]
GROWN = [*LEERUITKOMSTEN, ("org:windesheim", 1)]
MIXED = [*GROWN, ("topic:zij-instroom", 1)]  # 56 nodes of eleven kinds


def placed(view: View, kept: dict | None = None) -> Placement:
    return place(view.nodes, view.relationships, kept)


def nearest_own_centre(view: View, placement: Placement) -> float:
    """The share of nodes nearer to the centre of their own kind than to any other's."""
    kinds = {n.id: n.kind for n in view.nodes}
    members: dict[str, list] = {}
    for node_id, kind in kinds.items():
        members.setdefault(kind, []).append(placement.positions[node_id])
    centres = {
        k: tuple(sum(c) / len(points) for c in zip(*points, strict=True))
        for k, points in members.items()
    }
    nearest = {
        node_id: min(centres, key=lambda k: math.dist(placement.positions[node_id], centres[k]))
        for node_id in kinds
    }
    return sum(nearest[n] == kinds[n] for n in kinds) / len(kinds)


def test_nodes_already_drawn_stay_exactly_where_they_were_when_the_view_grows(bundled):
    first = bundled.expand(LEERUITKOMSTEN)
    grown = bundled.expand(GROWN)
    before = placed(first)
    after = placed(grown, before.positions)
    assert len(grown.nodes) > len(first.nodes)
    assert {n: after.positions[n] for n in before.positions} == before.positions
    new = set(after.positions) - set(before.positions)
    assert new and all(math.isfinite(c) for n in new for c in after.positions[n])


def test_without_what_was_drawn_the_grown_view_would_be_drawn_differently(bundled):
    """The test above is not passing by luck: placed afresh, the old nodes move."""
    before = placed(bundled.expand(LEERUITKOMSTEN))
    afresh = placed(bundled.expand(GROWN))
    moved = [math.dist(before.positions[n], afresh.positions[n]) for n in before.positions]
    assert max(moved) > SPACING


@pytest.mark.parametrize("expanded", [LEERUITKOMSTEN, GROWN, MIXED, [("region:PV30", 2)]])
def test_no_two_nodes_are_drawn_on_top_of_each_other(bundled, expanded):
    positions = list(placed(bundled.expand(expanded)).positions.values())
    closest = min(math.dist(a, b) for i, a in enumerate(positions) for b in positions[i + 1 :])
    assert closest > SPACING / 3  # nodes are at most 34 px wide


def test_the_same_view_is_drawn_the_same_way(bundled):
    view = bundled.expand(MIXED)
    assert placed(view) == placed(view)


def test_a_large_view_is_grouped_by_kind_with_a_counted_label_above_each_group(bundled):
    view = bundled.expand(MIXED)
    assert len(view.nodes) > GROUPED_FROM
    placement = placed(view)
    counts = Counter(n.kind for n in view.nodes)
    assert {kind: n for kind, (_, n) in placement.groups.items()} == counts
    for kind, ((_, label_y), _) in placement.groups.items():
        tops = [placement.positions[n.id][1] for n in view.nodes if n.kind == kind]
        assert label_y < min(tops)  # above its group (y grows downwards)
    assert nearest_own_centre(view, placement) >= 0.75


def test_a_small_view_is_not_grouped_and_would_not_be_clustered_by_chance(bundled):
    """What the grouping adds: a view of the same kinds drawn without it is mixed."""
    view = bundled.expand(GROWN)
    assert len(view.nodes) <= GROUPED_FROM
    placement = placed(view)
    assert placement.groups == {}
    assert nearest_own_centre(view, placement) < 0.6
