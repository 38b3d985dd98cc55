"""Find the right people: "Hoe vind ik de juiste mensen?"

A seeker names the topics they work on, and optionally where (a gemeente, COROP region,
onderwijsregio or province, by name or CBS code), their sector and their organisation.
The answer comes in three families, each ranked on its own (`FAMILIES`): **people**;
**groups** to join or contact (networks, lectoraten and other research groups,
partnerships, alliances, projects); and **organisations**. Every actor with evidence of
working on one of the topics is scored:

score = topic + region + network + sector, each weighted (`Weights`), where

- **topic**: per asked topic, the best evidence: the actor's own WORKS_ON, or for people
  and organisations one of a group they lead, belong to or host (times
  ``through_group``); the exact topic beats a narrower one, which beats the broader one.
  An organisation's own topics do *not* count for its people: an organisation works on
  too much to say that each of its people does (a stated choice). Each piece of evidence
  is weighed by its **specificity**: the profile that holds the WORKS_ON (the actor, or
  the group it goes through) works on n topics, and earns ``1 / log2(1 + n)`` per topic
  (1 for one topic, 0.5 for three, 0.25 for fifteen), as an expert finder weighs a concept
  by how specific it is to a profile; so an umbrella body tied to every topic weighs
  less on each than a themagroep on its own. Then times the topic's rarity
  ``1 / log2(1 + m)`` for the m candidates that have it. Asked topics add up.
- **region**: the smallest region seeker and candidate share: same gemeente beats same
  COROP region or onderwijsregio, which beats same province, which beats being national.
  When nobody of a family is in any of the seeker's regions, the answer says so
  (`graphmodel.questions.nearness`), and each candidate with a known place earns
  ``region * subregion * 0.5 ** (km / nearby_half_km)`` for the distance between its
  nearest gemeente centre and the seeker's, so the nearest come before national ones.
- **network**: the networks, partnerships, alliances and projects the candidate shares
  with the seeker's organisation (at most `max_shared_networks` count).
- **sector**: the candidate, or for a person what they belong to, works in the asked
  sector. A preference, never a filter: those serving the sector from another stay.

Every piece of evidence is multiplied by its decay (`Weights.decay`): 1 while its least
recently checked fact is at most `fresh_for_days` old, then halving every
`half_life_days`. Ties are broken by id. Each result carries its reasons (words and
data), its distance, a public way to reach it and an introduction route
(`graphmodel.questions.introductions`).

Each part of a score is a small class (`_TopicPoints`, `_RegionPoints`, `_NearbyPoints`,
`_NetworkPoints`, `_SectorPoints`): its points, what they rest on, the nodes it names and
its reason in words. A new part is one more such class, and the place in `_Scoring` that
gives it (and, if every candidate surely has it, `_Scoring.sure_scores`).

What does not depend on who asks is worked out per asked topic and day
(`graphmodel.questions.topicfacts`), and kept by a store that does not change under its
questions (`Store.remember`, the read model). Over such a store, which also places every
actor at once, the candidates are bounded in arrays and only those that can make the top
are scored in full (`graphmodel.questions.shortlist`); over the others, every candidate
is (the reference).
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, ClassVar, TypedDict

import numpy as np
import pandas as pd

from graphmodel import schema
from graphmodel.errors import GraphModelError
from graphmodel.forum import is_forum_source
from graphmodel.model import Node, Step, Walk
from graphmodel.questions import introductions, nearness, places, proximity, shortlist, topics
from graphmodel.questions.region_names import resolve_region
from graphmodel.questions.topicfacts import (
    FAMILIES,
    Requests,
    TopicFacts,
    family_of,
    indexes_every_actor,
    own_days,
)
from graphmodel.questions.weighing import DEFAULT_WEIGHTS, Weights
from graphmodel.stores.evidence import ISO_DAY, Evidence
from graphmodel.stores.routes import ROUTE_MAX_HOPS

if TYPE_CHECKING:
    from graphmodel.stores.base import Request, Store

__all__ = [
    "DEFAULT_WEIGHTS",
    "FAMILIES",
    "Reason",
    "Seeker",
    "Weights",
    "family_of",
    "find_people",
    "prepare",
    "route_frame",
]

NEAREST_NAMED = 3  # the nearest named in the statement when nobody is near
COLUMNS = [
    "family",
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
    "distance_km",
    "place",
    "reach",
    "reach_url",
    "route",
    "route_from",
    "route_text",
]

_COLUMN_TYPES = {
    "rank": np.int64,
    **dict.fromkeys((c for c in COLUMNS if c.endswith("score")), np.float64),
    **dict.fromkeys(("reasons", "distance_km", "route"), object),
}  # the others are texts
_TEXT = pd.StringDtype("python", na_value=np.nan)  # pandas' "str", held as Python texts


class Reason(TypedDict):
    """One reason why a result is there: words (`text`) and data (the rest), as the
    reasons column holds it. A dict made once (`_reason`), not an object turned into a
    dict for the column: an answer makes a hundred."""

    type: str  # "topic", "region", "network" or "sector"
    score: float
    subject: str  # id of the topic, region or group; the sector itself
    subject_name: str
    text: str
    via: str | None  # the group or organisation the evidence goes through
    verified: str


def _reason(
    kind: str,
    score: float,
    subject: str,
    subject_name: str,
    text: str,
    via: str | None = None,
    verified: str = "",
) -> Reason:
    """A `Reason`, its keys in their order."""
    return {
        "type": kind,
        "score": score,
        "subject": subject,
        "subject_name": subject_name,
        "text": text,
        "via": via,
        "verified": verified,
    }


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
        """Turn what a user typed (ids, names, a region's CBS code) into nodes;
        GraphModelError if unknown."""
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
            region=resolve_region(store, region, resolve) if region else None,
            sector=sector or None,
            organisation=resolve(from_org, "Organisation") if from_org else None,
        )


def find_people(
    store: Store, seeker: Seeker, limit: int, weights: Weights, today: date, lang: str
) -> pd.DataFrame:
    """Ranked people, groups and organisations for `seeker`, at most `limit` of each
    family (columns: COLUMNS; ``attrs["found"]`` says per family what was found where,
    ``attrs["statement"]`` the same in one text)."""
    if limit < 1:
        raise GraphModelError(f"limit must be at least 1, not {limit}")
    scoring = _Scoring(store, seeker, weights, today, lang)
    ranked = {family: scoring.rank(limit, family) for family in FAMILIES}
    ids = [r.id for family in FAMILIES for r in ranked[family]]
    found = introductions.routes(store, seeker.organisation, scoring.home.gemeente, ids)
    nearest = scoring.nearest_of(ids)
    on_routes = {n for intro in found.values() for n in intro.walk.nodes}
    known = {n: scoring.facts.name(n) for n in on_routes & scoring.facts.nodes.keys()}
    names = known | _names_of(store, on_routes - known.keys())
    frame = _frame(_columns(ranked, found, nearest, names, scoring))
    statements = {family: scoring.statement(family, ranked[family]) for family in FAMILIES}
    frame.attrs["found"] = statements
    frame.attrs["statement"] = " ".join(statements.values())
    return frame


def _columns(
    ranked: dict[str, list[_Result]],
    found: dict[str, introductions.Introduction],
    nearest: dict[str, nearness.Nearest],
    names: dict[str, str],
    scoring: _Scoring,
) -> dict[str, list[object]]:
    """The answer's columns (COLUMNS), a value per result, each family's in rank order,
    the families in the order of FAMILIES."""
    lang = scoring.lang
    ranks = [(family, i) for family in FAMILIES for i in range(1, len(ranked[family]) + 1)]
    results = [r for family in FAMILIES for r in ranked[family]]
    intros = [found.get(r.id) for r in results]
    reaches = [introductions.reach(r.node, scoring.through(r), lang) for r in results]
    where = [nearness.place_of(nearest.get(r.id)) for r in results]
    return {
        "family": [family for family, _ in ranks],
        "rank": [i for _, i in ranks],
        "id": [r.id for r in results],
        "kind": [r.node.kind for r in results],
        "name": [r.node.name for r in results],
        "score": [round(r.total, 4) for r in results],
        **{f"{part}_score": [round(r.parts[part], 4) for r in results] for part in _PARTS},
        "why": ["; ".join(reason["text"] for reason in r.reasons) for r in results],
        "reasons": [r.reasons for r in results],  # made for the column
        "distance_km": [km for km, _ in where],
        "place": [place for _, place in where],
        "reach": [reach.text for reach in reaches],
        "reach_url": [reach.url for reach in reaches],
        "route": [list(intro.walk.nodes) if intro else [] for intro in intros],
        "route_from": [intro.start if intro else "" for intro in intros],
        "route_text": [intro.text(names, lang) if intro else "" for intro in intros],
    }


def _frame(columns: dict[str, list[object]]) -> pd.DataFrame:
    """The answer's columns as a frame of typed columns in the order of COLUMNS (typed
    even when empty): numbers, texts, and as objects the lists, the reasons and the
    distance (None where unknown, not NaN: the column leaves as JSON and CSV too)."""
    typed = {}
    for name in COLUMNS:
        values = columns[name]
        dtype = _COLUMN_TYPES.get(name)
        if dtype is None:
            typed[name] = pd.arrays.StringArray(np.array(values, dtype=object), dtype=_TEXT)
        elif dtype is object:  # one by one: a list stays one value
            typed[name] = np.fromiter(values, dtype=object, count=len(values))
        else:
            typed[name] = np.array(values, dtype=dtype)
    return pd.DataFrame(typed, copy=False)  # in the order of COLUMNS, as built


def prepare(store: Store, today: date, weights: Weights = DEFAULT_WEIGHTS) -> None:
    """Work out ahead of the questions what find_people keeps on a store that keeps
    (`Store.remember`, the read model): every topic's facts for `today`, every region's
    table, centre and what its actors keep of its points today, every sector's actors,
    every group's members, where every actor is and every answer in the forum. A store
    that keeps nothing works it out and drops it: call it on the read model only.

    Examples
    --------
    >>> import graphmodel as gm
    >>> from graphmodel.readmodel import Snapshot
    >>> model = Snapshot.of(gm.open().store)
    >>> prepare(model, date(2026, 11, 22))
    >>> model.remember("actor-order", None, lambda: "worked out again") == "worked out again"
    False
    """
    order = shortlist.ActorOrder.of(store)
    for topic in store.nodes_of("Topic"):
        TopicFacts.of(store, topic, weights, today).rows(store, order, weights, today)
    for region in store.nodes_of("Region"):
        _region_kept(store, region.id, weights, today)  # and the region's table
    _in_sector(store, schema.SECTORS[0])  # works out every sector's actors at once
    for group in (node.id for kind in schema.JOINED_KINDS for node in store.nodes_of(kind)):
        _members_of(store, group)
    shortlist.PlaceTable.of(store, *nearness.every_place(store))
    _every_answer(store)


# --- the parts of a score: each says what it rests on, names and how it reads --------
# (slotted dataclasses, not frozen ones: a question makes hundreds of them and of its
# results, and a frozen one takes three times as long to make; none outlives its question)


@dataclass(slots=True)
class _TopicPoints:
    """Points for working on an asked topic, on one piece of evidence; `own_days`: the
    evidence is the person's own profile, confirmed that many days ago."""

    score: float
    evidence: Evidence
    own_days: int | None = None
    part: ClassVar[str] = "topic"

    def named(self) -> set[str]:
        return {n for n in (self.evidence.topic, self.evidence.via) if n}

    def reason(self, facts: _Facts, lang: str) -> Reason:
        item = self.evidence
        topic = facts.name(item.topic)
        answered = facts.answered.get((item.actor, item.topic))
        if answered is not None and not item.via and answered[0] == item.verified:
            text = _say(lang, "answered", topic, ago=_days_ago(answered[1], lang))
        elif self.own_days is not None:
            ago = _days_ago(self.own_days, lang)
            text = _say(lang, f"own-{item.match}", topic, ago=ago)
        else:
            text = _say(lang, f"topic-{item.match}", topic, via=facts.name(item.via))
        return _reason("topic", self.score, item.topic, topic, text, item.via, item.verified)


