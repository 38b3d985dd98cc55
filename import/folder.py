"""Write an import into a dataset folder (``data/``) without losing anything in it.

New nodes and relationships go to the folder's ``imported/`` tables; a node that the
import merged into (a second source, a new property) is updated in the file that already
holds it, so that each id stays in one row. Every file that changes is written beside
itself first and renamed into place only when all of them are written, so a failure
leaves the folder as it was.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graphmodel import schema
from graphmodel.model import Node, Relationship
from importers.report import Report
from importers.tables import Table, read_tables
from importers.writer import cells

__all__ = ["IMPORTED", "write_into_folder"]

IMPORTED = "imported"


@dataclass
class _File:
    """One CSV table of the folder, as text cells, to be changed and written back."""

    path: Path
    header: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)
    changed: bool = False

    def set_row(self, index: int | None, cells: dict[str, str]) -> None:
        """Append a row, or update the cells of row `index` (its other cells, such as
        link columns, stay: a merge only adds)."""
        for column in cells:
            if column not in self.header:
                self.header.append(column)
        if index is None:
            self.rows.append(cells)
        else:
            self.rows[index] = {**self.rows[index], **cells}
        self.changed = True


def write_into_folder(
    folder: Path, nodes: Iterable[Node], relationships: Iterable[Relationship]
) -> None:
    """Add or update `nodes` and add `relationships` (both validated) in `folder`."""
    files, where = _read_folder(folder)
    for node in nodes:
        kind = schema.kind(node.kind)
        row = {"id": node.id, **cells(node.properties)}
        if node.id in where:
            file, index = where[node.id]
            file.set_row(index, row)
        else:
            target = _imported(files, folder, kind.table, [c.name for c in kind.all_columns])
            target.set_row(None, row)
    rows = [
        {"from": r.start, "type": r.type, "to": r.end, **cells(r.properties)} for r in relationships
    ]
    if rows:
        columns = [c.name for c in schema.RELATIONSHIP_COLUMNS]
        target = _imported(files, folder, schema.RELATIONSHIP_TABLE, columns)
        for row in rows:
            target.set_row(None, row)
    _write_all([f for f in files.values() if f.changed])


def _read_folder(folder: Path) -> tuple[dict[Path, _File], dict[str, tuple[_File, int]]]:
    report = Report()
    files: dict[Path, _File] = {}
    where: dict[str, tuple[_File, int]] = {}
    for table in read_tables(folder, report):
        file = _file_of(folder, table)
        files[file.path] = file
        for index, row in enumerate(file.rows):
            if row.get("id"):
                where[row["id"]] = (file, index)
    return files, where


def _file_of(folder: Path, table: Table) -> _File:
    rows = [cells for _, cells in table.rows]
    return _File(folder / table.file, list(table.header), rows)


def _imported(files: dict[Path, _File], folder: Path, table: str, columns: list[str]) -> _File:
    path = folder / IMPORTED / f"{table}.csv"
    if path not in files:
        files[path] = _File(path, list(columns))
    return files[path]


def _write_all(files: list[_File]) -> None:
    """Write every file beside itself, then rename them all into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for file in files:
            file.path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{file.path.name}-", dir=file.path.parent)
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as f:
                writer = csv.DictWriter(f, file.header, lineterminator="\n")
                writer.writeheader()
                writer.writerows(file.rows)
            staged.append((Path(name), file.path))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, path in staged:
        os.replace(temporary, path)
