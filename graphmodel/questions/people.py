"""Find the right people: "Hoe vind ik de juiste mensen?"

A seeker names the topics they work on, and optionally where (a gemeente, COROP region,
onderwijsregio or province), their sector and their organisation. Every person and
organisation with evidence of working on one of those topics is scored:

score = topic + region + network + sector, each weighted (`Weights`), where

- **topic**: per asked topic, the best evidence (own WORKS_ON beats one through a group;
  the exact topic beats a narrower one, which beats the broader one), times the topic's
  rarity ``1 / log2(1 + n)`` for the n candidates that have it: a rare topic counts more.
  Asked topics add up, so a shared topic more never lowers a score.
- **region**: the smallest region seeker and candidate share: same gemeente beats same
  COROP region or onderwijsregio, which beats same province, which beats being national.
- **network**: the networks, partnerships, alliances and projects the candidate shares
  with the seeker's organisation (at most `max_shared_networks` count).
- **sector**: the candidate works in the asked sector. Candidates whose known sectors
  all differ from it are left out; those without a known sector stay.

Every piece of evidence is multiplied by its decay (`Weights.decay`): 1 while its least
recently checked fact is at most `fresh_for_days` old, then halving every
`half_life_days`. Ties are broken by id. Each result carries its reasons (words and
data) and an introduction route from the seeker's organisation, or else from the
seeker's region.

Each part of a score is a small class (`_TopicPoints`, `_RegionPoints`, `_NetworkPoints`,
`_SectorPoints`): its points, what they rest on, the nodes it names and its reason in
words. A new part is one more such class, and the place in `_Scoring` that gives it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

import pandas as pd

from graphmodel import schema
from graphmodel.errors import GraphModelError
from graphmodel.model import Node, Step, Walk
from graphmodel.questions import places, proximity, topics
from graphmodel.stores.evidence import Evidence
from graphmodel.stores.routes import ROUTE_MAX_HOPS

if TYPE_CHECKING:
    from graphmodel.stores.base import Request, Store

__all__ = ["DEFAULT_WEIGHTS", "Reason", "Seeker", "Weights", "find_people", "route_frame"]

CANDIDATES = ("Person", "Organisation")
COLUMNS = [
    "rank",
    "id",
    "kind",
    "name",
    "score",
    "topic_score",
    "region_score",
    "network_score",
    "sector_score",
    "why",
    "reasons",
    "route",
    "route_text",
]


@dataclass(frozen=True)
class Weights:
    """How find_people weighs its evidence; every default is a judgement, stated here.

    The topic is what the seeker came for, so it weighs most; a region shared helps
    arrange a meeting; a shared network gives an introduction; the sector is a light
    preference (mismatches are filtered out, not scored down).
    """

    topic: float = 1.0
    region: float = 0.6
    network: float = 0.4
    sector: float = 0.2
    # how an actor's topic relates to the asked one, and how it got it
    narrower: float = 0.8
    broader: float = 0.5
    through_group: float = 0.5
    # the smallest shared region
    gemeente: float = 1.0
    subregion: float = 0.6  # COROP region, onderwijsregio, RAP region
    provincie: float = 0.3
    national: float = 0.1
    # how points decay with the age of a fact (`decay`)
    fresh_for_days: int = 365
    half_life_days: int = 730
    max_shared_networks: int = 3

    def __post_init__(self) -> None:
        """Points only add up: the search for the top (graphmodel.questions.proximity) relies on a
        region never taking any away."""
        negative = [name for name, value in vars(self).items() if value < 0]
        if negative:
            raise GraphModelError(f"weights cannot be negative: {', '.join(negative)}")

    def level(self, level: str) -> float:
        return {"gemeente": self.gemeente, "provincie": self.provincie, "land": self.national}.get(
            level, self.subregion
        )

    def fresh_since(self, today: date) -> str:
        """The first day whose checks still count as fully fresh today (ISO date)."""
        return (today - timedelta(days=self.fresh_for_days)).isoformat()

    def decay(self, verified: str, today: date) -> float:
        """How much of its points a fact keeps at its age: 1 for a recently checked fact,
        halving every half-life after the grace."""
        try:
            age = (today - date.fromisoformat(verified)).days
        except ValueError:  # no date at all: as old as can be
            return 0.0
        overdue = max(0, age - self.fresh_for_days)
        return 0.5 ** (overdue / self.half_life_days)


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Reason:
    """One reason why a result is there: words (`text`) and data (the rest)."""

    type: str  # "topic", "region", "network" or "sector"
    score: float
    subject: str  # id of the topic, region or group; the sector itself
    subject_name: str
    text: str
    via: str | None = None  # the group or organisation the evidence goes through
    verified: str = ""


@dataclass
class Seeker:
    """Who is looking: topics (resolved to nodes), and optionally region, sector, org."""

    topics: list[Node]
    region: Node | None = None
    sector: str | None = None
    organisation: Node | None = None

    @classmethod
    def resolve(
        cls,
        store: Store,
        topic_names: Sequence[str],
        region: str | None,
        sector: str | None,
        from_org: str | None,
    ) -> Seeker:
        """Turn what a user typed (ids or names) into nodes; GraphModelError if unknown."""
        if isinstance(topic_names, str):
            topic_names = [topic_names]
        if not topic_names:
            raise GraphModelError("name at least one topic")
        if sector and sector not in schema.SECTORS:
            raise GraphModelError(f"unknown sector {sector!r}; choose from {schema.SECTORS}")
        resolve = topics.Resolver(store, [*topic_names, region or "", from_org or ""])
        found = [resolve(t, "Topic") for t in topic_names]
        return cls(
            topics=list({t.id: t for t in found}.values()),
            region=resolve(region, "Region") if region else None,
            sector=sector or None,
            organisation=resolve(from_org, "Organisation") if from_org else None,
        )

    @property
    def origin(self) -> Node | None:
        """Where introduction routes start: the organisation, else the region."""
        return self.organisation or self.region


def find_people(
    store: Store, seeker: Seeker, limit: int, weights: Weights, today: date, lang: str
) -> pd.DataFrame:
    """Ranked people and organisations for `seeker` (columns: COLUMNS)."""
    if limit < 1:
        raise GraphModelError(f"limit must be at least 1, not {limit}")
    scoring = _Scoring(store, seeker, weights, today, lang)
    results = scoring.rank(limit)
    routes = _routes(store, seeker, [r.id for r in results])
    on_routes = {n for walk in routes.values() for n in walk.nodes}
    known = {n: scoring.facts.name(n) for n in on_routes & scoring.facts.nodes.keys()}
    names = known | _names_of(store, on_routes - known.keys())
    rows = [
        {
            "rank": i,
            "id": r.id,
            "kind": r.node.kind,
            "name": r.node.name,
            "score": round(r.total, 4),
            **{f"{part}_score": round(r.parts[part], 4) for part in _PARTS},
            "why": "; ".join(reason.text for reason in r.reasons),
            "reasons": [asdict(reason) for reason in r.reasons],
            "route": list(routes[r.id].nodes) if r.id in routes else [],
            "route_text": _route_text(routes.get(r.id), names, lang),
        }
        for i, r in enumerate(results, start=1)
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


# --- the parts of a score: each says what it rests on, names and how it reads --------


@dataclass(frozen=True)
class _TopicPoints:
    """Points for working on an asked topic, on one piece of evidence."""

    score: float
    evidence: Evidence
    part: ClassVar[str] = "topic"

    def named(self) -> set[str]:
        return {n for n in (self.evidence.topic, self.evidence.via) if n}

    def reason(self, facts: _Facts, lang: str) -> Reason:
        item = self.evidence
        topic = facts.name(item.topic)
        text = _say(lang, f"topic-{item.match}", topic, facts.name(item.via))
        return Reason("topic", self.score, item.topic, topic, text, item.via, item.verified)


@dataclass(frozen=True)
class _RegionPoints:
    """Points for the smallest region shared with the seeker."""

    score: float
    place: places.Place
    part: ClassVar[str] = "region"

    def named(self) -> set[str]:
        return {self.place.via} if self.place.via else set()

    def reason(self, facts: _Facts, lang: str) -> Reason:
        where = self.place
        region = facts.home[where.region]
        level = str(region.get("level"))
        phrase = level if level in ("gemeente", "provincie", "land") else "subregion"
        text = _say(lang, f"region-{phrase}", region.name, facts.name(where.via))
        return Reason("region", self.score, region.id, region.name, text, where.via, where.verified)


@dataclass(frozen=True)
class _NetworkPoints:
    """Points for a group shared with the seeker's organisation."""

    score: float
    group: str
    verified: str
    part: ClassVar[str] = "network"

    def named(self) -> set[str]:
        return {self.group}

    def reason(self, facts: _Facts, lang: str) -> Reason:
        name = facts.name(self.group)
        text = _say(lang, "network", name)
        return Reason("network", self.score, self.group, name, text, None, self.verified)


