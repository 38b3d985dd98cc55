"""What the graph says about one subject, as the facts a verification round asks about.

A subject is an organisation, partnership, alliance or network. Its facts are its own
properties (every column of its kind, the empty ones too: a round is the moment to fill
them in) and every relationship that touches it: its people, members, memberships,
topics and regions. People appear with their professional role only; their contact
details never travel in a workbook. Each fact keeps a key, so that a returned answer
finds its fact again however the rows were sorted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from graphmodel import schema
from graphmodel.model import Node, Relationship, cells
from graphmodel.questions.freshness import SUBJECT_KINDS

if TYPE_CHECKING:
    from graphmodel.stores.base import Store

__all__ = ["SECTIONS", "SUBJECT_KINDS", "Fact", "facts_about", "property_key", "relationship_key"]


# The parts of a workbook, in the order it lists them: (Dutch, English)
SECTIONS = {
    "own": ("Gegevens", "Details"),
    "people": ("Mensen", "People"),
    "members": ("Leden", "Members"),
    "memberships": ("Lid van", "Member of"),
    "topics": ("Onderwerpen", "Topics"),
    "regions": ("Regio's", "Regions"),
    "other": ("Overige verbanden", "Other links"),
}
_ORDER = {name: i for i, name in enumerate(SECTIONS)}

# What a round does not ask about: the id and the bookkeeping of the fact itself (the
# curator's note and what the sources left uncertain are ours, not the subject's facts).
_NOT_ASKED = {"id", "source", "verified", "alternatives", "uncertain", "note"}
_PERIOD = (("role", "rol"), ("since", "sinds"), ("until", "tot"))


@dataclass(frozen=True)
class Fact:
    """One row of a workbook: what is said (`statement`, `value`) and on what evidence."""

    key: str
    section: str  # a key of SECTIONS
    statement: str
    value: str
    source: str
    verified: str


def property_key(node_id: str, name: str) -> str:
    return f"node|{node_id}|{name}"


def relationship_key(rel: Relationship) -> str:
    return "rel|" + "|".join(rel.key)


def facts_about(store: Store, subject: Node) -> list[Fact]:
    """The subject's own properties, then its relationships by section and statement."""
    rels = store.relationships_of([subject.id])
    names = {n.id: n for n in store.nodes({r.start for r in rels} | {r.end for r in rels})}
    linked = [_relationship_fact(rel, subject.id, names) for rel in rels]
    linked.sort(key=lambda fact: (_ORDER[fact.section], fact.statement, fact.key))
    return _own_facts(subject) + linked


def _own_facts(subject: Node) -> list[Fact]:
    kind = schema.kind(subject.kind)
    values = cells(subject.properties)
    source, verified = values.get("source", ""), values.get("verified", "")
    return [
        Fact(
            property_key(subject.id, c.name),
            "own",
            c.name,
            values.get(c.name, ""),
            source,
            verified,
        )
        for c in kind.all_columns
        if c.name not in _NOT_ASKED
    ]


def _relationship_fact(rel: Relationship, subject_id: str, names: dict[str, Node]) -> Fact:
    other = names[rel.end if rel.start == subject_id else rel.start]
    label = schema.relationship_type(rel.type).label_nl
    values = cells(rel.properties)
    period = "; ".join(f"{word} {values[key]}" for key, word in _PERIOD if values.get(key))
    return Fact(
        key=relationship_key(rel),
        section=_section(rel, subject_id, other),
        statement=f"{names[rel.start].name} — {label} — {names[rel.end].name}",
        value=period,
        source=values.get("source", ""),
        verified=values.get("verified", ""),
    )


def _section(rel: Relationship, subject_id: str, other: Node) -> str:
    if other.kind == "Person":
        return "people"
    if rel.type == "WORKS_ON":
        return "topics"
    if other.kind == "Region":
        return "regions"
    if rel.type == "MEMBER_OF":
        return "memberships" if rel.start == subject_id else "members"
    return "other"
