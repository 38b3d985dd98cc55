"""The command line as a user runs it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.files import rewrite, set_cell
from verbindplaats.cli import COMMANDS, main


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def test_every_command_is_found_under_its_name():
    assert sorted(main.list_commands(None)) == sorted(COMMANDS)
    for name in COMMANDS:
        assert main.get_command(None, name).name == name


def test_a_dataset_command_loads_neither_the_explorer_nor_the_accounts(mini_copy):
    """Commands are imported when asked for: `check` does not wait for Dash and Alembic."""
    program = (
        "import sys; from verbindplaats.cli import main\n"
        f"main(['check', {str(mini_copy)!r}], standalone_mode=False)\n"
        "print(sorted(m for m in ('dash', 'alembic', 'explorer.app') if m in sys.modules))"
    )
    ran = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[-1] == "[]"


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
    assert result.exit_code == 2  # the user's to fix, like every invalid input
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


# --- questions ------------------------------------------------------------------------


def test_find_people_table_shows_ranked_people_with_reasons_and_route():
    result = run(
        "find-people", "--topic", "leeruitkomsten", "--region", "Zwolle", "--from-org", "Windesheim"
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # three sections, people first, each under what was found where, then its table
    headings = [i for i, line in enumerate(lines) if line.startswith(("Mensen:", "Groepen", "Org"))]
    assert [lines[i].split(":")[0] for i in headings] == [
        "Mensen",
        "Groepen om bij aan te sluiten",
        "Organisaties",
    ]
    assert lines[0].startswith("Mensen: niemand in Zwolle of Overijssel gevonden; het dichtstbij:")
    for i in headings:
        assert lines[i + 1].split()[:4] == ["rank", "name", "kind", "score"]
    assert "werkt aan leeruitkomsten" in result.output
    assert "Windesheim → lid van →" in result.output


def test_find_people_takes_a_cbs_code_and_says_what_it_found_where():
    result = run("find-people", "--topic", "leercoaching", "--region", "GM0080")
    assert result.exit_code == 0, result.output
    assert "Organisaties: niemand in Leeuwarden of Fryslân gevonden; het dichtstbij: " in (
        result.output
    )
    assert "Universiteit Utrecht (Utrecht, 130 km)" in result.output
    data = run("find-people", "--topic", "leercoaching", "--region", "GM0080", "--format", "csv")
    assert data.stdout.splitlines()[0].startswith("family,rank,id")
    assert "niemand in Leeuwarden" in data.stderr and "niemand" not in data.stdout


def test_find_people_json_keeps_reasons_as_data():
    result = run("find-people", "--topic", "EVC", "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows[0]["rank"] == 1 and rows[0]["reasons"][0]["type"] == "topic"
    assert rows[0]["why"].startswith("works on")


def test_coverage_csv_and_xlsx(tmp_path):
    import pandas as pd

    result = run("coverage", "--level", "provincie", "--topic", "zij-instroom", "--format", "csv")
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[0].split(",")
    assert header[:3] == ["region_id", "region", "code"] and "nearest" in header
    assert len(result.output.splitlines()) == 13  # header and 12 provinces
    target = tmp_path / "dekking.xlsx"
    result = run("coverage", "--level", "provincie", "--format", "xlsx", "--output", str(target))
    assert result.exit_code == 0, result.output
    assert len(pd.read_excel(target)) == 12


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["find-people", "--topic", "geen-bestaand-onderwerp"], "no Topic matches"),
        (["find-people", "--topic", "EVC", "--region", "Atlantis"], "no Region matches"),
        (["coverage", "--level", "provincie", "--format", "xlsx"], "needs --output"),
    ],
)
def test_question_errors_are_messages_not_tracebacks(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_synth_writes_a_labelled_dataset_that_validates_and_answers(tmp_path):
    out = tmp_path / "synthetic"
    result = run("synth", "--scale", "0.05", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "SYNTHETIC" in (out / "README.md").read_text()
    assert run("check", str(out)).exit_code == 0
    people = run("find-people", "--data", str(out), "--topic", "topic:synth-onderwerp-00001")
    assert people.exit_code == 0 and "Synthetisch" in people.output


def test_synth_writes_the_same_graph_in_every_process(tmp_path):
    """Benchmarks and comparisons between stores rely on it: a process with another
    string hashing (PYTHONHASHSEED) must draw the same dates."""
    first, second = tmp_path / "first", tmp_path / "second"
    assert run("synth", "--scale", "0.02", "--out", str(first)).exit_code == 0
    command = [Path(sys.executable).parent / "verbindplaats", "synth", "--scale", "0.02"]
    env = os.environ | {"PYTHONHASHSEED": "12345"}
    subprocess.run([*command, "--out", str(second)], env=env, check=True, capture_output=True)
    written = sorted(p.relative_to(first) for p in first.rglob("*.csv"))
    assert written and written == sorted(p.relative_to(second) for p in second.rglob("*.csv"))
    for name in written:
        assert (first / name).read_text() == (second / name).read_text(), name


def test_synth_refuses_to_write_into_data():
    import graphmodel

    result = run("synth", "--out", str(graphmodel.BUNDLED_DATA / "synthetic"))
    assert result.exit_code == 2
    assert "never goes into data/" in result.output


def test_ask_says_what_it_understood_and_answers_a_people_question():
    result = run("ask", "zij-instroom Zwolle mbo", "--limit", "3")
    assert result.exit_code == 0, result.output
    assert "onderwerp: zij-instroom (100%)" in result.output
    assert "plaats: Zwolle (100%)" in result.output
    assert "sector: mbo (100%)" in result.output
    assert "rank" in result.output  # the find_people ranking follows


def test_ask_suggests_a_correction_and_searches_otherwise():
    result = run("ask", "lectoraat toetsng", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "kind: lectoraat" in result.output
    assert "Did you mean: lectoraat toetsing?" in result.output
    assert "rg:technology-enhanced-assessment" in result.output


def test_today_is_an_option_of_the_answers_that_age(tmp_path, monkeypatch):
    asked = ("find-people", "--topic", "leeruitkomsten", "--limit", "3", "--format", "json")
    scores = {}
    for day in ("2026-11-22", "2029-11-22"):
        result = run(*asked, "--today", day)
        assert result.exit_code == 0, result.output
        # the statement of what was found where goes to stderr, the data to stdout
        scores[day] = [row["score"] for row in json.loads(result.stdout)]
    assert max(scores["2029-11-22"]) < max(scores["2026-11-22"])
    monkeypatch.chdir(tmp_path)  # the round's default folder is made where one stands
    result = run("verify", "export", "--org", "Windesheim", "--today", "2027-06-01")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "verificatieronde-2027-06-01").is_dir()


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--today", "1-8-2026"], None),
        ([], {"VERBINDPLAATS_TODAY": "morgen"}),
    ],
)
def test_a_day_that_is_no_date_is_a_usage_error(args, env):
    result = run("freshness", *args, env=env)
    assert result.exit_code == 2
    assert "is no date; write YYYY-MM-DD" in result.output
    assert "Traceback" not in result.output


CONTRIBUTION = (
    "from,type,to,source,verified\n"
    "org:velon,WORKS_ON,topic:leeruitkomsten,https://velon.nl/,2026-11-01\n"
)


def test_check_a_file_against_the_bundled_data_by_default(tmp_path):
    """What the About page tells contributors to do: a file that refers to ids in the
    bundled data is checked against them."""
    path = tmp_path / "relationships.csv"
    path.write_text(CONTRIBUTION, encoding="utf-8")
    result = run("check", str(path), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "0 nodes, 1 relationships" in result.output


def test_check_a_file_against_another_dataset(tmp_path, mini_copy):
    path = tmp_path / "relationships.csv"
    path.write_text(CONTRIBUTION, encoding="utf-8")
    result = run("check", str(path), "--against", str(mini_copy), "--lang", "en")
    assert result.exit_code == 2
    assert "relationships.csv, row 2, column from: error: 'org:velon' refers" in result.output


def test_a_file_checked_against_the_bundled_data_cites_its_sources_or_a_web_page(tmp_path):
    """Sources resolve against the dataset's sources table too; a new web page passes (an
    import adds it as a source of its own), an unknown reference does not."""
    path = tmp_path / "relationships.csv"
    for source, code in (
        ("bron:leraren-voor-morgen-professionaliseringsplatform-2023", 0),
        ("https://www.windesheim.nl/onderzoek", 0),
        ("bron:bestaat-niet", 2),
        ("001_3629ba6a81073cc0.txt", 2),
    ):
        path.write_text(CONTRIBUTION.replace("https://velon.nl/", source), encoding="utf-8")
        result = run("check", str(path), "--lang", "en")
        assert result.exit_code == code, (source, result.output)
    assert "relationships.csv, row 2, column source: error: source '001_3629" in result.output
