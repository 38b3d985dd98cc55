"""What coverage counts, indexed: who works on each topic, and who is in each region.

Coverage and its matrix count, per region of a level, the actors that work on a topic
(directly, on a narrower topic, or through a group: `graphmodel.stores.evidence`) and
are placed in the region (`graphmodel.questions.places`), and those placed in a larger
region around it. Over a store every question walks the evidence of its topics and
places every actor found. The read model knows the whole graph: it reads who works on
each topic from its relationships once (`Covering.workers`, the actors of
`Store.topic_evidence` with ``broader=False``, without the evidence itself), and where
every actor is per level from every actor's regions (`Covering.at_level`), so that a
question only counts. `Covering.prepare` works all of it out ahead of the questions.

Most actors share their regions with many others (those of one gemeente): the regions
of a level are worked out once per set of regions that actors share, not per actor.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Collection, Mapping

from graphmodel import schema
from graphmodel.model import GraphBatch
from graphmodel.questions import places
from graphmodel.readmodel.ranking import Whereabouts
from graphmodel.stores.evidence import NARROWER_DEPTH, through_group

__all__ = ["Covering", "Levels", "Sharing"]

# per actor, the regions of one level it is in, and those it is only around
Levels = tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]
Working = dict[str, dict[str, dict[str, str]]]  # topic -> kind -> actor on it -> kind


class Covering:
    """Who works on each topic and where every actor is, per level; each worked out at
    its first question, or all at once by `prepare`, and kept (the graph under it does
    not change).

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
    >>> covering.prepare()  # every level and topic now, for the questions to come
    >>> covering.at_level("provincie")[0]["network:n"]
    ('region:PV26',)
    """

    def __init__(self, batch: GraphBatch, whereabouts: Whereabouts) -> None:
        self._batch = batch
        self._kinds: dict[str, str] = {n.id: n.kind for n in batch.nodes}
        self._whereabouts = whereabouts
        self._working: Working | None = None
        self._sharing: Sharing | None = None
        self._levels: dict[str, Levels] = {}
        self._working_out = threading.Lock()  # one thread reads the graph, the others wait

    def prepare(self) -> None:
        """Work out now what `workers` and `at_level` answer from (who works on every
        topic, per kind; every level's regions of every actor), so that no question
        waits for it. Safe while questions are asked: what they ask is worked out
        once, by whichever thread comes first."""
        self._read_workers()
        for level in places.LEVELS:
            self.at_level(level)

    def workers(
        self, topic_ids: Collection[str], kinds: Collection[str]
    ) -> dict[str, dict[str, str]]:
        """Per topic of `topic_ids`, the actors of `kinds` (id -> kind) that work on it or
        a narrower topic (to `NARROWER_DEPTH` levels) directly, or, people and
        organisations, through a group they belong to that does."""
        working = self._working or self._read_workers()
        wanted = tuple(dict.fromkeys(kinds))
        found: dict[str, dict[str, str]] = {}
        for topic in topic_ids:
            per_kind = working.get(topic, {})
            found[topic] = actors = {}
            for kind in wanted:
                actors.update(per_kind.get(kind, {}))
        return found

    def at_level(self, level: str) -> Levels:
        """Per actor, the regions of `level` it is in, and those it is around: inside a
        larger region it is in (not the country) without being in them."""
        found = self._levels.get(level)
        if found is None:
            with self._working_out:
                found = self._levels.get(level) or self._place_at(level)
                self._levels[level] = found
                if self._levels.keys() >= set(places.LEVELS):
                    self._sharing = None  # every level placed: no longer needed
        return found

    def _read_workers(self) -> Working:
        with self._working_out:
            if self._working is None:
                self._working = self._workers_of_every_topic()
            return self._working

    def _workers_of_every_topic(self) -> Working:
        kind_of = self._kinds.get
        narrower: dict[str, list[str]] = defaultdict(list)
        direct: dict[str, set[str]] = defaultdict(set)  # topic -> actors on it themselves
        members: dict[str, set[str]] = defaultdict(set)  # group -> people and organisations
        joining = set(through_group(schema.ACTOR_KINDS))
        for rel in self._batch.relationships:
            if rel.type == "BROADER":
                narrower[rel.end].append(rel.start)
            elif rel.type == "WORKS_ON" and kind_of(rel.start) in schema.ACTOR_KINDS:
                direct[rel.end].add(rel.start)
            elif rel.type in schema.BELONGING:
                for group, other in ((rel.start, rel.end), (rel.end, rel.start)):
                    if kind_of(group) in schema.GROUP_KINDS and kind_of(other) in joining:
                        members[group].add(other)
        working: Working = {}
        for topic in (n.id for n in self._batch.nodes if n.kind == "Topic"):
            found: set[str] = set()
            for related in _within(topic, narrower, NARROWER_DEPTH):
                for actor in direct.get(related, ()):
                    found.add(actor)
                    if kind_of(actor) in schema.GROUP_KINDS:
                        found |= members.get(actor, set())
            per_kind: dict[str, dict[str, str]] = defaultdict(dict)
            for actor in found:
                per_kind[self._kinds[actor]][actor] = self._kinds[actor]
            working[topic] = dict(per_kind)
        return working

    def _place_at(self, level: str) -> Levels:
        """Every actor's regions of `level`, and those around it, as `coverage` counts
        them: a larger region's regions of the level are those that lie in it through
        the hierarchy (to `places.HIERARCHY_DEPTH` steps). Worked out per set of
        regions that actors share, and given to each of them."""
        sharing = self._sharing or self._share()
        inside: dict[str, set[str]] = defaultdict(set)  # a larger region -> ours in it
        for region in sharing.of_level.get(level, ()):
            for above in _within(region, sharing.larger, places.HIERARCHY_DEPTH) - {region}:
                inside[above].add(region)
        level_of = sharing.level_of
        own: dict[str, tuple[str, ...]] = {}
        around: dict[str, tuple[str, ...]] = {}
        for regions, actors in sharing.actors.items():
            near = set().union(*(inside.get(r, ()) for r in regions if level_of[r] != "land"))
            mine = tuple(sorted(r for r in regions if level_of[r] == level))
            near_only = tuple(sorted(near - regions))
            if mine:
                own.update(dict.fromkeys(actors, mine))
            if near_only:
                around.update(dict.fromkeys(actors, near_only))
        return own, around

    def _share(self) -> Sharing:
        """The regions' hierarchy, and the actors by the set of regions they are in
        (called with the lock held)."""
        if self._sharing is None:
            self._sharing = Sharing.of(self._batch, self._kinds, self._whereabouts)
        return self._sharing


class Sharing:
    """What every level's regions are worked out from: the hierarchy of regions, each
    region's level, and the actors by the set of regions they are in.

    Parameters
    ----------
    larger : dict
        Region -> the regions it is directly part of.
    level_of : dict
        Region -> its level.
    actors : dict
        A set of regions -> the actors in exactly those regions.
    """

    def __init__(
        self,
        larger: dict[str, list[str]],
        level_of: dict[str, str],
        actors: dict[frozenset[str], list[str]],
    ) -> None:
        self.larger = larger
        self.level_of = level_of
        self.actors = actors
        self.of_level: dict[str, list[str]] = defaultdict(list)
        for region, level in level_of.items():
            self.of_level[level].append(region)

    @classmethod
    def of(cls, batch: GraphBatch, kinds: Mapping[str, str], whereabouts: Whereabouts) -> Sharing:
        """From the graph's relationships and every actor's regions."""
        larger: dict[str, list[str]] = defaultdict(list)
        for rel in batch.relationships:
            if rel.type == "PART_OF" and kinds.get(rel.start) == kinds.get(rel.end) == "Region":
                larger[rel.start].append(rel.end)
        level_of = {n.id: n.get("level") for n in batch.nodes if n.kind == "Region"}
        placed = whereabouts.placed([a for a, k in kinds.items() if k in schema.ACTOR_KINDS])
        actors: dict[frozenset[str], list[str]] = defaultdict(list)
        for actor, ways in placed.items():
            actors[frozenset(region for region, _verified, _via in ways)].append(actor)
        return cls(larger, level_of, dict(actors))


def _within(start: str, steps: Mapping[str, list[str]], depth: int) -> set[str]:
    """`start` and every node `depth` steps from it or fewer."""
    found, edge = {start}, [start]
    for _ in range(depth):
        edge = [n for node in edge for n in steps.get(node, ()) if n not in found]
        found.update(edge)
    return found
