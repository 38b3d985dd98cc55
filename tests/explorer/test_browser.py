"""Verkennen, Over de data and the shell in a real headless Chromium, driven as a person
would. (The people and coverage pages have their own files.)"""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import networkx as nx
import openpyxl
import pytest
from dash.testing.browser import Browser
from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys

from explorer.app import create_app
from explorer.placement import GROUPED_FROM
from explorer.texts import kind_label
from graphmodel.graph import Graph
from graphmodel.questions.facets import Facets
from graphmodel.questions.views import PAGE_SIZE
from graphmodel.stores.memory import MemoryStore
from graphmodel.stores.neo4j import Neo4jStore
from importers.curated import read_dataset
from tests.explorer.browsing import choose, downloaded, read_dutch_csv

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parents[2] / "docs" / "screenshots"


@pytest.fixture
def mini_store(mini_batch) -> MemoryStore:
    store = Graph(MemoryStore())
    store.load(mini_batch)
    return store


@pytest.fixture
def fresh_browser(request, tmp_path):
    """A second, separate Chromium: a colleague who opens a shared link."""
    with Browser(
        browser="chrome",
        headless=True,
        options=request.config.hook.pytest_setup_options(),
        download_path=str(tmp_path / "colleague"),
    ) as colleague:
        yield colleague


def search(browser, text: str) -> None:
    browser.wait_for_element("#search").send_keys(text)


def graph_node_ids(browser) -> set[str]:
    script = """return window.cy ? window.cy.nodes().filter(n => !n.hasClass('group-label'))
        .map(n => n.id()) : [];"""
    return set(browser.driver.execute_script(script))


FIRST_COLUMN = """return [...document.querySelector(arguments[0]).querySelectorAll(
    'tbody tr td:first-child')].map(td => td.innerText);"""


def chip_texts(browser) -> list[str]:
    """The chips' words, without the remove mark each ends with."""
    script = "return [...document.querySelectorAll('#search-chips .chip')].map(c => c.innerText);"
    return [text.rsplit(" ", 1)[0] for text in browser.driver.execute_script(script)]


def wait_for_graph(browser, count: int) -> None:
    until(lambda: len(graph_node_ids(browser)) == count, timeout=10)


def test_search_selects_the_best_hit_and_shows_its_connections(browser, mini_store):
    browser.start_server(create_app(mini_store))
    search(browser, "flexibilisering")
    browser.wait_for_text_to_equal("#details h2", "flexibilisering")
    details = browser.find_element("#details").text
    assert "Onderzoeksgroep (2)" in details
    assert "Leren en Innoveren — werkt aan" in details
    assert "Bron: 001_3629ba6a81073cc0.txt" in details
    assert browser.get_logs() == []


def test_choosing_a_result_and_switching_to_english(browser, mini_store):
    browser.start_server(create_app(mini_store))
    search(browser, "amsterdam")
    browser.wait_for_element("#results .result")
    buttons = browser.find_elements("#results .result")
    assert [b.text.split("\n")[0] for b in buttons] == ["Amsterdam", "Hogeschool van Amsterdam"]
    buttons[1].click()
    browser.wait_for_text_to_equal("#details h2", "Hogeschool van Amsterdam")
    # The language switch redraws the page from its permalink: wait until it holds the
    # choice (a switch within milliseconds of a click would redraw the previous view).
    until(lambda: "sel=org%3Ahogeschool-van-amsterdam" in browser.driver.current_url, timeout=5)
    browser.find_element("#language input[value='en']").click()
    browser.wait_for_contains_text("#details", "Person (1)")
    assert "affiliated with (lector)" in browser.find_element("#details").text
    until(lambda: "lang=en" in browser.driver.current_url, timeout=5)
    assert browser.get_logs() == []


def test_tapping_a_graph_node_selects_it_without_redrawing_the_graph(browser, mini_store):
    browser.start_server(create_app(mini_store))
    search(browser, "marco snoek")
    browser.wait_for_text_to_equal("#details h2", "Marco Snoek")
    browser.wait_for_element("#graph canvas")
    before = graph_node_ids(browser)
    browser.driver.execute_script("window.cy.getElementById('rg:leren-en-innoveren').emit('tap');")
    browser.wait_for_text_to_equal("#details h2", "Leren en Innoveren")
    assert graph_node_ids(browser) == before


