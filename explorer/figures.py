"""Pure functions from graphmodel answers to what the browser draws: Cytoscape elements
and styles, the legend, and the graph's twin tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable

import pandas as pd
from dash import html

from explorer.texts import kind_label, relationship_label
from graphmodel.model import Node, Relationship

__all__ = [
    "KIND_STYLES",
    "cytoscape_elements",
    "legend",
    "node_table",
    "relationship_table",
    "stylesheet",
]

# Colour and shape per kind: distinct in colour and in shape, for colour-blind users.
KIND_STYLES: dict[str, tuple[str, str]] = {
    "Organisation": ("#1f77b4", "round-rectangle"),
    "Partnership": ("#ff7f0e", "hexagon"),
    "Alliance": ("#8c564b", "octagon"),
    "Region": ("#7f7f7f", "barrel"),
    "Network": ("#2ca02c", "diamond"),
    "ResearchGroup": ("#9467bd", "triangle"),
    "Person": ("#d62728", "ellipse"),
    "Project": ("#e377c2", "pentagon"),
    "Topic": ("#17becf", "star"),
    "Event": ("#bcbd22", "vee"),
    "Resource": ("#aec7e8", "rectangle"),
}
LABELLED = 12  # besides the selection and expanded nodes, this many best-connected nodes


def cytoscape_elements(
    nodes: list[Node], relationships: list[Relationship], emphasised: Collection[str] = ()
) -> list[dict]:
    """Cytoscape elements: nodes with kind and label, edges with their type.

    Labels would pile up on a full view, so only the `emphasised` nodes (the selection,
    what was expanded) and the best-connected ones carry the class ``labelled``; the
    others show their name on hover.
    """
    degree = Counter(end for r in relationships for end in (r.start, r.end))
    best = sorted(nodes, key=lambda n: (-degree[n.id], n.id))[:LABELLED]
    labelled = set(emphasised) | {n.id for n in best}
    return [
        {
            "data": {"id": n.id, "label": n.name, "kind": n.kind},
            "classes": f"{n.kind} labelled" if n.id in labelled else n.kind,
        }
        for n in nodes
    ] + [
        {"data": {"id": "|".join(r.key), "source": r.start, "target": r.end, "type": r.type}}
        for r in relationships
    ]


def stylesheet(selected: str | None = None) -> list[dict]:
    """Cytoscape styles: one rule per kind, labels only where they help, the selected
    node emphasised (a stylesheet change does not re-run the layout)."""
    rules: list[dict] = [
        {
            "selector": "node",
            "style": {"width": 16, "height": 16, "border-width": 1, "border-color": "#fff"},
        },
        {
            "selector": "node.labelled",
            "style": {
                "label": "data(label)",
                "font-size": 9,
                "text-wrap": "ellipsis",
                "text-max-width": 110,
                "width": 22,
                "height": 22,
            },
        },
        {
            "selector": "edge",
            "style": {
                "width": 1,
                "line-color": "#bbb",
                "curve-style": "bezier",
                "target-arrow-shape": "triangle",
                "target-arrow-color": "#bbb",
                "arrow-scale": 0.6,
            },
        },
    ]
    rules += [
        {"selector": f".{kind}", "style": {"background-color": colour, "shape": shape}}
        for kind, (colour, shape) in KIND_STYLES.items()
    ]
    if selected:
        rules.append(
            {
                "selector": f'node[id = "{_quoted(selected)}"]',
                "style": {
                    "label": "data(label)",
                    "width": 32,
                    "height": 32,
                    "font-size": 12,
                    "font-weight": "bold",
                    "border-width": 3,
                    "border-color": "#222",
                },
            }
        )
    return rules


def _quoted(node_id: str) -> str:
    return node_id.replace("\\", "\\\\").replace('"', '\\"')


def legend(kinds: Iterable[str], lang: str) -> html.Ul:
    """The kinds with their colour and shape, as drawn in the graph (shapes in CSS)."""
    return html.Ul(
        className="legend",
        children=[
            html.Li(
                [
                    html.Span(
                        className=f"swatch shape-{KIND_STYLES[kind][1]}",
                        style={"backgroundColor": KIND_STYLES[kind][0]},
                        **{"aria-hidden": "true"},
                    ),
                    kind_label(kind, lang),
                ]
            )
            for kind in kinds
        ],
    )


def node_table(nodes: list[Node], relationships: list[Relationship], lang: str) -> pd.DataFrame:
    """The graph's nodes as rows: name, kind, links in view, source and verified."""
    degree = Counter(end for r in relationships for end in (r.start, r.end))
    return pd.DataFrame(
        [
            {
                "name": n.name,
                "kind": kind_label(n.kind, lang),
                "links": degree[n.id],
                "id": n.id,
                "source": n.get("source", ""),
                "verified": n.get("verified", ""),
            }
            for n in nodes
        ],
        columns=["name", "kind", "links", "id", "source", "verified"],
    )


def relationship_table(
    nodes: list[Node], relationships: list[Relationship], lang: str
) -> pd.DataFrame:
    """The graph's relationships as rows: from, how, to, role, source and verified."""
    names = {n.id: n.name for n in nodes}
    return pd.DataFrame(
        [
            {
                "from": names.get(r.start, r.start),
                "relationship": relationship_label(r.type, lang),
                "to": names.get(r.end, r.end),
                "role": r.get("role", ""),
                "from_id": r.start,
                "type": r.type,
                "to_id": r.end,
                "source": r.get("source", ""),
                "verified": r.get("verified", ""),
            }
            for r in relationships
        ],
        columns=[
            "from",
            "relationship",
            "to",
            "role",
            "from_id",
            "type",
            "to_id",
            "source",
            "verified",
        ],
    )
