"""Pure functions from graphmodel data to what the browser draws."""

from __future__ import annotations

from graphmodel.model import Subgraph

__all__ = ["KIND_STYLES", "cytoscape_elements", "stylesheet"]

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


def cytoscape_elements(subgraph: Subgraph, selected: str | None) -> list[dict]:
    """Cytoscape elements: nodes with kind and label, edges with their type."""
    nodes = [
        {
            "data": {"id": n.id, "label": n.name, "kind": n.kind},
            "classes": " ".join([n.kind, *_emphasis(n.id, subgraph, selected)]),
        }
        for n in subgraph.nodes
    ]
    edges = [
        {"data": {"id": "|".join(r.key), "source": r.start, "target": r.end, "type": r.type}}
        for r in subgraph.relationships
    ]
    return nodes + edges


def _emphasis(node_id: str, subgraph: Subgraph, selected: str | None) -> list[str]:
    """The selection stands out; nodes beyond the first step go unlabelled so that
    labels do not pile up (the node panel lists them)."""
    if node_id == selected:
        return ["selected"]
    return ["far"] if subgraph.depth.get(node_id, 0) > 1 else []


def stylesheet() -> list[dict]:
    """Cytoscape styles: one rule per kind; labels small, the selection emphasised."""
    rules: list[dict] = [
        {
            "selector": "node",
            "style": {
                "label": "data(label)",
                "font-size": 9,
                "text-wrap": "ellipsis",
                "text-max-width": 110,
                "width": 18,
                "height": 18,
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
        {"selector": ".far", "style": {"label": "", "width": 12, "height": 12}},
        {
            "selector": ".selected",
            "style": {
                "width": 30,
                "height": 30,
                "font-size": 12,
                "font-weight": "bold",
                "border-width": 3,
                "border-color": "#222",
            },
        },
    ]
    rules += [
        {"selector": f".{kind}", "style": {"background-color": colour, "shape": shape}}
        for kind, (colour, shape) in KIND_STYLES.items()
    ]
    return rules