@dataclass(slots=True)
class _WorksPoints:
    """Points for publications and events about an asked topic (or a narrower one)."""

    score: float
    topic: str
    works: tuple[Walk, ...]
    part: ClassVar[str] = "topic"

    def named(self) -> set[str]:
        return {self.topic}

    def reason(self, facts: _Facts, lang: str) -> Reason:
        topic = facts.name(self.topic)
        phrase = "works-one" if len(self.works) == 1 else "works"
        text = _say(lang, phrase, topic, n=str(len(self.works)))
        verified = max(w.oldest_verified() for w in self.works)
        return _reason("topic", self.score, self.topic, topic, text, None, verified)


@dataclass(slots=True)
class _LeadsPoints:
    """Points for leading a research group, network or project on an asked topic."""

    score: float
    walk: Walk  # asked topic (<- narrower) <- WORKS_ON group <- LEADS person
    part: ClassVar[str] = "topic"

    def named(self) -> set[str]:
        return {self.walk.nodes[-3], self.walk.nodes[-2]}

    def reason(self, facts: _Facts, lang: str) -> Reason:
        topic, group = self.walk.nodes[-3], self.walk.nodes[-2]
        text = _say(lang, "leads", facts.name(group), facts.name(topic))
        verified = self.walk.oldest_verified()
        return _reason("topic", self.score, topic, facts.name(topic), text, group, verified)


