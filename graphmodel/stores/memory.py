"""The embedded store: the whole graph in memory on networkx, no server needed.

It is the default for the explorer and for analysts, and the reference the Neo4j store
is tested against.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence

import networkx as nx
import pandas as pd

from graphmodel import provenance, schema
from graphmodel.errors import NodeNotFound
from graphmodel.model import (
    GraphBatch,
    GraphStats,
    LoadSummary,
    Node,
    Relationship,
    SearchHit,
    Step,
    Walk,
    edge_key,
    reversed_steps,
)
from graphmodel.stores import history, names, routes
from graphmodel.stores.base import Progress, Request, Store
from graphmodel.stores.changes import check_batch, plan_load

__all__ = ["MemoryStore", "freeze_heap", "thaw_heap"]


_Path = tuple[tuple[str, ...], tuple[Relationship, ...]]  # a walk in the making


def freeze_heap() -> None:
    """Take every object alive now out of the garbage collector's sight, for a process
    that has loaded the graph it will serve: a full collection then no longer walks the
    graph's million objects (a pause of about 100 ms at national scale, in the middle
    of someone's question). Process-wide, so it is called where a long-lived store is
    opened (`graphmodel.open`), never by `MemoryStore.load`: a store loaded and dropped
    again (a test, an import check) should stay collectable."""
    gc.collect()
    gc.freeze()


def thaw_heap() -> None:
    """Bring what `freeze_heap` took out back into the garbage collector's sight, when
    something it took out is dropped (a read model replaced after a write,
    `readmodel.ReadModel`): the next full collection frees it, where it would otherwise
    be kept for good. No collection now (one walking every object alive stalls the
    process: 0.7 s at scale 1)."""
    gc.unfreeze()


class MemoryStore(Store):
    """A Store on a networkx MultiDiGraph.

    Examples
    --------
    >>> from graphmodel.model import GraphBatch, Node
    >>> store = MemoryStore()
    >>> _ = store.load(GraphBatch([Node("topic:evc", "Topic", {"name": "EVC"})]))
    >>> [hit.node.id for hit in store.search_names("evc")]
    ['topic:evc']
    """

    def __init__(self) -> None:
        self._graph = nx.MultiDiGraph()
        self._kinds: dict[str, str] = {}  # node id -> kind, for the walks' kind checks
        # (node id, "out" or "in", type) -> {(other end, edge key): relationship}: lets a
        # walk step touch only the relationships it follows, not a hub's every edge
        self._links: dict[tuple[str, str, str], dict[tuple[str, str], Relationship]] = defaultdict(
            dict
        )
        self._history: list[history.Change] = []
        self._recorded: set[str] = set()  # keys of the changes in _history
        # node id -> its folded names, made on a node's first search and kept until the
        # next write: a search would otherwise fold ~20,000 names
        self._names: dict[str, list[str]] = {}

    def _wrote(self) -> None:
        super()._wrote()
        self._names = {}

    # --- writing ----------------------------------------------------------------------

    def load(
        self,
        batch: GraphBatch,
        progress: Progress | None = None,
        occasion: history.Occasions | None = None,
        changes: Sequence[history.Change] = (),
    ) -> LoadSummary:
        self._wrote()
        check_batch(batch, self._graph.__contains__)
        existing_nodes = {
            n.id: self._graph.nodes[n.id]["node"].properties
            for n in batch.nodes
            if n.id in self._graph
        }
        existing_relationships = {
            r.key: rel.properties for r in batch.relationships if (rel := self._edge(r.key))
        }
        plan = plan_load(batch, existing_nodes, existing_relationships)
        if occasion:
            self.add_history(history.record(plan, existing_nodes, existing_relationships, occasion))
        self.add_history(changes)
        for node in plan.nodes:
            self._graph.add_node(node.id, node=node)
            self._kinds[node.id] = node.kind
        for rel in plan.relationships:
            self._graph.add_edge(rel.start, rel.end, key=rel.edge_key, rel=rel)
            self._links[(rel.start, "out", rel.type)][(rel.end, rel.edge_key)] = rel
            self._links[(rel.end, "in", rel.type)][(rel.start, rel.edge_key)] = rel
        if progress:
            progress(len(plan.nodes) + len(plan.relationships))
        return plan.summary

    def _edge(self, key: tuple[str, str, str, str]) -> Relationship | None:
        start, rel_type, end, role = key
        data = self._graph.get_edge_data(start, end, key=edge_key(rel_type, role))
        return data["rel"] if data else None

    def replace(
        self,
        batch: GraphBatch,
        changes: Sequence[history.Change] = (),
        progress: Progress | None = None,
    ) -> LoadSummary:
        check_batch(batch, lambda _: False)  # refused before the old graph goes
        self.wipe()
        summary = self.load(batch, progress)
        self.add_history(changes)
        return summary

    def wipe(self) -> None:
        self._wrote()
        self._graph.clear()
        self._links.clear()
        self._kinds.clear()
        self._history.clear()
        self._recorded.clear()

    def history(self) -> list[history.Change]:
        return list(self._history)

    def add_history(self, changes: Sequence[history.Change]) -> None:
        for change in changes:
            if change.key not in self._recorded:
                self._recorded.add(change.key)
                self._history.append(change)

    # --- reading ----------------------------------------------------------------------

    def node(self, node_id: str) -> Node:
        if node_id not in self._graph:
            raise NodeNotFound(f"node {node_id!r} is not in the graph")
        return self._graph.nodes[node_id]["node"]

    def nodes(self, node_ids: Collection[str]) -> list[Node]:
        held = self._graph.nodes  # looked up once, not per node
        return [held[i]["node"] for i in node_ids if i in held]

    def _all_nodes(self, kinds: Collection[str] | None = None) -> Iterator[Node]:
        for _, data in self._graph.nodes(data="node"):
            if not kinds or data.kind in kinds:
                yield data

    def nodes_of(self, kind: str, where: Mapping[str, str] | None = None) -> list[Node]:
        """The nodes of `kind`, found by their kinds (not by walking every node's data
        in networkx, several times slower)."""
        wanted = (where or {}).items()
        nodes = self._graph.nodes
        of_kind = (nodes[i]["node"] for i, k in self._kinds.items() if k == kind)
        found = [n for n in of_kind if all(n.get(k) == v for k, v in wanted)]
        return sorted(found, key=lambda n: n.id)

    def search_names(
        self, text: str, kinds: Collection[str] | None = None, limit: int = 20
    ) -> list[SearchHit]:
        return names.rank_hits(text, self._all_nodes(kinds), limit, self._names_of)

    def _names_of(self, node: Node) -> list[str]:
        found = self._names.get(node.id)
        if found is None:
            found = self._names[node.id] = names.search_fields(node)
        return found

    def relationships_of(self, node_ids: Collection[str]) -> list[Relationship]:
        present = [i for i in node_ids if i in self._graph]
        out_edges = self._graph.out_edges(present, data="rel")
        in_edges = self._graph.in_edges(present, data="rel")
        unique = {rel.key: rel for edges in (out_edges, in_edges) for _, _, rel in edges}
        return list(unique.values())

    def follow_many(self, requests: Sequence[Request]) -> list[list[Walk]]:
        return [self._follow(start_ids, steps) for start_ids, steps in requests]

    def _follow(self, start_ids: Collection[str], steps: Sequence[Step]) -> list[Walk]:
        if steps and steps[-1].end_ids:
            return self._meet(start_ids, steps)
        paths = self._starts(start_ids)
        for step in steps:
            paths = self._take(paths, step)
        return [Walk(nodes, rels) for nodes, rels in paths]

    def _starts(self, start_ids: Collection[str]) -> list[_Path]:
        return [((i,), ()) for i in dict.fromkeys(start_ids) if i in self._graph]

    def _meet(self, start_ids: Collection[str], steps: Sequence[Step]) -> list[Walk]:
        """Walks with both ends known, grown from both: each time the side with fewer
        paths takes its next step, and the two halves are joined where they meet. From
        four thousand candidates to one gemeente this walks from the gemeente alone."""
        last, starts = steps[-1], frozenset(start_ids)
        back_steps = reversed_steps(starts, steps)
        ends = [i for i in sorted(last.end_ids) if i in self._graph and self._ends_well(i, last)]
        backward: list[_Path] = [((i,), ()) for i in ends]
        forward: list[_Path] | None = None  # made only when that side is to grow
        taken, left = 0, len(steps)  # forward took steps[:taken], backward steps[left:]
        while taken < left and backward and (forward is None or forward):
            if (len(starts) if forward is None else len(forward)) <= len(backward):
                forward = self._take(forward or self._starts(start_ids), steps[taken])
                taken += 1
            else:
                backward, left = self._take(backward, back_steps[len(steps) - left]), left - 1
        if taken < left:
            return []
        if forward is None:  # the backward half reached the start ids itself
            return [Walk(nodes, rels).reversed() for nodes, rels in backward]
        return _join(forward, backward)

    def _take(self, paths: list[_Path], step: Step) -> list[_Path]:
        """The paths extended by `step`, taken min_hops to max_hops times; plain tuples
        until the end, as this loop runs for every walk of every question."""
        keys = [
            (direction, rel_type)
            for direction in (("out", "in") if step.direction == "both" else (step.direction,))
            for rel_type in step.types
        ]
        taken, frontier = [], paths
        for hops in range(step.max_hops + 1):
            if hops >= step.min_hops:
                taken += [path for path in frontier if self._ends_well(path[0][-1], step)]
            if hops < step.max_hops:
                frontier = [
                    ((*nodes, other), (*rels, rel))
                    for nodes, rels in frontier
                    for direction, rel_type in keys
                    for (other, _), rel in self._links.get(
                        (nodes[-1], direction, rel_type), {}
                    ).items()
                    if other not in nodes or rel not in rels  # a used one leads back
                ]
        return taken

    def _ends_well(self, node_id: str, step: Step) -> bool:
        if step.end_ids and node_id not in step.end_ids:
            return False
        return not step.kinds or self._kinds[node_id] in step.kinds

    def _neighbours(
        self, node_id: str, direction: str = "both"
    ) -> Iterable[tuple[str, Relationship]]:
        if direction != "in":
            yield from ((rel.end, rel) for _, _, rel in self._graph.out_edges(node_id, data="rel"))
        if direction != "out":
            yield from ((rel.start, rel) for _, _, rel in self._graph.in_edges(node_id, data="rel"))

    def shortest_walks(
        self,
        start: str,
        targets: Collection[str],
        max_hops: int = routes.ROUTE_MAX_HOPS,
        avoid: Collection[str] = routes.ROUTE_AVOIDS,
    ) -> dict[str, Walk]:
        if start not in self._graph:
            return {}
        avoided = set(avoid)

        def passable(node_id: str) -> bool:
            return self._kind_of(node_id) not in avoided

        found = {
            target: routes.shortest_walk(start, target, self._route_steps, passable, max_hops)
            for target in dict.fromkeys(targets)
            if target in self._graph
        }
        return {target: walk for target, walk in found.items() if walk}

    def _kind_of(self, node_id: str) -> str:
        """A node's kind, for the routes (a derived store keeps them at hand)."""
        return self.node(node_id).kind

    def _route_steps(self, node_id: str) -> Iterable[tuple[str, Relationship]]:
        """The steps a route may take from `node_id`: both ways along every relationship."""
        return self._neighbours(node_id)

    def stats(self) -> GraphStats:
        nodes = Counter(n.kind for n in self._all_nodes())
        rels = [rel for _, _, rel in self._graph.edges(data="rel")]
        return GraphStats(
            nodes=dict(nodes),
            relationships=dict(Counter(r.type for r in rels)),
            nodes_sourced=sum(_sourced(n.properties) for n in self._all_nodes()),
            relationships_sourced=sum(_sourced(r.properties) for r in rels),
            breakdown={
                kind: dict(Counter(str(n.get(column, "")) for n in self._all_nodes([kind])))
                for kind, column in schema.BREAKDOWN.items()
                if nodes[kind]
            },
        )

    def provenance(self) -> pd.DataFrame:
        rows = [("node", n.kind, n.get("source"), n.get("verified")) for n in self._all_nodes()]
        rows += [
            ("relationship", r.type, r.get("source"), r.get("verified"))
            for _, _, r in self._graph.edges(data="rel")
        ]
        return pd.DataFrame(rows, columns=provenance.COLUMNS)

    def export(self) -> GraphBatch:
        rels = [rel for _, _, rel in self._graph.edges(data="rel")]
        return GraphBatch(list(self._all_nodes()), rels)


def _sourced(props: dict) -> bool:
    return bool(props.get("source")) and bool(props.get("verified"))


def _join(forward: list[_Path], backward: list[_Path]) -> list[Walk]:
    """Walks from forward halves and backward halves that end at the same node, never
    using one relationship twice."""
    by_end: dict[str, list[_Path]] = defaultdict(list)
    for path in backward:
        by_end[path[0][-1]].append(path)
    return [
        Walk((*nodes, *back_nodes[-2::-1]), (*rels, *back_rels[::-1]))
        for nodes, rels in forward
        for back_nodes, back_rels in by_end.get(nodes[-1], ())
        if not any(rel in rels for rel in back_rels)
    ]
