"""A verification round back in, on the real bundled data: workbooks exported for a
region, edited with openpyxl as a spreadsheet program saves them, and taken in again,
into a copy of the data folder and into Neo4j."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import graphmodel
from graphmodel.graph import Graph
from importers.importing import FolderTarget, StoreTarget, Target
from importers.verification import workbook
from importers.verification.export import Selection, export_round, select_subjects
from importers.verification.facts import facts_about
from importers.verification.intake import round_source, take_in
from tests.conftest import read_valid
from verbindplaats.cli import main

EXPORTED = date(2026, 11, 2)
WINDESHEIM = "org:windesheim"
NEW_WEBSITE = "https://www.windesheim.nl/lerarenopleidingen"
ENDED = "rel|org:windesheim|MEMBER_OF|partnership:meerwegen-opleidingsschool-mos|lerarenopleiding"
OOST_WERKT = "rel|org:windesheim|MEMBER_OF|alliance:oost-werkt|deelnemer"
PERSON = "Testpersoon Verificatieronde"  # a test's own name, never written into data/
PERSON_PAGE = "https://www.windesheim.nl/onderzoek"


@dataclass
class Rig:
    """Where a round goes: a fresh target for every intake, and the graph it makes."""

    target: Callable[[], Target]
    graph: Callable[[], Graph]
    state: Callable[[], object]  # everything a write could change, to compare


@pytest.fixture(params=["folder", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def rig(request: pytest.FixtureRequest, tmp_path: Path) -> Rig:
    if request.param == "folder":
        folder = tmp_path / "data"
        shutil.copytree(graphmodel.BUNDLED_DATA, folder)
        files = lambda: {p: p.read_bytes() for p in sorted(folder.rglob("*.csv"))}  # noqa: E731
        return Rig(lambda: FolderTarget(folder), lambda: graphmodel.open(data=folder), files)
    store = request.getfixturevalue("neo4j_store")
    store.load(read_valid(graphmodel.BUNDLED_DATA))
    return Rig(lambda: StoreTarget(store), lambda: store, lambda: (store.export(), store.history()))


@pytest.fixture
def round_folder(rig: Rig, tmp_path: Path) -> dict[str, Path]:
    graph = rig.graph()
    subjects = select_subjects(graph, Selection(region="PV23"))
    paths = export_round(graph, subjects, tmp_path / "round", EXPORTED)
    return {p.stem.replace("-", ":", 1): p for p in paths}


# --- editing a workbook as a coordinator does ---------------------------------------------


def answer(path: Path, key: str, reply: str, new_value: object = None) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book[workbook.ASK_SHEET]
    columns = [f for f, _ in workbook.FACT_COLUMNS]
    for row in sheet.iter_rows(min_row=2):
        if row[columns.index("key")].value == key:
            row[columns.index("answer")].value = reply
            row[columns.index("new_value")].value = new_value
            break
    else:
        raise AssertionError(f"{key} is not in {path.name}")
    book.save(path)


def add(path: Path, what: str, name: str, role: str = "", source: str = "") -> None:
    book = openpyxl.load_workbook(path)
    sheet = book[workbook.ADD_SHEET]
    sheet.append([what, name, role, source, ""])
    book.save(path)


def keys_of(path: Path) -> set[str]:
    sheet = openpyxl.load_workbook(path, read_only=True)[workbook.ASK_SHEET]
    column = [f for f, _ in workbook.FACT_COLUMNS].index("key")
    return {row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}


def unrelated_to(paths: dict[str, Path], subject: str) -> Path:
    """A workbook that shares no fact with `subject`'s (so that no two answers meet)."""
    theirs = keys_of(paths[subject])
    return next(p for s, p in sorted(paths.items()) if s != subject and not keys_of(p) & theirs)


def edit_windesheim(path: Path) -> None:
    answer(path, f"node|{WINDESHEIM}|website", "wijzigen", NEW_WEBSITE)
    answer(path, ENDED, "vervalt")
    add(path, "persoon", PERSON, "lector", PERSON_PAGE)


def facts(graph: Graph, subject: str) -> dict[str, tuple[str, str, str]]:
    return {f.key: (f.value, f.source, f.verified) for f in facts_about(graph, graph.node(subject))}


# --- the round trip ---------------------------------------------------------------------


