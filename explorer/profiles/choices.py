"""What a profile can pick from: the graph's organisations, topics, regions and groups."""

from __future__ import annotations

from dataclasses import dataclass

from graphmodel.graph import Graph
from graphmodel.profiles import GROUP_KINDS

__all__ = ["Choices", "choices_in"]

REGION_LEVELS = ("gemeente", "provincie", "onderwijsregio")  # where people say they work


@dataclass(frozen=True)
class Choices:
    """Per field, the ids one may pick and their names (in the order shown)."""

    organisations: dict[str, str]
    topics: dict[str, str]
    regions: dict[str, str]
    groups: dict[str, str]


def choices_in(graph: Graph) -> Choices:
    """The choices `graph` offers now, each by name."""
    regions = [n for n in graph.nodes_of("Region") if str(n.get("level", "")) in REGION_LEVELS]
    groups = [n for kind in GROUP_KINDS for n in graph.nodes_of(kind)]
    return Choices(
        organisations=_by_name(graph.nodes_of("Organisation")),
        topics=_by_name(graph.nodes_of("Topic")),
        regions=_by_name(regions),
        groups=_by_name(groups),
    )


def _by_name(nodes) -> dict[str, str]:
    return {n.id: n.name for n in sorted(nodes, key=lambda n: (n.name.lower(), n.id))}
