"""Vind de juiste mensen: in a real headless Chromium on the bundled data, and its pure
parts without a browser."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest
from dash.development.base_component import Component
from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys

from benchmarks.callbacks import UPDATE, callback_key, payload
from explorer import state
from explorer.app import create_app
from explorer.pages import people
from explorer.pages.people import Seeking, route_elements
from graphmodel.errors import StoreUnavailable
from graphmodel.graph import Graph
from graphmodel.stores.memory import MemoryStore
from tests.explorer.browsing import choose, downloaded, read_dutch_csv

SCREENSHOTS = Path(__file__).parents[2] / "docs" / "screenshots"

LEERUITKOMSTEN = "topic:leeruitkomsten"
ZWOLLE = "region:GM0193"
WINDESHEIM = "org:windesheim"
# From Windesheim, Velon ranks first: both are in Professionalisering lerarenopleiders.
PERMALINK = f"/mensen?topic={LEERUITKOMSTEN}&region={ZWOLLE}&org={WINDESHEIM}&sel=org:velon"
VELON_ROUTE = "Windesheim → lid van → Professionalisering lerarenopleiders ← lid van ← Velon"


# --- without a browser --------------------------------------------------------------------


def test_the_state_goes_into_the_link_and_back():
    search = Seeking((LEERUITKOMSTEN, "topic:evc"), ZWOLLE, "hbo", WINDESHEIM, "org:velon").search(
        "en"
    )
    assert search == (
        "?topic=topic%3Aleeruitkomsten&topic=topic%3Aevc&region=region%3AGM0193&sector=hbo"
        "&org=org%3Awindesheim&sel=org%3Avelon&lang=en"
    )
    seeking = Seeking.from_query(state.parse(search))
    assert seeking == Seeking((LEERUITKOMSTEN, "topic:evc"), ZWOLLE, "hbo", WINDESHEIM, "org:velon")
    assert seeking.origin == WINDESHEIM


def test_an_empty_form_is_an_empty_link_and_routes_start_at_the_region():
    assert Seeking().search("nl") == ""
    assert Seeking.from_query(state.parse("?region=region:PV23")).origin == "region:PV23"


def test_route_elements_run_from_the_seeker_to_the_result_along_the_facts():
    steps = pd.DataFrame(
        [
            (1, "org:a", "A", "MEMBER_OF", "network:n", "N", "s.txt", "2025-01-01"),
            (2, "person:p", "P", "AFFILIATED_WITH", "network:n", "N", "s.txt", "2024-01-01"),
        ],
        columns=["step", "from_id", "from", "relationship", "to_id", "to", "source", "verified"],
    )
    elements = route_elements(steps, ["org:a", "network:n", "person:p"], "en")
    nodes = [e for e in elements if "source" not in e["data"]]
    edges = [e["data"] for e in elements if "source" in e["data"]]
    assert [(n["data"]["id"], n["data"]["label"], n["classes"]) for n in nodes] == [
        ("org:a", "A", "Organisation labelled origin"),
        ("network:n", "N", "Network labelled"),
        ("person:p", "P", "Person labelled"),
    ]
    assert [n["position"] for n in nodes] == [
        {"x": 0, "y": 0},
        {"x": 170, "y": 70},
        {"x": 340, "y": 0},
    ]
    assert [(e["source"], e["target"], e["label"]) for e in edges] == [
        ("org:a", "network:n", "member of"),
        ("person:p", "network:n", "affiliated with"),
    ]


def test_route_elements_of_a_real_route(bundled):
    steps = bundled.path(WINDESHEIM, "org:velon")
    route = [WINDESHEIM, "project:professionalisering-lerarenopleiders", "org:velon"]
    elements = route_elements(steps, route, "nl")
    labels = [e["data"]["label"] for e in elements]
    assert (
        labels == ["Windesheim", "Professionalisering lerarenopleiders", "Velon"] + ["lid van"] * 2
    )


def texts_in(component: Component) -> str:
    """Every text in a component tree, for asserting what a page would show."""
    if isinstance(component, str | int | float):
        return str(component)
    children = getattr(component, "children", None)
    if children is None:
        return ""
    if not isinstance(children, list | tuple):
        children = [children]
    return " ".join(texts_in(c) for c in children if c is not None)


def test_without_a_topic_the_page_asks_for_one(bundled):
    shown = texts_in(people.layout(bundled, {}, "nl"))
    assert "Kies hierboven minstens één onderwerp" in shown


def test_an_unknown_region_is_said_plainly(bundled):
    query = state.parse(f"?topic={LEERUITKOMSTEN}&region=region:nergens")
    shown = texts_in(people.layout(bundled, query, "en"))
    assert "This cannot be answered: no Region matches 'region:nergens'" in shown


class UnreachableStore(MemoryStore):
    """Holds data but cannot tell its version, which every question asks first (for the
    read model), like a server that went away."""

    def version(self) -> str:
        raise StoreUnavailable("Neo4j at bolt://example:7687 is not answering")


def test_a_store_that_is_away_is_said_plainly(mini_batch):
    store = UnreachableStore()
    store.load(mini_batch)
    topic = store.nodes_of("Topic")[0].id
    app = create_app(Graph(store))
    values = {"language.value": "nl", "url.pathname": "/mensen", "url.search": f"?topic={topic}"}
    key = callback_key(app.callback_map, "page.children")
    body = payload(app.callback_map, key, values, ("url.pathname",))
    shown = app.server.test_client().post(UPDATE, json=body).get_data(as_text=True)
    assert "De graafdatabase is nu niet bereikbaar" in shown
    assert "bolt://" not in shown  # the address is for the administrators' log


# --- in the browser -----------------------------------------------------------------------


def result(browser, node_id: str):
    """The button of one result (Dash writes a pattern-matching id as JSON)."""
    return browser.find_element(f".people-result[id*='\"{node_id}\"']")


NO_SIDEWAYS_SCROLLING = (
    "return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"
)


def route_node_ids(browser) -> list[str]:
    return browser.driver.execute_script("return window.cy.nodes().map(n => n.id());")


def route_labels_drawn(browser) -> list[str]:
    """The names Cytoscape writes beside the route's nodes (empty when it hides one)."""
    return browser.driver.execute_script("return window.cy.nodes().map(n => n.style('label'));")


