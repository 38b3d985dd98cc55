"""The explorer in a real headless Chromium, driven as a person would."""

from __future__ import annotations

from pathlib import Path

import pytest

import graphmodel
from explorer.app import create_app
from graphmodel.memory import MemoryStore

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parents[2] / "docs" / "screenshots"


@pytest.fixture
def mini_store(mini_batch) -> MemoryStore:
    store = MemoryStore()
    store.load(mini_batch)
    return store


def test_search_selects_the_best_hit_and_shows_its_connections(browser, mini_store):
    browser.start_server(create_app(mini_store))
    browser.find_element("#search").send_keys("flexibilisering")
    browser.wait_for_text_to_equal("#details h2", "flexibilisering")
    details = browser.find_element("#details").text
    assert "Onderzoeksgroep (2)" in details
    assert "Leren en Innoveren — werkt aan" in details
    assert "Bron: 001_3629ba6a81073cc0.txt" in details
    assert browser.get_logs() == []


def test_choosing_a_result_and_switching_to_english(browser, mini_store):
    browser.start_server(create_app(mini_store))
    browser.find_element("#search").send_keys("amsterdam")
    browser.wait_for_element("#results button")
    buttons = browser.find_elements("#results button")
    assert [b.text.split("\n")[0] for b in buttons] == ["Amsterdam", "Hogeschool van Amsterdam"]
    buttons[1].click()
    browser.wait_for_text_to_equal("#details h2", "Hogeschool van Amsterdam")
    browser.find_element("#language input[value='en']").click()
    browser.wait_for_contains_text("#details", "Person (1)")
    assert "affiliated with (lector)" in browser.find_element("#details").text
    assert browser.get_logs() == []


def test_tapping_a_graph_node_selects_it(browser, mini_store):
    browser.start_server(create_app(mini_store))
    browser.find_element("#search").send_keys("marco snoek")
    browser.wait_for_text_to_equal("#details h2", "Marco Snoek")
    browser.wait_for_element("#graph canvas")
    browser.driver.execute_script("window.cy.getElementById('rg:leren-en-innoveren').emit('tap');")
    browser.wait_for_text_to_equal("#details h2", "Leren en Innoveren")


def test_leeruitkomsten_shows_people_and_organisations_of_the_bundled_data(browser):
    browser.start_server(create_app(graphmodel.open()))
    browser.find_element("#search").send_keys("leeruitkomsten")
    browser.wait_for_text_to_equal("#details h2", "leeruitkomsten")
    browser.wait_for_element("#nearby")
    details = browser.find_element("#details").text
    assert "Windesheim — werkt aan" in details
    assert "(persoon)" in browser.find_element("#nearby").text
    browser.driver.save_screenshot(str(SCREENSHOTS / "verkennen-leeruitkomsten.png"))
    assert browser.get_logs() == []
