"""The ``verbindplaats`` command: a thin layer over graphmodel, importers and explorer.

Each command parses its options, calls the same functions an analyst would call, and
turns our own errors into a message and an exit code, never a traceback. Exit code 2
means the input is invalid, 1 that something else stopped the command.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import click
import pandas as pd

import graphmodel
from graphmodel import clock, freshness, history, places, privacy, schema
from graphmodel.errors import GraphModelError, StoreUnavailable
from graphmodel.frames import to_xlsx
from graphmodel.model import GraphBatch, GraphStats, LoadSummary
from graphmodel.parsing import ParsedQuery
from graphmodel.provenance import STALE_MONTHS
from graphmodel.store import GraphStore
from importers.curated import Against, read_dataset, read_source_catalogue
from importers.history import read_history
from importers.importing import KINDS, FolderTarget, ImportOutcome, StoreTarget, Target, import_file
from importers.report import Report
from importers.synthetic import real_regions, synthetic_batch
from importers.verification.export import Selection, export_round, select_subjects
from importers.verification.facts import SUBJECT_KINDS
from importers.verification.intake import Intake, take_in
from importers.writer import template as workbook_template
from importers.writer import write_tables
from verbindplaats import accounts_commands, neo4j_server
from verbindplaats.output import FORMATS, write_frame

EXIT_INVALID = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="verbindplaats")
def main() -> None:
    """Verbindplaats: het netwerk van de flexibele lerarenopleiding als graaf.

    Verbindplaats: the network of flexible teacher education as a graph.
    """


def data_option(purpose: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
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


def target_options(purpose: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
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


def at(graph: GraphStore, as_of: datetime | None) -> GraphStore:
    """The graph now, or as it was on `as_of` (see GraphStore.as_of)."""
    return graph.as_of(as_of.date()) if as_of else graph


def open_store(
    store: str, neo4j_uri: str, data: Path, serving: bool = False, writing: bool = False
) -> GraphStore:
    """The store a command asked for, with our errors turned into CLI errors: the store
    itself for `writing`, else its public view (`graphmodel.privacy`)."""
    try:
        if store == "neo4j":
            password = neo4j_password(neo4j_uri)
            graph = graphmodel.open(neo4j_uri, password=password, serving=serving)
        else:
            graph = graphmodel.open(data=data)
        return graph if writing else privacy.public(graph)
    except GraphModelError as exc:
        raise click.ClickException(str(exc)) from exc


def neo4j_password(uri: str) -> str | None:
    """NEO4J_PASSWORD, or for the local server of 'verbindplaats neo4j start' its own."""
    if "NEO4J_PASSWORD" in os.environ:
        return os.environ["NEO4J_PASSWORD"]
    if urlsplit(uri).hostname in ("127.0.0.1", "localhost"):
        try:
            return neo4j_server.password()
        except neo4j_server.Neo4jServerError as exc:
            raise click.ClickException(str(exc)) from exc
    return None


def read_valid(path: Path) -> GraphBatch:
    """The dataset's batch; on errors print the report and exit 2 (nothing is loaded)."""
    batch, report = read_dataset(path)
    if not report.ok:
        _print_report(report, None)
        sys.exit(EXIT_INVALID)
    return batch


def _print_report(report: Report, lang: str | None) -> None:
    click.echo(report.format_text(lang), err=not report.ok)


@main.command()
@click.argument(
    "path", type=click.Path(exists=True, path_type=Path), default=graphmodel.BUNDLED_DATA
)
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None, help="Message language.")
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
    else:
        if report.problems:
            _print_report(report, lang)
        verdict = "OK" if report.ok else "INVALID"
        click.echo(
            f"{verdict}: {len(report.errors)} error(s), {len(report.warnings)} warning(s); "
            f"{len(batch.nodes)} nodes, {len(batch.relationships)} relationships"
        )
    if not report.ok:
        sys.exit(EXIT_INVALID)


