"""Over de data / About the data: what is in the graph, where it comes from, how fresh it
is, and how to propose a change (download the tables or a template, check it, send it)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

import pandas as pd
from dash import Dash, Input, Output, ctx, dcc, html, no_update

from explorer import citing, components, state
from explorer.ages import request_day
from explorer.pages import Page
from explorer.texts import Texts, kind_label, relationship_label
from graphmodel import provenance
from graphmodel.errors import GraphModelError
from graphmodel.graph import Graph
from graphmodel.model import GraphStats
from graphmodel.provenance import FRESH_DAYS
from graphmodel.stores import history
from importers import writer

__all__ = ["PAGE"]

DOWNLOAD = "about-download"
DOWNLOAD_TABLES = "about-tables"
DOWNLOAD_TEMPLATE = "about-template"

TEXTS = Texts(
    {
        "heading": ("Over de data", "About the data"),
        "intro": (
            "Verbindplaats brengt netwerken, partnerschappen, allianties, onderwijsregio's, "
            "instellingen, lectoraten, projecten, mensen en onderwerpen van de flexibele "
            "lerarenopleiding samen. Elk gegeven heeft een bron (een webpagina of een "
            "brondocument) en de datum waarop het is geverifieerd. Van mensen staat alleen "
            "openbare, professionele informatie in de graaf; contactgegevens alleen als de "
            "bron ze openbaar maakt.",
            "Verbindplaats brings together the networks, partnerships, alliances, education "
            "regions, institutions, research groups, projects, people and topics of flexible "
            "teacher education. Every fact has a source (a web page or a source document) and "
            "the date it was verified. About people the graph holds only public, professional "
            "information; contact details only when the source makes them public.",
        ),
        "counts": ("Wat erin staat", "What it holds"),
        "totals": (
            "{nodes} knopen en {relationships} relaties; {share} heeft een bron en een datum.",
            "{nodes} nodes and {relationships} relationships; {share} have a source and a date.",
        ),
        "kinds": ("Knopen per soort", "Nodes per kind"),
        "types": ("Relaties per soort", "Relationships per type"),
        "fresh": ("Hoe vers", "How fresh"),
        "fresh_share": (
            "{share} van alle gegevens is in de laatste {days} dagen geverifieerd "
            "(peildatum {today}).",
            "{share} of all facts were verified in the last {days} days (as of {today}).",
        ),
        "sources": ("Bronnen", "Sources"),
        "sources_count": (
            "{documents} brondocumenten en bestanden, {pages} webpagina's.",
            "{documents} source documents and files, {pages} web pages.",
        ),
        "publisher": ("Uitgever", "Publisher"),
        "licence": ("Licentie", "Licence"),
        "added": ("Wat de aanvullingen brachten", "What the additions brought"),
        "added_intro": (
            "Elke geregistreerde import en wat die toevoegde, de nieuwste eerst. De "
            "nieuwste ({file}, {date}) bracht {people} mensen, {groups} lectoraten, "
            "practoraten en kenniscentra en {regions} regio's.",
            "Every recorded import and what it added, the newest first. The newest "
            "({file}, {date}) brought {people} people, {groups} research groups and "
            "{regions} regions.",
        ),
        "added_none": ("Er is nog niets geïmporteerd.", "Nothing has been imported yet."),
        "import": ("Import", "Import"),
        "date": ("Datum", "Date"),
        "propose": ("Een wijziging voorstellen", "Propose a change"),
        "download_tables": ("Alle tabellen (XLSX)", "All tables (XLSX)"),
        "download_template": ("Leeg sjabloon (XLSX)", "Empty template (XLSX)"),
        "kind": ("Soort", "Kind"),
        "count": ("Aantal", "Count"),
        "fresh_count": ("Vers", "Fresh"),
        "share": ("Aandeel vers", "Share fresh"),
        "oldest": ("Oudste datum", "Oldest date"),
        "source": ("Bron", "Source"),
        "type": ("Soort bron", "Source type"),
        "nodes": ("Knopen", "Nodes"),
        "relationships": ("Relaties", "Relationships"),
        "last": ("Laatst geverifieerd", "Last verified"),
    }
)


STEPS = (  # how to propose a change, Dutch and English
    (
        "Download de tabellen zoals ze nu zijn, of een leeg sjabloon.",
        "Voeg toe of verbeter, met bij elke rij een bron (URL) en een datum.",
        "Controleer het bestand: verbindplaats check bestand.xlsx — elke fout "
        "noemt blad, rij en kolom.",
        "Stuur het gecontroleerde bestand naar de beheerders.",
    ),
    (
        "Download the tables as they are now, or an empty template.",
        "Add or correct, with a source (URL) and a date on every row.",
        "Check the file: verbindplaats check file.xlsx — every error names sheet, row and column.",
        "Send the checked file to the maintainers.",
    ),
)


def layout(store: Graph, query: state.Query, lang: str) -> html.Div:
    today = request_day()
    summary = _summary(store, store.version(), today)
    return html.Div(
        className="about",
        children=[
            html.H2(TEXTS("heading", lang)),
            html.P(TEXTS("intro", lang)),
            *_counts(summary.stats, lang),
            *_added(summary.added, lang),
            *_freshness(summary.freshness, today, lang),
            *_sources(summary.sources, lang),
            *_propose(lang),
            dcc.Download(id=DOWNLOAD),
        ],
    )


def warm_up(store: Graph, today: date) -> None:
    """Sum the graph up for the page's first visitor of `today` (`_summary`)."""
    _summary(store, store.version(), today)


