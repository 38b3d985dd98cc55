"""The Dash app: ``create_app(store)`` builds it around a store, with no global data.

The explorer never speaks Cypher: every callback asks graphmodel, so the same app runs
on the embedded store and on Neo4j.
"""

from __future__ import annotations

from collections import defaultdict

import dash_cytoscape as cyto
from dash import ALL, Dash, Input, Output, ctx, dcc, html, no_update

from explorer import ids
from explorer.figures import cytoscape_elements, stylesheet
from explorer.texts import LANGUAGES, kind_label, relationship_label, t
from graphmodel.errors import GraphModelError, NodeNotFound
from graphmodel.model import Node, Subgraph
from graphmodel.store import GraphStore

__all__ = ["create_app"]

GRAPH_LIMIT = 60  # nodes drawn around a selection; the rest is counted, not sent
GRAPH_DEPTH = 2  # a topic's people are usually one step behind a project or network
PEOPLE_LIMIT = 40
PEOPLE_KINDS = ("Person", "Organisation")
RESULT_LIMIT = 15


def create_app(store: GraphStore) -> Dash:
    """A Dash app that explores `store`."""
    app = Dash(__name__, title="Verbindplaats", update_title=None)
    app.layout = _layout()
    _register_callbacks(app, store)
    return app


def _layout() -> html.Div:
    return html.Div(
        className="page",
        children=[
            html.Header(
                className="header",
                children=[
                    html.H1(t("title", "nl")),
                    html.P(t("tagline", "nl"), id="tagline"),
                    dcc.RadioItems(
                        id=ids.LANGUAGE,
                        options=[{"label": lang.upper(), "value": lang} for lang in LANGUAGES],
                        value="nl",
                        inline=True,
                    ),
                ],
            ),
            dcc.Input(
                id=ids.SEARCH,
                type="search",
                debounce=0.3,
                placeholder=t("search_placeholder", "nl"),
                className="search",
                autoFocus=True,
            ),
            html.Div(id=ids.NOTICE, role="alert"),
            html.Div(
                className="columns",
                children=[
                    html.Nav(id=ids.RESULTS, className="results", **{"aria-live": "polite"}),
                    cyto.Cytoscape(
                        id=ids.GRAPH,
                        elements=[],
                        layout={"name": "cose", "animate": False},
                        stylesheet=stylesheet(),
                        className="graph",
                        style={"height": "560px"},
                    ),
                    html.Aside(id=ids.DETAILS, className="details"),
                ],
            ),
            dcc.Store(id=ids.SELECTED),
        ],
    )


def _register_callbacks(app: Dash, store: GraphStore) -> None:
    @app.callback(
        Output(ids.RESULTS, "children"),
        Output(ids.NOTICE, "children"),
        Output(ids.SELECTED, "data"),
        Input(ids.SEARCH, "value"),
        Input(ids.LANGUAGE, "value"),
    )
    def show_results(text: str | None, lang: str) -> tuple[list, str, str | None]:
        # A new search text also selects its best hit; a language switch keeps the
        # selection. Both in one callback: Dash drops a response that a later call of the
        # same callback overtakes, so selection must not race with the result buttons.
        searched = ctx.triggered_id == ids.SEARCH
        if not text or not text.strip():
            return [html.P(t("choose", lang))], "", None if searched else no_update
        try:
            hits = store.search(text, limit=RESULT_LIMIT)
        except GraphModelError as exc:
            return [], t("store_down", lang, error=exc), no_update
        selection = (hits[0].node.id if hits else None) if searched else no_update
        if not hits:
            return [html.P(t("no_results", lang))], "", selection
        results = [html.H2(t("results", lang)), html.Ul([_result_item(h.node, lang) for h in hits])]
        return results, "", selection

    @app.callback(
        Output(ids.SELECTED, "data", allow_duplicate=True),
        Input({"type": ids.RESULT, "index": ALL}, "n_clicks"),
        Input(ids.GRAPH, "tapNodeData"),
        prevent_initial_call=True,
    )
    def choose(_clicks: list, tapped: dict | None) -> str:
        if ctx.triggered_id == ids.GRAPH:
            return tapped["id"] if tapped else no_update
        clicked = [i["id"]["index"] for i in ctx.inputs_list[0] if i.get("value")]
        trigger = ctx.triggered_id
        return (
            trigger["index"] if clicked and trigger and trigger["index"] in clicked else no_update
        )

    @app.callback(
        Output(ids.GRAPH, "elements"),
        Output(ids.DETAILS, "children"),
        Input(ids.SELECTED, "data"),
        Input(ids.LANGUAGE, "value"),
    )
    def show_selection(node_id: str | None, lang: str) -> tuple[list, list]:
        if not node_id:
            return [], []
        try:
            subgraph = store.neighbourhood(node_id, depth=GRAPH_DEPTH, limit=GRAPH_LIMIT)
            direct = store.neighbourhood(node_id, depth=1, limit=None)
            nearby = store.neighbourhood(
                node_id, depth=GRAPH_DEPTH, kinds=PEOPLE_KINDS, limit=PEOPLE_LIMIT
            )
        except NodeNotFound:
            return [], []
        except GraphModelError as exc:
            return [], [html.P(t("store_down", lang, error=exc))]
        details = _details(direct, lang) + _nearby(nearby, lang)
        if subgraph.omitted:
            details.append(html.P(t("omitted", lang, n=subgraph.omitted), className="omitted"))
        return cytoscape_elements(subgraph, node_id), details


