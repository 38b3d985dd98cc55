"""The contract every store keeps: ``GraphStore``.

Two implementations stand behind it, ``MemoryStore`` (networkx, no server) and
``Neo4jStore`` (the official driver). One contract test suite runs against both, so an
analyst, the CLI and the explorer get the same answers whichever store they use.
Implementations never grow public parameters the contract lacks.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Collection
from types import TracebackType

import networkx as nx

from graphmodel import traversal
from graphmodel.model import (
    GraphBatch,
    GraphStats,
    LoadSummary,
    Node,
    Relationship,
    SearchHit,
    Subgraph,
)

__all__ = ["GraphStore", "Progress"]

Progress = Callable[[int], None]  # told how many entries were just written


class GraphStore(abc.ABC):
    """A graph of Verbindplaats nodes and relationships that can be loaded and queried."""

    @abc.abstractmethod
    def load(self, batch: GraphBatch, progress: Progress | None = None) -> LoadSummary:
        """Merge a validated batch in, all or nothing; unchanged entries are not rewritten.

        `progress`, when given, is called with the number of entries written so far.

        Raises GraphModelError when the batch refers to nodes that neither it nor the
        store holds; the store is then unchanged.
        """

    @abc.abstractmethod
    def wipe(self) -> None:
        """Remove every node and relationship."""

    @abc.abstractmethod
    def node(self, node_id: str) -> Node:
        """The node with this id; raises NodeNotFound."""

    @abc.abstractmethod
    def nodes(self, node_ids: Collection[str]) -> list[Node]:
        """The nodes with these ids that exist, in no particular order."""

    @abc.abstractmethod
    def search(
        self, text: str, kinds: Collection[str] | None = None, limit: int = 20
    ) -> list[SearchHit]:
        """Nodes whose name, short name, English label or synonym matches `text`.

        Case- and accent-insensitive word-prefix matching ("fryslan" finds "Fryslân"),
        ranked by `graphmodel.search.score`, ties broken by kind and id.
        """

    @abc.abstractmethod
    def relationships_of(self, node_ids: Collection[str]) -> list[Relationship]:
        """Every relationship that starts or ends at one of these nodes, each once."""

    def neighbourhood(
        self,
        node_id: str,
        depth: int = 1,
        kinds: Collection[str] | None = None,
        limit: int | None = 200,
    ) -> Subgraph:
        """Nodes within `depth` steps of `node_id`, nearest first (see graphmodel.traversal).

        The same walk on every store, over each store's native `relationships_of`.
        """
        return traversal.neighbourhood(
            self.node(node_id), depth, kinds, limit, self.relationships_of, self.nodes
        )

    @abc.abstractmethod
    def stats(self) -> GraphStats:
        """Counts per kind and relationship type, and how many are sourced and dated."""

    @abc.abstractmethod
    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole graph for analysis: node attributes `kind` and properties, edge
        attribute `type` and properties."""

    def close(self) -> None:  # noqa: B027 - optional hook, not abstract
        """Release connections; the embedded store has none."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
