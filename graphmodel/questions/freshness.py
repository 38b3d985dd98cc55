"""How fresh each part of the graph is, and whom to ask next: ``verbindplaats freshness``.

A fact is a node or a relationship; each carries `source` and `verified`. A fact is
fresh when it was verified in the last `provenance.FRESH_DAYS` (`provenance.freshness`
does the sums, so the "Over de data" page and this module agree); a fact without a valid
date is stale and the oldest of all. The subjects of a verification round
(organisations, partnerships, alliances, networks) own their node and every relationship
that touches it: those are the facts a round would ask them about.

Every function works on any Store through its public contract (`export`, and
`graphmodel.questions.places.place` for where the subjects are).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from graphmodel import clock, provenance
from graphmodel.errors import GraphModelError
from graphmodel.model import GraphBatch, Node
from graphmodel.questions import places

if TYPE_CHECKING:
    from graphmodel.stores.base import Store

__all__ = [
    "GROUPINGS",
    "GROUP_COLUMNS",
    "NO_PROVINCE",
    "OLDEST_COLUMNS",
    "SUBJECT_KINDS",
    "TOTAL_COLUMNS",
    "WORKLIST_COLUMNS",
    "by_group",
    "oldest_facts",
    "total",
    "worklist",
]

# Who a verification round goes to (the same kinds as importers.verification.facts).
SUBJECT_KINDS = ("Organisation", "Partnership", "Alliance", "Network")
GROUPINGS = ("org", "region", "kind")
NO_PROVINCE = "(geen provincie)"  # the group of subjects that lie in no province

TOTAL_COLUMNS = ["facts", "fresh", "share_fresh", "oldest"]
GROUP_COLUMNS = ["group", "id", *TOTAL_COLUMNS]
OLDEST_COLUMNS = ["element", "kind", "what", "verified", "source", "key"]
WORKLIST_COLUMNS = ["id", "name", "kind", "facts", "stale", "share_fresh", "oldest", "use"]
_FACT_COLUMNS = [*OLDEST_COLUMNS, "day", "ends"]


def by_group(store: Store, by: str, today: date | None = None) -> pd.DataFrame:
    """Per group, how many facts there are, how many are fresh, that share and the
    oldest date ("" when a fact has no valid date), the lowest share first (ties by
    group and id), so that the part of the field most in need of a round leads.

    `by` is one of GROUPINGS: "kind" (node kind or relationship type; `id` is the kind
    again), "org" (each subject with its own facts; `id` is its node id) or "region"
    (per province, the facts of the subjects located or active in it themselves, each
    fact once; subjects in no province form the group NO_PROVINCE with id "").
    """
    if by not in GROUPINGS:
        raise GraphModelError(f"group by {', '.join(GROUPINGS)}; not by {by!r}")
    batch = store.export()
    facts = _facts(batch)
    if by == "kind":
        members = facts.assign(id=facts["kind"], group=facts["kind"])
    else:
        members = _subject_members(facts, _subjects(batch))
        if by == "region":
            members = _province_members(store, members)
    return _worst_first(_sums(members, clock.today(today)))


def total(store: Store, today: date | None = None) -> pd.DataFrame:
    """All facts together, the headline number: one row of TOTAL_COLUMNS (share_fresh
    is missing when there are no facts)."""
    facts = _facts(store.export())
    sums = _sums(facts.assign(id="", group=""), clock.today(today))
    return sums.iloc[-1:][TOTAL_COLUMNS].reset_index(drop=True)


def oldest_facts(store: Store, limit: int = 20) -> pd.DataFrame:
    """The `limit` least recently verified facts, undated ones first, ties by key (a
    node's id, a relationship's start|TYPE|end|role), so every store lists the same.

    `what` names the fact: a node's name, or "A — TYPE — B" for a relationship.
    """
    facts = _facts(store.export())
    ordered = facts.sort_values(["day", "key"], ignore_index=True)
    return ordered.head(limit)[OLDEST_COLUMNS]


def worklist(store: Store, today: date | None = None, limit: int = 20) -> pd.DataFrame:
    """The subjects to ask in the next verification round: those with at least one
    stale fact, the most stale facts first, then the most used, then by id.

    How often a subject turns up in search results cannot be measured (no usage is
    logged), so `use` counts the relationships touching it instead: each is a route by
    which search and find_people reach it.
    """
    batch = store.export()
    subjects = _subjects(batch)
    sums = _sums(_subject_members(_facts(batch), subjects), clock.today(today))
    use = Counter(end for rel in batch.relationships for end in {rel.start, rel.end})
    table = sums.iloc[:-1].assign(
        name=lambda t: t["group"],
        kind=lambda t: t["id"].map(lambda subject: subjects[subject].kind),
        stale=lambda t: t["facts"] - t["fresh"],
        use=lambda t: t["id"].map(lambda subject: use[subject]),
    )
    table = table[table["stale"] > 0].sort_values(
        ["stale", "use", "id"], ascending=[False, False, True], ignore_index=True
    )
    return table.head(limit)[WORKLIST_COLUMNS]


def _facts(batch: GraphBatch) -> pd.DataFrame:
    """One row per fact: OLDEST_COLUMNS, its valid date or "" (`day`) and the nodes it
    is about (`ends`)."""
    names = {n.id: n.name for n in batch.nodes}
    rows = [_fact(n.id, "node", n.kind, n.name, (n.id,), n.properties) for n in batch.nodes]
    rows += [
        _fact(
            "|".join(r.key),
            "relationship",
            r.type,
            f"{names[r.start]} — {r.type} — {names[r.end]}",
            (r.start, r.end),
            r.properties,
        )
        for r in batch.relationships
    ]
    return pd.DataFrame(rows, columns=_FACT_COLUMNS)


def _fact(
    key: str, element: str, kind: str, what: str, ends: tuple[str, ...], props: Mapping
) -> tuple:
    verified = str(props.get("verified") or "")
    source = str(props.get("source") or "")
    return (element, kind, what, verified, source, key, _day(verified), ends)


def _day(verified: str) -> str:
    """The ISO date `verified` names, or "" (which sorts first and is never fresh)."""
    try:
        return date.fromisoformat(verified).isoformat()
    except ValueError:
        return ""


def _subjects(batch: GraphBatch) -> dict[str, Node]:
    return {n.id: n for n in batch.nodes if n.kind in SUBJECT_KINDS}


def _subject_members(facts: pd.DataFrame, subjects: Mapping[str, Node]) -> pd.DataFrame:
    """The facts once per subject they are about, with the subject as `id` and `group`."""
    rows = facts.explode("ends", ignore_index=True)
    rows = rows[rows["ends"].isin(list(subjects))]
    return rows.assign(id=rows["ends"], group=rows["ends"].map(lambda s: subjects[s].name))


def _province_members(store: Store, members: pd.DataFrame) -> pd.DataFrame:
    """The subjects' facts once per province the subjects lie in (`id`, `group`)."""
    provinces = _provinces(store, set(members["id"]))
    rows = members.assign(place=members["id"].map(provinces)).explode("place", ignore_index=True)
    rows = rows.assign(id=[p[0] for p in rows["place"]], group=[p[1] for p in rows["place"]])
    return rows.drop_duplicates(["id", "key"])