def test_leeruitkomsten_shows_people_and_organisations_of_the_bundled_data(browser, bundled):
    browser.start_server(create_app(bundled))
    search(browser, "leeruitkomsten")
    browser.wait_for_text_to_equal("#details h2", "leeruitkomsten")
    browser.wait_for_element("#nearby")
    details = browser.find_element("#details").text
    assert "Windesheim — werkt aan" in details
    assert "(persoon)" in browser.find_element("#nearby").text
    expected = {n.id for n in bundled.expand([("topic:leeruitkomsten", 1)]).nodes}
    wait_for_graph(browser, len(expected))
    assert graph_node_ids(browser) == expected
    browser.driver.save_screenshot(str(SCREENSHOTS / "verkennen-leeruitkomsten.png"))
    assert browser.get_logs() == []


def test_expanding_a_hub_is_capped_and_shows_more_on_request(browser, bundled):
    """Noord-Brabant has far more neighbours than one page: 25 come, the rest on request."""
    hub = "region:PV30"
    neighbours = len(bundled.neighbourhood(hub, depth=1, limit=None).nodes) - 1
    assert neighbours > 2 * PAGE_SIZE  # the data must make this a real test
    browser.start_server(create_app(bundled))
    browser.driver.get(f"{browser.server_url}/?q=Noord-Brabant&sel={hub}&exp={hub}")
    wait_for_graph(browser, PAGE_SIZE + 1)
    button = browser.wait_for_element("#explore-expand")
    browser.wait_for_text_to_equal("#explore-expand", f"Meer tonen ({neighbours - PAGE_SIZE})")
    assert (
        f"nog {neighbours - PAGE_SIZE} buren niet getoond"
        in browser.find_element("#explore-view-note").text
    )
    button.click()
    wait_for_graph(browser, 2 * PAGE_SIZE + 1)
    until(lambda: "*2" in browser.driver.current_url.replace("%2A", "*"), timeout=5)
    assert browser.get_logs() == []


def test_expanding_a_second_node_grows_the_view_and_a_permalink_reopens_it(
    browser, fresh_browser, bundled
):
    browser.start_server(create_app(bundled))
    search(browser, "leeruitkomsten")
    browser.wait_for_text_to_equal("#details h2", "leeruitkomsten")
    first = bundled.expand([("topic:leeruitkomsten", 1)])
    wait_for_graph(browser, len(first.nodes))
    browser.driver.execute_script("window.cy.getElementById('org:windesheim').emit('tap');")
    browser.wait_for_text_to_equal("#details h2", "Windesheim")
    browser.find_element("#explore-expand").click()
    both = bundled.expand([("topic:leeruitkomsten", 1), ("org:windesheim", 1)])
    assert len(both.nodes) > len(first.nodes)
    wait_for_graph(browser, len(both.nodes))
    until(lambda: "exp=org%3Awindesheim" in browser.driver.current_url, timeout=5)
    link = browser.driver.current_url

    fresh_browser.driver.get(link)  # a fresh browser, as a colleague opening the link
    fresh_browser.wait_for_text_to_equal("#details h2", "Windesheim")
    assert fresh_browser.find_element("#search").get_attribute("value") == "leeruitkomsten"
    wait_for_graph(fresh_browser, len(both.nodes))
    assert graph_node_ids(fresh_browser) == graph_node_ids(browser)
    assert fresh_browser.get_logs() == []


def test_facets_without_text_list_what_they_hold(browser, bundled):
    facets = Facets(kinds=("Partnership",), sector="vo")
    expected = bundled.browse(None, facets, limit=15)
    assert expected.total > 0
    browser.start_server(create_app(bundled))
    browser.driver.get(f"{browser.server_url}/?kind=Partnership&sector=vo")
    browser.wait_for_contains_text("#results", f"{expected.total} gevonden")
    names = [b.text.split("\n")[0] for b in browser.find_elements("#results .result")]
    assert names == [h.node.name for h in expected.hits]


