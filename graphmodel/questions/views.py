"""A view that grows by expansion: the explorer's graph, capped so that hubs never flood it.

The user expands nodes one at a time. Each expansion shows a page of the node's
neighbours (nearest kinds first, as `graphmodel.questions.traversal` orders them); asking again
shows the next page. The view as a whole holds at most `max_nodes` nodes and
`max_relationships` relationships, and counts what it left out, so that the browser is
never sent more than a few hundred elements and the user is told what is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graphmodel.errors import NodeNotFound
from graphmodel.model import Node, Relationship
from graphmodel.questions.traversal import neighbourhood

if TYPE_CHECKING:
    from graphmodel.stores.base import Store

__all__ = ["MAX_NODES", "MAX_RELATIONSHIPS", "PAGE_SIZE", "View", "expand"]

PAGE_SIZE = 25  # neighbours shown per expansion click
MAX_NODES = 150
MAX_RELATIONSHIPS = 300


@dataclass
class View:
    """The nodes and relationships to draw, and what was left out."""

    nodes: list[Node] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    hidden: dict[str, int] = field(default_factory=dict)  # expanded node -> not yet shown
    nodes_cut: int = 0  # neighbours left out because the view was full
    relationships_cut: int = 0


def expand(
    store: Store,
    expanded: Sequence[tuple[str, int]],
    page_size: int = PAGE_SIZE,
    max_nodes: int = MAX_NODES,
    max_relationships: int = MAX_RELATIONSHIPS,
) -> View:
    """The view of the (node id, pages) expansions in order: each node with the first
    `pages` x `page_size` of its neighbours, and the relationships among all of them.
    Unknown ids are skipped (a permalink may outlive a node)."""
    view = View()
    shown: dict[str, Node] = {}
    for node_id, pages in expanded:
        try:
            around = neighbourhood(store.node(node_id), 1, None, max(pages, 1) * page_size, store)
        except NodeNotFound:
            continue
        view.hidden[node_id] = around.omitted
        for node in around.nodes:
            if node.id in shown:
                continue
            if len(shown) < max_nodes:
                shown[node.id] = node
            else:
                view.nodes_cut += 1
    view.nodes = list(shown.values())
    inside = store.relationships_among(shown)
    centres = {node_id for node_id, _ in expanded}
    # The links that made the view come first: a cut never strands a neighbour.
    inside.sort(key=lambda r: (r.start not in centres and r.end not in centres, r.key))
    view.relationships = inside[:max_relationships]
    view.relationships_cut = len(inside) - len(view.relationships)
    return view