@dataclass(slots=True)
class _NamedPoints:
    """Points for carrying an asked topic in one's name ("Themagroep Flexibel Opleiden"):
    a group named after the topic is about it."""

    score: float
    topic: str
    words: str  # the topic's name or synonym the actor's name holds
    part: ClassVar[str] = "topic"

    def named(self) -> set[str]:
        return {self.topic}

    def reason(self, facts: _Facts, lang: str) -> Reason:
        topic = facts.name(self.topic)
        return _reason("topic", self.score, self.topic, topic, _say(lang, "named", self.words))


@dataclass(slots=True)
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
        text = _say(lang, f"region-{phrase}", region.name, via=facts.name(where.via))
        return _reason(
            "region", self.score, region.id, region.name, text, where.via, where.verified
        )


@dataclass(slots=True)
class _NearbyPoints:
    """Points for being near the seeker when nobody of the family is in their regions."""

    score: float
    nearest: nearness.Nearest
    part: ClassVar[str] = "region"

    def named(self) -> set[str]:
        return {self.nearest.via} if self.nearest.via else set()

    def reason(self, facts: _Facts, lang: str) -> Reason:
        near = self.nearest
        text = _say(lang, "nearby", near.name, km=f"{near.km:.0f}", via=facts.name(near.via))
        return _reason("region", self.score, near.region, near.name, text, near.via, near.verified)


@dataclass(slots=True)
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
        return _reason("network", self.score, self.group, name, text, None, self.verified)


@dataclass(slots=True)
class _SectorPoints:
    """Points for working in the asked sector."""

    score: float
    sector: str
    part: ClassVar[str] = "sector"

    def named(self) -> set[str]:
        return set()

    def reason(self, facts: _Facts, lang: str) -> Reason:
        return _reason("sector", self.score, self.sector, "", _say(lang, "sector", self.sector))


_Points = (
    _TopicPoints
    | _NamedPoints
    | _WorksPoints
    | _RegionPoints
    | _NearbyPoints
    | _NetworkPoints
    | _SectorPoints
)
_PARTS = tuple(kind.part for kind in (_TopicPoints, _RegionPoints, _NetworkPoints, _SectorPoints))


@dataclass(slots=True)
class _Result:
    """A result in words (its reasons), with its points per part of a score and in all."""

    node: Node
    reasons: list[Reason]
    parts: dict[str, float]  # per part of a score (`_PARTS`), its reasons' points
    total: float

    @classmethod
    def of(cls, node: Node, reasons: list[Reason]) -> _Result:
        """`node` with its `reasons`: the points added up in the reasons' order."""
        parts = dict.fromkeys(_PARTS, 0.0)
        for reason in reasons:
            parts[reason["type"]] += reason["score"]
        return cls(node, reasons, parts, sum(reason["score"] for reason in reasons))

    @property
    def id(self) -> str:
        return self.node.id


