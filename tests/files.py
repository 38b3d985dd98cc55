"""Helpers the tests share for files: edit a CSV cell by cell, fingerprint a folder."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path


def rewrite(path: Path, edit) -> None:
    """Apply `edit` to the rows (header first) of a CSV file."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows = edit(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell; `row` counts as a spreadsheet does (header is row 1)."""

    def edit(rows):
        rows[row - 1][rows[0].index(column)] = value
        return rows

    rewrite(path, edit)


def file_hashes(folder: Path) -> dict[str, str]:
    return {
        str(f.relative_to(folder)): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(folder.rglob("*"))
        if f.is_file()
    }
