"""``verbindplaats import``: read a file, match it to the graph, write it all or nothing.

The steps are the same for every kind of file: a reader (``duo``, ``tables``,
``partnerships``, ``region-members``) turns the file into a batch and reports every problem;
`importers.matching.reconcile` merges it with what the target holds; the target writes it
in one go. Any error in the report means nothing is written. Importing the same file twice
changes nothing the second time, and nothing is ever deleted.

Targets: a dataset folder (``data/``; see `importers.folder`) or a store (Neo4j: one
transaction, `Store.load`).
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import graphmodel
from graphmodel import clock, schema
from graphmodel.errors import GraphModelError
from graphmodel.model import GraphBatch, LoadSummary, Node, Relationship
from graphmodel.sources import Source, SourceCatalogue
from graphmodel.stores import history
from graphmodel.stores.base import Progress, Store
from graphmodel.stores.changes import LoadPlan, Properties, RelationshipKey, plan_load
from graphmodel.stores.history import Occasion, Occasions
from graphmodel.stores.memory import MemoryStore
from importers.context import ReadContext, ReadResult, RowProgress, file_provenance
from importers.curated import (
    HIERARCHIES,
    ID_PATTERN,
    Against,
    build_batch,
    cyclic,
    is_web_url,
    read_dataset,
    read_source_catalogue,
)
from importers.duo import read_duo
from importers.folder import write_into_folder
from importers.journal import FolderLock
from importers.lists import read_partnerships, read_region_members
from importers.matching import reconcile
from importers.report import Report
from importers.tables import read_tables

__all__ = [
    "KINDS",
    "FolderTarget",
    "ImportOutcome",
    "StoreTarget",
    "Target",
    "check_schema",
    "existing",
    "import_file",
    "new_sources",
    "plan_against",
]

Reader = Callable[[Path, ReadContext, Report], ReadResult]


def read_curated(path: Path, context: ReadContext, report: Report) -> ReadResult:
    """Curated tables or an XLSX workbook (DESIGN.md section 3); rows carry their own
    source and verified date, and may refer to nodes the target already holds."""
    tables = read_tables(path, report)
    target = Against(_kind_in(context.store))
    batch = build_batch(tables, report, context.keep_unknown, target)
    rows = [(t.file, n, cells) for t in tables for n, cells in t.rows]
    rejected = {(p.file, p.row) for p in report.errors if p.row and p.row > 1}
    origins = {cells["id"]: (file, n) for file, n, cells in rows if cells.get("id")}
    context.read(len(rows))
    return ReadResult(batch, len(rows), len(rejected), origins)


KINDS: dict[str, Reader] = {
    "duo": read_duo,
    "tables": read_curated,
    "partnerships": read_partnerships,
    "region-members": read_region_members,
}
SELF_SOURCED = {"tables"}  # rows name their own source and date


def _kind_in(store: Store) -> Callable[[str], str | None]:
    def kind_of(node_id: str) -> str | None:
        found = store.nodes([node_id])
        return found[0].kind if found else None

    return kind_of


class Target(abc.ABC):
    """Where an import goes: it offers the graph to match against and writes a batch."""

    store: Store
    lookup: Path  # the woonplaats and former-gemeente tables

    @abc.abstractmethod
    def write(
        self, batch: GraphBatch, plan: LoadPlan, progress: Progress | None, occasion: Occasions
    ) -> None:
        """Write the batch whose changes are `plan`, all or nothing, and record them in
        the history as made on `occasion`."""

    def close(self) -> None:
        """Let go of the store (and of the target, for other writers)."""
        self.store.close()

    def __enter__(self) -> Target:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class StoreTarget(Target):
    """A store, such as Neo4j: the batch is loaded in one transaction."""

    def __init__(self, store: Store, lookup: Path = graphmodel.BUNDLED_DATA / "lookup"):
        self.store = store
        self.lookup = lookup

    def write(
        self, batch: GraphBatch, plan: LoadPlan, progress: Progress | None, occasion: Occasions
    ) -> None:
        self.store.load(batch, progress, occasion)


class FolderTarget(Target):
    """A dataset folder: the import is matched against all of it and written into it.

    The folder stays locked from reading it until `close`, so that another writer waits
    (`waiting` is told so) rather than plan on what this one is about to change.
    """

    def __init__(self, folder: Path, waiting: Callable[[str], None] | None = None) -> None:
        self.lock = FolderLock(folder, waiting=waiting)
        batch, report = read_dataset(folder)
        if not report.ok:
            self.lock.release()
            raise GraphModelError(
                f"{folder} has {len(report.errors)} error(s) of its own; run "
                f"'verbindplaats check {folder}' and fix them before importing into it"
            )
        self.folder = folder
        self.catalogue = read_source_catalogue(folder)
        self.store = MemoryStore()
        self.store.load(batch)
        own_lookup = folder / "lookup"
        self.lookup = own_lookup if own_lookup.is_dir() else graphmodel.BUNDLED_DATA / "lookup"

    def write(
        self, batch: GraphBatch, plan: LoadPlan, progress: Progress | None, occasion: Occasions
    ) -> None:
        changes = history.record(
            plan, *existing(self.store, plan.nodes, plan.relationships), occasion
        )
        write_into_folder(
            self.folder, plan.nodes, plan.relationships, changes, new_sources(self.catalogue, plan)
        )
        if progress:
            progress(len(plan.nodes) + len(plan.relationships))

    def close(self) -> None:
        super().close()
        self.lock.release()


@dataclass
class ImportOutcome:
    """What an import read, what it found wrong, and what it changed (or would change)."""

    report: Report
    rows_read: int
    rows_rejected: int
    summary: LoadSummary
    written: bool


def import_file(
    path: Path,
    kind: str,
    target: Target,
    *,
    check: bool = False,
    keep_unknown: bool = False,
    sector: str | None = None,
    source: str | None = None,
    verified: str | None = None,
    today: date | None = None,
    rows_read: RowProgress | None = None,
    written: Progress | None = None,
) -> ImportOutcome:
    """Import one file of `kind` (a key of `KINDS`) into `target`.

    With `check`, or when the report has any error, nothing is written; the summary then
    says what the import would change. `source` and `verified` default to the file's
    name and modification date; the history records the import under `today` (default:
    `graphmodel.clock.today`).
    """
    report = Report()
    if kind in SELF_SOURCED:
        source, verified = source or path.name, verified or ""
    else:
        source, verified = file_provenance(path, source, verified, report)
    context = ReadContext(
        target.store, target.lookup, source, verified, keep_unknown, sector, rows_read
    )
    result = KINDS[kind](path, context, report)
    batch = reconcile(result, target.store, report) if report.ok else GraphBatch()
    check_schema(batch, target.store, path.name, report)
    plan = plan_against(target.store, batch) if report.ok else LoadPlan()
    do_write = report.ok and not check and not plan.is_empty
    if do_write:
        target.write(batch, plan, written, Occasion(clock.today(today).isoformat(), file=path.name))
    return ImportOutcome(report, result.rows_read, result.rows_rejected, plan.summary, do_write)


def check_schema(batch: GraphBatch, store: Store, file: str, report: Report) -> None:
    """A last check of what the readers made, before anything is written: ids of the
    kind's form, a source and date on everything, and relationships the schema allows.
    It never fires for a reader that validated its rows; it keeps one that did not from
    writing what no later load reads."""
    kinds = {n.id: n.kind for n in batch.nodes}
    for entity in [*batch.nodes, *batch.relationships]:
        for name in ("source", "verified"):
            if not entity.properties.get(name):
                label = entity.id if isinstance(entity, Node) else "|".join(entity.key)
                report.add(file, "required-value", column=name, value=label)
    for node in batch.nodes:
        match = ID_PATTERN.match(node.id)
        prefix = schema.kind(node.kind).prefix
        if not match or match.group(1) != prefix:
            report.add(file, "bad-id", value=node.id, prefix=prefix)
    missing = {i for r in batch.relationships for i in (r.start, r.end)} - kinds.keys()
    kinds |= {n.id: n.kind for n in store.nodes(missing)}
    for rel in batch.relationships:
        if rel.start == rel.end:
            report.add(file, "self-relationship", value=rel.start)
            continue
        start, end = kinds.get(rel.start, ""), kinds.get(rel.end, "")
        rel_type = schema.relationship_type(rel.type)
        if not rel_type.allows(start, end):
            expected = ", ".join(f"{s}->{e}" for s, e in rel_type.endpoints)
            report.add(
                file,
                "relationship-not-allowed",
                value=rel.end,
                type=rel.type,
                start_kind=start or "?",
                end_kind=end or "?",
                expected=expected,
            )
    written = {r.key for r in batch.relationships}
    for key in cyclic(_with_hierarchy_above(batch.relationships, store)):
        if key in written:  # a stored cycle is the stored data's own problem
            report.add(file, "cycle", value=key[2])


def _with_hierarchy_above(
    relationships: Sequence[Relationship], store: Store
) -> list[Relationship]:
    """`relationships` and the stored hierarchy (PART_OF, BROADER) above their ends: all
    a cycle that one of them closes can run through."""
    found = {r.key: r for r in relationships if r.type in HIERARCHIES}
    seen: set[str] = set()
    frontier = {r.end for r in found.values()}
    while frontier:
        seen |= frontier
        above = [
            r
            for r in store.relationships_of(frontier)
            if r.type in HIERARCHIES and r.start in frontier
        ]
        found |= {r.key: r for r in above}
        frontier = {r.end for r in above} - seen
    return list(found.values())


def new_sources(catalogue: SourceCatalogue, plan: LoadPlan) -> list[Source]:
    """The sources `plan` cites that a folder with a sources table (`catalogue`) lacks,
    each a new row named as cited (a curator gives it a better title later): the folder
    must keep passing `verbindplaats check`. A folder without a sources table needs none."""
    if not len(catalogue):
        return []
    cited = [
        part.strip()
        for entity in [*plan.nodes, *plan.relationships]
        for part in str(entity.properties.get("source", "")).split(";")
        if part.strip()
    ]
    new = [v for v in dict.fromkeys(cited) if not catalogue.resolves(v)]
    return [Source(v, v, url=v if is_web_url(v) else "") for v in new]


def plan_against(store: Store, batch: GraphBatch) -> LoadPlan:
    """What loading `batch` into `store` would create, change and leave unchanged."""
    return plan_load(batch, *existing(store, batch.nodes, batch.relationships))


def existing(
    store: Store, nodes: Sequence[Node], relationships: Sequence[Relationship]
) -> tuple[dict[str, Properties], dict[RelationshipKey, Properties]]:
    """What `store` holds of these nodes and relationships, by id and by key."""
    stored_nodes = {n.id: n.properties for n in store.nodes([n.id for n in nodes])}
    keys = {r.key for r in relationships}
    starts = {r.start for r in relationships}
    stored_relationships = {
        r.key: r.properties for r in store.relationships_of(starts) if r.key in keys
    }
    return stored_nodes, stored_relationships
