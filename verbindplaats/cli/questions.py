"""The questions analysts and educators ask: find-people, ask, coverage and diff."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click
import pandas as pd

from graphmodel import schema
from graphmodel.questions import places
from graphmodel.questions.parsing import ParsedQuery
from verbindplaats.cli import people_text
from verbindplaats.cli.options import (
    as_of_option,
    at,
    format_option,
    need_output_for_xlsx,
    open_graph,
    output_option,
    store_options,
    today_option,
)
from verbindplaats.cli.output import show
from verbindplaats.cli.verify import CHANGE_TABLE

__all__ = ["ask", "coverage", "diff", "find_people"]

COVERAGE_TABLE = ["region", "code", "total", "wider", "gap", "nearest", "distance_km"]
SEARCH_TABLE = ["name", "kind", "id", "matched"]
PART_NAMES = {  # how `ask` names the parts it understood, Dutch and English
    "topic": ("onderwerp", "topic"),
    "place": ("plaats", "place"),
    "sector": ("sector", "sector"),
    "kind": ("soort", "kind"),
    "people": ("mensen", "people"),
    "name": ("naam", "name"),
}
answer_lang_option = click.option(
    "--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True
)


@click.command("find-people")
@store_options
@click.option("--topic", "topics", multiple=True, required=True, help="Topic (repeatable).")
@click.option("--region", help="Gemeente, COROP region, onderwijsregio or province.")
@click.option("--sector", type=click.Choice(schema.SECTORS))
@click.option("--from-org", help="The seeker's organisation: routes start there.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@answer_lang_option
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
    need_output_for_xlsx(fmt, output)
    with open_graph(store, neo4j_uri, data) as graph:
        frame = graph.find_people(
            list(topics), region, sector, from_org, limit, lang=lang, today=today
        )
    people_text.show(frame, fmt, output)


@click.command()
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
    need_output_for_xlsx(fmt, output)
    with open_graph(store, neo4j_uri, data) as graph:
        frame = at(graph, as_of).coverage(level, topic, kind)
    kinds = [kind] if kind else list(schema.ACTOR_KINDS)
    show(frame, fmt, output, [*COVERAGE_TABLE[:2], *kinds, *COVERAGE_TABLE[2:]])


@click.command()
@store_options
@click.argument("text")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@answer_lang_option
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
    need_output_for_xlsx(fmt, output)
    with open_graph(store, neo4j_uri, data) as graph:
        answer = graph.ask(text, limit, lang, today=today)
    click.echo(_understood(answer.query, lang), err=fmt != "table")
    if answer.people is not None:
        people_text.show(answer.people, fmt, output)
        return
    hits = pd.DataFrame(
        [(h.node.name, h.node.kind, h.node.id, h.matched) for h in answer.hits.hits],
        columns=SEARCH_TABLE,
    )
    show(hits, fmt, output, SEARCH_TABLE)


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


@click.command()
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
    need_output_for_xlsx(fmt, output)
    with open_graph(store, neo4j_uri, data) as graph:
        frame = graph.changes_since(since.date())
    show(frame, fmt, output, ["date", *CHANGE_TABLE])
