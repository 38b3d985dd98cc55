"""Options the commands share, and what they open: a store, a write target, a day."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import click

import graphmodel
from graphmodel import clock
from graphmodel.errors import GraphModelError
from graphmodel.graph import Graph
from importers.importing import FolderTarget, StoreTarget, Target
from verbindplaats import neo4j_server
from verbindplaats.cli.output import FORMATS

Decorator = Callable[[Callable[..., None]], Callable[..., None]]


def data_option(purpose: str) -> Decorator:
    """The --data option: which dataset a command reads."""
    return click.option(
        "--data",
        type=click.Path(exists=True, path_type=Path),
        default=graphmodel.BUNDLED_DATA,
        show_default="bundled data/",
        help=f"Dataset {purpose} (folder, CSV or XLSX).",
    )


neo4j_uri_option = click.option(
    "--neo4j-uri",
    envvar="NEO4J_URI",
    default="bolt://127.0.0.1:7687",
    show_default=True,
    help="Neo4j server (env NEO4J_URI; user and password from NEO4J_USER and NEO4J_PASSWORD).",
)


def target_options(purpose: str) -> Decorator:
    """--into DIR or --neo4j (with --neo4j-uri): where a command writes (see Target)."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        command = neo4j_uri_option(command)
        command = click.option(
            "--neo4j", "into_neo4j", is_flag=True, help="Write into Neo4j instead."
        )(command)
        return click.option(
            "--into",
            type=click.Path(exists=True, file_okay=False, path_type=Path),
            default=graphmodel.BUNDLED_DATA,
            show_default="bundled data/",
            help=f"Dataset folder {purpose}.",
        )(command)

    return decorate


def store_options(command: Callable[..., None]) -> Callable[..., None]:
    """Options that choose a store, shared by every command that reads the graph."""
    command = data_option("for the embedded store")(command)
    command = neo4j_uri_option(command)
    return click.option(
        "--store",
        type=click.Choice(["memory", "neo4j"]),
        default="memory",
        show_default=True,
        help="memory: embedded, loads --data; neo4j: a Neo4j server.",
    )(command)


as_of_option = click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Answer for the graph as it was at the end of this day (YYYY-MM-DD), from the "
    "recorded history.",
)


def _pinned_day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    """--today as a date (None: the clock's day); a bad VERBINDPLAATS_TODAY is refused
    here too, before any work starts."""
    try:
        pinned = clock.parse_day(value, origin="--today") if value else None
        clock.today(pinned)
    except GraphModelError as exc:
        raise click.BadParameter(str(exc)) from exc
    return pinned


today_option = click.option(
    "--today",
    callback=_pinned_day,
    metavar="YYYY-MM-DD",
    help=f"Answer as of this day: ages, freshness and dates of record count from it "
    f"(default: {clock.ENV_VAR}, else the real date).",
)

lang_option = click.option(
    "--lang", type=click.Choice(["nl", "en"]), default=None, help="Message language."
)
format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True
)
output_option = click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file instead of the screen (required for xlsx).",
)


def need_output_for_xlsx(fmt: str, output: Path | None) -> None:
    """A workbook cannot go to the screen: --format xlsx needs --output."""
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs --output FILE.xlsx")


def at(graph: Graph, as_of: datetime | None) -> Graph:
    """The graph now, or as it was on `as_of` (see Graph.as_of)."""
    return graph.as_of(as_of.date()) if as_of else graph


def open_graph(store: str, neo4j_uri: str, data: Path, serving: bool = False) -> Graph:
    """The graph a command asked for, as anyone may see it (`Graph.public`)."""
    return open_whole_graph(store, neo4j_uri, data, serving).public()


def open_whole_graph(store: str, neo4j_uri: str, data: Path, serving: bool = False) -> Graph:
    """The graph a command asked for, all it holds: for the explorer, which reads through
    the public view itself and writes a curator's approval into the graph."""
    if store == "neo4j":
        return open_neo4j(neo4j_uri, serving)
    return graphmodel.open(data=data)


def open_neo4j(neo4j_uri: str, serving: bool = False) -> Graph:
    """The Neo4j server at `neo4j_uri`, all it holds (to write into it, or to serve it
    through its public view)."""
    return graphmodel.open(neo4j_uri, password=neo4j_password(neo4j_uri), serving=serving)


def neo4j_password(uri: str) -> str | None:
    """NEO4J_PASSWORD, or for the local server of 'verbindplaats neo4j start' its own."""
    if "NEO4J_PASSWORD" in os.environ:
        return os.environ["NEO4J_PASSWORD"]
    if urlsplit(uri).hostname in ("127.0.0.1", "localhost"):
        return neo4j_server.password()
    return None


def write_target(into: Path, into_neo4j: bool, neo4j_uri: str) -> Target:
    """Where an import or a verification round writes: a dataset folder or Neo4j; a
    writer that has to wait for another says so on stderr."""
    if into_neo4j:
        store = open_neo4j(neo4j_uri).store
        store.waiting = tell_waiting
        return StoreTarget(store)
    return FolderTarget(into, waiting=tell_waiting)


def tell_waiting(message: str) -> None:
    """A writer queued behind another: the user sees why nothing happens yet."""
    click.echo(message, err=True)
