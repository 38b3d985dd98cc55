"""The choices every page offers (topics, regions, sectors, organisations, kinds) and the
labelled dropdown they are offered in, so that a topic reads the same on every page."""

from __future__ import annotations

from collections.abc import Sequence

from dash import dcc, html

from explorer.texts import Texts, kind_label
from graphmodel import schema
from graphmodel.graph import Graph
from graphmodel.model import Node

__all__ = [
    "LEVEL_NAMES",
    "dropdown",
    "kind_options",
    "level_name",
    "organisation_options",
    "region_options",
    "sector_options",
    "topic_label",
    "topic_options",
]

Options = list[dict]

LEVEL_NAMES = Texts(
    {
        "provincie": ("provincie", "province"),
        "onderwijsregio": ("onderwijsregio", "education region"),
        "corop": ("COROP-regio", "COROP region"),
        "gemeente": ("gemeente", "municipality"),
        "rap-regio": ("RAP-regio", "RAP region"),
        "land": ("land", "country"),
    }
)
SECTOR_NAMES = Texts(
    {
        "po": ("po: primair onderwijs", "po: primary education"),
        "vo": ("vo: voortgezet onderwijs", "vo: secondary education"),
        "mbo": ("mbo: middelbaar beroepsonderwijs", "mbo: vocational education"),
        "hbo": ("hbo: hoger beroepsonderwijs", "hbo: universities of applied sciences"),
        "wo": ("wo: wetenschappelijk onderwijs", "wo: research universities"),
    }
)
# The dropdown's own words (Dash's `labels`), which it would otherwise say in English.
DROPDOWN_WORDS = Texts(
    {
        "select_all": ("Alles kiezen", "Select all"),
        "deselect_all": ("Niets kiezen", "Deselect all"),
        "selected_count": ("{{num_selected}} gekozen", "{{num_selected}} selected"),
        "search": ("Zoek", "Search"),
        "clear_search": ("Wis zoekterm", "Clear search"),
        "clear_selection": ("Wis keuze", "Clear selection"),
        "no_options_found": ("Niets gevonden", "No options found"),
    }
)


def dropdown(
    component_id: str,
    label: str,
    options: Options,
    value: object,
    lang: str,
    *,
    multi: bool = False,
    placeholder: str = "",
    class_name: str = "choice",
) -> html.Div:
    """A labelled dropdown in the page's language. Dash's dropdown names itself by its
    value, so the label also names the group around it, for screen readers."""
    label_id = f"{component_id}-label"
    return html.Div(
        className=class_name,
        role="group",
        **{"aria-labelledby": label_id},
        children=[
            html.Label(label, id=label_id, htmlFor=component_id),
            dcc.Dropdown(
                id=component_id,
                options=options,
                value=value,
                multi=multi,
                searchable=True,
                placeholder=placeholder,
                labels={key: DROPDOWN_WORDS(key, lang) for key in DROPDOWN_WORDS.entries},
            ),
        ],
    )


def topic_label(topic: Node, lang: str) -> str:
    """The topic's Dutch name (the one the data and the reasons use), in English with
    its English name beside it."""
    english = topic.get("label_en")
    return f"{topic.name} ({english})" if lang == "en" and english else topic.name


def topic_options(store: Graph, lang: str) -> Options:
    """Topics by name; typing a synonym or the English name finds them too."""
    topics = sorted(store.nodes_of("Topic"), key=lambda n: n.name.casefold())
    return [
        {
            "label": topic_label(t, lang),
            "value": t.id,
            "search": " ".join([t.name, t.get("label_en", ""), *t.get("synonyms", ())]),
        }
        for t in topics
    ]


def level_name(level: str, lang: str) -> str:
    return LEVEL_NAMES(level, lang)


def region_options(store: Graph, levels: Sequence[str], lang: str) -> Options:
    """Regions of `levels`, large to small, each with its level: "Zwolle (gemeente)"."""
    return [
        {"label": f"{r.name} ({level_name(level, lang)})", "value": r.id}
        for level in levels
        for r in sorted(store.nodes_of("Region", {"level": level}), key=lambda n: n.name)
    ]


def sector_options(lang: str) -> Options:
    return [{"label": SECTOR_NAMES(s, lang), "value": s} for s in schema.SECTORS]


def organisation_options(store: Graph) -> Options:
    """Organisations by name; their short name and BRIN find them too."""
    organisations = sorted(store.nodes_of("Organisation"), key=lambda n: n.name.casefold())
    return [
        {
            "label": o.name,
            "value": o.id,
            "search": " ".join([o.name, o.get("short_name", ""), o.get("brin", "")]),
        }
        for o in organisations
    ]


def kind_options(kinds: Sequence[str], lang: str) -> Options:
    return [{"label": kind_label(k, lang), "value": k} for k in kinds]
