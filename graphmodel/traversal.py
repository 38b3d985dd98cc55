"""Breadth-first neighbourhoods, the same algorithm on every store.

A store supplies one native primitive, "the relationships that touch these nodes";
this module walks outwards level by level, keeps the nearest nodes first, and says how
many it left out so that the explorer never floods the screen.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from graphmodel.model import Node, Relationship, Subgraph, node_kind_order

__all__ = ["neighbourhood"]

Expand = Callable[[Collection[str]], Iterable[Relationship]]
Fetch = Callable[[Collection[str]], list[Node]]


def neighbourhood(
    centre: Node,
    depth: int,
    kinds: Collection[str] | None,
    limit: int | None,
    expand: Expand,
    fetch: Fetch,
) -> Subgraph:
    """Nodes within `depth` steps of `centre` (either direction), nearest first.

    Traversal passes through every kind; `kinds` only filters what is returned (the
    centre is always returned). Of equally near nodes, kinds in schema order and then ids
    decide who is kept when `limit` cuts.
    """
    distance = {centre.id: 0}
    frontier: set[str] = {centre.id}
    seen_relationships: dict[tuple[str, str, str, str], Relationship] = {}
    for level in range(1, depth + 1):
        next_frontier: set[str] = set()
        for rel in expand(frontier):
            seen_relationships[rel.key] = rel
            for node_id in (rel.start, rel.end):
                if node_id not in distance:
                    distance[node_id] = level
                    next_frontier.add(node_id)
        frontier = next_frontier
        if not frontier:
            break
    nodes = {n.id: n for n in fetch(list(distance))}
    candidates = [n for n in nodes.values() if n.id != centre.id and (not kinds or n.kind in kinds)]
    candidates.sort(key=lambda n: (distance[n.id], node_kind_order(n.kind), n.id))
    kept = candidates if limit is None else candidates[:limit]
    result = [centre, *kept]
    ids = {n.id for n in result}
    outermost = [n.id for n in kept if distance[n.id] == depth]
    if outermost:  # links among the outermost nodes were not walked yet
        seen_relationships.update((r.key, r) for r in expand(outermost))
    relationships = [r for r in seen_relationships.values() if r.start in ids and r.end in ids]
    relationships.sort(key=lambda r: r.key)
    return Subgraph(
        nodes=result,
        relationships=relationships,
        depth={n.id: distance[n.id] for n in result},
        omitted=len(candidates) - len(kept),
    )
