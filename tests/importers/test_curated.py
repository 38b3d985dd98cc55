"""The importer finds every problem, says where it is, and loads nothing when any."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from importers.curated import read_dataset
from tests.files import rewrite, set_cell


def problems(path: Path) -> list[tuple]:
    batch, report = read_dataset(path)
    if not report.ok:
        assert len(batch) == 0, "a dataset with errors must give an empty batch"
    return [(p.file, p.row, p.column, p.code) for p in report.errors]


def test_valid_dataset_has_no_problems(mini_copy):
    batch, report = read_dataset(mini_copy)
    assert report.problems == []
    assert len(batch.nodes) == 12
    # list columns became relationships with the row's provenance
    located = [r for r in batch.relationships if r.type == "LOCATED_IN"]
    assert {(r.start, r.end) for r in located} == {
        ("org:hogeschool-van-amsterdam", "region:GM0363"),
        ("org:nhl-stenden-hogeschool", "region:GM0080"),
    }
    assert all(r.properties["source"] == "ho-mbo-institutions-2025.csv" for r in located)


def test_missing_column(mini_copy):
    rewrite(mini_copy / "people.csv", lambda rows: [r[:1] + r[2:] for r in rows])
    assert problems(mini_copy) == [("people.csv", 1, "name", "missing-column")]


def test_duplicate_id_names_both_places(mini_copy):
    set_cell(mini_copy / "organisations.csv", 3, "id", "org:hogeschool-van-amsterdam")
    _, report = read_dataset(mini_copy)
    [problem] = [p for p in report.errors if p.code == "duplicate-id"]
    assert (problem.file, problem.row, problem.column) == ("organisations.csv", 3, "id")
    assert "organisations.csv, row 2" in problem.message("en")


def test_dangling_reference_in_list_column(mini_copy):
    set_cell(mini_copy / "organisations.csv", 2, "located_in", "region:GM9999")
    assert problems(mini_copy) == [("organisations.csv", 2, "located_in", "dangling-reference")]


def test_dangling_reference_in_relationship_table(mini_copy):
    set_cell(mini_copy / "relationships.csv", 2, "to", "rg:nowhere")
    assert problems(mini_copy) == [("relationships.csv", 2, "to", "dangling-reference")]


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "ftp://x.nl", "www.x.nl"],
)
def test_website_must_be_http(mini_copy, url):
    rewrite(
        mini_copy / "organisations.csv",
        lambda rows: [rows[0] + ["website"]] + [[*r, url] for r in rows[1:]],
    )
    assert problems(mini_copy) == [
        ("organisations.csv", 2, "website", "bad-url"),
        ("organisations.csv", 3, "website", "bad-url"),
    ]


@pytest.mark.parametrize("source", ["javascript:alert(1)", "file:///etc/passwd", "zie hier"])
def test_source_must_be_url_reference_or_file_name(mini_copy, source):
    set_cell(mini_copy / "people.csv", 2, "source", source)
    assert problems(mini_copy) == [("people.csv", 2, "source", "bad-source")]


def test_several_sources_are_allowed(mini_copy):
    set_cell(mini_copy / "people.csv", 2, "source", "001_3629ba6a81073cc0.txt; https://www.hva.nl/")
    assert problems(mini_copy) == []


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("verified", "2023-02-30", "bad-date"),
        ("verified", "23-1-2023", "bad-date"),
        ("verified", "", "required-value"),
        ("contact_public", "misschien", "bad-boolean"),
    ],
)
def test_bad_cells(mini_copy, column, value, code):
    set_cell(mini_copy / "people.csv", 2, column, value)
    assert problems(mini_copy) == [("people.csv", 2, column, code)]


@pytest.mark.parametrize("value", ["org:marco-snoek", "person:Marco Snoek", "marco-snoek"])
def test_bad_id(mini_copy, value):
    set_cell(mini_copy / "people.csv", 2, "id", value)
    found = problems(mini_copy)
    assert found[0] == ("people.csv", 2, "id", "bad-id")
    # the relationships that named the old id now point nowhere, and say so
    assert ("relationships.csv", 2, "from", "dangling-reference") in found


def test_choice_and_list_values(mini_copy):
    set_cell(mini_copy / "organisations.csv", 2, "category", "kroeg")
    set_cell(mini_copy / "organisations.csv", 3, "sectors", "hbo;;wo")
    set_cell(mini_copy / "research_groups.csv", 2, "topics", "topic:flexibilisering;hbo")
    assert sorted(problems(mini_copy)) == [
        ("organisations.csv", 2, "category", "bad-choice"),
        ("organisations.csv", 3, "sectors", "empty-list-item"),
        ("research_groups.csv", 2, "topics", "dangling-reference"),
    ]


def test_choices_ignore_case(mini_copy):
    set_cell(mini_copy / "organisations.csv", 2, "category", "Hogeschool")
    set_cell(mini_copy / "relationships.csv", 2, "type", "leads")
    assert problems(mini_copy) == []


def test_relationship_between_wrong_kinds(mini_copy):
    set_cell(mini_copy / "relationships.csv", 2, "to", "region:GM0363")
    _, report = read_dataset(mini_copy)
    [problem] = report.errors
    assert (problem.code, problem.row, problem.column) == ("relationship-not-allowed", 2, "to")
    assert "LEADS from Person to Region" in problem.message("en")


def test_duplicate_relationship(mini_copy):
    rewrite(mini_copy / "relationships.csv", lambda rows: [*rows, rows[1]])
    assert problems(mini_copy) == [("relationships.csv", 4, "from", "duplicate-relationship")]


def test_unknown_table_and_unknown_column(mini_copy):
    (mini_copy / "schools.csv").write_text("id,name\nx,y\n", encoding="utf-8")
    rewrite(mini_copy / "people.csv", lambda rows: [[*r, "x"] for r in rows])
    _batch, report = read_dataset(mini_copy)
    assert [(p.file, p.code) for p in report.errors] == [("schools.csv", "unknown-table")]
    assert [(p.column, p.code) for p in report.warnings] == [("x", "unknown-column")]


def test_ragged_row_and_doubled_header(mini_copy):
    rewrite(mini_copy / "people.csv", lambda rows: [rows[0], rows[1][:3]])
    rewrite(
        mini_copy / "topics.csv", lambda rows: [rows[0] + ["name"]] + [[*r, "x"] for r in rows[1:]]
    )
    found = problems(mini_copy)
    assert ("people.csv", 2, None, "row-length") in found
    assert ("topics.csv", 1, "name", "duplicate-column") in found


def test_a_windows_1252_file_reads_as_its_text(mini_copy):
    path = mini_copy / "people.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Marco", "Marcó").encode("cp1252"))
    batch, report = read_dataset(mini_copy)
    assert report.ok
    assert "Marcó" in {n.name.split()[0] for n in batch.nodes if n.kind == "Person"}


def test_a_file_mixing_utf8_and_windows_1252_is_refused(mini_copy):
    path = mini_copy / "people.csv"
    text = path.read_text(encoding="utf-8").replace("Marco", "Marcó")
    path.write_bytes(text.encode("utf-8") + "Zoë".encode("cp1252"))
    assert ("people.csv", 2, "name", "unreadable-file") in problems(mini_copy)


def test_every_problem_is_reported_at_once(mini_copy):
    set_cell(mini_copy / "people.csv", 2, "verified", "gisteren")
    set_cell(mini_copy / "organisations.csv", 2, "located_in", "region:GM9999")
    set_cell(mini_copy / "organisations.csv", 3, "category", "kroeg")
    assert len(problems(mini_copy)) == 3


def test_messages_in_dutch_and_english(mini_copy):
    set_cell(mini_copy / "people.csv", 2, "verified", "gisteren")
    [problem] = read_dataset(mini_copy)[1].errors
    assert "geen geldige datum" in problem.message("nl")
    assert "not a valid date" in problem.message("en")
    assert problem.location("nl") == "people.csv, rij 2, kolom verified"


def test_column_names_match_case_and_space_insensitively(mini_copy):
    rewrite(
        mini_copy / "people.csv",
        lambda rows: (
            [[" Job Title " if c == "job_title" else c.upper() for c in rows[0]], *rows[1:]]
        ),
    )
    assert problems(mini_copy) == []


def test_workbook_gives_the_same_batch_as_the_csv_files(mini_copy, tmp_path, mini_batch):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for path in sorted(mini_copy.glob("*.csv")):
        sheet = workbook.create_sheet(path.stem)
        with open(path, encoding="utf-8") as f:
            for row in csv.reader(f):
                sheet.append(row)
    target = tmp_path / "dataset.xlsx"
    workbook.save(target)
    batch, report = read_dataset(target)
    assert report.ok, report.format_text("en")
    assert sorted(batch.nodes, key=lambda n: n.id) == sorted(mini_batch.nodes, key=lambda n: n.id)
    assert sorted(r.key for r in batch.relationships) == sorted(
        r.key for r in mini_batch.relationships
    )


def test_workbook_errors_name_the_sheet(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "people"
    sheet.append(["id", "name", "source", "verified"])
    sheet.append(["person:a-b", "A B", "x.txt", "not a date"])
    target = tmp_path / "book.xlsx"
    workbook.save(target)
    assert problems(target) == [("book.xlsx:people", 2, "verified", "bad-date")]


def test_damaged_workbook(tmp_path):
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"PK\x03\x04 this is not a workbook")
    assert problems(target) == [("book.xlsx", None, None, "unreadable-file")]


@pytest.mark.parametrize(
    ("column", "value"),
    # 2024-05-01 in fullwidth and in Arabic-Indic digits: \d matches both
    [
        ("verified", "\uff12\uff10\uff12\uff14-\uff10\uff15-\uff10\uff11"),
        ("verified", "\u0662\u0660\u0662\u0664-\u0660\u0665-\u0660\u0661"),
    ],
)
def test_dates_take_ascii_digits_only(mini_copy, column, value):
    set_cell(mini_copy / "people.csv", 2, column, value)
    assert problems(mini_copy) == [("people.csv", 2, column, "bad-date")]


def test_a_relationship_from_a_node_to_itself_is_refused(mini_copy):
    rewrite(
        mini_copy / "relationships.csv",
        lambda rows: [
            *rows,
            ["region:NL", "PART_OF", "region:NL", "", "", "", "x.txt", "2025-01-01"],
        ],
    )
    assert problems(mini_copy) == [("relationships.csv", 4, "to", "self-relationship")]


def test_a_part_of_cycle_is_refused(mini_copy):
    """A province PART_OF one of its own gemeenten: coverage would count it in itself."""
    set_cell(mini_copy / "regions.csv", 3, "part_of", "region:GM0080")
    assert problems(mini_copy) == [
        ("regions.csv", 3, "part_of", "cycle"),
        ("regions.csv", 5, "part_of", "cycle"),
    ]


def place_of(path: Path) -> list[tuple]:
    """Where the problems of a file that cannot be read are: (row, column, message)."""
    _, report = read_dataset(path)
    return [(p.row, p.column, p.message("en")) for p in report.errors]


def test_a_cell_over_the_size_limit_is_reported_with_its_row(mini_copy):
    set_cell(mini_copy / "people.csv", 2, "job_title", "x" * 200_000)
    [(row, _, message)] = place_of(mini_copy / "people.csv")
    assert row == 2
    assert "field larger than field limit" in message


def test_a_nul_byte_is_reported_by_row_and_column_not_byte(mini_copy):
    path = mini_copy / "people.csv"
    path.write_bytes(path.read_bytes().replace(b"Marco Snoek", b"Marco\0Snoek"))
    [(row, column, message)] = place_of(path)
    assert (row, column) == (2, "name")
    assert "control character U+0000" in message and "byte" not in message


def test_mixed_encodings_are_reported_by_row_and_column(mini_copy):
    path = mini_copy / "people.csv"
    text = path.read_text(encoding="utf-8").replace("Marco", "Marcó")
    path.write_bytes(text.encode("utf-8") + "person:zoe,Zoë".encode("cp1252") + b",x\n")
    [(row, column, message)] = place_of(path)
    assert (row, column) == (2, "name")  # the first text of the other encoding: Marcó
    assert "byte" not in message


def test_an_unbalanced_quote_is_reported_with_the_row_it_opens(mini_copy):
    path = mini_copy / "people.csv"
    rewrite(path, lambda rows: [*rows, rows[1]])
    path.write_text(path.read_text().replace(",Marco Snoek,", ',"Marco Snoek,', 1))
    [(row, _, _)] = place_of(path)
    assert row == 2
