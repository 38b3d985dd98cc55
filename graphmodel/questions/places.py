"""Where an actor is: the regions it is located or active in, and the regions those lie in.

An organisation is LOCATED_IN a gemeente or a MEMBER_OF an onderwijsregio; a partnership,
alliance, network or project is ACTIVE_IN regions; a person is where the organisations
and groups they belong to are, and a research group where its host is. From there the
region hierarchy (Region PART_OF Region) adds the COROP region, onderwijsregio and
province. The country is never reached that way (every gemeente lies in it); an actor is
national only when it, or a group it belongs to, is ACTIVE_IN the country itself.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple

from graphmodel import schema
from graphmodel.model import Node, Step, Walk
from graphmodel.schema import ACTOR_KINDS, BELONGING, IN_REGION

if TYPE_CHECKING:
    from graphmodel.stores.base import Request, Store

__all__ = [
    "LEVELS",
    "Place",
    "Placement",
    "direct_requests",
    "ends",
    "gemeenten",
    "home_requests",
    "larger_request",
    "place",
    "read",
    "read_within",
]

LEVELS = tuple(level for level in schema.REGION_LEVELS if level != "land")  # to count at

HIERARCHY_DEPTH = 4  # gemeente < COROP < province, with room for onderwijsregio's
TO_REGION = Step(IN_REGION, "out", ("Region",))
LARGER = Step(("PART_OF",), "out", ("Region",), min_hops=0, max_hops=HIERARCHY_DEPTH)
# The ways from an actor to its regions and the regions those lie in: directly, through
# what it belongs to, and for people in research groups and networks through the host.
WAYS = (
    (TO_REGION,),
    (Step(BELONGING, "out", tuple(k for k in ACTOR_KINDS if k != "Person")), TO_REGION),
    (
        Step(schema.AFFILIATION, "out", ("ResearchGroup", "Network")),
        Step(("HOSTED_BY",), "out", ("Organisation",)),
        TO_REGION,
    ),
)


class Place(NamedTuple):
    """That an actor is in `region`, and on what evidence (a named tuple: find_people
    makes a hundred or more per question, as it does of `nearness.Nearest` and
    `introductions.Reach`, and a frozen dataclass takes twice as long to make)."""

    region: str
    verified: str  # of the least recently checked fact on the way
    via: str | None  # the organisation or group through which the actor is there


@dataclass
class Placement:
    """Where each of a set of actors is, and the regions involved (by id)."""

    of: dict[str, dict[str, Place]]
    regions: dict[str, Node]

    def level(self, region_id: str) -> str:
        return str(self.regions[region_id].get("level", ""))

    def add(self, other: Placement) -> None:
        """Take in where `other` places its actors, keeping the best evidence."""
        for actor, found in other.of.items():
            mine = self.of.setdefault(actor, {})
            for place in found.values():
                _keep(mine, place)
        self.regions.update(other.regions)


def place(store: Store, actor_ids: Collection[str]) -> Placement:
    """Where the actors are, with every larger region their regions lie in (three round
    trips; none where the store keeps every actor's regions, `Store.placed`)."""
    if (placed := store.placed(actor_ids)) is not None:
        found = {a: {r: Place(r, *way) for r, *way in placed.get(a, ())} for a in actor_ids}
        used = {r for where in found.values() for r in where}
        return Placement(found, {n.id: n for n in store.nodes(used)})
    direct = store.follow_many(_requests(actor_ids))
    larger = store.follow(*larger_request(ends(direct)))
    regions = {n.id: n for n in store.nodes(ends(direct) | ends([larger]))}
    return read(actor_ids, direct, larger, regions)


def _requests(actor_ids: Collection[str]) -> list[Request]:
    """The walks from actors to the regions they are directly in (batch them at will)."""
    return [(list(actor_ids), list(way)) for way in WAYS]


def larger_request(region_ids: Collection[str]) -> Request:
    """The walks from regions to themselves and every larger region they lie in: asked
    once per region, not once per actor."""
    return (list(region_ids), [LARGER])


def home_requests(actor_ids: Collection[str]) -> list[Request]:
    """The walks from a few actors to every region they are in and every larger one,
    the country through the hierarchy included: as a seeker's home needs it (for a
    candidate, `read_within` keeps the country only where it is active itself)."""
    return [(list(actor_ids), [*way, LARGER]) for way in WAYS]


def direct_requests(actor_ids: Collection[str], region_ids: Collection[str]) -> list[Request]:
    """The walks from actors to those of `region_ids` they are directly in (the ends
    fixed, so a store may walk them from the few regions rather than the many actors).
    No regions, no walks (a step without end ids would end anywhere)."""
    if not region_ids:
        return []
    to_these = replace(TO_REGION, end_ids=frozenset(region_ids))
    return [(actor_ids, [*way[:-1], to_these]) for way in WAYS]


def ends(walk_lists: list[list[Walk]]) -> set[str]:
    return {walk.end for walks in walk_lists for walk in walks}


def read(
    actor_ids: Collection[str],
    direct: list[list[Walk]],
    larger: list[Walk],
    regions: Mapping[str, Node],
) -> Placement:
    """A Placement from `direct` walks (actor to region: `place`, `direct_requests`) and
    `larger` walks (region to a larger one, or to itself: `larger_request`), in the
    regions the larger walks end at; `regions` holds at least those."""
    above: dict[str, list[tuple[str, str | None]]] = {}  # region -> (larger, verified)
    for walk in larger:
        if not _country_by_hierarchy(walk, regions):
            checked = walk.oldest_verified() if walk.relationships else None
            above.setdefault(walk.start, []).append((walk.end, checked))
    placed: dict[str, dict[str, Place]] = {a: {} for a in actor_ids}
    for walk in (w for walks in direct for w in walks):
        via, verified = _via(walk), walk.oldest_verified()
        for region, checked in above.get(walk.end, ()):
            oldest = verified if checked is None else min(verified, checked)
            _keep(placed[walk.start], Place(region, oldest, via))
    used = {r for found in placed.values() for r in found}
    return Placement(placed, {r: regions[r] for r in used})


def read_within(
    actor_ids: Collection[str], walk_lists: list[list[Walk]], regions: Mapping[str, Node]
) -> Placement:
    """A Placement from the walks of `home_requests`, in `regions` only, and in the
    country only where an actor is active in it itself."""
    placed: dict[str, dict[str, Place]] = {a: {} for a in actor_ids}
    for walk in (w for walks in walk_lists for w in walks):
        if walk.end in regions and not _country_by_hierarchy(walk, regions):
            _keep(placed[walk.start], Place(walk.end, walk.oldest_verified(), _via(walk)))
    used = {r for found in placed.values() for r in found}
    return Placement(placed, {r: regions[r] for r in used})


def _via(walk: Walk) -> str | None:
    """The organisation or group the walk from an actor to a region goes through."""
    return walk.nodes[1] if schema.kind_of_id(walk.nodes[1]).name != "Region" else None


def _country_by_hierarchy(walk: Walk, regions: Mapping[str, Node]) -> bool:
    """Whether the walk reaches the country only because a region lies in it."""
    last = walk.relationships[-1] if walk.relationships else None
    return last is not None and last.type == "PART_OF" and regions[walk.end].get("level") == "land"


def _keep(places: dict[str, Place], new: Place) -> None:
    """Keep the best evidence per region: direct before indirect, then the freshest,
    then (for the same answer on every store) the smallest id of the way."""
    old = places.get(new.region)
    if old is None or _better(new, old):
        places[new.region] = new


def _better(new: Place, old: Place) -> bool:
    if (new.via is None) != (old.via is None):
        return new.via is None
    if new.verified != old.verified:
        return new.verified > old.verified
    return (new.via or "") < (old.via or "")


def gemeenten(store: Store, level: str) -> dict[str, list[Node]]:
    """The gemeenten inside each region of `level` (through the region hierarchy), by
    region id; a region whose gemeenten are not loaded is left out. Maps draw a region
    of any level as its gemeenten."""
    regions = store.nodes_of("Region", {"level": level})
    if level == "gemeente":
        return {r.id: [r] for r in regions}
    inside = Step(("PART_OF",), "in", ("Region",), max_hops=HIERARCHY_DEPTH)
    walks = store.follow([r.id for r in regions], [inside])
    parts = {n.id: n for n in store.nodes({w.end for w in walks})}
    found: dict[str, dict[str, Node]] = {}
    for walk in walks:
        part = parts[walk.end]
        if part.get("level") == "gemeente":
            found.setdefault(walk.start, {})[part.id] = part
    return {
        r.id: sorted(found[r.id].values(), key=lambda n: n.id) for r in regions if r.id in found
    }
