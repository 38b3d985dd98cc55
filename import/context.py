"""What every file reader gets and gives: the shared part of the importers.

A reader turns one file into a GraphBatch against the graph it will go into (to find
gemeenten and existing organisations by name), and reports each problem with file, row and
column. Readers never write: `importers.importing` decides whether and where.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graphmodel import schema
from graphmodel.model import GraphBatch, Node, Relationship
from graphmodel.stores.base import Store
from importers.curated import valid_sources
from importers.report import Report
from importers.tables import Table

__all__ = ["Columns", "ReadContext", "ReadResult", "RowProgress", "file_provenance"]

RowProgress = Callable[[int], None]  # told how many rows were just read


@dataclass(frozen=True)
class ReadContext:
    """The graph an import goes into and the choices the user made for it."""

    store: Store
    lookup: Path  # the folder with the woonplaats and former-gemeente tables
    source: str  # what every row's facts are attributed to
    verified: str  # the date they were true on (ISO)
    keep_unknown: bool = False
    sector: str | None = None
    progress: RowProgress | None = None

    @property
    def provenance(self) -> dict[str, str]:
        return {"source": self.source, "verified": self.verified}

    def read(self, rows: int) -> None:
        if self.progress:
            self.progress(rows)


@dataclass
class ReadResult:
    """A reader's batch, how many rows it read and rejected, and where each node came
    from (for messages about it later, such as a conflict with what the store holds)."""

    batch: GraphBatch = field(default_factory=GraphBatch)
    rows_read: int = 0
    rows_rejected: int = 0
    origins: dict[str, tuple[str, int]] = field(default_factory=dict)

    def add_node(self, node: Node, file: str, row: int) -> None:
        self.batch.nodes.append(node)
        self.origins.setdefault(node.id, (file, row))

    def add_relationship(self, relationship: Relationship) -> None:
        self.batch.relationships.append(relationship)

    def read_rows(
        self,
        table: Table,
        columns: Columns,
        context: ReadContext,
        read_row: Callable[[int, dict[str, str]], None],
    ) -> None:
        """Every row of `table` through `read_row`, counted as read, and as rejected when
        it added an error (or the header lacks a required column, so none is read)."""
        for number, cells in table.rows:
            self.rows_read += 1
            context.read(1)
            errors = len(columns.report.errors)
            if columns.ok:
                read_row(number, cells)
            self.rows_rejected += not columns.ok or len(columns.report.errors) > errors


def file_provenance(
    path: Path, source: str | None, verified: str | None, report: Report
) -> tuple[str, str]:
    """The source and verified date of a file's facts: as given, else the file's name
    and the day it was last modified (so that importing it again changes nothing)."""
    given = source or path.name
    chosen_source = valid_sources(given)
    if chosen_source is None:
        report.add(path.name, "bad-import-source", value=given)
    chosen_date = verified or dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
    return chosen_source or given, chosen_date


class Columns:
    """A table's columns by the names a reader knows them by.

    `names` maps each field to the header names it goes by (several generations of a
    file, several languages); the first one the table has is used. Columns outside
    `names` and `ignored` are reported, and kept as ``x_`` properties when asked.
    """

    def __init__(
        self,
        table: Table,
        names: dict[str, tuple[str, ...]],
        required: Iterable[str],
        report: Report,
        ignored: Callable[[str], bool] = lambda name: False,
        keep_unknown: bool = False,
    ) -> None:
        self.table = table
        self.column = {
            f: next((n for n in options if n in table.header), None) for f, options in names.items()
        }
        self.missing = [f for f in required if self.column[f] is None]
        self.report = report
        for name in self.missing:
            report.add(table.file, "missing-column", row=1, column=names[name][0])
        known = {n for options in names.values() for n in options}
        self.unknown = [h for h in table.header if h and h not in known and not ignored(h)]
        code = "unknown-column-kept" if keep_unknown else "unknown-column"
        for name in self.unknown:
            report.add(table.file, code, row=1, column=table.label(name), severity="warning")
        self.keep_unknown = keep_unknown

    @property
    def ok(self) -> bool:
        return not self.missing

    def get(self, cells: dict[str, str], name: str) -> str:
        column = self.column.get(name)
        return cells.get(column, "").strip() if column else ""

    def extras(self, cells: dict[str, str]) -> dict[str, str]:
        """The row's unknown cells as ``x_`` properties, when the user asked to keep them."""
        if not self.keep_unknown:
            return {}
        return {schema.EXTRA_PREFIX + c: cells[c] for c in self.unknown if cells.get(c)}