def test_choosing_a_region_facet_narrows_the_search(browser, bundled):
    browser.start_server(create_app(bundled))
    search(browser, "leeruitkomsten")
    browser.wait_for_element("#results .result")
    unfiltered = bundled.browse("leeruitkomsten", Facets(), limit=15)
    browser.wait_for_contains_text("#results", f"{unfiltered.total} gevonden")
    choose(browser, "explore-region", "Overijssel (provincie)")
    narrowed = bundled.browse("leeruitkomsten", Facets(region="region:PV23"), limit=15)
    assert narrowed.total < unfiltered.total
    browser.wait_for_contains_text("#results", f"{narrowed.total} gevonden")
    until(lambda: "region=region%3APV23" in browser.driver.current_url, timeout=5)


def test_the_panel_tells_each_fact_s_age_quietly_and_hands_out_the_workbook(browser, bundled):
    """Windesheim's own facts are dated 2025 and older, but one was checked this month:
    with a threshold of 12 months, ages are said quietly and nothing is marked;
    "Stel een wijziging voor" downloads its verification workbook."""
    browser.start_server(create_app(bundled, stale_months=12))
    browser.driver.get(f"{browser.server_url}/?sel=org:windesheim")
    browser.wait_for_text_to_equal("#details h2", "Windesheim")
    ages = [e.text for e in browser.find_elements("#details .age")]
    assert len(ages) > 10 and all("geleden" in a or "deze maand" in a for a in ages)
    assert any("jaar geleden" in a or "maanden geleden" in a for a in ages)  # old ones, too
    assert "verouderd" not in browser.find_element("#details").text
    assert not browser.find_elements("#details .overdue")
    assert browser.find_element("#details .age").get_attribute("title")[:2] == "20"  # a date
    browser.find_element("#explore-propose").click()
    book = openpyxl.load_workbook(downloaded(browser, "org-windesheim.xlsx"))
    assert dict(book["ronde"].iter_rows(values_only=True))["subject"] == "org:windesheim"
    assert browser.get_logs() == []


def test_a_subject_not_checked_for_too_long_has_one_mark_beside_the_proposal(browser, bundled):
    browser.start_server(create_app(bundled))  # the default threshold, 18 months
    browser.driver.get(f"{browser.server_url}/?sel=org:10voordeleraar")
    browser.wait_for_text_to_equal("#details h2", "10voordeleraar")
    [mark] = browser.find_elements("#details .overdue")
    assert mark.text == "Laatst gecontroleerd in 2023: help het actueel te houden."
    block = browser.find_element("#details .overdue-block")
    assert block.find_element("css selector", "#explore-propose").text == (
        "Stel een wijziging voor"
    )
    assert browser.get_logs() == []


def test_the_graph_has_a_sortable_table_twin_and_exports_csv(browser, bundled):
    browser.start_server(create_app(bundled))
    browser.driver.get(f"{browser.server_url}/?sel=org:windesheim&exp=org:windesheim")
    view = bundled.expand([("org:windesheim", 1)])
    wait_for_graph(browser, len(view.nodes))
    browser.find_element(".twin summary").click()
    shown = browser.driver.execute_script(FIRST_COLUMN, "#explore-tables table")
    assert sorted(shown) == sorted(n.name for n in view.nodes)
    sort = browser.find_element("#explore-tables th button")
    sort.send_keys(Keys.ENTER)  # the keyboard reaches and uses the sort buttons
    sorted_by = "return document.querySelector('#explore-tables th').getAttribute('aria-sort');"
    until(lambda: browser.driver.execute_script(sorted_by) == "ascending", timeout=5)
    names = browser.driver.execute_script(FIRST_COLUMN, "#explore-tables table")
    assert len(names) == len(view.nodes)
    assert names == sorted(names, key=str.casefold)

    browser.find_element("#explore-nodes-csv").click()
    about, exported = read_dutch_csv(downloaded(browser, "verbindplaats-knopen.csv"))
    assert about["Gegroeid vanuit"] == "Windesheim" and about["Datum"] == "2026-11-22"
    headers = ["Naam", "Soort", "Verbindingen in beeld", "Id", "Bron", "Geverifieerd"]
    assert list(exported[0]) == headers
    assert {r["Id"] for r in exported} == {n.id for n in view.nodes}
    browser.find_element("#explore-relationships-csv").click()
    _, exported = read_dutch_csv(downloaded(browser, "verbindplaats-relaties.csv"))
    assert len(exported) == len(view.relationships)
    browser.find_element("#explore-png").click()
    assert downloaded(browser, "verbindplaats-graaf.png").read_bytes()[:4] == b"\x89PNG"


