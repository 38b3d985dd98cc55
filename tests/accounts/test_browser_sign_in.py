"""In Chromium: ask for a link, receive it through the SMTP server, follow it, see the
signed-in name in the header, sign out; the header in Dutch and English."""

from __future__ import annotations

import pytest
from dash.testing.wait import until

from explorer.accounts import header
from explorer.accounts.web import Accounts
from explorer.app import create_app
from tests import conftest as shared
from tests.accounts.conftest import settings_for

pytestmark = pytest.mark.browser

ADDRESS = "docent@example.nl"


@pytest.fixture
def served(browser, database, mailbox, clock, mini_store_batch):
    """The explorer with accounts in dash_duo's server; its address."""
    port = next(shared._DASH_PORTS)
    public_url = f"http://localhost:{port}"
    accounts = Accounts(settings_for(mailbox, database.url, public_url), database, clock)
    browser.start_server(create_app(mini_store_batch, accounts=accounts), port=port)
    return public_url


@pytest.fixture
def mini_store_batch(mini_batch):
    from graphmodel.memory import MemoryStore

    store = MemoryStore()
    store.load(mini_batch)
    return store


def shown(browser, selector: str) -> bool:
    found = browser.find_elements(selector)
    return bool(found) and found[0].is_displayed()


def test_sign_in_by_mail_link_and_out_again(browser, served, mailbox):
    browser.wait_for_text_to_equal(f"#{header.SIGN_IN_LINK}", "Inloggen")
    browser.find_element(f"#{header.SIGN_IN_LINK}").click()

    browser.wait_for_element("#email").send_keys(ADDRESS)
    browser.find_element("#send-link").click()
    browser.wait_for_contains_text("main", "inloglink in je postvak")
    until(lambda: mailbox.links_to(ADDRESS), timeout=10)

    browser.driver.get(mailbox.links_to(ADDRESS)[0])
    browser.wait_for_contains_text("main", f"Inloggen als {ADDRESS}?")
    browser.find_element("main form button").click()

    browser.wait_for_text_to_equal(f"#{header.NAME}", ADDRESS)
    assert not shown(browser, f"#{header.SIGN_IN_LINK}")
    browser.find_element(f"#{header.SIGN_OUT_BUTTON}").click()
    browser.wait_for_text_to_equal(f"#{header.SIGN_IN_LINK}", "Inloggen")
    assert browser.find_element(f"#{header.NAME}").text == ""
    assert browser.get_logs() == []


def test_the_header_speaks_english_when_asked(browser, served):
    browser.wait_for_text_to_equal(f"#{header.SIGN_IN_LINK}", "Inloggen")
    browser.find_element("#language input[value='en']").click()
    browser.wait_for_text_to_equal(f"#{header.SIGN_IN_LINK}", "Sign in")
    browser.find_element(f"#{header.SIGN_IN_LINK}").click()
    browser.wait_for_contains_text("main", "Reading needs no account")
    assert browser.get_logs() == []