def section(browser, family: str) -> str:
    """The text of one family's section of the answer."""
    return browser.find_element(f".{people.FAMILY_CLASS}{family}").text


@pytest.mark.browser
def test_asking_with_the_form_ranks_people_with_reasons_and_routes(browser, bundled):
    browser.start_server(create_app(bundled))
    browser.driver.get(browser.server_url + "/mensen")
    browser.wait_for_contains_text("#people-answer", "Kies hierboven minstens één onderwerp")
    choose(browser, people.TOPICS, "leeruitkomsten", option="leeruitkomsten")
    choose(browser, people.REGION, "Zwolle (gemeente)")
    # three sections, people first, each under what was found where (the answer to the
    # topic alone, before the region, has five people too: wait for the region's)
    browser.wait_for_contains_text(
        ".people-family-people .people-found", "niemand in Zwolle of Overijssel gevonden"
    )
    headings = [h.text for h in browser.find_elements(".people-family h3")]
    assert headings == ["Mensen (5)", "Groepen om bij aan te sluiten (10)", "Organisaties (10)"]
    assert "niemand in Zwolle of Overijssel gevonden; het dichtstbij: Miranda Timmermans " in (
        section(browser, "people")
    )
    first = browser.find_elements(".people-result")[0]
    assert first.text.split("\n")[:2] == [
        "1. Miranda Timmermans",
        "Persoon · score 0.09 · 86 km (Utrecht)",
    ]
    assert first.get_attribute("aria-pressed") == "true"
    assert "Persoon · score 0.07\n" in section(browser, "people")  # no distance: none said
    assert "nan" not in section(browser, "people")
    browser.wait_for_text_to_equal(
        ".people-route-text",
        "Vanuit Zwolle: Hogeschool KPZ → lid van → Educatieve Federatie Interactum ← lid van ← "
        "Marnix Academie ← verbonden aan ← Miranda Timmermans",
    )
    windesheim = result(browser, WINDESHEIM)
    assert "zelfde gemeente: Zwolle" in windesheim.text
    link = browser.find_element(".people-family-organisations .people-reach a")
    assert link.get_attribute("href") == "https://www.windesheim.nl/"

    velon = result(browser, "org:velon")
    velon.send_keys(Keys.ENTER)  # the keyboard reaches every result
    browser.wait_for_contains_text(".people-route h3", "Introductieroute naar Velon")
    assert browser.find_element(".people-route-text").text == (
        "Vanuit Zwolle: Windesheim → lid van → Professionalisering lerarenopleiders "
        "← lid van ← Velon"
    )
    assert velon.get_attribute("aria-pressed") == "true"
    assert first.get_attribute("aria-pressed") == "false"
    browser.wait_for_element("#people-route-graph canvas")
    assert route_node_ids(browser) == [
        WINDESHEIM,
        "project:professionalisering-lerarenopleiders",
        "org:velon",
    ]
    chosen = {"topic": [LEERUITKOMSTEN], "region": [ZWOLLE], "sel": ["org:velon"]}
    # the link follows the choice by a callback of its own
    until(lambda: state.parse(browser.driver.execute_script("return location.search")) == chosen, 5)

    browser.driver.set_window_size(800, 1100)  # a tablet: no sideways scrolling
    until(lambda: browser.driver.execute_script(NO_SIDEWAYS_SCROLLING), timeout=3)
    assert browser.get_logs() == []


