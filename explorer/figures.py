"""Pure functions from graphmodel answers to what the browser draws: Cytoscape elements
and styles, the legend, and the graph's twin tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping

import pandas as pd
from dash import html

from explorer.placement import GROUPED_FROM, LABEL_WIDTH, WEIGHT_TOP, Placement, Position
from explorer.texts import kind_label, relationship_label
from graphmodel.model import Node, Relationship

__all__ = [
    "GROUP_LABEL",
    "KIND_STYLES",
    "cytoscape_elements",
    "group_labels",
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
GROUP_LABEL = "group-label:"  # + kind: the id of a group's label, which no node id starts with
LABEL_ALL_UP_TO = GROUPED_FROM  # nodes: a view this small has every name on it
LABELLED = 20  # in a larger view, besides the selection and expanded nodes, the best-connected


def cytoscape_elements(
    nodes: list[Node],
    relationships: list[Relationship],
    emphasised: Collection[str] = (),
    added: Collection[str] = (),
    positions: Mapping[str, Position] | None = None,
) -> list[dict]:
    """Cytoscape elements: nodes with kind, label and weight (links in view), edges with
    their type; with `positions` (`explorer.placement`) each node where it goes.

    Names are sized by weight (`stylesheet`). A view of up to `LABEL_ALL_UP_TO` nodes has
    every name; in a larger one only the `emphasised` nodes (the selection, what was
    expanded, marked ``root`` for the tree layout) and the best-connected carry the
    class ``labelled``, the others show their name on hover. Nodes just `added` to the
    view are outlined, so that a click on "Buren tonen" always shows what changed.
    """
    degree = Counter(end for r in relationships for end in (r.start, r.end))
    if len(nodes) <= LABEL_ALL_UP_TO:
        labelled = {n.id for n in nodes}
    else:
        best = sorted(nodes, key=lambda n: (-degree[n.id], n.id))[:LABELLED]
        labelled = set(emphasised) | {n.id for n in best}
    return [
        {
            "data": {
                "id": n.id,
                "label": n.name,
                "kind": n.kind,
                "weight": min(degree[n.id], WEIGHT_TOP),
                "root": n.id in emphasised,
            },
            "classes": " ".join(
                [
                    n.kind,
                    *(["labelled"] if n.id in labelled else []),
                    *(["added"] * (n.id in added)),
                ]
            ),
        }
        | ({"position": _xy(positions[n.id])} if positions and n.id in positions else {})
        for n in nodes
    ] + [
        {"data": {"id": "|".join(r.key), "source": r.start, "target": r.end, "type": r.type}}
        for r in relationships
    ]


def group_labels(placement: Placement, lang: str) -> list[dict]:
    """In a view grouped by kind, a label over each group: its kind and how many.

    The labels are elements of the class ``group-label`` that take no clicks; their ids
    start with `GROUP_LABEL`.
    """
    return [
        {
            "data": {"id": f"{GROUP_LABEL}{kind}", "label": f"{kind_label(kind, lang)} ({n})"},
            "position": _xy(at),
            "classes": "group-label",
            "selectable": False,
            "grabbable": False,
        }
        for kind, (at, n) in sorted(placement.groups.items())
    ]


def _xy(at: Position) -> dict[str, float]:
    return {"x": at[0], "y": at[1]}


def stylesheet(selected: str | None = None) -> list[dict]:
    """Cytoscape styles: one rule per kind, labels only where they help, the selected
    node emphasised (a stylesheet change does not re-run the layout)."""
    rules: list[dict] = [
        {
            "selector": "node",
            "style": {"width": 16, "height": 16, "border-width": 1, "border-color": "#fff"},
        },
        {
            "selector": "node[weight]",  # sized by links in view (route graphs have none)
            "style": {
                "width": f"mapData(weight, 0, {WEIGHT_TOP}, 14, 34)",
                "height": f"mapData(weight, 0, {WEIGHT_TOP}, 14, 34)",
            },
        },
        {
            "selector": "node.labelled",
            "style": {
                "label": "data(label)",
                "font-size": 12,
                "text-wrap": "wrap",
                "text-max-width": LABEL_WIDTH,
                "text-valign": "bottom",
                "text-margin-y": 2,
                "text-background-color": "#fff",
                "text-background-opacity": 0.8,
                "text-background-padding": 1,
                "min-zoomed-font-size": 7,  # a name too small to read gives way to the graph
            },
        },
        {
            "selector": "node.labelled[weight]",
            "style": {"font-size": f"mapData(weight, 0, {WEIGHT_TOP}, 13, 18)"},
        },
        {
            "selector": "node.added",
            "style": {"border-width": 3, "border-color": "#d97706"},
        },
        {
            "selector": "node.group-label",
            "style": {
                "label": "data(label)",
                "width": 1,
                "height": 1,
                "background-opacity": 0,
                "border-width": 0,
                "font-size": 20,
                "font-weight": "bold",
                "color": "#555",
                "text-valign": "center",
                "events": "no",
                "min-zoomed-font-size": 6,
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
                    "font-size": 16,
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
