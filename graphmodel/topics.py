"""Topics: what people ask about, and who works on it.

Seed 001 asks for a search "in both directions": from a category (networks,
partnerships, research groups) to its topics, and from a topic to the actors on it. The
answers go through the topic vocabulary: a topic's synonyms and English label find it,
and a topic's narrower topics (``BROADER``) count as the topic itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, NamedTuple

import pandas as pd

from graphmodel import schema
from graphmodel.errors import GraphModelError
from graphmodel.model import Node, SearchHit, Step, Walk, node_kind_order
from graphmodel.schema import ACTOR_KINDS, BELONGING, GROUP_KINDS

if TYPE_CHECKING:
    from graphmodel.store import GraphStore, Request

__all__ = [
    "Evidence",
    "Resolver",
    "best_evidence",
    "evidence_requests",
    "read_evidence",
    "resolve",
    "search_with_topics",
    "through_group",
    "topics_by_kind",
]

NARROWER_DEPTH = 3  # levels of narrower topics that count as the topic itself
TOPIC_HITS_FOLLOWED = 3  # search: how many matching topics lead on to their actors

ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # the dates best_evidence compares
Match = str  # "exact", "narrower" or "broader": how an actor's topic relates to the asked


def resolve(store: GraphStore, text: str, kind: str) -> Node:
    """The node of `kind` that `text` names: an id, or the best search match on its
    names and synonyms. Raises GraphModelError when nothing matches."""
    return Resolver(store, [text])(text, kind)


class Resolver:
    """Resolves what a user typed to nodes; the ids among it are fetched in one go."""

    def __init__(self, store: GraphStore, texts: Collection[str]) -> None:
        self.store = store
        ids = [t for t in texts if ":" in t]
        self.by_id = {n.id: n for n in store.nodes(ids)} if ids else {}

    def __call__(self, text: str, kind: str) -> Node:
        found = self.by_id.get(text)
        if found is not None and found.kind == kind:
            return found
        hits = self.store.search_names(text, kinds=[kind], limit=1)
        if not hits:
            raise GraphModelError(f"no {kind} matches {text!r}")
        return hits[0].node


class Evidence(NamedTuple):
    """That `actor` works on `topic`, which is the `asked` topic or related to it
    (`match`), directly or through the group `via`. A named tuple: find_people makes
    one for every candidate's every way to a topic, thousands per question."""

    actor: str
    asked: str
    topic: str
    match: Match
    via: str | None
    verified: str  # of the least recently checked fact on the way


def read_evidence(walk_lists: list[list[Walk]]) -> list[Evidence]:
    """Evidence from the walks of `evidence_requests`."""
    return [_evidence(walk) for walks in walk_lists for walk in walks]


def evidence_requests(
    asked: Collection[str], kinds: Collection[str], broader: bool = True
) -> list[Request]:
    """The walks behind GraphStore.topic_evidence: exact and narrower topics, the broader
    one if asked; each to the actors on it directly and through a group."""
    related = [Step(("BROADER",), "in", min_hops=0, max_hops=NARROWER_DEPTH)]
    if broader:
        related.append(Step(("BROADER",), "out"))
    ends = [(Step(("WORKS_ON",), "in", tuple(kinds)),)]
    people_or_organisations = through_group(kinds)
    if people_or_organisations:
        ends.append(
            (
                Step(("WORKS_ON",), "in", GROUP_KINDS),
                Step(BELONGING, "both", people_or_organisations),
            )
        )
    return [(list(asked), [first, *rest]) for first in related for rest in ends]


def through_group(kinds: Collection[str]) -> tuple[str, ...]:
    """The kinds among `kinds` that work on their groups' topics: people and
    organisations."""
    return tuple(k for k in kinds if k in ("Person", "Organisation"))


