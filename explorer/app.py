"""The Dash app: ``create_app(store)`` builds it around a store, with no global data.

The explorer never speaks Cypher: every callback asks graphmodel, so the same app runs
on the embedded store and on Neo4j.
"""

from __future__ import annotations

from collections import defaultdict

import dash_cytoscape as cyto
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update

from explorer import ids
from explorer.figures import cytoscape_elements, stylesheet
from explorer.texts import LANGUAGES, kind_label, relationship_label, t
from graphmodel.errors import GraphModelError, NodeNotFound
from graphmodel.model import Node, Subgraph
from graphmodel.store import GraphStore

__all__ = ["create_app"]

GRAPH_LIMIT = 60  # nodes drawn around a selection; the rest is counted, not sent
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
        Input(ids.SEARCH, "value"),
        Input(ids.LANGUAGE, "value"),
    )
    def show_results(text: str | None, lang: str) -> tuple[list, str]:
        if not text or not text.strip():
            return [html.P(t("choose", lang))], ""
        try:
            hits = store.search(text, limit=RESULT_LIMIT)
        except GraphModelError as exc:
            return [], t("store_down", lang, error=exc)
        if not hits:
            return [html.P(t("no_results", lang))], ""
        return [
            html.H2(t("results", lang)),
            html.Ul([_result_item(h.node, lang) for h in hits]),
        ], ""

    @app.callback(
        Output(ids.SELECTED, "data"),
        Input(ids.SEARCH, "value"),
        Input({"type": ids.RESULT, "index": ALL}, "n_clicks"),
        Input(ids.GRAPH, "tapNodeData"),
        prevent_initial_call=True,
    )
    def select(text: str | None, _clicks: list, tapped: dict | None) -> str | None:
        trigger = ctx.triggered_id
        if trigger == ids.GRAPH:
            return tapped["id"] if tapped else no_update
        if isinstance(trigger, dict):
            return trigger["index"] if any(_clicks) else no_update
        hits = store.search(text, limit=1) if text and text.strip() else []
        return hits[0].node.id if hits else None

    @app.callback(
        Output(ids.GRAPH, "elements"),
        Output(ids.DETAILS, "children"),
        Input(ids.SELECTED, "data"),
        Input(ids.LANGUAGE, "value"),
        State(ids.NOTICE, "children"),
    )
    def show_selection(node_id: str | None, lang: str, _notice: str) -> tuple[list, list]:
        if not node_id:
            return [], []
        try:
            subgraph = store.neighbourhood(node_id, depth=1, limit=GRAPH_LIMIT)
        except NodeNotFound:
            return [], []
        except GraphModelError as exc:
            return [], [html.P(t("store_down", lang, error=exc))]
        return cytoscape_elements(subgraph, node_id), _details(subgraph, lang)


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
    if subgraph.omitted:
        parts.append(html.P(t("omitted", lang, n=subgraph.omitted), className="omitted"))
    return parts


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
