"""Commands on datasets: check, stats, load, import, template and synth."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import click
import pandas as pd

import graphmodel
from graphmodel import schema
from graphmodel.model import GraphBatch, GraphStats, LoadSummary
from graphmodel.stores import history
from importers.curated import Against, read_dataset, read_source_catalogue
from importers.history import read_history
from importers.importing import KINDS, ImportOutcome, import_file
from importers.report import Report
from importers.synthetic import real_regions, synthetic_batch
from importers.writer import template as workbook_template
from importers.writer import write_tables
from verbindplaats.cli.failures import exit_if_invalid, print_report
from verbindplaats.cli.options import (
    as_of_option,
    at,
    data_option,
    lang_option,
    neo4j_uri_option,
    open_graph,
    open_neo4j,
    store_options,
    target_options,
    tell_waiting,
    today_option,
    write_target,
)

__all__ = ["check", "import_command", "load", "stats", "synth", "template"]


def read_valid(path: Path) -> GraphBatch:
    """The dataset's batch; on errors print the report and exit 2 (nothing is loaded)."""
    batch, report = read_dataset(path)
    if not report.ok:
        print_report(report, None)
    exit_if_invalid(report)
    return batch


def finish(report: Report, summary: str, lang: str | None) -> None:
    """Every problem, then the summary; exit 2 when there was an error."""
    if report.problems:
        print_report(report, lang)
    click.echo(summary)
    exit_if_invalid(report)


@click.command()
@click.argument(
    "path", type=click.Path(exists=True, path_type=Path), default=graphmodel.BUNDLED_DATA
)
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
@lang_option
@click.option(
    "--against",
    type=click.Path(exists=True, path_type=Path),
    help="Dataset whose ids a file may refer to (default: the bundled data/ for a file; "
    "a folder is a dataset of its own).",
)
def check(path: Path, output: str, lang: str | None, against: Path | None) -> None:
    """Validate a dataset (folder of CSV files, one CSV or an XLSX workbook).

    Lists every problem with file, row and column; exits 2 when there are errors.
    """
    if against is None and not path.is_dir():
        against = graphmodel.BUNDLED_DATA
    dataset = None
    if against:
        dataset = Against.dataset(read_valid(against), read_source_catalogue(against))
    batch, report = read_dataset(path, against=dataset)
    if output == "json":
        click.echo(report.to_json(lang))
        exit_if_invalid(report)
        return
    verdict = "OK" if report.ok else "INVALID"
    finish(
        report,
        f"{verdict}: {len(report.errors)} error(s), {len(report.warnings)} warning(s); "
        f"{len(batch.nodes)} nodes, {len(batch.relationships)} relationships",
        lang,
    )


@click.command()
@store_options
@as_of_option
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
def stats(store: str, neo4j_uri: str, data: Path, as_of: datetime | None, output: str) -> None:
    """Counts per kind and relationship type, and the share that is sourced and dated."""
    with open_graph(store, neo4j_uri, data) as graph:
        past = at(graph, as_of)
        result, added = past.stats(), history.additions(past.history())
    if output == "json":
        record = _stats_record(result) | {"added": added.to_dict("records")}
        click.echo(json.dumps(record, indent=2, ensure_ascii=False))
    else:
        click.echo(_stats_text(result) + _added_text(added))


def _added_text(added: pd.DataFrame) -> str:
    """What each recorded import added (the newest first), e.g. what dataset v2 brought."""
    if added.empty:
        return ""
    lines = ["", "Added by recorded imports (nodes per kind):"]
    for (file, day), rows in added.groupby(["file", "date"], sort=False):
        counts = ", ".join(f"{r.kind} {r.added}" for r in rows.itertuples())
        lines.append(f"  {file} ({day}): {counts}")
    return "\n".join(lines)


def _stats_record(result: GraphStats) -> dict[str, object]:
    return {
        "nodes": dict(sorted(result.nodes.items())),
        "relationships": dict(sorted(result.relationships.items())),
        "node_total": result.node_total,
        "relationship_total": result.relationship_total,
        "share_sourced": result.share_sourced(),
        "breakdown": {k: dict(sorted(v.items())) for k, v in sorted(result.breakdown.items())},
    }


def _stats_text(result: GraphStats) -> str:
    lines = ["Nodes per kind:"]
    lines += [f"  {kind:<16}{count:>8}" for kind, count in sorted(result.nodes.items())]
    lines.append(f"  {'total':<16}{result.node_total:>8}")
    for kind, counts in sorted(result.breakdown.items()):
        lines.append(f"{kind} by {schema.BREAKDOWN[kind]}:")
        lines += [f"  {value:<16}{count:>8}" for value, count in sorted(counts.items())]
    lines.append("Relationships per type:")
    lines += [f"  {rel:<16}{count:>8}" for rel, count in sorted(result.relationships.items())]
    lines.append(f"  {'total':<16}{result.relationship_total:>8}")
    lines.append(
        f"Sourced and dated: {result.nodes_sourced}/{result.node_total} nodes, "
        f"{result.relationships_sourced}/{result.relationship_total} relationships "
        f"({result.share_sourced():.1%})"
    )
    return "\n".join(lines)