def best_evidence(found: Iterable[Evidence], fresh_since: str | None) -> list[Evidence]:
    """Per actor, asked topic and kind of evidence (its `match`, and whether it goes
    through a group), only the best; in no particular order.

    The best is the freshest, where every fact checked on or after `fresh_since` counts
    as equally fresh (find_people scores them alike), then the smallest topic and group
    id. Within one kind, find_people's score only grows with freshness and breaks ties
    the same way, so what is left out here could never be its choice: a store may drop
    it before sending (Neo4jStore.topic_evidence does so on the server).
    """
    best: dict[tuple[str, str, Match, bool], Evidence] = {}
    for item in found:
        key = (item.actor, item.asked, item.match, item.via is None)
        old = best.get(key)
        if old is None or _before(item, old, fresh_since):
            best[key] = item
    return list(best.values())


def _before(new: Evidence, old: Evidence, fresh_since: str | None) -> bool:
    """Whether `new` is better evidence than `old` of the same kind (see best_evidence)."""
    new_standing, old_standing = (_standing(e.verified, fresh_since) for e in (new, old))
    if new_standing != old_standing:
        return new_standing > old_standing
    if (new.topic, new.via) != (old.topic, old.via):
        return (new.topic, new.via or "") < (old.topic, old.via or "")
    return new.verified > old.verified


def _standing(verified: str, fresh_since: str | None) -> str:
    """How fresh a date counts: capped at `fresh_since`; "" (oldest) for no date."""
    if not ISO_DAY.fullmatch(verified):
        return ""
    return min(verified, fresh_since) if fresh_since else verified


def _evidence(walk: Walk) -> Evidence:
    """Evidence from a walk topic -[BROADER]- topic <-[WORKS_ON]- actor (or group - actor)."""
    nodes, rels = walk
    works_on = 0  # after the BROADER steps, if any
    while rels[works_on].type != "WORKS_ON":
        works_on += 1
    match = "exact" if works_on == 0 else "narrower" if rels[0].end == nodes[0] else "broader"
    via = nodes[works_on + 1] if works_on + 2 < len(nodes) else None
    return Evidence(nodes[-1], nodes[0], nodes[works_on], match, via, walk.oldest_verified())


def search_with_topics(
    store: GraphStore, text: str, kinds: Collection[str] | None, limit: int
) -> list[SearchHit]:
    """Nodes named like `text`, then the actors on the topics named like it."""
    hits = store.search_names(text, kinds, limit)
    wanted = [k for k in (kinds or ACTOR_KINDS) if k in ACTOR_KINDS]
    if len(hits) >= limit or not wanted:
        return hits
    seen = {h.node.id for h in hits}
    for topic_hit in store.search_names(text, ["Topic"], TOPIC_HITS_FOLLOWED):
        hits += _actors_on(store, topic_hit, wanted, seen)
    return hits[:limit]


def _actors_on(
    store: GraphStore, topic_hit: SearchHit, kinds: list[str], seen: set[str]
) -> list[SearchHit]:
    """The actors on a topic as search hits ranked below every name match."""
    on_topic = store.topic_evidence([topic_hit.node.id], kinds, broader=False)
    new = store.nodes({e.actor for e in on_topic} - seen)
    new.sort(key=lambda n: (node_kind_order(n.kind), n.id))
    seen.update(n.id for n in new)
    label = f"onderwerp: {topic_hit.node.name}"
    score = round(topic_hit.score / 10, 4)
    return [SearchHit(n, score, label, via_topic=topic_hit.node) for n in new]


def topics_by_kind(store: GraphStore) -> pd.DataFrame:
    """One row per topic: how many actors of each kind work on it directly, and in total."""
    topic_nodes = store.nodes_of("Topic")
    topic_ids = [t.id for t in topic_nodes]
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for walk in store.follow(topic_ids, [Step(("WORKS_ON",), "in", ACTOR_KINDS)]):
        counts[walk.start][schema.kind_of_id(walk.end).name] += 1
    rows = [
        {"topic_id": t.id, "topic": t.name, **{k: counts[t.id][k] for k in ACTOR_KINDS}}
        for t in topic_nodes
    ]
    frame = pd.DataFrame(rows, columns=["topic_id", "topic", *ACTOR_KINDS])
    frame["total"] = frame[list(ACTOR_KINDS)].sum(axis=1)
    return frame.sort_values(["total", "topic_id"], ascending=[False, True], ignore_index=True)
