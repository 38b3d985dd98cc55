"""Answers as flat tables: for CSV and XLSX, where a cell holds one value.

The questions return DataFrames whose cells may hold lists (reasons, routes) or records.
Flat, a list becomes its items joined by "; " and a record its JSON, so the CLI and the
explorer's downloads write the same file for the same answer.
"""

from __future__ import annotations

import json

import pandas as pd

__all__ = ["flatten"]


def flatten(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every list and record cell turned into text.

    >>> flatten(pd.DataFrame({"why": [["topic", "region"]]}))["why"][0]
    'topic; region'
    """
    if frame.empty:
        return frame
    return frame.apply(lambda column: column.map(_flat))


def _flat(value: object) -> object:
    if isinstance(value, list | tuple):
        return "; ".join(
            json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else str(v) for v in value
        )
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value
