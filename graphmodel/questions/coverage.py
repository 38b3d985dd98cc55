"""Regional coverage: per region, how many actors work on a topic (or are of a kind).

Policy staff ask "which regions lack which expertise?". The answer counts, for every
region of a level (every one, also those with none), the actors placed in it (see
`places`) that work on the topic (see `graphmodel.stores.evidence`), by kind. A region
with none is a gap; for each gap the nearest region that has coverage is named, by the
distance between centroids (a region without coordinates takes the mean of the regions
inside it).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import chain, repeat
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from graphmodel import schema
from graphmodel.errors import GraphModelError
from graphmodel.model import Node, Step
from graphmodel.questions import distance, places, topics
from graphmodel.stores.evidence import Evidence

if TYPE_CHECKING:
    from graphmodel.stores.base import Store

__all__ = ["ACTOR_COLUMNS", "actors", "coverage", "matrix", "prepare"]

ACTOR_COLUMNS = [
    "region_id",
    "region",
    "actor_id",
    "actor",
    "kind",
    "topic_id",
    "topic",
    "topic_via",
    "region_via",
    "verified",
]


def coverage(
    store: Store, level: str, topic: str | None = None, kind: str | None = None
) -> pd.DataFrame:
    """One row per region of `level`, sorted by name: counts per actor kind, the total,
    how many actors cover it from a larger region around it (`wider`), whether it is a
    gap (none of either), and for a region without actors of its own the nearest one
    with some and its distance.

    `topic` (id or name) limits the count to actors working on it (its narrower topics
    included); `kind` to one kind of actor. An answer of the graph alone, of names and
    counts: a store that does not change under its questions keeps it
    (`Store.remember`).
    """
    kinds = _kinds(level, kind)
    found = store.remember(
        ("coverage", level, topic, kind), None, lambda: _coverage(store, level, topic, kinds)
    )
    return found.copy()


def _coverage(store: Store, level: str, topic: str | None, kinds: tuple[str, ...]) -> pd.DataFrame:
    regions = _LevelRegions.of(store, level)
    actors = _actors(store, topic, kinds)
    indexed = store.at_level(level)
    if indexed is None:
        counts, wider = _placed_counts(store, regions.nodes, actors)
    else:
        counts, wider = _indexed_counts(indexed, actors)
    return _frame(regions, counts, kinds, wider)


@dataclass(frozen=True)
class _LevelRegions:
    """The regions of one level as coverage lists them, by name (then id), with their
    centres in radians (NaN where unknown): the same for every question on the level,
    so kept by a store that does not change under its questions."""

    nodes: list[Node]
    ids: list[str]
    centres: np.ndarray

    @classmethod
    def of(cls, store: Store, level: str) -> _LevelRegions:
        def work_out() -> _LevelRegions:
            nodes = sorted(store.nodes_of("Region", {"level": level}), key=lambda r: (r.name, r.id))
            known = distance.centres(store, nodes)
            centres = [known.get(r.id, (np.nan, np.nan)) for r in nodes]
            radians = np.radians(np.array(centres, dtype=float).reshape(-1, 2))
            return cls(nodes, [r.id for r in nodes], radians)

        return store.remember(("level-regions", level), None, work_out)


Counts = dict[str, dict[str, int]]  # region -> kind -> actors


def _placed_counts(
    store: Store, regions: list[Node], actors: dict[str, str]
) -> tuple[Counts, Counter[str]]:
    """Per region, the actors in it by kind, and how many are around it: from the
    actors placed now."""
    counts: Counts = defaultdict(lambda: defaultdict(int))
    placement = places.place(store, list(actors))
    for actor, found in placement.of.items():
        for region in found:
            counts[region][actors[actor]] += 1
    return counts, _wider(store, regions, placement)


def _indexed_counts(
    indexed: tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]],
    actors: dict[str, str],
) -> tuple[Counts, Counter[str]]:
    """The same, from every actor's regions of the level and those it is around
    (`Store.at_level`)."""
    own, around = indexed
    counts: Counts = defaultdict(lambda: defaultdict(int))
    for kind, of_kind in _by_kind(actors).items():
        for region, found in _regions_counted(own, of_kind).items():
            counts[region][kind] = found
    return counts, _regions_counted(around, actors)


def _by_kind(actors: dict[str, str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for actor, kind in actors.items():
        found[kind].append(actor)
    return found


def _regions_counted(regions_of: dict[str, tuple[str, ...]], actors: Iterable[str]) -> Counter[str]:
    """How many of `actors` each region holds, by `regions_of` (counted in C: coverage
    without a topic counts every actor)."""
    return Counter(chain.from_iterable(map(regions_of.get, actors, repeat(()))))


def _wider(store: Store, regions: list[Node], placement: places.Placement) -> Counter[str]:
    """Per region, how many actors are placed in a larger region around it (not the
    country) without being placed in the region itself."""
    up = Step(("PART_OF",), "out", ("Region",), max_hops=places.HIERARCHY_DEPTH)
    inside: dict[str, set[str]] = defaultdict(set)  # a larger region -> those of ours in it
    for walk in store.follow([r.id for r in regions], [up]):
        inside[walk.end].add(walk.start)
    wider: Counter[str] = Counter()
    for found in placement.of.values():
        around = set().union(*(inside.get(r, ()) for r in found if placement.level(r) != "land"))
        wider.update(around - found.keys())
    return wider


def actors(
    store: Store,
    level: str,
    topic: str | None = None,
    kind: str | None = None,
    region: str | None = None,
) -> pd.DataFrame:
    """The actors behind `coverage`'s counts, in long form: one row per region of `level`
    (or only `region`) and actor counted there, so that a region's rows are as many as
    its total. Each row says why the actor counts: the topic it works on (`topic`, a
    narrower one of the asked, or empty without a topic) and the group through which
    (`topic_via`), the organisation or group through which it is in the region
    (`region_via`, empty when it is there itself), and when the least recently checked
    fact of that placement was verified. Sorted by region, then actor name."""
    kinds = _kinds(level, kind)
    regions = {r.id: r for r in store.nodes_of("Region", {"level": level})}
    if region is not None:
        regions = {region: regions[region]} if region in regions else {}
    counted = _actors(store, topic, kinds)
    evidence = _evidence(store, topic, kinds)
    placed = _placed_in(store, list(counted), list(regions))
    rows = [
        (region_id, actor_id, evidence.get(actor_id), place.via, place.verified)
        for actor_id, found in placed.items()
        for region_id, place in found.items()
        if region_id in regions
    ]
    named = {r[1] for r in rows} | {r[3] for r in rows if r[3]}
    named |= {e.topic for e in evidence.values()} | {e.via for e in evidence.values() if e.via}
    nodes = {n.id: n for n in store.nodes(named)} | regions
    frame = pd.DataFrame(
        [_actor_row(nodes, *row) for row in rows], columns=ACTOR_COLUMNS, dtype=object
    )
    order = [frame["region"].str.casefold(), frame["actor"].str.casefold()]
    keys = pd.DataFrame({"r": order[0], "a": order[1], "i": frame["actor_id"]})
    return frame.loc[keys.sort_values(["r", "a", "i"]).index].reset_index(drop=True)


def _placed_in(
    store: Store, actor_ids: list[str], region_ids: list[str]
) -> dict[str, dict[str, places.Place]]:
    """Where each actor is, at least among `region_ids`: from the index of every actor's
    regions, asked for those regions only (`Store.placed`), else placed now."""
    found = store.placed(actor_ids, region_ids)
    if found is None:
        return places.place(store, actor_ids).of
    return {a: {r: places.Place(r, *way) for r, *way in ways} for a, ways in found.items()}


def _evidence(store: Store, topic: str | None, kinds: tuple[str, ...]) -> dict[str, Evidence]:
    """Per actor, the best reason it works on `topic`: directly before through a group,
    the asked topic before a narrower one, then the freshest."""
    if topic is None:
        return {}
    asked = topics.resolve(store, topic, "Topic")
    found = store.topic_evidence([asked.id], kinds, broader=False)
    best: dict[str, Evidence] = {}
    for item in sorted(found, key=_evidence_rank):
        best.setdefault(item.actor, item)
    return best


def _evidence_rank(item: Evidence) -> tuple:
    return (item.via is not None, item.match != "exact", _newest_first(item.verified), item)


def _newest_first(verified: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in verified or "")


def _actor_row(
    nodes: dict[str, Node],
    region_id: str,
    actor_id: str,
    evidence: Evidence | None,
    region_via: str | None,
    verified: str,
) -> tuple:
    def name(node_id: str | None) -> str | None:
        return nodes[node_id].name if node_id in nodes else node_id

    return (
        region_id,
        nodes[region_id].name,
        actor_id,
        name(actor_id),
        schema.kind_of_id(actor_id).name,
        evidence.topic if evidence else None,
        name(evidence.topic) if evidence else None,
        name(evidence.via) if evidence else None,
        name(region_via),
        verified,
    )


def matrix(store: Store, level: str, kind: str | None = None) -> pd.DataFrame:
    """Region x topic, in long form: for every region of `level` and every topic, how many
    actors (of `kind`, or of every kind) work on the topic or a narrower one. Zeros
    included, sorted by region and topic name. Three round trips, whatever the number of
    topics; kept by a store that does not change under its questions (`Store.remember`)."""
    kinds = _kinds(level, kind)
    found = store.remember(("matrix", level, kind), None, lambda: _matrix(store, level, kinds))
    return found.copy()


def prepare(store: Store) -> None:
    """Work out ahead of the questions, for every level and every kind of actor (and for
    all), the counts without a topic and the region x topic matrix, and for every level
    and topic the counts of all actors on it, on a store that keeps them
    (`Store.remember`, the read model): the coverage page's first view of a level and
    kind, its map and heat map, and a topic's map need not wait for them (a broad topic's
    first map took up to 41 ms at scale 10, counting every actor around each region).

    Examples
    --------
    >>> import graphmodel as gm
    >>> from graphmodel.readmodel import Snapshot
    >>> model = Snapshot.of(gm.open().store)
    >>> prepare(model)
    >>> kept = model.remember(("matrix", "gemeente", "Person"), None, lambda: "not kept")
    >>> list(kept.columns)
    ['region_id', 'region', 'topic_id', 'topic', 'actors']
    """
    for level in places.LEVELS:
        for kind in (None, *schema.ACTOR_KINDS):
            coverage(store, level, None, kind)
            matrix(store, level, kind)
        for topic in store.nodes_of("Topic"):
            coverage(store, level, topic.id)


def _matrix(store: Store, level: str, kinds: tuple[str, ...]) -> pd.DataFrame:
    regions = store.nodes_of("Region", {"level": level})
    topic_nodes = store.nodes_of("Topic")
    indexed = store.at_level(level)
    if indexed is None:
        counts = _placed_cells(store, [t.id for t in topic_nodes], kinds)
    else:
        counts = _indexed_cells(store, indexed[0], [t.id for t in topic_nodes], kinds)
    rows, columns = sorted(regions, key=_by_name), sorted(topic_nodes, key=_by_name)
    row_of = {r.id: i for i, r in enumerate(rows)}
    column_of = {t.id: j for j, t in enumerate(columns)}
    grid = np.zeros((len(rows), len(columns)), dtype=np.int64)
    for (region, topic), n in counts.items():
        if region in row_of and topic in column_of:  # placed: regions of every level
            grid[row_of[region], column_of[topic]] = n
    return pd.DataFrame(
        {
            "region_id": np.repeat(_texts(r.id for r in rows), len(columns)),
            "region": np.repeat(_texts(r.name for r in rows), len(columns)),
            "topic_id": np.tile(_texts(t.id for t in columns), len(rows)),
            "topic": np.tile(_texts(t.name for t in columns), len(rows)),
            "actors": grid.ravel(),
        }
    )


def _texts(values: Iterable[str]) -> np.ndarray:
    return np.array(list(values), dtype=object)


def _placed_cells(
    store: Store, topic_ids: list[str], kinds: tuple[str, ...]
) -> Counter[tuple[str, str]]:
    """Per (region, topic), how many actors on the topic are in the region: from the
    topics' evidence and the actors placed now."""
    on_topic: dict[str, set[str]] = defaultdict(set)
    for found in store.topic_evidence(topic_ids, kinds, broader=False):
        on_topic[found.asked].add(found.actor)
    placement = places.place(store, set().union(*on_topic.values()))
    counts: Counter[tuple[str, str]] = Counter()
    for topic_id, actors in on_topic.items():
        for actor in actors:
            counts.update((region, topic_id) for region in placement.of.get(actor, {}))
    return counts