@dataclass(frozen=True)
class _Summary:
    """What the page says of the graph, in no language: its counts, what each import
    added, how fresh it is per kind, and how much rests on each source."""

    stats: GraphStats
    added: pd.DataFrame
    freshness: pd.DataFrame
    sources: pd.DataFrame


@functools.lru_cache(maxsize=4)
def _summary(store: Graph, version: str, today: date) -> _Summary:
    """The page's summary of `store` at `version` (the graph's, which every write
    advances) on `today`: summed up once, from every node and relationship, rather than
    for every visitor of the page (each minute's first, `explorer.serving`)."""
    facts = store.provenance()  # source and date of every node and relationship, read once
    parts = facts.assign(source=facts["source"].fillna("").str.split(";")).explode("source")
    return _Summary(
        stats=store.stats(),
        added=history.additions(store.history()),
        freshness=provenance.freshness(facts, today),
        sources=provenance.sources(parts.assign(source=parts["source"].str.strip())),
    )


def _counts(stats: GraphStats, lang: str) -> list:
    kinds = pd.DataFrame(
        [{"kind": kind_label(k, lang), "count": n} for k, n in sorted(stats.nodes.items())]
    )
    types = pd.DataFrame(
        [
            {"kind": relationship_label(t, lang), "count": n}
            for t, n in sorted(stats.relationships.items())
        ]
    )
    columns = {"kind": TEXTS("kind", lang), "count": TEXTS("count", lang)}
    return [
        html.H3(TEXTS("counts", lang)),
        html.P(
            TEXTS(
                "totals",
                lang,
                nodes=stats.node_total,
                relationships=stats.relationship_total,
                share=f"{stats.share_sourced():.0%}",
            ),
            id="about-totals",
        ),
        html.Div(
            className="about-tables",
            children=[
                components.sortable_table(
                    "about-kinds", kinds, columns, lang, TEXTS("kinds", lang)
                ),
                components.sortable_table(
                    "about-types", types, columns, lang, TEXTS("types", lang)
                ),
            ],
        ),
    ]


def _added(table: pd.DataFrame, lang: str) -> list:
    """What each recorded import added, per kind; the sentence names the newest."""
    if table.empty:
        return [html.H3(TEXTS("added", lang)), html.P(TEXTS("added_none", lang))]
    newest = table[
        (table["file"] == table["file"].iloc[0]) & (table["date"] == table["date"].iloc[0])
    ]
    per_kind = dict(zip(newest["kind"], newest["added"], strict=True))
    intro = TEXTS(
        "added_intro",
        lang,
        file=newest["file"].iloc[0],
        date=newest["date"].iloc[0],
        people=per_kind.get("Person", 0),
        groups=per_kind.get("ResearchGroup", 0),
        regions=per_kind.get("Region", 0),
    )
    shown = table.assign(kind=[kind_label(k, lang) for k in table["kind"]])
    columns = {"file": TEXTS("import", lang), "date": TEXTS("date", lang)}
    columns |= {"kind": TEXTS("kind", lang), "added": TEXTS("count", lang)}
    return [
        html.H3(TEXTS("added", lang)),
        html.P(intro, id="about-added"),
        components.sortable_table("about-added-table", shown, columns, lang),
    ]


