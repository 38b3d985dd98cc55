"""From a parsed query to its answer: a people question goes to `find_people`, anything
else to the search within the facets the query named.

A query asks for people when it has people words ("wie", "expert") or a topic together
with a place or a sector ("zij-instroom Zwolle mbo"), and names at least one topic, which
find_people needs. The first place and sector count; the other places stay visible as
parts, so the user can swap them in. Any other query searches its topic and name words
(search goes from a topic to its actors by itself) within its kinds, sector and place.
A place on its own is looked up by name (the region, and what is named after it).
Filters the user set by hand (`chosen`) win over what the text says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from graphmodel import clock
from graphmodel.questions.facets import NO_FACETS, Browse, Facets, browse
from graphmodel.questions.parsing import ParsedQuery
from graphmodel.questions.people import DEFAULT_WEIGHTS, Seeker, find_people

if TYPE_CHECKING:
    from graphmodel.stores.base import Store

__all__ = ["Answer", "answer", "facets_of"]


@dataclass
class Answer:
    """The parse and its answer: ranked people, or search hits."""

    query: ParsedQuery
    people: pd.DataFrame | None = None
    hits: Browse | None = None


def facets_of(query: ParsedQuery, chosen: Facets = NO_FACETS) -> Facets:
    """The filters a query names (kinds, sector, first place), under those `chosen`."""
    sector, place = _first(query, "sector"), _first(query, "place")
    return Facets(
        chosen.kinds or tuple(query.values("kind")),
        chosen.sector or sector,
        chosen.region or place,
        chosen.topic,
    )


def answer(
    store: Store,
    query: ParsedQuery,
    limit: int = 20,
    lang: str = "nl",
    chosen: Facets = NO_FACETS,
    today: date | None = None,
) -> Answer:
    """The answer to `query` (see the module's docstring for which kind); `today` is
    the day find_people scores freshness for (see `graphmodel.clock`)."""
    facets = facets_of(query, chosen)
    topics = query.values("topic")
    if query.asks_for_people and topics:
        seeker = Seeker.resolve(store, topics, facets.region, facets.sector, None)
        ranked = find_people(store, seeker, limit, DEFAULT_WEIGHTS, clock.today(today), lang)
        return Answer(query, people=ranked)
    if {p.type for p in query.parts} == {"place"}:  # a place alone: look it up by name
        return Answer(query, hits=browse(store, query.text, chosen, limit))
    # the topic's own name (a typo corrected), and the name words as typed
    words = " ".join(
        p.label if p.type == "topic" else p.words
        for p in query.parts
        if p.type in ("topic", "name")
    )
    return Answer(query, hits=browse(store, words or None, facets, limit))


def _first(query: ParsedQuery, part_type: str) -> str | None:
    values = query.values(part_type)
    return values[0] if values else None
