"""The ``verbindplaats`` command: a thin layer over graphmodel, importers and explorer.

Each command parses its options, calls the same functions an analyst would call, and
turns our own errors into a message and an exit code, never a traceback. Exit code 2
means the input is invalid, 1 that something else stopped the command.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import click

import graphmodel
from graphmodel.errors import GraphModelError
from graphmodel.model import GraphStats
from graphmodel.store import GraphStore
from importers.curated import read_dataset

EXIT_INVALID = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="verbindplaats")
def main() -> None:
    """Verbindplaats: het netwerk van de flexibele lerarenopleiding als graaf.

    Verbindplaats: the network of flexible teacher education as a graph.
    """


def store_options(command: Callable[..., None]) -> Callable[..., None]:
    """Options that choose a store, shared by every command that reads the graph."""
    command = click.option(
        "--data",
        type=click.Path(exists=True, path_type=Path),
        default=graphmodel.BUNDLED_DATA,
        show_default="bundled data/",
        help="Dataset for the embedded store (folder, CSV or XLSX).",
    )(command)
    command = click.option(
        "--neo4j-uri",
        envvar="NEO4J_URI",
        default="bolt://127.0.0.1:7687",
        show_default=True,
        help="Neo4j server for --store neo4j (env NEO4J_URI; user and password from "
        "NEO4J_USER and NEO4J_PASSWORD).",
    )(command)
    return click.option(
        "--store",
        type=click.Choice(["memory", "neo4j"]),
        default="memory",
        show_default=True,
        help="memory: embedded, loads --data; neo4j: a Neo4j server.",
    )(command)


def open_store(store: str, neo4j_uri: str, data: Path) -> GraphStore:
    """The store a command asked for, with our errors turned into CLI errors."""
    try:
        return graphmodel.open(neo4j_uri if store == "neo4j" else None, data=data)
    except GraphModelError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command()
@click.argument(
    "path", type=click.Path(exists=True, path_type=Path), default=graphmodel.BUNDLED_DATA
)
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None, help="Message language.")
def check(path: Path, output: str, lang: str | None) -> None:
    """Validate a dataset (folder of CSV files, one CSV or an XLSX workbook).

    Lists every problem with file, row and column; exits 2 when there are errors.
    """
    batch, report = read_dataset(path)
    if output == "json":
        click.echo(report.to_json(lang))
    else:
        if report.problems:
            click.echo(report.format_text(lang))
        verdict = "OK" if report.ok else "INVALID"
        click.echo(
            f"{verdict}: {len(report.errors)} error(s), {len(report.warnings)} warning(s); "
            f"{len(batch.nodes)} nodes, {len(batch.relationships)} relationships"
        )
    if not report.ok:
        sys.exit(EXIT_INVALID)


@main.command()
@store_options
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
def stats(store: str, neo4j_uri: str, data: Path, output: str) -> None:
    """Counts per kind and relationship type, and the share that is sourced and dated."""
    with open_store(store, neo4j_uri, data) as graph:
        result = graph.stats()
    if output == "json":
        click.echo(json.dumps(_stats_record(result), indent=2, ensure_ascii=False))
    else:
        click.echo(_stats_text(result))


def _stats_record(result: GraphStats) -> dict[str, object]:
    return {
        "nodes": dict(sorted(result.nodes.items())),
        "relationships": dict(sorted(result.relationships.items())),
        "node_total": result.node_total,
        "relationship_total": result.relationship_total,
        "share_sourced": result.share_sourced(),
    }


def _stats_text(result: GraphStats) -> str:
    lines = ["Nodes per kind:"]
    lines += [f"  {kind:<16}{count:>8}" for kind, count in sorted(result.nodes.items())]
    lines.append(f"  {'total':<16}{result.node_total:>8}")
    lines.append("Relationships per type:")
    lines += [f"  {rel:<16}{count:>8}" for rel, count in sorted(result.relationships.items())]
    lines.append(f"  {'total':<16}{result.relationship_total:>8}")
    lines.append(
        f"Sourced and dated: {result.nodes_sourced}/{result.node_total} nodes, "
        f"{result.relationships_sourced}/{result.relationship_total} relationships "
        f"({result.share_sourced():.1%})"
    )
    return "\n".join(lines)


@main.command()
@store_options
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8050, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, help="Requests served at once.")
@click.option("--dev", is_flag=True, help="Dash development server with debug and reload.")
def serve(
    store: str, neo4j_uri: str, data: Path, host: str, port: int, threads: int, dev: bool
) -> None:
    """Serve the explorer (production WSGI server; --dev for the Dash dev server)."""
    from explorer.app import create_app

    graph = open_store(store, neo4j_uri, data)
    app = create_app(graph)
    click.echo(f"Verbindplaats: http://{host}:{port}/  ({store} store; Ctrl+C to stop)")
    if dev:
        app.run(host=host, port=port, debug=True)
        return
    from waitress import serve as waitress_serve

    waitress_serve(app.server, host=host, port=port, threads=threads, ident="verbindplaats")


if __name__ == "__main__":
    main()