def _indexed_cells(
    store: Store, own: dict[str, tuple[str, ...]], topic_ids: list[str], kinds: tuple[str, ...]
) -> Counter[tuple[str, str]]:
    """The same, from who works on each topic (`Store.workers`) and every actor's
    regions of the level (`Store.at_level`)."""
    counts: Counter[tuple[str, str]] = Counter()
    for topic_id, actors in (store.workers(topic_ids, kinds) or {}).items():
        found = _regions_counted(own, actors)
        counts.update({(region, topic_id): n for region, n in found.items()})
    return counts


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


def _actors(store: Store, topic: str | None, kinds: tuple[str, ...]) -> dict[str, str]:
    """The actors to count, with their kind (every actor of `kinds` without a topic: the
    same at every level, so kept by a store that does not change under its questions)."""
    if topic is None:
        return store.remember(
            ("actors of", kinds), None, lambda: {n.id: k for k in kinds for n in store.nodes_of(k)}
        )
    asked = topics.resolve(store, topic, "Topic")
    indexed = store.workers([asked.id], kinds)
    if indexed is not None:
        return indexed[asked.id]
    found = store.topic_evidence([asked.id], kinds, broader=False)
    return {e.actor: schema.kind_of_id(e.actor).name for e in found}


def _frame(
    regions: _LevelRegions,
    counts: dict[str, dict[str, int]],
    kinds: tuple[str, ...],
    wider: Counter[str],
) -> pd.DataFrame:
    """The counted regions in their order, built a column at a time (texts and counts
    typed as such also when there are no regions of the level)."""
    nodes = regions.nodes
    by_kind = {k: _column(regions, {r: n[k] for r, n in counts.items() if k in n}) for k in kinds}
    total = np.sum(list(by_kind.values()), axis=0, dtype=np.int64)
    around = _column(regions, wider)
    return pd.DataFrame(
        {
            "region_id": pd.array(regions.ids, dtype="str"),
            "region": pd.array([r.name for r in nodes], dtype="str"),
            "code": pd.array([r.get("code", "") for r in nodes], dtype="str"),
            **by_kind,
            "total": total,
            "wider": around,
            "gap": (total == 0) & (around == 0),
            **_nearest(regions, total > 0),
        }
    )


