"""Facets: narrowing what a search finds by kind, sector, region and topic.

The explorer's filters ask "of these, which are partnerships, in vo, in Overijssel, on
zij-instroom?". Region and topic use the same rules as every other question: an actor is
in a region when `graphmodel.questions.places` puts it there (a province holds the organisations of
its gemeenten), and on a topic when `graphmodel.questions.topics` finds evidence (narrower topics
included). Sector is a node's own ``sectors``: the filter keeps what declares it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from graphmodel import schema
from graphmodel.model import Node, SearchHit, node_kind_order
from graphmodel.questions import places
from graphmodel.questions.topics import search_with_topics
from graphmodel.text import asked

if TYPE_CHECKING:
    from graphmodel.stores.base import Store

__all__ = ["NO_FACETS", "Browse", "Facets", "browse", "narrow"]

SEARCH_POOL = 300  # search hits a text search draws before the facets narrow them


@dataclass(frozen=True)
class Facets:
    """The filters; empty ones do not filter. `region` and `topic` are node ids."""

    kinds: tuple[str, ...] = ()
    sector: str | None = None
    region: str | None = None
    topic: str | None = None

    def __bool__(self) -> bool:
        return bool(self.kinds or self.sector or self.region or self.topic)

    @property
    def actors_only(self) -> bool:
        """Region and topic only apply to actors: with either, other kinds drop out."""
        return bool(self.region or self.topic)


NO_FACETS = Facets()


@dataclass
class Browse:
    """The first hits that pass the facets and how many pass in all."""

    hits: list[SearchHit]
    total: int


def narrow(store: Store, node_ids: Sequence[str], facets: Facets) -> list[str]:
    """The ids that pass every facet, in their given order."""
    kept = [i for i in node_ids if _kind_passes(i, facets)]
    if facets.sector:
        sectors = {n.id: n.get("sectors") or () for n in store.nodes(kept)}
        kept = [i for i in kept if facets.sector in sectors.get(i, ())]
    if facets.topic and kept:
        on_topic = {e.actor for e in store.topic_evidence([facets.topic], broader=False)}
        kept = [i for i in kept if i in on_topic]
    if facets.region and kept:
        placement = places.place(store, kept)
        kept = [i for i in kept if facets.region in placement.of.get(i, {})]
    return kept


def _kind_passes(node_id: str, facets: Facets) -> bool:
    kind = schema.kind_of_id(node_id)
    name = kind.name if kind else ""
    if facets.kinds and name not in facets.kinds:
        return False
    return not facets.actors_only or name in schema.ACTOR_KINDS


def browse(store: Store, text: str | None, facets: Facets, limit: int = 20) -> Browse:
    """Search `text` within the facets; without text, list what the facets hold (by
    kind and name). Hits keep the search's order and scores."""
    if text and text.strip():
        found = search_with_topics(store, asked(text), facets.kinds or None, SEARCH_POOL)
        by_id = {h.node.id: h for h in found}
        kept = narrow(store, list(by_id), facets)
        return Browse([by_id[i] for i in kept[:limit]], len(kept))
    if not facets:
        return Browse([], 0)
    # Candidates drawn from the topic are on it already: no second walk for the topic.
    remaining = replace(facets, topic=None) if facets.topic else facets
    kept = narrow(store, _candidates(store, facets), remaining)
    nodes = sorted(store.nodes(kept), key=_listing_order)
    return Browse([SearchHit(n, 0.0, "") for n in nodes[:limit]], len(nodes))


def _candidates(store: Store, facets: Facets) -> list[str]:
    """Every node the facets could keep: on the topic if one is asked, else of the kinds."""
    if facets.topic:
        return sorted({e.actor for e in store.topic_evidence([facets.topic], broader=False)})
    kinds = facets.kinds or (schema.ACTOR_KINDS if facets.actors_only else ())
    kinds = kinds or tuple(k.name for k in schema.KINDS)
    return [n.id for kind in kinds for n in store.nodes_of(kind)]


def _listing_order(node: Node) -> tuple[int, str, str]:
    return (node_kind_order(node.kind), node.name.casefold(), node.id)
