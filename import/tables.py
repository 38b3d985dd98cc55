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
import time
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from importers.journal import FolderLock
from importers.report import Report

__all__ = [
    "NON_TABLE_FOLDERS",
    "Table",
    "decode",
    "open_workbook",
    "place_of",
    "read_tables",
    "reason",
    "sheet_rows",
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

# Limits on a workbook: what a real dataset, DUO file or returned workbook stays far
# below, and what keeps a crafted one (a "zip bomb": 7 MB that unpack to 1.5 GB, 16,384
# columns, a million rows) from holding a command for minutes and gigabytes.
MAX_WORKBOOK_BYTES = 64 * 2**20  # unpacked; the full DUO vestigingen file is about 12 MB
MAX_EXPANSION = 100  # unpacked / packed; real workbooks stay under about 20
MAX_ROWS = 200_000
MAX_COLUMNS = 256
MAX_READ_SECONDS = 120.0
# A formula that takes a value from another workbook: ``=[1]Blad1!A1``, ``='[1]x'!B2``
EXTERNAL_REFERENCE = re.compile(r"\[[0-9]+\]")

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
        data = path.read_bytes()
        text = decode(data)
    except OSError as exc:
        report.add(label, "unreadable-file", reason=str(exc))
        return None
    except UnicodeDecodeError as exc:
        row, column = place_of(data, exc.start)
        report.add(label, "unreadable-file", row=row, column=column, reason=reason(exc))
        return None
    rows: list[list[str]] = []
    try:
        rows.extend(csv.reader(io.StringIO(text, newline=""), sniff_dialect(text), strict=True))
    except csv.Error as exc:  # a cell over the size limit, a quote never closed
        report.add(label, "unreadable-file", row=len(rows) + 1, reason=str(exc))
        return None
    return table_of_rows(path.stem, label, _numbered(rows), report)


def place_of(data: bytes, offset: int) -> tuple[int, str | None]:
    """The row (as a spreadsheet counts, a cell may span lines) and the column (its
    header name, when the header is readable) of the byte at `offset`."""
    before = data[:offset].decode("utf-8", errors="replace")
    reader = csv.reader(io.StringIO(before + "\x00", newline=""), sniff_dialect(before))
    rows = list(reader)
    header = [normalise_column(c) for c in rows[0]] if len(rows) > 1 else []
    index = len(rows[-1]) - 1
    return len(rows), header[index] if index < len(header) else None


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


def reason(exc: Exception) -> str:
    """Why a file could not be read, in words (for a decode error: not where, in bytes)."""
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 or Windows-1252 text ({exc.reason})"
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
    workbook = open_workbook(path, report)
    if workbook is None:
        return []
    deadline = time.monotonic() + MAX_READ_SECONDS
    tables = []
    for sheet in workbook.worksheets:
        label = f"{path.name}:{sheet.title}"
        refused = len(report.errors)
        rows = list(sheet_rows(sheet, label, report, deadline))
        if len(report.errors) > refused:  # past a limit: the rows read so far say nothing
            continue
        if table := table_of_rows(sheet.title, label, rows, report):
            tables.append(table)
    workbook.close()
    return tables


def open_workbook(path: Path, report: Report) -> Any:
    """An XLSX workbook opened read-only for its cells' values, or None with the reason in
    `report`: damaged, larger than MAX_WORKBOOK_BYTES or MAX_EXPANSION times its size on
    disk once unpacked (checked from the zip directory, before anything is parsed), or
    with cells whose value comes from another workbook (an external link: the value in the
    file is a copy of something we cannot see)."""
    from openpyxl import load_workbook  # only workbook users pay for the import

    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (OSError, zipfile.BadZipFile) as exc:
        report.add(path.name, "unreadable-file", reason=f"not a readable XLSX workbook ({exc})")
        return None
    unpacked = sum(e.file_size for e in entries)
    packed = max(sum(e.compress_size for e in entries), 1)
    if unpacked > MAX_WORKBOOK_BYTES or (unpacked > 2**20 and unpacked > MAX_EXPANSION * packed):
        report.add(
            path.name,
            "workbook-too-large",
            unpacked=f"{unpacked / 2**20:.0f}",
            packed=f"{packed / 2**20:.1f}",
            limit=f"{MAX_WORKBOOK_BYTES / 2**20:.0f}",
            expansion=MAX_EXPANSION,
        )
        return None
    try:
        if any(e.filename.startswith("xl/externalLinks/") for e in entries):
            _report_external_links(load_workbook(path, read_only=True), path.name, report)
            return None
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        report.add(path.name, "unreadable-file", reason=f"not a readable XLSX workbook ({exc})")
        return None


def _report_external_links(workbook: Any, file: str, report: Report) -> None:
    from openpyxl.utils import get_column_letter

    deadline = time.monotonic() + MAX_READ_SECONDS
    found = False
    for sheet in workbook.worksheets:
        label = f"{file}:{sheet.title}"
        for number, cells in sheet_rows(sheet, label, report, deadline, formulas=True):
            for index, formula in enumerate(cells, start=1):
                if EXTERNAL_REFERENCE.search(formula):
                    column = get_column_letter(index)
                    report.add(label, "external-link", row=number, column=column, value=formula)
                    found = True
    workbook.close()
    if not found:  # a link the cells do not show (a defined name, a chart): still refused
        report.add(file, "external-link", value="xl/externalLinks")


def sheet_rows(
    sheet: Any, label: str, report: Report, deadline: float, formulas: bool = False
) -> Iterator[tuple[int, list[str]]]:
    """A worksheet's rows, numbered from 1, as text cells; they stop, with the reason in
    `report`, after MAX_ROWS rows, at a row with a value past MAX_COLUMNS, or at
    `deadline` (time.monotonic). With `formulas`, only the cells that hold formulas
    (as text, ``=[1]Sheet1!A1``) are given, the others are empty."""
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            report.add(label, "too-many-rows", row=number, limit=MAX_ROWS)
            return
        if any(v not in (None, "") for v in values[MAX_COLUMNS:]):
            report.add(label, "too-many-columns", row=number, limit=MAX_COLUMNS)
            return
        if number > 1 and time.monotonic() > deadline:  # after the header: say where
            report.add(label, "too-slow", row=number, limit=f"{MAX_READ_SECONDS:.0f}")
            return
        values = values[:MAX_COLUMNS]
        if formulas:
            yield number, [v if isinstance(v, str) and v.startswith("=") else "" for v in values]
        else:
            yield number, [spreadsheet_text(v) for v in values]


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