def test_the_keyboard_sorts_twice_without_leaving_the_sort_button(browser, bundled):
    browser.start_server(create_app(bundled))
    browser.driver.get(f"{browser.server_url}/?sel=org:windesheim&exp=org:windesheim")
    wait_for_graph(browser, len(bundled.expand([("org:windesheim", 1)]).nodes))
    browser.find_element(".twin summary").click()
    browser.find_element("#explore-tables th button").send_keys(Keys.ENTER)
    sorted_by = "return document.querySelector('#explore-tables th').getAttribute('aria-sort');"
    until(lambda: browser.driver.execute_script(sorted_by) == "ascending", timeout=5)
    focused = "return document.activeElement.closest('th') === document.querySelector(" + (
        "'#explore-tables th');"
    )
    until(lambda: browser.driver.execute_script(focused), timeout=5)
    browser.driver.switch_to.active_element.send_keys(Keys.ENTER)  # the same key again
    until(lambda: browser.driver.execute_script(sorted_by) == "descending", timeout=5)
    until(lambda: browser.driver.execute_script(focused), timeout=5)
    names = browser.driver.execute_script(FIRST_COLUMN, "#explore-tables table")
    assert names == sorted(names, key=str.casefold, reverse=True)
    assert browser.get_logs() == []


def test_a_row_of_the_graph_s_table_selects_and_expands_its_node_by_keyboard(browser, bundled):
    start = [("org:windesheim", 1)]
    view = bundled.expand(start)
    grows = sorted(
        (n for n in view.nodes if len(bundled.expand([*start, (n.id, 1)]).nodes) > len(view.nodes)),
        key=lambda n: n.name,
    )[0]
    browser.start_server(create_app(bundled))
    browser.driver.get(f"{browser.server_url}/?sel=org:windesheim&exp=org:windesheim")
    wait_for_graph(browser, len(view.nodes))
    browser.find_element(".twin summary").click()
    [row] = [b for b in browser.find_elements("#explore-tables .row-pick") if b.text == grows.name]
    row.send_keys(Keys.ENTER)
    browser.wait_for_text_to_equal("#details h2", grows.name)
    browser.find_element("#explore-expand").send_keys(Keys.ENTER)
    wait_for_graph(browser, len(bundled.expand([*start, (grows.id, 1)]).nodes))
    assert browser.get_logs() == []


# The words of the tables' header buttons that the browser broke over two lines
BROKEN_HEADER_WORDS = """const broken = [];
for (const button of document.querySelectorAll('th .sort')) {
    const text = button.firstChild;
    let at = 0;
    for (const word of text.textContent.split(' ')) {
        const range = document.createRange();
        range.setStart(text, at);
        range.setEnd(text, at + word.length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) { broken.push(word); }
        at += word.length + 1;
    }
}
return broken;"""


@pytest.mark.parametrize(
    ("path", "twin"),
    [("/?sel=org:windesheim&exp=org:windesheim", ".twin"), ("/dekking", ".coverage-table")],
)
def test_table_headers_never_break_inside_a_word_on_a_phone(browser, bundled, path, twin):
    browser.start_server(create_app(bundled))
    browser.driver.set_window_size(390, 844)
    browser.driver.get(f"{browser.server_url}{path}")
    browser.wait_for_element(f"{twin} summary").click()
    browser.wait_for_element(f"{twin} th .sort")
    assert len(browser.find_elements("th .sort")) >= 5
    assert browser.driver.execute_script(BROKEN_HEADER_WORDS) == []


# The labelled nodes, all nodes, and the smallest name as drawn on screen (px)
LEGIBILITY = """const cy = window.cy;
const sizes = cy.nodes('.labelled').map(n => parseFloat(n.style('font-size')) * cy.zoom());
return [cy.nodes('.labelled').length, cy.nodes().length, Math.min(...sizes)];"""