@dataclass(frozen=True)
class _SectorPoints:
    """Points for working in the asked sector."""

    score: float
    sector: str
    part: ClassVar[str] = "sector"

    def named(self) -> set[str]:
        return set()

    def reason(self, facts: _Facts, lang: str) -> Reason:
        return Reason("sector", self.score, self.sector, "", _say(lang, "sector", self.sector))


_Points = _TopicPoints | _RegionPoints | _NetworkPoints | _SectorPoints
_PARTS = tuple(kind.part for kind in (_TopicPoints, _RegionPoints, _NetworkPoints, _SectorPoints))


@dataclass
class _Result:
    node: Node
    reasons: list[Reason]

    @property
    def id(self) -> str:
        return self.node.id

    @property
    def parts(self) -> dict[str, float]:
        return {p: sum((r.score for r in self.reasons if r.type == p), 0.0) for p in _PARTS}

    @property
    def total(self) -> float:
        return sum(r.score for r in self.reasons)


@dataclass
class _Facts:
    """What the scoring needs besides the places (see `_gather`)."""

    evidence: list[Evidence]
    candidates: list[str]
    home: dict[str, Node]
    ours: dict[str, str]  # the seeker's organisation's groups -> verified
    memberships: dict[str, dict[str, str]]  # candidate -> group shared -> verified
    sectors: dict[str, set[str]]
    nodes: dict[str, Node]

    def name(self, node_id: str | None) -> str:
        return self.nodes[node_id].name if node_id in self.nodes else ""

    def learn(self, store: Store, node_ids: set[str]) -> None:
        """Fetch the nodes not known yet (the results and what their reasons name)."""
        self.nodes |= {n.id: n for n in store.nodes(node_ids - self.nodes.keys())}


