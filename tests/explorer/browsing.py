"""What a person does in the browser, as helpers for the browser tests."""

from __future__ import annotations

from pathlib import Path

from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys

__all__ = ["choose", "downloaded"]


def choose(browser, dropdown_id: str, typed: str, option: str | None = None) -> None:
    """Open a dcc.Dropdown and type; then Enter takes the first match, or a click takes
    the option called `option`. Escape closes it."""
    browser.wait_for_element(f"#{dropdown_id}").click()
    search = browser.wait_for_element(".dash-dropdown-search")
    search.send_keys(typed)
    if option is None:
        search.send_keys(Keys.ENTER)
    else:
        browser.wait_for_contains_text(".dash-dropdown-options", option)
        [wanted] = [o for o in browser.find_elements(".dash-dropdown-option") if o.text == option]
        wanted.click()
    browser.driver.switch_to.active_element.send_keys(Keys.ESCAPE)


def downloaded(browser, name: str) -> Path:
    """The file the browser saved as `name` (in dash.testing's download folder)."""
    path = Path(browser.download_path) / name
    until(path.exists, timeout=10)
    return path
