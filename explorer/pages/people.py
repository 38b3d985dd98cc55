"""Vind de juiste mensen: who works on what I work on, near me, and who can introduce us?

The seeker names topics, where they work (a gemeente, COROP region, onderwijsregio or
province) and optionally their sector and organisation. `Graph.find_people` ranks
three families, people, groups to join and organisations, and says why; this page shows
them as three sections, people first, each under what was found where (nobody near is
said in words, the nearest with their distance), every answer with its reasons and its
public way in; for the chosen answer the introduction route (a chain of real
relationships from the seeker's organisation, else from an actor in their gemeente) in
words and as a small graph.

One callback answers every change of the form, reading all four fields as inputs: when
Dash drops an earlier answer that a later one overtook, the later one already holds
everything the seeker chose, so nothing they asked for is lost. Choosing a result only
redraws the route. The answer travels to the browser once (a store), for the downloads.
"""

from __future__ import annotations

from dataclasses import dataclass

import dash_cytoscape as cyto
import pandas as pd
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.development.base_component import Component

from explorer import choices, citing, components, figures, ids, state
from explorer.ages import request_day
from explorer.pages import Page
from explorer.profiles import contact
from explorer.profiles.texts import TEXTS as PROFILE_TEXTS
from explorer.state import Query
from explorer.texts import COMMON, Texts, kind_label, relationship_label
from explorer.understood import chips, register_rewrites
from graphmodel import schema
from graphmodel.errors import GraphModelError
from graphmodel.frames import About
from graphmodel.graph import Graph
from graphmodel.questions.people import FAMILIES
from graphmodel.stores.routes import ROUTE_MAX_HOPS

__all__ = ["PAGE", "TEXTS", "Seeking", "route_elements", "route_stylesheet"]

# component ids
ASK = "people-ask"  # the question in the seeker's own words
UNDERSTOOD = "people-understood"
TOPICS = "people-topics"
REGION = "people-region"
SECTOR = "people-sector"
ORGANISATION = "people-org"
ANSWER = "people-answer"
RESULT = "people-result"  # pattern-matching: {"type": RESULT, "id": node id}
ROUTE = "people-route"
ROUTE_GRAPH = "people-route-graph"
ROUTE_PNG = "people-route-png"
RESULTS_DATA = "people-results-data"
SELECTED = "people-selected"
CSV = "people-csv"
XLSX = "people-xlsx"
DOWNLOAD = "people-download"
RESULTS_TABLE = "people-results-table"
ROUTE_TABLE = "people-route-steps"

LIMIT = 10  # per family: three sections of ten
FAMILY_CLASS = "people-family-"  # + people, groups or organisations
FILENAME = "verbindplaats-mensen"
REGION_LEVELS = ("provincie", "onderwijsregio", "corop", "gemeente")
ROUTE_SPACING = (170, 70)  # x between consecutive nodes, y of the zigzag