@pytest.mark.parametrize("graph_layout", ["placed", "breadthfirst"])
def test_every_name_of_a_hub_s_view_is_on_screen_and_legible(browser, bundled, graph_layout):
    """Noord-Brabant's first page of 25 neighbours: every node named, also in the tree
    (which put 25 names in one row, drawn at 1.5 px)."""
    hub = "region:PV30"
    browser.start_server(create_app(bundled))
    browser.driver.get(f"{browser.server_url}/?sel={hub}&exp={hub}&layout={graph_layout}")
    wait_for_graph(browser, PAGE_SIZE + 1)
    browser.driver.execute_script("window.cy.fit();")  # as drawn once the layout stops
    labelled, total, smallest = browser.driver.execute_script(LEGIBILITY)
    assert labelled == total == PAGE_SIZE + 1
    assert smallest >= 6
    assert browser.get_logs() == []


# Every node's position in the graph's own coordinates (not the screen's, which follow zoom)
POSITIONS = "return Object.fromEntries(window.cy.nodes().map(n => [n.id(), n.position()]));"


# Pairs of names drawn over each other: their boxes as the browser lays the text out
OVERLAPPING_NAMES = """const boxes = window.cy.nodes('.labelled').map(n => [n.id(),
    n.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true})]);
const pairs = [];
for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, p] = boxes[i], [b, q] = boxes[j];
    const w = Math.min(p.x2, q.x2) - Math.max(p.x1, q.x1);
    const h = Math.min(p.y2, q.y2) - Math.max(p.y1, q.y1);
    if (w > 0 && h > 0) { pairs.push([a, b]); }
}
return pairs;"""


def test_no_two_names_are_drawn_over_each_other(browser, bundled):
    """Measured in the browser, on views of a topic, an organisation, a hub, a person's
    network and two expansions together (names wrap at 120 px, long words do not)."""
    browser.start_server(create_app(bundled))
    views = [
        ["topic:leeruitkomsten"],
        ["org:windesheim"],
        ["region:PV30"],
        ["org:velon"],
        ["topic:leeruitkomsten", "org:windesheim"],
    ]
    for expanded in views:
        query = "&".join(f"exp={n}" for n in expanded)
        browser.driver.get(f"{browser.server_url}/?sel={expanded[-1]}&{query}")
        wait_for_graph(browser, len(bundled.expand([(n, 1) for n in expanded]).nodes))
        assert browser.driver.execute_script(OVERLAPPING_NAMES) == [], expanded
    assert browser.get_logs() == []


def test_buren_tonen_shows_what_changed_and_leaves_the_rest_in_place(browser, bundled):
    browser.start_server(create_app(bundled))
    browser.driver.get(f"{browser.server_url}/?sel=org:windesheim&exp=org:windesheim")
    first = bundled.expand([("org:windesheim", 1)])
    wait_for_graph(browser, len(first.nodes))
    before = browser.driver.execute_script(POSITIONS)
    assert not first.hidden.get("org:windesheim")  # all its neighbours are in view
    button = browser.find_element("#explore-expand")
    browser.wait_for_text_to_equal("#explore-expand", "Alle buren getoond")
    assert not button.is_enabled()  # a press that adds nothing is not offered

    browser.driver.execute_script("window.cy.getElementById('topic:leeruitkomsten').emit('tap');")
    browser.wait_for_text_to_equal("#explore-expand", "Buren tonen")
    button.click()
    both = bundled.expand([("org:windesheim", 1), ("topic:leeruitkomsten", 1)])
    wait_for_graph(browser, len(both.nodes))
    new = {n.id for n in both.nodes} - {n.id for n in first.nodes}
    outlined = browser.driver.execute_script("return window.cy.nodes('.added').map(n => n.id());")
    assert set(outlined) == new and new
    browser.wait_for_contains_text("#explore-view-note", f"{len(new)} nieuw in beeld")
    after = browser.driver.execute_script(POSITIONS)
    assert {n: after[n] for n in before} == before
    # the new names found room; two old ones may touch where a name grew with its links
    overlapping = browser.driver.execute_script(OVERLAPPING_NAMES)
    assert [pair for pair in overlapping if set(pair) & new] == []
    assert browser.get_logs() == []


