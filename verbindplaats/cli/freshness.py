"""Actualiteit: how much of the graph was verified lately, and what to ask next."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
import pandas as pd

from graphmodel import clock
from graphmodel.questions import freshness
from verbindplaats.cli.options import (
    format_option,
    need_output_for_xlsx,
    open_graph,
    output_option,
    store_options,
    today_option,
)
from verbindplaats.cli.output import show_parts, write_frame

__all__ = ["freshness_command"]

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


@click.command("freshness")
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
    need_output_for_xlsx(fmt, output)
    today = clock.today(today)
    with open_graph(store, neo4j_uri, data) as graph:
        groups = freshness.by_group(graph, by, today)
        parts = {
            "total": freshness.total(graph, today),
            "groups": groups.head(limit),
            "oldest": freshness.oldest_facts(graph, limit),
            "worklist": freshness.worklist(graph, today, limit),
        }
    heading = _groups_heading(by, len(parts["groups"]), len(groups))
    show_parts(parts, fmt, output, _screen_text(parts, heading))


def _groups_heading(by: str, shown: int, count: int) -> str:
    nl, en = GROUPED_BY[by]
    return (
        f"Deel geverifieerd in de laatste 12 maanden per {nl} ({shown} van {count}, laagste "
        f"eerst) / Share verified in the last 12 months per {en} ({shown} of {count}, lowest "
        "first)"
    )


def _screen_text(parts: dict[str, pd.DataFrame], groups_heading: str) -> str:
    headings = {"groups": groups_heading, **FRESHNESS_HEADINGS}
    sections = [_total_line(parts["total"].iloc[0])]
    sections += [
        f"{headings[name]}\n{_screen_table(parts[name], columns)}"
        for name, columns in FRESHNESS_TABLES.items()
    ]
    return "\n".join(sections)


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
