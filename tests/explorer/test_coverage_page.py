"""Regionale dekking: the page in a real headless Chromium on the bundled data, and its
heat map as a figure."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.action_builder import ActionBuilder

import graphmodel
from benchmarks.callbacks import UPDATE, callback_key, payload, unfolding
from explorer import choices, maps
from explorer.app import create_app
from explorer.components import TABLE_ROWS_SHOWN
from explorer.pages.coverage import (
    BEHIND_LISTED,
    heat_axes,
    heat_map,
    mapped_levels,
    offered_levels,
)
from graphmodel.errors import StoreUnavailable
from tests.explorer.browsing import choose, downloaded, read_dutch_csv

SCREENSHOTS = Path(__file__).parents[2] / "docs" / "screenshots"
MAP_AREAS = "#coverage-map path.choroplethlocation"


# The lines above a download's table, as the pinned day and the page's Dutch say them
ABOUT = {
    "Regionale dekking": "",
    "Onderwerp": "(alle)",
    "Indeling": "Provincies",
    "Soort actor": "(alle)",
    "Datum": "2026-11-22",
    "Bron": "Verbindplaats; per feit de bron in de app (Over de data)",
    "": "Kaartgrenzen: CBS/Kadaster (CC BY 4.0)",
}


def summary(frame: pd.DataFrame) -> str:
    own, gaps = int((frame["total"] > 0).sum()), int(frame["gap"].sum())
    wider = len(frame) - own - gaps
    if not wider:
        return f"{own} van de {len(frame)} regio's hebben minstens één actor, {gaps} geen."
    return (
        f"{own} van de {len(frame)} regio's hebben minstens één eigen actor, {wider} alleen "
        f"actoren die in een grotere regio eromheen werken, {gaps} geen."
    )


def totals(frame: pd.DataFrame) -> dict[str, int]:
    return dict(zip(frame["region"], frame["total"], strict=True))


def table_totals(browser) -> dict[str, int]:
    """Region -> total, read from the map's table twin (opened first, as a person would)."""
    details = browser.find_element("#coverage-body details.coverage-table")
    if not details.get_attribute("open"):
        details.find_element("css selector", "summary").click()
    headers = [h.text for h in details.find_elements("css selector", "th")]
    column = headers.index("Totaal")
    rows = [
        [cell.text for cell in row.find_elements("css selector", "td")]
        for row in details.find_elements("css selector", "tbody tr")
    ]
    return {row[0]: int(row[column]) for row in rows}


@pytest.mark.browser
def test_switching_the_topic_recolours_the_map_and_the_csv_holds_it(browser, bundled):
    everything = bundled.coverage("provincie")
    chosen = bundled.coverage("provincie", "topic:zij-instroom")
    browser.start_server(create_app(bundled))
    browser.driver.get(browser.server_url + "/dekking")
    browser.wait_for_text_to_equal(".coverage-summary", summary(everything))
    browser.wait_for_element(MAP_AREAS)
    assert len(browser.find_elements(MAP_AREAS)) == 12
    assert table_totals(browser) == totals(everything)

    choose(browser, "coverage-topic", "zij-instr", option="zij-instroom")
    browser.wait_for_text_to_equal(".coverage-summary", summary(chosen))
    assert "topic=topic%3Azij-instroom" in browser.driver.current_url
    assert table_totals(browser) == totals(chosen)
    gaps = browser.find_element("#coverage-gaps").text
    assert f"Zonder dekking ({int(chosen['gap'].sum())})" in gaps
    assert "Groningen — dichtstbij met dekking: Drenthe (40 km)" in gaps
    browser.wait_for_element("#coverage-heat .js-plotly-plot")

    browser.find_element("#coverage-csv").click()
    about, rows = read_dutch_csv(downloaded(browser, "dekking-provincie-zij-instroom.csv"))
    assert about == {**ABOUT, "Onderwerp": "zij-instroom"}
    assert list(rows[0])[:3] == ["Regio", "CBS-code", "Organisatie"]
    assert {r["Regio"]: int(r["Totaal"]) for r in rows} == totals(chosen)
    assert {r["Regio"]: r["Zonder dekking"] for r in rows}["Groningen"] == "ja"
    browser.find_element("#coverage-xlsx").click()
    saved = downloaded(browser, "dekking-provincie-zij-instroom.xlsx")
    workbook = pd.read_excel(saved, sheet_name=None)
    assert list(workbook) == ["Tabel", "Actoren", "Over deze tabel"]
    assert list(workbook["Tabel"]["Totaal"]) == list(chosen["total"])
    assert workbook["Tabel"]["Totaal"].dtype.kind == "i"  # numbers, not texts
    names = workbook["Actoren"]
    assert names.groupby("Regio").size().to_dict() == {
        region: n for region, n in totals(chosen).items() if n
    }
    drenthe = names[names["Regio"] == "Drenthe"]
    assert "Windesheim" in set(drenthe["Actor"])
    assert all(why.startswith("werkt aan ") for why in names["Waarom hier"])
    assert names["Geverifieerd"].dtype.kind == "M"  # dates, not texts

    page_width = browser.driver.execute_script("return document.documentElement.scrollWidth")
    assert page_width <= 1280  # no horizontal scrolling
    height = browser.driver.execute_script("return document.documentElement.scrollHeight")
    browser.driver.set_window_size(1280, height + 150)  # the whole page: map and heat map
    browser.driver.save_screenshot(str(SCREENSHOTS / "dekking.png"))
    assert browser.get_logs() == []


