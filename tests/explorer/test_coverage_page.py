"""Regionale dekking: the page in a real headless Chromium on the bundled data, and its
heat map as a figure."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

import graphmodel
from explorer import maps
from explorer.app import create_app
from explorer.pages.coverage import heat_map, mapped_levels
from graphmodel.errors import StoreUnavailable
from tests.explorer.browsing import choose, downloaded

SCREENSHOTS = Path(__file__).parents[2] / "docs" / "screenshots"
MAP_AREAS = "#coverage-map path.choroplethlocation"


def summary(frame: pd.DataFrame) -> str:
    covered = int((~frame["gap"]).sum())
    return (
        f"{covered} van de {len(frame)} regio's hebben minstens één actor, "
        f"{len(frame) - covered} geen."
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
    with open(downloaded(browser, "dekking-provincie-zij-instroom.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(chosen.columns)
    assert {r["region"]: int(r["total"]) for r in rows} == totals(chosen)
    browser.find_element("#coverage-xlsx").click()
    workbook = pd.read_excel(downloaded(browser, "dekking-provincie-zij-instroom.xlsx"))
    assert list(workbook.columns) == list(chosen.columns)
    assert list(workbook["total"]) == list(chosen["total"])

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

    monkeypatch.setattr(store.store, "follow_many", refuse)  # what the page asks the store
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
    (trace,) = figure.data
    assert list(trace.y) == ["r:a", "r:c"]
    assert list(trace.x) == ["t:x", "t:y"]
    assert list(figure.layout.yaxis.ticktext) == ["Aa", "Cc"]
    assert list(figure.layout.xaxis.ticktext) == ["Xylofoon", "Yoga"]
    assert trace.z[0][0] == 2 and trace.z[1][1] == 5
    assert pd.isna(trace.z[0][1])  # none: an empty (grey) cell, not the scale's lightest
    assert figure.layout.plot_bgcolor == maps.GAP_COLOUR
    (outline,) = figure.layout.shapes
    assert (outline.x0, outline.x1) == (0.5, 1.5)  # around the chosen topic's column


def test_the_heat_map_of_the_bundled_provinces_has_every_topic_with_actors(bundled):
    matrix = bundled.coverage_matrix("provincie")
    labels = {t.id: t.name for t in bundled.nodes_of("Topic")}
    figure = heat_map(matrix, labels, None, "actoren")
    with_actors = matrix.groupby("topic_id")["actors"].sum()
    assert set(figure.data[0].x) == set(with_actors[with_actors > 0].index)
    assert len(figure.data[0].y) == 12
    assert not figure.layout.shapes
