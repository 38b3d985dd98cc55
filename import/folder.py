"""Write an import into a dataset folder (``data/``) without losing anything in it.

New nodes and relationships go to the folder's ``imported/`` tables; a node or
relationship that a load changed (a second source, a new property, an end date) is
updated in the row that already holds it, so that each fact stays in one row. Recorded
changes are appended to the history file (`importers.history`). A node or relationship
that a store's `replace` dropped (a person forgotten) leaves its row or its list entry,
and the history file is then rewritten as the store's history stands. The files that change,
the history with them, are written all or nothing (`importers.journal`): a failure, or a
kill at any moment, leaves the folder as it was or as the import makes it. The caller
holds the folder's lock from reading it until this has written it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graphmodel import schema
from graphmodel.model import Node, Relationship, cells
from graphmodel.sources import COLUMNS as SOURCE_COLUMNS
from graphmodel.sources import Source
from graphmodel.stores import history
from graphmodel.stores.history import Change
from importers.history import HISTORY_FILE, read_history
from importers.journal import commit
from importers.report import Report
from importers.tables import Table, read_tables

__all__ = ["IMPORTED", "write_into_folder"]

IMPORTED = "imported"


@dataclass
class _File:
    """One CSV table of the folder, as text cells, to be changed and written back."""

    path: Path
    header: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)
    changed: bool = False
    dropped: set[int] = field(default_factory=set)  # rows to leave out when written

    def set_row(self, index: int | None, cells: dict[str, str]) -> None:
        """Append a row, or update the cells of row `index` (its other cells, such as
        link columns, stay). A column the file lacks is added only for a value."""
        cells = {k: v for k, v in cells.items() if v or k in self.header}
        for column in cells:
            if column not in self.header:
                self.header.append(column)
        if index is None:
            self.rows.append(cells)
        else:
            self.rows[index] = {**self.rows[index], **cells}
        self.changed = True

    def drop(self, index: int) -> None:
        """Leave row `index` out (indices of the other rows stay valid until written)."""
        self.dropped.add(index)
        self.changed = True

    def kept_rows(self) -> list[dict[str, str]]:
        return [row for index, row in enumerate(self.rows) if index not in self.dropped]


def write_into_folder(
    folder: Path,
    nodes: Iterable[Node],
    relationships: Iterable[Relationship],
    changes: Sequence[Change] = (),
    sources: Sequence[Source] = (),
    removed: Collection[object] = (),
    history_before: Sequence[Change] | None = None,
) -> None:
    """Add or update `nodes` and `relationships` (all validated) in `folder`, append
    `changes` to its history file and `sources` (those the load cites that the folder's
    sources table lacks) to its imported sources table, all in one journalled step;
    hold the folder's `importers.journal.FolderLock`.

    `removed` (node ids and relationship keys) leave the folder first; with
    `history_before` the history file is rewritten to it before `changes` are appended
    (a replaced history: what it scrubbed leaves the file too)."""
    files, places = _read_folder(folder)
    for key in removed:
        _remove(places, key)
    if history_before is not None:
        file = _history_file(folder, files)
        file.rows, file.changed = [vars(change) for change in history_before], True
    if sources:
        target = _imported(files, folder, schema.SOURCE_TABLE, list(SOURCE_COLUMNS))
        for source in sources:
            target.set_row(None, vars(source))
    relationships = list(relationships)
    planned = {rel.key for rel in relationships}
    for node in nodes:
        _write_node(files, places, folder, node, planned)
    for rel in relationships:
        _write_relationship(files, places, folder, rel)
    for change in changes:
        _history_file(folder, files).set_row(None, vars(change))
    _write_all(folder, [f for f in files.values() if f.changed])


@dataclass(frozen=True)
class _Place:
    """Where a node or relationship is written: a row, and for a relationship that a
    node row's list column holds, that column."""

    file: _File
    index: int
    column: str | None = None


Places = dict[object, _Place]  # node id, or relationship key, -> its place


def _write_node(
    files: dict[Path, _File], places: Places, folder: Path, node: Node, planned: set[object]
) -> None:
    kind = schema.kind(node.kind)
    row = {c.name: "" for c in kind.all_columns} | {"id": node.id, **cells(node.properties)}
    if place := places.get(node.id):
        old = dict(place.file.rows[place.index])
        if any(old.get(c, "") != row.get(c, "") for c in ("source", "verified")):
            _keep_listed_provenance(files, places, folder, kind, old, planned)
        place.file.set_row(place.index, row)  # its list columns stay as they are
    else:
        target = _imported(files, folder, kind.table, [c.name for c in kind.all_columns])
        target.set_row(None, row)