TEXTS = Texts(
    {
        "title": ("Vind de juiste mensen", "Find the right people"),
        "intro": (
            "Zeg waaraan je werkt en waar. Je ziet wie er ook aan werkt, waarom juist zij, "
            "en via wie je kennis kunt maken.",
            "Say what you work on and where. You see who else works on it, why them, and "
            "who can introduce you.",
        ),
        "ask": (
            "Vraag het in je eigen woorden, bijvoorbeeld: zij-instroom Zwolle mbo",
            "Ask in your own words, for example: zij-instroom Zwolle mbo",
        ),
        "topics": ("Waaraan werk je?", "What do you work on?"),
        "topics_placeholder": ("Kies een of meer onderwerpen", "Choose one or more topics"),
        "region": ("Waar?", "Where?"),
        "region_placeholder": (
            "Gemeente, COROP-regio, onderwijsregio of provincie",
            "Municipality, COROP region, education region or province",
        ),
        "sector": ("Sector (optioneel)", "Sector (optional)"),
        "sector_placeholder": ("Elke sector", "Any sector"),
        "organisation": ("Jouw organisatie (optioneel)", "Your organisation (optional)"),
        "organisation_placeholder": ("Zoek je organisatie", "Find your organisation"),
        "prompt": (
            "Kies hierboven minstens één onderwerp waaraan je werkt. Met je gemeente of regio "
            "en je organisatie erbij tellen nabijheid en gedeelde netwerken mee, en zie je "
            "via wie je kennis kunt maken.",
            "Choose at least one topic you work on above. Add your municipality or region and "
            "your organisation to count nearness and shared networks, and to see who can "
            "introduce you.",
        ),
        "nobody": (
            "Niemand gevonden die hieraan werkt met deze keuzes.",
            "Nobody found working on this with these choices.",
        ),
        "results": (
            "{n} antwoorden: mensen, groepen en organisaties, per soort de beste eerst",
            "{n} answers: people, groups and organisations, the best of each first",
        ),
        "none_in_family": ("Geen antwoorden van deze soort.", "No answers of this kind."),
        "reach": ("Bereikbaar: {reach}", "Reach: {reach}"),
        "distance": ("{km} km ({place})", "{km} km ({place})"),
        "family": ("Soort antwoord", "Kind of answer"),
        "score": ("score {score:.2f}", "score {score:.2f}"),
        "verified_on": ("geverifieerd {date}", "verified {date}"),
        "route_title": ("Introductieroute naar {name}", "Introduction route to {name}"),
        "no_origin": (
            "Kies je organisatie of regio om te zien via wie je {name} kunt leren kennen.",
            "Choose your organisation or region to see who can introduce you to {name}.",
        ),
        "no_route": (
            "Geen introductieroute naar {name}: geen keten van hooguit {hops} echte relaties "
            "vanaf je organisatie of vanaf iemand in je gemeente.",
            "No introduction route to {name}: no chain of at most {hops} real relationships "
            "from your organisation or from anyone in your municipality.",
        ),
        "route_steps": ("De stappen van de route", "The steps of the route"),
        "download_png": ("Download PNG", "Download PNG"),
        "rank": ("Rang", "Rank"),
        "name": ("Naam", "Name"),
        "kind": ("Soort", "Kind"),
        "why": ("Waarom", "Why"),
        "route_text": ("Introductieroute", "Introduction route"),
        "distance_km": ("km", "km"),
        "place": ("Plaats", "Place"),
        "topic_score": ("Score onderwerp", "Topic score"),
        "region_score": ("Score regio", "Region score"),
        "network_score": ("Score netwerk", "Network score"),
        "sector_score": ("Score sector", "Sector score"),
        "reach_url": ("Webadres", "Web address"),
        "id": ("Id", "Id"),
        "route": ("Route (ids)", "Route (ids)"),
        "any": ("(niet gekozen)", "(not chosen)"),
        "from": ("Van", "From"),
        "relationship": ("Relatie", "Relationship"),
        "to": ("Naar", "To"),
    }
)


@dataclass(frozen=True)
class Seeking:
    """What the seeker asks and which result they chose: the page's state in the URL."""

    topics: tuple[str, ...] = ()
    region: str | None = None
    sector: str | None = None
    org: str | None = None
    sel: str | None = None
    text: str = ""  # the question as typed; the fields hold what was understood

    @classmethod
    def from_query(cls, query: Query) -> Seeking:
        return cls(
            topics=tuple(query.get("topic", ())),
            region=state.first(query, "region"),
            sector=state.first(query, "sector"),
            org=state.first(query, "org"),
            sel=state.first(query, "sel"),
            text=state.first(query, "q", ""),
        )

    def search(self, lang: str) -> str:
        """The URL's query string for this state (the permalink)."""
        values = {
            "topic": list(self.topics),
            "region": self.region,
            "sector": self.sector,
            "org": self.org,
            "sel": self.sel,
            "q": self.text,
        }
        return state.encode(values, lang)

    @property
    def origin(self) -> str | None:
        """Where introduction routes start, as find_people decides: organisation, else region."""
        return self.org or self.region


