"""One source of "today": a pinned day wins, then VERBINDPLAATS_TODAY, then the calendar."""

from __future__ import annotations

from datetime import date

import pytest

import graphmodel
from graphmodel import clock
from graphmodel.errors import GraphModelError


def test_a_pinned_day_wins_over_the_environment(today):
    assert clock.today() == today  # the tests' pinned day, through the environment
    assert clock.today(date(2030, 5, 1)) == date(2030, 5, 1)


def test_without_a_pinned_day_it_is_the_calendar_read_at_every_call(monkeypatch):
    monkeypatch.delenv(clock.ENV_VAR)
    before = date.today()
    assert before <= clock.today() <= date.today()
    monkeypatch.setenv(clock.ENV_VAR, "2031-01-02")
    assert clock.today() == date(2031, 1, 2)  # nothing cached from the call before


@pytest.mark.parametrize(
    "value",
    ["1-8-2026", "2026-02-30", "\uff12\uff10\uff12\uff16-\uff10\uff15-\uff10\uff11", "morgen"],
)
def test_a_day_that_is_no_date_is_refused_with_its_origin(monkeypatch, value):
    monkeypatch.setenv(clock.ENV_VAR, value)
    with pytest.raises(GraphModelError, match=f"{clock.ENV_VAR}: .* is no date; write YYYY-MM-DD"):
        clock.today()


def test_scores_age_with_the_day_they_are_asked_for(today):
    asked = {"topics": ["topic:leeruitkomsten"], "limit": 5}
    with graphmodel.open() as bundled:
        now = bundled.find_people(**asked)
        pinned = bundled.find_people(**asked, today=today)
        later = bundled.find_people(**asked, today=date(today.year + 3, 1, 1))
    assert now["score"].tolist() == pinned["score"].tolist()
    assert later["score"].max() < now["score"].max()  # three years on, every fact aged
