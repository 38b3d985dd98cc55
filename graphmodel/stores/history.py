"""What changed, when, and on whose word: the history of the graph's facts.

A fact is never silently overwritten. Every load that is recorded (an import, a returned
verification workbook) leaves one `Change` per thing it changed: a node or relationship
added, a property changed (with its old value and the source and date the old value
rested on), a relationship ended (its `until` set) or a fact confirmed (its `verified`
date moved on). Read backwards, the history gives the graph as it was on any day since
it began (`as_of`); read forwards, what changed since a day (`since`).

Values are kept as the text a curated table holds (`graphmodel.model.cells`), so that the
history is a plain table a person reads and git diffs line by line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass, fields
from datetime import date

import pandas as pd

from graphmodel import schema
from graphmodel.model import GraphBatch, Node, PropertyValue, Relationship, cell_text, cells
from graphmodel.stores.changes import LoadPlan, Properties, RelationshipKey, normalise_properties

__all__ = [
    "ACTIONS",
    "COLUMNS",
    "Change",
    "Occasion",
    "Occasions",
    "additions",
    "as_of",
    "frame",
    "record",
    "relationship_entity",
    "since",
]

ACTIONS = ("added", "changed", "ended", "confirmed")
NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_PROVENANCE = ("source", "verified")


@dataclass(frozen=True)
class Change:
    """One recorded change to one fact.

    `entity` is a node id, or a relationship as ``start|TYPE|end|role``; `field` the
    property that changed (empty for `added`, ``verified`` for `confirmed`).
    """

    date: str
    action: str
    entity: str
    field: str = ""
    old: str = ""
    new: str = ""
    old_source: str = ""
    old_verified: str = ""
    source: str = ""
    by: str = ""
    file: str = ""

    @property
    def key(self) -> str:
        """The whole change as one string: the same change recorded twice is one."""
        return "\t".join(astuple(self))


COLUMNS = tuple(f.name for f in fields(Change))


@dataclass(frozen=True)
class Occasion:
    """What a recorded load is: the day it takes effect, who gave it, from which file."""

    date: str
    by: str = ""
    file: str = ""


# One occasion for a whole load, or one per entity (node id or relationship entity):
# the answers of several returned workbooks are written in one go.
Occasions = Occasion | Mapping[str, Occasion]


def relationship_entity(key: RelationshipKey) -> str:
    """A relationship as the history names it: ``start|TYPE|end|role``."""
    return "|".join(key)


def record(
    plan: LoadPlan,
    existing_nodes: Mapping[str, Properties],
    existing_relationships: Mapping[RelationshipKey, Properties],
    occasions: Occasions,
) -> list[Change]:
    """The changes that writing `plan` makes to what a store held before."""

    def occasion(entity: str) -> Occasion:
        return occasions if isinstance(occasions, Occasion) else occasions[entity]

    changes: list[Change] = []
    for node in plan.nodes:
        old = existing_nodes.get(node.id)
        changes += _entity_changes(node.id, node.name, old, node.properties, occasion(node.id))
    for rel in plan.relationships:
        old = existing_relationships.get(rel.key)
        entity = relationship_entity(rel.key)
        changes += _entity_changes(entity, "", old, rel.properties, occasion(entity))
    return changes


def _entity_changes(
    entity: str, name: str, old: Properties | None, new: Properties, occasion: Occasion
) -> list[Change]:
    new_cells = cells(normalise_properties(new))
    base = {
        "date": occasion.date,
        "entity": entity,
        "source": new_cells.get("source", ""),
        "by": occasion.by,
        "file": occasion.file,
    }
    if old is None:
        return [Change(action="added", new=name, **base)]
    old_cells = cells(normalise_properties(old))
    base |= {
        "old_source": old_cells.get("source", ""),
        "old_verified": old_cells.get("verified", ""),
    }
    names = sorted((old_cells.keys() | new_cells.keys()) - set(_PROVENANCE))
    differ = [n for n in names if old_cells.get(n, "") != new_cells.get(n, "")]
    if not differ:
        verified = new_cells.get("verified", "")
        return [
            Change(
                action="confirmed", field="verified", old=base["old_verified"], new=verified, **base
            )
        ]
    return [
        Change(
            action="ended" if field == "until" and not old_cells.get(field) else "changed",
            field=field,
            old=old_cells.get(field, ""),
            new=new_cells.get(field, ""),
            **base,
        )
        for field in differ
    ]


def as_of(batch: GraphBatch, changes: Sequence[Change], day: date) -> GraphBatch:
    """The graph as it was at the end of `day`: `batch` (the graph now) with every change
    recorded after that day undone, the latest first.

    What was never recorded (an edit made by hand in the data files) cannot be undone:
    the answer is as good as the history is complete.
    """
    nodes = {n.id: n for n in batch.nodes}
    rels = {relationship_entity(r.key): r for r in batch.relationships}
    later = sorted(since(changes, day, inclusive=False), key=lambda c: c.date)  # stable
    for change in reversed(later):
        if change.entity in nodes:
            nodes[change.entity] = _undo_node(nodes[change.entity], change)
        elif change.entity in rels:
            rels[change.entity] = _undo_relationship(rels[change.entity], change)
    removed = {c.entity for c in later if c.action == "added"}
    kept_nodes = [n for i, n in nodes.items() if i not in removed]
    kept_rels = [
        r
        for entity, r in rels.items()
        if entity not in removed and r.start not in removed and r.end not in removed
    ]
    return GraphBatch(kept_nodes, kept_rels)


def since(changes: Iterable[Change], day: date, *, inclusive: bool = True) -> list[Change]:
    """The changes on or after `day` (after it, with `inclusive` False), in order."""
    iso = day.isoformat()
    return [c for c in changes if c.date > iso or (inclusive and c.date == iso)]


def _undo_node(node: Node, change: Change) -> Node:
    column = schema.kind(node.kind).column(change.field)
    return Node(node.id, node.kind, _undone(node.properties, change, column))


def _undo_relationship(rel: Relationship, change: Change) -> Relationship:
    column = next((c for c in schema.RELATIONSHIP_COLUMNS if c.name == change.field), None)
    return Relationship(rel.start, rel.type, rel.end, _undone(rel.properties, change, column))


def _undone(
    props: Properties, change: Change, column: schema.Column | None
) -> dict[str, PropertyValue]:
    """`props` before `change`: the field's old value and the provenance it rested on."""
    result = dict(props)
    if change.action == "added":
        return result
    if change.field not in _PROVENANCE:
        result.pop(change.field, None)
        if change.old:
            result[change.field] = _typed(change.old, column)
    for name, old in (("source", change.old_source), ("verified", change.old_verified)):
        if old:
            result[name] = old
    return result