@dataclass(frozen=True)
class _Answer:
    """What one search shows, what the browser keeps of it, and the chosen result."""

    view: Component
    data: dict | None = None
    selected: str | None = None


# --- the layout ---------------------------------------------------------------------------


def layout(store: Graph, query: Query, lang: str) -> html.Div:
    """The form filled in from the permalink, and its answer drawn at once."""
    seeking = Seeking.from_query(query)
    answer = _answer(store, seeking, lang)
    return html.Div(
        className="people",
        children=[
            html.H2(TEXTS("title", lang)),
            html.P(TEXTS("intro", lang), className="people-intro"),
            _ask_box(store, seeking, lang),
            _form(store, seeking, lang),
            dcc.Loading(
                html.Div(answer.view, id=ANSWER),
                delay_show=250,  # most answers take less; no flicker for them
                show_initially=False,
                overlay_style={"visibility": "visible", "opacity": 0.5},
            ),
            dcc.Store(id=RESULTS_DATA, data=answer.data),
            dcc.Store(id=SELECTED, data=answer.selected),
            dcc.Download(id=DOWNLOAD),
        ],
    )


def _ask_box(store: Graph, seeking: Seeking, lang: str) -> html.Div:
    """One box for the whole question; what it understood fills the fields below."""
    return html.Div(
        className="people-ask",
        children=[
            html.Label(TEXTS("ask", lang), htmlFor=ASK, className="visually-hidden"),
            dcc.Input(
                id=ASK,
                type="search",
                debounce=0.3,
                value=seeking.text,
                placeholder=TEXTS("ask", lang),
                className="search",
                autoFocus=True,  # the page is for asking: type at once
            ),
            html.Div(chips(store.parse(seeking.text), lang, ASK), id=UNDERSTOOD),
        ],
    )


def _form(store: Graph, seeking: Seeking, lang: str) -> html.Div:
    fields = [
        (TOPICS, "topics", choices.topic_options(store, lang), list(seeking.topics), True),
        (
            REGION,
            "region",
            choices.region_options(store, REGION_LEVELS, lang),
            seeking.region,
            False,
        ),
        (SECTOR, "sector", choices.sector_options(lang), seeking.sector, False),
        (ORGANISATION, "organisation", choices.organisation_options(store), seeking.org, False),
    ]
    return html.Div(
        className="people-form",
        children=[
            choices.dropdown(
                field_id,
                TEXTS(key, lang),
                options,
                value,
                lang,
                multi=multi,
                placeholder=TEXTS(f"{key}_placeholder", lang),
                class_name="people-field",
            )
            for field_id, key, options, value, multi in fields
        ],
    )


# --- the answer ---------------------------------------------------------------------------


def _answer(store: Graph, seeking: Seeking, lang: str) -> _Answer:
    """Ask find_people; a prompt without topics, a notice when the question cannot be
    answered, the ranked results otherwise (the chosen one kept when it is still there)."""
    if not seeking.topics:
        return _Answer(components.notice(TEXTS("prompt", lang)))
    try:
        found = store.find_people(
            list(seeking.topics),
            region=seeking.region,
            sector=seeking.sector,
            from_org=seeking.org,
            limit=LIMIT,
            lang=lang,
            today=request_day(),
        )
    except GraphModelError as exc:  # away, or the choice cannot be answered (unknown region)
        return _Answer(components.failure(exc, lang))
    if found.empty:
        statement = found.attrs.get("statement", "")
        return _Answer(components.notice(f"{TEXTS('nobody', lang)} {statement}".strip()))
    data = {
        "columns": list(found.columns),
        "rows": found.to_dict("records"),
        "origin": seeking.origin,
        "found": found.attrs.get("found", {}),
        "about": _about(store, seeking, found.attrs.get("found", {}), lang),
    }
    selected = seeking.sel if seeking.sel in set(found["id"]) else str(found["id"].iloc[0])
    return _Answer(_results_view(store, data, selected, lang), data, selected)


