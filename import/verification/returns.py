"""A returned verification workbook, read back: its subject, answers and additions.

Spreadsheet programs and people change a workbook in ways we did not plan for. Columns
are found by their header (Dutch or English), not their place; rows by their hidden key,
not their order; extra sheets and columns that are not ours are passed by; dates may be
date cells or text. What cannot be understood is reported (file, sheet, row, column) and
the workbook is not taken in.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from importers.report import Report
from importers.tables import (
    MAX_READ_SECONDS,
    Table,
    normalise_column,
    open_workbook,
    sheet_rows,
    table_of_rows,
)
from importers.verification.workbook import (
    ADD_COLUMNS,
    ADD_SHEET,
    ADDITIONS,
    ANSWERS,
    ASK_SHEET,
    FACT_COLUMNS,
    FILLED_IN_BY,
    FORMAT,
    INSTRUCTION_SHEET,
    ROUND_SHEET,
)

__all__ = ["Addition", "Answer", "Returned", "read_returned", "text_date"]


@dataclass(frozen=True)
class Answer:
    """One row of Controleren: the fact's key, the answer and what the row says now."""

    row: int
    key: str
    answer: str  # one of ANSWERS, or "" for not checked
    value: str  # the workbook's current value
    new_value: str


@dataclass(frozen=True)
class Addition:
    """One row of Toevoegen."""

    row: int
    what: str  # one of ADDITIONS
    name: str
    role: str
    source: str


@dataclass(frozen=True)
class Returned:
    """A workbook as it came back."""

    file: str
    subject: str
    returned: str  # ISO date: when it was saved, unless the caller says otherwise
    by: str
    answers: list[Answer]
    additions: list[Addition]

    def where(self, sheet: str) -> str:
        """The location prefix of messages about `sheet`: ``org-x.xlsx:Controleren``."""
        return f"{self.file}:{sheet}"


def read_returned(path: Path, report: Report, returned: str | None = None) -> Returned | None:
    """Read one returned workbook; None (with the problems in `report`) when it cannot be.

    `returned` is the date its answers take effect; by default the date the workbook was
    last saved, so that taking the same file in twice gives the same dates.
    """
    errors_before = len(report.errors)
    book = open_workbook(path, report)
    if book is None:
        return None
    try:
        sheets = _our_sheets(path.name, book, report)
        saved = book.properties.modified
    finally:
        book.close()
    if sheets is None:
        return None
    round_info = _round_info(path.name, sheets, report)
    asked = _sheet_table(path.name, sheets, ASK_SHEET, FACT_COLUMNS, ("key", "answer"), report)
    added = _sheet_table(path.name, sheets, ADD_SHEET, ADD_COLUMNS, ("what", "name"), report)
    if len(report.errors) > errors_before or round_info is None:
        return None
    day = returned or (saved.date().isoformat() if saved else round_info["exported"])
    if not day:
        report.add(path.name, "not-a-round-workbook", reason="it has no date")
        return None
    return Returned(
        file=path.name,
        subject=round_info["subject"],
        returned=day,
        by=_filled_in_by(sheets.get(INSTRUCTION_SHEET.lower(), [])),
        answers=_answers(asked, report) if asked else [],
        additions=_additions(added, report) if added else [],
    )


Rows = list[tuple[int, list[str]]]
OUR_SHEETS = {s.lower() for s in (ROUND_SHEET, ASK_SHEET, ADD_SHEET, INSTRUCTION_SHEET)}


def _our_sheets(file: str, book: Any, report: Report) -> dict[str, Rows] | None:
    """The rows of the round's sheets by lower-case name (others are passed by); None
    when the round sheet is gone, which is known before any row is read."""
    found = {s.title.strip().lower(): s for s in book.worksheets}
    if ROUND_SHEET.lower() not in found:
        report.add(file, "not-a-round-workbook", reason=f"the hidden sheet '{ROUND_SHEET}' is gone")
        return None
    deadline = time.monotonic() + MAX_READ_SECONDS
    return {
        name: list(sheet_rows(sheet, f"{file}:{sheet.title}", report, deadline))
        for name, sheet in found.items()
        if name in OUR_SHEETS
    }


