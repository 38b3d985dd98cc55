"""Answers as flat tables: for CSV and XLSX, where a cell holds one value.

The questions return DataFrames whose cells may hold lists (reasons, routes) or records.
Flat, a list becomes its items joined by "; " and a record its JSON, so the CLI and the
explorer's downloads write the same file for the same answer.

No exported cell runs as a formula (OWASP, "CSV injection"): every CSV and XLSX writer
goes through `to_csv`, `to_xlsx`, `text_not_formulas` or `text_cells`. In a CSV a text
that starts like a formula (=, +, -, @, tab, carriage return) gets a leading single
quote; in a workbook it stays as it is but is stored as text, never as a formula, so a
returned workbook reads back the value we wrote. Numbers stay numbers (-3 is not text).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import IO, Any

import pandas as pd

__all__ = [
    "flatten",
    "starts_formula",
    "text_cells",
    "text_not_formulas",
    "to_csv",
    "to_xlsx",
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def flatten(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every list and record cell turned into text.

    >>> flatten(pd.DataFrame({"why": [["topic", "region"]]}))["why"][0]
    'topic; region'
    """
    if frame.empty:
        return frame
    return frame.apply(lambda column: column.map(_flat))


def _flat(value: object) -> object:
    if isinstance(value, list | tuple):
        return "; ".join(
            json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else str(v) for v in value
        )
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def starts_formula(value: object) -> bool:
    """Whether a spreadsheet could take `value` for a formula (texts only).

    >>> starts_formula("=cmd|' /C calc'!A0"), starts_formula(-3), starts_formula("a-b")
    (True, False, False)
    """
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def to_csv(frame: pd.DataFrame) -> str:
    """`frame` flattened as CSV text (RFC 4180: rows end in CRLF, so that a carriage
    return inside a cell is quoted and cannot start a row), a text that starts like a
    formula quoted.

    >>> to_csv(pd.DataFrame({"name": ["=1+1", "Zwolle"], "n": [-3, 4]}))
    "name,n\\r\\n'=1+1,-3\\r\\nZwolle,4\\r\\n"
    """
    flat = flatten(frame)
    if not flat.empty:
        flat = flat.apply(lambda column: column.map(_quoted))
    return flat.to_csv(index=False, lineterminator="\r\n")


def to_xlsx(target: str | IO[bytes] | Any, sheets: Mapping[str, pd.DataFrame]) -> None:
    """Write each frame, flattened, as a sheet of an XLSX workbook at `target` (a path
    or a binary file); texts that start like a formula are stored as text."""
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            flatten(frame).to_excel(writer, sheet_name=name, index=False)
        text_not_formulas(writer.book)


def text_not_formulas(book: Any) -> None:
    """Store every cell of an openpyxl workbook that would be a formula as text."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def _text_cell(sheet: Any, value: object) -> object:
    if not (isinstance(value, str) and value.startswith("=")):
        return value  # openpyxl takes only "=..." for a formula
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    return cell


def text_cells(sheet: Any, values: Iterable[object]) -> list[object]:
    """A row for ``sheet.append`` (also on a write-only sheet): a text that starts like a
    formula as a text cell, anything else as it is."""
    return [_text_cell(sheet, value) for value in values]


def _quoted(value: object) -> object:
    return "'" + value if starts_formula(value) else value
