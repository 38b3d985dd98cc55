"""Verificatierondes: export workbooks for the people who know, take their answers in."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import click

import graphmodel
from graphmodel import clock
from graphmodel.errors import GraphModelError
from graphmodel.stores import history
from importers.verification.export import Selection, export_round, select_subjects
from importers.verification.facts import SUBJECT_KINDS
from importers.verification.intake import Intake, take_in
from verbindplaats.cli.dataset import finish
from verbindplaats.cli.options import (
    lang_option,
    open_graph,
    store_options,
    target_options,
    today_option,
    write_target,
)
from verbindplaats.cli.output import write_frame

__all__ = ["CHANGE_TABLE", "verify"]

CHANGE_TABLE = ["action", "entity", "field", "old", "new", "file"]


@click.group()
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
    with open_graph(store, neo4j_uri, data) as graph:
        chosen = select_subjects(graph, Selection(subjects, region, kind))
        if not chosen:
            raise GraphModelError("the selection holds no organisation to ask")
        with click.progressbar(length=len(chosen), label="werkboeken", file=sys.stderr) as bar:
            sources = graphmodel.source_catalogue(data)
            written = export_round(graph, chosen, folder, today, bar.update, sources)
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
@lang_option
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
    with write_target(into, into_neo4j, neo4j_uri) as target:
        intake = take_in(list(files), target, apply=apply, returned=day)
    finish(intake.report, _intake_text(intake), lang)


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
