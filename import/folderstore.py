"""The embedded store kept in a dataset folder: what `graphmodel.open` gives for a folder.

A `FolderStore` answers from a `MemoryStore` read from the folder, and writes through to
the folder: every write (a curator's approval, a forum's facts, a person forgotten) goes
into the folder's tables and history file with the lock, journal and history an import
uses (`importers.journal`, `importers.folder`), before the process answers from it. So a
write survives a restart, is all or nothing even under kill -9, and two writers at once
(two gunicorn workers, a worker and an import) both land: each takes the folder's lock
and first reads what the other wrote.

Every other process holding the folder notices a write from one ``stat``
(`importers.journal.committed`) at every question (`version`) and every read: one thread
reads the folder anew while the others keep answering from the state held, which then
gives way in one assignment.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from graphmodel import schema
from graphmodel.errors import GraphModelError
from graphmodel.model import (
    GraphBatch,
    GraphStats,
    LoadSummary,
    Node,
    Relationship,
    SearchHit,
    Walk,
)
from graphmodel.stores import evidence, history
from graphmodel.stores.base import Progress, Request, Store
from graphmodel.stores.changes import check_batch, plan_load
from graphmodel.stores.memory import MemoryStore
from graphmodel.stores.routes import ROUTE_AVOIDS, ROUTE_MAX_HOPS
from importers.curated import read_dataset, read_source_catalogue
from importers.folder import write_into_folder
from importers.history import read_history
from importers.importing import existing, new_sources, plan_against
from importers.journal import FolderLock, committed

__all__ = ["FolderStore"]


@dataclass(frozen=True)
class _Held:
    """The folder's state as this process holds it: the commit read, and its graph."""

    commit: str
    store: MemoryStore


