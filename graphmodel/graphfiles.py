"""A graph as a file that Gephi, Cytoscape desktop and yEd open: GraphML or GEXF.

networkx writes both; what it needs is a graph whose attributes are texts, numbers and
truth values (`graphmodel.model.to_networkx` gives one). Each node gets its name as its
`label`, which is what those programs show on screen.
"""

from __future__ import annotations

import io

import networkx as nx

__all__ = ["GRAPH_FORMATS", "graph_file"]

GRAPH_FORMATS = ("graphml", "gexf")


def graph_file(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """`graph` as a GraphML or GEXF file (`fmt`), its nodes labelled by their names.

    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("org:a", kind="Organisation", name="A")
    >>> b"A" in graph_file(graph, "gexf") and b"<graphml" in graph_file(graph, "graphml")
    True
    """
    if fmt not in GRAPH_FORMATS:
        raise ValueError(f"{fmt!r} is not one of {GRAPH_FORMATS}")
    labelled = graph.copy()
    for node_id, data in labelled.nodes(data=True):
        data["label"] = str(data.get("name", node_id))
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(labelled, buffer)
    else:
        nx.write_gexf(labelled, buffer)
    return buffer.getvalue()