def test_round_trip(rig: Rig, round_folder: dict[str, Path]) -> None:
    windesheim = round_folder[WINDESHEIM]
    unchanged = unrelated_to(round_folder, WINDESHEIM)
    unchanged_subject = unchanged.stem.replace("-", ":", 1)
    edit_windesheim(windesheim)
    answer(windesheim, OOST_WERKT, "wijzigen", "kernpartner")  # a new role
    before = rig.graph()
    old = {s: facts(before, s) for s in (WINDESHEIM, unchanged_subject)}

    intake = take_in([unchanged, windesheim], rig.target(), apply=True)

    assert intake.report.ok, intake.report.format_text("en")
    assert intake.written
    returned = {c.date for c in intake.changes}
    assert len(returned) == 1
    day = returned.pop()
    person = "person:testpersoon-verificatieronde"
    affiliation = f"{person}|AFFILIATED_WITH|{WINDESHEIM}|lector"
    assert {(c.action, c.entity, c.field) for c in intake.changes if c.action != "confirmed"} == {
        ("changed", WINDESHEIM, "website"),
        ("ended", ENDED.removeprefix("rel|"), "until"),
        ("added", person, ""),
        ("added", affiliation, ""),
        ("ended", OOST_WERKT.removeprefix("rel|"), "until"),
        ("added", OOST_WERKT.removeprefix("rel|").replace("deelnemer", "kernpartner"), ""),
    }

    after = rig.graph()
    # the unchanged workbook: every value as it was, only dates and sources moved on
    now = facts(after, unchanged_subject)
    assert now.keys() == old[unchanged_subject].keys()
    for key, (value, source, verified) in now.items():
        assert value == old[unchanged_subject][key][0], key
        assert verified == day, key
        assert source.endswith(round_source(unchanged_subject, day)), key
    # the edited one: exactly the website, the end and the person
    assert after.node(WINDESHEIM).get("website") == NEW_WEBSITE
    ended = next(
        r for r in after.relationships_of([WINDESHEIM]) if "rel|" + "|".join(r.key) == ENDED
    )
    assert ended.get("until") == day
    assert after.node(person).get("source") == PERSON_PAGE
    assert not set(after.node(person).properties) & {"email", "phone"}

    # history holds the old values, with the source and date they rested on
    history = {(c.entity, c.field): c for c in after.history()}
    website = history[(WINDESHEIM, "website")]
    old_value, old_source, old_verified = old[WINDESHEIM][f"node|{WINDESHEIM}|website"]
    assert (website.old, website.new) == (old_value, NEW_WEBSITE)
    assert (website.old_source, website.old_verified) == (old_source, old_verified)
    assert website.file == windesheim.name

    # the same workbooks again change nothing
    state = rig.state()
    again = take_in([unchanged, windesheim], rig.target(), apply=True)
    assert again.report.ok and not again.written and not again.changes
    assert rig.state() == state


def test_a_damaged_workbook_is_refused_whole(rig: Rig, round_folder: dict[str, Path]) -> None:
    windesheim = round_folder[WINDESHEIM]
    edit_windesheim(windesheim)
    damaged = unrelated_to(round_folder, WINDESHEIM)
    keys = sorted(keys_of(damaged))
    answer(damaged, keys[0], "misschien")
    answer(damaged, keys[1], "wijzigen")
    book = openpyxl.load_workbook(damaged)
    sheet = book[workbook.ASK_SHEET]
    sheet.cell(row=sheet.max_row, column=len(workbook.FACT_COLUMNS)).value = None  # key gone
    book.save(damaged)
    add(damaged, "onderwerp", "bloemschikken")
    not_a_workbook = damaged.with_name("notities.xlsx")
    not_a_workbook.write_text("geen werkboek")
    state = rig.state()

    intake = take_in([windesheim, damaged, not_a_workbook], rig.target(), apply=True)

    assert not intake.written and not intake.report.ok
    assert rig.state() == state
    found = {(p.file, p.code) for p in intake.report.errors}
    ask, add_sheet = f"{damaged.name}:Controleren", f"{damaged.name}:Toevoegen"
    assert {
        (ask, "bad-choice"),
        (ask, "new-value-missing"),
        (ask, "key-removed"),
        (add_sheet, "unknown-name"),
        ("notities.xlsx", "unreadable-file"),
    } <= found
    assert all(p.row for p in intake.report.errors if p.file != "notities.xlsx")
    assert all(p.column for p in intake.report.errors if p.file != "notities.xlsx")


def test_two_workbooks_that_disagree_are_refused(rig: Rig, round_folder: dict[str, Path]) -> None:
    """Windesheim ends its membership of Oost Werkt; Oost Werkt says it still holds, and
    then that it ended on another day than the one Windesheim's new role implies."""
    books = [round_folder[WINDESHEIM], round_folder["alliance:oost-werkt"]]
    state = rig.state()
    answer(books[0], OOST_WERKT, "vervalt")
    intake = take_in(books, rig.target(), apply=True)
    assert [p.code for p in intake.report.errors] == ["answers-disagree"]
    answer(books[0], OOST_WERKT, "wijzigen", "kernpartner")
    answer(books[1], OOST_WERKT, "vervalt", "1-1-2026")
    intake = take_in(books, rig.target(), apply=True)
    assert [p.code for p in intake.report.errors] == ["answers-disagree"]
    assert rig.state() == state