@main.command()
@store_options
@as_of_option
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text")
def stats(store: str, neo4j_uri: str, data: Path, as_of: datetime | None, output: str) -> None:
    """Counts per kind and relationship type, and the share that is sourced and dated."""
    with open_store(store, neo4j_uri, data) as graph:
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


@main.command()
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
    accounts = accounts_commands.serving_accounts(development=dev)
    graph = open_store(store, neo4j_uri, data, serving=True)
    _warn_if_unavailable(graph)
    app = create_app(
        graph,
        stale_months=stale_after,
        sources=graphmodel.source_catalogue(data),
        today=today,
        accounts=accounts,
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


def _warn_if_unavailable(graph: GraphStore) -> None:
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


@main.command()
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
    try:
        changes = read_history(data)
    except GraphModelError as exc:
        raise click.ClickException(str(exc)) from exc
    with open_store("neo4j", neo4j_uri, data, writing=True) as graph:
        graph.waiting = _tell_waiting
        try:
            with click.progressbar(length=len(batch), label="Laden / loading") as bar:
                if wipe:  # in one step: a failure leaves the old graph, never nothing
                    summary = graph.replace(batch, changes, progress=bar.update)
                else:
                    summary = graph.load(batch, progress=bar.update)
                    graph.add_history(changes)
        except GraphModelError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(_summary_text(summary))


@main.command("import")
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
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None, help="Message language.")
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
    with _writing():
        target = _import_target(into, into_neo4j, neo4j_uri)
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
    _finish(outcome.report, _import_summary(outcome, check), lang)


@contextmanager
def _writing() -> Iterator[None]:
    """Errors of an all-or-nothing write as messages for the user, not tracebacks."""
    try:
        yield
    except GraphModelError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:  # nothing was renamed into place: the folder is as it was
        raise click.ClickException(f"niets geschreven / nothing written: {exc}") from exc


def _finish(report: Report, summary: str, lang: str | None) -> None:
    """Every problem, then the summary; exit 2 when there was an error."""
    if report.problems:
        _print_report(report, lang)
    click.echo(summary)
    if not report.ok:
        sys.exit(EXIT_INVALID)


def _import_target(into: Path, into_neo4j: bool, neo4j_uri: str) -> Target:
    if into_neo4j:
        store = open_store("neo4j", neo4j_uri, into, writing=True)
        store.waiting = _tell_waiting
        return StoreTarget(store)
    return FolderTarget(into, waiting=_tell_waiting)


def _tell_waiting(message: str) -> None:
    click.echo(message, err=True)


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
            _summary_text(outcome.summary),
            f"{outcome.rows_read} rows read, {outcome.rows_rejected} rejected; "
            f"{len(outcome.report.errors)} error(s), {len(outcome.report.warnings)} warning(s)",
            verdict,
        ]
    )


@main.command()
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


@main.group()
def verify() -> None:
    """Verificatierondes: wat wij weten laten controleren door wie het weet.

    Verification rounds: what we hold, checked by the people who know.
    """


@verify.command("export")
@store_options
@click.option("--org", "subjects", multiple=True, help="Id or exact name (repeatable).")
@click.option("--region", help="Only those in this region: CBS code (GM0193, PV23) or name.")
@click.option("--kind", type=click.Choice(SUBJECT_KINDS), help="Only this kind.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="New folder for the workbooks (default: verificatieronde-<today>).",
)
@today_option
def verify_export(
    store: str,
    neo4j_uri: str,
    data: Path,
    subjects: tuple[str, ...],
    region: str | None,
    kind: str | None,
    out: Path | None,
    today: date | None,
) -> None:
    """One workbook per organisation, partnership, alliance or network to check.

    Each holds everything the graph says about its subject, with sources and dates, a
    list answer per fact (klopt / wijzigen / vervalt) and a sheet for what is missing.
    """
    today = clock.today(today)
    folder = out or Path(f"verificatieronde-{today.isoformat()}")
    with open_store(store, neo4j_uri, data) as graph:
        try:
            chosen = select_subjects(graph, Selection(subjects, region, kind))
            if not chosen:
                raise GraphModelError("the selection holds no organisation to ask")
            with click.progressbar(length=len(chosen), label="werkboeken", file=sys.stderr) as bar:
                sources = graphmodel.source_catalogue(data)
                written = export_round(graph, chosen, folder, today, bar.update, sources)
        except GraphModelError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(EXIT_INVALID)
    click.echo(f"{len(written)} werkboek(en) in {folder}")


