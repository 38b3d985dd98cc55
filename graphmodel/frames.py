"""Answers as flat tables: for CSV and XLSX, where a cell holds one value.

The questions return DataFrames whose cells may hold lists (reasons, routes) or records.
Flat, a list becomes its items joined by "; " and a record its words (a reason its
`text`, another record "key: value, ..."; never JSON a reader would have to decode), so
the CLI and the explorer's downloads write the same file for the same answer.

For people who open a download in Dutch Excel, `to_csv` can start with a byte-order
mark (else Excel reads UTF-8 as Windows-1252: "FryslÃ¢n"), separate by ";" (Excel in a
Dutch locale splits on ";", since "," is the decimal comma) and begin with a block that
says what the table shows (`About`); `to_xlsx` writes that block as a sheet of its own,
numbers as numbers and ISO dates as dates.

No exported cell runs as a formula (OWASP, "CSV injection"): every CSV and XLSX writer
goes through `to_csv`, `to_xlsx`, `text_not_formulas` or `text_cells`. In a CSV a text
that starts like a formula (=, +, -, @, tab, carriage return) gets a leading single
quote; in a workbook it stays as it is but is stored as text, never as a formula, so a
returned workbook reads back the value we wrote. Numbers stay numbers (-3 is not text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import IO, Any

import pandas as pd

__all__ = [
    "About",
    "flatten",
    "starts_formula",
    "text_cells",
    "text_not_formulas",
    "to_csv",
    "to_xlsx",
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
BOM = "\ufeff"
DATE_FORMAT = "yyyy-mm-dd"

About = Sequence[tuple[str, object]]  # what a table shows: (label, value) lines above it


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
        return "; ".join(_words(v) for v in value)
    if isinstance(value, dict):
        return _words(value)
    return value


def _words(value: object) -> str:
    """A record as a reader reads it: its `text` when it has one (a ranking's reason),
    else its filled-in fields as "key: value".

    >>> _words({"type": "topic", "text": "werkt aan zij-instroom"}), _words({"a": 1, "b": None})
    ('werkt aan zij-instroom', 'a: 1')
    """
    if not isinstance(value, dict):
        return str(value)
    if value.get("text"):
        return str(value["text"])
    return ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, "", [], {}))


def starts_formula(value: object) -> bool:
    """Whether a spreadsheet could take `value` for a formula (texts only).

    >>> starts_formula("=cmd|' /C calc'!A0"), starts_formula(-3), starts_formula("a-b")
    (True, False, False)
    """
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def to_csv(
    frame: pd.DataFrame, separator: str = ",", byte_order_mark: bool = False, about: About = ()
) -> str:
    """`frame` flattened as CSV text (RFC 4180: rows end in CRLF, so that a carriage
    return inside a cell is quoted and cannot start a row), a text that starts like a
    formula quoted. With `about`, its lines come first and an empty line after them.

    >>> to_csv(pd.DataFrame({"name": ["=1+1", "Zwolle"], "n": [-3, 4]}))
    "name,n\\r\\n'=1+1,-3\\r\\nZwolle,4\\r\\n"
    >>> to_csv(pd.DataFrame({"n": [1]}), ";", about=[("Datum", "2026-11-22")])
    'Datum;2026-11-22\\r\\n\\r\\nn\\r\\n1\\r\\n'
    """
    flat = _safe(flatten(frame))
    text = flat.to_csv(index=False, sep=separator, lineterminator="\r\n")
    if about:
        block = _safe(pd.DataFrame([(label, value) for label, value in about], dtype=object))
        text = block.to_csv(index=False, header=False, sep=separator, lineterminator="\r\n")
        text += "\r\n" + flat.to_csv(index=False, sep=separator, lineterminator="\r\n")
    return BOM + text if byte_order_mark else text


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    return frame if frame.empty else frame.apply(lambda column: column.map(_quoted))


def to_xlsx(
    target: str | IO[bytes] | Any,
    sheets: Mapping[str, pd.DataFrame],
    about: Mapping[str, About] | None = None,
) -> None:
    """Write each frame, flattened, as a sheet of an XLSX workbook at `target` (a path
    or a binary file); texts that start like a formula are stored as text, numbers as
    numbers, and a column of ISO dates as dates. `about` adds sheets of (label, value)
    lines that say what the others show."""
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            _typed(flatten(frame)).to_excel(writer, sheet_name=name, index=False)
        for name, lines in (about or {}).items():
            block = pd.DataFrame([(label, value) for label, value in lines], dtype=object)
            block.to_excel(writer, sheet_name=name, index=False, header=False)
        text_not_formulas(writer.book)
        _readable(writer.book)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every column whose filled cells are all ISO dates as dates."""
    typed = frame.copy()
    for column in typed.columns:
        values = typed[column].dropna()
        values = values[values != ""]
        if len(values) and all(isinstance(v, str) and ISO_DAY.fullmatch(v) for v in values):
            typed[column] = typed[column].map(_day)
    return typed


def _day(value: object) -> object:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _readable(book: Any) -> None:
    """Dates shown as 2026-11-22, and columns wide enough for their longest header."""
    for sheet in book.worksheets:
        for column in sheet.columns:
            width = max(len(str(cell.value or "")) for cell in column[:50])
            sheet.column_dimensions[column[0].column_letter].width = min(max(width, 8) + 2, 60)
            for cell in column:
                if isinstance(cell.value, date):
                    cell.number_format = DATE_FORMAT


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
