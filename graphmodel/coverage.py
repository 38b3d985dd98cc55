"""Regional coverage: per region, how many actors work on a topic (or are of a kind).

Policy staff ask "which regions lack which expertise?". The answer counts, for every
region of a level (every one, also those with none), the actors placed in it (see
`graphmodel.places`) that work on the topic (see `graphmodel.topics`), by kind. A region
with none is a gap; for each gap the nearest region that has coverage is named, by the
distance between centroids (a region without coordinates takes the mean of the regions
inside it).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

import pandas as pd

from graphmodel import distance, places, schema, topics
from graphmodel.errors import GraphModelError
from graphmodel.model import Node

if TYPE_CHECKING:
    from graphmodel.store import GraphStore

__all__ = ["coverage", "matrix"]


def coverage(
    store: GraphStore, level: str, topic: str | None = None, kind: str | None = None
) -> pd.DataFrame:
    """One row per region of `level`, sorted by name: counts per actor kind, the total,
    whether it is a gap, and for a gap the nearest covered region and its distance.

    `topic` (id or name) limits the count to actors working on it (its narrower topics
    included); `kind` to one kind of actor.
    """
    kinds = _kinds(level, kind)
    regions = store.nodes_of("Region", {"level": level})
    actors = _actors(store, topic, kinds)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for actor, found in places.place(store, list(actors)).of.items():
        for region in found:
            counts[region][actors[actor]] += 1
    frame = _frame(regions, counts, kinds)
    return _with_nearest(store, frame, regions)


def matrix(store: GraphStore, level: str, kind: str | None = None) -> pd.DataFrame:
    """Region x topic, in long form: for every region of `level` and every topic, how many
    actors (of `kind`, or of every kind) work on the topic or a narrower one. Zeros
    included, sorted by region and topic name. Three round trips, whatever the number of
    topics."""
    kinds = _kinds(level, kind)
    regions = store.nodes_of("Region", {"level": level})
    topic_nodes = store.nodes_of("Topic")
    on_topic: dict[str, set[str]] = defaultdict(set)
    for found in store.topic_evidence([t.id for t in topic_nodes], kinds, broader=False):
        on_topic[found.asked].add(found.actor)
    placement = places.place(store, set().union(*on_topic.values()))
    counts: Counter[tuple[str, str]] = Counter()
    for topic_id, actors in on_topic.items():
        for actor in actors:
            counts.update((region, topic_id) for region in placement.of.get(actor, {}))
    rows = [
        (r.id, r.name, t.id, t.name, counts[(r.id, t.id)])
        for r in sorted(regions, key=_by_name)
        for t in sorted(topic_nodes, key=_by_name)
    ]
    return pd.DataFrame(rows, columns=["region_id", "region", "topic_id", "topic", "actors"])


def _by_name(node: Node) -> tuple[str, str]:
    return (node.name.casefold(), node.id)


def _kinds(level: str, kind: str | None) -> tuple[str, ...]:
    """The actor kinds to count; GraphModelError for an unknown level or kind."""
    if level not in places.LEVELS:
        raise GraphModelError(
            f"unknown region level {level!r}; choose from {', '.join(places.LEVELS)}"
        )
    if kind and kind not in schema.ACTOR_KINDS:
        raise GraphModelError(f"{kind!r} is not a kind of actor; choose from {schema.ACTOR_KINDS}")
    return (kind,) if kind else schema.ACTOR_KINDS


def _actors(store: GraphStore, topic: str | None, kinds: tuple[str, ...]) -> dict[str, str]:
    """The actors to count, with their kind."""
    if topic is None:
        return {n.id: n.kind for k in kinds for n in store.nodes_of(k)}
    asked = topics.resolve(store, topic, "Topic")
    found = store.topic_evidence([asked.id], kinds, broader=False)
    return {e.actor: schema.kind_of_id(e.actor).name for e in found}


def _frame(
    regions: list[Node], counts: dict[str, dict[str, int]], kinds: tuple[str, ...]
) -> pd.DataFrame:
    rows = [
        {
            "region_id": r.id,
            "region": r.name,
            "code": r.get("code", ""),
            **{k: counts[r.id][k] for k in kinds},
        }
        for r in regions
    ]
    frame = pd.DataFrame(rows, columns=["region_id", "region", "code", *kinds])
    frame["total"] = frame[list(kinds)].sum(axis=1).astype(int)
    frame["gap"] = frame["total"] == 0
    return frame.sort_values(["region", "region_id"], ignore_index=True)


def _with_nearest(store: GraphStore, frame: pd.DataFrame, regions: list[Node]) -> pd.DataFrame:
    centres = distance.centres(store, regions)
    covered = [r for r in frame.loc[~frame["gap"], "region_id"] if r in centres]
    names = dict(zip(frame["region_id"], frame["region"], strict=True))
    nearest, distances = [], []
    for region, gap in zip(frame["region_id"], frame["gap"], strict=True):
        options = (
            sorted((distance.km(centres[region], centres[c]), c) for c in covered)
            if (gap and region in centres)
            else []
        )
        nearest.append(options[0][1] if options else None)
        distances.append(round(options[0][0], 1) if options else None)
    frame["nearest_id"] = nearest
    frame["nearest"] = [names.get(n) if n else None for n in nearest]
    frame["distance_km"] = distances
    return frame
