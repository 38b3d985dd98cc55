"""Regionale dekking / Regional coverage: which regions lack which expertise.

A map of the Netherlands coloured by how many actors work on the chosen topic (or are of
the chosen kind) per region of a level, the gaps with the nearest region that has
coverage, a region x topic heat map, and the map's numbers as a table and as downloads.
The view lives in the URL (``level``, ``topic``, ``kind``).

Every count opens: a click on a region of the map, or on a cell of the heat map, lists
the actors behind it with why each counts there, as a list and as a table. The downloads
carry those names too (a sheet of their own, or a CSV of one row per region and actor),
with Dutch headers and lines that say what the table shows.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import dash
import numpy as np
import pandas as pd
from dash import Dash, Input, Output, State, ctx, dcc, html, no_update
from flask import Response, abort

from explorer import choices, components, ids, maps, state
from explorer.ages import request_day
from explorer.pages import Page
from explorer.serving import kept
from explorer.texts import COMMON, Texts, kind_label
from graphmodel.errors import GraphModelError
from graphmodel.frames import About
from graphmodel.graph import Graph
from graphmodel.questions.places import LEVELS
from graphmodel.schema import ACTOR_KINDS

__all__ = ["PAGE", "heat_map", "heat_width", "mapped_levels", "offered_levels"]

LEVEL = "coverage-level"
TOPIC = "coverage-topic"
KIND = "coverage-kind"
BODY = "coverage-body"
MAP = "coverage-map"
HEAT = "coverage-heat"
GAPS = "coverage-gaps"
CSV = "coverage-csv"
NAMES_CSV = "coverage-names-csv"
XLSX = "coverage-xlsx"
ACTORS = "coverage-actors"  # the actors behind the clicked region of the map
HEAT_ACTORS = "coverage-heat-actors"  # the actors behind the clicked cell of the heat map
DOWNLOAD = "coverage-download"
HEAT_CELLS = "coverage-heat-cells"  # the row source of the heat map's table
BEHIND_ROWS = "coverage-behind"  # the row source of the table of the actors behind a count
BEHIND_LISTED = 100  # actors listed behind a count; the table and downloads hold them all
DOWNLOAD_NOTICE = "coverage-download-notice"
GEOMETRY = "/kaart/"  # + "<level>.geojson": a level's regions, fetched once by the browser
GEOMETRY_DAYS = 365  # how long a browser keeps it: its address changes with its contents

LEVEL_LABELS = {
    "provincie": ("Provincies", "Provinces"),
    "gemeente": ("Gemeenten", "Municipalities"),
    "corop": ("COROP-regio's", "COROP regions"),
    "onderwijsregio": ("Onderwijsregio's", "Education regions"),
    "rap-regio": ("RAP-regio's", "RAP regions"),
}
TICK_CHARACTERS = 30  # topic names on the heat map's axis are cut here; the hover has them whole
HEAT_ROW_PX = 22
HEAT_COLUMN_PX = 16  # at least, per topic: a cell one can read and tap
HEAT_LABELS_PX = 180  # the region names beside the rows
HEAT_BAR_PX = 70  # the colour bar
HEAT_MARGIN_PX = 230  # room for the slanted topic names above the rows

TEXTS = Texts(
    {
        "heading": ("Regionale dekking", "Regional coverage"),
        "intro": (
            "Welke regio's missen welke expertise? De kaart telt per regio de actoren "
            "(organisaties, netwerken, onderzoeksgroepen, mensen, ...) die aan het gekozen "
            "onderwerp werken, of die van de gekozen soort zijn. Grijs: geen enkele.",
            "Which regions lack which expertise? The map counts per region the actors "
            "(organisations, networks, research groups, people, ...) that work on the "
            "chosen topic, or that are of the chosen kind. Grey: none at all.",
        ),
        "level": ("Indeling", "Division"),
        "topic": ("Onderwerp", "Topic"),
        "kind": ("Soort actor", "Kind of actor"),
        "no_levels": (
            "Er zijn geen regio's met kaartgrenzen geladen, dus er is geen kaart.",
            "No regions with map boundaries are loaded, so there is no map.",
        ),
        "summary": (
            "{covered} van de {regions} regio's hebben minstens één actor, {gaps} geen.",
            "{covered} of the {regions} regions have at least one actor, {gaps} have none.",
        ),
        "summary_wider": (
            "{covered} van de {regions} regio's hebben minstens één eigen actor, {wider} "
            "alleen actoren die in een grotere regio eromheen werken, {gaps} geen.",
            "{covered} of the {regions} regions have at least one actor of their own, "
            "{wider} only actors working in a larger region around them, {gaps} have none.",
        ),
        "wider": (
            "gedekt vanuit een grotere regio",
            "covered from a larger region",
        ),
        "wider_hover": (
            "geen eigen actoren; {n} werken in een grotere regio eromheen",
            "no actors of its own; {n} work in a larger region around it",
        ),
        "wider_column": ("Vanuit grotere regio", "From a larger region"),
        "wider_note": (
            "Een actor die in een hele provincie of COROP-regio actief is, telt voor die "
            "regio en de grotere eromheen, niet voor elke kleinere regio erin: waar hij daar "
            "precies werkt, weten we niet. Zulke kleinere regio's heten hier 'gedekt vanuit "
            "een grotere regio' (een eigen kleur op de kaart), niet 'zonder dekking'. "
            "Mensen tellen waar hun organisatie of groep is.",
            "An actor active in a whole province or COROP region counts for that region and "
            "the larger ones around it, not for every smaller region inside it: we do not "
            "know where exactly it works there. Such smaller regions are shown as 'covered "
            "from a larger region' (a colour of their own on the map), not as gaps. People "
            "count where their organisation or group is.",
        ),
        "unmapped": (
            "Voor de {level} is nog niet geladen welke gemeenten erbij horen, dus er is "
            "geen kaart. De tabel telt de actoren die zelf in een {one} zitten of er lid "
            "van zijn; de kaart verschijnt vanzelf zodra die indeling geladen is.",
            "For the {level} it is not loaded yet which municipalities belong to them, so "
            "there is no map. The table counts the actors that are in an {one} themselves "
            "or members of one; the map appears once that membership is loaded.",
        ),
        "actors": ("actoren", "actors"),
        "actors_column": ("Actoren", "Actors"),
        "count": ("Actoren: {n}", "Actors: {n}"),
        "gap": ("geen (0)", "none (0)"),
        "nearest": (
            "dichtstbij met dekking: {region} ({km} km)",
            "nearest covered: {region} ({km} km)",
        ),
        "map_label": (
            "Kaart van de dekking per regio; klik op een regio voor de actoren erachter. "
            "De tabel eronder heeft dezelfde cijfers.",
            "Map of coverage per region; click a region for the actors behind it. The "
            "table below holds the same numbers.",
        ),
        "open_region": (
            "Klik op een regio op de kaart om te zien welke actoren er meetellen, en waarom.",
            "Click a region on the map to see which actors count there, and why.",
        ),
        "open_cell": (
            "Klik op een cel om te zien welke actoren er meetellen, en waarom.",
            "Click a cell to see which actors count there, and why.",
        ),
        "behind": ("{region}: {n} actoren", "{region}: {n} actors"),
        "behind_topic": ("{region}, {topic}: {n} actoren", "{region}, {topic}: {n} actors"),
        "behind_none": ("Hier telt geen enkele actor mee.", "No actor counts here."),
        "behind_caption": ("Actoren achter de telling", "Actors behind the count"),
        "behind_more": (
            "… en nog {n}: allemaal in de tabel hieronder en in de downloads.",
            "… and {n} more: all in the table below and in the downloads.",
        ),
        "works_on": ("werkt aan {topic}", "works on {topic}"),
        "works_on_via": ("werkt aan {topic} via {via}", "works on {topic} through {via}"),
        "is_in": ("in {region}", "in {region}"),
        "is_in_via": ("in {region} via {via}", "in {region} through {via}"),
        "actor": ("Actor", "Actor"),
        "kind_column": ("Soort", "Kind"),
        "why": ("Waarom hier", "Why here"),
        "actor_id": ("Actor-id", "Actor id"),
        "region_id": ("Regio-id", "Region id"),
        "code": ("CBS-code", "CBS code"),
        "gap_column": ("Zonder dekking", "Without coverage"),
        "yes": ("ja", "yes"),
        "no": ("nee", "no"),
        "download_names": ("Download namen (CSV)", "Download names (CSV)"),
        "sheet_names": ("Actoren", "Actors"),
        "attribution": (
            "Kaartgrenzen: CBS/Kadaster (CC BY 4.0)",
            "Map boundaries: CBS/Kadaster (CC BY 4.0)",
        ),
        "gaps": ("Zonder dekking ({n})", "Without coverage ({n})"),
        "gaps_order": (
            "Verst van een regio met dekking eerst.",
            "Furthest from a covered region first.",
        ),
        "no_gaps": (
            "Geen: elke regio heeft minstens één actor.",
            "None: every region has at least one actor.",
        ),
        "region": ("Regio", "Region"),
        "total": ("Totaal", "Total"),
        "nearest_column": ("Dichtstbij met dekking", "Nearest covered"),
        "distance": ("Afstand (km)", "Distance (km)"),
        "table_caption": ("Actoren per regio", "Actors per region"),
        "heat": ("Regio's en onderwerpen", "Regions and topics"),
        "heat_note": (
            "Onderwerpen waar minstens één actor aan werkt, en regio's met minstens één "
            "actor op een onderwerp ({left_out} zonder zijn weggelaten). Grijs: geen.",
            "Topics at least one actor works on, and regions with at least one actor on a "
            "topic ({left_out} without are left out). Grey: none.",
        ),
        "heat_empty": (
            "In deze regio's werkt geen enkele actor aan een onderwerp.",
            "In these regions no actor works on a topic.",
        ),
        "heat_caption": (
            "Actoren per regio en onderwerp (alleen cellen met actoren)",
            "Actors per region and topic (only cells with actors)",
        ),
    }
)


# --- the page -------------------------------------------------------------------------


def layout(store: Graph, query: state.Query, lang: str) -> html.Div:
    """The controls, set from the permalink; the callback of `register` draws the rest."""
    heading = html.H2(TEXTS("heading", lang))
    levels = offered_levels(store) if mapped_levels(store) else []
    if not levels:
        return html.Div([heading, components.notice(TEXTS("no_levels", lang))])
    topics = store.nodes_of("Topic")
    return html.Div(
        className="coverage",
        children=[
            heading,
            html.P(TEXTS("intro", lang), className="coverage-intro"),
            html.Div(
                className="coverage-controls",
                children=[
                    _level_choice(levels, state.first(query, "level"), lang),
                    choices.dropdown(
                        TOPIC,
                        TEXTS("topic", lang),
                        choices.topic_options(store, lang),
                        _allowed(state.first(query, "topic"), [t.id for t in topics]),
                        lang,
                        placeholder=COMMON("any", lang),
                        class_name="coverage-choice",
                    ),
                    choices.dropdown(
                        KIND,
                        TEXTS("kind", lang),
                        choices.kind_options(ACTOR_KINDS, lang),
                        _allowed(state.first(query, "kind"), ACTOR_KINDS),
                        lang,
                        placeholder=COMMON("any", lang),
                        class_name="coverage-choice",
                    ),
                    html.Div(
                        className="coverage-downloads",
                        children=[
                            html.Button(COMMON("download_csv", lang), id=CSV),
                            html.Button(TEXTS("download_names", lang), id=NAMES_CSV),
                            html.Button(COMMON("download_xlsx", lang), id=XLSX),
                            dcc.Download(id=DOWNLOAD),
                        ],
                    ),
                ],
            ),
            html.Div(id=DOWNLOAD_NOTICE),
            html.Div(id=BODY, className="coverage-body"),
        ],
    )


def mapped_levels(store: Graph) -> list[str]:
    """The levels the map can draw: those whose regions' gemeenten are known (so that
    onderwijsregio's appear by themselves once their membership is loaded)."""
    return [level for level in LEVELS if _mapped(store, level)]


