"""The command line as a user runs it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.importers.test_curated import rewrite, set_cell
from verbindplaats.cli import main


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def test_check_valid_dataset(mini_copy):
    result = run("check", str(mini_copy))
    assert result.exit_code == 0, result.output
    assert "12 nodes, 13 relationships" in result.output


def test_check_broken_copy_lists_each_problem_and_exits_2(mini_copy):
    rewrite(mini_copy / "topics.csv", lambda rows: [r[:2] + r[3:] for r in rows])  # label_en
    rewrite(mini_copy / "people.csv", lambda rows: [r[:4] + r[5:] for r in rows])  # source
    set_cell(mini_copy / "organisations.csv", 3, "id", "org:hogeschool-van-amsterdam")
    set_cell(mini_copy / "research_groups.csv", 2, "hosted_by", "org:nowhere")
    rewrite(
        mini_copy / "organisations.csv",
        lambda rows: [rows[0] + ["website"], rows[1] + ["javascript:alert(1)"], rows[2] + [""]],
    )
    result = run("check", str(mini_copy), "--lang", "en")
    assert result.exit_code == 2
    out = result.output
    assert "people.csv, row 1, column source: error: required column 'source' is missing" in out
    assert "organisations.csv, row 3, column id: error: id 'org:hogeschool-van-amsterdam'" in out
    assert "research_groups.csv, row 2, column hosted_by: error: 'org:nowhere' refers" in out
    assert "organisations.csv, row 2, column website: error: 'javascript:alert(1)'" in out
    assert "Traceback" not in out


def test_check_json_is_the_report(mini_copy):
    set_cell(mini_copy / "people.csv", 2, "verified", "gisteren")
    result = run("check", str(mini_copy), "--format", "json", "--lang", "en")
    assert result.exit_code == 2
    report = json.loads(result.output)
    assert report["valid"] is False
    [problem] = report["problems"]
    assert problem | {"message": None} == {
        "file": "people.csv",
        "code": "bad-date",
        "row": 2,
        "column": "verified",
        "value": "gisteren",
        "severity": "error",
        "message": None,
    }


def test_stats_on_a_dataset(mini_copy):
    result = run("stats", "--data", str(mini_copy), "--format", "json")
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert stats["nodes"]["Region"] == 5
    assert stats["share_sourced"] == 1.0


def test_stats_refuses_invalid_data_without_traceback(mini_copy):
    set_cell(mini_copy / "people.csv", 2, "verified", "gisteren")
    result = run("stats", "--data", str(mini_copy))
    assert result.exit_code == 1
    assert "verbindplaats check" in result.output
    assert "Traceback" not in result.output


def test_neo4j_down_is_a_message_not_a_traceback():
    result = run(
        "stats",
        "--store",
        "neo4j",
        "--neo4j-uri",
        "bolt://127.0.0.1:1",
        env={"NEO4J_PASSWORD": "secret-password-123"},
    )
    assert result.exit_code == 1
    assert "not reachable" in result.output
    assert "secret-password-123" not in result.output


@pytest.mark.neo4j
def test_wrong_password_is_a_message_and_never_printed(neo4j_uri):
    result = run(
        "stats",
        "--store",
        "neo4j",
        "--neo4j-uri",
        neo4j_uri,
        env={"NEO4J_PASSWORD": "wrong-password-456"},
    )
    assert result.exit_code == 1
    assert "refused the user name or password" in result.output
    assert "wrong-password-456" not in result.output


@pytest.mark.neo4j
def test_load_is_idempotent_and_a_bad_file_changes_nothing(neo4j_store, neo4j_uri, mini_copy):
    first = run("load", "--data", str(mini_copy), "--neo4j-uri", neo4j_uri)
    assert first.exit_code == 0, first.output
    assert "25 created, 0 changed" in first.output
    second = run("load", "--data", str(mini_copy), "--neo4j-uri", neo4j_uri)
    assert "0 created, 0 changed" in second.output
    before = neo4j_store.stats()
    set_cell(mini_copy / "people.csv", 2, "job_title", "hoogleraar")  # a valid change ...
    set_cell(mini_copy / "topics.csv", 3, "broader", "topic:nowhere")  # ... and an error
    broken = run("load", "--data", str(mini_copy), "--neo4j-uri", neo4j_uri, "--wipe")
    assert broken.exit_code == 2
    assert "topics.csv" in broken.output
    assert neo4j_store.stats() == before
    assert neo4j_store.node("person:marco-snoek").get("job_title") == "lector"


def test_stats_of_the_bundled_data_show_the_regions_of_2025():
    result = run("stats")
    assert result.exit_code == 0, result.output
    counts = dict(line.split() for line in result.output.splitlines() if len(line.split()) == 2)
    assert (counts["provincie"], counts["gemeente"], counts["corop"]) == ("12", "342", "40")
    assert "(100.0%)" in result.output
