"""A fact's age in words, in both languages, and the line after which it is out of date."""

from __future__ import annotations

from datetime import date

import pytest

from explorer.ages import Ages

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
    label = ages.label("2020-01-01", "en")
    assert label.className == "age stale" and label.children.endswith("(out of date)")
    assert label.title == "2020-01-01"