@verify.command("import")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--apply", is_flag=True, help="Write the changes (without it nothing is written).")
@target_options("to take the answers into")
@click.option(
    "--returned",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Date the answers count from (default: each workbook's date of saving).",
)
@click.option("--lang", type=click.Choice(["nl", "en"]), default=None, help="Message language.")
def verify_import(
    files: tuple[Path, ...],
    apply: bool,
    into: Path,
    into_neo4j: bool,
    neo4j_uri: str,
    returned: datetime | None,
    lang: str | None,
) -> None:
    """Take returned workbooks in: check them, show the changes, and with --apply write
    them all or nothing (the old values go to the history).

    Exits 2 when any workbook has an error; nothing is then written.
    """
    day = returned.date().isoformat() if returned else None
    with _writing():
        target = _import_target(into, into_neo4j, neo4j_uri)
        with target:
            intake = take_in(list(files), target, apply=apply, returned=day)
    _finish(intake.report, _intake_text(intake), lang)


CHANGE_TABLE = ["action", "entity", "field", "old", "new", "file"]


def _intake_text(intake: Intake) -> str:
    """The changes other than confirmations, one per line, then the counts and verdict."""
    if not intake.report.ok:
        return "NIETS GESCHREVEN / NOTHING WRITTEN"
    counts = Counter(c.action for c in intake.changes)
    shown = history.frame(c for c in intake.changes if c.action != "confirmed")
    lines = [write_frame(shown, "table", None, CHANGE_TABLE) or ""] if len(shown) else []
    totals = ", ".join(f"{counts[action]} {action}" for action in history.ACTIONS)
    lines.append(f"{intake.workbooks} werkboek(en) / workbook(s): {totals}")
    if intake.written:
        lines.append("GESCHREVEN / WRITTEN")
    elif not intake.changes:
        lines.append("ONGEWIJZIGD / UNCHANGED")
    else:
        lines.append("niets geschreven: schrijf met --apply / nothing written: write with --apply")
    return "\n".join(lines)


def _summary_text(summary: LoadSummary) -> str:
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


# --- questions ------------------------------------------------------------------------

format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True
)
output_option = click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file instead of the screen (required for xlsx).",
)

PEOPLE_TABLE = ["rank", "name", "kind", "score", "why", "route_text"]
COVERAGE_TABLE = ["region", "code", "total", "gap", "nearest", "distance_km"]


