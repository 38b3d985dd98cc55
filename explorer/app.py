"""The Dash app: ``create_app(store)`` builds it around a store, with no global data.

The explorer never speaks Cypher: every callback asks graphmodel, so the same app runs
on the embedded store and on Neo4j. The shell draws the header and the page the URL
names; the state of every view lives in the URL (`explorer.state`), so that a link opens
the same view.
"""

from __future__ import annotations

from datetime import date

from dash import Dash, Input, Output, State, dcc, html, no_update

import graphmodel
from explorer import citing, components, ids, state
from explorer.accounts import header as account_header
from explorer.accounts.settings import instance_folder
from explorer.accounts.web import Accounts
from explorer.ages import CONFIG_KEY as AGES_KEY
from explorer.ages import TODAY_KEY
from explorer.forum.web import FORUM, Forum
from explorer.guard import guard, only_these_pages
from explorer.pages import Page, about, coverage, explore, people
from explorer.profiles.web import PROFILE, Profiles
from explorer.serving import serve_quickly
from explorer.texts import COMMON, LANGUAGES
from graphmodel import clock
from graphmodel.errors import GraphModelError
from graphmodel.graph import Graph
from graphmodel.provenance import STALE_MONTHS
from graphmodel.sources import SourceCatalogue

__all__ = ["PAGES", "create_app", "warm_up"]

PAGES: tuple[Page, ...] = (explore.PAGE, people.PAGE, coverage.PAGE, about.PAGE)
GRAPH = "verbindplaats.graph"  # the public view an app reads, among its Flask extensions
# Server pages beside the explorer's, named in its navigation when people can sign in:
# (Dutch, English) title and path
ELSEWHERE: tuple[tuple[tuple[str, str], str], ...] = ((("Forum", "Forum"), FORUM),)


def create_app(
    store: Graph,
    stale_months: int = STALE_MONTHS,
    sources: SourceCatalogue | None = None,
    today: date | None = None,
    accounts: Accounts | None = None,
) -> Dash:
    """A Dash app that explores `store`; facts older than `stale_months` show as out
    of date, sources by the titles in `sources` (default: the bundled sources table).

    Ages, freshness and scores are counted to `today` when it is pinned, else to the
    real date of each request (`explorer.ages.request_day`).

    With `accounts` people can sign in (every page still reads without); the header
    then shows "Inloggen" or who is signed in.
    """
    app = Dash(
        __name__,
        title="Verbindplaats",
        update_title=None,
        suppress_callback_exceptions=True,  # pages are drawn by a callback
    )
    writable, store = store, store.public()  # every page, callback and download reads
    # through the public view; only a curator's approval writes, into the graph itself
    app.server.extensions[GRAPH] = store
    app.server.config[AGES_KEY] = stale_months
    app.server.config[TODAY_KEY] = today
    app.server.config[citing.CONFIG_KEY] = sources or graphmodel.source_catalogue()
    if accounts is not None:
        accounts.install(app.server)  # first: its CSRF check comes before kept answers
        Profiles(writable).install(app.server)
        Forum(writable, instance_folder()).install(app.server)
    serve_quickly(app)  # compression, callback answers kept for a minute
    guard(app)  # limits, security headers, 400/404; after compression: it reads the page
    only_these_pages(app, [page.path for page in PAGES])
    if accounts is None:
        app.layout = _shell()
    else:
        app.layout = lambda: _shell(account_header.account_corner(PROFILE))  # per request
        account_header.register(app, ids.LANGUAGE)
    _register_shell(app, store, () if accounts is None else ELSEWHERE)
    components.register_tables(app)
    for page in PAGES:
        page.register(app, store)
    return app


def warm_up(app: Dash) -> None:
    """Work out what `app` (`create_app`) would make its first visitors wait for: the
    read model and vocabulary of the public view it reads (`Graph.warm_up`), and what
    each page keeps (`Page.warm_up`), for the day it serves. For a server, before it
    serves."""
    public, day = app.server.extensions[GRAPH], clock.today(app.server.config[TODAY_KEY])
    public.warm_up(day)
    for page in PAGES:
        page.warm_up(public, day)


def _shell(account: html.Div | None = None) -> html.Div:
    return html.Div(
        className="page",
        children=[
            dcc.Location(id=ids.URL, refresh="callback-nav"),
            html.Header(
                className="header",
                children=[
                    html.H1(COMMON("title", "nl")),
                    html.P(COMMON("tagline", "nl"), id=ids.TAGLINE),
                    dcc.RadioItems(
                        id=ids.LANGUAGE,
                        options=[{"label": lang.upper(), "value": lang} for lang in LANGUAGES],
                        value="nl",
                        inline=True,
                        className="language",
                    ),
                    *([account] if account is not None else []),
                ],
            ),
            html.Nav(id=ids.NAV, className="nav", **{"aria-label": "Verbindplaats"}),
            html.Main(id=ids.PAGE),
        ],
    )


def _register_shell(
    app: Dash, store: Graph, elsewhere: tuple[tuple[tuple[str, str], str], ...]
) -> None:
    by_path = {page.path: page for page in PAGES}

    @app.callback(
        Output(ids.PAGE, "children"),
        Output(ids.NAV, "children"),
        Output(ids.TAGLINE, "children"),
        Input(ids.URL, "pathname"),
        Input(ids.LANGUAGE, "value"),
        State(ids.URL, "search"),
    )
    def draw(pathname: str | None, lang: str, search: str | None) -> tuple:
        page = by_path.get(pathname or "/")
        nav = [_nav_link(p, p is page, lang) for p in PAGES]
        nav += [_server_link(title, path, lang) for title, path in elsewhere]
        if page is None:
            return components.notice(COMMON("not_found", lang)), nav, COMMON("tagline", lang)
        try:
            body = page.layout(store, state.parse(search), lang)
        except GraphModelError as exc:
            body = components.failure(exc, lang)
        return body, nav, COMMON("tagline", lang)

    @app.callback(
        Output(ids.LANGUAGE, "value"),
        Input(ids.URL, "pathname"),
        State(ids.URL, "search"),
        State(ids.LANGUAGE, "value"),
    )
    def language_of_link(_pathname: str, search: str | None, current: str) -> str:
        wanted = state.language(state.parse(search))
        return wanted if wanted != current else no_update

    @app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.LANGUAGE, "value"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def language_into_link(lang: str, search: str | None) -> str:
        query = state.parse(search)
        query.pop("lang", None)
        return state.encode(query, lang)


def _nav_link(page: Page, current: bool, lang: str) -> dcc.Link:
    dutch, english = page.title
    return dcc.Link(
        english if lang == "en" else dutch,
        href=page.path + state.encode({}, lang),
        className="nav-link current" if current else "nav-link",
    )


def _server_link(title: tuple[str, str], path: str, lang: str) -> html.A:
    """A link to a page the server draws (the forum): a whole page load."""
    return html.A(title[lang == "en"], href=path + state.encode({}, lang), className="nav-link")
