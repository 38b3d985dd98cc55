"""How to meet an answer of find_people: an introduction route, and a public way in.

An introduction route is a chain of real relationships between actors (a shared network,
partnership, project, affiliation) from the seeker's organisation; where it has none (a
new organisation without relationships yet), from an actor in the seeker's gemeente, and
the route says which. Being in the same gemeente is a reason, not a route: a chain of one
relationship from the gemeente itself is no introduction.

The way in is public only: the answer's own website, a person's e-mail and phone only
where their record marks them public (every exit reads through `graphmodel.stores.privacy`
as well), else the group or organisation through which the answer was found.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from graphmodel import schema
from graphmodel.model import Node, Walk
from graphmodel.stores.routes import ROUTE_MAX_HOPS

if TYPE_CHECKING:
    from graphmodel.stores.base import Store

__all__ = ["Introduction", "Reach", "reach", "routes"]

FROM_ORGANISATION = "organisation"
FROM_GEMEENTE = "gemeente"
# each relationship type's label in a route's words, per language
_LABELS_NL = {definition.name: definition.label_nl for definition in schema.RELATIONSHIPS}
_LABELS_EN = {definition.name: definition.label_en for definition in schema.RELATIONSHIPS}


class Introduction(NamedTuple):
    """A route to an answer and where it starts: the seeker's organisation, or an actor
    in the seeker's gemeente (`start`, FROM_ORGANISATION or FROM_GEMEENTE)."""

    walk: Walk
    start: str
    gemeente: str = ""  # the gemeente's name, for a route from it

    def text(self, names: Mapping[str, str], lang: str) -> str:
        """ "A → lid van → B ← gevestigd in ← C", arrows in the direction of each fact;
        a route from the gemeente says so first."""
        labels = _LABELS_EN if lang == "en" else _LABELS_NL
        parts = [names[self.walk.start]]
        for here, rel in zip(self.walk.nodes[1:], self.walk.relationships, strict=True):
            label = labels[rel.type]
            forward = rel.end == here
            parts.append(f"→ {label} → {names[here]}" if forward else f"← {label} ← {names[here]}")
        route = " ".join(parts)
        if self.start == FROM_GEMEENTE:
            return ("From {0}: " if lang == "en" else "Vanuit {0}: ").format(self.gemeente) + route
        return route


def routes(
    store: Store,
    organisation: Node | None,
    gemeente: Node | None,
    targets: Sequence[str],
) -> dict[str, Introduction]:
    """Per target that has one, the route from `organisation`, else from an actor in
    `gemeente` (the first in id order on a shortest chain)."""
    found: dict[str, Introduction] = {}
    if organisation is not None and targets:
        walks = store.shortest_walks(organisation.id, targets)
        found = {t: Introduction(w, FROM_ORGANISATION) for t, w in walks.items()}
    rest = [t for t in targets if t not in found and t != (organisation.id if organisation else "")]
    if gemeente is not None and rest:
        # one hop more: the first is from the gemeente to an actor in it
        walks = store.shortest_walks(gemeente.id, rest, ROUTE_MAX_HOPS + 1)
        found |= {
            t: Introduction(Walk(w.nodes[1:], w.relationships[1:]), FROM_GEMEENTE, gemeente.name)
            for t, w in walks.items()
            if len(w.relationships) > 1
        }
    return found


class Reach(NamedTuple):
    """How to reach an answer, in words, and the web address to go to (if any)."""

    text: str
    url: str = ""


def reach(node: Node, through: Collection[Node], lang: str) -> Reach:
    """The public way in to `node`: its own contact details where marked public, its
    website, else the first of `through` (the groups and organisations it was found
    through) with a website, else the first of them by name."""
    english = lang == "en"
    contact = _public_contact(node, english)
    website = str(node.get("website") or "")
    if contact or website:
        words = [*contact, *([f"website {website}"] if website else [])]
        return Reach("; ".join(words), website)
    for other in through:
        if other.get("website"):
            url = str(other.get("website"))
            return Reach(
                ("through {0}: {1}" if english else "via {0}: {1}").format(other.name, url), url
            )
    if through:
        return Reach(("through {0}" if english else "via {0}").format(next(iter(through)).name))
    return Reach("no public way in known" if english else "geen openbare contactroute bekend")


def _public_contact(node: Node, english: bool) -> list[str]:
    """A person's e-mail and phone, only where the record marks them public."""
    if node.get("contact_public") is not True:
        return []
    labels = {"email": "e-mail", "phone": "phone" if english else "telefoon"}
    return [f"{labels[key]} {node.get(key)}" for key in ("email", "phone") if node.get(key)]