@dataclass
class _Facts:
    """What the scoring of one question needs besides the places (see `_gather`)."""

    topics: dict[str, TopicFacts]  # per asked topic, in the seeker's order
    own: str | None  # the seeker's organisation: never its own answer
    home: dict[str, Node]
    ours: dict[str, str]  # the seeker's organisation's groups -> verified
    memberships: dict[str, dict[str, str]]  # candidate -> group shared -> verified
    nodes: dict[str, Node]
    # (person, topic) -> the day of their latest answer in the forum, and its age in days
    answered: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)

    def is_candidate(self, actor: str) -> bool:
        """Has evidence on an asked topic, and is not the seeker's organisation."""
        return actor != self.own and any(actor in t.best for t in self.topics.values())

    def candidates_among(self, actors: Collection[str]) -> set[str]:
        """Those of `actors` that are candidates (`is_candidate`), met as key sets in C
        (the members of an organisation's groups run to hundreds)."""
        found = set().union(*(t.best.keys() & actors for t in self.topics.values()))
        found.discard(self.own)
        return found

    @functools.cached_property
    def candidates(self) -> list[str]:
        """Every candidate, in id order."""
        return sorted(set().union(*(t.best for t in self.topics.values())) - {self.own})

    def members(self, family: str) -> list[str]:
        """The candidates of `family`, in id order."""
        found = [a for t in self.topics.values() for a in t.families.get(family, ())]
        return sorted(set(found) - {self.own})

    def count(self, asked: str) -> int:
        """How many candidates have evidence on the asked topic (for its rarity)."""
        best = self.topics[asked].best
        return len(best) - (self.own in best)

    def works(self, asked: str) -> dict[str, list[Walk]]:
        """The candidates' publications and events about the asked topic."""
        return {a: w for a, w in self.topics[asked].works.items() if self.is_candidate(a)}

    def leads(self, asked: str) -> dict[str, Walk]:
        """The candidates who lead a group on the asked topic, and the group."""
        return {a: w for a, w in self.topics[asked].leads.items() if self.is_candidate(a)}

    def name(self, node_id: str | None) -> str:
        return self.nodes[node_id].name if node_id in self.nodes else ""

    def learn(self, store: Store, node_ids: set[str]) -> None:
        """Fetch the nodes not known yet (the results and what their reasons name)."""
        self.nodes |= {n.id: n for n in store.nodes(node_ids - self.nodes.keys())}


def _gather(store: Store, seeker: Seeker, weights: Weights, today: date, indexed: bool) -> _Facts:
    """What is known of each asked topic (`TopicFacts`), what the seeker brings (home
    regions, groups), and the groups the candidates share with the seeker's organisation
    (walked from the candidates to those few groups; over an index, back from the groups
    to every actor in them, kept per group). Where the candidates are is found
    later, only as far as the ranking needs (`graphmodel.questions.proximity`)."""
    own = seeker.organisation.id if seeker.organisation else None
    topics = {t.id: TopicFacts.of(store, t, weights, today) for t in seeker.topics}
    first = Requests()
    at_home = first.add(_home_requests(seeker))
    at_ours = first.add(_membership_requests([own]) if own else [])
    brought = store.follow_many(first.all)
    home = {n.id: n for n in store.nodes(places.ends(brought[at_home]))}
    ours = _memberships(brought[at_ours]).get(own or "", {})
    memberships: dict[str, dict[str, str]] = {}
    if indexed and ours:
        memberships = _members(store, ours.keys())
    elif ours:
        starts = {a for t in topics.values() for a in t.best}
        memberships = _sharing(store, list(starts), ours.keys())
    return _Facts(
        topics=topics,
        own=own,
        home=home,
        ours=ours,
        memberships=memberships,
        nodes=home | {t.id: t for t in seeker.topics},
    )


AFFILIATION = Step(schema.AFFILIATION, "out")
JOINS = Step(schema.JOINING, "out", schema.JOINED_KINDS)


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


def _sharing(
    store: Store, actor_ids: list[str], groups: Collection[str]
) -> dict[str, dict[str, str]]:
    """Per one of `actor_ids` in any of `groups` (itself, or through its organisation),
    those groups with the verified date of the freshest evidence."""
    return _memberships(store.follow_many(_membership_requests(actor_ids, groups)))


# the walks of `_membership_requests`, backwards: from a group to who is in it. Over the
# read model they find every actor in a few groups at once; the reference keeps walking
# forwards from its candidates, so that the equivalence tests check one way by the other
JOINED_BY = Step(schema.JOINING, "in", schema.ACTOR_KINDS)
JOINED_BY_ORGANISATION = Step(schema.JOINING, "in", ("Organisation",))
AFFILIATED = Step(("AFFILIATED_WITH",), "in", schema.ACTOR_KINDS)