def _about(store: Graph, seeking: Seeking, found: dict[str, str], lang: str) -> About:
    """The question and what was found where, as the first lines of a download."""
    chosen = [*seeking.topics, seeking.region, seeking.org]
    names = {n.id: n.name for n in store.nodes([c for c in chosen if c])}
    lines = [
        (TEXTS("title", lang), ""),
        (TEXTS("topics", lang), ", ".join(names.get(t, t) for t in seeking.topics)),
        (TEXTS("region", lang), names.get(seeking.region or "", TEXTS("any", lang))),
        (TEXTS("sector", lang), seeking.sector or TEXTS("any", lang)),
        (TEXTS("organisation", lang), names.get(seeking.org or "", TEXTS("any", lang))),
    ]
    lines += [
        (COMMON(f"family-{family}", lang), found[family]) for family in FAMILIES if family in found
    ]
    return [
        *lines,
        (COMMON("about_date", lang), request_day().isoformat()),
        (COMMON("about_source", lang), COMMON("about_source_text", lang)),
    ]


def _results_view(store: Graph, data: dict, selected: str, lang: str) -> html.Div:
    """The ranking beside the chosen result's route; below, the ranking as a table."""
    rows = data["rows"]
    chosen = next(row for row in rows if row["id"] == selected)
    reachable = contact.reachable_among([row["id"] for row in rows if row["kind"] == "Person"])
    return html.Div(
        children=[
            html.Div(
                className="people-columns",
                children=[
                    html.Div(
                        [
                            _family_section(data, family, selected, reachable, lang)
                            for family in FAMILIES
                        ],
                        className="people-ranking",
                    ),
                    html.Section(
                        _route_view(store, chosen, data["origin"], lang),
                        id=ROUTE,
                        className="people-route",
                        **{"aria-live": "polite"},
                    ),
                ],
            ),
            _results_table(_frame(data), lang),
        ]
    )


def _family_section(
    data: dict, family: str, selected: str, reachable: set[str], lang: str
) -> html.Section:
    """One family of answers under what was found where (`FAMILY_CLASS` + family); the
    `reachable` people with a link to write to them through the platform."""
    rows = [row for row in data["rows"] if row["family"] == family]
    statement = data.get("found", {}).get(family, "")
    heading = COMMON(f"family-{family}", lang)
    answers: Component = (
        html.Ol(
            [
                _result_item(row, row["id"] == selected, row["id"] in reachable, lang)
                for row in rows
            ],
            className="people-results",
        )
        if rows
        else html.P(TEXTS("none_in_family", lang), className="kind")
    )
    return html.Section(
        className=f"people-family {FAMILY_CLASS}{family}",
        children=[
            html.H3(f"{heading} ({len(rows)})"),
            html.P(statement.partition(": ")[2] or statement, className="people-found"),
            answers,
        ],
    )


def _result_item(row: dict, selected: bool, reachable: bool, lang: str) -> html.Li:
    """One result as a button (choosing it shows its route): name, kind, score, distance,
    reasons; below it, the public way to reach it (a link only to a web address) and,
    for someone `reachable` through the platform, "Neem contact op" (no address shown)."""
    facts = [kind_label(row["kind"], lang), TEXTS("score", lang, score=row["score"])]
    if row.get("distance_km") is not None:
        facts.append(TEXTS("distance", lang, km=f"{row['distance_km']:.0f}", place=row["place"]))
    return html.Li(
        [
            html.Button(
                id={"type": RESULT, "id": row["id"]},
                className="people-result",
                **{"aria-pressed": _pressed(selected)},
                children=[
                    html.Span(f"{row['rank']}. {row['name']}", className="name"),
                    html.Span(" · ".join(facts), className="kind"),
                    *[_reason(r, lang) for r in row["reasons"]],
                ],
            ),
            _reach(row, lang),
            *([_contact(row, lang)] if reachable else []),
        ]
    )


