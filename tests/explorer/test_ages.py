"""A fact's age in words, in both languages, and the line after which it is out of date."""

from __future__ import annotations

from datetime import date

import pytest

from explorer.ages import Ages, request_day
from explorer.app import create_app
from graphmodel import clock
from graphmodel.graph import Graph
from graphmodel.stores.memory import MemoryStore

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    "verified, dutch, english",
    [
        ("2026-11-02", "geverifieerd deze maand", "verified this month"),
        ("2026-10-22", "geverifieerd 1 maand geleden", "verified 1 month ago"),
        ("2026-10-24", "geverifieerd deze maand", "verified this month"),  # not a month yet
        ("2025-08-23", "geverifieerd 15 maanden geleden", "verified 15 months ago"),
        ("2023-01-01", "geverifieerd 3 jaar geleden", "verified 3 years ago"),
        ("", "niet gedateerd", "not dated"),
    ],
)
def test_age_in_words(verified, dutch, english):
    ages = Ages(TODAY)
    assert ages.words(verified, "nl") == dutch
    assert ages.words(verified, "en") == english


def test_out_of_date_after_the_threshold_and_when_undated():
    ages = Ages(TODAY, stale_months=18)
    assert not ages.stale("2025-05-23")  # 18 months: still current
    assert ages.stale("2025-05-22")  # a day more
    assert ages.stale("")
    label = ages.label("2020-01-01", "en")  # quiet: no mark on a fact
    assert (label.className, label.children, label.title) == (
        "age",
        "verified 6 years ago",
        "2020-01-01",
    )


def test_a_subject_is_overdue_when_none_of_its_facts_is_current():
    ages = Ages(TODAY, stale_months=18)
    assert ages.overdue(["2019-01-01", "2025-05-23", ""], "nl") is None  # one is current
    mark = ages.overdue(["2023-04-01", "2025-05-22", None], "nl")
    assert mark.children == "Laatst gecontroleerd in 2025: help het actueel te houden."
    assert mark.className == "overdue"
    assert ages.overdue(["", None], "en").children == "Never checked: help keep it up to date."


def test_an_app_counts_to_its_pinned_day_or_to_the_day_of_each_request(monkeypatch):
    pinned = create_app(Graph(MemoryStore()), today=date(2027, 3, 4))
    moving = create_app(Graph(MemoryStore()))
    with pinned.server.test_request_context("/"):
        assert request_day() == date(2027, 3, 4)
        assert Ages.of_request() == Ages(date(2027, 3, 4))
    for day in ("2028-01-01", "2028-01-02"):  # a server that runs past midnight moves on
        monkeypatch.setenv(clock.ENV_VAR, day)
        with moving.server.test_request_context("/"):
            assert request_day() == date.fromisoformat(day)
