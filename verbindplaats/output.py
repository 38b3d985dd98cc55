"""Query results (DataFrames) as a table on screen, CSV, JSON or an XLSX workbook.

Structured cells (lists of reasons, routes) stay structured in JSON; CSV, XLSX and the
screen table hold them flattened (`graphmodel.frames.flatten`); no CSV or XLSX cell runs
as a formula (`graphmodel.frames.to_csv`, `to_xlsx`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from graphmodel.frames import flatten, to_csv, to_xlsx

__all__ = ["FORMATS", "write_frame"]

FORMATS = ("table", "csv", "json", "xlsx")


def write_frame(
    frame: pd.DataFrame, fmt: str, path: Path | None, table_columns: list[str] | None = None
) -> str | None:
    """Write `frame` in `fmt` to `path`, or return the text for the screen when no path
    is given (XLSX always needs a path: the caller checks)."""
    if fmt == "json":
        text = json.dumps(
            frame.to_dict(orient="records"), ensure_ascii=False, indent=2, default=_plain
        )
        return _deliver(text + "\n", path)
    if fmt == "xlsx":
        assert path is not None
        to_xlsx(path, {"verbindplaats": frame})
        return None
    if fmt == "csv":
        return _deliver(to_csv(frame), path)
    flat = flatten(frame)
    shown = flat[table_columns] if table_columns else flat
    return _deliver(shown.to_string(index=False, na_rep="") + "\n", path)


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