def ask(browser, text: str) -> None:
    browser.driver.get(browser.server_url + "/mensen")
    browser.wait_for_element(f"#{people.ASK}").send_keys(text)


@pytest.mark.browser
def test_zij_instroom_zwolle_mbo_lists_people_groups_and_organisations_with_windesheim(
    browser, bundled
):
    browser.start_server(create_app(bundled))
    ask(browser, "zij-instroom Zwolle mbo")
    browser.wait_for_contains_text(".people-family-organisations", "Windesheim")
    for family in ("people", "groups", "organisations"):
        answers = browser.find_elements(f".{people.FAMILY_CLASS}{family} .people-result")
        assert answers, family
        assert answers[0].text.startswith("1. "), family
    assert "zelfde gemeente: Zwolle" in result(browser, WINDESHEIM).text
    assert "sector=mbo" in browser.driver.current_url
    assert browser.get_logs() == []


@pytest.mark.browser
def test_leercoaching_leeuwarden_says_nobody_there_and_shows_the_nearest_with_distance(
    browser, bundled
):
    browser.start_server(create_app(bundled))
    ask(browser, "leercoaching Leeuwarden")
    browser.wait_for_contains_text(
        ".people-family-organisations .people-found",
        "niemand in Leeuwarden of Fryslân gevonden; het dichtstbij: "
        "Universiteit Utrecht (Utrecht, 130 km)",
    )
    assert "130 km (Utrecht)" in result(browser, "org:universiteit-utrecht").text
    assert "niemand gevonden die hieraan werkt" in section(browser, "people")
    assert browser.get_logs() == []


@pytest.mark.browser
def test_flexibel_opleiden_shows_the_velon_themagroep_among_the_first_three_groups(
    browser, bundled
):
    browser.start_server(create_app(bundled))
    ask(browser, "flexibel opleiden")
    browser.wait_for_contains_text(".people-family-groups h3", "Groepen om bij aan te sluiten")
    groups = browser.find_elements(".people-family-groups .people-result .name")
    first_three = [g.text.split(". ", 1)[1] for g in groups[:3]]
    assert "Velon Themagroep Flexibel Opleiden" in first_three
    assert browser.get_logs() == []


@pytest.mark.browser
def test_a_permalink_opens_the_same_choice_and_speaks_english(browser, bundled):
    browser.start_server(create_app(bundled))
    browser.driver.get(browser.server_url + PERMALINK)
    browser.wait_for_text_to_equal(".people-route-text", VELON_ROUTE)
    assert result(browser, "org:velon").get_attribute("aria-pressed") == "true"
    assert "Zwolle (gemeente)" in browser.find_element(f"#{people.REGION}").text
    assert "Windesheim" in browser.find_element(f"#{people.ORGANISATION}").text
    assert "samen in Professionalisering lerarenopleiders" in result(browser, "org:velon").text
    browser.wait_for_element("#people-route-graph canvas")
    assert route_labels_drawn(browser) == [
        "Windesheim",
        "Professionalisering lerarenopleiders",
        "Velon",
    ]
    time.sleep(0.5)  # let the graph's layout settle before the picture
    browser.driver.save_screenshot(str(SCREENSHOTS / "mensen.png"))

    browser.find_element("#language input[value='en']").click()
    browser.wait_for_contains_text(".people-family-people h3", "People (5)")
    velon = result(browser, "org:velon")
    assert velon.get_attribute("aria-pressed") == "true"
    assert "both in Professionalisering lerarenopleiders" in velon.text
    assert "works on leeruitkomsten through Velon Themagroep Flexibel Opleiden" in velon.text
    browser.wait_for_contains_text(".people-route-text", "Windesheim → member of →")
    assert browser.driver.execute_script("return location.search").endswith("&lang=en")
    assert browser.get_logs() == []


