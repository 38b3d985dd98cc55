"""What find_people needs to bound every candidate at once: where every actor is.

find_people walks the seeker's regions from the smallest out, because over a store it
cannot afford to place thousands of candidates per question
(`graphmodel.questions.proximity`). The read model places every actor once, when it is
built, with the rules of `graphmodel.questions.places` (every region at every level, the
country only where an actor is active in it itself, and per region the way the ranking
keeps). A question then reads each candidate's region points from the seeker's few
regions, bounds every candidate's score, and scores in full only those that can make
the top (`graphmodel.questions.shortlist`): the answer is the walks' answer, bit for bit.
"""

from __future__ import annotations

from collections.abc import Collection

from graphmodel import schema
from graphmodel.questions import places
from graphmodel.stores.base import Placed, Store

__all__ = ["Whereabouts"]


class Whereabouts:
    """Every actor's regions, by region: who is in it, and on what evidence.

    Examples
    --------
    >>> from graphmodel.model import GraphBatch, Node, Relationship
    >>> from graphmodel.stores.memory import MemoryStore
    >>> store = MemoryStore()
    >>> _ = store.load(GraphBatch(
    ...     [Node("region:GM0344", "Region", {"name": "Utrecht", "level": "gemeente"}),
    ...      Node("org:hu", "Organisation", {"name": "HU"})],
    ...     [Relationship("org:hu", "LOCATED_IN", "region:GM0344", {"verified": "2026-01-05"})]))
    >>> Whereabouts.of(store).placed(["org:hu"], ["region:GM0344"])
    {'org:hu': [('region:GM0344', '2026-01-05', None)]}
    """

    def __init__(self, inside: dict[str, dict[str, places.Place]]) -> None:
        self._inside = inside  # region -> actor -> the place the ranking keeps
        self._ways: Placed = {}  # actor -> (region, verified, via) for each of its regions
        for region, found in inside.items():
            for actor, place in found.items():
                self._ways.setdefault(actor, []).append((region, place.verified, place.via))

    @classmethod
    def of(cls, store: Store) -> Whereabouts:
        """Every actor of `store` placed (three walks over the whole graph)."""
        actors = [node.id for kind in schema.ACTOR_KINDS for node in store.nodes_of(kind)]
        inside: dict[str, dict[str, places.Place]] = {}
        for actor, found in places.place(store, actors).of.items():
            for region, place in found.items():
                inside.setdefault(region, {})[actor] = place
        return cls(inside)

    def placed(
        self, actor_ids: Collection[str], region_ids: Collection[str] | None = None
    ) -> Placed:
        """As `Store.placed` (a set intersection per region: it runs over the smaller
        side, the few actors asked or the few in a gemeente)."""
        if region_ids is None:
            return {a: self._ways[a] for a in actor_ids if a in self._ways}
        wanted = actor_ids if isinstance(actor_ids, set | frozenset) else set(actor_ids)
        found: Placed = {}
        for region in region_ids:
            inside = self._inside.get(region, {})
            for actor in inside.keys() & wanted:
                place = inside[actor]
                found.setdefault(actor, []).append((region, place.verified, place.via))
        return found
