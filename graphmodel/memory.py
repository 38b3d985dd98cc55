"""The embedded store: the whole graph in memory on networkx, no server needed.

It is the default for the explorer and for analysts, and the reference the Neo4j store
is tested against.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator

import networkx as nx

from graphmodel import schema, search
from graphmodel.changes import check_ends, plan_load
from graphmodel.errors import NodeNotFound
from graphmodel.model import (
    GraphBatch,
    GraphStats,
    LoadSummary,
    Node,
    Relationship,
    SearchHit,
    edge_key,
    to_networkx,
)
from graphmodel.store import GraphStore, Progress

__all__ = ["MemoryStore"]


class MemoryStore(GraphStore):
    """A GraphStore on a networkx MultiDiGraph.

    Examples
    --------
    >>> from graphmodel.model import GraphBatch, Node
    >>> store = MemoryStore()
    >>> _ = store.load(GraphBatch([Node("topic:evc", "Topic", {"name": "EVC"})]))
    >>> [hit.node.id for hit in store.search("evc")]
    ['topic:evc']
    """

    def __init__(self) -> None:
        self._graph = nx.MultiDiGraph()

    # --- writing ----------------------------------------------------------------------

    def load(self, batch: GraphBatch, progress: Progress | None = None) -> LoadSummary:
        check_ends(batch, self._graph.__contains__)
        existing_nodes = {
            n.id: self._graph.nodes[n.id]["node"].properties
            for n in batch.nodes
            if n.id in self._graph
        }
        existing_relationships = {
            r.key: rel.properties for r in batch.relationships if (rel := self._edge(r.key))
        }
        plan = plan_load(batch, existing_nodes, existing_relationships)
        for node in plan.nodes:
            self._graph.add_node(node.id, node=node)
        for rel in plan.relationships:
            self._graph.add_edge(rel.start, rel.end, key=rel.edge_key, rel=rel)
        if progress:
            progress(len(plan.nodes) + len(plan.relationships))
        return plan.summary

    def _edge(self, key: tuple[str, str, str, str]) -> Relationship | None:
        start, rel_type, end, role = key
        data = self._graph.get_edge_data(start, end, key=edge_key(rel_type, role))
        return data["rel"] if data else None

    def wipe(self) -> None:
        self._graph.clear()

    # --- reading ----------------------------------------------------------------------

    def node(self, node_id: str) -> Node:
        if node_id not in self._graph:
            raise NodeNotFound(f"node {node_id!r} is not in the graph")
        return self._graph.nodes[node_id]["node"]

    def nodes(self, node_ids: Collection[str]) -> list[Node]:
        return [self._graph.nodes[i]["node"] for i in node_ids if i in self._graph]

    def _all_nodes(self, kinds: Collection[str] | None = None) -> Iterator[Node]:
        for _, data in self._graph.nodes(data="node"):
            if not kinds or data.kind in kinds:
                yield data

    def search(
        self, text: str, kinds: Collection[str] | None = None, limit: int = 20
    ) -> list[SearchHit]:
        return search.rank_hits(text, self._all_nodes(kinds), limit)

    def relationships_of(self, node_ids: Collection[str]) -> list[Relationship]:
        present = [i for i in node_ids if i in self._graph]
        out_edges = self._graph.out_edges(present, data="rel")
        in_edges = self._graph.in_edges(present, data="rel")
        unique = {rel.key: rel for edges in (out_edges, in_edges) for _, _, rel in edges}
        return list(unique.values())

    def stats(self) -> GraphStats:
        nodes = Counter(n.kind for n in self._all_nodes())
        rels = [rel for _, _, rel in self._graph.edges(data="rel")]
        return GraphStats(
            nodes=dict(nodes),
            relationships=dict(Counter(r.type for r in rels)),
            nodes_sourced=sum(_sourced(n.properties) for n in self._all_nodes()),
            relationships_sourced=sum(_sourced(r.properties) for r in rels),
            breakdown={
                kind: dict(Counter(str(n.get(column)) for n in self._all_nodes([kind])))
                for kind, column in schema.BREAKDOWN.items()
                if nodes[kind]
            },
        )

    def to_networkx(self) -> nx.MultiDiGraph:
        rels = [rel for _, _, rel in self._graph.edges(data="rel")]
        return to_networkx(self._all_nodes(), rels)


def _sourced(props: dict) -> bool:
    return bool(props.get("source")) and bool(props.get("verified"))