@click.command()
@data_option("to load")
@neo4j_uri_option
@click.option(
    "--wipe",
    is_flag=True,
    help="Replace what the database holds (after validation; old or new, never a mix).",
)
def load(data: Path, neo4j_uri: str, wipe: bool) -> None:
    """Load a dataset into Neo4j: validated first, one transaction, idempotent.

    The dataset's history (history/changes.csv) comes along, for --as-of and diff.
    """
    batch = read_valid(data)
    changes = read_history(data)
    with open_neo4j(neo4j_uri).store as store:
        store.waiting = tell_waiting
        with click.progressbar(length=len(batch), label="Laden / loading") as bar:
            if wipe:  # in one step: a failure leaves the old graph, never nothing
                summary = store.replace(batch, changes, progress=bar.update)
            else:  # the history in the same step as the graph
                summary = store.load(batch, progress=bar.update, changes=changes)
    click.echo(summary_text(summary))


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=True, path_type=Path))
@click.option(
    "--as",
    "kind",
    type=click.Choice(list(KINDS)),
    required=True,
    help="duo: DUO school/institution file; tables: curated CSV/XLSX; partnerships: a list "
    "of partnerships; region-members: gemeenten per onderwijsregio or RAP region.",
)
@target_options("to import into")
@click.option("--check", is_flag=True, help="Validate and show what would change; write nothing.")
@click.option("--keep-unknown", is_flag=True, help="Keep unknown columns as x_ properties.")
@click.option("--sector", type=click.Choice(schema.SECTORS), help="Sector of a DUO file's rows.")
@click.option("--source", help="Source of the file's facts (default: its file name).")
@click.option("--verified", help="Date the facts were true (default: the file's date).")
@today_option
@lang_option
def import_command(
    file: Path,
    kind: str,
    into: Path,
    into_neo4j: bool,
    neo4j_uri: str,
    check: bool,
    keep_unknown: bool,
    sector: str | None,
    source: str | None,
    verified: str | None,
    today: date | None,
    lang: str | None,
) -> None:
    """Import a file people have: validated, matched to the graph, all or nothing.

    Lists every problem with file, row and column and exits 2 when there is any error
    (nothing is then written). Importing the same file twice changes nothing.
    """
    target = write_target(into, into_neo4j, neo4j_uri)
    with target, click.progressbar(length=_rows_in(file), label="Lezen / reading") as bar:
        outcome = import_file(
            file,
            kind,
            target,
            check=check,
            keep_unknown=keep_unknown,
            sector=sector,
            source=source,
            verified=verified,
            today=today,
            rows_read=bar.update,
        )
    finish(outcome.report, _import_summary(outcome, check), lang)


def _rows_in(path: Path) -> int:
    """Lines in a CSV file (for the progress bar); a workbook is not counted ahead."""
    if path.suffix.lower() != ".csv":
        return 0
    with open(path, "rb") as f:
        return max(sum(1 for _ in f) - 1, 0)


def _import_summary(outcome: ImportOutcome, check: bool) -> str:
    if not outcome.report.ok:
        verdict = "NIETS GESCHREVEN / NOTHING WRITTEN"
    elif check:
        verdict = "CHECK: niets geschreven / nothing written"
    else:
        verdict = "GESCHREVEN / WRITTEN" if outcome.written else "ONGEWIJZIGD / UNCHANGED"
    return "\n".join(
        [
            summary_text(outcome.summary),
            f"{outcome.rows_read} rows read, {outcome.rows_rejected} rejected; "
            f"{len(outcome.report.errors)} error(s), {len(outcome.report.warnings)} warning(s)",
            verdict,
        ]
    )


def summary_text(summary: LoadSummary) -> str:
    """What a write created, changed and left unchanged, per kind and in total."""
    names = sorted(set(summary.created) | set(summary.changed) | set(summary.unchanged))
    lines = [f"  {'':<16}{'created':>9}{'changed':>9}{'unchanged':>11}"]
    lines += [
        f"  {name:<16}{summary.created[name]:>9}{summary.changed[name]:>9}"
        f"{summary.unchanged[name]:>11}"
        for name in names
    ]
    lines.append(
        f"{summary.total_created} created, {summary.total_changed} changed, "
        f"{sum(summary.unchanged.values())} unchanged"
    )
    return "\n".join(lines)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["xlsx"]), default="xlsx", show_default=True)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=Path("verbindplaats-template.xlsx"),
    show_default=True,
)
def template(fmt: str, output: Path) -> None:
    """Write the empty workbook to fill in: a sheet per table with its columns.

    Check a filled-in workbook with 'verbindplaats check FILE' and import it with
    'verbindplaats import FILE --as tables'.
    """
    output.write_bytes(workbook_template())
    click.echo(f"{output} ({fmt})")


@click.command()
@click.option("--scale", default=1.0, show_default=True, type=click.FloatRange(min=0.01))
@click.option("--seed", default=1, show_default=True, type=int)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the synthetic tables to (default synthetic-scale-N/).",
)
def synth(scale: float, seed: int, out: Path | None) -> None:
    """Build a synthetic graph shaped like the national field, for scale tests.

    Everything in it says it is synthetic (ids with synth-, source "synthetic"); only the
    CBS regions are real. It is never written into data/.
    """
    out = out or Path(f"synthetic-scale-{scale:g}")
    if out.resolve().is_relative_to(graphmodel.BUNDLED_DATA):
        raise click.UsageError("synthetic data never goes into data/; choose another --out")
    batch = synthetic_batch(real_regions(read_valid(graphmodel.BUNDLED_DATA)), scale, seed)
    write_tables(batch, out, readme=SYNTHETIC_README.format(scale=scale, seed=seed))
    click.echo(
        f"{len(batch.nodes)} nodes and {len(batch.relationships)} relationships (synthetic, "
        f"scale {scale:g}) written to {out}; use it with --data {out}"
    )


SYNTHETIC_README = """# SYNTHETIC DATA - not real

Generated by `verbindplaats synth --scale {scale:g} --seed {seed}` for scale tests and
benchmarks. Every organisation, person, partnership, network, topic and relationship here
is invented (ids contain `synth-`, source is `synthetic`); only the CBS regions (gemeenten,
COROP regions, provinces) are real. Never copy these tables into `data/`.
"""
