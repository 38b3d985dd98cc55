"""How old a fact is, in words, and whether it is out of date.

Every fact carries the date it was last checked. The explorer says its age in words
("geverifieerd 3 maanden geleden"), quietly: with most facts of a young dataset checked
once, years ago, a red mark on each would mark nearly every line and so mean nothing.
What is marked is a subject (an organisation, a person, ...) of which nothing has been
checked for longer than a threshold (default 18 months; ``verbindplaats serve
--stale-after``): one line, "laatst gecontroleerd in 2023", beside the way to correct it.

The day ages are counted to is the app's: pinned with ``create_app(..., today=...)``,
else `graphmodel.clock.today`, read per request (`request_day`) so that a long-running
server moves on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import flask
from dash import html

from explorer.texts import Texts
from graphmodel import clock
from graphmodel.provenance import STALE_MONTHS, age_in_months, older_than

__all__ = ["CONFIG_KEY", "TODAY_KEY", "Ages", "request_day"]

CONFIG_KEY = "VERBINDPLAATS_STALE_MONTHS"  # in the Flask config of the app
TODAY_KEY = "VERBINDPLAATS_PINNED_DAY"  # likewise: a pinned day, or None for the real one

TEXTS = Texts(
    {
        "unknown": ("niet gedateerd", "not dated"),
        "recent": ("geverifieerd deze maand", "verified this month"),
        "month": ("geverifieerd 1 maand geleden", "verified 1 month ago"),
        "months": ("geverifieerd {n} maanden geleden", "verified {n} months ago"),
        "years": ("geverifieerd {n} jaar geleden", "verified {n} years ago"),
        "overdue": (
            "Laatst gecontroleerd in {year}: help het actueel te houden.",
            "Last checked in {year}: help keep it up to date.",
        ),
        "never": (
            "Nooit gecontroleerd: help het actueel te houden.",
            "Never checked: help keep it up to date.",
        ),
    }
)


@dataclass(frozen=True)
class Ages:
    """Today, and the age in months from which a fact is out of date."""

    today: date
    stale_months: int = STALE_MONTHS

    @classmethod
    def of_request(cls) -> Ages:
        """The ages of the app serving this request: its day and its threshold."""
        return cls(request_day(), flask.current_app.config[CONFIG_KEY])

    def stale(self, verified: object) -> bool:
        return older_than(verified, self.stale_months, self.today)

    def words(self, verified: object, lang: str) -> str:
        months = age_in_months(verified, self.today)
        if months is None:
            return TEXTS("unknown", lang)
        if months >= 24:
            return TEXTS("years", lang, n=months // 12)
        key = {0: "recent", 1: "month"}.get(months, "months")
        return TEXTS(key, lang, n=months)

    def label(self, verified: object, lang: str) -> html.Span:
        """The age in words, with the date on hover: quiet, old or not."""
        return html.Span(self.words(verified, lang), className="age", title=str(verified or ""))

    def overdue(self, checked: list[object], lang: str) -> html.P | None:
        """One mark for a subject of which nothing in `checked` (the verified dates of
        its facts) is younger than the threshold; None when something is."""
        dates = [str(day) for day in checked if day]
        if dates and not self.stale(max(dates)):
            return None
        text = TEXTS("overdue", lang, year=max(dates)[:4]) if dates else TEXTS("never", lang)
        return html.P(text, className="overdue", role="note")


def request_day() -> date:
    """The day of the request being served: the app's pinned day, else
    `graphmodel.clock.today` (read now, so a server running for weeks moves on). Outside
    a request (a page drawn on its own), the clock's day."""
    pinned = flask.current_app.config.get(TODAY_KEY) if flask.has_app_context() else None
    return clock.today(pinned)
