"""serve: the explorer behind a production WSGI server (or Dash's, with --dev)."""

from __future__ import annotations

import socket
from datetime import date
from pathlib import Path

import click

import graphmodel
from graphmodel.errors import GraphModelError
from graphmodel.graph import Graph
from graphmodel.provenance import STALE_MONTHS
from verbindplaats.cli.options import open_graph, store_options, today_option

__all__ = ["serve"]


@click.command()
@store_options
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8050, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, help="Requests served at once.")
@click.option("--dev", is_flag=True, help="Dash development server with debug and reload.")
@click.option(
    "--stale-after",
    default=STALE_MONTHS,
    show_default=True,
    type=click.IntRange(1, 240),
    help="Months after which a fact shows as out of date.",
)
@today_option
def serve(
    store: str,
    neo4j_uri: str,
    data: Path,
    host: str,
    port: int,
    threads: int,
    dev: bool,
    stale_after: int,
    today: date | None,
) -> None:
    """Serve the explorer (production WSGI server; --dev for the Dash dev server).

    Without --today every request is answered for the day it comes in on."""
    from explorer.app import create_app

    _check_port_free(host, port)
    graph = open_graph(store, neo4j_uri, data, serving=True)
    _warn_if_unavailable(graph)
    app = create_app(
        graph,
        stale_months=stale_after,
        sources=graphmodel.source_catalogue(data),
        today=today,
    )
    click.echo(f"Verbindplaats: http://{host}:{port}/  ({store} store; Ctrl+C to stop)")
    if dev:
        app.run(host=host, port=port, debug=True)
        return
    from waitress import serve as waitress_serve

    from explorer.guard import MAX_BODY

    waitress_serve(
        app.server,
        host=host,
        port=port,
        threads=threads,
        ident="verbindplaats",
        max_request_body_size=MAX_BODY,  # refused before it is read into memory
    )


def _warn_if_unavailable(graph: Graph) -> None:
    """The explorer serves even while Neo4j is away (its pages say so); tell the admin."""
    try:
        graph.stats()
    except GraphModelError as exc:
        click.echo(f"Let op / warning: {exc}", err=True)


def _check_port_free(host: str, port: int) -> None:
    with socket.socket() as probe:
        if probe.connect_ex((host, port)) == 0:
            raise click.ClickException(
                f"port {port} on {host} is already in use; choose another with --port"
            )