def test_unexpected_edits_are_understood(rig: Rig, round_folder: dict[str, Path]) -> None:
    """Columns moved, rows sorted, an extra sheet, a date typed as text: the same answers."""
    path = round_folder[WINDESHEIM]
    answer(path, ENDED, "vervalt", "1-8-2026")
    answer(path, f"node|{WINDESHEIM}|website", "wijzigen", NEW_WEBSITE)
    book = openpyxl.load_workbook(path)
    sheet = book[workbook.ASK_SHEET]
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    sheet.delete_rows(1, sheet.max_row)
    order = list(reversed(range(len(header))))
    for values in [header, *sorted(rows, key=lambda r: str(r[1]), reverse=True)]:
        sheet.append([values[i] for i in order])
    book.create_sheet("Notities").append(["onze eigen aantekeningen"])
    book.save(path)

    intake = take_in([path], rig.target())

    assert intake.report.ok, intake.report.format_text("en")
    assert not intake.written
    ended = next(c for c in intake.changes if c.action == "ended")
    assert ended.new == "2026-08-01"
    website = next(c for c in intake.changes if c.field == "website")
    assert website.new == NEW_WEBSITE


# --- the commands -------------------------------------------------------------------------


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(graphmodel.BUNDLED_DATA, folder)
    return folder


@pytest.fixture(params=["folder", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def neo4j_uri_or_none(request: pytest.FixtureRequest) -> str | None:
    """Also load the dataset into Neo4j at the end (an emptied test server)."""
    if request.param == "folder":
        return None
    request.getfixturevalue("neo4j_store")  # empties the server
    return request.getfixturevalue("neo4j_uri")


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_the_commands_of_a_round(dataset: Path, tmp_path: Path, neo4j_uri_or_none) -> None:
    """export -> edit -> import (preview, then --apply) -> diff, stats --as-of, load."""
    out = tmp_path / "ronde"
    assert (
        run("verify", "export", "--data", dataset, "--org", WINDESHEIM, "--out", out).exit_code == 0
    )
    book = out / "org-windesheim.xlsx"
    edit_windesheim(book)
    files = {p: p.read_bytes() for p in dataset.rglob("*.csv")}

    preview = run("verify", "import", book, "--into", dataset)
    assert preview.exit_code == 0, preview.output
    assert "nothing written" in preview.output and "website" in preview.output
    assert {p: p.read_bytes() for p in dataset.rglob("*.csv")} == files

    applied = run(
        "verify", "import", book, "--into", dataset, "--apply", "--returned", "2026-11-20"
    )
    assert applied.exit_code == 0, applied.output
    assert "2 added, 1 changed, 1 ended" in applied.output
    assert (dataset / "history" / "changes.csv").exists()

    changes = run("diff", "--data", dataset, "--since", "2026-11-20", "--format", "json")
    rows = json.loads(changes.output)
    assert {(r["action"], r["field"]) for r in rows} >= {("changed", "website"), ("ended", "until")}
    later = json.loads(
        run("diff", "--data", dataset, "--since", "2026-11-21", "--format", "json").output
    )
    assert [r for r in later if r["file"] == book.name] == []  # the round counts from its date

    now = json.loads(run("stats", "--data", dataset, "--format", "json").output)
    then = json.loads(
        run("stats", "--data", dataset, "--as-of", "2026-11-19", "--format", "json").output
    )
    bundled_now = json.loads(run("stats", "--format", "json").output)
    assert now["nodes"]["Person"] == bundled_now["nodes"]["Person"] + 1
    # the bundled data on that day (its own history reaches past it: dataset v2)
    original = json.loads(run("stats", "--as-of", "2026-11-19", "--format", "json").output)
    assert then == original

    damaged = book.with_name("kapot.xlsx")
    damaged.write_bytes(b"PK\x03\x04 not really")
    refused = run("verify", "import", book, damaged, "--into", dataset, "--apply", "--lang", "en")
    assert refused.exit_code == 2
    assert "kapot.xlsx: error: file cannot be read" in refused.output
    assert "Traceback" not in refused.output

    if neo4j_uri_or_none:  # the history travels with the data into Neo4j
        loaded = run("load", "--data", dataset, "--neo4j-uri", neo4j_uri_or_none, "--wipe")
        assert loaded.exit_code == 0, loaded.output
        neo4j_then = json.loads(
            run(
                "stats",
                "--store",
                "neo4j",
                "--neo4j-uri",
                neo4j_uri_or_none,
                "--as-of",
                "2026-11-19",
                "--format",
                "json",
            ).output
        )
        assert neo4j_then == original
