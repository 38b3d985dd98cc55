"""In Chromium, with the tests' real SMTP server: a member asks and sees who works on
it, an opted-in profile owner gets the mail and answers with a file, the asker marks it
helpful, Verkennen's topic panel lists the question and "Vind de juiste mensen" names
the answer as a reason.

The profile owner's profile and opt-in are made through the app's own routes with the
Flask test client (the profile's browser journey is tests/profiles'); everything the
issue names is done in the browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from tests import conftest as shared
from tests.accounts.conftest import csrf_of
from tests.accounts.test_sign_in import ask_link, token_of
from tests.forum.conftest import OWNER, opt_in
from tests.forum.test_answers import xlsx
from tests.profiles.conftest import CURATOR, decide, pending_profile
from tests.profiles.test_browser_journey import sign_in_by_mail, sign_out

SCREENSHOTS = Path(__file__).parents[2] / "docs" / "screenshots"
ASKER = "vrager@example.nl"
PERMALINK = re.compile(r"(http://localhost:\d+/forum/vraag/\d+)")


def sign_in(client, mailbox, address: str) -> None:
    """Sign the Flask test client in through the mailed link (which names the port)."""
    ask_link(client, address)
    link = mailbox.links_to(address)[-1]
    assert client.get("/" + link.split("/", 3)[3]).status_code == 200
    data = {"t": token_of(link), "csrf_token": csrf_of(client)}
    assert client.post("/inloggen/link", data=data).status_code == 303


pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]


def test_ask_reach_answer_mark_helpful_and_be_found(
    browser, make_app, mailbox, database, curator_role, tmp_path
):
    port = shared.next_dash_port()
    app = make_app(f"http://localhost:{port}")
    browser.start_server(app, port=port)
    owner = app.server.test_client()
    sign_in(owner, mailbox, OWNER)
    curator_role(CURATOR)
    curator = app.server.test_client()
    sign_in(curator, mailbox, CURATOR)
    assert decide(curator, pending_profile(owner, database).id, "approve").status_code == 200
    assert opt_in(owner).status_code == 200

    sign_in_by_mail(browser, mailbox, ASKER)
    browser.driver.get(browser.server_url + "/forum/vraag")
    title = browser.wait_for_element("#forum-title")
    title.send_keys("Hoe organiseren jullie flexibel opleiden in Amsterdam?", Keys.TAB)
    browser.driver.switch_to.active_element.send_keys("We zoeken *ervaringen* in het hbo.")
    browser.find_element("#forum-see").send_keys(Keys.ENTER)  # by keyboard
    browser.wait_for_element("#forum-people")
    chip = browser.find_element("input[name=topics][value='topic:flexibilisering']")
    assert chip.is_selected()
    region = Select(browser.find_element("#forum-region")).first_selected_option.text
    assert region == "Amsterdam"
    assert "Anna de Boer" in browser.find_element("#forum-people").text
    browser.driver.save_screenshot(str(SCREENSHOTS / "forum-vragen.png"))
    browser.find_element("#forum-post").click()
    browser.wait_for_contains_text("main", "1 mensen die aan dit onderwerp werken")

    until(lambda: [m for m in mailbox.messages if m["To"] == OWNER and "/forum/" in str(m)], 10)
    [mail] = [m for m in mailbox.messages if m["To"] == OWNER and "/forum/" in m.get_content()]
    link = PERMALINK.search(mail.get_content()).group(1)
    sign_out(browser)

    sign_in_by_mail(browser, mailbox, OWNER)
    browser.driver.get(link)
    browser.wait_for_element("#answer-body").send_keys("Bel de **HvA**: zie het overzicht.")
    sheet = tmp_path / "overzicht.xlsx"
    sheet.write_bytes(xlsx())
    browser.find_element("#answer-file").send_keys(str(sheet))
    browser.find_element("#answer-send").click()
    browser.wait_for_contains_text(".forum-answer", "overzicht.xlsx")
    browser.driver.save_screenshot(str(SCREENSHOTS / "forum-antwoord.png"))
    sign_out(browser)

    sign_in_by_mail(browser, mailbox, ASKER)
    browser.driver.get(link)
    browser.wait_for_element(".forum-helped-button button").click()
    browser.wait_for_contains_text(".forum-answer", "Dit hielp de vrager")
    browser.driver.save_screenshot(str(SCREENSHOTS / "forum-vraag.png"))

    browser.driver.get(browser.server_url + "/forum")
    Select(browser.wait_for_element("#find-topic")).select_by_visible_text("flexibilisering")
    browser.find_element("#find-send").click()
    browser.wait_for_contains_text("#forum-found", "1 antwoord(en)")
    browser.driver.save_screenshot(str(SCREENSHOTS / "forum-lijst.png"))

    browser.driver.get(browser.server_url + "/?sel=topic:flexibilisering&exp=topic:flexibilisering")
    browser.wait_for_contains_text("#forum-panel", "Hoe organiseren jullie flexibel opleiden")
    browser.driver.execute_script("document.getElementById('forum-panel').scrollIntoView()")
    browser.driver.save_screenshot(str(SCREENSHOTS / "forum-verkennen.png"))

    browser.driver.get(
        browser.server_url + "/mensen?topic=topic:flexibilisering&region=region:GM0363"
    )
    browser.wait_for_element(".people-family-people .people-result")
    first = browser.find_elements(".people-family-people .people-result")[0]
    assert first.text.split("\n")[0] == "1. Anna de Boer"
    assert "beantwoordde een vraag over flexibilisering, vandaag" in first.text
    assert browser.get_logs() == []