@pytest.mark.browser
def test_a_permalink_opens_its_view_and_keeps_it_in_english(browser, bundled):
    frame = bundled.coverage("gemeente", "topic:zij-instroom")
    furthest = frame[frame["gap"]].sort_values("distance_km", ascending=False).iloc[0]
    browser.start_server(create_app(bundled))
    browser.driver.get(browser.server_url + "/dekking?level=gemeente&topic=topic:zij-instroom")
    browser.wait_for_text_to_equal(".coverage-summary", summary(frame))
    assert browser.find_element("#coverage-level input[value='gemeente']").is_selected()
    assert browser.find_element("#coverage-topic").text == "zij-instroom"
    browser.wait_for_element(MAP_AREAS)
    assert len(browser.find_elements(MAP_AREAS)) == 342
    first_gap = browser.find_element("#coverage-gaps li").text
    assert first_gap == (
        f"{furthest['region']} — dichtstbij met dekking: {furthest['nearest']} "
        f"({round(furthest['distance_km'])} km)"
    )

    browser.find_element("#language input[value='en']").click()
    browser.wait_for_text_to_equal(".coverage h2", "Regional coverage")
    browser.wait_for_contains_text(".coverage-summary", f"of the {len(frame)} regions")
    assert (
        browser.find_element("#coverage-topic").text
        == "zij-instroom (career-switcher routes into teaching)"
    )
    url = browser.driver.current_url
    assert "level=gemeente" in url and "topic=topic%3Azij-instroom" in url and "lang=en" in url
    assert browser.get_logs() == []


@pytest.mark.browser
def test_an_unreachable_store_is_said_plainly(browser, monkeypatch):
    store = graphmodel.open()

    def refuse(*_args: object) -> None:
        raise StoreUnavailable("Neo4j at bolt://10.0.0.7:7687 refused the connection")

    # what every question asks the store first: its version, for the read model
    monkeypatch.setattr(store.store, "version", refuse)
    browser.start_server(create_app(store))
    browser.driver.get(browser.server_url + "/dekking")
    browser.wait_for_contains_text("#page", "niet bereikbaar")
    assert "bolt://" not in browser.find_element("#page").text


# --- without a browser --------------------------------------------------------------


def test_only_levels_with_gemeenten_get_a_map(bundled):
    # dataset v2 gave three RAP regions their gemeenten; onderwijsregio's still have none
    assert mapped_levels(bundled) == ["provincie", "gemeente", "corop", "rap-regio"]


def test_the_heat_map_leaves_out_empty_rows_and_columns():
    matrix = pd.DataFrame(
        [
            ("r:a", "Aa", "t:x", "x", 2),
            ("r:a", "Aa", "t:y", "y", 0),
            ("r:b", "Bb", "t:x", "x", 0),
            ("r:b", "Bb", "t:y", "y", 0),
            ("r:c", "Cc", "t:x", "x", 0),
            ("r:c", "Cc", "t:y", "y", 5),
        ],
        columns=["region_id", "region", "topic_id", "topic", "actors"],
    )
    figure = heat_map(matrix, {"t:x": "Xylofoon", "t:y": "Yoga"}, "t:y", "actoren")
    (trace,) = go.Figure(figure).data  # what plotly would draw: it knows every property
    assert list(trace.y) == ["Aa", "Cc"]
    assert list(trace.x) == ["Xylofoon", "Yoga"]
    layout = go.Figure(figure).layout
    assert trace.z[0][0] == 2 and trace.z[1][1] == 5
    assert pd.isna(trace.z[0][1])  # none: an empty (grey) cell, not the scale's lightest
    assert layout.plot_bgcolor == maps.GAP_COLOUR
    (outline,) = layout.shapes
    assert (outline.x0, outline.x1) == (0.5, 1.5)  # around the chosen topic's column