def test_a_large_view_is_grouped_by_kind_under_counted_labels(browser, bundled):
    expanded = ["topic:leeruitkomsten", "org:windesheim", "topic:zij-instroom"]
    view = bundled.expand([(n, 1) for n in expanded])
    assert len(view.nodes) > GROUPED_FROM
    browser.start_server(create_app(bundled))
    browser.driver.get(
        f"{browser.server_url}/?sel=topic:zij-instroom&" + "&".join(f"exp={n}" for n in expanded)
    )
    wait_for_graph(browser, len(view.nodes))
    labels = browser.driver.execute_script(
        "return window.cy.nodes('.group-label').map(n => n.data('label'));"
    )
    counts = Counter(n.kind for n in view.nodes)
    assert sorted(labels) == sorted(f"{kind_label(k, 'nl')} ({n})" for k, n in counts.items())
    assert "Project (15)" in labels
    time.sleep(0.5)  # let the fitted drawing settle before the picture
    browser.driver.save_screenshot(str(SCREENSHOTS / "verkennen-gegroepeerd.png"))
    assert browser.get_logs() == []


@pytest.mark.parametrize(("button", "read"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_the_view_downloads_as_a_graph_file_networkx_reads_back(browser, bundled, button, read):
    """For Gephi and Cytoscape desktop: the view's nodes and links, names as labels,
    sources by their titles."""
    browser.start_server(create_app(bundled))
    browser.driver.get(f"{browser.server_url}/?sel=org:windesheim&exp=org:windesheim")
    view = bundled.expand([("org:windesheim", 1)])
    wait_for_graph(browser, len(view.nodes))
    browser.find_element(f"#explore-{button}").click()
    graph = read(downloaded(browser, f"verbindplaats-graaf.{button}"))
    assert set(graph.nodes) == {n.id for n in view.nodes}
    assert graph.number_of_edges() == len(view.relationships)
    labels = dict(graph.nodes(data="label"))
    assert labels["org:windesheim"] == "Windesheim"
    assert graph.nodes["org:windesheim"]["sectors"] == "hbo"
    sources = [s for _, s in graph.nodes(data="source")]
    assert sources and not [s for s in sources if HASHED_FILE_NAME.search(str(s))]
    assert browser.get_logs() == []


@pytest.mark.parametrize("path", ["/", "/mensen", "/dekking", "/over"])
def test_no_horizontal_scrolling_at_1280_or_on_a_tablet(browser, bundled, path):
    browser.start_server(create_app(bundled))
    for width in (1280, 800):
        browser.driver.set_window_size(width, 1000)
        browser.driver.get(f"{browser.server_url}{path}")
        browser.wait_for_element("#page > *")
        overflow = browser.driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"
        )
        assert overflow <= 0, f"{path} scrolls sideways at {width} px"


def test_about_the_data_counts_sources_and_offers_a_template_that_checks(browser, bundled):
    browser.start_server(create_app(bundled))
    browser.driver.get(f"{browser.server_url}/over")
    stats = bundled.stats()
    browser.wait_for_contains_text("#about-totals", f"{stats.node_total} knopen")
    share = bundled.freshness().iloc[-1]["share_fresh"]
    assert f"{share:.0%}" in browser.find_element("#about-fresh").text
    browser.driver.save_screenshot(str(SCREENSHOTS / "over-de-data.png"))
    browser.find_element("#about-tables").click()
    batch, report = read_dataset(downloaded(browser, "verbindplaats-tabellen.xlsx"))
    assert report.ok
    assert len(batch.nodes) == stats.node_total
    assert len(batch.relationships) == stats.relationship_total
    assert browser.get_logs() == []


HASHED_FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")  # 001_3629ba6a81073cc0.txt


@pytest.mark.parametrize(
    "path",
    [
        "/?sel=topic:leeruitkomsten",
        "/?sel=org:windesheim&exp=org:windesheim",
        "/mensen",
        "/dekking",
        "/over",
    ],
)
def test_no_page_shows_a_hashed_file_name(browser, bundled, path):
    browser.start_server(create_app(bundled))
    browser.driver.get(f"{browser.server_url}{path}")
    browser.wait_for_element("#page > *")
    if "sel=" in path:  # the panel and the table twins (in the page, opened or not)
        browser.wait_for_element("#details .provenance")
    assert not HASHED_FILE_NAME.search(browser.find_element("#page").get_attribute("innerHTML"))
    assert browser.get_logs() == []


def test_sources_are_named_by_their_title_with_a_link(browser, bundled):
    """A seed document by the title a reader cites; a web page as a link; the About page
    lists sources as links, and its tables download without a hashed name."""
    browser.start_server(create_app(bundled))
    browser.driver.get(f"{browser.server_url}/?sel=topic:leeruitkomsten")
    browser.wait_for_contains_text(
        "#details .provenance",
        "Leraren voor morgen, Professionaliseringsplatform flexibel opleiden (2023)",
    )
    browser.driver.get(f"{browser.server_url}/?sel=person:wietske-kuijer")
    browser.wait_for_text_to_equal("#details h2", "Wietske Kuijer")
    link = browser.find_element("#details .provenance a")
    assert link.get_attribute("href").startswith("https://www.han.nl/nieuws/2022/10/")
    assert link.text.startswith("HAN, ")
    browser.driver.get(f"{browser.server_url}/over")
    browser.wait_for_element("#about-sources a")
    hrefs = [a.get_attribute("href") for a in browser.find_elements("#about-sources a")]
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs)
    assert "85" in browser.find_element("#about-added").text  # what dataset v2 brought
    browser.find_element("#about-tables").click()
    book = openpyxl.load_workbook(downloaded(browser, "verbindplaats-tabellen.xlsx"))
    cells = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    assert not [c for c in cells if HASHED_FILE_NAME.search(c)]
    assert browser.get_logs() == []


