"""Breadth-first neighbourhoods, the same algorithm on every store.

A store supplies the native primitives, "the relationships that touch these nodes" and
"the relationships among these nodes"; this module walks outwards level by level, keeps
the nearest nodes first, and says how many it left out so that the explorer never floods
the screen.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from graphmodel import schema
from graphmodel.errors import GraphModelError
from graphmodel.model import Node, Subgraph, node_kind_order

if TYPE_CHECKING:
    from graphmodel.stores.base import Store

__all__ = ["neighbourhood"]


def neighbourhood(
    centre: Node, depth: int, kinds: Collection[str] | None, limit: int | None, store: Store
) -> Subgraph:
    """Nodes within `depth` steps of `centre` (either direction), nearest first, and the
    relationships among them.

    Traversal passes through every kind; `kinds` only filters what is returned (the
    centre is always returned). Of equally near nodes, kinds in schema order and then ids
    decide who is kept when `limit` cuts; only those kept are fetched, since a hub has
    thousands of nodes near.
    """
    distance = {centre.id: 0}
    frontier: set[str] = {centre.id}
    for level in range(1, depth + 1):
        next_frontier: set[str] = set()
        for rel in store.relationships_of(frontier):
            for node_id in (rel.start, rel.end):
                if node_id not in distance:
                    distance[node_id] = level
                    next_frontier.add(node_id)
        frontier = next_frontier
        if not frontier:
            break
    kind = {node_id: _kind(node_id) for node_id in distance}
    candidates = [n for n in distance if n != centre.id and (not kinds or kind[n] in kinds)]
    candidates.sort(key=lambda n: (distance[n], node_kind_order(kind[n]), n))
    kept = candidates if limit is None else candidates[:limit]
    fetched = {n.id: n for n in store.nodes(kept)}
    result = [centre, *(fetched[n] for n in kept)]
    relationships = store.relationships_among([n.id for n in result])
    relationships.sort(key=lambda r: r.key)
    return Subgraph(
        nodes=result,
        relationships=relationships,
        depth={n.id: distance[n.id] for n in result},
        omitted=len(candidates) - len(kept),
    )


def _kind(node_id: str) -> str:
    """A node's kind, read from its id (every id carries its kind's prefix)."""
    kind = schema.kind_of_id(node_id)
    if kind is None:
        raise GraphModelError(f"{node_id!r} does not start with the prefix of a kind")
    return kind.name
