"""Which regions a question's region reaches: the ones it lies in (for whom it is
near) and the ones inside it (what a search for it finds)."""

from __future__ import annotations

from graphmodel.graph import Graph
from graphmodel.model import Step
from graphmodel.questions.places import HIERARCHY_DEPTH, LARGER

__all__ = ["around", "overlap", "within"]

SMALLER = Step(("PART_OF",), "in", ("Region",), min_hops=1, max_hops=HIERARCHY_DEPTH)


def around(graph: Graph, region: str) -> set[str]:
    """`region` and every region it lies in (a gemeente: its COROP region, province...)."""
    return {walk.end for walk in graph.follow([region], [LARGER])} | {region}


def within(graph: Graph, region: str) -> set[str]:
    """`region` and every region that lies in it."""
    return {walk.end for walk in graph.follow([region], [SMALLER])} | {region}


def overlap(graph: Graph, one: str, other: str) -> bool:
    """Whether one of the two regions lies in the other (or they are the same)."""
    return other in around(graph, one) or one in around(graph, other)
