"""What a profile can pick from: the graph's organisations, topics, regions and groups,
and the people it names from public sources (to claim)."""

from __future__ import annotations

from dataclasses import dataclass

from graphmodel.graph import Graph
from graphmodel.profiles import GROUP_KINDS, is_profile_source

__all__ = ["Choices", "choices_in", "public_people"]

REGION_LEVELS = ("gemeente", "provincie", "onderwijsregio")  # where people say they work


@dataclass(frozen=True)
class Choices:
    """Per field, the ids one may pick and their names (in the order shown)."""

    organisations: dict[str, str]
    topics: dict[str, str]
    regions: dict[str, str]
    groups: dict[str, str]
    people: dict[str, str]
    linkable: dict[str, str]  # what a forum answer may point to: resources, events, groups


def public_people(graph: Graph) -> dict[str, str]:
    """The people the graph names from public sources (not from their own profile)."""
    return _by_name(n for n in graph.nodes_of("Person") if not is_profile_source(n.get("source")))


def choices_in(graph: Graph) -> Choices:
    """The choices `graph` offers now, each by name."""
    regions = [n for n in graph.nodes_of("Region") if str(n.get("level", "")) in REGION_LEVELS]
    groups = [n for kind in GROUP_KINDS for n in graph.nodes_of(kind)]
    return Choices(
        organisations=_by_name(graph.nodes_of("Organisation")),
        topics=_by_name(graph.nodes_of("Topic")),
        regions=_by_name(regions),
        groups=_by_name(groups),
        people=public_people(graph),
        linkable=_by_name([*graph.nodes_of("Resource"), *graph.nodes_of("Event"), *groups]),
    )


def _by_name(nodes) -> dict[str, str]:
    return {n.id: n.name for n in sorted(nodes, key=lambda n: (n.name.lower(), n.id))}
