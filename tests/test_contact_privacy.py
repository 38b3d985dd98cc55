"""Contact details never leave the system unless marked public: planted e-mail addresses
and phone numbers of people whose ``contact_public`` is false are looked for in every
page, callback and download of the explorer and in every CLI export."""

from __future__ import annotations

import base64
import csv
import io
import json
import shutil
import zipfile
from dataclasses import astuple
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import graphmodel
from benchmarks.callbacks import UPDATE, callback_key, payload, unfolding
from explorer import choices
from explorer.app import PAGES, create_app
from explorer.pages.coverage import heat_axes
from graphmodel.model import Node
from graphmodel.stores import history
from verbindplaats.cli import main

PUBLIC_EMAIL = "open.adres@public.invalid"


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], Node]:
    """The bundled data with an e-mail address and phone number on every person whose
    contact details are not public (and in the history of one of them), and a public
    address on one person: (dataset, the secret values, the public person)."""
    data = tmp_path_factory.mktemp("planted") / "data"
    shutil.copytree(graphmodel.BUNDLED_DATA, data)
    people = data / "curated" / "people.csv"
    rows = list(csv.DictReader(people.open(encoding="utf-8", newline="")))
    secrets: list[str] = []
    for number, row in enumerate(rows):
        if number == 0:
            row |= {"email": PUBLIC_EMAIL, "contact_public": "true"}
            continue
        row |= {"email": f"geheim{number}@planted.invalid", "phone": f"+31 6 7700 {number:04d}"}
        row["contact_public"] = "false"
        secrets += [row["email"], row["phone"]]
    _write_csv(people, rows)
    old = "vorig.geheim@planted.invalid"
    change = history.Change("2024-05-01", "changed", rows[1]["id"], "email", old, secrets[0])
    _write_csv(
        data / "history" / "changes.csv", [dict(zip(history.COLUMNS, astuple(change), strict=True))]
    )
    secrets.append(old)
    public_person = graphmodel.open(data=data).node(rows[0]["id"])
    return data, secrets, public_person


def _write_csv(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def subject_and_topic(store: graphmodel.Graph, person: Node) -> tuple[str, str]:
    """The organisation `person` is affiliated with, and a topic of the group they lead."""
    links = store.relationships_of([person.id])
    subject = next(r.end for r in links if r.type == "AFFILIATED_WITH")
    group = next(r.end for r in links if r.type == "LEADS")
    topic = next(r.end for r in store.relationships_of([group]) if r.type == "WORKS_ON")
    return subject, topic


def leaked(text: str, secrets: list[str]) -> list[str]:
    return [secret for secret in secrets if secret in text]


def readable(response: bytes) -> str:
    """A response as text, with every download inside it (base64, XLSX) unpacked."""
    text = response.decode("utf-8", "replace")
    try:
        found = json.loads(text)
    except ValueError:
        return text
    parts = [text]
    _unpack(found, parts)
    return "\n".join(parts)


def _unpack(value: object, parts: list[str]) -> None:
    if isinstance(value, dict):
        if value.get("base64") and isinstance(value.get("content"), str):
            parts.append(_file_text(base64.b64decode(value["content"])))
        for item in value.values():
            _unpack(item, parts)
    elif isinstance(value, list):
        for item in value:
            _unpack(item, parts)


def _file_text(content: bytes) -> str:
    """The text of a file; of a workbook, every part of it."""
    if not content.startswith(b"PK"):
        return content.decode("utf-8", "replace")
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        return "\n".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())


# --- the explorer -----------------------------------------------------------------------

# sorting a table and drawing a folded one when opened: both draw the rows the browser
# sent, and read no store
DRAW_TABLES = '..{"table":["MATCH"],"type":"table"}.children'


class Browser:
    """Callback requests through the Flask test client, every response kept as text."""

    def __init__(self, store: graphmodel.Graph) -> None:
        self.app = create_app(store)
        self.client = self.app.server.test_client()
        self.called: set[str] = set()
        self.seen: list[str] = []

    def call(self, output: str, values: dict, trigger: str, first_input: str = "") -> dict:
        key = callback_key(self.app.callback_map, output, first_input)
        self.called.add(key)
        values = {"language.value": "nl", **values}
        body = payload(self.app.callback_map, key, values, (trigger,))
        response = self.client.post(UPDATE, json=body)
        assert response.status_code in (200, 204), (key, response.data[:300])
        self.seen.append(readable(response.data))
        return response.get_json().get("response", {}) if response.status_code == 200 else {}

    def unfold(self, data: dict) -> str:
        """Open the folded table whose store holds `data`, as a click on its summary
        does; the key of the callback that draws it."""
        body = unfolding(self.app.callback_map, data)
        self.called.add(body["output"])
        response = self.client.post(UPDATE, json=body)
        assert response.status_code == 200, (data["table"], response.data[:300])
        self.seen.append(readable(response.data))
        return body["output"]

    def get(self, path: str) -> None:
        response = self.client.get(path)
        assert response.status_code == 200, path
        self.seen.append(readable(response.data))


