"""The relevance set of benchmarks/relevance.py: at least 30 cases over the three
families, with and without region and sector, each citing a source of the sources table
(the seed documents are bron: ids there) and naming answers the bundled data holds."""

from __future__ import annotations

from pathlib import Path

import graphmodel
from benchmarks.relevance import CASES, Tally, read_cases
from graphmodel.questions.people import FAMILIES


def test_the_set_covers_the_families_regions_and_sectors():
    cases = read_cases(CASES)
    assert len(cases) >= 30
    assert {c.family for c in cases} == set(FAMILIES)
    assert any(c.region for c in cases) and any(not c.region for c in cases)
    assert any(c.sector for c in cases) and any(not c.sector for c in cases)


def test_every_case_cites_a_source_and_names_answers_the_data_holds(bundled):
    sources = graphmodel.source_catalogue()
    for case in read_cases(CASES):
        for source in case.source.split(";"):
            assert sources.find(source) is not None, (case.name, source)
        found = {n.id for n in bundled.nodes(case.relevant)}
        assert found == case.relevant, case.name


def test_hits_and_reciprocal_ranks_are_counted_per_case():
    tally = Tally([1, 3, None, 10])
    assert [tally.hits(k) for k in (1, 3, 5, 10)] == [0.25, 0.5, 0.5, 0.75]
    assert tally.mrr == (1 + 1 / 3 + 1 / 10) / 4


def test_a_case_without_a_source_is_refused(tmp_path: Path):
    bad = tmp_path / "cases.csv"
    bad.write_text(
        "case,topics,region,sector,family,relevant,source,statement\n"
        "x,EVC,,,groups,network:a,,no source\n",
        encoding="utf-8",
    )
    try:
        read_cases(bad)
    except ValueError as error:
        assert "row 2" in str(error)
    else:
        raise AssertionError("a case without a source was read")