def _column(regions: _LevelRegions, counts: Mapping[str, int]) -> np.ndarray:
    """Per region, in their order, its count in `counts` (0 where it has none)."""
    return np.array([counts.get(r, 0) for r in regions.ids], dtype=np.int64)


def _nearest(regions: _LevelRegions, owning: np.ndarray) -> dict[str, list]:
    """For each region without actors of its own, the nearest region with some (the
    smallest id among equally near ones) and its distance, all pairs measured at once."""
    ids, centres = regions.ids, regions.centres
    located = ~np.isnan(centres[:, 0])
    covered = sorted(np.flatnonzero(owning & located), key=ids.__getitem__)
    uncovered = np.flatnonzero(~owning & located)
    nearest: list[int | None] = [None] * len(ids)
    distances: list[float | None] = [None] * len(ids)
    if covered and len(uncovered):
        here, there = centres[uncovered], centres[covered]
        km = distance.km_radians(here[:, :1], here[:, 1:], there[:, 0], there[:, 1])
        best = km.argmin(axis=1)  # the first of the smallest: by id, the smallest id
        for i, column, row in zip(uncovered, best, km, strict=True):
            nearest[i], distances[i] = covered[column], round(float(row[column]), 1)
    return {
        "nearest_id": [ids[n] if n is not None else None for n in nearest],
        "nearest": [regions.nodes[n].name if n is not None else None for n in nearest],
        "distance_km": distances,
    }
