"""serve: the explorer behind a production WSGI server (or Dash's, with --dev).

Production is gunicorn with worker processes, each answering several requests at once
(threads): a colleague's coverage map, drawn in one process, no longer holds up another
colleague's search in the same interpreter. The embedded store is loaded once, before the
workers are forked, and shared by them (it is never written while serving); a Neo4j
store is opened by each worker, since a driver's connections cannot cross a fork.
Either way the read model is warmed up before the first question (`Graph.warm_up`): the
embedded one before the fork, a Neo4j one by each worker in the background, since the
server may be away.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click
from gunicorn.app.base import BaseApplication

import graphmodel
from graphmodel.errors import GraphModelError
from graphmodel.graph import Graph
from graphmodel.provenance import STALE_MONTHS
from graphmodel.stores.memory import freeze_heap
from verbindplaats.cli.accounts import serving_accounts
from verbindplaats.cli.options import open_graph, open_whole_graph, store_options, today_option

if TYPE_CHECKING:
    from dash import Dash

__all__ = ["serve"]

REQUEST_SECONDS = 60  # a worker silent this long is restarted (the slowest page: ~3 s)
GRACEFUL_SECONDS = 10  # on a stop, what workers still answer gets this long to finish


@click.command()
@store_options
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8050, show_default=True, type=int)
@click.option(
    "--workers",
    default=min(os.cpu_count() or 1, 4),
    show_default="the cores, at most 4",
    type=click.IntRange(1, 32),
    help="Worker processes.",
)
@click.option(
    "--threads", default=4, show_default=True, help="Requests each worker serves at once."
)
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
    workers: int,
    threads: int,
    dev: bool,
    stale_after: int,
    today: date | None,
) -> None:
    """Serve the explorer (production WSGI server; --dev for the Dash dev server).

    Without --today every request is answered for the day it comes in on."""
    from explorer.app import create_app
    from explorer.app import warm_up as warm_up_explorer

    _check_port_free(host, port)
    accounts = serving_accounts(development=dev)
    if store == "neo4j":
        with open_graph(store, neo4j_uri, data) as graph:
            _warn_if_unavailable(graph)
    sources = graphmodel.source_catalogue(data)

    def make_app() -> Dash:
        graph = open_whole_graph(store, neo4j_uri, data, serving=True)
        app = create_app(
            graph, stale_months=stale_after, sources=sources, today=today, accounts=accounts
        )
        _warm_up(lambda: warm_up_explorer(app), in_background=store == "neo4j")
        if store == "memory":
            freeze_heap()  # what the warm-up worked out lives as long as the process
        return app

    click.echo(f"Verbindplaats: http://{host}:{port}/  ({store} store; Ctrl+C to stop)")
    if dev:
        make_app().run(host=host, port=port, debug=True)
        return
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "preload_app": store == "memory",  # one load, shared by the forked workers
        "timeout": REQUEST_SECONDS,
        "graceful_timeout": GRACEFUL_SECONDS,
        "accesslog": None,
        "errorlog": "-",
        "proc_name": "verbindplaats",
        # no gunicornc socket: one path per user ($HOME/.gunicorn/gunicorn.ctl), so two
        # servers on a machine took it from each other; serve is stopped by its signals
        "control_socket_disable": True,
        # a worker's own database connections, not the ones it was forked with
        "post_fork": lambda _server, _worker: accounts.database.after_fork(),
    }
    _Gunicorn(lambda: make_app().server, options).run()


class _Gunicorn(BaseApplication):
    """gunicorn serving the app `load` makes, configured by `options` rather than by
    gunicorn's own command line (ours is click's)."""

    def __init__(self, load: Callable[[], object], options: dict[str, object]) -> None:
        self._load = load
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> object:
        return self._load()


def _warm_up(warm_up_explorer: Callable[[], object], in_background: bool) -> None:
    """Warm up the read model and the pages for the day served (`explorer.app.warm_up`),
    now or in the background; a Neo4j server that is away leaves it to the first
    question once it is back (the pages say it is away meanwhile)."""

    def warm_up() -> None:
        try:
            warm_up_explorer()
        except GraphModelError as exc:
            click.echo(f"Let op / warning: not warmed up: {exc}", err=True)

    if in_background:
        threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    else:
        warm_up()


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
