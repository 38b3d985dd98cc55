"""In Chromium: "Vind de juiste mensen" offers "Neem contact op" for a person whose
approved profile allows contact through the platform, and for nobody else; the link
leads to the relay's form and no address appears on the page."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from explorer.accounts.models import Profile
from tests import conftest as shared
from tests.profiles.conftest import CURATOR, GOOD, PERSON, decide, post, sign_in
from tests.profiles.test_browser_journey import SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]


def approved(app, mailbox, database, curator_role, reachable: str) -> str:
    """Anna's profile, filled in and approved through the app's own routes: her id."""
    person, curator = app.server.test_client(), app.server.test_client()
    sign_in(person, mailbox, PERSON)
    assert post(person, "/profiel", {**GOOD, "reachable": reachable}).status_code == 200
    curator_role(CURATOR)
    sign_in(curator, mailbox, CURATOR)
    with database.session() as db:
        profile = db.scalar(select(Profile))
    assert decide(curator, profile.id, "approve").status_code == 200
    return profile.person_id


def people_page(browser, app) -> None:
    port = shared.next_dash_port()
    browser.start_server(app, port=port)
    browser.driver.get(
        browser.server_url + "/mensen?topic=topic:flexibilisering&region=region:GM0363"
    )
    browser.wait_for_contains_text(".people-family-people", "Anna de Boer")


def test_get_in_touch_for_a_reachable_person_only(
    browser, make_app, mailbox, database, curator_role
):
    app = make_app()
    anna = approved(app, mailbox, database, curator_role, reachable="ja")
    people_page(browser, app)
    links = browser.find_elements(".people-family-people .people-contact-link")
    assert [link.text for link in links] == ["Neem contact op"]  # not for Marco Snoek
    href = links[0].get_attribute("href")
    assert href.endswith(f"/contact?naar={anna.replace(':', '%3A')}")
    assert PERSON not in browser.find_element(".people").text
    assert "@" not in browser.find_element(".people").text
    assert browser.get_logs() == []
    browser.driver.save_screenshot(str(SCREENSHOTS / "mensen-contact.png"))
    links[0].click()  # nobody is signed in in this browser: the relay asks to sign in
    browser.wait_for_contains_text("main", "Log eerst in om een bericht te sturen")


def test_no_link_for_a_person_who_chose_not_to_be_reachable(
    browser, make_app, mailbox, database, curator_role
):
    app = make_app()
    approved(app, mailbox, database, curator_role, reachable="nee")
    people_page(browser, app)
    assert browser.find_elements(".people-contact-link") == []
    assert browser.get_logs() == []
