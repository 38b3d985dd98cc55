"""Plain data that crosses the boundaries between importer, stores and explorer.

Kept free of any store so that an analyst can build, compare and inspect these in a
notebook without a database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

import networkx as nx

from graphmodel import schema

__all__ = [
    "GraphBatch",
    "GraphStats",
    "LoadSummary",
    "Node",
    "Relationship",
    "SearchHit",
    "Step",
    "Subgraph",
    "Walk",
    "cell_text",
    "cells",
    "edge_key",
    "reversed_steps",
    "to_networkx",
]

PropertyValue = str | bool | float | tuple[str, ...]


def cell_text(value: PropertyValue) -> str:
    """A property value as a curated table's cell holds it (lists `;`-separated)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ";".join(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cells(properties: dict[str, PropertyValue]) -> dict[str, str]:
    """Properties as the text cells a curated table holds."""
    return {key: cell_text(value) for key, value in properties.items()}


@dataclass(frozen=True)
class Node:
    """A node: its id (with kind prefix), its kind and its properties (no empty values)."""

    id: str
    kind: str
    properties: dict[str, PropertyValue] = field(default_factory=dict, hash=False, compare=True)

    @property
    def name(self) -> str:
        return str(self.properties.get("name", self.id))

    def get(self, key: str, default: Any = None) -> Any:
        return self.properties.get(key, default)


@dataclass(frozen=True)
class Relationship:
    """A directed relationship between two node ids, with its own properties.

    Two relationships are the same fact when `key` is equal: same ends, same type and same
    role (a person may hold two roles at one organisation).
    """

    start: str
    type: str
    end: str
    properties: dict[str, PropertyValue] = field(default_factory=dict, hash=False, compare=True)

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.start, self.type, self.end, str(self.properties.get("role", "")))

    def get(self, key: str, default: Any = None) -> Any:
        return self.properties.get(key, default)

    @property
    def edge_key(self) -> str:
        """The key of this relationship among the edges between its two nodes."""
        return edge_key(self.type, str(self.properties.get("role", "")))


def edge_key(rel_type: str, role: str) -> str:
    """A relationship's key among the edges between its two nodes: type and role."""
    return f"{rel_type}|{role}"


@dataclass
class GraphBatch:
    """What an import produces and a store loads: nodes and relationships, validated."""

    nodes: list[Node] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.nodes) + len(self.relationships)


@dataclass(frozen=True)
class LoadSummary:
    """What a load did, per kind and relationship type: created, changed, unchanged."""

    created: Counter[str]
    changed: Counter[str]
    unchanged: Counter[str]

    @classmethod
    def empty(cls) -> LoadSummary:
        return cls(Counter(), Counter(), Counter())

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    @property
    def total_changed(self) -> int:
        return sum(self.changed.values())


@dataclass(frozen=True)
class SearchHit:
    """A search result: the node, how well it matched (higher is better), what it
    matched in words, and the topic it was found through (an actor on a topic whose name
    matched), if any."""

    node: Node
    score: float
    matched: str
    via_topic: Node | None = None


@dataclass
class Subgraph:
    """A part of the graph: nodes, the relationships among them, and what was left out."""

    nodes: list[Node] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    depth: dict[str, int] = field(default_factory=dict)
    omitted: int = 0


@dataclass(frozen=True)
class Step:
    """One step of a walk (`Store.follow`): which relationship types to follow, in
    which direction, how many times, and which kinds of node (`kinds`) and which nodes
    (`end_ids`) the step may end at (empty: any; nodes passed on the way of a repeated
    step are not checked).

    `end_ids` on the last step lets a store start from the other end when that end is
    the smaller one, as a query planner would: the walks are the same.

    Direction matters only where the schema allows both (Region PART_OF Region, Topic
    BROADER Topic); elsewhere the kinds at both ends already decide it.
    """

    types: tuple[str, ...]
    direction: str = "both"  # "out", "in" or "both"
    kinds: tuple[str, ...] = ()
    min_hops: int = 1  # taken min_hops to max_hops times (0: the step may be skipped)
    max_hops: int = 1
    end_ids: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if isinstance(self.end_ids, str):
            raise TypeError("end_ids takes a collection of ids, not one id")
        object.__setattr__(self, "end_ids", frozenset(self.end_ids))
        if not 0 <= self.min_hops <= self.max_hops:
            raise ValueError("hops must satisfy 0 <= min_hops <= max_hops")
        for name in self.types:
            schema.relationship_type(name)  # KeyError for anything not in the schema
        for name in self.kinds:
            schema.kind(name)
        if self.direction not in ("out", "in", "both"):
            raise ValueError(f"direction must be out, in or both, not {self.direction!r}")


