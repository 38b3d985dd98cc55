"""How well sourced and how fresh the data is: the "Over de data" questions.

Every node and relationship carries `source` (a URL or a seed file) and `verified` (a
date). A store lists those pairs (`Store.provenance`); this module sums them up:
per kind, the share verified in the last `FRESH_DAYS`; per source, how much rests on it
(a web page, a document, or a returned verification workbook).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pandas as pd

__all__ = [
    "COLUMNS",
    "FRESH_DAYS",
    "STALE_MONTHS",
    "age_in_months",
    "freshness",
    "older_than",
    "sources",
]

COLUMNS = ["element", "kind", "source", "verified"]  # element: "node" or "relationship"
FRESH_DAYS = 365
STALE_MONTHS = 18  # older than this, a fact is shown as out of date (verbindplaats serve)


def age_in_months(verified: object, today: date) -> int | None:
    """Whole months since `verified` (an ISO date), or None when it is no date."""
    day = _day(verified)
    if day is None:
        return None
    months = (today.year - day.year) * 12 + today.month - day.month
    return max(0, months - (today.day < day.day))


def _day(verified: object) -> date | None:
    try:
        return date.fromisoformat(str(verified))
    except ValueError:
        return None


def older_than(verified: object, months: int, today: date) -> bool:
    """Whether `verified` lies more than `months` before `today` (no date: it does)."""
    day = _day(verified)
    if day is None:
        return True
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return day < date(year, month + 1, min(today.day, last_day))


def freshness(provenance: pd.DataFrame, today: date) -> pd.DataFrame:
    """Per element and kind: how many, how many verified in the last FRESH_DAYS, that
    share, and the oldest verification date. A last row sums up everything."""
    since = (today - timedelta(days=FRESH_DAYS)).isoformat()
    frame = provenance.assign(fresh=provenance["verified"].fillna("") >= since)
    grouped = frame.groupby(["element", "kind"], sort=True)
    table = grouped.agg(
        total=("fresh", "size"), fresh=("fresh", "sum"), oldest=("verified", "min")
    ).reset_index()
    everything = pd.DataFrame(
        [
            {
                "element": "",
                "kind": "",
                "total": len(frame),
                "fresh": int(frame["fresh"].sum()),
                "oldest": frame["verified"].min() if len(frame) else None,
            }
        ]
    )
    table = pd.concat([table, everything], ignore_index=True)
    table["fresh"] = table["fresh"].astype(int)
    table["share_fresh"] = (table["fresh"] / table["total"].where(table["total"] > 0)).round(3)
    return table


def sources(provenance: pd.DataFrame) -> pd.DataFrame:
    """Per source: how many nodes and relationships rest on it and when it was last
    verified, the most used first. Seed files and web pages are told apart."""
    frame = provenance.assign(
        source=provenance["source"].fillna(""),
        node=provenance["element"] == "node",
        relationship=provenance["element"] == "relationship",
    )
    table = (
        frame.groupby("source", sort=False)
        .agg(
            nodes=("node", "sum"),
            relationships=("relationship", "sum"),
            last_verified=("verified", "max"),
        )
        .reset_index()
    )
    table["type"] = [_source_type(s) for s in table["source"]]
    table["uses"] = table["nodes"] + table["relationships"]
    table = table.sort_values(["uses", "source"], ascending=[False, True], ignore_index=True)
    return table[["source", "type", "nodes", "relationships", "last_verified"]]


def _source_type(source: str) -> str:
    if source.startswith(("http://", "https://")):
        return "web"
    if source.startswith("verificatie:"):
        return "verification"
    return "document" if source else "none"
