"""``verbindplaats freshness`` as a user runs it: every format, exit codes, no tracebacks.

The small-folder tests date the mini dataset themselves: every fact long ago, except the
Hogeschool van Amsterdam's own row, verified on the pinned day the command counts from
(the `today` fixture).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import graphmodel as gm
from graphmodel.model import Node, Relationship
from graphmodel.questions import freshness
from tests.conftest import PINNED_TODAY, read_valid
from tests.files import rewrite, set_cell
from verbindplaats.cli import main

LONG_AGO = "2000-01-01"
HVA = "org:hogeschool-van-amsterdam"
NHL = "org:nhl-stenden-hogeschool"
PARTS = ["total", "groups", "oldest", "worklist"]


def run(*args: str):
    return CliRunner().invoke(main, ["freshness", *args])


@pytest.fixture
def dated(mini_copy: Path, today: date) -> Path:
    """The mini dataset with every fact verified LONG_AGO, but HvA's own row today."""
    verify_all(mini_copy, LONG_AGO)
    set_cell(mini_copy / "organisations.csv", 2, "verified", today.isoformat())
    return mini_copy


def verify_all(folder: Path, day: str) -> None:
    """Set the verified date of every row of every table in `folder` to `day`."""

    def edit(rows: list[list[str]]) -> list[list[str]]:
        column = rows[0].index("verified")
        return [rows[0]] + [[*r[:column], day, *r[column + 1 :]] for r in rows[1:]]

    for table in folder.glob("*.csv"):
        rewrite(table, edit)


def as_json(*args: str) -> dict[str, list[dict]]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def fresh_today(folder: Path, node_id: str | None = None) -> tuple[int, int]:
    """(facts, facts verified on the pinned day) in the folder, or of those about
    `node_id`."""
    batch = read_valid(folder)
    facts = [*batch.nodes, *batch.relationships]
    if node_id:
        facts = [f for f in facts if node_id in _ends(f)]
    return len(facts), sum(f.get("verified") == PINNED_TODAY.isoformat() for f in facts)


def _ends(fact: Node | Relationship) -> set[str]:
    return {fact.id} if isinstance(fact, Node) else {fact.start, fact.end}


def test_json_on_a_small_folder_counts_from_today(dated):
    answer = as_json("--data", str(dated))
    assert list(answer) == PARTS
    [total] = answer["total"]
    assert (total["facts"], total["fresh"]) == fresh_today(dated)
    groups = {g["id"]: (g["facts"], g["fresh"]) for g in answer["groups"]}
    assert groups == {org: fresh_today(dated, org) for org in (HVA, NHL)}
    # HvA's own row (its node and its LOCATED_IN) is fresh, so NHL Stenden has more
    # stale facts and leads the worklist, and has the lower share.
    assert [w["id"] for w in answer["worklist"]] == [NHL, HVA]
    assert [g["id"] for g in answer["groups"]] == [NHL, HVA]
    assert all(fact["verified"] == LONG_AGO for fact in answer["oldest"])


def test_by_region_names_each_province(dated):
    answer = as_json("--data", str(dated), "--by", "region")
    provinces = {g["group"]: g["id"] for g in answer["groups"]}
    assert provinces == {"Fryslân": "region:PV21", "Noord-Holland": "region:PV27"}
    assert answer["groups"][0]["share_fresh"] == 0  # Fryslân: NHL Stenden, all stale


def test_by_kind_and_the_limit(dated):
    answer = as_json("--data", str(dated), "--by", "kind", "--limit", "2")
    batch = read_valid(dated)
    kinds = {n.kind for n in batch.nodes} | {r.type for r in batch.relationships}
    assert len(answer["groups"]) == len(answer["oldest"]) == len(answer["worklist"]) == 2
    assert {g["group"] for g in answer["groups"]} <= kinds
    shares = [g["share_fresh"] for g in answer["groups"]]
    assert shares == sorted(shares)