class FolderStore(Store):
    """A `MemoryStore` read from the dataset folder `folder`, written through to it.

    Parameters
    ----------
    folder : pathlib.Path
        A dataset folder that validates (``verbindplaats check``).
    waiting : callable, optional
        Told, with a message, when a write or a read waits for another process's write.

    Raises
    ------
    GraphModelError
        The data in `folder` does not validate.

    Examples
    --------
    >>> import shutil, tempfile
    >>> from pathlib import Path
    >>> import graphmodel
    >>> from graphmodel.model import GraphBatch, Node
    >>> folder = Path(tempfile.mkdtemp()) / "data"
    >>> _ = shutil.copytree(graphmodel.BUNDLED_DATA, folder)
    >>> said = {"name": "X", "source": "profiel:1@2026-11-08", "verified": "2026-11-08"}
    >>> FolderStore(folder).load(GraphBatch([Node("topic:x", "Topic", said)])).total_created
    1
    >>> FolderStore(folder).node("topic:x").name  # another reader, as after a restart
    'X'
    >>> shutil.rmtree(folder.parent)
    """

    def __init__(self, folder: Path, waiting: Callable[[str], None] | None = None) -> None:
        self.folder = folder
        self.waiting = waiting
        self._mutex = threading.Lock()  # this process's one reader or writer of the folder
        self._held = self._read()

    # --- the folder's state, current --------------------------------------------------

    def _read(self) -> _Held:
        """The folder as it is committed now (read under its shared lock)."""
        lock = FolderLock(self.folder, shared=True, waiting=self.waiting)
        try:
            return self._read_locked()
        finally:
            lock.release()

    def _read_locked(self) -> _Held:
        batch, report = read_dataset(self.folder)
        if not report.ok:
            raise GraphModelError(
                f"the data in {self.folder} has {len(report.errors)} error(s); run "
                f"'verbindplaats check {self.folder}' to see them"
            )
        store = MemoryStore()
        store.load(batch)
        store.add_history(read_history(self.folder))
        return _Held(committed(self.folder), store)

    def _current(self) -> MemoryStore:
        """The graph of the folder's last commit; while another thread reads a newer one,
        the one held."""
        if committed(self.folder) != self._held.commit and self._mutex.acquire(blocking=False):
            try:
                if committed(self.folder) != self._held.commit:
                    self._hold(self._read())
            finally:
                self._mutex.release()
        return self._held.store

    def _hold(self, held: _Held) -> None:
        self._held = held  # one assignment: a reader sees the old state or the new
        self._wrote()

    def version(self) -> str:
        self._current()
        return f"folder commit {self._held.commit}"

    # --- writing: into the folder first, then into what this process answers from -----

    def _write(self, change: Callable[[MemoryStore, MemoryStore], LoadSummary]) -> LoadSummary:
        """Under the folder's lock and on its latest state, let `change` write the folder
        and make the same change to a copy of the graph (given the graph as it stands and
        the copy), which this process then answers from."""
        with self._mutex:
            try:
                lock = FolderLock(self.folder, waiting=self.waiting)
            except OSError as exc:
                raise GraphModelError(f"cannot write into {self.folder}: {exc.strerror}") from exc
            try:
                held = self._held
                if committed(self.folder) != held.commit:  # another process wrote
                    held = self._read_locked()
                after = _copy(held.store)
                summary = change(held.store, after)
                self._hold(_Held(committed(self.folder), after))
                return summary
            except OSError as exc:  # a read-only or full disk: the folder is as it was
                raise GraphModelError(f"cannot write into {self.folder}: {exc.strerror}") from exc
            finally:
                lock.release()

    def load(
        self,
        batch: GraphBatch,
        progress: Progress | None = None,
        occasion: history.Occasions | None = None,
        changes: Sequence[history.Change] = (),
    ) -> LoadSummary:
        def change(before: MemoryStore, after: MemoryStore) -> LoadSummary:
            check_batch(batch, lambda node_id: bool(before.nodes([node_id])))
            plan = plan_against(before, batch)
            recorded = (
                history.record(plan, *existing(before, plan.nodes, plan.relationships), occasion)
                if occasion
                else []
            )
            known = {c.key for c in before.history()}
            new = list({c.key: c for c in [*recorded, *changes] if c.key not in known}.values())
            if plan.nodes or plan.relationships or new:  # else the folder holds it all
                catalogue = read_source_catalogue(self.folder)
                write_into_folder(
                    self.folder, plan.nodes, plan.relationships, new, new_sources(catalogue, plan)
                )
            return after.load(batch, progress, occasion, changes)

        return self._write(change)

    def replace(
        self,
        batch: GraphBatch,
        changes: Sequence[history.Change] = (),
        progress: Progress | None = None,
    ) -> LoadSummary:
        def change(before: MemoryStore, after: MemoryStore) -> LoadSummary:
            check_batch(batch, lambda _: False)
            old = before.export()
            plan = plan_load(
                batch,
                {n.id: n.properties for n in old.nodes},
                {r.key: r.properties for r in old.relationships},
            )
            kept = {n.id for n in batch.nodes} | {r.key for r in batch.relationships}
            removed = [n.id for n in old.nodes if n.id not in kept]
            removed += [r.key for r in old.relationships if r.key not in kept]
            catalogue = read_source_catalogue(self.folder)
            write_into_folder(
                self.folder,
                plan.nodes,
                plan.relationships,
                sources=new_sources(catalogue, plan),
                removed=removed,
                history_before=list(changes),
            )
            return after.replace(batch, changes, progress)

        return self._write(change)

    def wipe(self) -> None:
        self.replace(GraphBatch())

    def add_history(self, changes: Sequence[history.Change]) -> None:
        def change(before: MemoryStore, after: MemoryStore) -> LoadSummary:
            known = {c.key for c in before.history()}
            if new := [c for c in changes if c.key not in known]:
                write_into_folder(self.folder, [], [], new)
            after.add_history(changes)
            return LoadSummary.empty()

        self._write(change)

    # --- reading: from the folder's latest state ----------------------------------

    def history(self) -> list[history.Change]:
        return self._current().history()

    def node(self, node_id: str) -> Node:
        return self._current().node(node_id)

    def nodes(self, node_ids: Collection[str]) -> list[Node]:
        return self._current().nodes(node_ids)

    def nodes_of(self, kind: str, where: Mapping[str, str] | None = None) -> list[Node]:
        return self._current().nodes_of(kind, where)

    def search_names(
        self, text: str, kinds: Collection[str] | None = None, limit: int = 20
    ) -> list[SearchHit]:
        return self._current().search_names(text, kinds, limit)

    def relationships_of(self, node_ids: Collection[str]) -> list[Relationship]:
        return self._current().relationships_of(node_ids)

    def relationships_among(self, node_ids: Collection[str]) -> list[Relationship]:
        return self._current().relationships_among(node_ids)

    def follow_many(self, requests: Sequence[Request]) -> list[list[Walk]]:
        return self._current().follow_many(requests)

    def topic_evidence(
        self,
        asked: Collection[str],
        kinds: Collection[str] = schema.ACTOR_KINDS,
        broader: bool = True,
        fresh_since: str | None = None,
    ) -> list[evidence.Evidence]:
        return self._current().topic_evidence(asked, kinds, broader, fresh_since)

    def shortest_walks(
        self,
        start: str,
        targets: Collection[str],
        max_hops: int = ROUTE_MAX_HOPS,
        avoid: Collection[str] = ROUTE_AVOIDS,
    ) -> dict[str, Walk]:
        return self._current().shortest_walks(start, targets, max_hops, avoid)

    def stats(self) -> GraphStats:
        return self._current().stats()

    def provenance(self) -> pd.DataFrame:
        return self._current().provenance()

    def export(self) -> GraphBatch:
        return self._current().export()

    def __repr__(self) -> str:
        return f"FolderStore({str(self.folder)!r})"


def _copy(store: MemoryStore) -> MemoryStore:
    """A graph of its own with what `store` holds, to change while `store` answers."""
    copy = MemoryStore()
    copy.load(store.export())
    copy.add_history(store.history())
    return copy
