"""find-people and ask on the command line: the three families of answers, each under the
statement of what was found where ("Mensen: niemand in Leeuwarden of Fryslân gevonden;
het dichtstbij: ..."), people first.

The table is for reading; CSV, JSON and XLSX keep one row per answer with its `family`
column, and the statements go to standard error so that the file or pipe holds data only.
"""

from __future__ import annotations

from pathlib import Path

import click
import pandas as pd

from graphmodel.questions.people import FAMILIES
from verbindplaats.cli.output import write_frame

__all__ = ["TABLE_COLUMNS", "render", "show"]

TABLE_COLUMNS = ["rank", "name", "kind", "score", "distance_km", "why", "reach", "route_text"]


def show(frame: pd.DataFrame, fmt: str, output: Path | None) -> None:
    """Echo `frame` (a find_people answer) in `fmt`, or write it to `output`."""
    if fmt != "table":
        click.echo(frame.attrs.get("statement", ""), err=True)
        text = write_frame(frame, fmt, output)
    else:
        text = _deliver(render(frame), output)
    if text is not None:
        click.echo(text, nl=False)
    else:
        click.echo(f"{len(frame)} rows written to {output}", err=True)


def render(frame: pd.DataFrame) -> str:
    """Per family, its statement, then its answers as a table (people first)."""
    found = frame.attrs.get("found", {})
    sections = []
    for family in FAMILIES:
        answers = frame[frame["family"] == family]
        lines = [found.get(family, family)]
        if not answers.empty:
            lines.append(write_frame(answers, "table", None, TABLE_COLUMNS).rstrip("\n"))
        sections.append("\n".join(lines))
    return "\n\n".join(sections) + "\n"


def _deliver(text: str, path: Path | None) -> str | None:
    if path is None:
        return text
    path.write_text(text, encoding="utf-8")
    return None
