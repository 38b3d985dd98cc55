"""In Chromium: ask for a link, receive it through the SMTP server, follow it, see the
signed-in name in the header, sign out; the header in Dutch and English."""

from __future__ import annotations

import pytest
from dash.testing.wait import until

from explorer.accounts import header
from tests import conftest as shared

pytestmark = pytest.mark.browser

ADDRESS = "docent@example.nl"


@pytest.fixture
def serve(browser, make_app, provider_for):
    """Start the explorer with accounts in dash_duo's server (with the institution's
    login through a real provider when asked)."""

    def start(institution: bool = False) -> str | None:
        port = shared.next_dash_port()
        public_url = f"http://localhost:{port}"
        oidc = provider_for(public_url) if institution else None
        browser.start_server(make_app(public_url, oidc), port=port)
        return oidc.issuer if oidc else None

    return start


def shown(browser, selector: str) -> bool:
    found = browser.find_elements(selector)
    return bool(found) and found[0].is_displayed()


def test_sign_in_by_mail_link_and_out_again(browser, serve, mailbox):
    serve()
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


def test_the_header_speaks_english_when_asked(browser, serve):
    serve()
    browser.wait_for_text_to_equal(f"#{header.SIGN_IN_LINK}", "Inloggen")
    browser.find_element("#language input[value='en']").click()
    browser.wait_for_text_to_equal(f"#{header.SIGN_IN_LINK}", "Sign in")
    browser.find_element(f"#{header.SIGN_IN_LINK}").click()
    browser.wait_for_contains_text("main", "Reading needs no account")
    assert browser.get_logs() == []


def test_sign_in_with_the_institutions_account_and_out_again(browser, serve):
    provider = serve(institution=True)
    browser.wait_for_text_to_equal(f"#{header.SIGN_IN_LINK}", "Inloggen")
    browser.find_element(f"#{header.SIGN_IN_LINK}").click()
    browser.wait_for_contains_text("main", "Inloggen met je instelling")
    browser.find_element("main a.button").click()

    # the provider's own pages: its sign-in form, then its consent
    browser.wait_for_element("input[name=login]").send_keys("testdocent")
    browser.find_element("input[name=password]").send_keys("any password")
    browser.find_element("button[type=submit]").click()
    browser.wait_for_contains_text("button[type=submit]", "Continue")
    browser.find_element("button[type=submit]").click()

    browser.wait_for_text_to_equal(f"#{header.NAME}", "Test Docent")
    browser.find_element(f"#{header.SIGN_OUT_BUTTON}").click()
    browser.wait_for_text_to_equal(f"#{header.SIGN_IN_LINK}", "Inloggen")
    # the provider's development pages ask for a web font this closed network lacks, and
    # for a favicon it has not
    theirs = (provider, "https://fonts.googleapis.com/")
    assert [e for e in browser.get_logs() if not e["message"].startswith(theirs)] == []