def test_every_page_callback_and_download_keeps_hidden_contact_details(planted):
    data, secrets, public_person = planted
    store = graphmodel.open(data=data)
    person = next(n for n in store.nodes_of("Person") if n.get("email") == secrets[0])
    subject, topic = subject_and_topic(store, person)
    browser = Browser(store)
    call = browser.call

    for page in PAGES:
        for search in ("", f"?sel={person.id}&exp={person.id}", f"?sel={public_person.id}"):
            values = {"url.pathname": page.path, "url.search": search}
            call("page.children", values, "url.pathname")
            browser.get(page.path + search)
    browser.get("/_dash-layout")
    call("language.value", {"url.search": "?lang=en"}, "url.pathname")
    call("url.search", {"language.value": "en"}, "language.value", "language")
    # Verkennen: search, select, expand, the side panel, the tables and every download
    call("results.children", {"search.value": person.name}, "search.value")
    call("search.value", {"search.value": person.name}, "search.value")
    call(
        "selected.data",
        {"explore-best.data": {"id": person.id}},
        "explore-best.data",
        "explore-best",
    )
    for chosen in (person.id, public_person.id, subject):
        call("graph.elements", {"expanded.data": [[chosen, 1]]}, "expanded.data")
        call("details.children", {"selected.data": chosen}, "selected.data")
        call("explore-expand.children", {"selected.data": chosen}, "selected.data")
        clicked = {"explore-propose.n_clicks": 1, "selected.data": chosen}
        call("explore-propose-download.data", clicked, "explore-propose.n_clicks")
        for button in (
            "explore-nodes-csv",
            "explore-relationships-csv",
            "explore-graphml",
            "explore-gexf",
        ):
            clicked = {f"{button}.n_clicks": 1, "expanded.data": [[chosen, 1]]}
            call("explore-download.data", clicked, f"{button}.n_clicks")
    call("graph.generateImage", {"explore-png.n_clicks": 1}, "explore-png.n_clicks")
    call("graph.layout", {"explore-layout.value": "circle"}, "explore-layout.value")
    chosen = {"search.value": person.name, "selected.data": person.id}
    call("url.search", chosen, "search.value", "search")
    # Vind de juiste mensen: the question, the answer, a chosen result, the downloads
    call("people-ask.value", {"people-ask.value": person.name}, "people-ask.value")
    call("people-understood.children", {"people-ask.value": person.name}, "people-ask.value")
    asked = {"people-topics.value": [topic], "people-org.value": subject}
    answer = call("people-answer.children", asked, "people-topics.value")
    results = answer["people-results-data"]["data"]
    assert any(row["id"] == person.id for row in results["rows"])
    item = {"id": {"type": "people-result", "id": person.id}, "property": "n_clicks", "value": 1}
    chosen = {'{"id":["ALL"],"type":"people-result"}.n_clicks': [item]}
    chosen['{"id":["ALL"],"type":"people-result"}.aria-pressed'] = [item]
    chosen["people-results-data.data"] = results
    trigger = json.dumps(item["id"], separators=(",", ":")) + ".n_clicks"
    call("people-route.children", chosen, trigger)
    call(
        "url.search", {**asked, "people-selected.data": person.id}, "people-topics.value", "people"
    )
    for button in ("people-csv", "people-xlsx"):
        clicked = {f"{button}.n_clicks": 1, "people-results-data.data": results}
        call("people-download.data", clicked, f"{button}.n_clicks")
    call("people-route-graph.generateImage", {"people-route-png.n_clicks": 1}, "people-route-png")
    # Regionale dekking and Over de data: the body, the downloads
    shown = {"coverage-level.value": "provincie", "coverage-topic.value": topic}
    drawn = [call("coverage-body.children", shown, "coverage-level.value")]
    call("url.search", shown, "coverage-level.value", "coverage")
    for button in ("coverage-csv", "coverage-names-csv", "coverage-xlsx"):
        call("coverage-download.data", {f"{button}.n_clicks": 1, **shown}, f"{button}.n_clicks")
    region = store.coverage_actors("provincie", topic)["region_id"].iloc[0]  # the names behind
    clicked = {"coverage-map.clickData": {"points": [{"location": region}]}, **shown}
    drawn.append(call("coverage-actors.children", clicked, "coverage-map.clickData"))
    labels = {t.id: choices.topic_label(t, "nl") for t in store.nodes_of("Topic")}
    axes = heat_axes(store.coverage_matrix("provincie"), labels)  # a click gives the labels
    point = {"x": axes.columns[topic], "y": axes.rows[region]}
    clicked = {"coverage-heat.clickData": {"points": [point]}, **shown}
    drawn.append(call("coverage-heat-actors.children", clicked, "coverage-heat.clickData"))
    # the tables whose rows the server makes when they are opened (row sources)
    sources = [table for table in _table_stores(drawn) if table["source"]]
    assert {table["table"] for table in sources} >= {"coverage-heat", "coverage-actors"}
    unfolded = {browser.unfold(table) for table in sources}
    for button in ("about-tables", "about-template"):
        call("about-download.data", {f"{button}.n_clicks": 1}, f"{button}.n_clicks")

    on_server = {k for k, spec in browser.app.callback_map.items() if "callback" in spec}
    drawing_tables = {k for k in on_server if k.startswith(DRAW_TABLES)}
    assert len(drawing_tables) == 2 and len(unfolded) == 1
    # every other callback was called; sorting draws the rows that opening drew
    assert on_server - browser.called == drawing_tables - unfolded
    text = "\n".join(browser.seen)
    assert PUBLIC_EMAIL in text  # the scan sees contact details where they are public
    assert person.name in text
    assert leaked(text, secrets) == []