def _gather(store: Store, seeker: Seeker, fresh_since: str) -> _Facts:
    """The topic evidence (only the best of each kind, see `evidence.best_evidence`),
    what the seeker brings (home regions, groups), then for the candidates the groups
    they share with the seeker's organisation (walked from those few groups) and, with a
    sector asked, their sectors. Where the candidates are is found later, only as far as
    the ranking needs (`graphmodel.questions.proximity`)."""
    own = seeker.organisation.id if seeker.organisation else None
    asked = [t.id for t in seeker.topics]
    found = store.topic_evidence(asked, CANDIDATES, broader=True, fresh_since=fresh_since)
    first = _Requests()
    at_home = first.add(_home_requests(seeker))
    at_ours = first.add(_membership_requests([own]) if own else [])
    brought = store.follow_many(first.all)
    candidates = sorted({e.actor for e in found} - {own})
    home = {n.id: n for n in store.nodes(places.ends(brought[at_home]))}
    ours = _memberships(brought[at_ours]).get(own or "", {})
    then = _Requests()
    at_groups = then.add(_membership_requests(candidates, ours.keys()))
    at_sectors = then.add(_sector_requests(seeker, candidates))
    walks = store.follow_many(then.all)
    return _Facts(
        evidence=found,
        candidates=candidates,
        home=home,
        ours=ours,
        memberships=_memberships(walks[at_groups]),
        sectors=_sectors(store, seeker, candidates, walks[at_sectors]),
        nodes=dict(home),
    )


