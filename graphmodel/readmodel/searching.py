"""Search by name on the read model: the words of every name, sorted, to find by prefix.

A search matches when every word asked starts a word of one of a node's names
(`graphmodel.stores.names`). The embedded store scores every node for every search; the
read model keeps each word of every name once, sorted, with the nodes that carry it,
so a search scores only the nodes that have a word starting with each word asked
(found by bisection) and ranks them with the same `names.rank_hits`: the same hits.
The nodes with a name that starts with the text beat every other match, in an order that
follows from their names alone: when they fill the page, nothing is matched word by word.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Collection, Iterable

from graphmodel import schema
from graphmodel.model import Node
from graphmodel.stores import names
from graphmodel.text import fold

__all__ = ["WordIndex"]


class WordIndex:
    """The folded names of nodes, and per word the nodes whose names hold it.

    Examples
    --------
    >>> index = WordIndex([Node("region:PV21", "Region", {"name": "Fryslân"}),
    ...                    Node("org:fontys", "Organisation", {"name": "Fontys"})])
    >>> sorted(index.candidates("fr"))
    ['region:PV21']
    >>> sorted(index.candidates("zeeland fr"))
    []
    >>> index.best_named_starting("Fon", None, 20)
    ['org:fontys']
    """

    def __init__(self, nodes: Iterable[Node]) -> None:
        self.names: dict[str, list[str]] = {}  # node id -> its folded names (names.search_fields)
        self._holding: dict[str, set[str]] = {}  # word -> the nodes whose names hold it
        self._kinds: dict[str, str] = {}
        for node in nodes:
            self._kinds[node.id] = node.kind
            found = self.names[node.id] = names.search_fields(node)
            for word in {w for name in found for w in name.split()}:
                self._holding.setdefault(word, set()).add(node.id)
        self._words = sorted(self._holding)
        # every name once per node: (name, its position among the node's names, words, id)
        self._names = sorted(
            (name, position, len(name.split()), node_id)
            for node_id, found in self.names.items()
            for position, name in enumerate(found)
        )

    def candidates(self, text: str) -> set[str]:
        """The nodes that have, for every word of `text`, a word of a name starting
        with it: a superset of those `names.rank_hits` finds."""
        found: set[str] | None = None
        for asked in fold(text).split():
            starting = self._starting(asked)
            found = starting if found is None else found & starting
            if not found:
                return set()
        return found or set()

    def best_named_starting(
        self, text: str, kinds: Collection[str] | None, limit: int
    ) -> list[str]:
        """Of the nodes (of `kinds`) with a name that starts with `text`, the best
        `limit` in the order of `names.rank_hits`. They outrank every other match (a
        name that starts with the text scores at least 14, any other match at most
        10), and each one's score follows from its name alone, so they are ordered
        without matching word by word."""
        asked = " ".join(fold(text).split())
        order = {kind.name: i for i, kind in enumerate(schema.KINDS)}
        best: dict[str, tuple[float, int, str]] = {}
        first = bisect.bisect_left(self._names, (asked,))
        for name, position, words, node_id in self._names[first:]:
            if not asked or not name.startswith(asked):
                break
            kind = self._kinds[node_id]
            if kinds and kind not in kinds:
                continue
            quality = 3.0 if name == asked else 2.0
            key = (-round(quality * 10 - min(position, 5) - words / 100, 4), order[kind], node_id)
            if node_id not in best or key < best[node_id]:
                best[node_id] = key
        return [key[-1] for key in heapq.nsmallest(limit, best.values())]

    def _starting(self, prefix: str) -> set[str]:
        first = bisect.bisect_left(self._words, prefix)
        holding: set[str] = set()
        for word in self._words[first:]:
            if not word.startswith(prefix):
                break
            holding |= self._holding[word]
        return holding
