"""Entity matching: what a file says about something the graph already holds.

A school or institution from a second file is the same node when its instellingscode and
vestiging agree, else when its normalised name and gemeente do. It then keeps its id, lists
both sources, takes the later verified date, and gains what it lacked. A property the two
sources give differently is never overwritten: the first value stays, the new one goes to
``alternatives`` with its source, and the report lists the conflict. Relationships the graph
already holds are left as they are. Nothing is ever removed, so an import cannot delete
what came from another source.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphmodel.model import GraphBatch, Node, PropertyValue, Relationship
from graphmodel.stores.base import Store
from graphmodel.text import fold
from importers.context import ReadResult
from importers.report import Report

__all__ = ["reconcile"]

PROVENANCE = ("source", "verified", "alternatives")


def reconcile(result: ReadResult, store: Store, report: Report) -> GraphBatch:
    """The batch with matched nodes merged into what `store` holds (see module doc)."""
    batch = result.batch
    same_as = _matches(batch, store)
    incoming_ids = {same_as.get(n.id, n.id) for n in batch.nodes}
    stored = {n.id: n for n in store.nodes(incoming_ids)}
    nodes: dict[str, Node] = {}
    for node in batch.nodes:
        node_id = same_as.get(node.id, node.id)
        before = nodes.get(node_id) or stored.get(node_id)
        origin = result.origins.get(node.id, ("", 0))
        nodes[node_id] = _merge(before, node, node_id, origin, report) if before else node
    relationships = _relationships(batch.relationships, same_as, store)
    return GraphBatch(list(nodes.values()), relationships)


def _matches(batch: GraphBatch, store: Store) -> dict[str, str]:
    """Incoming organisation id -> the id of the same organisation in the store."""
    incoming = [n for n in batch.nodes if n.kind == "Organisation"]
    if not incoming:
        return {}
    existing = store.nodes_of("Organisation")
    by_code = {_code_key(n): n.id for n in existing if n.get("brin")}
    gemeente_of = _gemeenten(store.relationships_of([n.id for n in existing]))
    gemeente_of |= _gemeenten(batch.relationships)
    by_name = {(fold(n.name), gemeente_of.get(n.id)): n.id for n in existing}
    same_as = {}
    for node in incoming:
        match = _by_code(by_code, node) if node.get("brin") else None
        match = match or by_name.get((fold(node.name), gemeente_of.get(node.id)))
        if match and match != node.id:
            same_as[node.id] = match
    return same_as


def _code_key(node: Node) -> tuple[str, str]:
    return (str(node.get("brin", "")).upper(), str(node.get("vestiging", "")).upper())


def _by_code(by_code: dict[tuple[str, str], str], node: Node) -> str | None:
    """The organisation with the node's instellingscode and vestiging; an instelling
    without vestiging (a list of institutions, the 2020 "Adressen" file) is the same as
    its main vestiging 00 of a newer file, and the other way round."""
    brin, vestiging = _code_key(node)
    main = f"{brin}00"
    alias = {"": main, main: ""}.get(vestiging)
    return by_code.get((brin, vestiging)) or (
        by_code.get((brin, alias)) if alias is not None else None
    )


def _gemeenten(relationships: Iterable[Relationship]) -> dict[str, str]:
    return {r.start: r.end for r in relationships if r.type == "LOCATED_IN"}


def _merge(before: Node, node: Node, node_id: str, origin: tuple[str, int], report: Report) -> Node:
    props = dict(before.properties)
    new_source = str(node.get("source", ""))
    props["source"] = _joined(before.get("source", ""), new_source)
    props["verified"] = max(str(before.get("verified", "")), str(node.get("verified", "")))
    alternatives = list(before.get("alternatives", ()))
    for key, value in node.properties.items():
        if key in PROVENANCE or props.get(key) == value:
            continue
        if key not in props:
            props[key] = value
            continue
        alternative = f"{key}={_text(value)} ({new_source})"
        if alternative not in alternatives:
            alternatives.append(alternative)
            report.add(
                origin[0],
                "conflict",
                row=origin[1] or None,
                column=key,
                value=_text(value),
                existing=_text(props[key]),
                existing_source=before.get("source", ""),
                severity="warning",
            )
    if alternatives:
        props["alternatives"] = tuple(alternatives)
    return Node(node_id, before.kind, props)


def _joined(sources: PropertyValue, new: str) -> str:
    """Both sources, each once, in the order they came."""
    parts = [p.strip() for p in f"{sources};{new}".split(";") if p.strip()]
    return "; ".join(dict.fromkeys(parts))


def _text(value: PropertyValue) -> str:
    return ";".join(value) if isinstance(value, tuple) else str(value)


def _relationships(
    relationships: list[Relationship], same_as: dict[str, str], store: Store
) -> list[Relationship]:
    """The file's relationships between the matched ids; those the store holds keep the
    store's properties (an import adds facts, it does not re-source old ones), and an
    organisation the store already places in a gemeente is not placed in a second."""
    renamed = [
        Relationship(same_as.get(r.start, r.start), r.type, same_as.get(r.end, r.end), r.properties)
        for r in relationships
    ]
    starts = {r.start for r in renamed}
    held = {r.key: r for r in store.relationships_of(starts) if r.start in starts}
    placed = {r.start for r in held.values() if r.type == "LOCATED_IN"}
    result: dict[tuple[str, str, str, str], Relationship] = {}
    for rel in renamed:
        if rel.key in held:
            result[rel.key] = held[rel.key]
        elif not (rel.type == "LOCATED_IN" and rel.start in placed):
            result.setdefault(rel.key, rel)
    return list(result.values())