@main.command("find-people")
@store_options
@click.option("--topic", "topics", multiple=True, required=True, help="Topic (repeatable).")
@click.option("--region", help="Gemeente, COROP region, onderwijsregio or province.")
@click.option("--sector", type=click.Choice(schema.SECTORS))
@click.option("--from-org", help="The seeker's organisation: routes start there.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@today_option
@format_option
@output_option
def find_people(
    store: str,
    neo4j_uri: str,
    data: Path,
    topics: tuple[str, ...],
    region: str | None,
    sector: str | None,
    from_org: str | None,
    limit: int,
    lang: str,
    today: date | None,
    fmt: str,
    output: Path | None,
) -> None:
    """Vind de juiste mensen: ranked people and organisations, with reasons and route."""
    _need_output_for_xlsx(fmt, output)
    with open_store(store, neo4j_uri, data) as graph:
        frame = _asked(
            lambda: graph.find_people(
                list(topics), region, sector, from_org, limit, lang=lang, today=today
            )
        )
    _show(frame, fmt, output, PEOPLE_TABLE)


@main.command()
@store_options
@click.option("--level", type=click.Choice(places.LEVELS), required=True)
@click.option("--topic", help="Count actors working on this topic (or a narrower one).")
@click.option("--kind", type=click.Choice(schema.ACTOR_KINDS), help="Count only this kind.")
@as_of_option
@format_option
@output_option
def coverage(
    store: str,
    neo4j_uri: str,
    data: Path,
    level: str,
    topic: str | None,
    kind: str | None,
    as_of: datetime | None,
    fmt: str,
    output: Path | None,
) -> None:
    """Regionale dekking: actors per region, the gaps and their nearest covered region."""
    _need_output_for_xlsx(fmt, output)
    with open_store(store, neo4j_uri, data) as graph:
        frame = _asked(lambda: at(graph, as_of).coverage(level, topic, kind))
    kinds = [kind] if kind else list(schema.ACTOR_KINDS)
    _show(frame, fmt, output, [*COVERAGE_TABLE[:2], *kinds, *COVERAGE_TABLE[2:]])


FRESHNESS_HEADINGS = {  # on screen, Dutch / English (the groups' heading names --by)
    "oldest": "Oudste gegevens / Oldest facts",
    "worklist": "Werklijst voor de volgende ronde / Worklist for the next round",
}
GROUPED_BY = {  # --by, in the groups' heading: Dutch, English
    "org": ("organisatie", "organisation"),
    "region": ("provincie", "province"),
    "kind": ("soort", "kind"),
}
FRESHNESS_TABLES = {  # the columns --format table shows per part
    "groups": freshness.GROUP_COLUMNS,
    "oldest": freshness.OLDEST_COLUMNS[:-1],  # the key is long; csv, json and xlsx hold it
    "worklist": freshness.WORKLIST_COLUMNS,
}


@main.command("freshness")
@store_options
@click.option(
    "--by",
    type=click.Choice(freshness.GROUPINGS),
    default="org",
    show_default=True,
    help="Group the share by org (each organisation, partnership, alliance and network with "
    "its relationships), region (province) or kind (node kind or relationship type).",
)
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(min=1),
    help="At most this many groups (the lowest share first), oldest facts and worklist rows.",
)
@today_option
@format_option
@output_option
def freshness_command(
    store: str,
    neo4j_uri: str,
    data: Path,
    by: str,
    limit: int,
    today: date | None,
    fmt: str,
    output: Path | None,
) -> None:
    """Actualiteit: the share of facts verified in the last 12 months, the oldest facts
    and the worklist for the next verification round.

    The worklist holds the organisations, partnerships, alliances and networks with facts
    not verified in the last 12 months, the most such facts first, then the most used.
    Use in search results is not logged, so "use" counts the relationships touching the
    subject: each is a route by which search and find-people reach it.

    Formats: table prints the total, the share per group, the oldest facts and the
    worklist; csv is one table whose first column "part" (total, groups, oldest,
    worklist) says which part a row belongs to; json is an object with one list of
    records per part; xlsx has one sheet per part.
    """
    _need_output_for_xlsx(fmt, output)
    today = clock.today(today)
    with open_store(store, neo4j_uri, data) as graph:
        groups = _asked(lambda: freshness.by_group(graph, by, today))
        parts = {
            "total": _asked(lambda: freshness.total(graph, today)),
            "groups": groups.head(limit),
            "oldest": _asked(lambda: freshness.oldest_facts(graph, limit)),
            "worklist": _asked(lambda: freshness.worklist(graph, today, limit)),
        }
    heading = _groups_heading(by, len(parts["groups"]), len(groups))
    try:
        _write_freshness(parts, fmt, output, heading)
    except OSError as exc:
        raise click.ClickException(f"niets geschreven / nothing written: {exc}") from exc