class Walk(NamedTuple):
    """A chain of relationships from a start node: ``nodes[0]`` is the start, and
    ``relationships[i]`` joins ``nodes[i]`` and ``nodes[i + 1]`` (in either direction).
    A named tuple: a question can make tens of thousands."""

    nodes: tuple[str, ...]
    relationships: tuple[Relationship, ...]

    @property
    def start(self) -> str:
        return self.nodes[0]

    @property
    def end(self) -> str:
        return self.nodes[-1]

    def oldest_verified(self) -> str:
        """The verified date of the least recently checked fact on the walk ("" if none)."""
        return min([str(r.properties.get("verified", "")) for r in self.relationships], default="")

    def reversed(self) -> Walk:
        """The same walk read from its end."""
        return Walk(self.nodes[::-1], self.relationships[::-1])


FLIPPED = {"out": "in", "in": "out", "both": "both"}


def reversed_steps(start_ids: Collection[str], steps: Sequence[Step]) -> list[Step]:
    """The steps that take a walk from where `steps` end back to one of `start_ids`;
    walks that start at the last step's `end_ids` and take these, reversed, are the
    walks from `start_ids` along `steps`. Each reversed step ends where the previous
    step ended, with that step's kinds and end ids; the last one at `start_ids`."""
    at_start = Step(types=(), end_ids=frozenset(start_ids))  # only its end ids are read
    before = [at_start, *steps[:-1]]
    return [
        replace(step, direction=FLIPPED[step.direction], kinds=prior.kinds, end_ids=prior.end_ids)
        for step, prior in zip(steps[::-1], before[::-1], strict=True)
    ]


@dataclass(frozen=True)
class GraphStats:
    """Counts per kind and relationship type, and how many carry source and verified."""

    nodes: dict[str, int]
    relationships: dict[str, int]
    nodes_sourced: int
    relationships_sourced: int
    breakdown: dict[str, dict[str, int]] = field(default_factory=dict)
    """Per kind in schema.BREAKDOWN, counts per value: {"Region": {"gemeente": 342, ...}}."""

    @property
    def node_total(self) -> int:
        return sum(self.nodes.values())

    @property
    def relationship_total(self) -> int:
        return sum(self.relationships.values())

    def share_sourced(self) -> float:
        """Share of nodes and relationships that carry both `source` and `verified`."""
        total = self.node_total + self.relationship_total
        return (self.nodes_sourced + self.relationships_sourced) / total if total else 1.0


def node_kind_order(kind_name: str) -> int:
    """Position of a kind in the schema, for stable, meaningful ordering of results."""
    return [k.name for k in schema.KINDS].index(kind_name)


def to_networkx(nodes: Iterable[Node], relationships: Iterable[Relationship]) -> nx.MultiDiGraph:
    """A networkx graph for analysis: node attribute `kind` and the node's properties,
    edge attribute `type` and the relationship's properties.

    Every attribute is a text, number or truth value, so that ``nx.write_graphml`` and
    ``nx.write_gexf`` (for Gephi and Cytoscape desktop) can write the graph: a list of
    values (sectors, synonyms) becomes its items joined by "; ", a missing value is left
    out."""
    graph = nx.MultiDiGraph()
    for node in nodes:
        graph.add_node(node.id, kind=node.kind, **_writable(node.properties))
    for rel in relationships:
        graph.add_edge(
            rel.start, rel.end, key=rel.edge_key, type=rel.type, **_writable(rel.properties)
        )
    return graph


def _writable(properties: dict[str, Any]) -> dict[str, str | int | float | bool]:
    """
    >>> _writable({"sectors": ("hbo", "wo"), "note": None, "latitude": 52.5})
    {'sectors': 'hbo; wo', 'latitude': 52.5}
    """
    return {
        key: "; ".join(map(str, value)) if isinstance(value, list | tuple) else value
        for key, value in properties.items()
        if value is not None
    }
