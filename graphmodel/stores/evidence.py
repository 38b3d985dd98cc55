"""Who works on a topic, as evidence a store reads from its walks.

A topic's narrower topics (``BROADER``, to `NARROWER_DEPTH` levels) count as the topic
itself; an actor works on a topic directly (``WORKS_ON``) or through a group it belongs
to that does. ``Store.topic_evidence`` answers it over `requests`; a server may reduce
the walks as `best_evidence` does before sending them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import NamedTuple

from graphmodel.model import Step, Walk
from graphmodel.schema import BELONGING, GROUP_KINDS

__all__ = ["Evidence", "best_evidence", "read_evidence", "requests", "through_group"]

NARROWER_DEPTH = 3  # levels of narrower topics that count as the topic itself
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # the dates best_evidence compares
Match = str  # "exact", "narrower" or "broader": how an actor's topic relates to the asked


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


def requests(
    asked: Collection[str], kinds: Collection[str], broader: bool = True
) -> list[tuple[list[str], list[Step]]]:
    """The walks behind Store.topic_evidence, as requests for `Store.follow_many`:
    exact and narrower topics, the broader one if asked; each to the actors on it
    directly and through a group."""
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
