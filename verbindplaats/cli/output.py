"""Query results (DataFrames) as a table on screen, CSV, JSON or an XLSX workbook.

Structured cells (lists of reasons, routes) stay structured in JSON; CSV, XLSX and the
screen table hold them flattened (`graphmodel.frames.flatten`); no CSV or XLSX cell runs
as a formula (`graphmodel.frames.to_csv`, `to_xlsx`).
"""

from __future__ import annotations

import json
from pathlib import Path

import click
import pandas as pd

from graphmodel.frames import flatten, to_csv, to_xlsx

__all__ = ["FORMATS", "show", "show_parts", "write_frame"]

FORMATS = ("table", "csv", "json", "xlsx")


def write_frame(
    frame: pd.DataFrame, fmt: str, path: Path | None, table_columns: list[str] | None = None
) -> str | None:
    """Write `frame` in `fmt` to `path`, or return the text for the screen when no path
    is given (XLSX always needs a path: the caller checks).

    Examples
    --------
    >>> frame = pd.DataFrame({"name": ["Zwolle"], "score": [float("nan")]})
    >>> print(write_frame(frame, "json", None), end="")
    [
      {
        "name": "Zwolle",
        "score": null
      }
    ]
    """
    if fmt == "json":
        return _deliver(_json(_records(frame)), path)
    if fmt == "xlsx":
        assert path is not None
        to_xlsx(path, {"verbindplaats": frame})
        return None
    if fmt == "csv":
        return _deliver(to_csv(frame), path)
    flat = flatten(frame)
    shown = flat[table_columns] if table_columns else flat
    return _deliver(shown.to_string(index=False, na_rep="") + "\n", path)


def show(frame: pd.DataFrame, fmt: str, output: Path | None, columns: list[str]) -> None:
    """`frame` on the screen (the screen table shows `columns`), or into `output`."""
    text = write_frame(frame, fmt, output, columns)
    if text is not None:
        click.echo(text, nl=False)
    else:
        click.echo(f"{len(frame)} rows written to {output}", err=True)


def show_parts(
    parts: dict[str, pd.DataFrame], fmt: str, output: Path | None, screen_text: str
) -> None:
    """An answer of several named tables: one sheet per part in XLSX, one list of records
    per part in JSON, one table whose first column "part" names each row's part in CSV,
    and `screen_text` (the caller's layout) as the screen table."""
    if fmt == "xlsx":
        assert output is not None
        to_xlsx(output, parts)
    elif fmt == "json":
        records = {name: _records(frame) for name, frame in parts.items()}
        text = _deliver(_json(records), output)
    elif fmt == "csv":
        text = _deliver(to_csv(_one_table(parts)), output)
    else:
        text = _deliver(screen_text, output)
    if output is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"geschreven naar / written to {output}", err=True)


def _one_table(parts: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The parts' rows in one table, its first column "part" naming each row's part."""
    frames = [f.astype(object).assign(part=name) for name, f in parts.items() if not f.empty]
    table = pd.concat(frames, ignore_index=True).fillna("")  # a blank, not a float NaN
    return table[["part", *table.columns.drop("part")]]


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """The rows as records, a missing value as None (JSON's null, not NaN)."""
    return frame.astype(object).where(frame.notna(), None).to_dict(orient="records")


def _json(records: object) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2, default=_plain) + "\n"


def _deliver(text: str, path: Path | None) -> str | None:
    if path is None:
        return text
    path.write_text(text, encoding="utf-8")
    return None


def _plain(value: object) -> object:
    """JSON for numpy scalars and missing values."""
    if hasattr(value, "item"):
        return value.item()
    return None