def _typed(text: str, column: schema.Column | None) -> PropertyValue:
    """A cell's text as the model holds its column's values (the inverse of `cell_text`)."""
    kind = column.type if column else schema.ColumnType.TEXT
    if kind is schema.ColumnType.VALUES:
        return tuple(v for v in text.split(";") if v)
    if kind is schema.ColumnType.BOOLEAN:
        return text == cell_text(True)
    if kind is schema.ColumnType.NUMBER and NUMBER.fullmatch(text):
        return float(text)
    return text


def frame(changes: Iterable[Change]) -> pd.DataFrame:
    """The changes as a DataFrame, one column per `COLUMNS`."""
    return pd.DataFrame([astuple(c) for c in changes], columns=list(COLUMNS))


ADDITION_COLUMNS = ["file", "date", "kind", "added"]


def additions(changes: Iterable[Change]) -> pd.DataFrame:
    """What each recorded load added: nodes per kind, per file and day (the newest load
    first), so that a release says what it brought ("dataset-v2-harvest2, 2026-12-02:
    Person 85"). Relationships added along are left out: their nodes say what came."""
    added = Counter(
        (c.file, c.date, kind.name)
        for c in changes
        if c.action == "added" and "|" not in c.entity and (kind := schema.kind_of_id(c.entity))
    )
    rows = [(file, day, kind, n) for (file, day, kind), n in added.items()]
    table = pd.DataFrame(rows, columns=ADDITION_COLUMNS)
    return table.sort_values(
        ["date", "file", "added", "kind"], ascending=[False, True, False, True], ignore_index=True
    )