@pytest.mark.browser
def test_the_results_download_for_dutch_excel_and_the_route_as_png(browser, bundled, today):
    browser.start_server(create_app(bundled))
    browser.driver.get(browser.server_url + PERMALINK)
    browser.wait_for_text_to_equal(".people-route-text", VELON_ROUTE)
    browser.find_element(".people-table summary").click()
    first_row = browser.find_element(".people-table tbody tr").text
    assert first_row.startswith("Mensen 1 Miranda Timmermans Persoon 0.1813 85.5 werkt aan")
    browser.find_element(f"#{people.CSV}").click()
    about, rows = read_dutch_csv(downloaded(browser, "verbindplaats-mensen.csv"))
    assert about["Waaraan werk je?"] == "leeruitkomsten"
    assert (about["Waar?"], about["Jouw organisatie (optioneel)"]) == ("Zwolle", "Windesheim")
    assert about["Datum"] == today.isoformat() and about["Mensen"]
    assert list(rows[0])[:5] == ["Soort antwoord", "Rang", "Naam", "Soort", "Score"]
    assert [row["Soort antwoord"] for row in rows] == ["Mensen"] * 5 + [
        "Groepen om bij aan te sluiten"
    ] * 10 + ["Organisaties"] * 10
    (velon,) = [row for row in rows if row["Id"] == "org:velon"]
    assert (velon["Rang"], velon["Naam"], velon["Soort"]) == ("3", "Velon", "Organisatie")
    assert velon["Introductieroute"] == VELON_ROUTE
    assert velon["Route (ids)"] == (
        "org:windesheim; project:professionalisering-lerarenopleiders; org:velon"
    )
    assert "[{" not in velon["Waarom"]  # reasons in words, not as data
    browser.find_element(f"#{people.XLSX}").click()
    workbook = pd.read_excel(downloaded(browser, "verbindplaats-mensen.xlsx"), sheet_name=None)
    assert list(workbook) == ["Tabel", "Over deze tabel"]
    assert workbook["Tabel"]["Score"].dtype.kind == "f"

    browser.find_element(f"#{people.ROUTE_PNG}").click()
    picture = downloaded(browser, "verbindplaats-route.png")
    assert picture.read_bytes().startswith(b"\x89PNG")
    assert browser.get_logs() == []


@pytest.mark.browser
def test_a_question_in_own_words_fills_the_form_and_its_chips_come_off(browser, bundled):
    browser.start_server(create_app(bundled))
    browser.driver.get(browser.server_url + "/mensen")
    browser.wait_for_element(f"#{people.ASK}").send_keys("zij-instroom Zwolle mbo")
    ranked = bundled.find_people(["topic:zij-instroom"], region="region:GM0193", sector="mbo")
    browser.wait_for_contains_text(".people-result", f"1. {ranked.iloc[0]['name']}")
    assert "plaats: Zwolle" in browser.find_element(f"#{people.ASK}-chips").text
    assert "region=region%3AGM0193" in browser.driver.current_url
    assert "q=zij-instroom+Zwolle+mbo" in browser.driver.current_url

    browser.find_elements(f"#{people.ASK}-chips .chip")[2].click()  # "sector: mbo" comes off
    browser.wait_for_text_to_equal(f"#{people.ASK}", "zij-instroom Zwolle")
    without_sector = bundled.find_people(["topic:zij-instroom"], region="region:GM0193")
    browser.wait_for_contains_text(".people-result", f"1. {without_sector.iloc[0]['name']}")
    until(lambda: "sector=" not in browser.driver.current_url, timeout=5)
    assert browser.get_logs() == []