def _result_item(node: Node, lang: str) -> html.Li:
    return html.Li(
        html.Button(
            [
                html.Span(node.name, className="name"),
                html.Span(kind_label(node.kind, lang), className="kind"),
            ],
            id={"type": ids.RESULT, "index": node.id},
            className="result",
        )
    )


def _details(subgraph: Subgraph, lang: str) -> list:
    """The selected node's panel: what it is, where it comes from, what it connects to."""
    node = subgraph.nodes[0]
    parts: list = [
        html.H2(node.name),
        html.P(kind_label(node.kind, lang), className="kind"),
    ]
    if description := node.get("description"):
        parts.append(html.P(description))
    if (website := node.get("website")) and str(website).startswith(("http://", "https://")):
        parts.append(
            html.P(
                html.A(t("website", lang), href=website, target="_blank", rel="noopener noreferrer")
            )
        )
    parts += _contact(node)
    parts.append(
        html.P(
            f"{t('source', lang)}: {node.get('source', '-')} · "
            f"{t('verified', lang)}: {node.get('verified', '-')}",
            className="provenance",
        )
    )
    parts.append(html.H3(t("connections", lang)))
    parts += _connections(subgraph, lang)
    return parts


def _nearby(subgraph: Subgraph, lang: str) -> list:
    """People and organisations one step further: who to talk to about this node."""
    further = [n for n in subgraph.nodes[1:] if subgraph.depth[n.id] > 1]
    if not further:
        return []
    items = [html.Li(f"{n.name} ({kind_label(n.kind, lang).lower()})") for n in further]
    if subgraph.omitted:
        items.append(html.Li(t("more", lang, n=subgraph.omitted), className="omitted"))
    return [html.H3(t("nearby", lang)), html.Ul(items, id="nearby")]


def _contact(node: Node) -> list:
    """Contact details only when the record marks them public."""
    if node.kind != "Person" or node.get("contact_public") is not True:
        return []
    return [html.P(str(node.get(key))) for key in ("email", "phone") if node.get(key)]


def _connections(subgraph: Subgraph, lang: str) -> list:
    """The neighbours, grouped by kind, each with how it is connected."""
    centre = subgraph.nodes[0].id
    names = {n.id: n for n in subgraph.nodes}
    by_kind: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for rel in subgraph.relationships:
        if centre not in (rel.start, rel.end):
            continue
        other = names[rel.end if rel.start == centre else rel.start]
        how = relationship_label(rel.type, lang)
        if role := rel.properties.get("role"):
            how = f"{how} ({role})"
        by_kind[other.kind].append((other.name, how))
    return [
        html.Details(
            open=True,
            children=[
                html.Summary(f"{kind_label(kind, lang)} ({len(items)})"),
                html.Ul([html.Li(f"{name} — {how}") for name, how in sorted(items)]),
            ],
        )
        for kind, items in sorted(by_kind.items())
    ]