class _Requests:
    """Walks to ask the store for in one round trip, and where each caller's lie."""

    def __init__(self) -> None:
        self.all: list[Request] = []

    def add(self, requests: list[Request]) -> slice:
        start = len(self.all)
        self.all += requests
        return slice(start, len(self.all))


AFFILIATION = Step(("AFFILIATED_WITH", "LEADS"), "out")
JOINS = Step(("MEMBER_OF", "AFFILIATED_WITH", "LEADS"), "out", schema.JOINED_KINDS)


def _home_requests(seeker: Seeker) -> list[Request]:
    """The seeker's region and every larger one, else its organisation's regions and
    every larger one; the country included: national actors serve every region."""
    if seeker.region:
        return [places.larger_request([seeker.region.id])]
    if seeker.organisation:
        return places.home_requests([seeker.organisation.id])
    return []


def _membership_requests(
    actor_ids: list[str], groups: Collection[str] | None = None
) -> list[Request]:
    """The groups an actor belongs to itself, and those of its organisation (only
    `groups`, when given)."""
    if groups is not None and not groups:
        return []
    at_organisation = Step(("AFFILIATED_WITH",), "out", ("Organisation",))
    joins = replace(JOINS, end_ids=frozenset(groups or ()))
    return [(actor_ids, [joins]), (actor_ids, [at_organisation, joins])]