def test_table_has_the_total_and_three_parts_in_dutch_and_english(dated):
    result = run("--data", str(dated))
    assert result.exit_code == 0, result.output
    facts, fresh = fresh_today(dated)
    out = result.output
    assert f"Totaal / Total: {fresh} van/of {facts}" in out
    assert "per organisatie (2 van 2, laagste eerst)" in out
    assert "Oudste gegevens / Oldest facts" in out
    assert "Werklijst voor de volgende ronde / Worklist for the next round" in out
    assert out.index("NHL Stenden Hogeschool") < out.index("Hogeschool van Amsterdam")


def test_an_empty_worklist_says_so(mini_copy, today):
    verify_all(mini_copy, today.isoformat())
    result = run("--data", str(mini_copy))
    assert result.exit_code == 0, result.output
    worklist = result.output.split("Worklist for the next round")[1]
    assert "(geen / none)" in worklist


def test_csv_is_one_table_with_a_part_column(dated):
    result = run("--data", str(dated), "--format", "csv")
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.output)))
    assert next(iter(table[0])) == "part"
    assert [r["part"] for r in table] == sorted((r["part"] for r in table), key=PARTS.index)
    answer = as_json("--data", str(dated))
    assert {p: sum(r["part"] == p for r in table) for p in PARTS} == {
        p: len(answer[p]) for p in PARTS
    }
    [total] = [r for r in table if r["part"] == "total"]
    assert int(total["facts"]) == answer["total"][0]["facts"]  # whole numbers stay whole


def test_xlsx_has_one_sheet_per_part(dated, tmp_path):
    target = tmp_path / "actualiteit.xlsx"
    result = run("--data", str(dated), "--format", "xlsx", "--output", str(target))
    assert result.exit_code == 0, result.output
    sheets = pd.read_excel(target, sheet_name=None, keep_default_na=False)
    assert list(sheets) == PARTS
    answer = as_json("--data", str(dated))
    assert sheets["worklist"]["id"].tolist() == [w["id"] for w in answer["worklist"]]
    assert sheets["oldest"].columns.tolist() == freshness.OLDEST_COLUMNS


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_output_writes_the_file_and_says_so(dated, tmp_path, fmt):
    target = tmp_path / f"actualiteit.{fmt}"
    result = run("--data", str(dated), "--format", fmt, "--output", str(target))
    assert result.exit_code == 0, result.output
    assert f"written to {target}" in result.output
    assert target.read_text(encoding="utf-8") == run("--data", str(dated), "--format", fmt).output


def test_on_the_bundled_data_the_cli_answers_as_the_library(today):
    answer = as_json("--by", "region")
    with gm.open() as store:
        expected_total = freshness.total(store, today).to_dict(orient="records")
        expected_groups = freshness.by_group(store, "region", today).head(20)
        expected_worklist = freshness.worklist(store, today, 20)
    assert answer["total"] == expected_total
    assert [g["id"] for g in answer["groups"]] == expected_groups["id"].tolist()
    assert [w["id"] for w in answer["worklist"]] == expected_worklist["id"].tolist()
    assert len(answer["oldest"]) == 20


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--format", "xlsx"], 2, "--format xlsx needs --output"),
        (["--by", "topic"], 2, "'topic' is not one of"),
        (["--limit", "0"], 2, "--limit"),
        (["--output", "/nonexistent-folder/x.csv", "--format", "csv"], 1, "nothing written"),
    ],
)
def test_user_errors_are_messages_not_tracebacks(dated, args, code, message):
    result = run("--data", str(dated), *args)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_invalid_data_is_refused_without_traceback(dated):
    set_cell(dated / "people.csv", 2, "verified", "gisteren")
    result = run("--data", str(dated))
    assert result.exit_code == 2  # the user's to fix, like every invalid input
    assert "verbindplaats check" in result.output


@pytest.mark.neo4j
def test_neo4j_answers_as_the_embedded_store(neo4j_store, neo4j_uri, dated):
    neo4j_store.load(read_valid(dated))
    answer = as_json("--store", "neo4j", "--neo4j-uri", neo4j_uri, "--by", "region")
    assert answer == as_json("--data", str(dated), "--by", "region")