def _provinces(store: Store, subject_ids: Collection[str]) -> dict[str, list[tuple[str, str]]]:
    """Per subject, the (id, name) of each province it is located or active in itself
    (not through a partnership or network it belongs to, as `verify export --region`
    counts), or ("", NO_PROVINCE) when there is none."""
    if not subject_ids:
        return {}
    placement = places.place(store, subject_ids)
    found = {}
    for subject in subject_ids:
        inside = sorted(
            region
            for region, place in placement.of.get(subject, {}).items()
            if place.via is None and placement.level(region) == "provincie"
        )
        found[subject] = [(r, placement.regions[r].name) for r in inside] or [("", NO_PROVINCE)]
    return found


def _sums(members: pd.DataFrame, today: date) -> pd.DataFrame:
    """`provenance.freshness` per (id, group) of `members`; its last row sums up all."""
    frame = pd.DataFrame(
        {"element": members["id"], "kind": members["group"], "verified": members["day"]}
    )
    sums = provenance.freshness(frame, today)
    return sums.rename(columns={"element": "id", "kind": "group", "total": "facts"})


def _worst_first(sums: pd.DataFrame) -> pd.DataFrame:
    groups = sums.iloc[:-1].sort_values(["share_fresh", "group", "id"], ignore_index=True)
    return groups[GROUP_COLUMNS]