def offered_levels(store: Graph) -> list[str]:
    """The levels to choose from: those with regions, mapped or not (a level without a
    map says why, and still has its table)."""
    return [level for level in LEVELS if store.nodes_of("Region", {"level": level})]


def _allowed(value: str | None, allowed: Collection[str]) -> str | None:
    """`value` if allowed, else nothing: a stale or hand-edited link still opens a view."""
    return value if value in allowed else None


def _level_choice(levels: list[str], wanted: str | None, lang: str) -> html.Fieldset:
    """The levels as radio buttons; the first (provinces) unless the link names one."""
    return html.Fieldset(
        className="coverage-level",
        children=[
            html.Legend(TEXTS("level", lang)),
            dcc.RadioItems(
                id=LEVEL,
                options=[{"label": _label(LEVEL_LABELS[v], lang), "value": v} for v in levels],
                value=_allowed(wanted, levels) or levels[0],
                inline=True,
            ),
        ],
    )


def _label(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _body(store: Graph, level: str, topic: str | None, kind: str | None, lang: str) -> list:
    frame = store.coverage(level, topic, kind)
    mapped = _mapped(store, level)
    return [
        html.P(_summary(frame, lang), className="coverage-summary", role="status"),
        html.Div(
            className="coverage-map-row",
            children=[
                _map(store, level, frame, lang) if mapped else _unmapped(level, lang),
                _gaps(frame, lang),
            ],
        ),
        _behind_panel(ACTORS, TEXTS("open_region", lang)),
        components.folded_table(
            "coverage",
            frame,
            _columns(frame, lang),
            lang,
            TEXTS("table_caption", lang),
            class_name="coverage-table",
        ),
        _heat_section(store, level, topic, kind, lang),
    ]


def _summary(frame: pd.DataFrame, lang: str) -> str:
    """How many regions have actors of their own, only from around them, or none."""
    own = int((frame["total"] > 0).sum())
    gaps = int(frame["gap"].sum())
    wider = len(frame) - own - gaps
    if not wider:
        return TEXTS("summary", lang, covered=own, regions=len(frame), gaps=gaps)
    return TEXTS("summary_wider", lang, covered=own, regions=len(frame), wider=wider, gaps=gaps)


def _unmapped(level: str, lang: str) -> html.Div:
    """Why a level has no map: its membership is not loaded (onderwijsregio's today)."""
    many = _label(LEVEL_LABELS[level], lang).lower()
    one = choices.LEVEL_NAMES(level, lang)
    return html.Div(
        className="coverage-map",
        children=[components.notice(TEXTS("unmapped", lang, level=many, one=one))],
    )


def _map(store: Graph, level: str, frame: pd.DataFrame, lang: str) -> html.Figure:
    counts = dict(zip(frame["region_id"], frame["total"], strict=True))
    wider = dict(zip(frame["region_id"], frame["wider"], strict=True))
    kinds = [k for k in ACTOR_KINDS if k in frame.columns]
    figure = maps.choropleth(
        list(_shapes(store, level)),
        _geometry_address(store, level),
        counts,
        {row.region_id: _hover(row, kinds, lang) for row in frame.itertuples()},
        maps.MapTexts(
            count=TEXTS("actors", lang), gap=TEXTS("gap", lang), wider=TEXTS("wider", lang)
        ),
        wider,
    )
    return html.Figure(
        className="coverage-map",
        children=[
            dcc.Graph(
                id=MAP,
                figure=figure,
                config={
                    "topojsonURL": dash.get_asset_url(maps.TOPOJSON_FOLDER),
                    "displaylogo": False,
                },
            ),
            html.Figcaption(
                f"{TEXTS('map_label', lang)} {TEXTS('attribution', lang)}",
                className="coverage-attribution",
            ),
            html.Details(
                [html.Summary(TEXTS("wider", lang)), html.P(TEXTS("wider_note", lang))],
                className="coverage-note coverage-wider-note",
            ),
        ],
    )


@kept()
def _mapped(store: Graph, level: str) -> bool:
    return maps.level_mapped(store, level)


@kept()
def _shapes(store: Graph, level: str) -> dict[str, maps.Shape]:
    """The regions' geometry: made once a minute per level, not per request."""
    return maps.level_shapes(store, level)


@kept()
def _geometry(store: Graph, level: str) -> tuple[bytes, str]:
    """A level's regions as GeoJSON, and a digest of it that names this version."""
    body = json.dumps(maps.feature_collection(_shapes(store, level))).encode()
    return body, hashlib.sha256(body).hexdigest()[:16]


def _geometry_address(store: Graph, level: str) -> str:
    _, digest = _geometry(store, level)
    return dash.get_relative_path(f"{GEOMETRY}{level}.geojson") + f"?v={digest}"


def _serve_geometry(store: Graph, level: str) -> Response:
    """The GeoJSON the map names; kept by the browser, since its address names its
    contents."""
    if level not in mapped_levels(store):
        abort(404)
    body, _ = _geometry(store, level)
    response = Response(body, mimetype="application/geo+json")
    response.cache_control.public = True
    response.cache_control.max_age = GEOMETRY_DAYS * 86400
    return response


def _hover(row: tuple, kinds: list[str], lang: str) -> str:
    """A region's name, its count, and how many of each of `kinds` (or, for a gap, the
    nearest region that has some)."""
    lines = [f"<b>{row.region}</b>", TEXTS("count", lang, n=row.total)]
    if row.total == 0 and row.wider:
        lines.append(TEXTS("wider_hover", lang, n=row.wider))
    elif row.gap:
        if pd.notna(row.nearest_id):
            lines.append(_nearest(row, lang))
    elif len(kinds) > 1:
        lines += [f"{kind_label(k, lang)}: {getattr(row, k)}" for k in kinds if getattr(row, k)]
    return "<br>".join(lines)


def _nearest(row: tuple, lang: str) -> str:
    return TEXTS("nearest", lang, region=row.nearest, km=round(row.distance_km))


def _gaps(frame: pd.DataFrame, lang: str) -> html.Aside:
    gaps = frame[frame["gap"]].sort_values("distance_km", ascending=False, na_position="last")
    items = [
        html.Li(
            [
                html.Span(row.region, className="coverage-gap-name"),
                *([" — ", _nearest(row, lang)] if pd.notna(row.nearest_id) else []),
            ]
        )
        for row in gaps.itertuples()
    ]
    return html.Aside(
        id=GAPS,
        className="coverage-gaps",
        tabIndex=0,  # scrollable: reachable by keyboard
        **{"aria-label": TEXTS("gaps", lang, n=len(gaps))},
        children=[
            html.H3(TEXTS("gaps", lang, n=len(gaps))),
            html.P(
                TEXTS("gaps_order", lang) if items else TEXTS("no_gaps", lang),
                className="coverage-note",
            ),
            html.Ul(items),
        ],
    )


def _columns(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """The table's columns: the region, a count per kind of actor, the total, and the
    nearest covered region of a gap."""
    kinds = {k: kind_label(k, lang) for k in ACTOR_KINDS if k in frame.columns}
    return {
        "region": TEXTS("region", lang),
        **kinds,
        "total": TEXTS("total", lang),
        "wider": TEXTS("wider_column", lang),
        "nearest": TEXTS("nearest_column", lang),
        "distance_km": TEXTS("distance", lang),
    }


def _behind_panel(panel_id: str, hint: str) -> html.Section:
    """Where the actors behind a clicked count appear; announced when they do."""
    return html.Section(
        id=panel_id,
        className="coverage-behind",
        children=[html.P(hint, className="coverage-note")],
        **{"aria-live": "polite"},
    )


def _behind(
    store: Graph,
    level: str,
    topic: str | None,
    kind: str | None,
    region: str,
    lang: str,
    panel_id: str,
) -> list:
    """The actors behind one count (of `region`, on `topic`): a heading with the count,
    a list with why each counts there (the first `BEHIND_LISTED`), and all of them as a
    sortable table, made by the server when it is opened."""
    table = _behind_rows(store, level, topic, kind, region, lang)
    names = store.nodes([region, *([topic] if topic else [])])
    named = {n.id: n for n in names}
    place = named[region].name if region in named else region
    if topic in named:
        label = choices.topic_label(named[topic], lang)
        heading = TEXTS("behind_topic", lang, region=place, topic=label, n=len(table))
    else:
        heading = TEXTS("behind", lang, region=place, n=len(table))
    if table.empty:
        counts = store.coverage(level, topic, kind).set_index("region_id")
        wider = int(counts["wider"].get(region, 0))
        none = TEXTS("wider_hover", lang, n=wider) if wider else TEXTS("behind_none", lang)
        return [html.H3(heading), html.P(none, className="coverage-note")]
    items = [
        html.Li([html.Span(row.actor, className="coverage-actor"), f" ({row.kind}) — {row.why}"])
        for row in table.head(BEHIND_LISTED).itertuples()
    ]
    more = len(table) - BEHIND_LISTED
    columns = {"actor": TEXTS("actor", lang), "kind": TEXTS("kind_column", lang)}
    columns |= {"why": TEXTS("why", lang), "verified": COMMON("verified", lang)}
    source = (BEHIND_ROWS, level, topic or "", kind or "", region, lang)
    return [
        html.H3(heading),
        html.Ul(items, className="coverage-behind-list"),
        html.P(TEXTS("behind_more", lang, n=more), className="coverage-note") if more > 0 else None,
        components.folded_table(
            panel_id, source, columns, lang, TEXTS("behind_caption", lang), "coverage-table"
        ),
    ]


@kept()
def _behind_rows(
    store: Graph, level: str, topic: str | None, kind: str | None, region: str, lang: str
) -> pd.DataFrame:
    """The actors behind one count, with the kind in words and why each counts there:
    for the list, and for its table when that is opened or sorted."""
    return _readable_actors(store.coverage_actors(level, topic, kind, region), lang)


def _readable_actors(found: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`graphmodel.questions.coverage.actors` with the kind in words and one reason per row."""
    return found.assign(
        kind=[kind_label(k, lang) for k in found["kind"]],
        why=[_why(row, lang) for row in found.itertuples()],
    )


def _why(row: tuple, lang: str) -> str:
    """Why an actor counts in a region: the topic it works on, and how it is there."""
    parts = []
    if row.topic:
        key = "works_on_via" if row.topic_via else "works_on"
        parts.append(TEXTS(key, lang, topic=row.topic, via=row.topic_via))
    key = "is_in_via" if row.region_via else "is_in"
    parts.append(TEXTS(key, lang, region=row.region, via=row.region_via))
    return "; ".join(parts)


def _clicked(click: object, key: str) -> str | None:
    """The `key` of a figure's clicked point, when the click is one (a crafted request
    may send anything)."""
    if not isinstance(click, dict) or not isinstance(click.get("points"), list):
        return None
    points = [p for p in click["points"] if isinstance(p, dict)]
    value = points[0].get(key) if points else None
    return value if isinstance(value, str) else None


def _heat_section(
    store: Graph, level: str, topic: str | None, kind: str | None, lang: str
) -> html.Section:
    matrix = _matrix(store, level, kind)
    cells = matrix[matrix["actors"] > 0]
    regions = matrix["region_id"].nunique()
    shown = cells["region_id"].nunique()
    heading = html.H3(TEXTS("heat", lang))
    if cells.empty:
        return html.Section([heading, components.notice(TEXTS("heat_empty", lang))])
    return html.Section(
        className="coverage-heat",
        children=[
            heading,
            html.P(TEXTS("heat_note", lang, left_out=regions - shown), className="coverage-note"),
            html.Div(
                className="coverage-heat-scroll",
                tabIndex=0,  # scrolls sideways on a phone: reachable by keyboard
                role="region",
                **{"aria-label": TEXTS("heat", lang)},
                children=dcc.Graph(
                    id=HEAT,
                    figure=outlined(
                        _heat_figure(store, level, kind, lang),
                        _heat_axes(store, level, kind, lang).columns.get(topic or ""),
                    ),
                    config={"displayModeBar": False},  # it covered the topic names
                    style={"minWidth": f"{heat_width(cells['topic_id'].nunique())}px"},
                ),
            ),
            _behind_panel(HEAT_ACTORS, TEXTS("open_cell", lang)),
            _heat_table(level, kind, lang),
        ],
    )


def _heat_table(level: str, kind: str | None, lang: str) -> html.Details:
    """The heat map's cells as a table. Thousands at the gemeente level, of which the
    page shows a few hundred: the server makes the rows (`_heat_cells`) when the table is
    opened or sorted, instead of sending them all with every redraw."""
    columns = {
        "region": TEXTS("region", lang),
        "topic": TEXTS("topic", lang),
        "actors": TEXTS("actors_column", lang),
    }
    source = (HEAT_CELLS, level, kind or "", lang)
    return components.folded_table(
        "coverage-heat", source, columns, lang, TEXTS("heat_caption", lang), "coverage-table"
    )


@kept()
def _heat_cells(store: Graph, level: str, kind: str | None, lang: str) -> pd.DataFrame:
    """The heat map's cells with actors: the same for every topic chosen."""
    matrix = _matrix(store, level, kind)
    cells = matrix[matrix["actors"] > 0]
    return cells.assign(topic=cells["topic_id"].map(_topic_labels(store, lang)))


@kept()
def _topic_labels(store: Graph, lang: str) -> dict[str, str]:
    return {t.id: choices.topic_label(t, lang) for t in store.nodes_of("Topic")}


@kept()
def _matrix(store: Graph, level: str, kind: str | None) -> pd.DataFrame:
    """Region x topic counts: the same for every topic chosen, so made once a minute."""
    return store.coverage_matrix(level, kind)


@kept()
def _heat_axes(store: Graph, level: str, kind: str | None, lang: str) -> HeatAxes:
    """The heat map's rows and columns: the same for every topic chosen."""
    return heat_axes(_matrix(store, level, kind), _topic_labels(store, lang))


@kept()
def _heat_figure(store: Graph, level: str, kind: str | None, lang: str) -> maps.Figure:
    """The heat map without a chosen topic: the same for every topic, so made once a minute."""
    labels = _topic_labels(store, lang)
    return heat_map(_matrix(store, level, kind), labels, None, TEXTS("actors", lang))


def heat_width(topics: int) -> int:
    """The width (px) below which the heat map scrolls instead of narrowing its columns:
    on a phone 40 columns in 96 px could not be read, let alone tapped."""
    return HEAT_LABELS_PX + HEAT_COLUMN_PX * topics + HEAT_BAR_PX


def heat_map(
    matrix: pd.DataFrame, labels: Mapping[str, str], chosen: str | None, count: str
) -> maps.Figure:
    """Regions as rows and topics as columns (`labels`: topic id -> name), coloured by how
    many actors; a cell with none is left empty (grey, as gaps are on the map), and the
    chosen topic's column is outlined.

    Only topics that some actor works on, and regions with an actor on some topic, get a
    row or column (`heat_axes`): an all-empty row says nothing the gap list does not, and
    at the gemeente level most of the 342 would be empty, which made the heat map ten
    screens tall. The rows and columns are the axes' labels themselves, which the hover
    shows: a label per cell would make the gemeente level's answer megabytes long.
    """
    axes = heat_axes(matrix, labels)
    cells = matrix[matrix["actors"] > 0]
    grid = cells.pivot(index="region_id", columns="topic_id", values="actors")
    grid = grid.reindex(index=list(axes.rows), columns=list(axes.columns))
    topics, regions = list(axes.columns.values()), list(axes.rows.values())
    top = int(cells["actors"].max())
    trace = {
        "type": "heatmap",
        "z": _counts_or_none(grid.to_numpy()),
        "x": topics,
        "y": regions,
        "hovertemplate": "<b>%{y}</b><br>%{x}: %{z}<extra></extra>",
        "hoverongaps": False,
        "colorscale": maps.SCALE,
        "zmin": 1,
        "zmax": max(top, 2),
        "colorbar": maps.colour_bar(count, top),
        "xgap": 1,
        "ygap": 1,
    }
    layout = {
        "height": HEAT_MARGIN_PX + HEAT_ROW_PX * len(regions),
        "margin": {"l": 0, "r": 0, "t": 10, "b": 0},
        "plot_bgcolor": maps.GAP_COLOUR,
        "paper_bgcolor": "rgba(0,0,0,0)",
        "xaxis": {
            "type": "category",  # a label of digits would make a number axis of it
            "side": "top",
            "tickangle": -45,
            "tickvals": topics,
            "ticktext": [_short(t) for t in topics],
            "automargin": True,
        },
        "yaxis": {"type": "category", "autorange": "reversed", "automargin": True},
    }
    return outlined({"data": [trace], "layout": layout}, axes.columns.get(chosen or ""))


def _counts_or_none(grid: np.ndarray) -> list[list[int | None]]:
    """The grid's counts as whole numbers, None where empty: JSON's null, where a float
    grid's NaN would be written out and read back once per cell by plotly's encoder.

    >>> _counts_or_none(np.array([[2.0, np.nan]]))
    [[2, None]]
    """
    counts = np.nan_to_num(grid).astype(np.int64).astype(object)
    counts[np.isnan(grid)] = None
    return counts.tolist()


@dataclass(frozen=True)
class HeatAxes:
    """The heat map's rows (region id -> label) and columns (topic id -> label), in the
    order drawn. The labels of an axis differ, so the labels a click gives name one cell."""

    rows: dict[str, str]
    columns: dict[str, str]

    def cell(self, row: str | None, column: str | None) -> tuple[str, str] | None:
        """The (region id, topic id) of the cell labelled `row` and `column`, if there is one.

        >>> axes = HeatAxes({"region:PV23": "Overijssel"}, {"topic:evc": "EVC"})
        >>> axes.cell("Overijssel", "EVC"), axes.cell("Overijssel", "Yoga")
        (('region:PV23', 'topic:evc'), None)
        """
        region = next((r for r, label in self.rows.items() if label == row), None)
        topic = next((t for t, label in self.columns.items() if label == column), None)
        return None if region is None or topic is None else (region, topic)


def heat_axes(matrix: pd.DataFrame, labels: Mapping[str, str]) -> HeatAxes:
    """The rows and columns of `matrix`'s heat map: the regions with an actor on some
    topic, in the matrix's order (by name), and the topics some actor works on, by label
    (`labels`: topic id -> name); each labelled by its name, and its code too where two
    share a name.

    Examples
    --------
    >>> cells = [("region:GM0373", "Bergen", "topic:evc", 2), ("region:GM0893", "Bergen",
    ...     "topic:evc", 1), ("region:GM0363", "Amsterdam", "topic:evc", 0)]
    >>> matrix = pd.DataFrame(cells, columns=["region_id", "region", "topic_id", "actors"])
    >>> axes = heat_axes(matrix, {"topic:evc": "EVC"})
    >>> list(axes.rows.values()), list(axes.columns.values())
    (['Bergen (GM0373)', 'Bergen (GM0893)'], ['EVC'])
    """
    cells = matrix[matrix["actors"] > 0]
    topics = sorted(cells["topic_id"].unique(), key=lambda t: labels.get(t, t).casefold())
    regions = dict(zip(cells["region_id"].tolist(), cells["region"].tolist(), strict=True))
    return HeatAxes(_distinct(regions), _distinct({t: labels.get(t, t) for t in topics}))


def _distinct(named: dict[str, str]) -> dict[str, str]:
    """Each id's name, followed by the id's code where another id has the same name.

    >>> _distinct({"region:GM0373": "Bergen", "region:GM0893": "Bergen", "x": "Ede"})
    {'region:GM0373': 'Bergen (GM0373)', 'region:GM0893': 'Bergen (GM0893)', 'x': 'Ede'}
    """
    counts = Counter(named.values())
    return {
        key: name if counts[name] == 1 else f"{name} ({key.partition(':')[2] or key})"
        for key, name in named.items()
    }


def outlined(heat: maps.Figure, chosen: str | None) -> maps.Figure:
    """`heat` with the column labelled `chosen` outlined, if it has one; `heat` itself is
    left as it is (it is kept for every topic).

    >>> heat = {"data": [{"x": ["EVC", "LWO"]}], "layout": {"height": 90}}
    >>> outlined(heat, "LWO")["layout"]["shapes"][0]["x0"]
    0.5
    >>> outlined(heat, "Onbekend") is heat, "shapes" in heat["layout"]
    (True, False)
    """
    topics = list(heat["data"][0]["x"])
    if chosen not in topics:
        return heat
    column = topics.index(chosen)
    outline = {"type": "rect", "xref": "x", "yref": "paper", "y0": 0, "y1": 1}
    outline |= {"x0": column - 0.5, "x1": column + 0.5, "line": {"color": "#222", "width": 2}}
    return {"data": heat["data"], "layout": {**heat["layout"], "shapes": [outline]}}


def _short(text: str) -> str:
    return text if len(text) <= TICK_CHARACTERS else text[: TICK_CHARACTERS - 1] + "…"


def _filename(level: str, topic: str | None, kind: str | None) -> str:
    """For example "dekking-provincie-leeruitkomsten" or "dekking-gemeente-network"."""
    parts = ["dekking", level, topic.partition(":")[2] if topic else None, kind]
    return "-".join(p.lower() for p in parts if p)


def _downloads(
    store: Graph, level: str, topic: str | None, kind: str | None, lang: str
) -> tuple[pd.DataFrame, pd.DataFrame, About]:
    """What the downloads hold: the counts and the actors behind them, under the
    screen's headers, and the lines that say what they show."""
    frame = store.coverage(level, topic, kind)
    kinds = [k for k in ACTOR_KINDS if k in frame.columns]
    columns = {"region": TEXTS("region", lang), "code": TEXTS("code", lang)}
    columns |= {k: kind_label(k, lang) for k in kinds} | {"total": TEXTS("total", lang)}
    columns["wider"] = TEXTS("wider_column", lang)
    columns |= {"gap": TEXTS("gap_column", lang), "nearest": TEXTS("nearest_column", lang)}
    columns |= {"distance_km": TEXTS("distance", lang), "region_id": TEXTS("region_id", lang)}
    counts = frame.assign(
        gap=frame["gap"].map({True: TEXTS("yes", lang), False: TEXTS("no", lang)})
    )
    names = _readable_actors(store.coverage_actors(level, topic, kind), lang)
    name_columns = {"region": TEXTS("region", lang), "actor": TEXTS("actor", lang)}
    name_columns |= {"kind": TEXTS("kind_column", lang), "why": TEXTS("why", lang)}
    name_columns |= {"verified": COMMON("verified", lang), "actor_id": TEXTS("actor_id", lang)}
    name_columns["region_id"] = TEXTS("region_id", lang)
    return (
        counts[list(columns)].rename(columns=columns),
        names[list(name_columns)].rename(columns=name_columns),
        _about(store, level, topic, kind, lang),
    )


def _about(store: Graph, level: str, topic: str | None, kind: str | None, lang: str) -> About:
    """Topic, level, kind, day and source of the view, as the first lines of a download."""
    topic_node = next(iter(store.nodes([topic])), None) if topic else None
    return [
        (TEXTS("heading", lang), ""),
        (
            TEXTS("topic", lang),
            choices.topic_label(topic_node, lang) if topic_node else COMMON("any", lang),
        ),
        (TEXTS("level", lang), _label(LEVEL_LABELS[level], lang)),
        (TEXTS("kind", lang), kind_label(kind, lang) if kind else COMMON("any", lang)),
        (COMMON("about_date", lang), request_day().isoformat()),
        (COMMON("about_source", lang), COMMON("about_source_text", lang)),
        ("", TEXTS("attribution", lang)),
    ]


def register(app: Dash, store: Graph) -> None:
    """Redraw on every change of the controls, keep the URL in step, serve the downloads,
    open the actors behind a clicked count; serve the map's geometry."""
    _register_behind(app, store)
    components.add_row_source(
        app, HEAT_CELLS, lambda level, kind, lang: _heat_cells(store, level, kind or None, lang)
    )
    components.add_row_source(
        app,
        BEHIND_ROWS,
        lambda level, topic, kind, region, lang: _behind_rows(
            store, level, topic or None, kind or None, region, lang
        ),
    )
    app.server.add_url_rule(
        f"{GEOMETRY}<level>.geojson",
        "coverage_geometry",
        lambda level: _serve_geometry(store, level),
    )

    @app.callback(
        Output(BODY, "children"),
        Input(LEVEL, "value"),
        Input(TOPIC, "value"),
        Input(KIND, "value"),
        State(ids.LANGUAGE, "value"),
    )
    def draw(level: str, topic: str | None, kind: str | None, lang: str) -> list:
        try:
            return _body(store, level, topic, kind, lang)
        except GraphModelError as exc:
            return [components.failure(exc, lang)]

    @app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input(LEVEL, "value"),
        Input(TOPIC, "value"),
        Input(KIND, "value"),
        State(ids.LANGUAGE, "value"),
        prevent_initial_call=True,
    )
    def remember(level: str, topic: str | None, kind: str | None, lang: str) -> str:
        return state.encode({"level": level, "topic": topic, "kind": kind}, lang)

    @app.callback(
        Output(DOWNLOAD, "data"),
        Output(DOWNLOAD_NOTICE, "children"),
        Input(CSV, "n_clicks"),
        Input(NAMES_CSV, "n_clicks"),
        Input(XLSX, "n_clicks"),
        State(LEVEL, "value"),
        State(TOPIC, "value"),
        State(KIND, "value"),
        State(ids.LANGUAGE, "value"),
        prevent_initial_call=True,
    )
    def download(
        _csv: int | None,
        _names: int | None,
        _xlsx: int | None,
        level: str,
        topic: str | None,
        kind: str | None,
        lang: str,
    ) -> tuple:
        try:
            counts, names, about = _downloads(store, level, topic, kind, lang)
        except GraphModelError as exc:
            return no_update, components.failure(exc, lang)
        filename = _filename(level, topic, kind)
        if ctx.triggered_id == NAMES_CSV:
            return components.download(names, f"{filename}-namen", "csv", about, lang=lang), None
        fmt = "xlsx" if ctx.triggered_id == XLSX else "csv"
        sheets = {TEXTS("sheet_names", lang): names}
        return components.download(counts, filename, fmt, about, sheets, lang), None


def _register_behind(app: Dash, store: Graph) -> None:
    @app.callback(
        Output(ACTORS, "children"),
        Input(MAP, "clickData"),
        State(LEVEL, "value"),
        State(TOPIC, "value"),
        State(KIND, "value"),
        State(ids.LANGUAGE, "value"),
        prevent_initial_call=True,
    )
    def open_region(click: object, level: str, topic: str | None, kind: str | None, lang: str):
        region = _clicked(click, "location")
        if region is None:
            return no_update
        try:
            return _behind(store, level, topic, kind, region, lang, ACTORS)
        except GraphModelError as exc:
            return [components.failure(exc, lang)]

    @app.callback(
        Output(HEAT_ACTORS, "children"),
        Input(HEAT, "clickData"),
        State(LEVEL, "value"),
        State(KIND, "value"),
        State(ids.LANGUAGE, "value"),
        prevent_initial_call=True,
    )
    def open_cell(click: object, level: str, kind: str | None, lang: str):
        try:
            axes = _heat_axes(store, level, kind, lang)
            cell = axes.cell(_clicked(click, "y"), _clicked(click, "x"))
            if cell is None:
                return no_update
            region, topic = cell
            return _behind(store, level, topic, kind, region, lang, HEAT_ACTORS)
        except GraphModelError as exc:
            return [components.failure(exc, lang)]


PAGE = Page(
    path="/dekking",
    title=("Regionale dekking", "Regional coverage"),
    layout=layout,
    register=register,
)
