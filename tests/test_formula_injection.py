"""No exported cell runs as a formula: every CSV and XLSX writer, with hostile values
such as a DUO name ``=cmd|' /C calc'!A0`` (OWASP's CSV-injection guidance)."""

from __future__ import annotations

import base64
import csv
import io
from dataclasses import astuple, replace
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import graphmodel
from explorer import components
from graphmodel.frames import to_csv
from graphmodel.stores import history
from importers import writer
from importers.verification import workbook
from importers.verification.facts import facts_about
from tests.files import set_cell
from verbindplaats.cli import main
from verbindplaats.cli.output import write_frame

HOSTILE = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]
FRAME = pd.DataFrame({"name": [*HOSTILE, "Zwolle"], "n": [-3, 1, 2, 3, 4, 5, 6]})


def csv_cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def assert_quoted(text: str) -> None:
    rows = csv_cells(text)
    names = [row[0] for row in rows[1:]]
    assert names == ["'" + value for value in HOSTILE] + ["Zwolle"]
    assert rows[1][1] == "-3"  # a negative number stays a number


def xlsx_cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_text_not_formulas(content: bytes, *expected: str) -> None:
    cells = xlsx_cells(content)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    values = {c.value for c in cells}
    assert set(expected) <= values  # the value itself is kept, as text


def test_the_csv_helper_quotes_texts_that_start_like_formulas():
    assert_quoted(to_csv(FRAME))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_write_frame(tmp_path, fmt):
    path = tmp_path / f"out.{fmt}"
    write_frame(FRAME, fmt, path)
    if fmt == "csv":
        assert_quoted(path.read_bytes().decode("utf-8"))
    else:
        assert_text_not_formulas(path.read_bytes(), *HOSTILE)
        assert [c.value for c in xlsx_cells(path.read_bytes()) if c.column == 2][1] == -3


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_explorer_downloads(fmt):
    sent = components.download(FRAME, "uit", fmt)
    if fmt == "csv":
        assert_quoted(sent["content"])
    else:
        assert_text_not_formulas(base64.b64decode(sent["content"]), *HOSTILE)


@pytest.fixture
def hostile_data(mini_copy: Path) -> Path:
    """The mini dataset with organisation names a hostile source could send."""
    set_cell(mini_copy / "organisations.csv", 2, "name", HOSTILE[0])
    set_cell(mini_copy / "organisations.csv", 3, "name", HOSTILE[2])
    change = history.Change("2024-05-01", "changed", "org:hogeschool-van-amsterdam", "name")
    change = replace(change, old=HOSTILE[3], new=HOSTILE[0])
    (mini_copy / "history").mkdir()
    with (mini_copy / "history" / "changes.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([history.COLUMNS, astuple(change)])
    return mini_copy


def test_the_tables_download_and_the_verification_workbook(hostile_data):
    store = graphmodel.open(data=hostile_data)
    assert_text_not_formulas(writer.workbook(store.export()), HOSTILE[0], HOSTILE[2])
    [subject] = [n for n in store.nodes_of("Organisation") if n.name == HOSTILE[0]]
    book = workbook.write(subject, facts_about(store, subject), pd.Timestamp("2025-01-01"))
    assert_text_not_formulas(book, HOSTILE[0])


@pytest.mark.parametrize(
    "command",
    [
        ["freshness", "--limit", "100"],
        ["find-people", "--topic", "topic:leeruitkomsten"],
        ["ask", "hogeschool"],
        ["diff", "--since", "2000-01-01"],
    ],
    ids=lambda c: c[0],
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_cli_exports(hostile_data, tmp_path, command, fmt):
    out = tmp_path / f"out.{fmt}"
    args = [*command, "--data", str(hostile_data), "--format", fmt, "--output", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    if fmt == "xlsx":
        assert_text_not_formulas(out.read_bytes(), HOSTILE[0])
        return
    cells = [cell for row in csv_cells(out.read_bytes().decode("utf-8")) for cell in row]
    assert "'" + HOSTILE[0] in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@", "\t", "\r"))]
    assert not [cell for cell in cells if cell.startswith("-") and not _number(cell)]


def test_verify_export_workbooks(hostile_data, tmp_path):
    out = tmp_path / "ronde"
    result = CliRunner().invoke(
        main, ["verify", "export", "--data", str(hostile_data), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    contents = [book.read_bytes() for book in out.glob("*.xlsx")]
    assert contents
    for content in contents:
        assert_text_not_formulas(content)
    assert any(HOSTILE[0] in {c.value for c in xlsx_cells(content)} for content in contents)


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
