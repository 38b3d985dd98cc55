"""Write a batch as curated tables: one table per kind and ``relationships``.

The inverse of `importers.curated.read_dataset`: what is written reads back to the same
batch, as a folder of CSV files or as one XLSX workbook (a sheet per table). Relationships
all go to the relationships table (the link columns stay empty). A folder is written next
to the target and renamed into place, so that a reader never sees half a dataset. The
empty workbook (`template`) is what a contributor fills in to propose additions.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

from graphmodel import schema
from graphmodel.frames import text_cells
from graphmodel.model import GraphBatch, Node, cells
from graphmodel.sources import SourceCatalogue

__all__ = ["template", "workbook", "write_tables"]

Rows = list[dict[str, str]]


def write_tables(batch: GraphBatch, folder: Path, readme: str = "") -> None:
    """Write `batch` into `folder` (replaced as a whole), with an optional README.md."""
    folder = folder.resolve()
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp's 0700 would stay on the dataset folder
    try:
        for name, columns, rows in _tables(batch):
            if rows or name == schema.RELATIONSHIP_TABLE:
                _write_csv(staging / f"{name}.csv", columns, rows)
        if readme:
            (staging / "README.md").write_text(readme, encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def workbook(batch: GraphBatch, sources: SourceCatalogue | None = None) -> bytes:
    """`batch` as an XLSX workbook: a sheet per table that has rows, relationships, and
    the sources table (what each `source` value stands for: title, publisher, address)."""
    tables = [t for t in _tables(batch) if t[2] or t[0] == schema.RELATIONSHIP_TABLE]
    if sources:
        tables.append(_sources_table(sources))
    return _workbook(tables)


def template() -> bytes:
    """An empty workbook with every table's columns, to fill in and check."""
    return _workbook([*_tables(GraphBatch()), _sources_table(SourceCatalogue())])


def _sources_table(sources: SourceCatalogue) -> tuple[str, list[str], Rows]:
    columns = [c.name for c in schema.SOURCE_COLUMNS]
    return schema.SOURCE_TABLE, columns, [vars(s) for s in sources.sources]


def _tables(batch: GraphBatch) -> list[tuple[str, list[str], Rows]]:
    """(table name, columns, rows) for every kind in schema order, then relationships."""
    by_kind: dict[str, list[Node]] = defaultdict(list)
    for node in batch.nodes:
        by_kind[node.kind].append(node)
    tables = [
        (
            kind.table,
            [c.name for c in kind.all_columns],
            [{"id": n.id, **cells(n.properties)} for n in by_kind[kind.name]],
        )
        for kind in schema.KINDS
    ]
    relationship_rows = [
        {"from": r.start, "type": r.type, "to": r.end, **cells(r.properties)}
        for r in batch.relationships
    ]
    columns = [c.name for c in schema.RELATIONSHIP_COLUMNS]
    return [*tables, (schema.RELATIONSHIP_TABLE, columns, relationship_rows)]


def _workbook(tables: list[tuple[str, list[str], Rows]]) -> bytes:
    from openpyxl import Workbook  # only workbook users pay for the import

    book = Workbook(write_only=True)
    for name, columns, rows in tables:
        sheet = book.create_sheet(name)
        sheet.append(columns)
        for row in rows:
            sheet.append(text_cells(sheet, [row.get(c, "") for c in columns]))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_csv(path: Path, columns: list[str], rows: Rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