def test_regions_of_one_name_get_a_row_each_and_a_click_names_the_right_one():
    matrix = pd.DataFrame(
        [
            ("region:GM0373", "Bergen", "t:x", "x", 1),
            ("region:GM0893", "Bergen", "t:x", "x", 3),
            ("region:GM0363", "Amsterdam", "t:x", "x", 0),
        ],
        columns=["region_id", "region", "topic_id", "topic", "actors"],
    )
    labels = {"t:x": "2024"}  # a label of digits stays a category, not a number
    figure = go.Figure(heat_map(matrix, labels, None, "actoren"))
    assert list(figure.data[0].y) == ["Bergen (GM0373)", "Bergen (GM0893)"]
    assert figure.layout.xaxis.type == figure.layout.yaxis.type == "category"
    axes = heat_axes(matrix, labels)
    assert axes.cell("Bergen (GM0893)", "2024") == ("region:GM0893", "t:x")
    assert axes.cell("Bergen", "2024") is None  # a crafted click names no cell
    assert axes.cell("Amsterdam", "2024") is None  # no row: no actor there


def test_the_heat_map_of_the_bundled_provinces_has_every_topic_with_actors(bundled):
    matrix = bundled.coverage_matrix("provincie")
    labels = {t.id: t.name for t in bundled.nodes_of("Topic")}
    figure = heat_map(matrix, labels, None, "actoren")
    with_actors = matrix.groupby("topic_id")["actors"].sum()
    (trace,) = figure["data"]
    assert set(trace["x"]) == {labels[t] for t in with_actors[with_actors > 0].index}
    assert len(trace["y"]) == 12
    assert "shapes" not in figure["layout"]


# --- every count opens --------------------------------------------------------------

REGION_PATH = """return [...document.querySelectorAll(arguments[0])].find(
    p => p.__data__ && p.__data__.loc === arguments[1]);"""
FIRST_CELLS = """return [...arguments[0].querySelectorAll('tbody tr td:first-child')]
    .map(cell => cell.innerText);"""
# Where on the screen (viewport pixels) the heat map draws the cell of a topic and a region
HEAT_CELL = """const plot = document.querySelector('#coverage-heat .js-plotly-plot');
const trace = plot._fullData[0], xaxis = plot._fullLayout.xaxis, yaxis = plot._fullLayout.yaxis;
const column = [...trace.x].indexOf(arguments[0]), row = [...trace.y].indexOf(arguments[1]);
const area = plot.querySelector('.nsewdrag').getBoundingClientRect();
return [Math.round(area.left + xaxis.l2p(column)), Math.round(area.top + yaxis.l2p(row))];"""


def click_at(browser, x: int, y: int) -> None:
    """A mouse click at viewport pixel (x, y)."""
    actions = ActionBuilder(browser.driver)
    actions.pointer_action.move_to_location(x, y).click()
    actions.perform()


@pytest.mark.browser
def test_a_click_on_a_region_lists_the_actors_behind_its_count(browser, bundled):
    behind = bundled.coverage_actors("provincie", "topic:zij-instroom", region="region:PV22")
    assert len(behind) == 8  # the count the issue found for Drenthe
    browser.start_server(create_app(bundled))
    browser.driver.get(browser.server_url + "/dekking?topic=topic:zij-instroom")
    browser.wait_for_element(MAP_AREAS)
    drenthe = browser.driver.execute_script(REGION_PATH, MAP_AREAS, "region:PV22")
    ActionChains(browser.driver).move_to_element(drenthe).click().perform()  # as a mouse
    browser.wait_for_text_to_equal("#coverage-actors h3", "Drenthe, zij-instroom: 8 actoren")
    items = [li.text for li in browser.find_elements("#coverage-actors li")]
    assert len(items) == 8
    why = "werkt aan zij-instroom via Oost Werkt; in Drenthe via Oost Werkt"
    assert f"Windesheim (Organisatie) — {why}" in items
    twin = browser.find_element("#coverage-actors details")
    twin.find_element("css selector", "summary").click()  # drawn when opened
    until(lambda: browser.driver.execute_script(FIRST_CELLS, twin), timeout=10)
    shown = browser.driver.execute_script(FIRST_CELLS, twin)
    assert sorted(shown) == sorted(behind["actor"])
    assert browser.get_logs() == []


