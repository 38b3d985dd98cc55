"""Search by name on the read model: the words of every name, sorted, to find by prefix.

A search matches when every word asked starts a word of one of a node's names
(`graphmodel.stores.names`). The embedded store scores every node for every search; the
read model keeps each word of every name once, sorted, with the nodes that carry it,
so a search scores only the nodes that have a word starting with each word asked
(found by bisection) and ranks them with the same `names.rank_hits`: the same hits.
It scores first only the nodes with a name that starts with the text, which beat every
other match: when they fill the page, the others need no score at all.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

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
    >>> sorted(index.named_starting("Fon"))
    ['org:fontys']
    """

    def __init__(self, nodes: Iterable[Node]) -> None:
        self.names: dict[str, list[str]] = {}  # node id -> its folded names (names.search_fields)
        self._holding: dict[str, set[str]] = {}  # word -> the nodes whose names hold it
        for node in nodes:
            found = self.names[node.id] = names.search_fields(node)
            for word in {w for name in found for w in name.split()}:
                self._holding.setdefault(word, set()).add(node.id)
        self._words = sorted(self._holding)
        self._names = sorted(
            (name, node_id) for node_id, found in self.names.items() for name in found
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

    def named_starting(self, text: str) -> set[str]:
        """The nodes with a name that starts with `text` (folded): they match better
        than every other node (`names.rank_hits` scores a name that starts with the
        text at least 14, any other match at most 10)."""
        asked = " ".join(fold(text).split())
        first = bisect.bisect_left(self._names, (asked,))
        found = set()
        for name, node_id in self._names[first:]:
            if not name.startswith(asked):
                break
            found.add(node_id)
        return found if asked else set()

    def _starting(self, prefix: str) -> set[str]:
        first = bisect.bisect_left(self._words, prefix)
        holding: set[str] = set()
        for word in self._words[first:]:
            if not word.startswith(prefix):
                break
            holding |= self._holding[word]
        return holding