def _freshness(table: pd.DataFrame, today: date, lang: str) -> list:
    overall = table.iloc[-1]
    per_kind = table.iloc[:-1].assign(
        kind=[
            kind_label(k, lang) if e == "node" else relationship_label(k, lang)
            for e, k in zip(table["element"].iloc[:-1], table["kind"].iloc[:-1], strict=True)
        ]
    )
    columns = {"kind": TEXTS("kind", lang), "total": TEXTS("count", lang)}
    columns |= {"fresh": TEXTS("fresh_count", lang), "share_fresh": TEXTS("share", lang)}
    columns["oldest"] = TEXTS("oldest", lang)
    share = f"{overall['share_fresh']:.0%}" if pd.notna(overall["share_fresh"]) else "-"
    return [
        html.H3(TEXTS("fresh", lang)),
        html.P(
            TEXTS("fresh_share", lang, share=share, days=FRESH_DAYS, today=today.isoformat()),
            id="about-fresh",
        ),
        components.sortable_table("about-freshness", per_kind, columns, lang),
    ]


def _sources(table: pd.DataFrame, lang: str) -> list:
    """Every source by the title a reader cites, linked where it has an address."""
    book = citing.catalogue()
    found = [book.find(s) for s in table["source"]]
    table = table.assign(
        title=[book.label(s) for s in table["source"]],
        publisher=[f.publisher if f else "" for f in found],
        licence=[f.licence if f else "" for f in found],
        url=[f.url if f else "" for f in found],
    )
    columns = {"title": TEXTS("source", lang), "publisher": TEXTS("publisher", lang)}
    columns |= {"type": TEXTS("type", lang), "licence": TEXTS("licence", lang)}
    columns |= {"nodes": TEXTS("nodes", lang), "relationships": TEXTS("relationships", lang)}
    columns["last_verified"] = TEXTS("last", lang)
    pages = int((table["type"] == "web").sum())
    return [
        html.H3(TEXTS("sources", lang)),
        html.P(TEXTS("sources_count", lang, documents=len(table) - pages, pages=pages)),
        html.Div(
            id="about-sources",
            children=components.sortable_table(
                "about-sources", table, columns, lang, links={"title": "url"}
            ),
        ),
    ]


def _propose(lang: str) -> list:
    steps = STEPS[1 if lang == "en" else 0]
    return [
        html.H3(TEXTS("propose", lang)),
        html.Ol([html.Li(step) for step in steps]),
        html.Div(
            className="toolbar",
            children=[
                html.Button(TEXTS("download_tables", lang), id=DOWNLOAD_TABLES, className="button"),
                html.Button(
                    TEXTS("download_template", lang), id=DOWNLOAD_TEMPLATE, className="button"
                ),
            ],
        ),
    ]


def register(app: Dash, store: Graph) -> None:
    @app.callback(
        Output(DOWNLOAD, "data"),
        Input(DOWNLOAD_TABLES, "n_clicks"),
        Input(DOWNLOAD_TEMPLATE, "n_clicks"),
        prevent_initial_call=True,
    )
    def download(_tables: int | None, _template: int | None) -> dict:
        """The tables as the graph holds them now (they pass `verbindplaats check` as
        they are), or the empty template."""
        if ctx.triggered_id != DOWNLOAD_TABLES:
            return dcc.send_bytes(writer.template(), "verbindplaats-sjabloon.xlsx")
        try:
            tables = writer.workbook(store.export(), citing.catalogue())
        except GraphModelError:
            return no_update  # the page already says the database is away
        return dcc.send_bytes(tables, "verbindplaats-tabellen.xlsx")


PAGE = Page(
    path="/over",
    title=("Over de data", "About the data"),
    layout=layout,
    register=register,
    warm_up=warm_up,
)
