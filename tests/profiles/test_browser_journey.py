"""In Chromium, with the tests' real SMTP server: sign up, fill in a profile by keyboard,
a curator approves it, and "Vind de juiste mensen" shows the person first for their
topic in their region; then the person downloads their data and deletes their account."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from explorer.accounts import header
from tests import conftest as shared
from tests.profiles.conftest import CURATOR, PERSON, graph_of

SCREENSHOTS = Path(__file__).parents[2] / "docs" / "screenshots"

# the databases are proved at the HTTP level (every other test here runs on both): in
# the browser, SQLite only, to keep CI's minutes for what only a browser can show
pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]


def sign_in_by_mail(browser, mailbox, address: str) -> None:
    browser.driver.get(browser.server_url + "/inloggen")
    browser.wait_for_element("#email").send_keys(address)
    browser.find_element("#send-link").click()
    browser.wait_for_contains_text("main", "inloglink in je postvak")
    until(lambda: mailbox.links_to(address), timeout=10)
    browser.driver.get(mailbox.links_to(address)[-1])
    browser.find_element("main form button").click()
    browser.wait_for_text_to_equal(f"#{header.NAME}", address)


def sign_out(browser) -> None:
    """Sign out from the sign-in page's own form (server-drawn: nothing to wait for)."""
    browser.driver.get(browser.server_url + "/inloggen")
    browser.wait_for_element("main form[action='/uitloggen'] button").click()
    browser.wait_for_text_to_equal(f"#{header.SIGN_IN_LINK}", "Inloggen")


def test_sign_up_fill_in_approve_and_be_found_first(browser, make_app, mailbox, curator_role):
    port = shared.next_dash_port()
    browser.start_server(make_app(f"http://localhost:{port}"), port=port)

    sign_in_by_mail(browser, mailbox, PERSON)
    browser.driver.get(browser.server_url + "/profiel")
    name = browser.wait_for_element("#name")
    name.send_keys("Anna de Boer", Keys.TAB, "lerarenopleider")  # by keyboard, field to field
    Select(browser.find_element("#organisation")).select_by_visible_text("Hogeschool van Amsterdam")
    Select(browser.find_element("#topics")).select_by_visible_text("flexibilisering")
    Select(browser.find_element("#region")).select_by_visible_text("Amsterdam")
    browser.find_element("#listed").send_keys(Keys.SPACE)
    browser.driver.save_screenshot(str(SCREENSHOTS / "profiel.png"))
    browser.find_element("#profile-submit").click()
    browser.wait_for_contains_text("main", "wacht op een curator")

    sign_out(browser)
    curator_role(CURATOR)
    sign_in_by_mail(browser, mailbox, CURATOR)
    browser.driver.get(browser.server_url + "/curator")
    browser.wait_for_contains_text("main", "Anna de Boer")
    assert "(nog niets)" in browser.find_element("main").text
    browser.driver.save_screenshot(str(SCREENSHOTS / "curator.png"))
    browser.find_element("main .review-form button[value=approve]").click()
    browser.wait_for_contains_text("main", "Goedgekeurd en opgenomen")

    browser.driver.get(
        browser.server_url + "/mensen?topic=topic:flexibilisering&region=region:GM0363"
    )
    browser.wait_for_element(".people-family-people .people-result")
    first = browser.find_elements(".people-family-people .people-result")[0]
    assert first.text.split("\n")[0] == "1. Anna de Boer"
    assert "werkt aan flexibilisering (eigen profiel, bevestigd vandaag)" in first.text
    assert browser.get_logs() == []


def test_download_and_delete_in_the_browser(browser, make_app, mailbox):
    port = shared.next_dash_port()
    browser.start_server(make_app(f"http://localhost:{port}"), port=port)
    sign_in_by_mail(browser, mailbox, PERSON)
    browser.driver.get(browser.server_url + "/profiel")
    link = browser.wait_for_element("a[href^='/profiel/gegevens']")
    cookie = browser.driver.get_cookie("verbindplaats_session")["value"]
    request = urllib.request.Request(
        link.get_attribute("href"), headers={"Cookie": f"verbindplaats_session={cookie}"}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert json.load(answer)["account"]["email"] == PERSON

    browser.find_element("form[action='/profiel/verwijderen'] button").click()
    browser.wait_for_contains_text("main", "Je account en profiel zijn verwijderd.")
    browser.driver.get(browser.server_url + "/profiel")
    browser.wait_for_contains_text("main", "Log eerst in")


def test_an_objection_removes_a_public_person_everywhere(browser, make_app, mailbox, curator_role):
    port = shared.next_dash_port()
    app = make_app(f"http://localhost:{port}")
    browser.start_server(app, port=port)
    mensen = browser.server_url + "/mensen?topic=topic:flexibilisering"
    browser.driver.get(mensen)
    browser.wait_for_contains_text(".people-family-people", "Marco Snoek")

    browser.driver.get(browser.server_url + "/bezwaar")
    Select(browser.wait_for_element("#person")).select_by_visible_text("Marco Snoek")
    browser.find_element("#name").send_keys("Marco Snoek")
    browser.find_element("#email").send_keys("m.snoek@example.nl")
    browser.find_element("#wish-remove").send_keys(Keys.SPACE)
    browser.driver.save_screenshot(str(SCREENSHOTS / "bezwaar.png"))
    browser.find_element("#object-submit").click()
    browser.wait_for_contains_text("main", "Je bezwaar is ontvangen")

    curator_role(CURATOR)
    sign_in_by_mail(browser, mailbox, CURATOR)
    browser.driver.get(browser.server_url + "/curator")
    browser.wait_for_contains_text("main", "Bezwaar: Marco Snoek")
    browser.find_element("main button[value=honour]").click()
    browser.wait_for_contains_text("main", "Besloten")

    browser.driver.get(mensen)
    browser.wait_for_element(".people-family")
    assert "Marco Snoek" not in browser.find_element(".people").text
    graph = graph_of(app)
    assert "marco-snoek" not in repr(graph.export()) + repr(graph.history())
    assert browser.get_logs() == []
