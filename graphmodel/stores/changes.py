"""Work out what a load changes, before anything is written.

Both stores compare the batch with what they hold and write only what is new or
different. That makes a load idempotent (a second run reports 0 created, 0 changed) and
gives the summary its numbers, whatever the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from graphmodel import schema
from graphmodel.errors import GraphModelError
from graphmodel.model import GraphBatch, LoadSummary, Node, PropertyValue, Relationship

__all__ = [
    "LoadPlan",
    "Properties",
    "RelationshipKey",
    "check_batch",
    "normalise_properties",
    "plan_load",
]

Properties = Mapping[str, PropertyValue]
RelationshipKey = tuple[str, str, str, str]


@dataclass
class LoadPlan:
    """The nodes and relationships to write, and the summary of the whole batch."""

    nodes: list[Node] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    summary: LoadSummary = field(default_factory=LoadSummary.empty)

    @property
    def is_empty(self) -> bool:
        return not self.nodes and not self.relationships


def normalise_properties(props: Mapping[str, object]) -> dict[str, PropertyValue]:
    """Properties as the model holds them: lists as tuples, empty values left out."""
    result: dict[str, PropertyValue] = {}
    for key, value in props.items():
        if key.startswith("_") or value is None or value in ("", [], ()):
            continue
        result[key] = tuple(value) if isinstance(value, list | tuple) else value  # type: ignore[assignment]
    return result


def plan_load(
    batch: GraphBatch,
    existing_nodes: Mapping[str, Properties],
    existing_relationships: Mapping[RelationshipKey, Properties],
) -> LoadPlan:
    """Split the batch into created, changed and unchanged against what a store holds.

    `existing_*` need only hold the entries the batch mentions.
    """
    plan = LoadPlan()
    for node in batch.nodes:
        old = existing_nodes.get(node.id)
        if _classify(plan.summary, node.kind, old, node.properties):
            plan.nodes.append(node)
    for rel in batch.relationships:
        old = existing_relationships.get(rel.key)
        if _classify(plan.summary, rel.type, old, rel.properties):
            plan.relationships.append(rel)
    return plan


def _classify(summary: LoadSummary, label: str, old: Properties | None, new: Properties) -> bool:
    """Count one entry; True when it must be written."""
    counter: Counter[str]
    if old is None:
        counter = summary.created
    elif normalise_properties(old) != normalise_properties(new):
        counter = summary.changed
    else:
        summary.unchanged[label] += 1
        return False
    counter[label] += 1
    return True


def check_batch(batch: GraphBatch, stored: Callable[[str], bool]) -> None:
    """Refuse a batch no store can hold: nodes whose id does not start with their kind's
    prefix (``org:`` for an Organisation; the queries read a node's kind from its id,
    as traversal and people in graphmodel.questions do, rather than fetch the node), relationships
    from a node to itself, or relationships that end at nodes neither the batch nor the
    store (`stored`) holds.

    Checked before anything is written, so that a refused load leaves the store as it was.
    """
    misnamed = sorted(n.id for n in batch.nodes if not _id_names_kind(n))
    if misnamed:
        raise GraphModelError(
            f"{len(misnamed)} node id(s) do not start with their kind's prefix (as in "
            f"'org:windesheim'), e.g. {', '.join(misnamed[:5])}"
        )
    looped = sorted({r.start for r in batch.relationships if r.start == r.end})
    if looped:
        raise GraphModelError(
            f"{len(looped)} relationship(s) from a node to itself, e.g. {', '.join(looped[:5])}"
        )
    _check_ends(batch, stored)


def _id_names_kind(node: Node) -> bool:
    named = schema.kind_of_id(node.id)
    return named is not None and named.name == node.kind


def _check_ends(batch: GraphBatch, stored: Callable[[str], bool]) -> None:
    in_batch = {n.id for n in batch.nodes}
    missing = sorted(
        {
            node_id
            for r in batch.relationships
            for node_id in (r.start, r.end)
            if node_id not in in_batch and not stored(node_id)
        }
    )
    if missing:
        raise GraphModelError(
            f"batch refers to {len(missing)} unknown node(s), e.g. {', '.join(missing[:5])}"
        )
