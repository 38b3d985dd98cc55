"""In Chromium: a person claims the public entry that is them in the profile form; a
curator sees the claim beside what the graph holds of that person and approves it."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from tests import conftest as shared
from tests.profiles.conftest import CURATOR, PERSON, graph_of
from tests.profiles.test_browser_journey import SCREENSHOTS, sign_in_by_mail, sign_out

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]


def test_claim_in_the_form_and_a_curator_checks_it_beside_the_graph(
    browser, make_app, mailbox, curator_role
):
    port = shared.next_dash_port()
    app = make_app(f"http://localhost:{port}")
    browser.start_server(app, port=port)
    sign_in_by_mail(browser, mailbox, PERSON)
    browser.driver.get(browser.server_url + "/profiel")
    browser.wait_for_element("#name").send_keys("Marco Snoek")
    Select(browser.find_element("#topics")).select_by_visible_text("flexibilisering")
    Select(browser.find_element("#claim")).select_by_visible_text("Marco Snoek")
    browser.find_element("#listed").send_keys(Keys.SPACE)
    browser.driver.execute_script("document.getElementById('claim').scrollIntoView()")
    browser.driver.save_screenshot(str(SCREENSHOTS / "profiel-claim.png"))
    browser.find_element("#profile-submit").click()
    browser.wait_for_contains_text("main", "wacht op een curator")

    sign_out(browser)
    curator_role(CURATOR)
    sign_in_by_mail(browser, mailbox, CURATOR)
    browser.driver.get(browser.server_url + "/curator")
    browser.wait_for_contains_text("main", "Marco Snoek: te controleren")
    assert "lector" in browser.find_element("main .review").text  # the graph's side
    browser.driver.save_screenshot(str(SCREENSHOTS / "curator-claim.png"))
    browser.find_element("main .review-form button[value=approve]").click()
    browser.wait_for_contains_text("main", "Goedgekeurd en opgenomen")
    works_on = graph_of(app).relationships_of(["person:marco-snoek"])
    assert "topic:flexibilisering" in {r.end for r in works_on if r.type == "WORKS_ON"}
    assert browser.get_logs() == []
