"""Pasted lists into a copy of the bundled data: partnerships are matched to the ones the
data holds, members become MEMBER_OF (penvoerder marked), and gemeenten listed per
onderwijsregio turn on coverage at that level. Everything all or nothing, and once."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

import graphmodel
from graphmodel import schema
from graphmodel.graph import Graph
from graphmodel.questions import places
from graphmodel.stores.memory import MemoryStore
from graphmodel.text import fold
from importers.importing import FolderTarget, ImportOutcome, import_file
from tests.conftest import FIXTURES

PARTNERSHIPS = FIXTURES / "lists" / "partnerships.csv"
REGION_MEMBERS = FIXTURES / "lists" / "region-members.csv"
PAGE_DATE = "2016-12-06"  # the date of the announcement the partnership rows come from
TEST_REGION = "Testregio (fictief)"
# The gemeenten of region-members.csv, as the file names them: by code with and without
# GM, by name, and by a former name (Landerd merged into Maashorst in 2022).
TEST_REGION_GEMEENTEN = {
    "region:GM0344": "0344",
    "region:GM0193": "GM0193",
    "region:GM0307": "Amersfoort",
    "region:GM1991": "Landerd",
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A writable copy of the bundled dataset."""
    return Path(shutil.copytree(graphmodel.BUNDLED_DATA, tmp_path / "data"))


def graph(folder: Path) -> Graph:
    """The folder as it reads now (FolderTarget refuses a folder with errors)."""
    return Graph(FolderTarget(folder).store)


def import_partnerships(path: Path, folder: Path) -> ImportOutcome:
    return import_file(path, "partnerships", FolderTarget(folder), verified=PAGE_DATE)


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def named(store: MemoryStore, kind: str, name: str) -> list[str]:
    return [n.id for n in store.nodes_of(kind) if fold(n.name) == fold(name)]


def test_listed_partnerships_merge_into_the_ones_the_data_holds(data: Path):
    imported = data / "imported" / "partnerships.csv"  # dataset v2 added partnerships there
    imported_before = imported.read_bytes()
    before = graph(data)
    known = {n.id: n for n in before.nodes_of("Partnership")}
    outcome = import_partnerships(PARTNERSHIPS, data)
    assert outcome.report.ok, outcome.report.format_text("en")
    assert outcome.written
    after = graph(data)
    assert {n.id for n in after.nodes_of("Partnership")} == set(known)
    for row in rows(PARTNERSHIPS):
        [node_id] = named(after, "Partnership", row["name"])
        assert node_id in known, row["name"]
        node = after.node(node_id)
        sources = [s.strip() for s in str(node.get("source")).split(";")]
        expected = [s.strip() for s in f"{known[node_id].get('source')};{row['source']}".split(";")]
        assert sources == list(dict.fromkeys(s for s in expected if s))
        assert node.get("verified") == max(str(known[node_id].get("verified")), PAGE_DATE)
    assert imported.read_bytes() == imported_before  # no partnership added


def test_a_penvoerder_is_a_member_with_role_penvoerder(data: Path):
    import_partnerships(PARTNERSHIPS, data)
    store = graph(data)
    for row in rows(PARTNERSHIPS):
        [partnership] = named(store, "Partnership", row["name"])
        penvoerders = {
            r.start
            for r in store.relationships_of([partnership])
            if r.type == "MEMBER_OF" and r.end == partnership and r.get("role") == "penvoerder"
        }
        assert set(named(store, "Organisation", row["penvoerder"])) & penvoerders, row["name"]


def test_an_unknown_member_is_added_as_overig_with_a_warning(data: Path):
    before = graph(data)
    unknown = {(2, "pabo Hogeschool Leiden"), (2, "Hogeschool Leiden (pabo)"), (3, "Driestar")}
    assert not any(named(before, "Organisation", name) for _, name in unknown)
    outcome = import_partnerships(PARTNERSHIPS, data)
    warned = {
        (p.file, p.row, p.value) for p in outcome.report.warnings if p.code == "new-organisation"
    }
    assert warned == {(PARTNERSHIPS.name, row, name) for row, name in unknown}
    after = graph(data)
    for _, name in unknown:
        [org] = named(after, "Organisation", name)
        assert after.node(org).get("category") == "overig"
        assert any(r.type == "MEMBER_OF" for r in after.relationships_of([org]))


def test_a_bad_sector_or_unknown_region_is_an_error_and_nothing_is_written(
    data: Path, tmp_path: Path
):
    """The messages name the columns as the file does (a header pasted as "Sector")."""
    listed = rows(PARTNERSHIPS)
    listed[1]["sector"] = "pabo"  # file row 3
    listed[5]["region"] = "Atlantis"  # file row 7
    wrong = tmp_path / "partnerships-fout.csv"
    with open(wrong, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(name.capitalize() for name in listed[0])
        writer.writerows(row.values() for row in listed)
    before = snapshot(data)
    outcome = import_partnerships(wrong, data)
    assert {(p.file, p.row, p.column, p.code, p.value) for p in outcome.report.errors} == {
        (wrong.name, 3, "Sector", "bad-choice", "pabo"),
        (wrong.name, 7, "Region", "unknown-region", "Atlantis"),
    }
    assert (outcome.written, outcome.rows_read, outcome.rows_rejected) == (False, len(listed), 2)
    assert snapshot(data) == before


def test_gemeenten_listed_per_region_turn_on_coverage_at_that_level(data: Path):
    before = graph(data)
    assert TEST_REGION not in set(before.coverage("onderwijsregio")["region"])
    outcome = import_file(REGION_MEMBERS, "region-members", FolderTarget(data))
    assert outcome.report.ok, outcome.report.format_text("en")
    after = graph(data)
    [region] = named(after, "Region", TEST_REGION)
    assert after.node(region).get("level") == "onderwijsregio"
    parts = {r.start for r in after.relationships_of([region]) if r.type == "PART_OF"}
    assert parts == set(TEST_REGION_GEMEENTEN)

    [row] = after.coverage("onderwijsregio").query("region_id == @region").to_dict("records")
    placed = places.place(before, [n.id for k in schema.ACTOR_KINDS for n in before.nodes_of(k)])
    inside = {a for a, found in placed.of.items() if set(found) & set(TEST_REGION_GEMEENTEN)}
    for kind in schema.ACTOR_KINDS:
        assert row[kind] == sum(1 for a in inside if before.node(a).kind == kind), kind
    assert row["total"] == len(inside) > 0
    assert not row["gap"]


@pytest.mark.parametrize(
    "path, kind, options",
    [
        (PARTNERSHIPS, "partnerships", {"verified": PAGE_DATE}),
        (REGION_MEMBERS, "region-members", {}),
    ],
)
def test_a_second_import_changes_nothing(data: Path, path: Path, kind: str, options: dict):
    first = import_file(path, kind, FolderTarget(data), **options)
    assert first.written
    written = snapshot(data)
    second = import_file(path, kind, FolderTarget(data), **options)
    assert not second.written
    assert (second.summary.total_created, second.summary.total_changed) == (0, 0)
    assert snapshot(data) == written
