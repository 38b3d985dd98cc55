"""Search by name on the read model: every name ranked once, found by prefix best first.

A search matches when every word asked starts a word of one of a node's names, and a
node scores by its best matching name (`graphmodel.stores.names`): 30, 20 or 10 for a
name equal to the text, starting with it, or only matching word by word, less its
place among the node's names and a hundredth per word. Apart from those three grades
a name's score follows from the name alone, so the read model ranks every name once,
in the order `names.rank_hits` gives its score and ties (by kind, then id). Per kind
it keeps the names sorted, and the words of every name sorted, each with its name's
rank: the names starting with the text, and those with a word starting with a word
asked, are each a run of those lists, and a `_RankTree` gives the ranks of a run
best first without looking at the rest. A search merges, per kind, the names equal
to the text, the names starting with it and the names with a word starting with its
rarest word (checked for the other words), and stops at the page's last new node:
however many thousands of names a short prefix starts, it reads a few dozen.
"""

from __future__ import annotations

import bisect
import heapq
from array import array
from collections.abc import Collection, Iterable, Iterator
from itertools import chain

from graphmodel.model import Node
from graphmodel.model import node_kind_order as kind_order
from graphmodel.stores import names
from graphmodel.text import fold

__all__ = ["WordIndex"]

# The grades of a match (`names._match`): a name equal to the text, one that starts
# with it, one that matches word by word. A grade is worth ten points, that is 1000
# hundredths.
EQUAL, STARTING, WORDS = 3, 2, 1
GRADE = 1000


class WordIndex:
    """The folded names of nodes, ranked once, found by prefix best first.

    Examples
    --------
    >>> index = WordIndex([Node("region:PV21", "Region", {"name": "Fryslân"}),
    ...                    Node("org:fontys", "Organisation", {"name": "Fontys"}),
    ...                    Node("org:fr", "Organisation", {"name": "Fr", "short_name": "F"})])
    >>> index.best("fr", None, 20)
    ['org:fr', 'region:PV21']
    >>> index.best("F", ["Organisation"], 2)  # "F" is the short name of "Fr"
    ['org:fr', 'org:fontys']
    >>> index.best("zeeland fr", None, 20)
    []
    """

    def __init__(self, nodes: Iterable[Node]) -> None:
        self.names: dict[str, list[str]] = {}  # node id -> its folded names (names.search_fields)
        entries = []  # per name of a node: what its score and ties follow from
        for node in nodes:
            found = self.names[node.id] = names.search_fields(node)
            for position, name in enumerate(found):
                # hundredths below its grade's score, see names._match
                below = 100 * min(position, 5) + len(name.split())
                entries.append((below, kind_order(node.kind), node.id, position, name, node.kind))
        entries.sort()
        # per rank (its place in `entries`): hundredths below its grade, node and name
        self._below = array("i", [e[0] for e in entries])
        self._node = [e[2] for e in entries]
        self._name = [e[4] for e in entries]
        # per rank: the node's place in the order of ties (kind, then id)
        tie = {pair: i for i, pair in enumerate(sorted({(e[1], e[2]) for e in entries}))}
        self._tie = array("i", [tie[e[1], e[2]] for e in entries])
        by_kind: dict[str, tuple[list[tuple[str, int]], list[tuple[str, int]]]] = {}
        held: dict[str, str] = {}  # every word once: hundreds of thousands of names share few
        for rank, (*_, name, kind) in enumerate(entries):
            whole, words = by_kind.setdefault(kind, ([], []))
            whole.append((name, rank))
            words.extend((held.setdefault(word, word), rank) for word in set(name.split()))
        # per kind: its names, and the words of its names, each with its name's rank
        self._columns = {
            kind: (_Column(whole), _Column(words)) for kind, (whole, words) in by_kind.items()
        }

    def best(self, text: str, kinds: Collection[str] | None, limit: int) -> list[str]:
        """The ids of the best `limit` nodes (of `kinds`, all when None or empty) for
        `text`, best first: the nodes `names.rank_hits` puts first of all nodes."""
        wanted = fold(text).split()
        if not wanted or limit < 1:
            return []
        joined = " ".join(wanted)
        found: dict[str, None] = {}  # in order, as a set
        for _, _, rank, check in heapq.merge(*self._streams(wanted, joined, kinds)):
            node_id = self._node[rank]
            if node_id in found or (check and not _holds(wanted, self._name[rank])):
                continue
            found[node_id] = None
            if len(found) == limit:
                break
        return list(found)

    def _streams(
        self, wanted: list[str], joined: str, kinds: Collection[str] | None
    ) -> Iterator[Iterator[tuple[int, int, int, bool]]]:
        """Per kind asked, the names that may match, each as (how far below the top
        score in hundredths, its tie, rank, whether the words asked are still to be
        checked), best first: the names equal to the text, those starting with it,
        and those with a word that starts with the word asked that fewest start."""
        for kind, (whole, words) in self._columns.items():
            if kinds and kind not in kinds:
                continue
            start, end = whole.starting(joined)
            equal = whole.equal(joined, start)
            yield self._graded(whole.ranks(start, equal), EQUAL, False)
            yield self._graded(whole.ranks(equal, end), STARTING, False)
            first, last = min((words.starting(w) for w in wanted), key=lambda s: s[1] - s[0])
            yield self._graded(words.ranks(first, last), WORDS, len(wanted) > 1)

    def _graded(
        self, ranks: Iterator[int], grade: int, check: bool
    ) -> Iterator[tuple[int, int, int, bool]]:
        top = (EQUAL - grade) * GRADE
        return ((top + self._below[r], self._tie[r], r, check) for r in ranks)