def _groups_heading(by: str, shown: int, count: int) -> str:
    nl, en = GROUPED_BY[by]
    return (
        f"Deel geverifieerd in de laatste 12 maanden per {nl} ({shown} van {count}, laagste "
        f"eerst) / Share verified in the last 12 months per {en} ({shown} of {count}, lowest "
        "first)"
    )


def _write_freshness(
    parts: dict[str, pd.DataFrame], fmt: str, output: Path | None, groups_heading: str
) -> None:
    """The parts in `fmt`, on the screen or into `output`."""
    if fmt == "xlsx":
        to_xlsx(output, parts)
    else:
        text = _freshness_text(parts, fmt, groups_heading)
        if output is None:
            click.echo(text, nl=False)
            return
        output.write_text(text, encoding="utf-8")
    click.echo(f"geschreven naar / written to {output}", err=True)


def _freshness_text(parts: dict[str, pd.DataFrame], fmt: str, groups_heading: str) -> str:
    if fmt == "json":
        records = {
            name: json.loads(frame.to_json(orient="records")) for name, frame in parts.items()
        }
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return write_frame(_one_table(parts), fmt, None)
    headings = {"groups": groups_heading, **FRESHNESS_HEADINGS}
    sections = [_total_line(parts["total"].iloc[0])]
    sections += [
        f"{headings[name]}\n{_screen_table(parts[name], columns)}"
        for name, columns in FRESHNESS_TABLES.items()
    ]
    return "\n".join(sections)


def _one_table(parts: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The parts' rows in one table, its first column "part" naming each row's part."""
    frames = [f.astype(object).assign(part=name) for name, f in parts.items() if not f.empty]
    table = pd.concat(frames, ignore_index=True).fillna("")  # a blank, not a float NaN
    return table[["part", *table.columns.drop("part")]]


def _screen_table(frame: pd.DataFrame, columns: list[str]) -> str:
    return "(geen / none)\n" if frame.empty else write_frame(frame, "table", None, columns)


def _total_line(total: pd.Series) -> str:
    """The headline: how many facts were verified in the last 12 months."""
    if not total["facts"]:
        return "Totaal / Total: geen gegevens / no facts\n"
    return (
        f"Totaal / Total: {total['fresh']} van/of {total['facts']} ({total['share_fresh']:.1%}) "
        "geverifieerd in de laatste 12 maanden / verified in the last 12 months; oudste / "
        f"oldest: {total['oldest'] or '(geen datum / no date)'}\n"
    )


PART_NAMES = {  # how `ask` names the parts it understood, Dutch and English
    "topic": ("onderwerp", "topic"),
    "place": ("plaats", "place"),
    "sector": ("sector", "sector"),
    "kind": ("soort", "kind"),
    "people": ("mensen", "people"),
    "name": ("naam", "name"),
}
SEARCH_TABLE = ["name", "kind", "id", "matched"]


@main.command()
@store_options
@click.argument("text")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@today_option
@format_option
@output_option
def ask(
    store: str,
    neo4j_uri: str,
    data: Path,
    text: str,
    limit: int,
    lang: str,
    today: date | None,
    fmt: str,
    output: Path | None,
) -> None:
    """Ask in your own words ("zij-instroom Zwolle mbo"): what was understood, then the
    answer (ranked people for a people question, else search results)."""
    _need_output_for_xlsx(fmt, output)
    with open_store(store, neo4j_uri, data) as graph:
        answer = _asked(lambda: graph.ask(text, limit, lang, today=today))
    click.echo(_understood(answer.query, lang), err=fmt != "table")
    if answer.people is not None:
        _show(answer.people, fmt, output, PEOPLE_TABLE)
        return
    hits = pd.DataFrame(
        [(h.node.name, h.node.kind, h.node.id, h.matched) for h in answer.hits.hits],
        columns=SEARCH_TABLE,
    )
    _show(hits, fmt, output, SEARCH_TABLE)


def _understood(query: ParsedQuery, lang: str) -> str:
    """What `ask` understood, one part per line, with a "did you mean" for typos."""
    english = lang == "en"
    lines = ["Understood:" if english else "Begrepen:"]
    for part in query.parts:
        line = f"  {PART_NAMES[part.type][english]}: {part.label} ({part.confidence:.0%})"
        if part.alternatives:
            line += f" — {'or' if english else 'of'}: {', '.join(part.alternatives)}"
        lines.append(line)
    if not query.parts:
        lines.append("  (nothing)" if english else "  (niets)")
    if query.suggestion:
        lines.append(f"{'Did you mean' if english else 'Bedoelde u'}: {query.suggestion}?")
    return "\n".join(lines)


def _asked(question: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """Run a question; an unknown topic, region or level is the user's error (exit 2)."""
    try:
        return question()
    except StoreUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    except GraphModelError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_INVALID)


