"""neo4j start/stop/status: a local Neo4j server for development."""

from __future__ import annotations

import sys

import click

from verbindplaats import neo4j_server

__all__ = ["neo4j"]

port_option = click.option(
    "--port", default=neo4j_server.DEFAULT_PORT, show_default=True, help="Bolt port."
)


@click.group()
def neo4j() -> None:
    """A local Neo4j server for development (Neo4j 5.26 Community, built with Maven)."""


@neo4j.command("start")
@port_option
def neo4j_start(port: int) -> None:
    """Build on first use, start in the background, wait until Bolt answers."""
    click.echo("Starting Neo4j (the first start builds the launcher with Maven) ...")
    status = neo4j_server.start(port)
    click.echo(
        f"Neo4j runs at {status.uri} (pid {status.pid}); user neo4j, password in "
        f"{neo4j_server.state_dir() / 'password'}"
    )


@neo4j.command("stop")
@port_option
def neo4j_stop(port: int) -> None:
    """Stop the local server (its data is kept)."""
    was_running = neo4j_server.stop(port)
    click.echo("Neo4j stopped." if was_running else "Neo4j was not running.")


@neo4j.command("status")
@port_option
def neo4j_status(port: int) -> None:
    """Whether the local server runs, and where; exit 1 when it does not."""
    status = neo4j_server.status(port)
    if not status.running:
        click.echo(f"Neo4j is not running on port {port}.")
        sys.exit(1)
    click.echo(f"Neo4j runs at {status.uri} (pid {status.pid}), home {status.home}")
