"""A region as people name it: by id, by CBS code (GM0344, PV26, CR17) or by name, with
the level in front where a name is shared ("provincie Utrecht", "gemeente Utrecht").

A bare name several regions share ("Utrecht": the gemeente, the COROP region and the
province) means the smallest of them, the gemeente: where a seeker works.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graphmodel.errors import GraphModelError
from graphmodel.model import Node
from graphmodel.questions import topics

if TYPE_CHECKING:
    from graphmodel.stores.base import Store

__all__ = ["resolve_region"]

CBS_CODE = re.compile(r"(GM[0-9]{4}|PV[0-9]{2}|CR[0-9]{2})", re.IGNORECASE)
LEVEL_WORDS = {
    "gemeente": "gemeente",
    "provincie": "provincie",
    "province": "provincie",
    "corop": "corop",
    "corop-regio": "corop",
    "onderwijsregio": "onderwijsregio",
}
SMALLEST_FIRST = ("gemeente", "corop", "onderwijsregio", "rap-regio", "provincie", "land")
CHOICES = 20  # name matches looked at for the level asked


def resolve_region(store: Store, text: str, resolver: topics.Resolver | None = None) -> Node:
    """The Region `text` names (see the module docstring); GraphModelError if none.

    >>> import graphmodel as gm
    >>> g = gm.open()
    >>> [resolve_region(g, t).id for t in ("GM0344", "pv26", "provincie Utrecht", "Utrecht")]
    ['region:GM0344', 'region:PV26', 'region:PV26', 'region:GM0344']
    """
    text = text.strip()
    if CBS_CODE.fullmatch(text):
        return _by_code(store, text.upper())
    level, _, rest = text.partition(" ")
    if level.lower() in LEVEL_WORDS and rest.strip():
        return _by_level(store, rest.strip(), LEVEL_WORDS[level.lower()], text)
    if ":" in text:
        return (resolver or topics.Resolver(store, [text]))(text, "Region")
    return _smallest_best(store, text)


def _by_code(store: Store, code: str) -> Node:
    found = store.nodes([f"region:{code}"])
    if not found or found[0].kind != "Region":
        raise GraphModelError(f"no Region has the CBS code {code!r}")
    return found[0]


def _by_level(store: Store, name: str, level: str, text: str) -> Node:
    hits = store.search_names(name, kinds=["Region"], limit=CHOICES)
    found = next((h.node for h in hits if h.node.get("level") == level), None)
    if found is None:
        raise GraphModelError(f"no Region matches {text!r}")
    return found


def _smallest_best(store: Store, name: str) -> Node:
    """Of the regions matching best, the one of the smallest level (then by id)."""
    hits = store.search_names(name, kinds=["Region"], limit=CHOICES)
    if not hits:
        raise GraphModelError(f"no Region matches {name!r}")
    best = [h.node for h in hits if h.score == hits[0].score]
    return min(best, key=lambda n: (_level_order(n), n.id))


def _level_order(region: Node) -> int:
    level = str(region.get("level"))
    return SMALLEST_FIRST.index(level) if level in SMALLEST_FIRST else len(SMALLEST_FIRST)
