"""Honest regions for find_people: who works near the seeker, how far the others are, and
a statement of what was found where.

"Near" is the seeker's home: the region they named (or their organisation's regions) and
every larger region it lies in, the country excepted. When no candidate of a family is
there, find_people says so in words and ranks the nearest first by the distance between
gemeente centres (`graphmodel.questions.distance`), before the national ones; it never falls back to
national answers in silence.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from graphmodel import schema
from graphmodel.model import Node
from graphmodel.questions import distance, places
from graphmodel.questions.proximity import INSIDE
from graphmodel.questions.topicfacts import indexes_every_actor

if TYPE_CHECKING:
    from graphmodel.stores.base import Store

__all__ = ["Home", "Nearest", "every_place", "place_of"]


class Nearest(NamedTuple):
    """Where an actor is nearest to the seeker: the region (a gemeente where known) and
    the kilometres between its centre and the seeker's."""

    region: str
    name: str
    km: float
    verified: str
    via: str | None


@dataclass
class Home:
    """The seeker's regions without the country (`near`), the one they are in
    (`centre_region`, the smallest), and its centre."""

    near: dict[str, Node]
    centre_region: Node | None
    centre: distance.Point | None = None
    gemeente: Node | None = None  # where introduction routes start without an organisation

    @classmethod
    def of(cls, store: Store, home: Mapping[str, Node], asked: Node | None) -> Home:
        """From find_people's home regions (`asked` the region the seeker named)."""
        near = {r: n for r, n in home.items() if n.get("level") != "land"}
        gemeenten = sorted((n for n in near.values() if n.get("level") == "gemeente"), key=_id)
        smallest = asked or (gemeenten[0] if gemeenten else None)
        if smallest is None and near:
            smallest = min(near.values(), key=_id)
        found = distance.centres(store, [smallest]) if smallest else {}
        centre = found.get(smallest.id) if smallest else None
        gemeente = smallest if smallest and smallest.get("level") == "gemeente" else None
        return cls(near, smallest, centre, gemeente or (gemeenten[0] if gemeenten else None))

    @property
    def named(self) -> bool:
        return bool(self.near)

    def find_local(self, store: Store, candidates: Collection[str]) -> set[str]:
        """The candidates in one of the seeker's regions (or a region inside one)."""
        if not self.near or not candidates:
            return set()
        inside = {w.end for w in store.follow(list(self.near), [INSIDE])}
        walks = store.follow_many(places.direct_requests(frozenset(candidates), inside))
        return {w.start for ws in walks for w in ws}

    def words(self, lang: str) -> str:
        """The seeker's place and its province: "Leeuwarden of Fryslân"."""
        if self.centre_region is None:
            return ""
        names = [self.centre_region.name]
        provinces = [n for n in self.near.values() if n.get("level") == "provincie"]
        names += [p.name for p in sorted(provinces, key=_id) if p.id != self.centre_region.id]
        return (" or " if lang == "en" else " of ").join(dict.fromkeys(names))

    def nearest(self, store: Store, actor_ids: Collection[str]) -> dict[str, Nearest]:
        """Per actor with a known place, the nearest of its regions to the seeker:
        its gemeenten when it has any, else its other regions (never the country)."""
        if self.centre is None or not actor_ids:
            return {}
        if indexes_every_actor(store):
            regions, options = _graph_places(store)
        else:
            placement = places.place(store, actor_ids)
            regions = _Regions.among(store, placement.regions.values())
            options = regions.options(_ways(placement))
        kms: dict[str, float] = {}  # per region once: actors share their regions
        found = {}
        for actor in actor_ids:
            if near := options.get(actor):
                found[actor] = self._nearest_of(near, regions, kms)
        return found

    def _nearest_of(self, options: list[Way], regions: _Regions, kms: dict[str, float]) -> Nearest:
        for region, *_ in options:
            if region not in kms:
                kms[region] = distance.km(self.centre, regions.centre[region])
        # most actors are in one place: then it is the nearest
        best = options[0] if len(options) == 1 else min(options, key=lambda o: (kms[o[0]], o[0]))
        region, verified, via = best
        return Nearest(region, regions.name[region], round(kms[region], 1), verified, via)


Way = tuple[str, str, str | None]  # a region an actor is in: (region, verified, via)


@dataclass(frozen=True)
class _Regions:
    """Each region's level, name and centre (none for the country: it is never near)."""

    level: dict[str, str]
    name: dict[str, str]
    centre: dict[str, distance.Point]

    @classmethod
    def among(cls, store: Store, regions: Collection[Node]) -> _Regions:
        """The table of `regions`."""
        level = {r.id: str(r.get("level", "")) for r in regions}
        centres = distance.centres(store, [r for r in regions if level[r.id] != "land"])
        return cls(level, {r.id: r.name for r in regions}, centres)

    def options(self, ways: Mapping[str, list[Way]]) -> dict[str, list[Way]]:
        """Per actor of `ways` with a region that has a centre, the regions it may be
        nearest in: its gemeenten when it has any, else those others."""
        found = {}
        for actor, where in ways.items():
            known = [way for way in where if way[0] in self.centre]
            gemeenten = [way for way in known if self.level[way[0]] == "gemeente"]
            if known:
                found[actor] = gemeenten or known
        return found


def _ways(placement: places.Placement) -> dict[str, list[Way]]:
    return {
        a: [(p.region, p.verified, p.via) for p in at.values()] for a, at in placement.of.items()
    }


def every_place(store: Store) -> tuple[dict[str, distance.Point], dict[str, list[Way]]]:
    """The centre of every region that has one, and per actor the regions it may be
    nearest in (as `Home.nearest` measures them); kept by the read model, which places
    every actor (`Store.placed`).

    Examples
    --------
    >>> import graphmodel as gm
    >>> from graphmodel.readmodel import Snapshot
    >>> centres, options = every_place(Snapshot.of(gm.open().store))
    >>> [region for region, *_ in options["org:windesheim"]]
    ['region:GM0193']
    """
    regions, options = _graph_places(store)
    return regions.centre, options


def _graph_places(store: Store) -> tuple[_Regions, dict[str, list[Way]]]:
    """Every region's table and every actor's options (`every_place`), kept per graph."""

    def work_out() -> tuple[_Regions, dict[str, list[Way]]]:
        regions = _Regions.among(store, store.nodes_of("Region"))
        every = [n.id for kind in schema.ACTOR_KINDS for n in store.nodes_of(kind)]
        return regions, regions.options(store.placed(every) or {})

    return store.remember("nearness-places", None, work_out)


def place_of(nearest: Nearest | None) -> tuple[float | None, str]:
    """The distance_km and place columns of a result."""
    return (nearest.km, nearest.name) if nearest else (None, "")


def _id(node: Node) -> str:
    return node.id
