"""Turn curated tables into a validated GraphBatch.

Every cell is checked against `graphmodel.schema`; every reference is resolved once all
tables are read, so that a table may refer to rows of a table read after it. Problems are
collected, never raised: the caller gets the whole report, and an empty batch when there is
any error, so that nothing half-checked is ever loaded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import astuple, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import networkx as nx

from graphmodel import schema
from graphmodel.model import GraphBatch, Node, PropertyValue, Relationship
from graphmodel.schema import Column, ColumnType
from graphmodel.sources import Source, SourceCatalogue
from graphmodel.stores.changes import RelationshipKey
from importers.report import Report
from importers.tables import NON_TABLE_FOLDERS, Table, read_tables

__all__ = ["Against", "build_batch", "read_dataset", "read_source_catalogue"]

ID_PATTERN = re.compile(r"^([a-z]+):[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")
SOURCE_FILE_PATTERN = re.compile(r"^[\w.-]+\.(?:txt|csv|md|json|geojson|xlsx)$")
SOURCE_ID_PATTERN = re.compile(r"^bron:[a-z0-9]+(?:-[a-z0-9]+)*$")  # a row of the sources table
GITHUB_PATTERN = re.compile(r"^github:[\w.-]+/[\w.-]+@[0-9a-f]{7,40}:\S+$")
# [0-9], not \d: \d also matches fullwidth and Arabic-Indic digits, which int() reads
# but nothing else does
DATE_PATTERN = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
PARTIAL_DATE_PATTERN = re.compile(r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$")
SYNTHETIC_SOURCE = "synthetic"
# A returned verification workbook: the subject that answered, and the day it counts from
ROUND_SOURCE_PATTERN = re.compile(r"^verificatie:[a-z]+:[A-Za-z0-9-]+@\d{4}-\d{2}-\d{2}$")
# An approved profile: the account and the day the person confirmed (graphmodel.profiles)
PROFILE_SOURCE_PATTERN = re.compile(r"^profiel:[0-9]+@[0-9]{4}-[0-9]{2}-[0-9]{2}$")
NUMBER_PATTERN = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
HIERARCHIES = ("PART_OF", "BROADER")  # relationships that must not come back to their start
BOOLEANS = {"true": True, "ja": True, "yes": True, "1": True}
BOOLEANS |= {"false": False, "nee": False, "no": False, "0": False, "": False}


# The kind of a node that is not in the tables but already in the store, or None.
KindOfStored = Callable[[str], str | None]


@dataclass(frozen=True)
class Against:
    """What a contribution is checked against (``check FILE --against``, an import's
    target): its rows may refer to the nodes held there (`kind_of`) and cite the
    `sources` of its table; a web address the table lacks becomes a source of its own
    when imported, so it passes too."""

    kind_of: KindOfStored
    sources: SourceCatalogue = field(default_factory=SourceCatalogue)

    @classmethod
    def dataset(cls, batch: GraphBatch, sources: SourceCatalogue) -> Against:
        return cls({n.id: n.kind for n in batch.nodes}.get, sources)


def read_dataset(
    path: Path, keep_unknown: bool = False, against: Against | None = None
) -> tuple[GraphBatch, Report]:
    """Read and validate a dataset (folder, CSV file or XLSX workbook).

    With `keep_unknown`, unknown columns become ``x_`` text properties instead of being
    ignored; with `against`, a contribution to that dataset is checked (see `Against`).
    Returns the batch and the report; the batch is empty when the report has errors.

    Examples
    --------
    >>> import graphmodel
    >>> batch, report = read_dataset(graphmodel.BUNDLED_DATA)
    >>> report.ok, len(batch.nodes) > 1000
    (True, True)
    >>> batch, report = read_dataset(graphmodel.BUNDLED_DATA / "curated" / "nowhere.csv")
    >>> len(batch), [p.code for p in report.errors]
    (0, ['unreadable-file'])
    """
    report = Report()
    tables = read_tables(path, report)
    batch = build_batch(tables, report, keep_unknown, against)
    return (batch if report.ok else GraphBatch()), report


def read_source_catalogue(path: Path) -> SourceCatalogue:
    """The sources table of a dataset (folder, CSV file or XLSX workbook), checked as
    `read_dataset` checks it; empty when the dataset has none."""
    report = Report()
    files = [path]
    if path.is_dir():  # read only the sources tables of a folder, not every table
        name = f"{schema.SOURCE_TABLE}.csv"
        files = [
            f for f in sorted(path.rglob(name)) if f.parts[len(path.parts)] not in NON_TABLE_FOLDERS
        ]
    tables = [t for f in files for t in read_tables(f, report) if t.name == schema.SOURCE_TABLE]
    builder = _BatchBuilder(report)
    for table in tables:
        builder.add_table(table)
    return builder.catalogue or SourceCatalogue()


@dataclass(frozen=True)
class _Origin:
    """Where a value came from, for messages about it."""

    file: str
    row: int
    column: str

    def report(self, report: Report, code: str, value: object, **details: object) -> None:
        """Add the problem `code` about `value` to `report`, at this place."""
        report.add(self.file, code, row=self.row, column=self.column, value=value, **details)


@dataclass(frozen=True)
class _PendingRelationship:
    relationship: Relationship
    start_origin: _Origin
    end_origin: _Origin


def build_batch(
    tables: list[Table],
    report: Report,
    keep_unknown: bool = False,
    against: Against | None = None,
) -> GraphBatch:
    """Check every table and turn the valid rows into nodes and relationships."""
    builder = _BatchBuilder(report, keep_unknown, against)
    for table in tables:
        builder.add_table(table)
    return builder.finish()


class _BatchBuilder:
    def __init__(
        self, report: Report, keep_unknown: bool = False, against: Against | None = None
    ) -> None:
        self.report = report
        self.keep_unknown = keep_unknown
        self.against = against
        self.nodes: dict[str, Node] = {}
        self.node_origins: dict[str, _Origin] = {}
        self.pending: list[_PendingRelationship] = []
        # ids of rows rejected for a reported reason: references to them are not
        # reported again as dangling, so each mistake shows once
        self.rejected_ids: set[str] = set()
        # the sources table, when the dataset has one, and every source value a row cites
        self.catalogue: SourceCatalogue | None = against.sources if against else None
        self.cited: list[tuple[str, _Origin]] = []

    # --- tables -----------------------------------------------------------------------

    def add_table(self, table: Table) -> None:
        kind = schema.kind_by_table(table.name)
        if table.name == schema.SOURCE_TABLE:
            self._add_sources(table)
            return
        if table.name == schema.RELATIONSHIP_TABLE:
            columns = schema.RELATIONSHIP_COLUMNS
            link_columns: tuple[str, ...] = ()
        elif kind:
            columns = kind.all_columns
            link_columns = tuple(link.column for link in kind.links)
        else:
            names = [k.table for k in schema.KINDS] + [
                schema.RELATIONSHIP_TABLE,
                schema.SOURCE_TABLE,
            ]
            expected = ", ".join(names)
            self.report.add(table.file, "unknown-table", table=table.name, expected=expected)
            return
        if not self._check_header(table, columns, link_columns):
            self.rejected_ids.update(cells.get("id", "") for _, cells in table.rows)
            return
        for number, cells in table.rows:
            if kind:
                self._add_node_row(kind, table.file, number, cells)
            else:
                self._add_relationship_row(table.file, number, cells)

    def _check_header(
        self, table: Table, columns: tuple[Column, ...], link_columns: tuple[str, ...]
    ) -> bool:
        known = {c.name for c in columns} | set(link_columns)
        missing = [c.name for c in columns if c.required and c.name not in table.header]
        for name in missing:
            self.report.add(table.file, "missing-column", row=1, column=name)
        for name in table.header:
            if name not in known and not name.startswith(schema.EXTRA_PREFIX):
                code = "unknown-column-kept" if self.keep_unknown else "unknown-column"
                self.report.add(table.file, code, row=1, column=name, severity="warning")
        return not missing

    def _extras(self, cells: dict[str, str], known: tuple[Column, ...]) -> dict[str, str]:
        """The row's ``x_`` cells, and with `keep_unknown` its unknown ones renamed to x_."""
        names = {c.name for c in known}
        extras = {}
        for name, value in cells.items():
            if not value or name in names:
                continue
            if name.startswith(schema.EXTRA_PREFIX):
                extras[name] = value
            elif self.keep_unknown:
                extras[schema.EXTRA_PREFIX + name] = value
        return extras

    def _add_sources(self, table: Table) -> None:
        """The sources table: each row's id must be a source value a row can cite."""
        sources = list(self.catalogue.sources) if self.catalogue else []
        seen = {s.id: _Origin(table.file, 0, "id") for s in sources}
        if self._check_header(table, schema.SOURCE_COLUMNS, ()):
            for number, cells in table.rows:
                props = self._properties(schema.SOURCE_COLUMNS, table.file, number, cells)
                source_id, title = props.get("id"), props.get("title")
                if not isinstance(source_id, str) or not isinstance(title, str):
                    continue
                if not is_source(source_id) or source_id == SYNTHETIC_SOURCE:
                    self.report.add(
                        table.file, "bad-source", row=number, column="id", value=source_id
                    )
                elif source_id in seen:
                    first = seen[source_id]
                    self.report.add(
                        table.file,
                        "duplicate-id",
                        row=number,
                        column="id",
                        value=source_id,
                        first=f"{first.file}, row {first.row}",
                    )
                else:
                    seen[source_id] = _Origin(table.file, number, "id")
                    sources.append(Source(**{k: str(v) for k, v in props.items()}))
        self.catalogue = SourceCatalogue(sources)

    # --- rows -------------------------------------------------------------------------

    def _add_node_row(
        self, kind: schema.NodeKind, file: str, number: int, cells: dict[str, str]
    ) -> None:
        props = self._properties(kind.all_columns, file, number, cells)
        link_columns = tuple(Column(link.column) for link in kind.links)
        props |= self._extras(cells, kind.all_columns + link_columns)
        node_id = props.get("id")
        if not isinstance(node_id, str) or not self._check_id(node_id, kind, file, number):
            return
        props.pop("id")
        for link in kind.links:
            for target in self._list(cells.get(link.column, ""), file, number, link.column):
                self._link(node_id, link, target, props, _Origin(file, number, link.column))
        if node_id in self.nodes:
            first = self.node_origins[node_id]
            self.report.add(
                file,
                "duplicate-id",
                row=number,
                column="id",
                value=node_id,
                first=f"{first.file}, row {first.row}",
            )
            return
        self.nodes[node_id] = Node(node_id, kind.name, props)
        self.node_origins[node_id] = _Origin(file, number, "id")

    def _add_relationship_row(self, file: str, number: int, cells: dict[str, str]) -> None:
        props = self._properties(schema.RELATIONSHIP_COLUMNS, file, number, cells)
        start, rel_type, end = (
            props.pop("from", None),
            props.pop("type", None),
            props.pop("to", None),
        )
        if not all(isinstance(v, str) for v in (start, rel_type, end)):
            return  # a missing or invalid cell was reported by _properties
        relationship = Relationship(str(start), str(rel_type), str(end), props)
        self.pending.append(
            _PendingRelationship(
                relationship, _Origin(file, number, "from"), _Origin(file, number, "to")
            )
        )

    def _link(
        self,
        node_id: str,
        link: schema.Link,
        target: str,
        row_props: dict[str, PropertyValue],
        origin: _Origin,
    ) -> None:
        provenance = {k: row_props[k] for k in ("source", "verified") if k in row_props}
        relationship = Relationship(node_id, link.relationship, target, provenance)
        self.pending.append(_PendingRelationship(relationship, origin, origin))

    def _check_id(self, node_id: str, kind: schema.NodeKind, file: str, number: int) -> bool:
        match = ID_PATTERN.match(node_id)
        if match and match.group(1) == kind.prefix:
            return True
        self.rejected_ids.add(node_id)
        self.report.add(file, "bad-id", row=number, column="id", value=node_id, prefix=kind.prefix)
        return False

    # --- cells ------------------------------------------------------------------------

    def _properties(
        self, columns: tuple[Column, ...], file: str, number: int, cells: dict[str, str]
    ) -> dict[str, PropertyValue]:
        """The row's checked values by column; empty cells are left out."""
        props: dict[str, PropertyValue] = {}
        for column in columns:
            raw = cells.get(column.name, "")
            if not raw:
                if column.required:
                    self.report.add(file, "required-value", row=number, column=column.name)
                continue
            value = self._cell(column, raw, file, number)
            if value is not None and value != ():
                props[column.name] = value
        return props

    def _cell(self, column: Column, raw: str, file: str, number: int) -> PropertyValue | None:
        def problem(code: str, **details: object) -> None:
            self.report.add(file, code, row=number, column=column.name, value=raw, **details)

        match column.type:
            case ColumnType.CHOICE:
                if choice := _canonical_choice(column, raw):
                    return choice
                problem("bad-choice", expected=", ".join(column.choices))
            case ColumnType.VALUES:
                values = self._list(raw, file, number, column.name)
                if not column.choices:
                    return tuple(values)
                choices = [_canonical_choice(column, v) for v in values]
                if all(choices):
                    return tuple(c for c in choices if c)
                problem("bad-choice", expected=", ".join(column.choices))
            case ColumnType.BOOLEAN:
                if raw.lower() in BOOLEANS:
                    return BOOLEANS[raw.lower()]
                problem("bad-boolean")
            case ColumnType.NUMBER:
                if NUMBER_PATTERN.fullmatch(raw):
                    return float(raw)
                problem("bad-number")
            case ColumnType.URL:
                if is_web_url(raw):
                    return raw
                problem("bad-url")
            case ColumnType.SOURCE:
                if sources := valid_sources(raw):
                    origin = _Origin(file, number, column.name)
                    self.cited += [(part, origin) for part in sources.split("; ")]
                    return sources
                problem("bad-source")
            case ColumnType.DATE:
                if is_date(raw, DATE_PATTERN):
                    return raw
                problem("bad-date", expected="YYYY-MM-DD")
            case ColumnType.PARTIAL_DATE:
                if is_date(raw, PARTIAL_DATE_PATTERN):
                    return raw
                problem("bad-date", expected="YYYY, YYYY-MM of/or YYYY-MM-DD")
            case ColumnType.TEXT:
                return raw
        return None

    def _list(self, raw: str, file: str, number: int, column: str) -> list[str]:
        if not raw:
            return []
        items = [item.strip() for item in raw.split(";")]
        if not all(items):
            self.report.add(file, "empty-list-item", row=number, column=column, value=raw)
        return [item for item in items if item]

    # --- references -------------------------------------------------------------------

    def finish(self) -> GraphBatch:
        self._check_sources_resolve()
        relationships: dict[tuple[str, str, str, str], Relationship] = {}
        origins: dict[tuple[str, str, str, str], _Origin] = {}
        for pending in self.pending:
            if not self._resolves(pending):
                continue
            key = pending.relationship.key
            if key in relationships:
                first = origins[key]
                origin = pending.start_origin
                origin.report(
                    self.report,
                    "duplicate-relationship",
                    pending.relationship.end,
                    first=f"{first.file}, row {first.row}",
                )
                continue
            relationships[key] = pending.relationship
            origins[key] = pending.start_origin
        for key in sorted(cyclic(relationships.values()), key=lambda k: astuple(origins[k])):
            origin = origins.pop(key)
            del relationships[key]
            origin.report(self.report, "cycle", key[2])
        return GraphBatch(list(self.nodes.values()), list(relationships.values()))

    def _check_sources_resolve(self) -> None:
        """With a sources table, every source a row cites must be in it (a returned
        verification workbook names itself); without one (or with an empty one, as in a
        filled-in template), as in a file to import, there is nothing to resolve against."""
        if not self.catalogue:
            return
        for value, origin in self.cited:
            new_web_source = self.against is not None and is_web_url(value)
            if not self.catalogue.resolves(value) and not new_web_source:
                origin.report(self.report, "unresolved-source", value)

    def _resolves(self, pending: _PendingRelationship) -> bool:
        rel = pending.relationship
        if rel.start == rel.end:
            origin = pending.end_origin
            origin.report(self.report, "self-relationship", rel.end)
            return False
        ends_exist = True
        for node_id, origin in ((rel.start, pending.start_origin), (rel.end, pending.end_origin)):
            if node_id in self.rejected_ids:
                ends_exist = False
            elif node_id not in self.nodes and not self._kind_of(node_id):
                origin.report(self.report, "dangling-reference", node_id)
                ends_exist = False
        if not ends_exist:
            return False
        rel_type = schema.relationship_type(rel.type)
        start_kind, end_kind = self._kind_of(rel.start), self._kind_of(rel.end)
        if rel_type.allows(start_kind, end_kind):
            return True
        expected = ", ".join(f"{s}->{e}" for s, e in rel_type.endpoints)
        origin = pending.end_origin
        origin.report(
            self.report,
            "relationship-not-allowed",
            rel.end,
            type=rel.type,
            start_kind=start_kind,
            end_kind=end_kind,
            expected=expected,
        )
        return False

    def _kind_of(self, node_id: str) -> str | None:
        if node_id in self.nodes:
            return self.nodes[node_id].kind
        return self.against.kind_of(node_id) if self.against else None


