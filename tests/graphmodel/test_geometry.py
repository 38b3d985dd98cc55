"""Centroids for "the nearest covered region"."""

from __future__ import annotations

import pytest

from graphmodel.geometry import centroid, combine


def test_square_with_a_hole():
    outer = [[0, 0], [0, 4], [4, 4], [4, 0], [0, 0]]
    hole = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    found = centroid({"type": "Polygon", "coordinates": [outer, hole]})
    assert found.area == pytest.approx(15)
    assert found.longitude == pytest.approx((16 * 2 - 0.5) / 15)


def test_multipolygon_weighs_parts_by_area():
    small = [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]
    large = [[[10, 0], [10, 3], [13, 3], [13, 0], [10, 0]]]
    found = centroid({"type": "MultiPolygon", "coordinates": [small, large]})
    assert found.longitude == pytest.approx((0.5 * 1 + 11.5 * 9) / 10)
    assert combine([found]) == found
