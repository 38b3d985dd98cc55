"""Shortest introduction routes for the embedded store.

A route is a shortest chain of relationships between two nodes, in either direction,
whose intermediate nodes are of no avoided kind (ROUTE_AVOIDS). Of several shortest
routes the one through people and groups (INTRODUCERS: someone to ask, a network or
lectoraat to contact) is preferred over one through an organisation at the same place
in the chain; then the one whose node ids read first in sort order, and between two
nodes the relationship whose (type, role) sorts first, so that every store returns the
same route. Neo4j finds it with ``ALL SHORTEST`` and ``ORDER BY``
(`graphmodel.stores.cypher.shortest_walks`); this module with a bidirectional
breadth-first search.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from graphmodel import schema
from graphmodel.model import Relationship, Walk

__all__ = ["INTRODUCERS", "ROUTE_AVOIDS", "ROUTE_MAX_HOPS", "introducer_rank", "shortest_walk"]

# Introductions go through people, organisations and groups: not through a shared topic,
# region, event or publication.
ROUTE_AVOIDS = ("Topic", "Region", "Event", "Resource")
ROUTE_MAX_HOPS = 4  # a longer chain is no introduction; and ALL SHORTEST stays cheap
# Who introduces best: a person, or a group one can contact and join.
INTRODUCERS = ("Person", *schema.GROUP_KINDS)

Neighbours = Callable[[str], Iterable[tuple[str, Relationship]]]
Passable = Callable[[str], bool]


def shortest_walk(
    start: str, target: str, neighbours: Neighbours, passable: Passable, max_hops: int
) -> Walk | None:
    """The first shortest walk (see the module docstring), or None beyond `max_hops`.

    `neighbours(n)` gives every (other end, relationship) at n, in both directions;
    `passable(n)` says whether n may lie between the two ends.
    """
    if start == target:
        return Walk((start,), ())
    search = _Meeting(start, target, neighbours, passable)
    length = search.run(max_hops)
    return None if length is None else search.first_walk(length)


class _Meeting:
    """Breadth-first from both ends, always growing the smaller frontier."""

    def __init__(self, start: str, target: str, neighbours: Neighbours, passable: Passable) -> None:
        self.start, self.target = start, target
        self.neighbours, self.passable = neighbours, passable
        self.from_start: dict[str, int] = {start: 0}
        self.to_target: dict[str, int] = {target: 0}
        self.layers: list[list[str]] = [[start]]  # the start side, level by level
        self.target_frontier = [target]
        self.target_depth = 0

    def run(self, max_hops: int) -> int | None:
        while self.layers[-1] and self.target_frontier:
            if len(self.layers) - 1 + self.target_depth >= max_hops:
                return None
            if len(self.layers[-1]) <= len(self.target_frontier):
                met = self._grow_start_side()
            else:
                met = self._grow_target_side()
            if met:
                return min(self.from_start[n] + self.to_target[n] for n in met)
        return None

    def _grow_start_side(self) -> list[str]:
        level = len(self.layers)
        layer, met = [], []
        for node in self.layers[-1]:
            for other, _ in self.neighbours(node):
                if other in self.from_start or not (self.passable(other) or other == self.target):
                    continue
                self.from_start[other] = level
                layer.append(other)
                if other in self.to_target:
                    met.append(other)
        self.layers.append(layer)
        return met

    def _grow_target_side(self) -> list[str]:
        self.target_depth += 1
        frontier, met = [], []
        for node in self.target_frontier:
            for other, _ in self.neighbours(node):
                if other in self.to_target or not (self.passable(other) or other == self.start):
                    continue
                self.to_target[other] = self.target_depth
                frontier.append(other)
                if other in self.from_start:
                    met.append(other)
        self.target_frontier = frontier
        return met

    def first_walk(self, length: int) -> Walk:
        """Pick, hop by hop, the smallest next node that still lies on a shortest walk."""
        on_route = self._on_route_start_side(length)
        nodes, relationships = [self.start], []
        for position in range(1, length + 1):
            options = [
                (other, (rel.type, str(rel.get("role", ""))), rel)
                for other, rel in self.neighbours(nodes[-1])
                if self._fits(other, position, length, on_route)
            ]
            other, _, rel = min(
                options, key=lambda option: (introducer_rank(option[0]), *option[:2])
            )
            nodes.append(other)
            relationships.append(rel)
        return Walk(tuple(nodes), tuple(relationships))

    def _fits(self, node: str, position: int, length: int, on_route: list[set[str]]) -> bool:
        if position < len(on_route):
            return node in on_route[position]
        return self.to_target.get(node) == length - position

    def _on_route_start_side(self, length: int) -> list[set[str]]:
        """Per level of the start side, the nodes from which the target is still reachable
        in the remaining hops (computed back from where the two searches met)."""
        junction = min(len(self.layers) - 1, length)
        on_route = [set() for _ in range(junction + 1)]
        on_route[junction] = {
            n for n in self.layers[junction] if self.to_target.get(n) == length - junction
        }
        for level in range(junction - 1, -1, -1):
            on_route[level] = {
                n
                for n in self.layers[level]
                if any(other in on_route[level + 1] for other, _ in self.neighbours(n))
            }
        return on_route


def introducer_rank(node_id: str) -> int:
    """0 for a node of an INTRODUCERS kind, 1 for any other: the first key of a route's
    order, node by node.

    >>> introducer_rank("network:velon-themagroep"), introducer_rank("org:windesheim")
    (0, 1)
    """
    return 0 if schema.kind_of_id(node_id).name in INTRODUCERS else 1