def _need_output_for_xlsx(fmt: str, output: Path | None) -> None:
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs --output FILE.xlsx")


def _show(frame: pd.DataFrame, fmt: str, output: Path | None, columns: list[str]) -> None:
    text = write_frame(frame, fmt, output, columns)
    if text is not None:
        click.echo(text, nl=False)
    else:
        click.echo(f"{len(frame)} rows written to {output}", err=True)


@main.command()
@store_options
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    required=True,
    help="List the changes on or after this day (YYYY-MM-DD).",
)
@format_option
@output_option
def diff(
    store: str, neo4j_uri: str, data: Path, since: datetime, fmt: str, output: Path | None
) -> None:
    """Wat is er veranderd: every recorded change since a day, with old and new value.

    What changed since a day: one row per change (added, changed, ended, confirmed).
    """
    _need_output_for_xlsx(fmt, output)
    with open_store(store, neo4j_uri, data) as graph:
        frame = _asked(lambda: graph.changes_since(since.date()))
    _show(frame, fmt, output, ["date", *CHANGE_TABLE])


@main.command()
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


@main.group()
def neo4j() -> None:
    """A local Neo4j server for development (Neo4j 5.26 Community, built with Maven)."""


port_option = click.option(
    "--port", default=neo4j_server.DEFAULT_PORT, show_default=True, help="Bolt port."
)


@neo4j.command("start")
@port_option
def neo4j_start(port: int) -> None:
    """Build on first use, start in the background, wait until Bolt answers."""
    click.echo("Starting Neo4j (the first start builds the launcher with Maven) ...")
    status = _server_call(neo4j_server.start, port)
    click.echo(
        f"Neo4j runs at {status.uri} (pid {status.pid}); user neo4j, password in "
        f"{neo4j_server.state_dir() / 'password'}"
    )


@neo4j.command("stop")
@port_option
def neo4j_stop(port: int) -> None:
    """Stop the local server (its data is kept)."""
    was_running = _server_call(neo4j_server.stop, port)
    click.echo("Neo4j stopped." if was_running else "Neo4j was not running.")


@neo4j.command("status")
@port_option
def neo4j_status(port: int) -> None:
    """Whether the local server runs, and where; exit 1 when it does not."""
    status = _server_call(neo4j_server.status, port)
    if not status.running:
        click.echo(f"Neo4j is not running on port {port}.")
        sys.exit(1)
    click.echo(f"Neo4j runs at {status.uri} (pid {status.pid}), home {status.home}")


def _server_call(function: Callable, port: int):
    try:
        return function(port)
    except neo4j_server.Neo4jServerError as exc:
        raise click.ClickException(str(exc)) from exc


main.add_command(accounts_commands.db)
main.add_command(accounts_commands.users)

if __name__ == "__main__":
    main()
