"""Topics: what people ask about, and who works on it.

Seed 001 asks for a search "in both directions": from a category (networks,
partnerships, research groups) to its topics, and from a topic to the actors on it. The
answers go through the topic vocabulary: a topic's synonyms and English label find it,
and a topic's narrower topics (``BROADER``) count as the topic itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import TYPE_CHECKING

import pandas as pd

from graphmodel import schema
from graphmodel.errors import GraphModelError
from graphmodel.model import Node, SearchHit, Step, node_kind_order
from graphmodel.schema import ACTOR_KINDS

if TYPE_CHECKING:
    from graphmodel.stores.base import Store

__all__ = ["Resolver", "resolve", "search_with_topics", "topics_by_kind"]

TOPIC_HITS_FOLLOWED = 3  # search: how many matching topics lead on to their actors


def resolve(store: Store, text: str, kind: str) -> Node:
    """The node of `kind` that `text` names: an id, or the best search match on its
    names and synonyms. Raises GraphModelError when nothing matches."""
    return Resolver(store, [text])(text, kind)


class Resolver:
    """Resolves what a user typed to nodes; the ids among it are fetched in one go."""

    def __init__(self, store: Store, texts: Collection[str]) -> None:
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


def search_with_topics(
    store: Store, text: str, kinds: Collection[str] | None, limit: int
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
    store: Store, topic_hit: SearchHit, kinds: list[str], seen: set[str]
) -> list[SearchHit]:
    """The actors on a topic as search hits ranked below every name match."""
    on_topic = store.topic_evidence([topic_hit.node.id], kinds, broader=False)
    new = store.nodes({e.actor for e in on_topic} - seen)
    new.sort(key=lambda n: (node_kind_order(n.kind), n.id))
    seen.update(n.id for n in new)
    label = f"onderwerp: {topic_hit.node.name}"
    score = round(topic_hit.score / 10, 4)
    return [SearchHit(n, score, label, via_topic=topic_hit.node) for n in new]


def topics_by_kind(store: Store) -> pd.DataFrame:
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
