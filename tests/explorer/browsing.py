"""What a person does in the browser, as helpers for the browser tests."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys

__all__ = ["choose", "downloaded", "read_dutch_csv"]


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


def read_dutch_csv(path: Path) -> tuple[dict[str, str], list[dict[str, str]]]:
    """A CSV as Dutch Excel opens it: a byte-order mark, ";" between cells, the lines
    saying what it shows, an empty line, then the table. Returns both parts."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    head, _, table = text.partition("\r\n\r\n")
    about = dict(csv.reader(io.StringIO(head, newline=""), delimiter=";"))
    return about, list(csv.DictReader(io.StringIO(table, newline=""), delimiter=";"))