def _members(store: Store, groups: Collection[str]) -> dict[str, dict[str, str]]:
    """`_sharing` for every actor of the graph, from the few `groups` (`_members_of`)."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for group in groups:
        for actor, verified in _members_of(store, group).items():
            found[actor][group] = verified
    return found


def _members_of(store: Store, group: str) -> dict[str, str]:
    """Every actor in `group`, itself or through its organisation, with the verified date
    of the freshest evidence: walked back from the group once, kept per graph (`prepare`
    works out every group's: a school's first question would otherwise walk its groups'
    hundreds of members)."""

    def work_out() -> dict[str, str]:
        walks = store.follow_many(
            [([group], [JOINED_BY]), ([group], [JOINED_BY_ORGANISATION, AFFILIATED])]
        )
        return {actor: held[group] for actor, held in _memberships(walks, True).items()}

    return store.remember(("members", group), None, work_out)


def _memberships(
    walk_lists: list[list[Walk]], backwards: bool = False
) -> dict[str, dict[str, str]]:
    """Per actor, its groups with the verified date of the freshest evidence (walked
    from the actors, or `backwards` from the groups)."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for walk in (w for walks in walk_lists for w in walks):
        actor, group = (walk.end, walk.start) if backwards else (walk.start, walk.end)
        verified = walk.oldest_verified()
        if found[actor].get(group, "") < verified:
            found[actor][group] = verified
    return found


def _sectors(store: Store, actor_ids: Collection[str]) -> dict[str, set[str]]:
    """Each actor's sectors: its own, and for a person those of what they belong to."""
    people = [a for a in actor_ids if schema.kind_of_id(a).name == "Person"]
    walks = store.follow(people, [AFFILIATION]) if people else []
    nodes = {n.id: n for n in store.nodes({*actor_ids, *(w.end for w in walks)})}
    sectors = {a: set(nodes[a].get("sectors", ())) for a in actor_ids}
    for walk in walks:
        sectors[walk.start] |= set(nodes[walk.end].get("sectors", ()))
    return sectors


def _in_sector(store: Store, sector: str) -> np.ndarray:
    """Per row of the graph's actors (`shortlist.ActorOrder`), whether it works in
    `sector` (one of `schema.SECTORS`; every sector kept per graph at once)."""

    def work_out() -> dict[str, np.ndarray]:
        order = shortlist.ActorOrder.of(store)
        sectors = _sectors(store, order.ids)
        return {
            known: np.fromiter((known in sectors[a] for a in order.ids), dtype=bool)
            for known in schema.SECTORS
        }

    return store.remember("in-sector", None, work_out)[sector]


class _Walked:
    """The candidates as the walks know them (the reference): all are scored in full."""

    def __init__(self, scoring: _Scoring) -> None:
        facts = scoring.facts
        self._members = {family: facts.members(family) for family in FAMILIES}
        self._local = scoring.home.find_local(scoring.store, facts.candidates)

    def count(self, family: str) -> int:
        return len(self._members[family])

    def local_count(self, family: str) -> int:
        return len(self._local.intersection(self._members[family]))

    def contenders(self, family: str, limit: int, nobody_near: bool) -> list[str]:
        return self._members[family]


def _region_kept(store: Store, region: str, weights: Weights, today: date) -> np.ndarray:
    """What each actor in `region`'s table (`shortlist.RegionTable`) keeps today of the
    region's points: `Weights.decays` of its days, kept for the day."""

    def work_out() -> np.ndarray:
        return weights.decays(shortlist.RegionTable.of(store, region).days, today)

    return store.remember(("region-kept", region, weights), today, work_out)


class _Shortlisted:
    """The candidates bounded in arrays (`graphmodel.questions.shortlist`), for a store
    that indexes every actor: only those that can make the top are scored in full."""

    def __init__(self, scoring: _Scoring) -> None:
        store, facts, weights, today = scoring.store, scoring.facts, scoring.weights, scoring.today
        order = shortlist.ActorOrder.of(store)
        topics = []
        for asked, topic in facts.topics.items():
            rows, strength, families = topic.rows(store, order, weights, today)
            topics.append((rows, strength * scoring.rarity(asked), families))
        self._store, self._weights, self._centre = store, weights, scoring.home.centre
        self._list = shortlist.Shortlist(order, topics, facts.own)
        self._list.add(scoring.sure_scores())
        if sector := scoring.seeker.sector:
            self._list.add_where(_in_sector(store, sector), weights.sector)
        for region in facts.home:
            table = shortlist.RegionTable.of(store, region)
            kept = _region_kept(store, region, weights, today)
            level = scoring.home_level_score(region)
            self._list.add_region(table, level, kept, near=region in scoring.home.near)

    def count(self, family: str) -> int:
        return self._list.count(FAMILIES.index(family))

    def local_count(self, family: str) -> int:
        return self._list.local_count(FAMILIES.index(family))

    def contenders(self, family: str, limit: int, nobody_near: bool) -> list[str]:
        nearby = self._nearby() if nobody_near else 0.0
        return self._list.contenders(FAMILIES.index(family), limit, nearby)

    @functools.cache  # noqa: B019 - lives for one question
    def _nearby(self) -> np.ndarray:
        """The most nearness could give each candidate: by its nearest place, fresh."""
        table = shortlist.PlaceTable.of(self._store, *nearness.every_place(self._store))
        return self._weights.nearby(table.nearest_km(self._list.rows, self._centre))


