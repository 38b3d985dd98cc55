"""What find_people knows of one asked topic, whoever asks: worked out once and kept.

Which actors have evidence on the topic, each one's best evidence and its strength before
the topic's rarity (`TopicFacts`, per day: freshness moves daily); and what holds whatever
the day (`TopicGround`): how many topics each actor's profile works on, their families and
names, the publications, events and groups led on the topic. A store that does not change
under its questions keeps both (`Store.remember`, the read model), so a question only
reads them; over any other store they are worked out for every question (the reference,
`graphmodel.questions.people`).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from graphmodel import schema
from graphmodel.model import Node, Step, Walk
from graphmodel.profiles import is_profile_source
from graphmodel.questions import shortlist
from graphmodel.questions.weighing import Weights, specificity
from graphmodel.stores.evidence import NARROWER_DEPTH, Evidence

if TYPE_CHECKING:
    from graphmodel.stores.base import Request, Store

__all__ = [
    "FAMILIES",
    "Requests",
    "TopicFacts",
    "TopicGround",
    "better_evidence",
    "family_of",
    "indexes_every_actor",
    "own_days",
]

FAMILIES = ("people", "groups", "organisations")  # in the order they are shown
MIN_NAME = 4  # shorter topic names (EVC) are too easily part of another name


def family_of(kind: str) -> str:
    """The family an answer of `kind` belongs to: people, groups or organisations."""
    return {"Person": "people", "Organisation": "organisations"}.get(kind, "groups")


TOPICS_OF = Step(("WORKS_ON",), "out", ("Topic",))
# publications and events about an asked topic (or a narrower one), to who made them
WORKS_ABOUT = (
    Step(("BROADER",), "in", ("Topic",), min_hops=0, max_hops=NARROWER_DEPTH),
    Step(("ABOUT",), "in", ("Resource", "Event")),
    Step(("PUBLISHED_BY", "ORGANISED_BY"), "out", schema.ACTOR_KINDS),
)
# the research groups, networks and projects people lead on an asked topic (or a narrower)
LEADS_ON = (
    Step(("BROADER",), "in", ("Topic",), min_hops=0, max_hops=NARROWER_DEPTH),
    Step(("WORKS_ON",), "in", ("ResearchGroup", "Network", "Project")),
    Step(("LEADS",), "in", ("Person",)),
)


@dataclass(frozen=True)
class TopicFacts:
    """What find_people knows of one asked topic on one day, whoever asks: worked out
    once a day by a store that keeps it (the read model, `Store.remember`), else for
    every question; what does not depend on the day once (`TopicGround`).

    Per actor with evidence: its best evidence and that evidence's strength before the
    topic's rarity (the rarity counts a question's candidates, see `people._Facts.count`); the
    actors per family; those whose name holds one of the topic's names; who made
    publications and events about it, and who leads a group on it (anyone: a question
    keeps those among its candidates).
    """

    topic: str
    best: dict[str, tuple[float, Evidence]]
    own: frozenset[tuple[str, str]]  # (person, topic): a WORKS_ON their own profile wrote
    families: dict[str, list[str]]  # the actors with evidence, per family, in id order
    named: dict[str, str]  # actor -> the topic's name or synonym its name holds
    works: dict[str, list[Walk]]  # actor -> its publications and events about the topic
    leads: dict[str, Walk]  # person -> a group they lead on the topic
    # the points for those, before the topic's rarity
    works_scores: dict[str, float]
    leads_scores: dict[str, float]

    @classmethod
    def of(cls, store: Store, topic: Node, weights: Weights, today: date) -> TopicFacts:
        return store.remember(
            ("find_people", topic.id, weights),
            today,
            lambda: cls._work_out(store, topic, weights, today),
        )

    @classmethod
    def _work_out(cls, store: Store, topic: Node, weights: Weights, today: date) -> TopicFacts:
        """The topic's evidence (only the best of each kind, see
        `evidence.best_evidence`), each actor's best by its strength today, and today's
        points for publications, events and groups led (`TopicGround` has the rest)."""
        fresh_since = weights.fresh_since(today)
        found = store.topic_evidence([topic.id], schema.ACTOR_KINDS, True, fresh_since)
        ground = TopicGround.of(store, topic, found)
        strength = _Strength(weights, today, ground.topic_counts, ground.own)
        best: dict[str, tuple[float, Evidence]] = {}
        for item in found:
            score = strength.of(item)
            old = best.get(item.actor)
            if old is None or better_evidence(score, item, *old):
                best[item.actor] = (score, item)
        return cls(
            topic=topic.id,
            best=best,
            own=ground.own,
            families=ground.families,
            named=ground.named,
            works=ground.works,
            leads=ground.leads,
            works_scores={a: strength.of_works(found) for a, found in ground.works.items()},
            leads_scores={p: strength.of_leads(walk) for p, walk in ground.leads.items()},
        )

    def rows(
        self, store: Store, order: shortlist.ActorOrder, weights: Weights, today: date
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The actors with evidence as the shortlist's arrays: their rows in `order`
        (increasing), their strength and their family's place in FAMILIES (kept as
        long as the facts)."""

        def work_out() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            actors = sorted(self.best)
            family = {a: FAMILIES.index(f) for f, members in self.families.items() for a in members}
            return (
                order.rows(actors),
                np.fromiter((self.best[a][0] for a in actors), dtype=float, count=len(actors)),
                np.fromiter((family[a] for a in actors), dtype=np.int8, count=len(actors)),
            )

        return store.remember(("find_people-rows", self.topic, weights), today, work_out)


