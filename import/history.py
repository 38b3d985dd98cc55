"""A dataset's history file: ``history/changes.csv``, one recorded change per row.

The columns are `graphmodel.stores.history.COLUMNS`; rows are only ever appended, so that git
shows each round of changes as added lines. The file sits in its own folder because it
is not a table of the graph: the readers of curated tables pass it by.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from graphmodel.errors import GraphModelError
from graphmodel.stores import history
from graphmodel.stores.history import Change
from importers.curated import DATE_PATTERN, is_date
from importers.tables import decode, place_of, reason

__all__ = ["HISTORY_FILE", "read_history"]

HISTORY_FILE = Path("history") / "changes.csv"


def read_history(folder: Path) -> list[Change]:
    """The changes recorded in `folder`'s history file, in order; none when it has none.

    Raises GraphModelError naming the file, row and column of anything unreadable.
    """
    path = folder / HISTORY_FILE if folder.is_dir() else None
    if path is None or not path.exists():
        return []
    data = path.read_bytes()
    try:
        text = decode(data)
    except UnicodeDecodeError as exc:
        row, column = place_of(data, exc.start)
        raise GraphModelError(f"{path}, row {row}, column {column}: {reason(exc)}") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    if tuple(reader.fieldnames or ()) != history.COLUMNS:
        raise GraphModelError(f"{path}, row 1: expected the columns {', '.join(history.COLUMNS)}")
    for number, row in enumerate(rows, start=2):
        if not is_date(row["date"] or "", DATE_PATTERN):
            raise GraphModelError(
                f"{path}, row {number}, column date: '{row['date']}' is not a date (YYYY-MM-DD)"
            )
        if row["action"] not in history.ACTIONS:
            raise GraphModelError(
                f"{path}, row {number}, column action: '{row['action']}' is not one of "
                f"{', '.join(history.ACTIONS)}"
            )
    return [Change(**{c: row[c] or "" for c in history.COLUMNS}) for row in rows]