def cyclic(relationships: Iterable[Relationship]) -> list[RelationshipKey]:
    """The keys of the hierarchy relationships (PART_OF, BROADER) that lie on a cycle: a
    region part of its own gemeente would be counted inside itself."""
    graph = nx.DiGraph()
    for rel in relationships:
        if rel.type in HIERARCHIES:
            graph.add_edge(rel.start, rel.end, key=rel.key)
    return [
        graph.edges[start, end]["key"]
        for component in nx.strongly_connected_components(graph)
        if len(component) > 1
        for start, end in graph.subgraph(component).edges
    ]


def _canonical_choice(column: Column, raw: str) -> str | None:
    """The allowed value `raw` stands for, compared case-insensitively, or None."""
    return next((c for c in column.choices if c.lower() == raw.lower()), None)


def is_web_url(text: str) -> bool:
    """An absolute http(s) address with a host and no spaces: safe to show as a link."""
    if any(c.isspace() for c in text):
        return False
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def valid_sources(text: str) -> str | None:
    """A `;`-separated list of sources written as the tables hold it (``a.csv; b.csv``),
    or None when it is empty or any part is not a source (see `is_source`)."""
    parts = [p.strip() for p in text.split(";") if p.strip()]
    return "; ".join(parts) if parts and all(is_source(p) for p in parts) else None


def is_source(text: str) -> bool:
    """A row of the sources table (``bron:leraren-voor-morgen-...``), a web address, a
    github: reference, the file name of a data file, a returned verification workbook
    (``verificatie:org:windesheim@2026-11-23``), an approved profile
    (``profiel:7@2026-11-08``), or ``synthetic`` for generated
    scale-test data (never accepted in the bundled data)."""
    return bool(
        SOURCE_ID_PATTERN.match(text)
        or is_web_url(text)
        or GITHUB_PATTERN.match(text)
        or SOURCE_FILE_PATTERN.match(text)
        or ROUND_SOURCE_PATTERN.match(text)
        or PROFILE_SOURCE_PATTERN.match(text)
        or text == SYNTHETIC_SOURCE
    )


def is_date(text: str, pattern: re.Pattern[str]) -> bool:
    """Matches the pattern and is a real calendar date (no 2023-02-30)."""
    if not pattern.match(text):
        return False
    year, month, day = [*text.split("-"), "01", "01"][:3]
    try:
        dt.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True