@pytest.mark.browser
def test_a_click_on_a_heat_map_cell_lists_the_actors_behind_it(browser, bundled):
    matrix = bundled.coverage_matrix("provincie")
    cell = matrix[
        (matrix["region_id"] == "region:PV23") & (matrix["topic_id"] == "topic:zij-instroom")
    ]
    (count,) = cell["actors"]
    behind = bundled.coverage_actors("provincie", "topic:zij-instroom", region="region:PV23")
    assert len(behind) == count > 1
    browser.start_server(create_app(bundled))
    browser.driver.get(browser.server_url + "/dekking")
    browser.wait_for_element("#coverage-heat .nsewdrag")
    browser.driver.execute_script(
        "document.querySelector('#coverage-heat').scrollIntoView({block: 'center'});"
    )
    labels = {t.id: choices.topic_label(t, "nl") for t in bundled.nodes_of("Topic")}
    axes = heat_axes(matrix, labels)
    column, row = axes.columns["topic:zij-instroom"], axes.rows["region:PV23"]
    click_at(browser, *browser.driver.execute_script(HEAT_CELL, column, row))
    browser.wait_for_text_to_equal(
        "#coverage-heat-actors h3", f"Overijssel, zij-instroom: {count} actoren"
    )
    items = [li.text for li in browser.find_elements("#coverage-heat-actors li")]
    assert sorted(i.split(" (")[0] for i in items) == sorted(behind["actor"])
    twin = browser.find_element(".coverage-heat > details")  # the cells as a table
    twin.find_element("css selector", "summary").click()  # drawn by the server when opened
    until(lambda: browser.driver.execute_script(FIRST_CELLS, twin), timeout=10)
    regions = browser.driver.execute_script(FIRST_CELLS, twin)
    assert regions == list(matrix[matrix["actors"] > 0]["region"])
    assert browser.get_logs() == []


@pytest.mark.browser
def test_levels_agree_regions_inside_a_covered_province_are_covered_from_around(browser, bundled):
    frame = bundled.coverage("corop", "topic:zij-instroom")
    browser.start_server(create_app(bundled))
    browser.driver.get(browser.server_url + "/dekking?level=corop&topic=topic:zij-instroom")
    browser.wait_for_text_to_equal(".coverage-summary", summary(frame))
    assert "alleen actoren die in een grotere regio eromheen werken" in summary(frame)
    browser.wait_for_contains_text("#coverage-map .legend", "gedekt vanuit een grotere regio")
    assert "Noord-Drenthe" not in browser.find_element("#coverage-gaps").text
    area = browser.driver.execute_script(REGION_PATH, MAP_AREAS, "region:CR07")
    ActionChains(browser.driver).move_to_element(area).click().perform()
    browser.wait_for_text_to_equal("#coverage-actors h3", "Noord-Drenthe, zij-instroom: 0 actoren")
    assert browser.find_element("#coverage-actors p").text == (
        "geen eigen actoren; 8 werken in een grotere regio eromheen"
    )

    browser.find_element("#coverage-level input[value='onderwijsregio']").click()
    browser.wait_for_contains_text(
        "#coverage-body .notice", "nog niet geladen welke gemeenten erbij horen"
    )
    browser.find_element("#coverage-body .coverage-table summary").click()  # drawn when opened
    rows = "#coverage-body .coverage-table tbody tr"
    expected = len(bundled.coverage("onderwijsregio", "topic:zij-instroom"))
    until(lambda: len(browser.find_elements(rows)) == expected, timeout=10)
    assert browser.get_logs() == []


def test_every_level_with_regions_is_offered_even_without_a_map(bundled):
    levels = ["provincie", "gemeente", "corop", "onderwijsregio", "rap-regio"]
    assert offered_levels(bundled) == levels


def test_the_map_fetches_its_geometry_once_from_an_address_that_names_it(bundled):
    app = create_app(bundled)
    client = app.server.test_client()
    values = {"coverage-level.value": "corop", "language.value": "nl"}
    key = callback_key(app.callback_map, "coverage-body.children")
    body = payload(app.callback_map, key, values, ("coverage-level.value",))
    answer = client.post(UPDATE, json=body).get_json()
    addresses = set(_values_of("geojson", answer))
    (address,) = addresses  # every trace names the same one; no answer holds geometry
    path, digest = address.split("?v=")
    assert path == "/kaart/corop.geojson" and len(digest) == 16
    served = client.get(address)
    assert served.status_code == 200 and served.mimetype == "application/geo+json"
    assert served.cache_control.max_age >= 86400 and served.cache_control.public
    features = json.loads(served.data)["features"]
    assert {f["id"] for f in features} == set(bundled.coverage("corop")["region_id"])
    assert client.get("/kaart/onderwijsregio.geojson").status_code == 404  # no map
    assert client.get("/kaart/..%2Fsecret.geojson").status_code == 404