@dataclass(frozen=True)
class TopicGround:
    """What find_people knows of one asked topic whatever the day (see `TopicFacts`):
    kept for as long as the graph by a store that keeps it, such as how many topics
    each actor with evidence works on, and the walks to its publications and groups."""

    topic_counts: dict[str, int]  # per actor, the topics it and its groups work on
    own: frozenset[tuple[str, str]]
    families: dict[str, list[str]]
    named: dict[str, str]
    works: dict[str, list[Walk]]
    leads: dict[str, Walk]

    @classmethod
    def of(cls, store: Store, topic: Node, found: Collection[Evidence]) -> TopicGround:
        """For the actors of `found` (the same every day: a day only picks among each
        actor's evidence)."""
        return store.remember(
            ("find_people-ground", topic.id),
            None,
            lambda: cls._work_out(store, topic, sorted({e.actor for e in found})),
        )

    @classmethod
    def _work_out(cls, store: Store, topic: Node, actors: list[str]) -> TopicGround:
        """The topics each actor's profile works on (over an index, those of every
        actor, kept once for every topic), the actors' names and kinds, and the
        publications, events and groups led on the topic."""
        requests = Requests()
        at_topics = requests.add([] if indexes_every_actor(store) else _topic_requests(actors))
        at_works = requests.add([([topic.id], list(WORKS_ABOUT)), ([topic.id], list(LEADS_ON))])
        walks = store.follow_many(requests.all)
        if indexes_every_actor(store):
            profiles = store.remember(
                "profiles", None, lambda: _Profiles.of(store, shortlist.ActorOrder.of(store).ids)
            )
        else:
            profiles = _Profiles.read(walks[at_topics])
        nodes = sorted(store.nodes(actors), key=lambda node: node.id)
        families: dict[str, list[str]] = defaultdict(list)
        for node in nodes:
            families[family_of(node.kind)].append(node.id)
        names = _names_of_topic(topic)
        return cls(
            topic_counts=profiles.topic_counts,
            own=profiles.own,
            families=dict(families),
            named={n.id: words for n in nodes if (words := _carried(n.name, names))},
            works=_works(walks[at_works][0]).get(topic.id, {}),
            leads=_leads(walks[at_works][1]).get(topic.id, {}),
        )


@dataclass(frozen=True)
class _Profiles:
    """Per actor the number of topics it and its groups work on, and (person, topic)
    for each topic a person's own profile wrote."""

    topic_counts: dict[str, int]
    own: frozenset[tuple[str, str]]

    @classmethod
    def of(cls, store: Store, actors: list[str]) -> _Profiles:
        return cls.read(store.follow_many(_topic_requests(actors)))

    @classmethod
    def read(cls, walk_lists: list[list[Walk]]) -> _Profiles:
        """From the walks of `_topic_requests`."""
        return cls(_topic_counts(walk_lists), frozenset(_own_topics(walk_lists[:1])))


def indexes_every_actor(store: Store) -> bool:
    """Whether `store` places every actor at once (`Store.placed`, the read model):
    then what holds for every actor is worked out once and kept, not per question."""
    return store.placed((), ()) is not None


@dataclass(frozen=True)
class _Strength:
    """How much a piece of evidence says: its match, less through a group, less for a
    profile of many topics; a person's own profile is their own word on each of their
    topics, so it keeps its whole strength (the strongest evidence there is). Aged."""

    weights: Weights
    today: date
    topic_counts: dict[str, int]  # per actor, the topics it and its groups work on
    own: frozenset[tuple[str, str]]

    def of(self, item: Evidence) -> float:
        w = self.weights
        strength = {"exact": 1.0, "narrower": w.narrower, "broader": w.broader}[item.match]
        if item.via:
            strength *= w.through_group
        if own_days(item, self.own, self.today) is None:
            strength *= specificity(self.topic_counts.get(item.actor, 1))
        return strength * w.decay(item.verified, self.today)

    def of_leads(self, walk: Walk) -> float:
        """`Weights.leads` for leading a group on the asked topic itself, times
        `narrower` on a narrower one; aged."""
        narrower = self.weights.narrower if len(walk.nodes) > 3 else 1.0
        return (
            self.weights.leads * narrower * self.weights.decay(walk.oldest_verified(), self.today)
        )

    def of_works(self, works: Sequence[Walk]) -> float:
        """Half of `Weights.works` for one publication or event, three quarters for two:
        each more adds half of what is left (aged by the freshest)."""
        fresh = self.weights.decay(max(w.oldest_verified() for w in works), self.today)
        return self.weights.works * (1 - 0.5 ** len(works)) * fresh