class _Scoring:
    """Scores the candidates on the gathered facts (numbers only, no store calls), then
    puts the reasons into words for the best."""

    def __init__(
        self, store: Store, seeker: Seeker, weights: Weights, today: date, lang: str
    ) -> None:
        self.store, self.seeker, self.weights = store, seeker, weights
        self.today, self.lang = today, lang
        self._indexed = indexed = indexes_every_actor(store)
        self.facts = _gather(store, seeker, weights, today, indexed)
        self.home = nearness.Home.of(store, self.facts.home, seeker.region)
        self.nearest: dict[str, nearness.Nearest] = {}
        # Weights.decay per verified date today: one question's, or the day's on a store
        # that keeps (a function of the date alone, filled in as dates are asked for)
        self._decay: dict[str, float] = store.remember(("decays", weights), today, dict)
        self._region_scores: dict[tuple[str, str], float] = {}
        self.field = _Shortlisted(self) if indexed else _Walked(self)

    def rank(self, limit: int, family: str) -> list[_Result]:
        """The best `limit` candidates of `family`: topic, network, sector (and, with
        nobody of the family near, distance) points for all that can make the top
        (`_Shortlisted`), then the regions from the smallest out until the top is
        decided (see `graphmodel.questions.proximity`)."""
        nobody_near = self.home.centre is not None and not self.field.local_count(family)
        parts = self._parts_besides_region(self.field.contenders(family, limit, nobody_near))
        if nobody_near:
            self._add_nearness(parts)
        known = proximity.Known({a: sum(p.score for p in found) for a, found in parts.items()})
        home = self.facts.home
        placement, unsearched = self._place(known, limit)
        best = self._top(known, placement, limit)
        if unsearched:  # the top might still gain from a region not searched
            proximity.complete(self.store, home, best, placement)
            best = self._top(proximity.Known({a: known.points[a] for a in best}), placement, limit)
        results = {a: _in_reading_order(parts[a], self._best_place(placement, a)) for a in best}
        named = {n for found in results.values() for points in found for n in points.named()}
        self.facts.learn(self.store, named | set(best))
        self.facts.answered |= _answered(self.store, best, self.today, self._indexed)
        return [
            _Result.of(self.facts.nodes[a], [p.reason(self.facts, self.lang) for p in found])
            for a, found in results.items()
        ]

    def _place(self, known: proximity.Known, limit: int) -> tuple[places.Placement, float]:
        """Where the candidates are among the seeker's regions, and the most a region
        not searched could still add: from the store's index at once where it has one
        (`Store.placed`), else from the smallest region out as far as the top needs."""
        home = self.facts.home
        placed = self.store.placed(known.points, home)
        if placed is None:
            tiers = proximity.Tiers.of(home, self.level_score)
            return proximity.place_in_tiers(
                self.store, home, tiers, known, self._region_score, limit
            )
        found = {a: {r: places.Place(r, *way) for r, *way in where} for a, where in placed.items()}
        regions = {r: home[r] for where in found.values() for r in where}
        return places.Placement(found, regions), 0.0

    def _add_nearness(self, parts: dict[str, list[_Points]]) -> None:
        """Nobody of the family is near: points for each by its distance."""
        nearest = self.home.nearest(self.store, list(parts))
        self.nearest |= nearest
        for actor, near in nearest.items():
            score = self.weights.nearby(near.km) * self.decay(near.verified)
            parts[actor].append(_NearbyPoints(score, near))

    def nearest_of(self, actor_ids: list[str]) -> dict[str, nearness.Nearest]:
        """Where each answer is nearest to the seeker (the distance_km column)."""
        missing = [a for a in actor_ids if a not in self.nearest]
        return self.nearest | self.home.nearest(self.store, missing)

    def through(self, result: _Result) -> list[Node]:
        """The groups and organisations a result was found through, as its reasons
        name them (the way to reach it when it has none of its own)."""
        vias = dict.fromkeys(r["via"] for r in result.reasons if r["via"])
        return [self.facts.nodes[v] for v in vias if v in self.facts.nodes]

    def statement(self, family: str, results: list[_Result]) -> str:
        """What was found where for `family`, in words."""
        label = _say(self.lang, f"family-{family}")
        count = self.field.count(family)
        if not count:
            return _say(self.lang, "found-nothing", label)
        if not self.home.named:
            return _say(self.lang, "found-count", label, n=str(count))
        where = self.home.words(self.lang)
        local = self.field.local_count(family)
        if local:
            return _say(self.lang, "found-near", label, where, n=str(local))
        nearest = sorted(
            (self.nearest[r.id].km, r.node.name, self.nearest[r.id].name)
            for r in results
            if r.id in self.nearest
        )[:NEAREST_NAMED]
        if not nearest:
            return _say(self.lang, "found-national", label, where)
        named = ", ".join(f"{name} ({place}, {km:.0f} km)" for km, name, place in nearest)
        return _say(self.lang, "found-far", label, where, nearest=named)

    def sure_scores(self) -> dict[str, float]:
        """Per candidate, the points it surely has besides its topic evidence, sector
        and region, as numbers (`_sure_points` gives them with what they rest on): its
        name carrying an asked topic, leading a group on it, publications and events
        about it, and groups shared with the seeker's organisation."""
        scores: dict[str, float] = defaultdict(float)
        for asked, topic in self.facts.topics.items():
            named = self.weights.named * self.rarity(asked)
            for actor in topic.named.keys() - {self.facts.own}:
                scores[actor] += named
            for raw, by_actor in (
                (topic.leads_scores, self._leads(asked)),
                (topic.works_scores, self._works(asked)),
            ):
                rarity = self._rarity(len(by_actor))
                for actor in by_actor:
                    scores[actor] += raw[actor] * rarity
        for actor in self._sharing_candidates():
            scores[actor] += sum(points.score for points in self._shared_groups(actor))
        return scores

    def _sure_points(self, actors: Collection[str]) -> dict[str, list[_Points]]:
        """Per one of `actors`, the points for leading groups on the asked topics, for
        publications and events about them (each topic weighed by its rarity), and for
        the groups it shares with the seeker's organisation."""
        parts: dict[str, list[_Points]] = defaultdict(list)
        for asked, topic in self.facts.topics.items():  # in the seeker's order, as topics
            by_person = self._leads(asked)
            rarity = self._rarity(len(by_person))
            for person in by_person.keys() & actors:
                score = topic.leads_scores[person] * rarity
                parts[person].append(_LeadsPoints(score, by_person[person]))
        for asked, topic in self.facts.topics.items():
            by_actor = self._works(asked)
            rarity = self._rarity(len(by_actor))
            for actor in by_actor.keys() & actors:
                score = topic.works_scores[actor] * rarity
                parts[actor].append(_WorksPoints(score, asked, by_actor[actor]))
        for actor in self._sharing_candidates() & actors:
            parts[actor] += self._shared_groups(actor)
        return parts

    @functools.cache  # noqa: B019 - a scoring lives for one question
    def _leads(self, asked: str) -> dict[str, Walk]:
        return self.facts.leads(asked)

    @functools.cache  # noqa: B019 - a scoring lives for one question
    def _works(self, asked: str) -> dict[str, list[Walk]]:
        return self.facts.works(asked)

    @functools.cache  # noqa: B019 - a scoring lives for one question
    def _sharing_candidates(self) -> set[str]:
        """The candidates that share a group with the seeker's organisation."""
        return self.facts.candidates_among(self.facts.memberships.keys())

    def rarity(self, asked: str) -> float:
        """What the asked topic weighs, for the number of candidates that have it."""
        return self._rarity(self.facts.count(asked))

    def _rarity(self, count: int) -> float:
        return self.weights.topic / math.log2(1 + count) if count else 0.0

    def _parts_besides_region(self, candidates: list[str]) -> dict[str, list[_Points]]:
        """Per candidate, its topic, network and sector points, each with what it
        rests on."""
        parts: dict[str, list[_Points]] = defaultdict(list)
        for asked, topic in self.facts.topics.items():
            rarity = self.rarity(asked)
            for actor in candidates:
                if (found := topic.best.get(actor)) is None:
                    continue
                score, item = found
                days = own_days(item, topic.own, self.today)
                parts[actor].append(_TopicPoints(score * rarity, item, days))
                if words := topic.named.get(actor):
                    parts[actor].append(_NamedPoints(self.weights.named * rarity, asked, words))
        sure = self._sure_points(set(candidates))
        sectors = self._sector_points(candidates)
        for actor in candidates:
            parts[actor] += [*sure.get(actor, ()), *sectors.get(actor, ())]
        return {a: parts[a] for a in candidates if parts[a]}

    def _sector_points(self, candidates: list[str]) -> dict[str, list[_Points]]:
        """With a sector asked, its points for the candidates working in it."""
        sector = self.seeker.sector
        if not sector or not candidates:
            return {}
        points = [_SectorPoints(self.weights.sector, sector)]
        return {a: points for a, held in _sectors(self.store, candidates).items() if sector in held}

    def _top(self, known: proximity.Known, placement: places.Placement, limit: int) -> list[str]:
        """The best `limit` candidates, highest score first, ties by id."""
        region = proximity.region_points(placement, self._region_score)
        return known.contenders(region, limit)[:limit]

    def decay(self, verified: str) -> float:
        """`Weights.decay` today, worked out once per date (and day, on the read model)."""
        decay = self._decay.get(verified)
        if decay is None:
            decay = self._decay[verified] = self.weights.decay(verified, self.today)
        return decay

    # --- regions, networks -----------------------------------------------------------

    def _best_place(self, placement: places.Placement, actor: str) -> _RegionPoints | None:
        """The region shared with the seeker that gives the most points, if any."""
        found = placement.of.get(actor)
        if not found:
            return None
        best = min(found.values(), key=lambda place: (-self._region_score(place), place.region))
        return _RegionPoints(self._region_score(best), best)

    def level_score(self, level: str) -> float:
        """The most a region of `level` gives (a fresh link)."""
        return self.weights.region * self.weights.level(level)

    def _region_score(self, where: places.Place) -> float:
        key = (where.region, where.verified)
        score = self._region_scores.get(key)
        if score is None:  # asked for every placed candidate, every tier
            score = self.home_level_score(where.region) * self.decay(where.verified)
            self._region_scores[key] = score
        return score

    @functools.cache  # noqa: B019 - a scoring lives for one question
    def home_level_score(self, region: str) -> float:
        """The most the seeker's region `region` gives (a fresh link)."""
        return self.level_score(str(self.facts.home[region].get("level")))

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