def _holds(wanted: list[str], name: str) -> bool:
    """Whether every word asked starts a word of `name` (as `names._match` asks)."""
    words = name.split()
    return all(any(w.startswith(q) for w in words) for q in wanted)


class _Column:
    """Keys (names or words) sorted, each with the rank of its name: a prefix's keys
    are a run of it, and `ranks` gives theirs best first."""

    def __init__(self, keyed: list[tuple[str, int]]) -> None:
        keyed.sort()
        self._keys = [key for key, _ in keyed]
        self._ranks = _RankTree([rank for _, rank in keyed])

    def starting(self, prefix: str) -> tuple[int, int]:
        """The run of keys that start with `prefix` (folded: letters and digits)."""
        after = prefix[:-1] + chr(ord(prefix[-1]) + 1)  # the first text past them all
        return bisect.bisect_left(self._keys, prefix), bisect.bisect_left(self._keys, after)

    def equal(self, key: str, start: int) -> int:
        """The end of the run of keys equal to `key` that begins at `start`."""
        return bisect.bisect_right(self._keys, key, start)

    def ranks(self, start: int, end: int) -> Iterator[int]:
        return self._ranks.ascending(start, end)


class _RankTree:
    """Ranks in a fixed order, and the same sorted within blocks of growing size (256,
    then 16 times more per level): any run of them is a few dozen sorted blocks and two
    short ends, merged lazily, so its smallest ranks come without reading the rest.

    >>> ranks = [5, 3, 9, 1, 7] * 200
    >>> list(_RankTree(ranks).ascending(2, 9))
    [1, 1, 3, 5, 7, 9, 9]
    >>> list(_RankTree(ranks).ascending(100, 900)) == sorted(ranks[100:900])
    True
    """

    SMALLEST = 256
    GROWTH = 16

    def __init__(self, ranks: list[int]) -> None:
        self._ranks = array("i", ranks)
        self._levels: list[tuple[int, memoryview]] = []  # (block size, blocks sorted)
        size = self.SMALLEST
        while size <= len(ranks):
            blocks = (sorted(ranks[i : i + size]) for i in range(0, len(ranks), size))
            self._levels.append((size, memoryview(array("i", chain.from_iterable(blocks)))))
            size *= self.GROWTH

    def ascending(self, start: int, end: int) -> Iterator[int]:
        """The ranks at places `start` to `end`, smallest first."""
        runs: list[Iterable[int]] = []
        self._cover(start, end, len(self._levels) - 1, runs)
        return heapq.merge(*runs)

    def _cover(self, start: int, end: int, level: int, runs: list[Iterable[int]]) -> None:
        if end <= start:
            return
        if level < 0:
            runs.append(sorted(self._ranks[start:end]))
            return
        size, blocks = self._levels[level]
        first, last = -(-start // size) * size, end // size * size
        if first >= last:
            self._cover(start, end, level - 1, runs)
            return
        runs.extend(blocks[i : i + size] for i in range(first, last, size))
        self._cover(start, first, level - 1, runs)
        self._cover(last, end, level - 1, runs)
