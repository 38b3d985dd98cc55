"""Verkennen / Explore: search, filter, and grow a graph of the network by expanding nodes.

The view is fully described by its URL: search text, facets, the selected node, the
expanded nodes (with how many pages of neighbours each shows) and the layout. Two small
stores hold selection and expansion; everything on screen is drawn from them, so a link
opened in a fresh browser shows the same view. The default layout is placed on the server
(`explorer.placement`): a third store keeps where each node was drawn, so a view that
grows keeps its shape, and a large view is grouped by kind.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import dash_cytoscape as cyto
import networkx as nx
import pandas as pd
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update

from explorer import choices, citing, components, ids, state
from explorer.ages import Ages, request_day
from explorer.figures import (
    GROUP_LABEL,
    KIND_STYLES,
    cytoscape_elements,
    group_labels,
    legend,
    node_table,
    relationship_table,
    stylesheet,
)
from explorer.forum.panel import questions_on
from explorer.pages import Page
from explorer.placement import kept_positions, place
from explorer.texts import COMMON, Texts, kind_label, relationship_label
from explorer.understood import chips as understood_chips
from explorer.understood import register_rewrites
from graphmodel import schema
from graphmodel.errors import GraphModelError, NodeNotFound
from graphmodel.graph import Graph
from graphmodel.graphfiles import graph_file
from graphmodel.model import Node, SearchHit, Subgraph, to_networkx
from graphmodel.questions import asking
from graphmodel.questions.facets import Facets
from graphmodel.questions.people import FAMILIES
from graphmodel.questions.views import View
from importers.verification import workbook
from importers.verification.export import file_name
from importers.verification.facts import SUBJECT_KINDS, facts_about

__all__ = ["PAGE"]

SEARCH = "search"
KIND = "explore-kind"
SECTOR = "explore-sector"
REGION = "explore-region"
TOPIC = "explore-topic"
RESULTS = "results"
RESULT = "result"  # pattern-matching: {"type": RESULT, "index": node id}
ROW = "explore-row"  # the same, for a node's row in the graph's table
NOTICE = "notice"
BEST = "explore-best"
HIDDEN = "explore-hidden"
POSITIONS = "explore-positions"  # where each node of the placed layout was drawn
SELECTED = "selected"
EXPANDED = "expanded"
GRAPH = "graph"
LAYOUT = "explore-layout"
EXPAND = "explore-expand"
RESET = "explore-reset"
HOVER = "explore-hover"
VIEW_NOTE = "explore-view-note"
VIEW_TABLES = "explore-tables"
EXPORT_PNG = "explore-png"
EXPORT_NODES = "explore-nodes-csv"
EXPORT_RELATIONSHIPS = "explore-relationships-csv"
EXPORT_GRAPHML = "explore-graphml"
EXPORT_GEXF = "explore-gexf"
DOWNLOAD = "explore-download"
DETAILS = "details"
PROPOSE = "explore-propose"
PROPOSE_DOWNLOAD = "explore-propose-download"

RESULT_LIMIT = 15
PANEL_LIMIT = 25  # neighbours listed per kind in the side panel
NEARBY_LIMIT = 40
FACET_LEVELS = ("provincie", "onderwijsregio", "corop", "gemeente")
PLACED = "placed"  # the default layout: computed on the server, stable as the view grows
LAYOUTS = {PLACED: ("Krachten", "Force-directed"), "concentric": ("Concentrisch", "Concentric")}
LAYOUTS |= {"breadthfirst": ("Boom", "Tree"), "circle": ("Cirkel", "Circle")}

Expanded = list[list]  # [[node id, pages], ...] in the order the user expanded them

TEXTS = Texts(
    {
        "search_placeholder": (
            "Zoek een onderwerp, organisatie, netwerk, persoon of plaats",
            "Search a topic, organisation, network, person or place",
        ),
        "kind": ("Soort", "Kind"),
        "sector": ("Sector", "Sector"),
        "region": ("Regio", "Region"),
        "topic": ("Onderwerp", "Topic"),
        "no_results": ("Niets gevonden.", "Nothing found."),
        "results": ("Resultaten", "Results"),
        "people_results": ("De juiste mensen voor je vraag", "The right people for your question"),
        "found": ("{total} gevonden, {shown} getoond", "{total} found, {shown} shown"),
        "choose": (
            "Zoek iets, of kies filters, en kies een resultaat om de verbindingen te zien.",
            "Search, or choose filters, and choose a result to see its connections.",
        ),
        "on_topic": ("onderwerp: {topic}", "topic: {topic}"),
        "layout": ("Schikking", "Layout"),
        "expand": ("Buren tonen", "Show neighbours"),
        "all_shown": ("Alle buren getoond", "All neighbours shown"),
        "added": (
            "{n} nieuw in beeld (oranje omrand).",
            "{n} new in view (outlined in orange).",
        ),
        "more": ("Meer tonen ({n})", "Show more ({n})"),
        "reset": ("Alleen deze", "Only this one"),
        "png": ("PNG van de graaf", "PNG of the graph"),
        "nodes_csv": ("Knopen (CSV)", "Nodes (CSV)"),
        "relationships_csv": ("Relaties (CSV)", "Relationships (CSV)"),
        "graphml": ("Graaf (GraphML)", "Graph (GraphML)"),
        "gexf": ("Graaf (GEXF, Gephi)", "Graph (GEXF, Gephi)"),
        "hover": ("Wijs een knoop aan voor de naam.", "Point at a node to see its name."),
        "hidden": (
            "{name}: nog {n} buren niet getoond (kies '{name}' en 'Meer tonen').",
            "{name}: {n} more neighbours not shown (choose '{name}' and 'Show more').",
        ),
        "full": (
            "De graaf is vol: {nodes} knopen en {relationships} relaties zijn weggelaten. "
            "Kies 'Alleen deze' om opnieuw te beginnen vanaf de selectie.",
            "The graph is full: {nodes} nodes and {relationships} relationships were left "
            "out. Choose 'Only this one' to start again from the selection.",
        ),
        "graph_table": ("De graaf als tabel", "The graph as a table"),
        "nodes": ("Knopen", "Nodes"),
        "relationships": ("Relaties", "Relationships"),
        "name": ("Naam", "Name"),
        "links": ("Verbindingen in beeld", "Links in view"),
        "from": ("Van", "From"),
        "relationship": ("Relatie", "Relationship"),
        "to": ("Naar", "To"),
        "role": ("Rol", "Role"),
        "id": ("Id", "Id"),
        "from_id": ("Van (id)", "From (id)"),
        "to_id": ("Naar (id)", "To (id)"),
        "type": ("Type", "Type"),
        "grown_from": ("Gegroeid vanuit", "Grown from"),
        "connections": ("Verbindingen", "Connections"),
        "nearby": (
            "Mensen en organisaties in de buurt (twee stappen)",
            "People and organisations nearby (two steps)",
        ),
        "and_more": ("en nog {n}", "and {n} more"),
        "website": ("Website", "Website"),
        "propose": ("Stel een wijziging voor", "Propose a change"),
        "propose_how": (
            "Download alles wat wij hierover weten als werkblad, geef per regel aan of het "
            "klopt, en stuur het terug.",
            "Download everything we know about this as a workbook, mark each row as correct "
            "or not, and send it back.",
        ),
        "unknown_node": (
            "Deze knoop bestaat niet (meer): {id}",
            "This node does not exist (any more): {id}",
        ),
    }
)


# --- permalink state ------------------------------------------------------------------


def expanded_from_query(query: state.Query) -> Expanded:
    """``exp=org:x*2`` means: org:x expanded, two pages of neighbours shown.

    >>> expanded_from_query({"exp": ["org:x", "topic:y*3"]})
    [['org:x', 1], ['topic:y', 3]]
    """
    found = []
    for entry in query.get("exp", []):
        node_id, _, pages = entry.partition("*")
        found.append([node_id, int(pages) if pages.isdigit() and int(pages) > 0 else 1])
    return found


def expanded_to_query(expanded: Expanded) -> list[str]:
    """The inverse of `expanded_from_query`.

    >>> expanded_to_query([["org:x", 1], ["topic:y", 3]])
    ['org:x', 'topic:y*3']
    """
    return [node_id if pages == 1 else f"{node_id}*{pages}" for node_id, pages in expanded]


def chosen_facets(
    kinds: Sequence[str] | None, sector: str | None, region: str | None, topic: str | None
) -> Facets:
    return Facets(tuple(kinds or ()), sector or None, region or None, topic or None)


def layout_options(name: str) -> dict:
    """Cytoscape layout settings, each with room for the labels; the placed layout puts
    the nodes where the server said, the tree grows from the expanded nodes."""
    if name == PLACED:
        return {"name": "preset", "fit": True, "padding": 30, "animate": False}
    common = {"name": name, "animate": False, "nodeDimensionsIncludeLabels": True}
    if name == "breadthfirst":
        # in rings around the roots: a row of 25 children's names ran together
        return common | {"roots": "[?root]", "circle": True, "spacingFactor": 0.9}
    return common


# --- layout ---------------------------------------------------------------------------


def layout(store: Graph, query: state.Query, lang: str) -> html.Div:
    selected = state.first(query, "sel")
    expanded = expanded_from_query(query)
    graph_layout = state.first(query, "layout", PLACED)
    return html.Div(
        [
            html.Label(
                TEXTS("search_placeholder", lang), htmlFor=SEARCH, className="visually-hidden"
            ),
            dcc.Input(
                id=SEARCH,
                type="search",
                debounce=0.3,
                value=state.first(query, "q", ""),
                placeholder=TEXTS("search_placeholder", lang),
                className="search",
                autoFocus=True,
            ),
            _facets(store, query, lang),
            html.Div(id=NOTICE, role="alert"),
            html.Div(
                className="columns",
                children=[
                    html.Nav(id=RESULTS, className="results", **{"aria-live": "polite"}),
                    _graph_column(graph_layout if graph_layout in LAYOUTS else PLACED, lang),
                    html.Aside(id=DETAILS, className="details"),
                ],
            ),
            html.Details(
                [html.Summary(TEXTS("graph_table", lang)), html.Div(id=VIEW_TABLES)],
                className="twin",
            ),
            dcc.Store(id=SELECTED, data=selected),
            dcc.Store(id=EXPANDED, data=expanded),
            dcc.Store(id=BEST),
            dcc.Store(id=HIDDEN),
            dcc.Store(id=POSITIONS),
            dcc.Download(id=DOWNLOAD),
            dcc.Download(id=PROPOSE_DOWNLOAD),
        ]
    )


def _facets(store: Graph, query: state.Query, lang: str) -> html.Div:
    """Kind, sector, region and topic filters, their options from the store."""
    kinds = [k.name for k in schema.KINDS]
    facets = [
        (KIND, "kind", choices.kind_options(kinds, lang), query.get("kind", []), True),
        (SECTOR, "sector", choices.sector_options(lang), state.first(query, "sector"), False),
        (
            REGION,
            "region",
            choices.region_options(store, FACET_LEVELS, lang),
            state.first(query, "region"),
            False,
        ),
        (TOPIC, "topic", choices.topic_options(store, lang), state.first(query, "topic"), False),
    ]
    return html.Div(
        className="facets",
        children=[
            choices.dropdown(
                component_id,
                TEXTS(key, lang),
                options,
                value,
                lang,
                multi=multi,
                placeholder=COMMON("any", lang),
                class_name="facet",
            )
            for component_id, key, options, value, multi in facets
        ],
    )


def _graph_column(graph_layout: str, lang: str) -> html.Div:
    return html.Div(
        className="graph-column",
        children=[
            html.Div(
                className="toolbar",
                children=[
                    html.Button(TEXTS("expand", lang), id=EXPAND, className="button"),
                    html.Button(TEXTS("reset", lang), id=RESET, className="button"),
                    html.Label(
                        [
                            html.Span(TEXTS("layout", lang)),
                            dcc.Dropdown(
                                id=LAYOUT,
                                options=[
                                    {"label": names[1 if lang == "en" else 0], "value": name}
                                    for name, names in LAYOUTS.items()
                                ],
                                value=graph_layout,
                                clearable=False,
                                className="layout-choice",
                            ),
                        ],
                        className="inline",
                    ),
                    html.Button(TEXTS("png", lang), id=EXPORT_PNG, className="button"),
                    html.Button(TEXTS("nodes_csv", lang), id=EXPORT_NODES, className="button"),
                    html.Button(
                        TEXTS("relationships_csv", lang),
                        id=EXPORT_RELATIONSHIPS,
                        className="button",
                    ),
                    html.Button(TEXTS("graphml", lang), id=EXPORT_GRAPHML, className="button"),
                    html.Button(TEXTS("gexf", lang), id=EXPORT_GEXF, className="button"),
                ],
            ),
            cyto.Cytoscape(
                id=GRAPH,
                elements=[],
                layout=layout_options(graph_layout),
                stylesheet=stylesheet(),
                className="graph",
                style={"height": "520px"},
            ),
            html.P(
                TEXTS("hover", lang), id=HOVER, className="graph-hover", **{"aria-live": "polite"}
            ),
            html.Div(id=VIEW_NOTE),
            legend(KIND_STYLES, lang),
        ],
    )


# --- callbacks ------------------------------------------------------------------------


def register(app: Dash, store: Graph) -> None:
    _register_search(app, store)
    _register_navigation(app, store)
    _register_view(app, store)
    _register_exports(app, store)

    @app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input(SEARCH, "value"),
        Input(KIND, "value"),
        Input(SECTOR, "value"),
        Input(REGION, "value"),
        Input(TOPIC, "value"),
        Input(SELECTED, "data"),
        Input(EXPANDED, "data"),
        Input(LAYOUT, "value"),
        State(ids.LANGUAGE, "value"),
        prevent_initial_call=True,
    )
    def remember(text, kinds, sector, region, topic, selected, expanded, graph_layout, lang):
        values = {"q": text, "kind": kinds or [], "sector": sector, "region": region}
        values |= {"topic": topic, "sel": selected, "exp": expanded_to_query(expanded or [])}
        values["layout"] = graph_layout if graph_layout != PLACED else None
        return state.encode(values, lang)

    app.clientside_callback(
        "(data, fallback) => data ? data.label : fallback",
        Output(HOVER, "children"),
        Input(GRAPH, "mouseoverNodeData"),
        State(HOVER, "children"),
        prevent_initial_call=True,
    )


def _register_search(app: Dash, store: Graph) -> None:
    @app.callback(
        Output(RESULTS, "children"),
        Output(NOTICE, "children"),
        Output(BEST, "data"),
        Input(SEARCH, "value"),
        Input(KIND, "value"),
        Input(SECTOR, "value"),
        Input(REGION, "value"),
        Input(TOPIC, "value"),
        Input(ids.LANGUAGE, "value"),
    )
    def show_results(text, kinds, sector, region, topic, lang) -> tuple:
        # Only newly typed text chooses its best hit; filters and language keep the
        # selection. The choice goes through BEST to the one callback that owns the
        # selection, so that two callbacks never race for it.
        typed = ctx.triggered_id == SEARCH
        facets = chosen_facets(kinds, sector, region, topic)
        if not (text and text.strip()) and not facets:
            return [html.P(TEXTS("choose", lang))], "", no_update
        try:
            answer = store.ask(text or "", RESULT_LIMIT, lang, chosen=facets, today=request_day())
            understood = answer.query
        except GraphModelError as exc:
            return [], components.failure(exc, lang), no_update
        items = _answer_items(answer, lang)
        best = {"id": items[0][0] if items else None} if typed else no_update
        results = understood_chips(understood, lang, SEARCH)
        if not items:
            return [*results, html.P(TEXTS("no_results", lang))], "", best
        if answer.people is not None:
            results += [html.H2(TEXTS("people_results", lang)), *_families(answer.people, lang)]
            return results, "", best
        results += [
            html.H2(TEXTS("results", lang)),
            html.P(
                TEXTS("found", lang, total=answer.hits.total, shown=len(items)), className="kind"
            ),
            html.Ul([_result_button(node_id, name, why) for node_id, name, why in items]),
        ]
        return results, "", best

    register_rewrites(app, store, SEARCH)


def _answer_items(answer: asking.Answer, lang: str) -> list[tuple[str, str, str]]:
    """(id, name, why) per result: the ranking's reasons, or the search's kind and match."""
    if answer.people is not None:
        return [
            (row.id, f"{row.rank}. {row.name}", row.why)
            for row in answer.people.itertuples(index=False)
        ]
    return [(h.node.id, h.node.name, _why(h, lang)) for h in answer.hits.hits]


def _families(ranked: pd.DataFrame, lang: str) -> list[html.Section]:
    """find_people's answer as three sections, people first: each under what was found
    where, its answers with their reasons."""
    found = ranked.attrs.get("found", {})
    sections = []
    for family in FAMILIES:
        rows = ranked[ranked["family"] == family]
        statement = found.get(family, "")
        sections.append(
            html.Section(
                className=f"people-family people-family-{family}",
                children=[
                    html.H3(f"{COMMON(f'family-{family}', lang)} ({len(rows)})"),
                    html.P(statement.partition(": ")[2] or statement, className="kind"),
                    html.Ul(
                        [
                            _result_button(row.id, f"{row.rank}. {row.name}", row.why)
                            for row in rows.itertuples(index=False)
                        ]
                    ),
                ],
            )
        )
    return sections


def _why(hit: SearchHit, lang: str) -> str:
    why = kind_label(hit.node.kind, lang)
    if hit.via_topic is not None:
        why += " · " + TEXTS("on_topic", lang, topic=hit.via_topic.name)
    return why


def _result_button(node_id: str, name: str, why: str) -> html.Li:
    return html.Li(
        html.Button(
            [html.Span(name, className="name"), html.Span(why, className="kind")],
            id={"type": RESULT, "index": node_id},
            className="result",
        )
    )


def _register_navigation(app: Dash, store: Graph) -> None:
    @app.callback(
        Output(SELECTED, "data"),
        Output(EXPANDED, "data"),
        Input(BEST, "data"),
        Input({"type": RESULT, "index": ALL}, "n_clicks"),
        Input(GRAPH, "tapNodeData"),
        Input({"type": ROW, "index": ALL}, "n_clicks"),
        Input(EXPAND, "n_clicks"),
        Input(RESET, "n_clicks"),
        State(SELECTED, "data"),
        State(EXPANDED, "data"),
        prevent_initial_call=True,
    )
    def navigate(best, _clicks, tapped, _rows, _expand, _reset, selected, expanded) -> tuple:
        """The one owner of selection and expansion: a search or a result starts a new
        view around the node, a tap (or a row of the graph's table) only selects, the
        buttons grow or reset the view."""
        trigger = ctx.triggered_id
        expanded = expanded or []
        # A new search also redraws the result buttons, which fires their input in the
        # same round: the search's best hit wins.
        if f"{BEST}.data" in ctx.triggered_prop_ids:
            return (best["id"], [[best["id"], 1]]) if best and best["id"] else (None, [])
        if trigger == GRAPH:
            return (tapped["id"], no_update) if tapped else (no_update, no_update)
        if trigger == EXPAND and selected:
            return no_update, _expand_once(expanded, selected)
        if trigger == RESET and selected:
            return no_update, [[selected, 1]]
        if isinstance(trigger, dict) and trigger.get("type") == ROW:
            return (trigger["index"], no_update) if _was_clicked(trigger, 3) else (no_update,) * 2
        if isinstance(trigger, dict) and _was_clicked(trigger, 1):
            return trigger["index"], [[trigger["index"], 1]]
        return no_update, no_update


def _was_clicked(trigger: dict, position: int) -> bool:
    """Whether the button of `trigger`, among the inputs at `position`, was really
    clicked (a redrawn list also fires the input)."""
    return any(i["id"] == trigger and i.get("value") for i in ctx.inputs_list[position])


def _expand_once(expanded: Expanded, node_id: str) -> Expanded:
    """Expand `node_id`, or show its next page of neighbours when it already is."""
    if any(entry[0] == node_id for entry in expanded):
        return [[n, pages + 1 if n == node_id else pages] for n, pages in expanded]
    return [*expanded, [node_id, 1]]


def _register_view(app: Dash, store: Graph) -> None:
    @app.callback(
        Output(GRAPH, "elements"),
        Output(GRAPH, "layout"),
        Output(POSITIONS, "data"),
        Output(VIEW_NOTE, "children"),
        Output(VIEW_TABLES, "children"),
        Output(HIDDEN, "data"),
        Input(EXPANDED, "data"),
        Input(LAYOUT, "value"),
        Input(ids.LANGUAGE, "value"),
        State(GRAPH, "elements"),
        State(POSITIONS, "data"),
    )
    def draw(
        expanded: Expanded | None, graph_layout: str, lang: str, shown: object, drawn: object
    ) -> tuple:
        """The view as the chosen layout draws it; in the placed layout every node that
        was drawn before stays where it was."""
        options = layout_options(graph_layout if graph_layout in LAYOUTS else PLACED)
        try:
            view = store.expand([(n, p) for n, p in expanded or []])
        except GraphModelError as exc:
            return [], options, no_update, components.failure(exc, lang), [], {}
        centres = [n for n, _ in expanded or []]
        before, now = _node_ids(shown), {n.id for n in view.nodes}
        added = now - before if before and before <= now else set()  # grown, not a new view
        tables, note = _twin_tables(view, lang), _view_note(view, lang, len(added))
        if options["name"] != "preset":
            elements = cytoscape_elements(view.nodes, view.relationships, centres, added)
            return elements, options, no_update, note, tables, view.hidden
        placement = place(view.nodes, view.relationships, kept_positions(drawn), centres)
        elements = cytoscape_elements(
            view.nodes, view.relationships, centres, added, placement.positions
        )
        elements += group_labels(placement, lang)
        return elements, options, placement.positions, note, tables, view.hidden

    @app.callback(
        Output(EXPAND, "children"),
        Output(EXPAND, "disabled"),
        Input(SELECTED, "data"),
        Input(HIDDEN, "data"),
        Input(ids.LANGUAGE, "value"),
        State(EXPANDED, "data"),
    )
    def expand_label(
        selected: str | None, hidden: dict | None, lang: str, expanded: Expanded | None
    ) -> tuple[str, bool]:
        """'Show more (n)' once the selection is expanded and has neighbours left; 'All
        neighbours shown', and no button to press, once it has none: a press that adds
        nothing would look broken."""
        if selected and (hidden or {}).get(selected):
            return TEXTS("more", lang, n=hidden[selected]), False
        if selected and any(entry[0] == selected for entry in expanded or []):
            return TEXTS("all_shown", lang), True
        return TEXTS("expand", lang), False

    @app.callback(
        Output(GRAPH, "stylesheet"),
        Output(DETAILS, "children"),
        Input(SELECTED, "data"),
        Input(ids.LANGUAGE, "value"),
    )
    def show_selection(selected: str | None, lang: str) -> tuple:
        ages = Ages.of_request()
        if not selected:
            return stylesheet(), []
        try:
            direct = store.neighbourhood(selected, depth=1, limit=None)
            nearby = store.neighbourhood(
                selected, depth=2, kinds=("Person", "Organisation"), limit=NEARBY_LIMIT
            )
        except NodeNotFound:
            return stylesheet(), [components.notice(TEXTS("unknown_node", lang, id=selected))]
        except GraphModelError as exc:
            return stylesheet(), [components.failure(exc, lang)]
        forum = questions_on(direct.nodes[0], lang)  # a topic's questions in the forum
        return stylesheet(selected), _details(direct, ages, lang) + _nearby(nearby, lang) + forum


def _node_ids(elements: object) -> set[str]:
    """The ids of the nodes among Cytoscape `elements` (as the browser sent them back)."""
    if not isinstance(elements, list):
        return set()
    data = [e.get("data") for e in elements if isinstance(e, dict)]
    named = {d.get("id") for d in data if isinstance(d, dict) and "source" not in d}
    return {i for i in named if isinstance(i, str) and not i.startswith(GROUP_LABEL)}


def _view_note(view: View, lang: str, added: int = 0) -> list:
    """What the graph just gained, what it left out, and how to see it."""
    names = {n.id: n.name for n in view.nodes}
    notes = [html.Li(TEXTS("added", lang, n=added), className="added")] if added else []
    notes += [
        html.Li(TEXTS("hidden", lang, name=names.get(node_id, node_id), n=n))
        for node_id, n in view.hidden.items()
        if n
    ]
    if view.nodes_cut or view.relationships_cut:
        notes.append(
            html.Li(TEXTS("full", lang, nodes=view.nodes_cut, relationships=view.relationships_cut))
        )
    return [html.Ul(notes, className="omitted")] if notes else []


def _twin_tables(view: View, lang: str) -> list:
    """The graph as two sortable tables: its nodes and its relationships."""
    nodes = citing.labelled(node_table(view.nodes, view.relationships, lang))
    relationships = citing.labelled(relationship_table(view.nodes, view.relationships, lang))
    return [
        html.H3(TEXTS("nodes", lang)),
        components.sortable_table(
            "explore-nodes", nodes, _node_columns(lang), lang, buttons={"name": (ROW, "id")}
        ),
        html.H3(TEXTS("relationships", lang)),
        components.sortable_table(
            "explore-relationships", relationships, _relationship_columns(lang), lang
        ),
    ]


def _node_columns(lang: str, ids: bool = False) -> dict[str, str]:
    """The node table's columns and their headers; with `ids` (for downloads) the ids."""
    columns = {"name": TEXTS("name", lang), "kind": TEXTS("kind", lang)}
    columns |= {"links": TEXTS("links", lang)} | ({"id": TEXTS("id", lang)} if ids else {})
    return columns | {"source": COMMON("source", lang), "verified": COMMON("verified", lang)}


def _relationship_columns(lang: str, ids: bool = False) -> dict[str, str]:
    """The relationship table's columns and their headers; with `ids` the ids and type."""
    columns = {"from": TEXTS("from", lang), "relationship": TEXTS("relationship", lang)}
    columns |= {"to": TEXTS("to", lang), "role": TEXTS("role", lang)}
    if ids:
        columns |= {"from_id": TEXTS("from_id", lang), "type": TEXTS("type", lang)}
        columns["to_id"] = TEXTS("to_id", lang)
    return columns | {"source": COMMON("source", lang), "verified": COMMON("verified", lang)}


def _about(store: Graph, expanded: Expanded, lang: str) -> list[tuple[str, object]]:
    """What a download of the view shows: the nodes it grew from, the day, the source."""
    grown = {n.id: n.name for n in store.nodes([node_id for node_id, _ in expanded])}
    names = "; ".join(grown.get(node_id, node_id) for node_id, _ in expanded)
    return [
        (PAGE.title[1] if lang == "en" else PAGE.title[0], ""),
        (TEXTS("grown_from", lang), names),
        (COMMON("about_date", lang), request_day().isoformat()),
        (COMMON("about_source", lang), COMMON("about_source_text", lang)),
    ]


def _register_exports(app: Dash, store: Graph) -> None:
    @app.callback(
        Output(GRAPH, "generateImage"),
        Input(EXPORT_PNG, "n_clicks"),
        prevent_initial_call=True,
    )
    def png(_clicks: int) -> dict:
        return {"type": "png", "action": "download", "filename": "verbindplaats-graaf"}

    @app.callback(
        Output(DOWNLOAD, "data"),
        Input(EXPORT_NODES, "n_clicks"),
        Input(EXPORT_RELATIONSHIPS, "n_clicks"),
        Input(EXPORT_GRAPHML, "n_clicks"),
        Input(EXPORT_GEXF, "n_clicks"),
        State(EXPANDED, "data"),
        State(ids.LANGUAGE, "value"),
        prevent_initial_call=True,
    )
    def files(
        _nodes: int, _rels: int, _graphml: int, _gexf: int, expanded: Expanded | None, lang: str
    ) -> dict:
        """The view as two tables, or as a graph file for Gephi and Cytoscape desktop."""
        view = store.expand([(n, p) for n, p in expanded or []])
        if ctx.triggered_id in (EXPORT_GRAPHML, EXPORT_GEXF):
            fmt = "graphml" if ctx.triggered_id == EXPORT_GRAPHML else "gexf"
            content = graph_file(_cited(to_networkx(view.nodes, view.relationships)), fmt)
            return dcc.send_bytes(content, f"verbindplaats-graaf.{fmt}")
        about = _about(store, expanded or [], lang)
        if ctx.triggered_id == EXPORT_NODES:
            frame = citing.labelled(node_table(view.nodes, view.relationships, lang))
            columns = _node_columns(lang, ids=True)
            name = "verbindplaats-knopen"
        else:
            frame = citing.labelled(relationship_table(view.nodes, view.relationships, lang))
            columns = _relationship_columns(lang, ids=True)
            name = "verbindplaats-relaties"
        table = frame[list(columns)].rename(columns=columns)
        return components.download(table, name, "csv", about, lang=lang)

    @app.callback(
        Output(PROPOSE_DOWNLOAD, "data"),
        Input(PROPOSE, "n_clicks"),
        State(SELECTED, "data"),
        prevent_initial_call=True,
    )
    def propose(clicks: int | None, selected: str | None) -> dict:
        """The selected subject's verification workbook, filled in with what we hold:
        no account needed, it comes back by e-mail (verbindplaats verify)."""
        if not clicks or not isinstance(selected, str):
            return no_update
        subject = next(iter(store.nodes([selected])), None)
        if subject is None or subject.kind not in SUBJECT_KINDS:
            return no_update  # the button shows for subjects only; a crafted id gets nothing
        facts = facts_about(store, subject)
        book = workbook.write(subject, facts, request_day(), citing.catalogue())
        return dcc.send_bytes(book, file_name(subject))


def _cited(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """`graph` with every `source` as the title a reader cites, as the tables give it."""
    book = citing.catalogue()
    for *_ends, data in (*graph.nodes(data=True), *graph.edges(data=True)):
        if "source" in data:
            data["source"] = book.label(data["source"])
    return graph


# --- the side panel -------------------------------------------------------------------


def _details(subgraph: Subgraph, ages: Ages, lang: str) -> list:
    """The selected node's panel: what it is, where it comes from, what it connects to."""
    node = subgraph.nodes[0]
    parts: list = [html.H2(node.name), html.P(kind_label(node.kind, lang), className="kind")]
    if description := node.get("description"):
        parts.append(html.P(description))
    if (website := node.get("website")) and str(website).startswith(("http://", "https://")):
        link = html.A(
            TEXTS("website", lang),
            href=website,
            target="_blank",
            rel="noopener noreferrer",
        )
        parts.append(html.P(link))
    parts += _contact(node)
    verified = node.get("verified")
    parts.append(
        html.P(
            [
                f"{COMMON('source', lang)}: ",
                *citing.links(node.get("source")),
                " · ",
                ages.label(verified, lang),
            ],
            className="provenance",
        )
    )
    checked = [verified, *(r.properties.get("verified") for r in _own(subgraph))]
    overdue = ages.overdue(checked, lang)
    if node.kind in SUBJECT_KINDS:
        parts.append(_propose(overdue, lang))
    elif overdue is not None:
        parts.append(overdue)
    parts.append(html.H3(TEXTS("connections", lang)))
    parts += _connections(subgraph, ages, lang)
    return parts


def _nearby(subgraph: Subgraph, lang: str) -> list:
    """People and organisations one step further: who to talk to about this node."""
    further = [n for n in subgraph.nodes[1:] if subgraph.depth[n.id] > 1]
    if not further:
        return []
    items = [html.Li(f"{n.name} ({kind_label(n.kind, lang).lower()})") for n in further]
    if subgraph.omitted:
        items.append(html.Li(TEXTS("and_more", lang, n=subgraph.omitted), className="omitted"))
    return [html.H3(TEXTS("nearby", lang)), html.Ul(items, id="nearby")]


def _contact(node: Node) -> list:
    """Contact details only when the record marks them public."""
    if node.kind != "Person" or node.get("contact_public") is not True:
        return []
    return [html.P(str(node.get(key))) for key in ("email", "phone") if node.get(key)]


def _own(subgraph: Subgraph) -> list:
    """The relationships of the subgraph's centre: its own facts."""
    centre = subgraph.nodes[0].id
    return [r for r in subgraph.relationships if centre in (r.start, r.end)]


def _propose(overdue: html.P | None, lang: str) -> html.Div:
    """The way to correct what we hold: this subject's verification workbook, beside the
    mark that it is overdue for a check when it is."""
    return html.Div(
        [
            *([overdue] if overdue is not None else []),
            html.Button(TEXTS("propose", lang), id=PROPOSE, className="propose"),
            html.P(TEXTS("propose_how", lang), className="provenance"),
        ],
        className="propose-block overdue-block" if overdue is not None else "propose-block",
    )


def _connections(subgraph: Subgraph, ages: Ages, lang: str) -> list:
    """The neighbours, grouped by kind, each with how it is connected and how long ago
    that was checked; long lists are cut."""
    centre = subgraph.nodes[0].id
    names = {n.id: n for n in subgraph.nodes}
    by_kind: dict[str, list[tuple[str, str, object]]] = defaultdict(list)
    for rel in subgraph.relationships:
        if centre not in (rel.start, rel.end):
            continue
        other = names[rel.end if rel.start == centre else rel.start]
        how = relationship_label(rel.type, lang)
        if role := rel.properties.get("role"):
            how = f"{how} ({role})"
        by_kind[other.kind].append((other.name, how, rel.properties.get("verified")))
    return [
        html.Details(
            open=len(items) <= PANEL_LIMIT,
            children=[
                html.Summary(f"{kind_label(kind, lang)} ({len(items)})"),
                html.Ul(
                    [_connection(item, ages, lang) for item in sorted(items)[:PANEL_LIMIT]]
                    + _and_more(len(items) - PANEL_LIMIT, lang)
                ),
            ],
        )
        for kind, items in sorted(by_kind.items())
    ]


def _connection(item: tuple[str, str, object], ages: Ages, lang: str) -> html.Li:
    name, how, verified = item
    return html.Li([f"{name} — {how} · ", ages.label(verified, lang)])


def _and_more(n: int, lang: str) -> list:
    return [html.Li(TEXTS("and_more", lang, n=n), className="omitted")] if n > 0 else []


PAGE = Page(path="/", title=("Verkennen", "Explore"), layout=layout, register=register)
