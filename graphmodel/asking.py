"""From a parsed query to its answer: a people question goes to `find_people`, anything
else to the search within the facets the query named.

A query asks for people when it has people words ("wie", "expert") or a topic together
with a place or a sector ("zij-instroom Zwolle mbo"), and names at least one topic, which
find_people needs. The first place and sector count; the other places stay visible as
parts, so the user can swap them in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from graphmodel.facets import Browse, Facets
from graphmodel.parsing import ParsedQuery

if TYPE_CHECKING:
    from graphmodel.store import GraphStore

__all__ = ["Answer", "answer", "facets_of"]


@dataclass
class Answer:
    """The parse and its answer: ranked people, or search hits."""

    query: ParsedQuery
    people: pd.DataFrame | None = None
    hits: Browse | None = None


def facets_of(query: ParsedQuery) -> Facets:
    """The search filters a query names: its kinds, sector, first place and first topic."""
    first = {t: (query.values(t) or [None])[0] for t in ("sector", "place", "topic")}
    return Facets(tuple(query.values("kind")), first["sector"], first["place"], first["topic"])


def answer(store: GraphStore, query: ParsedQuery, limit: int = 20, lang: str = "nl") -> Answer:
    """The answer to `query` (see the module's docstring for which kind)."""
    topics = query.values("topic")
    if query.asks_for_people and topics:
        places, sectors = query.values("place"), query.values("sector")
        ranked = store.find_people(
            topics,
            region=places[0] if places else None,
            sector=sectors[0] if sectors else None,
            limit=limit,
            lang=lang,
        )
        return Answer(query, people=ranked)
    name = " ".join(query.values("name")) or None
    return Answer(query, hits=store.browse(name, facets_of(query), limit))