def _contact(row: dict, lang: str) -> html.P:
    """The link to write to a person through the platform (`explorer.profiles.contact`)."""
    link = html.A(
        PROFILE_TEXTS("contact", lang),
        href=contact.link_to(row["id"], lang),
        className="people-contact-link",
    )
    return html.P(link, className="people-contact")


def _reach(row: dict, lang: str) -> html.P:
    """How to reach an answer: the words, with the web address as a link."""
    words = TEXTS("reach", lang, reach=row["reach"])
    url = row.get("reach_url") or ""
    if not url.startswith(("https://", "http://")):
        return html.P(words, className="people-reach")
    before, _, after = words.partition(url)
    link = html.A(url, href=url, target="_blank", rel="noopener noreferrer")
    return html.P([before, link, after], className="people-reach")


def _reason(reason: dict, lang: str) -> html.Span:
    """A reason with the date its evidence was last checked: how far to trust it."""
    parts: list = [reason["text"]]
    if reason.get("verified"):
        checked = TEXTS("verified_on", lang, date=reason["verified"])
        parts += [" ", html.Span(f"({checked})", className="verified")]
    return html.Span(parts, className="reason")


def _pressed(selected: bool) -> str:
    return "true" if selected else "false"


def _results_table(frame: pd.DataFrame, lang: str) -> html.Details:
    """The ranking's accessible twin and its downloads."""
    shown, columns = _readable(frame, lang), _columns(lang)
    downloads = html.Div(
        className="people-downloads",
        children=[
            html.Button(COMMON("download_csv", lang), id=CSV),
            html.Button(COMMON("download_xlsx", lang), id=XLSX),
        ],
    )
    caption = TEXTS("results", lang, n=len(frame))
    return components.folded_table(
        RESULTS_TABLE, shown, columns, lang, caption, "people-table", [downloads]
    )


