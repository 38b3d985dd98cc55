"""Network analysis for analysts: communities, brokers and bridges between regions.

All three work on the *actor network*: the organisations, partnerships, alliances,
networks, research groups, people and projects, joined wherever a relationship joins two
of them (topics, regions, events and resources are left out: sharing a topic is not
knowing each other). It is built from the store in sorted order, so every store gives
the same graph and, with the same seed, the same answers.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from graphmodel import schema
from graphmodel.errors import GraphModelError
from graphmodel.model import to_networkx
from graphmodel.questions import places

if TYPE_CHECKING:
    from graphmodel.stores.base import Store

__all__ = ["actor_network", "bridges", "brokers", "communities", "whole_graph"]

EXACT_BETWEENNESS_UP_TO = 2000  # nodes; larger networks sample this many sources


def whole_graph(store: Store) -> nx.MultiDiGraph:
    """The whole graph for analysis: node attributes `kind` and properties, edge
    attribute `type` and properties."""
    batch = store.export()
    return to_networkx(batch.nodes, batch.relationships)


def actor_network(store: Store) -> nx.Graph:
    """The undirected actor network; node attributes `kind` and `name`."""
    full = whole_graph(store)
    graph = nx.Graph()
    actors = sorted(n for n, kind in full.nodes(data="kind") if kind in schema.ACTOR_KINDS)
    for node_id in actors:
        graph.add_node(
            node_id, kind=full.nodes[node_id]["kind"], name=full.nodes[node_id].get("name", node_id)
        )
    graph.add_edges_from(
        sorted(
            (min(a, b), max(a, b)) for a, b in full.edges() if a in graph and b in graph and a != b
        )
    )
    return graph


def communities(store: Store, resolution: float = 1.0, seed: int = 42) -> pd.DataFrame:
    """Louvain communities, largest first: one row per actor with its community number."""
    graph = actor_network(store)
    found = nx.community.louvain_communities(graph, resolution=resolution, seed=seed)
    ordered = sorted(found, key=lambda c: (-len(c), min(c)))
    rows = [
        {"community": number, "size": len(members), **_describe(graph, node_id)}
        for number, members in enumerate(ordered, start=1)
        for node_id in sorted(members)
    ]
    return pd.DataFrame(rows, columns=["community", "size", "id", "kind", "name"])


def brokers(store: Store, top: int = 20, seed: int = 42) -> pd.DataFrame:
    """The actors on most shortest paths between others (normalised betweenness).

    Exact up to EXACT_BETWEENNESS_UP_TO actors, else estimated from that many sampled
    sources (seeded, so repeatable).
    """
    graph = actor_network(store)
    sample = None if len(graph) <= EXACT_BETWEENNESS_UP_TO else EXACT_BETWEENNESS_UP_TO
    centrality = nx.betweenness_centrality(graph, k=sample, seed=seed)
    ranked = sorted(centrality.items(), key=lambda item: (-item[1], item[0]))[:top]
    rows = [
        {**_describe(graph, n), "betweenness": round(value, 6), "degree": graph.degree(n)}
        for n, value in ranked
    ]
    return pd.DataFrame(rows, columns=["id", "kind", "name", "betweenness", "degree"])


def bridges(store: Store, level: str = "provincie") -> pd.DataFrame:
    """Actors whose direct contacts lie in more than one region of `level`, most first:
    the links between regions."""
    if level not in places.LEVELS:
        raise GraphModelError(f"unknown region level {level!r}; choose from {places.LEVELS}")
    graph = actor_network(store)
    placement = places.place(store, list(graph.nodes))
    region_of = {
        actor: {r for r in found if placement.level(r) == level}
        for actor, found in placement.of.items()
    }
    rows = []
    for actor in graph.nodes:
        reached: dict[str, int] = defaultdict(int)
        for contact in graph.neighbors(actor):
            for region in region_of.get(contact, ()):
                reached[region] += 1
        if len(reached) > 1:
            names = sorted(placement.regions[r].name for r in reached)
            rows.append({**_describe(graph, actor), "regions": len(reached), "region_names": names})
    frame = pd.DataFrame(rows, columns=["id", "kind", "name", "regions", "region_names"])
    return frame.sort_values(["regions", "id"], ascending=[False, True], ignore_index=True)


def _describe(graph: nx.Graph, node_id: str) -> dict[str, str]:
    data = graph.nodes[node_id]
    return {"id": node_id, "kind": data["kind"], "name": data["name"]}
