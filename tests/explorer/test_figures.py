"""The graph one can read: every name in a small view, sized by its links; in a large one
the names that matter; what a click added, outlined."""

from __future__ import annotations

from explorer.figures import LABEL_ALL_UP_TO, LABELLED, cytoscape_elements, stylesheet
from graphmodel.model import Node, Relationship


def star(leaves: int) -> tuple[list[Node], list[Relationship]]:
    """A topic with `leaves` organisations working on it."""
    nodes = [Node("topic:t", "Topic", {"name": "T"})]
    nodes += [Node(f"org:{i:03}", "Organisation", {"name": f"O{i}"}) for i in range(leaves)]
    rels = [Relationship(n.id, "WORKS_ON", "topic:t") for n in nodes[1:]]
    return nodes, rels


def by_id(elements: list[dict]) -> dict[str, dict]:
    return {e["data"]["id"]: e for e in elements if "source" not in e["data"]}


def test_a_view_that_fits_has_every_name_sized_by_its_links():
    nodes, rels = star(LABEL_ALL_UP_TO - 1)
    found = by_id(cytoscape_elements(nodes, rels, ["topic:t"]))
    assert all("labelled" in e["classes"].split() for e in found.values())
    assert found["topic:t"]["data"]["weight"] > found["org:000"]["data"]["weight"] == 1
    assert found["topic:t"]["data"]["root"] and not found["org:000"]["data"]["root"]
    rules = {r["selector"]: r["style"] for r in stylesheet()}
    assert rules["node.labelled[weight]"]["font-size"].startswith("mapData(weight, 0, 12, 13,")
    assert rules["node.labelled"]["text-wrap"] == "wrap"  # not cut off with an ellipsis


def test_a_large_view_names_its_selection_and_best_connected_nodes():
    nodes, rels = star(LABEL_ALL_UP_TO + 20)
    found = by_id(cytoscape_elements(nodes, rels, ["org:049"]))
    labelled = {i for i, e in found.items() if "labelled" in e["classes"].split()}
    assert {"topic:t", "org:049"} <= labelled
    assert len(labelled) == LABELLED + 1


def test_what_a_click_added_is_outlined():
    nodes, rels = star(3)
    found = by_id(cytoscape_elements(nodes, rels, ["topic:t"], added={"org:002"}))
    assert [i for i, e in found.items() if "added" in e["classes"].split()] == ["org:002"]
    assert any(r["selector"] == "node.added" for r in stylesheet())