def _round_info(file: str, sheets: dict[str, Rows], report: Report) -> dict[str, str] | None:
    rows = sheets.get(ROUND_SHEET.lower())
    if rows is None:
        report.add(file, "not-a-round-workbook", reason=f"the hidden sheet '{ROUND_SHEET}' is gone")
        return None
    info = {cells[0].strip(): cells[1].strip() for _, cells in rows if len(cells) >= 2}
    if info.get("format") != FORMAT or not info.get("subject"):
        report.add(file, "not-a-round-workbook", reason=f"expected format {FORMAT}")
        return None
    info["exported"] = text_date(info.get("exported", "")) or ""
    return info


def _sheet_table(
    file: str,
    sheets: dict[str, Rows],
    name: str,
    columns: tuple[tuple[str, str], ...],
    required: tuple[str, ...],
    report: Report,
) -> Table | None:
    """The sheet as a table whose header is our field names, wherever each column went:
    a column is known by its whole header, its Dutch part or its English part."""
    rows = sheets.get(name.lower())
    where = f"{file}:{name}"
    if rows is None:
        report.add(file, "missing-sheet", sheet=name)
        return None
    table = table_of_rows(name, where, rows, report)
    if table is None:
        return None
    fields = {
        normalise_column(label): field
        for field, header in columns
        for label in (header, *header.split(" / "))
    }
    renamed = {h: fields.get(h, h) for h in table.header}
    table = Table(
        name,
        where,
        [renamed[h] for h in table.header],
        [(n, {renamed[h]: v for h, v in cells.items()}) for n, cells in table.rows],
        {renamed[h]: label for h, label in table.labels.items()},
    )
    headers = dict(columns)
    for field in required:
        if field not in table.header:
            report.add(where, "missing-column", row=1, column=headers[field])
    return table if all(f in table.header for f in required) else None


def _answers(table: Table, report: Report) -> list[Answer]:
    answers = []
    for number, cells in table.rows:
        answer = cells.get("answer", "").strip().lower()
        if answer and answer not in ANSWERS:
            report.add(
                table.file,
                "bad-choice",
                row=number,
                column=table.label("answer"),
                value=cells.get("answer"),
                expected=", ".join(ANSWERS),
            )
            continue
        key = cells.get("key", "")
        if not key:
            report.add(table.file, "key-removed", row=number, column=table.label("key"))
            continue
        answers.append(
            Answer(number, key, answer, cells.get("value", ""), cells.get("new_value", ""))
        )
    return answers


def _additions(table: Table, report: Report) -> list[Addition]:
    additions = []
    for number, cells in table.rows:
        what = cells.get("what", "").strip().lower()
        if not what and not cells.get("name"):
            continue
        if what not in ADDITIONS:
            report.add(
                table.file,
                "bad-choice",
                row=number,
                column=table.label("what"),
                value=cells.get("what", ""),
                expected=", ".join(ADDITIONS),
            )
            continue
        fields = ("name", "role", "source")
        additions.append(Addition(number, what, *(cells.get(f, "").strip() for f in fields)))
    return additions


def _filled_in_by(rows: Rows) -> str:
    label = normalise_column(FILLED_IN_BY)
    for _, cells in rows:
        if cells and normalise_column(cells[0]) == label and len(cells) > 1:
            return cells[1].strip()
    return ""


_TEXT_DATES = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%y")


def text_date(text: str) -> str | None:
    """An ISO date from a date as people type it (23-11-2026, 2026-11-23, 23/11/2026)."""
    for pattern in _TEXT_DATES:
        try:
            return dt.datetime.strptime(text.strip(), pattern).date().isoformat()
        except ValueError:
            continue
    return None
