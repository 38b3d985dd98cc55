"""Crafted workbooks (small on disk) that would hold ``check``, ``import`` or ``verify
import`` for minutes: each refused with a plain message and exit 2, before the rows are
read where the size shows it."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

import importers.tables
from importers.curated import read_dataset
from importers.report import Report
from importers.verification.returns import read_returned
from verbindplaats.cli import main

PEOPLE = ["id", "name", "source", "verified"]


def people_workbook(path: Path, rows: int = 1) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "people"
    sheet.append(PEOPLE)
    for i in range(rows):
        sheet.append([f"person:p-{i}", f"P {i}", "x.txt", "2026-01-01"])
    book.save(path)
    return path


def with_entry(path: Path, name: str, data: bytes, replace: str | None = None) -> Path:
    """The workbook with one more (or one replaced) zip entry, deflated."""
    source = path.read_bytes()
    target = path.with_name(f"crafted-{path.name}")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        with zipfile.ZipFile(path) as book:
            for entry in book.infolist():
                if entry.filename != replace:
                    out.writestr(entry, book.read(entry.filename))
        out.writestr(name, data)
    assert target.read_bytes() != source
    return target


def errors(path: Path) -> list[tuple]:
    _, report = read_dataset(path)
    return [(p.file, p.row, p.column, p.code) for p in report.errors]


def test_a_workbook_that_unpacks_far_beyond_its_size_is_refused_before_parsing(tmp_path):
    """70 MB of sheet XML in 70 kB: the size is read from the zip directory."""
    book = people_workbook(tmp_path / "book.xlsx")
    with zipfile.ZipFile(book) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    padded = sheet.replace("<sheetData>", "<sheetData><!--" + "A" * 70 * 2**20 + "-->", 1)
    bomb = with_entry(book, "xl/worksheets/sheet1.xml", padded.encode(), "xl/worksheets/sheet1.xml")
    assert bomb.stat().st_size < 2**20
    started = time.monotonic()
    result = CliRunner().invoke(main, ["check", str(bomb), "--lang", "en"])
    assert time.monotonic() - started < 10
    assert result.exit_code == 2
    assert "workbook unpacks to 70 MB" in result.output


def test_a_value_past_the_last_column_is_refused_with_its_row(tmp_path):
    book = people_workbook(tmp_path / "book.xlsx", rows=3)
    from openpyxl import load_workbook

    workbook = load_workbook(book)
    workbook["people"].cell(row=3, column=16384, value="x")
    workbook.save(book)
    assert errors(book) == [("book.xlsx:people", 3, None, "too-many-columns")]


def test_rows_past_the_limit_are_refused_with_the_row(tmp_path, monkeypatch):
    monkeypatch.setattr(importers.tables, "MAX_ROWS", 5)
    book = people_workbook(tmp_path / "book.xlsx", rows=10)
    assert errors(book) == [("book.xlsx:people", 6, None, "too-many-rows")]


def test_reading_past_the_time_limit_is_refused_with_the_row(tmp_path, monkeypatch):
    monkeypatch.setattr(importers.tables, "MAX_READ_SECONDS", -1.0)
    book = people_workbook(tmp_path / "book.xlsx", rows=3)
    assert errors(book) == [("book.xlsx:people", 2, None, "too-slow")]


def test_a_cell_fed_by_another_workbook_is_refused(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "people"
    sheet.append(PEOPLE)
    sheet.append(["person:p-1", "=[1]Blad1!A1", "x.txt", "2026-01-01"])
    book.save(tmp_path / "book.xlsx")
    link = b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    crafted = with_entry(tmp_path / "book.xlsx", "xl/externalLinks/externalLink1.xml", link)
    assert errors(crafted) == [(f"{crafted.name}:people", 2, "B", "external-link")]


def test_verify_import_looks_for_its_sheets_before_reading_any_row(tmp_path, monkeypatch):
    """A big workbook that is no verification round is refused without reading its rows."""
    read = []
    iter_rows = ReadOnlyWorksheet.iter_rows

    def counted(self, *args, **kwargs):
        read.append(self.title)
        return iter_rows(self, *args, **kwargs)

    monkeypatch.setattr(ReadOnlyWorksheet, "iter_rows", counted)
    report = Report()
    assert read_returned(people_workbook(tmp_path / "book.xlsx", rows=50), report) is None
    assert [p.code for p in report.errors] == ["not-a-round-workbook"]
    assert read == []


@pytest.mark.parametrize("command", [["check"], ["import", "--as", "tables", "--check"]])
def test_the_cli_refuses_a_bomb_with_exit_2(tmp_path, command, mini_copy):
    book = people_workbook(tmp_path / "book.xlsx")
    bomb = with_entry(book, "xl/padding.bin", b"\0" * 80 * 2**20)
    args = [*command, str(bomb), "--lang", "en"]
    if command[0] == "import":
        args += ["--into", str(mini_copy)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "workbook unpacks to 80 MB" in result.output


def test_a_sheet_past_a_limit_gives_that_reason_only(tmp_path):
    """Not also "no header row" when the header itself is too wide."""
    book = Workbook()
    sheet = book.active
    sheet.title = "people"
    sheet.append([*PEOPLE, *[f"c{i}" for i in range(300)]])
    book.save(tmp_path / "book.xlsx")
    assert errors(tmp_path / "book.xlsx") == [("book.xlsx:people", 1, None, "too-many-columns")]