def _table_stores(tree: object) -> list[dict]:
    """The stores of the tables anywhere in a callback's JSON answer."""
    if isinstance(tree, dict):
        found = [tree] if {"table", "source", "rows"} <= tree.keys() else []
        return found + [store for v in tree.values() for store in _table_stores(v)]
    if isinstance(tree, list):
        return [store for v in tree for store in _table_stores(v)]
    return []


def test_a_crafted_request_for_a_persons_workbook_gets_nothing(planted):
    data, secrets, _ = planted
    store = graphmodel.open(data=data)
    person = next(n for n in store.nodes_of("Person") if n.get("email") == secrets[0])
    browser = Browser(store)
    clicked = {"explore-propose.n_clicks": 1, "selected.data": person.id}
    assert browser.call("explore-propose-download.data", clicked, "explore-propose.n_clicks") == {}
    for crafted in ("org:nowhere", ["org:a"], {"id": 1}):
        clicked = {"explore-propose.n_clicks": 1, "selected.data": crafted}
        browser.call("explore-propose-download.data", clicked, "explore-propose.n_clicks")


# --- the command line -------------------------------------------------------------------

CLI_EXPORTS = (
    ["ask", "{name}"],
    ["ask", "lectoren {topic}"],
    ["find-people", "--topic", "{topic}", "--limit", "1000"],
    ["coverage", "--level", "provincie", "--topic", "{topic}"],
    ["diff", "--since", "2000-01-01"],
    ["freshness", "--limit", "1000"],
)


@pytest.mark.parametrize("command", CLI_EXPORTS, ids=lambda c: c[0])
@pytest.mark.parametrize("fmt", ["table", "csv", "json", "xlsx"])
def test_no_cli_export_holds_hidden_contact_details(planted, tmp_path, command, fmt):
    data, secrets, _ = planted
    store = graphmodel.open(data=data)
    person = next(n for n in store.nodes_of("Person") if n.get("email") == secrets[0])
    _, topic = subject_and_topic(store, person)
    args = [part.format(name=person.name, topic=topic) for part in command]
    args += ["--format", fmt]
    if fmt == "xlsx":
        args += ["--output", str(tmp_path / "out.xlsx")]
    result = CliRunner().invoke(main, [*args, "--data", str(data)])
    assert result.exit_code == 0, result.output
    text = result.output
    if fmt == "xlsx":
        text += _file_text((tmp_path / "out.xlsx").read_bytes())
    assert leaked(text, secrets) == []
    if command[0] == "diff":
        assert person.id in text  # the change is listed, its values are not


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_stats_hold_no_hidden_contact_details(planted, fmt):
    data, secrets, _ = planted
    result = CliRunner().invoke(main, ["stats", "--format", fmt, "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert "Person" in result.output
    assert leaked(result.output, secrets) == []


def test_verification_workbooks_hold_no_hidden_contact_details(planted, tmp_path):
    data, secrets, _ = planted
    out = tmp_path / "ronde"
    result = CliRunner().invoke(main, ["verify", "export", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    books = sorted(out.glob("*.xlsx"))
    assert books
    assert leaked("\n".join(_file_text(b.read_bytes()) for b in books), secrets) == []


# --- the filter itself --------------------------------------------------------------------


def test_the_public_view_hides_contact_details_unless_marked_public(planted):
    data, secrets, public_person = planted
    raw = graphmodel.open(data=data)
    view = raw.public()
    person = next(n for n in raw.nodes_of("Person") if n.get("email") == secrets[0])
    assert raw.node(person.id).get("email") == secrets[0]  # the store itself still holds it
    assert view.node(person.id).get("email") is None
    assert view.node(person.id).get("name") == person.name
    assert view.node(public_person.id).get("email") == PUBLIC_EMAIL
    assert view.nodes_of("Person", {"email": secrets[0]}) == []
    assert view.public() is view
    with pytest.raises(graphmodel.GraphModelError, match="read-only"):
        view.wipe()
    exported = {n.id: n for n in view.export().nodes}
    assert exported[person.id].get("phone") is None
    assert exported[public_person.id].get("email") == PUBLIC_EMAIL
    assert [c.new for c in view.history() if c.entity == person.id] == [""]
    assert [c.new for c in view.as_of(date(2024, 6, 1)).history() if c.entity == person.id] == [""]