def _memberships(walk_lists: list[list[Walk]]) -> dict[str, dict[str, str]]:
    """Per actor, its groups with the verified date of the freshest evidence."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for walk in (w for walks in walk_lists for w in walks):
        verified = walk.oldest_verified()
        if found[walk.start].get(walk.end, "") < verified:
            found[walk.start][walk.end] = verified
    return found


def _sector_requests(seeker: Seeker, candidates: list[str]) -> list[Request]:
    """With a sector asked: what the people among the candidates belong to."""
    if not seeker.sector:
        return []
    return [([c for c in candidates if schema.kind_of_id(c).name == "Person"], [AFFILIATION])]


def _sectors(
    store: Store, seeker: Seeker, candidates: list[str], walk_lists: list[list[Walk]]
) -> dict[str, set[str]]:
    """With a sector asked, each candidate's sectors: its own, and for a person those
    of what they belong to."""
    if not seeker.sector:
        return {}
    nodes = {n.id: n for n in store.nodes(set(candidates) | places.ends(walk_lists))}
    sectors = {c: set(nodes[c].get("sectors", ())) for c in candidates}
    for walk in (w for walks in walk_lists for w in walks):
        sectors[walk.start] |= set(nodes[walk.end].get("sectors", ()))
    return sectors


class _Scoring:
    """Scores every candidate on the gathered facts (numbers only, no store calls), then
    puts the reasons into words for the best."""

    def __init__(
        self, store: Store, seeker: Seeker, weights: Weights, today: date, lang: str
    ) -> None:
        self.store, self.seeker, self.weights = store, seeker, weights
        self.today, self.lang = today, lang
        self.facts = _gather(store, seeker, weights.fresh_since(today))
        self._decay: dict[str, float] = {}
        self._region_scores: dict[tuple[str, str], float] = {}

    def rank(self, limit: int) -> list[_Result]:
        """The best `limit` candidates: topic, network and sector points for all, then
        the regions from the smallest out until the top is decided (see
        `graphmodel.questions.proximity`)."""
        parts = self._parts_besides_region()
        known = proximity.Known({a: sum(p.score for p in found) for a, found in parts.items()})
        home = self.facts.home
        tiers = proximity.Tiers.of(home, self._level_score)
        placement, unsearched = proximity.place_in_tiers(
            self.store, home, tiers, known, self._region_score, limit
        )
        best = self._top(known, placement, limit)
        if unsearched:  # the top might still gain from a region not searched
            proximity.complete(self.store, home, best, placement)
            best = self._top(proximity.Known({a: known.points[a] for a in best}), placement, limit)
        results = {a: _with_region(parts[a], self._best_place(placement, a)) for a in best}
        named = {n for found in results.values() for points in found for n in points.named()}
        self.facts.learn(self.store, named | set(best))
        return [
            _Result(self.facts.nodes[a], [p.reason(self.facts, self.lang) for p in found])
            for a, found in results.items()
        ]

    def _parts_besides_region(self) -> dict[str, list[_Points]]:
        """Per candidate left after the sector filter, its topic, network and sector
        points, each with what it rests on."""
        parts: dict[str, list[_Points]] = defaultdict(list)
        for by_actor in self._topic_evidence().values():
            for actor, (score, item) in by_actor.items():
                parts[actor].append(_TopicPoints(score, item))
        for actor in self.facts.memberships:
            parts[actor] += self._shared_groups(actor)
        if sector := self.seeker.sector:
            for actor in list(parts):
                sectors = self.facts.sectors.get(actor, set())
                if sector in sectors:
                    parts[actor].append(_SectorPoints(self.weights.sector, sector))
                elif sectors:
                    del parts[actor]
        return dict(parts)

    def _top(self, known: proximity.Known, placement: places.Placement, limit: int) -> list[str]:
        """The best `limit` candidates, highest score first, ties by id."""
        region = proximity.region_points(placement, self._region_score)
        return known.contenders(region, limit)[:limit]

    def decay(self, verified: str) -> float:
        """`Weights.decay` today, worked out once per date."""
        if verified not in self._decay:
            self._decay[verified] = self.weights.decay(verified, self.today)
        return self._decay[verified]

    # --- topics -----------------------------------------------------------------------

    def _topic_evidence(self) -> dict[str, dict[str, tuple[float, Evidence]]]:
        """Per asked topic, per candidate, the best evidence and its score, scaled by the
        topic's rarity."""
        best: dict[str, dict[str, tuple[float, Evidence]]] = {t.id: {} for t in self.seeker.topics}
        candidates = set(self.facts.candidates)
        for item in self.facts.evidence:
            if item.actor in candidates:
                score = self._topic_strength(item)
                old = best[item.asked].get(item.actor)
                if old is None or _better_evidence(score, item, *old):
                    best[item.asked][item.actor] = (score, item)
        for by_actor in best.values():
            factor = self.weights.topic / math.log2(1 + len(by_actor)) if by_actor else 0.0
            for actor, (score, item) in by_actor.items():
                by_actor[actor] = (score * factor, item)
        return best

    def _topic_strength(self, item: Evidence) -> float:
        w = self.weights
        strength = {"exact": 1.0, "narrower": w.narrower, "broader": w.broader}[item.match]
        if item.via:
            strength *= w.through_group
        return strength * self.decay(item.verified)

    # --- regions, networks -----------------------------------------------------------

    def _best_place(self, placement: places.Placement, actor: str) -> _RegionPoints | None:
        """The region shared with the seeker that gives the most points, if any."""
        found = placement.of.get(actor, {})
        shared = [_RegionPoints(self._region_score(p), p) for p in found.values()]
        return min(shared, key=lambda points: (-points.score, points.place.region), default=None)

    def _level_score(self, level: str) -> float:
        """The most a region of `level` gives (a fresh link)."""
        return self.weights.region * self.weights.level(level)

    def _region_score(self, where: places.Place) -> float:
        key = (where.region, where.verified)
        if key not in self._region_scores:  # asked for every placed candidate, every tier
            level = str(self.facts.home[where.region].get("level"))
            self._region_scores[key] = self._level_score(level) * self.decay(where.verified)
        return self._region_scores[key]

    def _shared_groups(self, actor: str) -> list[_NetworkPoints]:
        """The groups the candidate shares with the seeker's organisation, best first."""
        ours = self.facts.ours
        theirs = self.facts.memberships.get(actor, {})
        shared = [
            _NetworkPoints(self.weights.network * self.decay(theirs[g]), g, theirs[g])
            for g in theirs.keys() & ours.keys()
        ]
        shared.sort(key=lambda points: (-points.score, points.group))
        return shared[: self.weights.max_shared_networks]


