"""What coverage counts, indexed: who works on each topic, and who is in each region.

Coverage and its matrix count, per region of a level, the actors that work on a topic
(directly, on a narrower topic, or through a group: `graphmodel.stores.evidence`) and
are placed in the region (`graphmodel.questions.places`), and those placed in a larger
region around it. Over a store every question walks the evidence of its topics and
places every actor found. The read model knows the whole graph: it reads who works on
each topic from its relationships once (`Covering.workers`, the actors of
`Store.topic_evidence` with ``broader=False``, without the evidence itself), and where
every actor is per level from every actor's regions (`Covering.at_level`), so that a
question only counts.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Collection, Mapping

from graphmodel import schema
from graphmodel.model import GraphBatch, Node
from graphmodel.questions import places
from graphmodel.readmodel.ranking import Whereabouts
from graphmodel.stores.evidence import NARROWER_DEPTH, through_group

__all__ = ["Covering", "Levels"]

# per actor, the regions of one level it is in, and those it is only around
Levels = tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]


class Covering:
    """Who works on each topic and where every actor is, per level; each worked out at
    its first question and kept (the graph under it does not change).

    Parameters
    ----------
    batch : GraphBatch
        The whole graph.
    whereabouts : Whereabouts
        Every actor's regions.

    Examples
    --------
    >>> from graphmodel.model import Node, Relationship
    >>> from graphmodel.stores.memory import MemoryStore
    >>> batch = GraphBatch(
    ...     [Node("region:GM0344", "Region", {"name": "Utrecht", "level": "gemeente"}),
    ...      Node("region:PV26", "Region", {"name": "Utrecht", "level": "provincie"}),
    ...      Node("region:GM0307", "Region", {"name": "Amersfoort", "level": "gemeente"}),
    ...      Node("org:hu", "Organisation", {"name": "HU"}),
    ...      Node("person:a", "Person", {"name": "A"}),
    ...      Node("network:n", "Network", {"name": "N"}),
    ...      Node("topic:evc", "Topic", {"name": "EVC"})],
    ...     [Relationship("region:GM0344", "PART_OF", "region:PV26"),
    ...      Relationship("region:GM0307", "PART_OF", "region:PV26"),
    ...      Relationship("org:hu", "LOCATED_IN", "region:GM0344"),
    ...      Relationship("network:n", "ACTIVE_IN", "region:PV26"),
    ...      Relationship("network:n", "WORKS_ON", "topic:evc"),
    ...      Relationship("org:hu", "MEMBER_OF", "network:n")])
    >>> store = MemoryStore()
    >>> _ = store.load(batch)
    >>> covering = Covering(batch, Whereabouts.of(store))
    >>> sorted(covering.workers(["topic:evc"], ["Organisation", "Network"])["topic:evc"].items())
    [('network:n', 'Network'), ('org:hu', 'Organisation')]
    >>> own, around = covering.at_level("gemeente")
    >>> own["org:hu"], around["network:n"]
    (('region:GM0344',), ('region:GM0307', 'region:GM0344'))
    """

    def __init__(self, batch: GraphBatch, whereabouts: Whereabouts) -> None:
        self._nodes: dict[str, Node] = {n.id: n for n in batch.nodes}
        self._batch = batch
        self._whereabouts = whereabouts
        self._working: dict[str, dict[str, str]] | None = None  # topic -> actor -> kind
        self._levels: dict[str, Levels] = {}
        self._working_out = threading.Lock()  # one thread reads the graph, the others wait

    def workers(
        self, topic_ids: Collection[str], kinds: Collection[str]
    ) -> dict[str, dict[str, str]]:
        """Per topic of `topic_ids`, the actors of `kinds` (id -> kind) that work on it or
        a narrower topic (to `NARROWER_DEPTH` levels) directly, or, people and
        organisations, through a group they belong to that does."""
        working = self._working or self._read_workers()
        wanted = set(kinds)
        return {
            topic: {a: k for a, k in working.get(topic, {}).items() if k in wanted}
            for topic in topic_ids
        }

    def at_level(self, level: str) -> Levels:
        """Per actor, the regions of `level` it is in, and those it is around: inside a
        larger region it is in (not the country) without being in them."""
        found = self._levels.get(level)
        if found is None:
            with self._working_out:
                found = self._levels.get(level) or self._place_at(level)
                self._levels[level] = found
        return found

    def _read_workers(self) -> dict[str, dict[str, str]]:
        with self._working_out:
            if self._working is None:
                self._working = self._workers_of_every_topic()
            return self._working

    def _workers_of_every_topic(self) -> dict[str, dict[str, str]]:
        narrower: dict[str, list[str]] = defaultdict(list)
        direct: dict[str, set[str]] = defaultdict(set)  # topic -> actors on it themselves
        members: dict[str, set[str]] = defaultdict(set)  # group -> people and organisations
        joining = set(through_group(schema.ACTOR_KINDS))
        for rel in self._batch.relationships:
            if rel.type == "BROADER":
                narrower[rel.end].append(rel.start)
            elif rel.type == "WORKS_ON" and self._kind(rel.start) in schema.ACTOR_KINDS:
                direct[rel.end].add(rel.start)
            elif rel.type in schema.BELONGING:
                for group, other in ((rel.start, rel.end), (rel.end, rel.start)):
                    if self._kind(group) in schema.GROUP_KINDS and self._kind(other) in joining:
                        members[group].add(other)
        working: dict[str, dict[str, str]] = {}
        for topic in (n.id for n in self._batch.nodes if n.kind == "Topic"):
            found: set[str] = set()
            for related in _within(topic, narrower, NARROWER_DEPTH):
                for actor in direct.get(related, ()):
                    found.add(actor)
                    if self._kind(actor) in schema.GROUP_KINDS:
                        found |= members.get(actor, set())
            working[topic] = {actor: self._kind(actor) for actor in found}
        return working

    def _place_at(self, level: str) -> Levels:
        """Every actor's regions of `level`, and those around it, as `coverage` counts
        them: a larger region's regions of the level are those that lie in it through
        the hierarchy (to `places.HIERARCHY_DEPTH` steps)."""
        larger: dict[str, list[str]] = defaultdict(list)
        for rel in self._batch.relationships:
            if rel.type == "PART_OF" and self._kind(rel.start) == self._kind(rel.end) == "Region":
                larger[rel.start].append(rel.end)
        inside: dict[str, set[str]] = defaultdict(set)  # a larger region -> ours in it
        for region in (n.id for n in self._batch.nodes if n.get("level") == level):
            for above in _within(region, larger, places.HIERARCHY_DEPTH) - {region}:
                inside[above].add(region)
        level_of = {n.id: n.get("level") for n in self._batch.nodes if n.kind == "Region"}
        actors = [n.id for n in self._batch.nodes if n.kind in schema.ACTOR_KINDS]
        own: dict[str, tuple[str, ...]] = {}
        around: dict[str, tuple[str, ...]] = {}
        # many actors share their regions (those of one gemeente): each set once
        seen: dict[frozenset[str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        for actor, ways in self._whereabouts.placed(actors).items():
            regions = frozenset(region for region, _verified, _via in ways)
            if regions not in seen:
                near = set().union(*(inside.get(r, ()) for r in regions if level_of[r] != "land"))
                mine = tuple(sorted(r for r in regions if level_of[r] == level))
                seen[regions] = (mine, tuple(sorted(near - regions)))
            mine, near_only = seen[regions]
            if mine:
                own[actor] = mine
            if near_only:
                around[actor] = near_only
        return own, around

    def _kind(self, node_id: str) -> str:
        node = self._nodes.get(node_id)
        return node.kind if node is not None else ""


def _within(start: str, steps: Mapping[str, list[str]], depth: int) -> set[str]:
    """`start` and every node `depth` steps from it or fewer."""
    found, edge = {start}, [start]
    for _ in range(depth):
        edge = [n for node in edge for n in steps.get(node, ()) if n not in found]
        found.update(edge)
    return found
