"""What may leave the system: a person's contact details only when marked public.

A person's e-mail address and phone number may be held (entered with consent, for the
maintainers), but they are shown, downloaded or exported only when the record says
``contact_public``. `PublicView` is the one filter: every exit (the explorer's pages,
callbacks and downloads, the CLI's questions and exports, the verification workbooks)
reads the graph through it, so a new exit cannot forget the rule. Writers (load,
import, verify import) keep using the store itself: they must see what they change.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from dataclasses import replace
from datetime import date

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
from graphmodel.stores.base import Kept, Placed, Progress, Request, Store
from graphmodel.stores.routes import ROUTE_AVOIDS, ROUTE_MAX_HOPS

__all__ = ["CONTACT_COLUMNS", "PublicView", "public", "public_node"]

CONTACT_COLUMNS = {"Person": ("email", "phone")}  # per kind: shown only when public
PUBLIC_FLAG = "contact_public"


def public_node(node: Node) -> Node:
    """`node` without contact details, unless it marks them public (then as it is).

    >>> public_node(Node("person:a", "Person", {"name": "A", "email": "a@b.nl"})).properties
    {'name': 'A'}
    """
    hidden = CONTACT_COLUMNS.get(node.kind, ())
    if node.get(PUBLIC_FLAG) is True or not any(key in node.properties for key in hidden):
        return node
    kept = {key: value for key, value in node.properties.items() if key not in hidden}
    return Node(node.id, node.kind, kept)


def public(store: Store) -> Store:
    """`store` as it may be shown to anyone (a view already public is returned as is)."""
    return store if isinstance(store, PublicView) else PublicView(store)


class PublicView(Store):
    """A read-only view of a store in which no non-public contact detail appears: not in
    nodes, search hits, exports, nor in the history's old and new values.

    Every question of the contract is answered over these primitives, so the answers
    (find_people, coverage, neighbourhoods, workbooks) are filtered too; the primitives
    a server answers itself (relationships, walks, topic evidence) carry no node
    properties and are passed through.
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    @property
    def generation(self) -> int:  # type: ignore[override]  # the store's writes
        return self._store.generation

    @property
    def recheck_after(self) -> float:  # type: ignore[override]  # the store's
        return self._store.recheck_after

    # --- writing is for the store itself ---------------------------------------------

    def load(
        self,
        batch: GraphBatch,
        progress: Progress | None = None,
        occasion: history.Occasions | None = None,
        changes: Sequence[history.Change] = (),
    ) -> LoadSummary:
        raise GraphModelError("a public view of the graph is read-only")

    def wipe(self) -> None:
        raise GraphModelError("a public view of the graph is read-only")

    def replace(
        self,
        batch: GraphBatch,
        changes: Sequence[history.Change] = (),
        progress: Progress | None = None,
    ) -> LoadSummary:
        raise GraphModelError("a public view of the graph is read-only")

    def add_history(self, changes: Sequence[history.Change]) -> None:
        raise GraphModelError("a public view of the graph is read-only")

    # --- nodes leave through the filter ----------------------------------------------

    def node(self, node_id: str) -> Node:
        return public_node(self._store.node(node_id))

    def nodes(self, node_ids: Collection[str]) -> list[Node]:
        return [public_node(n) for n in self._store.nodes(node_ids)]

    def nodes_of(self, kind: str, where: Mapping[str, str] | None = None) -> list[Node]:
        if where and set(where) & set(CONTACT_COLUMNS.get(kind, ())):
            return []  # asking by a hidden value would tell whether it is held
        return [public_node(n) for n in self._store.nodes_of(kind, where)]

    def search_names(
        self, text: str, kinds: Collection[str] | None = None, limit: int = 20
    ) -> list[SearchHit]:
        hits = self._store.search_names(text, kinds, limit)
        return [replace(hit, node=public_node(hit.node)) for hit in hits]

    def export(self) -> GraphBatch:
        batch = self._store.export()
        return GraphBatch([public_node(n) for n in batch.nodes], batch.relationships)

    def history(self) -> list[history.Change]:
        """The changes, with the old and new values of hidden contact details blanked."""
        changes = self._store.history()
        touched = {c.entity for c in changes if c.field in _HIDDEN_FIELDS}
        shown = {n.id for n in self._store.nodes(touched) if n.get(PUBLIC_FLAG) is True}
        return [
            replace(c, old="", new="") if c.field in _HIDDEN_FIELDS and c.entity not in shown else c
            for c in changes
        ]

    # --- what carries no node properties passes through ------------------------------

    def relationships_of(self, node_ids: Collection[str]) -> list[Relationship]:
        return self._store.relationships_of(node_ids)

    def relationships_among(self, node_ids: Collection[str]) -> list[Relationship]:
        return self._store.relationships_among(node_ids)

    def follow_many(self, requests: Sequence[Request]) -> list[list[Walk]]:
        return self._store.follow_many(requests)

    def topic_evidence(
        self,
        asked: Collection[str],
        kinds: Collection[str] = schema.ACTOR_KINDS,
        broader: bool = True,
        fresh_since: str | None = None,
    ) -> list[evidence.Evidence]:
        return self._store.topic_evidence(asked, kinds, broader, fresh_since)

    def placed(
        self, actor_ids: Collection[str], region_ids: Collection[str] | None = None
    ) -> Placed | None:
        return self._store.placed(actor_ids, region_ids)

    def remember(self, key: Hashable, day: date | None, work_out: Callable[[], Kept]) -> Kept:
        # what is remembered holds ids and numbers, never a node (see Store.remember)
        return self._store.remember(key, day, work_out)

    def shortest_walks(
        self,
        start: str,
        targets: Collection[str],
        max_hops: int = ROUTE_MAX_HOPS,
        avoid: Collection[str] = ROUTE_AVOIDS,
    ) -> dict[str, Walk]:
        return self._store.shortest_walks(start, targets, max_hops, avoid)

    def workers(
        self, topic_ids: Collection[str], kinds: Collection[str] = schema.ACTOR_KINDS
    ) -> dict[str, dict[str, str]] | None:
        return self._store.workers(topic_ids, kinds)

    def at_level(
        self, level: str
    ) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]] | None:
        return self._store.at_level(level)

    def version(self) -> str:
        return self._store.version()

    def stats(self) -> GraphStats:
        return self._store.stats()

    def provenance(self) -> pd.DataFrame:
        return self._store.provenance()

    def close(self) -> None:
        self._store.close()


_HIDDEN_FIELDS = {column for columns in CONTACT_COLUMNS.values() for column in columns}