def _with_region(parts: list[_Points], region: _RegionPoints | None) -> list[_Points]:
    """The parts in the order their reasons are read: topics, the region, the rest."""
    if region is None:
        return parts
    topics_end = sum(1 for p in parts if p.part == "topic")
    return [*parts[:topics_end], region, *parts[topics_end:]]


def _better_evidence(score: float, item: Evidence, old_score: float, old: Evidence) -> bool:
    """Higher score first; equal ones by topic and group id, so every store agrees."""
    return (-score, item.topic, item.via or "") < (-old_score, old.topic, old.via or "")


def _names_of(store: Store, ids: set[str]) -> dict[str, str]:
    return {n.id: n.name for n in store.nodes(ids)}


# --- introduction routes ------------------------------------------------------------------


def _routes(store: Store, seeker: Seeker, targets: list[str]) -> dict[str, Walk]:
    origin = seeker.origin
    return store.shortest_walks(origin.id, targets) if origin and targets else {}


def _route_text(walk: Walk | None, names: dict[str, str], lang: str) -> str:
    """ "A → lid van → B ← gevestigd in ← C": arrows in the direction of each fact."""
    if walk is None:
        return ""
    parts = [names[walk.start]]
    for here, rel in zip(walk.nodes[1:], walk.relationships, strict=True):
        label = _relationship_label(rel.type, lang)
        forward = rel.end == here
        parts.append(f"→ {label} → {names[here]}" if forward else f"← {label} ← {names[here]}")
    return " ".join(parts)


def _relationship_label(rel_type: str, lang: str) -> str:
    definition = schema.relationship_type(rel_type)
    return definition.label_en if lang == "en" else definition.label_nl


def route_frame(store: Store, a: str, b: str, max_hops: int = ROUTE_MAX_HOPS) -> pd.DataFrame:
    """One row per relationship of the route from `a` to `b` (ids or names)."""
    start, end = (_any_node(store, x) for x in (a, b))
    walk = store.shortest_walks(start.id, [end.id], max_hops).get(end.id)
    columns = ["step", "from_id", "from", "relationship", "to_id", "to", "source", "verified"]
    if walk is None:
        return pd.DataFrame(columns=columns)
    names = _names_of(store, set(walk.nodes))
    rows = [
        {
            "step": i,
            "from_id": rel.start,
            "from": names[rel.start],
            "relationship": rel.type,
            "to_id": rel.end,
            "to": names[rel.end],
            "source": rel.get("source", ""),
            "verified": rel.get("verified", ""),
        }
        for i, rel in enumerate(walk.relationships, start=1)
    ]
    return pd.DataFrame(rows, columns=columns)


def _any_node(store: Store, text: str) -> Node:
    found = store.nodes([text])
    if found:
        return found[0]
    hits = store.search_names(text, limit=1)
    if not hits:
        raise GraphModelError(f"nothing matches {text!r}")
    return hits[0].node


# --- words ----------------------------------------------------------------------------

PHRASES = {
    "topic-exact": ("werkt aan {0}", "works on {0}"),
    "topic-narrower": ("werkt aan {0} (nauwer onderwerp)", "works on {0} (a narrower topic)"),
    "topic-broader": ("werkt aan {0} (breder onderwerp)", "works on {0} (a broader topic)"),
    "region-gemeente": ("zelfde gemeente: {0}", "same gemeente: {0}"),
    "region-subregion": ("zelfde regio: {0}", "same region: {0}"),
    "region-provincie": ("zelfde provincie: {0}", "same province: {0}"),
    "region-land": ("landelijk actief", "active nationally"),
    "network": ("samen in {0}", "both in {0}"),
    "sector": ("sector {0}", "sector {0}"),
}
THROUGH = (" via {0}", " through {0}")


def _say(lang: str, phrase: str, subject: str, via: str = "") -> str:
    """A reason in words, Dutch unless `lang` is "en", with "via X" when it goes through X."""
    choice = 1 if lang == "en" else 0
    text = PHRASES[phrase][choice].format(subject)
    return text + THROUGH[choice].format(via) if via else text
