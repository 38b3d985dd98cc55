"""Read tables from a dataset folder of CSV files or from an XLSX workbook.

Reading is separate from validation: a reader turns bytes into named tables of string
cells with their row numbers, and reports only what stops it from doing that (bad
encoding, ragged rows, a doubled header). Row numbers are those a spreadsheet shows:
the header is row 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from importers.journal import FolderLock
from importers.report import Report

__all__ = [
    "NON_TABLE_FOLDERS",
    "Table",
    "decode",
    "read_tables",
    "sniff_dialect",
    "spreadsheet_text",
    "table_of_rows",
]

# Folders of a dataset that hold reference files, not graph tables.
NON_TABLE_FOLDERS = frozenset({"geo", "history", "lookup"})

DELIMITERS = (",", ";", "\t")
# Two characters that UTF-8 for é, ë, ï ... turn into when read as Windows-1252.
MOJIBAKE = re.compile(
    "[\u00c2\u00c3][\u0080-\u00bf\u2018-\u201e\u20ac\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2020-\u2022\u2026\u2030\u2039\u203a\u2122]"
)

# Characters no text file holds (C0 and C1 controls but tab, LF and CR; DEL).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class _Comma(csv.excel):
    pass


class _Semicolon(csv.excel):
    delimiter = ";"


_DIALECTS: dict[str, type[csv.Dialect]] = {",": _Comma, ";": _Semicolon, "\t": csv.excel_tab}


@dataclass
class Table:
    """A named table: its header (normalised column names), its rows by row number, and
    each column's name as the file writes it (``BRIN NUMMER``), for messages."""

    name: str
    file: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, column: str) -> str:
        """The file's own name of a (normalised) column; the name itself if it has none."""
        return self.labels.get(column, column)


def normalise_column(name: str) -> str:
    """Column names match case- and space-insensitively: ' Short Name' -> 'short_name'."""
    return "_".join(name.strip().lower().replace("-", " ").split())


def read_tables(path: Path, report: Report) -> list[Table]:
    """All tables of a dataset: a folder of CSV files, one CSV file, or an XLSX workbook."""
    if path.is_dir():
        with FolderLock(path, shared=True):  # never half a write
            return [t for f in _dataset_csv_files(path) if (t := _read_csv(f, path, report))]
    if path.suffix.lower() == ".xlsx":
        return _read_workbook(path, report)
    table = _read_csv(path, path.parent, report)
    return [table] if table else []


def _dataset_csv_files(folder: Path) -> list[Path]:
    return sorted(
        f
        for f in folder.rglob("*.csv")
        if not NON_TABLE_FOLDERS.intersection(f.relative_to(folder).parts[:-1])
    )


def _read_csv(path: Path, root: Path, report: Report) -> Table | None:
    label = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    try:
        text = decode(path.read_bytes())
        rows = list(csv.reader(io.StringIO(text, newline=""), sniff_dialect(text), strict=True))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        report.add(label, "unreadable-file", reason=_reason(exc))
        return None
    return table_of_rows(path.stem, label, _numbered(rows), report)


def decode(data: bytes) -> str:
    """The text of a file as people's tools write it: UTF-8 with or without BOM, else
    Windows-1252 (Excel's "CSV" on Dutch Windows).

    A file that is neither, or mixes the two (UTF-8 text in a Windows-1252 file reads as
    "CafÃ©"), raises UnicodeDecodeError: guessing would store garbled names. So does a
    control character other than tab and line ends: no text tool writes one, but UTF-16
    (a NUL in every other byte), a binary file and a damaged byte do.
    """
    try:
        text, codec = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        text, codec = data.decode("cp1252"), "cp1252"  # raises for its 5 undefined bytes
        if mixed := MOJIBAKE.search(text):
            raise UnicodeDecodeError(
                "utf-8", data, mixed.start(), mixed.end(), "UTF-8 mixed with Windows-1252"
            ) from utf8_error
    if control := CONTROL.search(text):
        at = len(data) - len(text[control.start() :].encode(codec))
        reason = f"control character U+{ord(control.group()):04X}"
        raise UnicodeDecodeError(codec, data, at, at + 1, reason)
    return text


def sniff_dialect(text: str) -> type[csv.Dialect]:
    """Comma, semicolon or tab, whichever the header line holds most of (outside quotes);
    quoting and line ends (CRLF or LF) the csv module handles by itself."""
    header = _outside_quotes(text.split("\n", 1)[0])
    return _DIALECTS[max(DELIMITERS, key=header.count)]


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 or Windows-1252 text ({exc.reason}, byte {exc.start})"
    return str(exc)


def _outside_quotes(line: str) -> str:
    return "".join(part for i, part in enumerate(line.split('"')) if i % 2 == 0)


def _numbered(rows: Iterable[list[str]]) -> Iterator[tuple[int, list[str]]]:
    return ((number, row) for number, row in enumerate(rows, start=1))


def table_of_rows(
    name: str, label: str, rows: Iterable[tuple[int, list[str]]], report: Report
) -> Table | None:
    """Build a table from numbered raw rows: first non-empty row is the header."""
    numbered = [(n, cells) for n, cells in rows if any(c.strip() for c in cells)]
    if not numbered:
        report.add(label, "unreadable-file", reason="no header row")
        return None
    header_row, raw_header = numbered[0]
    header = [normalise_column(c) for c in raw_header]
    while header and not header[-1]:  # spreadsheets pad the header with empty cells
        header.pop()
    seen: set[str] = set()
    for column in header:
        if column in seen:
            report.add(label, "duplicate-column", row=header_row, column=column)
        seen.add(column)
    labels = dict(zip(header, (c.strip() for c in raw_header), strict=False))
    table = Table(name, label, header, labels=labels)
    width = len(header)
    for number, cells in numbered[1:]:
        if len(cells) < width or any(c.strip() for c in cells[width:]):
            report.add(label, "row-length", row=number, found=len(cells), expected=width)
            continue
        table.rows.append(
            (number, {h: c.strip() for h, c in zip(header, cells[:width], strict=True)})
        )
    return table


def _read_workbook(path: Path, report: Report) -> list[Table]:
    from openpyxl import load_workbook  # only workbook users pay for the import

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        report.add(path.name, "unreadable-file", reason=f"not a readable XLSX workbook ({exc})")
        return []
    tables = []
    for sheet in workbook.worksheets:
        rows = (
            (number, [spreadsheet_text(v) for v in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        )
        if table := table_of_rows(sheet.title, f"{path.name}:{sheet.title}", rows, report):
            tables.append(table)
    workbook.close()
    return tables


def spreadsheet_text(value: object) -> str:
    """A spreadsheet cell as the text a CSV would hold (dates ISO, whole numbers plain)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
