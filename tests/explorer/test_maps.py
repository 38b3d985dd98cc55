"""The offline map: CBS shapes, regions as unions of gemeenten, the choropleth figure."""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
import pytest

from explorer import maps
from graphmodel.geometry import read_shapes, signed_area

SQUARE = [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0), (0.0, 0.0)]  # clockwise


def square(x: float, y: float, size: float = 1.0) -> maps.Polygon:
    """A clockwise square polygon with its lower left corner at (x, y)."""
    return [[(x + dx * size, y + dy * size) for dx, dy in SQUARE]]


def area(shape: maps.Shape) -> float:
    """The area a shape covers: outer rings minus holes."""
    return -sum(signed_area(ring) for polygon in shape for ring in polygon)


def test_read_shapes_keys_the_cbs_files_by_code():
    gemeenten = read_shapes(maps.GEMEENTEN, "gemeenteCode")
    provinces = read_shapes(maps.GEMEENTEN.with_name("provincies-2025.geojson"), "provincieCode")
    assert len(gemeenten) == 342
    assert gemeenten["GM0014"]["type"] == "MultiPolygon"
    assert sorted(provinces) == [f"PV{n}" for n in range(20, 32)]


def test_every_gemeente_of_the_bundled_data_has_a_shape(bundled):
    codes = {g.get("code") for g in bundled.nodes_of("Region", {"level": "gemeente"})}
    assert len(codes) == 342
    assert codes <= set(maps.gemeente_shapes())


def test_gemeente_rings_are_clockwise_and_rounded():
    shapes = maps.gemeente_shapes()
    rings = [ring for shape in shapes.values() for polygon in shape for ring in polygon[:1]]
    assert all(signed_area(ring) < 0 for ring in rings)
    assert all(ring[0] == ring[-1] for ring in rings)
    assert all(round(x, 3) == x and round(y, 3) == y for ring in rings for x, y in ring)


def test_a_counter_clockwise_polygon_is_wound_clockwise_with_its_hole_the_other_way():
    outer = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]  # counter-clockwise, as RFC 7946 has it
    hole = [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]  # clockwise
    (polygon,) = maps.to_shape({"type": "Polygon", "coordinates": [outer, hole]})
    assert signed_area(polygon[0]) == -16
    assert signed_area(polygon[1]) == 1


def test_two_neighbours_dissolve_into_one_ring_without_their_shared_border():
    (polygon,) = maps.dissolve([square(0, 0), square(1, 0)])
    (ring,) = polygon
    assert signed_area(ring) == -2
    assert len(ring) == 7  # six corners, the first repeated
    assert (1.0, 0.0) in ring and (1.0, 1.0) in ring  # ends of the old border remain corners


def test_a_ring_of_regions_dissolves_into_a_polygon_with_a_hole():
    frame = [square(x, y) for x in range(3) for y in range(3) if (x, y) != (1, 1)]
    (polygon,) = maps.dissolve(frame)
    outer, hole = polygon
    assert signed_area(outer) == -9
    assert signed_area(hole) == 1  # counter-clockwise: plotly draws it as a hole
    assert maps.dissolve([*frame, square(1, 1)]) == [[outer]]


def test_separate_parts_stay_separate_largest_first():
    shape = maps.dissolve([square(0, 0), square(5, 5, size=2)])
    assert [signed_area(polygon[0]) for polygon in shape] == [-4, -1]


def test_provinces_cover_exactly_their_gemeenten(bundled):
    members = bundled.gemeenten("provincie")
    provinces = maps.level_shapes(bundled, "provincie")
    shapes = maps.gemeente_shapes()
    assert set(provinces) == set(members)
    for region, gemeenten in members.items():
        expected = sum(area(shapes[g.get("code")]) for g in gemeenten)
        assert area(provinces[region]) == pytest.approx(expected, rel=1e-9)
        for polygon in provinces[region]:
            assert signed_area(polygon[0]) < 0
            assert all(signed_area(hole) > 0 for hole in polygon[1:])


def test_a_region_is_drawn_from_the_gemeenten_that_have_shapes():
    shapes = {"GM1": [square(0, 0)], "GM2": [square(1, 0)]}
    found = maps.region_shapes({"a": ["GM1", "GM2", "GM9"], "b": ["GM9"]}, shapes)
    assert list(found) == ["a"]
    assert area(found["a"]) == 2


def test_the_choropleth_has_one_area_per_region_and_grey_gaps(bundled):
    shapes = maps.level_shapes(bundled, "corop")
    frame = bundled.coverage("corop", topic="topic:leeruitkomsten")
    counts = dict(zip(frame["region_id"], frame["total"], strict=True))
    wider = dict(zip(frame["region_id"], frame["wider"], strict=True))
    hover = dict(zip(frame["region_id"], frame["region"], strict=True))
    texts = maps.MapTexts("actoren", "geen", "van buitenaf")
    figure = maps.choropleth(
        list(shapes), maps.feature_collection(shapes), counts, hover, texts, wider
    )
    around, gaps, covered = figure["data"]
    assert sorted([*around["locations"], *gaps["locations"], *covered["locations"]]) == sorted(
        frame["region_id"]
    )
    assert set(gaps["locations"]) == set(frame.loc[frame["gap"], "region_id"])
    assert set(around["locations"]) == set(
        frame.loc[(frame["total"] == 0) & ~frame["gap"], "region_id"]
    )
    assert {f["id"] for f in covered["geojson"]["features"]} == set(shapes)
    assert list(covered["z"]) == [counts[r] for r in covered["locations"]]
    assert min(covered["z"]) >= 1
    assert {c for _, c in gaps["colorscale"]} == {maps.GAP_COLOUR}
    assert {c for _, c in around["colorscale"]} == {maps.WIDER_COLOUR}
    assert maps.GAP_COLOUR not in {c for _, c in covered["colorscale"]}
    assert gaps["showlegend"] and gaps["name"] == "geen"
    assert around["showlegend"] and around["name"] == "van buitenaf"
    assert covered["text"][0] == hover[covered["locations"][0]]
    go.Figure(figure)  # what plotly would draw: every property is one it knows


def test_the_geometry_stays_small_and_out_of_the_figure(bundled):
    shapes = maps.level_shapes(bundled, "gemeente")
    geometry = json.dumps(maps.feature_collection(shapes))
    assert len(geometry) < 250_000  # rounded to PRECISION: fetched once, kept by the browser
    figure = maps.choropleth(
        list(shapes), "/kaart/gemeente.geojson", {}, {}, maps.MapTexts("actoren", "geen")
    )
    assert len(figure["data"]) == 1  # all gaps
    assert len(go.Figure(figure).to_json()) < 40_000  # each answer: ids, counts, hover texts


def test_the_topojson_stub_is_an_empty_world():
    folder = Path(maps.__file__).parent / "assets" / maps.TOPOJSON_FOLDER
    stub = json.loads((folder / "world_110m.json").read_text())
    assert stub["type"] == "Topology"
    assert all(not layer["geometries"] for layer in stub["objects"].values())
