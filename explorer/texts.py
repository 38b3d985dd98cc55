"""Interface texts, Dutch first and English second."""

from __future__ import annotations

from graphmodel import schema

__all__ = ["LANGUAGES", "kind_label", "relationship_label", "t"]

LANGUAGES = ("nl", "en")

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Verbindplaats", "Verbindplaats"),
    "tagline": (
        "Vind de juiste mensen in de flexibele lerarenopleiding",
        "Find the right people in flexible teacher education",
    ),
    "search_placeholder": (
        "Zoek een onderwerp, organisatie, netwerk, persoon of plaats",
        "Search a topic, organisation, network, person or place",
    ),
    "no_results": ("Niets gevonden.", "Nothing found."),
    "results": ("Resultaten", "Results"),
    "choose": (
        "Zoek iets en kies een resultaat om de verbindingen te zien.",
        "Search and choose a result to see its connections.",
    ),
    "connections": ("Verbindingen", "Connections"),
    "nearby": (
        "Mensen en organisaties in de buurt (twee stappen)",
        "People and organisations nearby (two steps)",
    ),
    "more": ("en nog {n}", "and {n} more"),
    "source": ("Bron", "Source"),
    "verified": ("Geverifieerd", "Verified"),
    "website": ("Website", "Website"),
    "omitted": (
        "De graaf toont de dichtstbijzijnde knopen; {n} verder weg zijn weggelaten. "
        "Kies een knoop om vanaf daar te kijken.",
        "The graph shows the nearest nodes; {n} further away were left out. "
        "Choose a node to look from there.",
    ),
    "store_down": (
        "De graafdatabase is niet bereikbaar: {error}",
        "The graph database cannot be reached: {error}",
    ),
}


def t(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang` (nl or en), with `values` filled in."""
    dutch, english = TEXTS[key]
    return (english if lang == "en" else dutch).format(**values)


def kind_label(kind_name: str, lang: str) -> str:
    kind = schema.kind(kind_name)
    return kind.label_en if lang == "en" else kind.label_nl


def relationship_label(rel_type: str, lang: str) -> str:
    rel = schema.relationship_type(rel_type)
    return rel.label_en if lang == "en" else rel.label_nl