def _remove(places: Places, key: object) -> None:
    """Drop the row of node id or relationship key `key`, or its entry in a list column;
    what the folder does not hold is left be."""
    place = places.pop(key, None)
    if place is None:
        return
    if place.column is None:
        place.file.drop(place.index)
        return
    _, _, target, _ = key  # type: ignore[misc]  # a listed relationship's key
    listed = place.file.rows[place.index][place.column]
    kept = [t.strip() for t in listed.split(";") if t.strip() and t.strip() != target]
    place.file.set_row(place.index, {place.column: ";".join(kept)})


def _write_relationship(
    files: dict[Path, _File], places: Places, folder: Path, rel: Relationship
) -> None:
    """A relationship in a relationships table is updated in its row; one that a node
    row lists moves to the imported relationships table, where it can carry its own
    dates (it leaves the list: it is still written once)."""
    row = {"from": rel.start, "type": rel.type, "to": rel.end, **cells(rel.properties)}
    place = places.get(rel.key)
    if place and place.column is None:
        place.file.set_row(place.index, {c.name: "" for c in schema.RELATIONSHIP_COLUMNS} | row)
        return
    if place and place.column:
        listed = place.file.rows[place.index][place.column]
        kept = [t.strip() for t in listed.split(";") if t.strip() and t.strip() != rel.end]
        place.file.set_row(place.index, {place.column: ";".join(kept)})
    columns = [c.name for c in schema.RELATIONSHIP_COLUMNS]
    _imported(files, folder, schema.RELATIONSHIP_TABLE, columns).set_row(None, row)


def _keep_listed_provenance(
    files: dict[Path, _File],
    places: Places,
    folder: Path,
    kind: schema.NodeKind,
    old: dict[str, str],
    planned: set[object],
) -> None:
    """A row's list columns take the row's source and date: before those change, the
    links the load does not touch move out with the provenance they had, so that the
    change cannot silently re-date them."""
    provenance = {c: old[c] for c in ("source", "verified") if old.get(c)}
    for link in kind.links:
        for target in [t.strip() for t in old.get(link.column, "").split(";") if t.strip()]:
            rel = Relationship(old["id"], link.relationship, target, provenance)
            if rel.key not in planned:
                _write_relationship(files, places, folder, rel)


def _read_folder(folder: Path) -> tuple[dict[Path, _File], Places]:
    report = Report()
    files: dict[Path, _File] = {}
    places: Places = {}
    for table in read_tables(folder, report):
        file = _file_of(folder, table)
        files[file.path] = file
        kind = schema.kind_by_table(table.name)
        if table.name == schema.SOURCE_TABLE:
            continue  # only appended to, never looked up by place
        for index, row in enumerate(file.rows):
            if table.name == schema.RELATIONSHIP_TABLE:
                key = (row.get("from", ""), row.get("type", ""), row.get("to", ""))
                places[(*key, row.get("role", ""))] = _Place(file, index)
            elif kind and row.get("id"):
                places[row["id"]] = _Place(file, index)
                places |= _listed(kind, row, _Place(file, index))
    return files, places


def _listed(kind: schema.NodeKind, row: dict[str, str], place: _Place) -> Places:
    """The relationships a node row's list columns hold, each at its column."""
    return {
        (row["id"], link.relationship, target.strip(), ""): _Place(
            place.file, place.index, link.column
        )
        for link in kind.links
        for target in row.get(link.column, "").split(";")
        if target.strip()
    }


def _file_of(folder: Path, table: Table) -> _File:
    rows = [cells for _, cells in table.rows]
    return _File(folder / table.file, list(table.header), rows)


def _imported(files: dict[Path, _File], folder: Path, table: str, columns: list[str]) -> _File:
    path = folder / IMPORTED / f"{table}.csv"
    if path not in files:
        files[path] = _File(path, list(columns))
    return files[path]


def _history_file(folder: Path, files: dict[Path, _File]) -> _File:
    path = folder / HISTORY_FILE
    if path not in files:
        rows = [vars(change) for change in read_history(folder)]
        files[path] = _File(path, list(history.COLUMNS), rows)
    return files[path]


def _write_all(folder: Path, files: list[_File]) -> None:
    """Write the files all or nothing (`importers.journal.commit`)."""
    commit(folder, {file.path.relative_to(folder): _csv_text(file) for file in files})


def _csv_text(file: _File) -> str:
    text = io.StringIO()
    writer = csv.DictWriter(text, file.header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(file.kept_rows())
    return text.getvalue()