def _answered(
    store: Store, actors: Collection[str], today: date, indexed: bool
) -> dict[tuple[str, str], tuple[str, int]]:
    """Per person among `actors` and topic, their latest answer in the forum
    (`graphmodel.forum`): its day and age in days. Over an index, read from every
    person's answers, kept per graph; else asked for the few results only."""
    people = [a for a in actors if a.startswith("person:")]
    answers = _every_answer(store) if indexed else _answers(store, people)
    return {
        (person, topic): (day, max(0, (today - date.fromisoformat(day)).days))
        for person in people
        for topic, day in answers.get(person, {}).items()
    }


def _every_answer(store: Store) -> dict[str, dict[str, str]]:
    """`_answers` of every person, kept per graph."""
    return store.remember(
        "forum-answers", None, lambda: _answers(store, [p.id for p in store.nodes_of("Person")])
    )


def _answers(store: Store, people: list[str]) -> dict[str, dict[str, str]]:
    """Per one of `people` who answered in the forum, per topic the day of the latest
    answer."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for r in store.relationships_of(people) if people else []:
        day = str(r.get("verified", ""))
        if (
            r.type == "WORKS_ON"
            and is_forum_source(r.get("source"))
            and ISO_DAY.fullmatch(day)
            and day > found[r.start].get(r.end, "")
        ):
            found[r.start][r.end] = day
    return dict(found)


def _in_reading_order(parts: list[_Points], region: _RegionPoints | None) -> list[_Points]:
    """The parts in the order their reasons are read: topics, regions, networks, sector."""
    found = [*parts, region] if region is not None else parts
    return sorted(found, key=lambda points: _PARTS.index(points.part))


def _names_of(store: Store, ids: set[str]) -> dict[str, str]:
    return {n.id: n.name for n in store.nodes(ids)}


# --- introduction routes ------------------------------------------------------------------


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
    "own-exact": (
        "werkt aan {0} (eigen profiel, bevestigd {ago})",
        "works on {0} (own profile, confirmed {ago})",
    ),
    "own-narrower": (
        "werkt aan {0}, een nauwer onderwerp (eigen profiel, bevestigd {ago})",
        "works on {0}, a narrower topic (own profile, confirmed {ago})",
    ),
    "own-broader": (
        "werkt aan {0}, een breder onderwerp (eigen profiel, bevestigd {ago})",
        "works on {0}, a broader topic (own profile, confirmed {ago})",
    ),
    "answered": (
        "beantwoordde een vraag over {0}, {ago}",
        "answered a question on {0}, {ago}",
    ),
    "today": ("vandaag", "today"),
    "day-ago": ("1 dag geleden", "1 day ago"),
    "days-ago": ("{n} dagen geleden", "{n} days ago"),
    "week-ago": ("1 week geleden", "1 week ago"),
    "weeks-ago": ("{n} weken geleden", "{n} weeks ago"),
    "month-ago": ("1 maand geleden", "1 month ago"),
    "months-ago": ("{n} maanden geleden", "{n} months ago"),
    "years-ago": ("{n} jaar geleden", "{n} years ago"),
    "region-gemeente": ("zelfde gemeente: {0}", "same gemeente: {0}"),
    "region-subregion": ("zelfde regio: {0}", "same region: {0}"),
    "region-provincie": ("zelfde provincie: {0}", "same province: {0}"),
    "region-land": ("landelijk actief", "active nationally"),
    "network": ("samen in {0}", "both in {0}"),
    "sector": ("werkt in de sector {0}", "works in sector {0}"),
    "leads": ("leidt {0}, over {1}", "leads {0}, on {1}"),
    "named": ('draagt "{0}" in de naam', 'has "{0}" in its name'),
    "works-one": ("een publicatie of bijeenkomst over {0}", "a publication or event on {0}"),
    "works": (
        "{n} publicaties of bijeenkomsten over {0}",
        "{n} publications or events on {0}",
    ),
    "nearby": ("dichtstbij: {0}, {km} km", "nearest: {0}, {km} km"),
    "family-people": ("Mensen", "People"),
    "family-groups": ("Groepen om bij aan te sluiten", "Groups to join"),
    "family-organisations": ("Organisaties", "Organisations"),
    "found-nothing": (
        "{0}: niemand gevonden die hieraan werkt.",
        "{0}: nobody found working on this.",
    ),
    "found-count": ("{0}: {n} gevonden.", "{0}: {n} found."),
    "found-near": ("{0}: {n} in {1}.", "{0}: {n} in {1}."),
    "found-far": (
        "{0}: niemand in {1} gevonden; het dichtstbij: {nearest}.",
        "{0}: nobody found in {1}; the nearest: {nearest}.",
    ),
    "found-national": (
        "{0}: niemand in {1} gevonden; alleen landelijk actieve.",
        "{0}: nobody found in {1}; only ones active nationally.",
    ),
}
THROUGH = (" via {0}", " through {0}")


def _say(lang: str, phrase: str, *values: str, via: str = "", **named: str) -> str:
    """A reason in words, Dutch unless `lang` is "en", with "via X" when it goes through X."""
    choice = 1 if lang == "en" else 0
    text = PHRASES[phrase][choice].format(*values, **named)
    return text + THROUGH[choice].format(via) if via else text


def _days_ago(days: int, lang: str) -> str:
    """`days` in words, rounded down to the largest whole unit.

    >>> [_days_ago(n, "nl") for n in (0, 1, 6, 14)]
    ['vandaag', '1 dag geleden', '6 dagen geleden', '2 weken geleden']
    >>> [_days_ago(n, "en") for n in (45, 100, 800)]
    ['6 weeks ago', '3 months ago', '2 years ago']
    """
    for unit, size, limit in (("day", 1, 14), ("week", 7, 61), ("month", 30, 730)):
        if days < limit:
            n = days // size
            if n == 0:
                return _say(lang, "today")
            return _say(lang, f"{unit}-ago" if n == 1 else f"{unit}s-ago", n=str(n))
    return _say(lang, "years-ago", n=str(days // 365))