@pytest.mark.neo4j
def test_the_same_app_runs_on_neo4j(browser, neo4j_store, bundled):
    neo4j_store.load(bundled.export())
    browser.start_server(create_app(neo4j_store))
    search(browser, "leeruitkomsten")
    browser.wait_for_text_to_equal("#details h2", "leeruitkomsten")
    expected = {n.id for n in bundled.expand([("topic:leeruitkomsten", 1)]).nodes}
    wait_for_graph(browser, len(expected))
    assert graph_node_ids(browser) == expected
    assert "Windesheim — werkt aan" in browser.find_element("#details").text
    assert browser.get_logs() == []


def test_an_unreachable_neo4j_is_said_plainly(browser):
    store = Graph(Neo4jStore.connect("bolt://127.0.0.1:9", password="x", serving=True))
    browser.start_server(create_app(store))
    browser.wait_for_contains_text("#page", "niet bereikbaar")
    browser.driver.get(f"{browser.server_url}/?q=toetsing")
    browser.wait_for_contains_text("#page", "niet bereikbaar")
    store.close()


def test_the_search_box_shows_what_it_understood_as_chips(browser, fresh_browser, bundled):
    browser.start_server(create_app(bundled))
    search(browser, "zij-instroom Zwolle mbo")
    chips = ["onderwerp: zij-instroom", "plaats: Zwolle", "sector: mbo"]
    until(lambda: chip_texts(browser) == chips, timeout=10)
    ranked = bundled.find_people(["topic:zij-instroom"], region="region:GM0193", sector="mbo")
    browser.wait_for_contains_text("#results", "De juiste mensen voor je vraag")
    first = browser.find_element("#results .result").text
    assert first.startswith(f"1. {ranked.iloc[0]['name']}")
    # three families, people first, each under what was found where
    headings = [h.text.split(" (")[0] for h in browser.find_elements("#results .people-family h3")]
    assert headings == ["Mensen", "Groepen om bij aan te sluiten", "Organisaties"]
    organisations = browser.find_element("#results .people-family-organisations").text
    assert "in Zwolle of Overijssel" in organisations and "Windesheim" in organisations

    browser.find_elements("#search-chips .chip")[2].click()  # remove "sector: mbo"
    browser.wait_for_text_to_equal("#search", "zij-instroom Zwolle")
    until(lambda: chip_texts(browser) == chips[:2], timeout=5)
    until(lambda: "q=zij-instroom+Zwolle&" in browser.driver.current_url + "&", timeout=5)

    fresh_browser.driver.get(browser.driver.current_url)  # the permalink restores the chips
    until(lambda: chip_texts(fresh_browser) == chips[:2], timeout=10)


def test_a_typo_gets_a_did_you_mean(browser, bundled):
    browser.start_server(create_app(bundled))
    search(browser, "leeruitkomsen Utrecht")
    suggestion = browser.wait_for_element(".suggestion")
    assert suggestion.text == "Bedoelde u: leeruitkomsten Utrecht?"
    suggestion.click()
    browser.wait_for_text_to_equal("#search", "leeruitkomsten Utrecht")
    until(lambda: not browser.find_elements(".suggestion"), timeout=5)
    assert browser.get_logs() == []
