"""The explorer on a phone (390 px wide) and by keyboard: the answer before the long
lists, a heat map one can read, the question box ready to type in; and a screenshot of
every page at that width for docs/screenshots/ (linked from the README)."""

from __future__ import annotations

from pathlib import Path

import pytest
from dash.testing.wait import until

from explorer.app import create_app
from explorer.pages.coverage import HEAT_COLUMN_PX

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parents[2] / "docs" / "screenshots"
PHONE = (390, 844)
TOP = "return document.querySelector(arguments[0]).getBoundingClientRect().top + window.scrollY;"
SIDEWAYS = "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"
VERKENNEN = "/?q=leeruitkomsten&sel=topic:leeruitkomsten&exp=topic:leeruitkomsten"
VELON = "/mensen?topic=topic:leeruitkomsten&region=region:GM0193&org=org:windesheim&sel=org:velon"


def top(browser, selector: str) -> float:
    return browser.driver.execute_script(TOP, selector)


def on_a_phone(browser, app, path: str) -> None:
    browser.start_server(app)
    browser.driver.set_window_size(*PHONE)
    browser.driver.get(f"{browser.server_url}{path}")
    browser.wait_for_element("#page > *")


def screenshot(browser, name: str) -> None:
    """The whole page at phone width, as docs/screenshots/390-<name>.png."""
    height = browser.driver.execute_script("return document.documentElement.scrollHeight")
    browser.driver.set_window_size(PHONE[0], min(height, 6000))
    browser.driver.save_screenshot(str(SCREENSHOTS / f"390-{name}.png"))


def test_verkennen_shows_the_graph_before_the_results(browser, bundled):
    on_a_phone(browser, create_app(bundled), VERKENNEN)
    browser.wait_for_text_to_equal("#details h2", "leeruitkomsten")
    browser.wait_for_element("#results .result")
    assert top(browser, "#graph") < top(browser, "#details") < top(browser, "#results")
    assert top(browser, "#graph") < PHONE[1]  # on the first screen
    assert browser.driver.execute_script(SIDEWAYS) <= 0
    until(lambda: browser.driver.execute_script("return window.cy.nodes().length") > 1, 10)
    screenshot(browser, "verkennen")
    assert browser.get_logs() == []


def test_the_people_page_shows_the_route_before_the_ranking_and_asks_at_once(browser, bundled):
    on_a_phone(browser, create_app(bundled), VELON)
    browser.wait_for_element(".people-route-text")
    assert top(browser, ".people-route") < top(browser, ".people-results")
    active = browser.driver.execute_script("return document.activeElement.id")
    assert active == "people-ask"
    assert browser.driver.execute_script(SIDEWAYS) <= 0
    screenshot(browser, "mensen")
    assert browser.get_logs() == []


def test_the_heat_map_scrolls_sideways_with_readable_columns_on_a_phone(browser, bundled):
    on_a_phone(browser, create_app(bundled), "/dekking")
    browser.wait_for_element("#coverage-heat .nsewdrag")
    scroller = browser.find_element(".coverage-heat-scroll")
    width = browser.driver.execute_script(
        "return [arguments[0].scrollWidth, arguments[0].clientWidth];", scroller
    )
    assert width[0] > width[1]  # it scrolls, inside its box
    column = browser.driver.execute_script(
        "const p = document.querySelector('#coverage-heat .js-plotly-plot');"
        "return p._fullLayout.xaxis._length / p._fullData[0].x.length;"
    )
    assert column >= HEAT_COLUMN_PX - 1
    assert browser.driver.execute_script(SIDEWAYS) <= 0  # the page itself does not
    assert scroller.get_attribute("tabindex") == "0"
    screenshot(browser, "dekking")
    assert browser.get_logs() == []


def test_about_the_data_on_a_phone(browser, bundled):
    on_a_phone(browser, create_app(bundled), "/over")
    browser.wait_for_element("#about-totals")
    assert browser.driver.execute_script(SIDEWAYS) <= 0
    screenshot(browser, "over-de-data")
    assert browser.get_logs() == []


def test_an_unknown_page_says_so_on_a_phone(browser, bundled):
    on_a_phone(browser, create_app(bundled), "/foo")
    browser.wait_for_text_to_equal("#page", "Deze pagina bestaat niet.")
    screenshot(browser, "onbekende-pagina")
