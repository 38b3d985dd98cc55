"""An import into a dataset folder: matched to what it holds, written all or nothing, never
deleting, the same file twice changing nothing; and the CLI around it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.model import GraphBatch, Node, Relationship
from importers.context import ReadResult
from importers.folder import IMPORTED
from importers.history import read_history
from importers.importing import KINDS, FolderTarget, import_file
from tests.conftest import MINI, read_valid
from verbindplaats.cli import main

HVA = "org:hogeschool-van-amsterdam"


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file of a folder by its content hash: equal means nothing was written."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write_table(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


ORGANISATIONS = """id,name,category,website,located_in,source,verified
org:hva,Hogeschool van Amsterdam,hogeschool,{website},region:GM0363,{source},2026-11-01
org:new-school,Nieuwe School,school,,region:GM0080,{source},2026-11-01
"""


def organisations(tmp_path: Path, website: str = "", source: str = "list-a.csv") -> Path:
    text = ORGANISATIONS.format(website=website, source=source)
    return write_table(tmp_path / "incoming", "organisations.csv", text)


def test_the_same_organisation_by_name_and_gemeente_becomes_one_node_with_both_sources(
    mini_copy, tmp_path
):
    outcome = import_file(organisations(tmp_path), "tables", FolderTarget(mini_copy))
    assert outcome.report.ok and outcome.written
    nodes = {n.id: n for n in read_valid(mini_copy).nodes}
    assert "org:hva" not in nodes  # matched: the existing id is kept
    assert nodes[HVA].get("source") == "ho-mbo-institutions-2025.csv; list-a.csv"
    assert nodes[HVA].get("verified") == "2026-11-01"
    assert nodes["org:new-school"].name == "Nieuwe School"
    assert (mini_copy / IMPORTED / "organisations.csv").exists()


def test_a_differing_value_is_kept_beside_the_first_and_reported(mini_copy, tmp_path):
    target = FolderTarget(mini_copy)
    import_file(organisations(tmp_path, "https://www.hva.nl"), "tables", target)
    second = organisations(tmp_path / "b", "https://example.org/hva", "list-b.csv")
    outcome = import_file(second, "tables", FolderTarget(mini_copy))
    conflicts = [p for p in outcome.report.warnings if p.code == "conflict"]
    assert [(p.row, p.column, p.value) for p in conflicts] == [
        (2, "website", "https://example.org/hva")
    ]
    hva = next(n for n in read_valid(mini_copy).nodes if n.id == HVA)
    assert hva.get("website") == "https://www.hva.nl"
    assert hva.get("alternatives") == ("website=https://example.org/hva (list-b.csv)",)


def test_importing_the_same_file_twice_changes_nothing_the_second_time(mini_copy, tmp_path):
    path = organisations(tmp_path)
    import_file(path, "tables", FolderTarget(mini_copy))
    before = fingerprint(mini_copy)
    again = import_file(path, "tables", FolderTarget(mini_copy))
    assert again.report.ok and not again.written
    assert again.summary.total_created == again.summary.total_changed == 0
    assert fingerprint(mini_copy) == before


def test_an_import_is_recorded_in_the_history(mini_copy, tmp_path):
    import_file(
        organisations(tmp_path, website="https://www.hva.nl"), "tables", FolderTarget(mini_copy)
    )
    recorded = read_history(mini_copy)
    assert {(c.action, c.entity) for c in recorded} >= {
        ("added", "org:new-school"),
        ("added", "org:new-school|LOCATED_IN|region:GM0080|"),
    }
    assert all(c.file == "organisations.csv" and c.date for c in recorded)
    assert any(c.entity == HVA and c.action == "changed" for c in recorded)  # a second source
    import_file(
        organisations(tmp_path, website="https://www.hva.nl"), "tables", FolderTarget(mini_copy)
    )
    assert read_history(mini_copy) == recorded


def test_an_import_never_deletes_or_rewrites_what_it_did_not_touch(mini_copy, tmp_path):
    before = fingerprint(mini_copy)
    import_file(organisations(tmp_path), "tables", FolderTarget(mini_copy))
    after = fingerprint(mini_copy)
    changed = {name for name in before if after.get(name) != before[name]}
    assert changed == {"organisations.csv"}  # the one row that gained a source
    assert {n.id for n in read_valid(mini_copy).nodes} >= {n.id for n in read_valid(MINI).nodes}


def test_check_reports_what_would_change_and_writes_nothing(mini_copy, tmp_path):
    before = fingerprint(mini_copy)
    outcome = import_file(organisations(tmp_path), "tables", FolderTarget(mini_copy), check=True)
    assert outcome.summary.created["Organisation"] == 1
    assert outcome.summary.changed["Organisation"] == 1
    assert not outcome.written
    assert fingerprint(mini_copy) == before


def test_a_failed_write_leaves_the_folder_as_it_was(mini_copy, tmp_path):
    (mini_copy / IMPORTED).write_text("not a folder")  # the new tables cannot be written
    before = fingerprint(mini_copy)
    with pytest.raises(OSError):
        import_file(organisations(tmp_path), "tables", FolderTarget(mini_copy))
    assert fingerprint(mini_copy) == before


def test_references_may_point_at_what_the_target_holds(mini_copy, tmp_path):
    path = write_table(
        tmp_path / "incoming",
        "relationships.csv",
        "from,type,to,source,verified\n"
        f"{HVA},WORKS_ON,topic:leeruitkomsten,list-a.csv,2026-11-01\n",
    )
    outcome = import_file(path, "tables", FolderTarget(mini_copy))
    assert outcome.report.ok, outcome.report.format_text("en")
    assert outcome.summary.created["WORKS_ON"] == 1


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_import_with_an_error_exits_2_names_the_place_and_writes_nothing(mini_copy, tmp_path):
    path = organisations(tmp_path)
    path.write_text(path.read_text().replace("hogeschool,", "kroeg,"), encoding="utf-8")
    before = fingerprint(mini_copy)
    result = run("import", str(path), "--as", "tables", "--into", str(mini_copy), "--lang", "en")
    assert result.exit_code == 2
    assert "organisations.csv, row 2, column category: error: 'kroeg'" in result.output
    assert "NOTHING WRITTEN" in result.output
    assert fingerprint(mini_copy) == before


def test_cli_import_prints_the_summary(mini_copy, tmp_path):
    result = run("import", str(organisations(tmp_path)), "--as", "tables", "--into", str(mini_copy))
    assert result.exit_code == 0, result.output
    assert "2 created, 1 changed, 1 unchanged" in result.output  # a school, its LOCATED_IN
    assert "2 rows read, 0 rejected" in result.output


def test_cli_template_is_a_workbook_that_check_accepts(tmp_path):
    path = tmp_path / "template.xlsx"
    assert run("template", "--format", "xlsx", "--output", str(path)).exit_code == 0
    assert run("check", str(path)).exit_code == 0


def test_what_a_reader_made_wrongly_is_refused_before_anything_is_written(
    mini_copy, tmp_path, monkeypatch
):
    """The last check before writing: a reader that let a bad id, a fact without source
    and date, or a relationship the schema forbids through cannot write what no later
    load would read."""

    def careless_reader(path, context, report):
        school = Node("org:bad id!", "Organisation", {"name": "X", "category": "school"})
        wrong = Relationship(HVA, "BROADER", "topic:leeruitkomsten", {})
        return ReadResult(GraphBatch([school], [wrong]), rows_read=1)

    monkeypatch.setitem(KINDS, "careless", careless_reader)
    before = fingerprint(mini_copy)
    outcome = import_file(organisations(tmp_path), "careless", FolderTarget(mini_copy))
    codes = [p.code for p in outcome.report.errors]
    assert codes == ["required-value"] * 4 + ["bad-id", "relationship-not-allowed"]
    assert not outcome.written
    assert fingerprint(mini_copy) == before


def test_an_import_that_closes_a_cycle_with_what_the_target_holds_is_refused(mini_copy, tmp_path):
    """Leeuwarden is part of Fryslân, Fryslân of the Netherlands: the Netherlands part of
    Leeuwarden would make coverage count each of them inside itself."""
    path = write_table(
        tmp_path / "incoming",
        "relationships.csv",
        "from,type,to,source,verified\nregion:NL,PART_OF,region:GM0080,list-a.csv,2026-11-01\n",
    )
    before = fingerprint(mini_copy)
    outcome = import_file(path, "tables", FolderTarget(mini_copy))
    assert [(p.code, p.value) for p in outcome.report.errors] == [("cycle", "region:GM0080")]
    assert fingerprint(mini_copy) == before


def test_a_reader_that_makes_a_relationship_to_itself_is_refused(mini_copy, tmp_path, monkeypatch):
    def careless_reader(path, context, report):
        rel = Relationship(HVA, "PART_OF", HVA, {"source": "x.csv", "verified": "2026-11-01"})
        return ReadResult(GraphBatch([], [rel]), rows_read=1)

    monkeypatch.setitem(KINDS, "careless", careless_reader)
    outcome = import_file(organisations(tmp_path), "careless", FolderTarget(mini_copy))
    assert [p.code for p in outcome.report.errors] == ["self-relationship"]
    assert not outcome.written


def test_a_history_file_that_is_not_text_is_named_by_row_and_column(mini_copy, tmp_path):
    """A NUL byte in history/changes.csv: a message with its place, not a traceback."""
    import_file(organisations(tmp_path), "tables", FolderTarget(mini_copy))
    path = mini_copy / "history" / "changes.csv"
    path.write_bytes(path.read_bytes().replace(b",added,", b",add\0ed,", 1))
    result = run("load", "--data", str(mini_copy), "--neo4j-uri", "bolt://127.0.0.1:1")
    assert result.exit_code == 2  # the user's to fix, like every invalid input
    assert "changes.csv, row 3, column action: " in result.output  # row 2: HVA confirmed
    assert "control character U+0000" in result.output