def own_days(item: Evidence, own: Collection[tuple[str, str]], today: date) -> int | None:
    """For a person's topic from their own profile (a direct WORKS_ON that their profile
    wrote, in `own`), the days since they confirmed it; None for other evidence."""
    if item.via or (item.actor, item.topic) not in own:
        return None
    try:
        return max(0, (today - date.fromisoformat(item.verified)).days)
    except ValueError:
        return None


def better_evidence(score: float, item: Evidence, old_score: float, old: Evidence) -> bool:
    """Higher score first; equal ones by topic and group id, so every store agrees."""
    return (-score, item.topic, item.via or "") < (-old_score, old.topic, old.via or "")


class Requests:
    """Walks to ask the store for in one round trip, and where each caller's lie."""

    def __init__(self) -> None:
        self.all: list[Request] = []

    def add(self, requests: list[Request]) -> slice:
        start = len(self.all)
        self.all += requests
        return slice(start, len(self.all))


def _leads(walks: list[Walk]) -> dict[str, dict[str, Walk]]:
    """Per asked topic, per person, the group they lead on it: the exact topic before a
    narrower one, then the freshest, then the smallest ids (the same on every store)."""
    ordered = sorted(walks, key=lambda walk: walk.nodes)
    ordered.sort(key=Walk.oldest_verified, reverse=True)  # sorts are stable: ids break ties
    ordered.sort(key=lambda walk: len(walk.nodes))
    found: dict[str, dict[str, Walk]] = defaultdict(dict)
    for walk in ordered:
        found[walk.start].setdefault(walk.end, walk)
    return dict(found)


def _topic_requests(candidates: list[str]) -> list[Request]:
    """The topics each candidate works on itself and through the groups it belongs to."""
    if not candidates:
        return []
    in_group = Step(schema.BELONGING, "out", schema.GROUP_KINDS)
    return [(candidates, [TOPICS_OF]), (candidates, [in_group, TOPICS_OF])]


def _works(walks: list[Walk]) -> dict[str, dict[str, list[Walk]]]:
    """Per asked topic, per actor, its publications and events about it (one walk per
    publication or event: the freshest)."""
    found: dict[str, dict[str, dict[str, Walk]]] = defaultdict(lambda: defaultdict(dict))
    for walk in walks:
        work = walk.nodes[-2]
        old = found[walk.start][walk.end].get(work)
        if old is None or (walk.oldest_verified(), old.nodes) > (
            old.oldest_verified(),
            walk.nodes,
        ):
            found[walk.start][walk.end][work] = walk
    return {
        asked: {actor: sorted(by_work.values()) for actor, by_work in by_actor.items()}
        for asked, by_actor in found.items()
    }


def _topic_counts(walk_lists: list[list[Walk]]) -> dict[str, int]:
    """Per candidate, the number of different topics it and its groups work on."""
    found: dict[str, set[str]] = defaultdict(set)
    for walk in (w for walks in walk_lists for w in walks):
        found[walk.start].add(walk.end)
    return {profile: len(ends) for profile, ends in found.items()}


def _own_topics(walk_lists: list[list[Walk]]) -> set[tuple[str, str]]:
    """(actor, topic) for each direct WORKS_ON that cites a profile: a person's own word,
    on a node their profile made or on a public one they claimed."""
    return {
        (walk.start, walk.end)
        for walks in walk_lists
        for walk in walks
        if is_profile_source(walk.relationships[0].properties.get("source"))
    }


def _names_of_topic(topic: Node) -> list[str]:
    """A topic's name, English label and synonyms, in lower case."""
    names = [topic.name, topic.get("label_en") or "", *topic.get("synonyms", ())]
    return [n.lower() for n in names if len(n) >= MIN_NAME]


def _carried(name: str, topic_names: list[str]) -> str:
    """The first of the topic's names that `name` holds as whole words ("" if none)."""
    words = f" {_plain(name)} "
    return next((n for n in topic_names if f" {_plain(n)} " in words), "")


@functools.lru_cache(maxsize=65536)  # every candidate's name, for every asked topic
def _plain(text: str) -> str:
    return re.sub(r"[^0-9a-zà-ÿ]+", " ", text.lower()).strip()