def _values_of(key: str, tree: object) -> list:
    """Every value under `key` anywhere in a JSON tree."""
    if isinstance(tree, dict):
        return [v for k, v in tree.items() if k == key] + [
            found for v in tree.values() for found in _values_of(key, v)
        ]
    if isinstance(tree, list):
        return [found for v in tree for found in _values_of(key, v)]
    return []


def test_the_heat_map_s_table_travels_as_its_source_and_is_drawn_when_opened(bundled):
    app = create_app(bundled)
    client = app.server.test_client()
    values = {"coverage-level.value": "provincie", "language.value": "nl"}
    key = callback_key(app.callback_map, "coverage-body.children")
    body = payload(app.callback_map, key, values, ("coverage-level.value",))
    answer = client.post(UPDATE, json=body).get_json()
    stores = [d for d in _values_of("data", answer) if isinstance(d, dict)]  # not the figures'
    (data,) = [d for d in stores if d.get("table") == "coverage-heat"]
    assert data["rows"] is None  # thousands at the gemeente level: not sent with the map
    assert data["source"] == ["coverage-heat-cells", "provincie", "", "nl"]
    matrix = bundled.coverage_matrix("provincie")
    cells = matrix[matrix["actors"] > 0]
    labels = {t.id: choices.topic_label(t, "nl") for t in bundled.nodes_of("Topic")}
    expected = [
        [region, labels[topic], str(n)]
        for region, topic, n in zip(
            cells["region"], cells["topic_id"], cells["actors"], strict=True
        )
    ]
    assert _cells(_opened(app, data)) == expected[:TABLE_ROWS_SHOWN] and len(expected) > 100
    crafted_sources = (
        ["elsewhere"],
        ["coverage-heat-cells", "nowhere", "", "nl"],  # no such level
        ["coverage-heat-cells", "provincie"],  # too few arguments
        [1, 2],
        [],
        "coverage-heat-cells",
    )
    for source in crafted_sources:
        crafted = _opened(app, {**data, "source": source})
        assert _cells(crafted) == [] and "notice" in json.dumps(crafted)
    crafted = _opened(app, {**data, "columns": [["nowhere", "Nergens"]]})
    assert _cells(crafted) == [] and "notice" in json.dumps(crafted)


def _opened(app, data: dict) -> list:
    """What the server draws when the folded table of `data` is opened in the browser."""
    body = unfolding(app.callback_map, data)
    answer = app.server.test_client().post(UPDATE, json=body).get_json()
    (drawn,) = [v["children"] for v in answer["response"].values() if "children" in v]
    return drawn


def _cells(drawn: list) -> list[list[str]]:
    """The text of a drawn table's body rows."""
    bodies = [b for b in _values_of("children", drawn) if isinstance(b, list) and b]
    rows = [r for body in bodies for r in body if isinstance(r, dict) and r.get("type") == "Tr"]
    rows = [r for r in rows if all(c.get("type") == "Td" for c in r["props"]["children"])]
    return [[c["props"]["children"] for c in r["props"]["children"]] for r in rows]


def test_behind_a_large_count_the_first_hundred_are_listed_and_the_table_holds_all(bundled):
    behind = bundled.coverage_actors("provincie", region="region:PV28")
    assert len(behind) > BEHIND_LISTED  # Zuid-Holland, every topic and kind
    app = create_app(bundled)
    values = {"coverage-level.value": "provincie", "language.value": "nl"}
    values["coverage-map.clickData"] = {"points": [{"location": "region:PV28"}]}
    key = callback_key(app.callback_map, "coverage-actors.children")
    body = payload(app.callback_map, key, values, ("coverage-map.clickData",))
    answer = app.server.test_client().post(UPDATE, json=body).get_json()
    text = json.dumps(answer, ensure_ascii=False)
    assert text.count('"type": "Li"') == BEHIND_LISTED
    assert f"… en nog {len(behind) - BEHIND_LISTED}: allemaal in de tabel" in text
    stores = [d for d in _values_of("data", answer) if isinstance(d, dict)]
    (data,) = [d for d in stores if d.get("table") == "coverage-actors"]
    assert data["rows"] is None
    assert sorted(row[0] for row in _cells(_opened(app, data))) == sorted(behind["actor"])