def _readable(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The ranking with its families and kinds in words."""
    return frame.assign(
        kind=[kind_label(k, lang) for k in frame["kind"]],
        family=[COMMON(f"family-{f}", lang) for f in frame["family"]],
    )


def _columns(lang: str, downloaded: bool = False) -> dict[str, str]:
    """The table's columns and their headers; for a download also the part scores, the
    place, the web address and the ids."""
    columns = {c: TEXTS(c, lang) for c in ("family", "rank", "name", "kind")}
    columns["score"] = "Score"
    parts = ("topic_score", "region_score", "network_score", "sector_score", "place")
    columns |= {c: TEXTS(c, lang) for c in parts} if downloaded else {}
    columns |= {"distance_km": TEXTS("distance_km", lang), "why": TEXTS("why", lang)}
    columns |= {"reach": TEXTS("reach", lang, reach="").rstrip(": ")}
    columns |= {"reach_url": TEXTS("reach_url", lang)} if downloaded else {}
    columns["route_text"] = TEXTS("route_text", lang)
    return columns | ({c: TEXTS(c, lang) for c in ("id", "route")} if downloaded else {})


def _download(data: dict, fmt: str, lang: str) -> dict:
    """The ranking for a spreadsheet in a Dutch office: headers in words, the question
    and what was found where above it (or on a sheet of its own)."""
    columns = _columns(lang, downloaded=True)
    table = _readable(_frame(data), lang)[list(columns)].rename(columns=columns)
    about = [tuple(line) for line in data["about"]]
    return components.download(table, FILENAME, fmt, about, lang=lang)


def _frame(data: dict) -> pd.DataFrame:
    return pd.DataFrame(data["rows"], columns=data["columns"])


# --- the introduction route ---------------------------------------------------------------


def _route_view(store: Graph, row: dict, origin: str | None, lang: str) -> list:
    """The route to the chosen result in words, as a graph, and as a table of steps with
    the source and date of each relationship."""
    name = row["name"]
    title = html.H3(TEXTS("route_title", lang, name=name))
    if not origin:
        return [title, components.notice(TEXTS("no_origin", lang, name=name))]
    route = row["route"]
    if not route:
        text = TEXTS("no_route", lang, name=name, hops=ROUTE_MAX_HOPS)
        return [title, components.notice(text)]
    try:
        steps = store.path(route[0], route[-1])
    except GraphModelError as exc:
        return [title, components.failure(exc, lang)]
    return [
        title,
        html.P(row["route_text"], className="people-route-text"),
        cyto.Cytoscape(
            id=ROUTE_GRAPH,
            elements=route_elements(steps, route, lang),
            stylesheet=route_stylesheet(route[-1]),
            layout={"name": "preset", "fit": True, "padding": 30},
            style={"width": "100%", "height": "240px"},
            userZoomingEnabled=False,
            userPanningEnabled=False,
            autoungrabify=True,
        ),
        html.Button(TEXTS("download_png", lang), id=ROUTE_PNG, className="people-png"),
        components.folded_table(
            ROUTE_TABLE,
            _steps_shown(steps, lang),
            _step_columns(lang),
            lang,
            TEXTS("route_steps", lang),
        ),
    ]


def route_stylesheet(result_id: str) -> list[dict]:
    """The explorer's look (kinds, the result emphasised as a selection), with every name
    written out in full and every relationship named: a route is short enough for both."""
    return [
        *figures.stylesheet(result_id),
        {
            "selector": "node",
            "style": {"font-size": 11, "text-wrap": "wrap", "text-max-width": 150},
        },
        {
            "selector": "edge",
            "style": {
                "label": "data(label)",
                "font-size": 9,
                "color": "#555",
                "text-background-color": "#fff",
                "text-background-opacity": 1,
                "width": 2,
            },
        },
        {"selector": ".origin", "style": {"border-width": 3, "border-color": "#222"}},
    ]


def route_elements(steps: pd.DataFrame, route: list[str], lang: str) -> list[dict]:
    """Cytoscape elements of a route: its nodes in a zigzag from the seeker (left) to the
    result (right), so that long names do not overlap; an edge per relationship, in the
    direction of the fact, labelled with its type.

    `steps` is `Graph.path` of the route's ends; `route` its node ids in order.
    """
    names = dict(zip(steps["from_id"], steps["from"], strict=True))
    names |= dict(zip(steps["to_id"], steps["to"], strict=True))
    dx, dy = ROUTE_SPACING
    nodes = [
        {
            "data": {"id": node_id, "label": names.get(node_id, node_id)},
            "classes": " ".join([schema.kind_of_id(node_id).name, "labelled", *_origin(i)]),
            "position": {"x": i * dx, "y": (i % 2) * dy},
        }
        for i, node_id in enumerate(route)
    ]
    edges = [
        {
            "data": {
                "id": f"step-{step.step}",
                "source": step.from_id,
                "target": step.to_id,
                "label": relationship_label(step.relationship, lang),
            }
        }
        for step in steps.itertuples()
    ]
    return nodes + edges


def _origin(position: int) -> list[str]:
    return ["origin"] if position == 0 else []


def _steps_shown(steps: pd.DataFrame, lang: str) -> pd.DataFrame:
    shown = steps.assign(relationship=[relationship_label(t, lang) for t in steps["relationship"]])
    return citing.labelled(shown)


def _step_columns(lang: str) -> dict[str, str]:
    columns = {c: TEXTS(c, lang) for c in ("from", "relationship", "to")}
    return columns | {"source": COMMON("source", lang), "verified": COMMON("verified", lang)}


# --- callbacks ----------------------------------------------------------------------------


def register(app: Dash, store: Graph) -> None:
    """Wire the form, the choice of a result, the permalink and the downloads."""

    register_rewrites(app, store, ASK)

    @app.callback(
        Output(UNDERSTOOD, "children"),
        Output(TOPICS, "value"),
        Output(REGION, "value"),
        Output(SECTOR, "value"),
        Input(ASK, "value"),
        State(ids.LANGUAGE, "value"),
        prevent_initial_call=True,  # the permalink's fields stand as they were left
    )
    def understand(text: str | None, lang: str) -> tuple:
        """The question typed: its topics, first place and sector fill the fields (the
        fields' callback then asks find_people); the parts show as chips."""
        try:
            understood = store.parse(text or "")
        except GraphModelError as exc:
            return components.failure(exc, lang), no_update, no_update, no_update
        places, sectors = understood.values("place"), understood.values("sector")
        return (
            chips(understood, lang, ASK),
            understood.values("topic"),
            places[0] if places else None,
            sectors[0] if sectors else None,
        )

    @app.callback(
        Output(ANSWER, "children"),
        Output(RESULTS_DATA, "data"),
        Output(SELECTED, "data"),
        Input(TOPICS, "value"),
        Input(REGION, "value"),
        Input(SECTOR, "value"),
        Input(ORGANISATION, "value"),
        State(ids.LANGUAGE, "value"),
        prevent_initial_call=True,  # the layout drew the answer to the permalink
    )
    def seek(
        topics: list[str] | None, region: str | None, sector: str | None, org: str | None, lang: str
    ) -> tuple:
        """A new question: its best result is the one whose route is shown."""
        answer = _answer(store, Seeking(tuple(topics or ()), region, sector, org), lang)
        return answer.view, answer.data, answer.selected

    @app.callback(
        Output(SELECTED, "data", allow_duplicate=True),
        Output(ROUTE, "children"),
        Output({"type": RESULT, "id": ALL}, "aria-pressed"),
        Input({"type": RESULT, "id": ALL}, "n_clicks"),
        State(RESULTS_DATA, "data"),
        State(ids.LANGUAGE, "value"),
        prevent_initial_call=True,
    )
    def choose(clicks: list[int | None], data: dict | None, lang: str) -> tuple:
        buttons = [output["id"]["id"] for output in ctx.outputs_list[2]]
        if not ctx.triggered_id or not any(clicks) or not data:  # redrawn, not clicked
            return no_update, no_update, [no_update] * len(buttons)
        chosen = ctx.triggered_id["id"]
        row = next(row for row in data["rows"] if row["id"] == chosen)
        route = _route_view(store, row, data["origin"], lang)
        return chosen, route, [_pressed(b == chosen) for b in buttons]

    @app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input(TOPICS, "value"),
        Input(REGION, "value"),
        Input(SECTOR, "value"),
        Input(ORGANISATION, "value"),
        Input(SELECTED, "data"),
        Input(ASK, "value"),
        State(ids.LANGUAGE, "value"),
        State(ids.URL, "search"),
        prevent_initial_call="initial_duplicate",  # also tidies a hand-made link on arrival
    )
    def permalink(
        topics: list[str] | None,
        region: str | None,
        sector: str | None,
        org: str | None,
        selected: str | None,
        text: str | None,
        lang: str,
        search: str | None,
    ) -> str:
        seeking = Seeking(tuple(topics or ()), region, sector, org, selected, text or "")
        wanted = seeking.search(lang)
        return wanted if wanted != (search or "") else no_update

    @app.callback(
        Output(DOWNLOAD, "data"),
        Input(CSV, "n_clicks"),
        Input(XLSX, "n_clicks"),
        State(RESULTS_DATA, "data"),
        State(ids.LANGUAGE, "value"),
        prevent_initial_call=True,
    )
    def export(_csv: int | None, _xlsx: int | None, data: dict | None, lang: str) -> dict:
        if not data or not ctx.triggered[0]["value"]:
            return no_update
        return _download(data, "xlsx" if ctx.triggered_id == XLSX else "csv", lang)

    @app.callback(
        Output(ROUTE_GRAPH, "generateImage"),
        Input(ROUTE_PNG, "n_clicks"),
        prevent_initial_call=True,
    )
    def route_png(clicks: int | None) -> dict:
        if not clicks:
            return no_update
        return {"type": "png", "action": "download", "filename": "verbindplaats-route"}


PAGE = Page(
    path="/mensen",
    title=("Vind de juiste mensen", "Find the right people"),
    layout=layout,
    register=register,
)
