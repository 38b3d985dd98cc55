"""How a node matches a search text: shared by both stores so they rank alike.

A store finds candidates natively (a scan of the embedded index, Neo4j's full-text
index); this module decides whether and how well each candidate matches. Matching is
case- and accent-insensitive and works on word prefixes: every word of the query must
start a word of one of the node's names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from graphmodel.model import Node, SearchHit, node_kind_order
from graphmodel.text import fold

__all__ = ["SEARCH_FIELDS", "rank_hits", "score", "search_fields", "search_text"]

# Properties that name a node, in the order of how much a match on them counts.
SEARCH_FIELDS = ("name", "short_name", "label_en", "synonyms")


def search_fields(node: Node) -> list[str]:
    """The folded names of a node: its name first, then other names and synonyms."""
    names: list[str] = []
    for key in SEARCH_FIELDS:
        value = node.get(key)
        values = value if isinstance(value, tuple) else (value,) if value else ()
        names.extend(fold(str(v)) for v in values)
    return [n for n in names if n]


def search_text(node: Node) -> str:
    """One folded string of all names, for a store's text index."""
    return " | ".join(search_fields(node))


def score(query: str, node: Node) -> tuple[float, str] | None:
    """How well `node` matches `query` (higher is better) and the name that matched.

    An exact name beats a name that starts with the query, which beats word prefixes;
    a match on the node's own name beats one on a synonym.

    >>> score("fryslan", Node("region:PV21", "Region", {"name": "Fryslân"}))
    (29.99, 'fryslan')
    """
    return _match(fold(query).split(), search_fields(node))


def rank_hits(
    query: str,
    candidates: Iterable[Node],
    limit: int,
    fields: Callable[[Node], list[str]] = search_fields,
) -> list[SearchHit]:
    """Score the candidates and keep the best, ties broken by kind and id. `fields`
    gives a candidate's folded names (a store may keep them rather than fold them for
    every search)."""
    wanted = fold(query).split()
    hits = [
        SearchHit(n, s, m)
        for n in candidates
        if (found := _match(wanted, fields(n)))
        for s, m in [found]
    ]
    hits.sort(key=lambda h: (-h.score, node_kind_order(h.node.kind), h.node.id))
    return hits[:limit]


def _match(wanted: list[str], names: list[str]) -> tuple[float, str] | None:
    """The best of `names` for the folded query words `wanted`, with its score."""
    if not wanted:
        return None
    joined = " ".join(wanted)
    best: tuple[float, str] | None = None
    for position, name in enumerate(names):
        words = name.split()
        if not all(any(w.startswith(q) for w in words) for q in wanted):
            continue
        quality = 3.0 if name == joined else 2.0 if name.startswith(joined) else 1.0
        value = quality * 10 - min(position, 5) - len(words) / 100
        if best is None or value > best[0]:
            best = (round(value, 4), name)
    return best
