"""A verification round out: workbooks on the real bundled data, read back with openpyxl
as a spreadsheet program would, and the command that writes them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import graphmodel
from graphmodel.errors import GraphModelError
from graphmodel.graph import Graph
from importers.verification import workbook
from importers.verification.export import Selection, export_round, file_name, select_subjects
from importers.verification.facts import SUBJECT_KINDS, facts_about
from tests.conftest import read_valid
from verbindplaats.cli import main

WINDESHEIM = "org:windesheim"
ROUND_DATE = date(2026, 11, 23)


@pytest.fixture(scope="module")
def round_folder(bundled: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    subjects = select_subjects(bundled, Selection(region="PV23"))
    folder = tmp_path_factory.mktemp("round") / "overijssel"
    export_round(bundled, subjects, folder, ROUND_DATE)
    return folder


def rows(sheet) -> list[dict[str, object]]:
    header, *body = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in body]


class TestSelection:
    def test_a_region_holds_what_is_located_or_active_in_it_itself(self, bundled):
        chosen = select_subjects(bundled, Selection(region="PV23"))
        ids = {n.id for n in chosen}
        assert WINDESHEIM in ids  # Zwolle
        assert "org:albeda" not in ids  # Rotterdam
        assert {n.kind for n in chosen} <= set(SUBJECT_KINDS)
        assert len(chosen) > 10

    def test_ids_names_and_kinds(self, bundled):
        by_name = select_subjects(bundled, Selection(subjects=["windesheim"]))
        assert [n.id for n in by_name] == [WINDESHEIM]
        alliances = select_subjects(bundled, Selection(kind="Alliance"))
        assert alliances and all(n.kind == "Alliance" for n in alliances)

    @pytest.mark.parametrize(
        "selection, message",
        [
            (Selection(subjects=["org:does-not-exist"]), "is 'org:does-not-exist'"),
            (Selection(region="GM9999"), "no region is 'GM9999'"),
            (Selection(kind="Topic"), "not to 'Topic'"),
        ],
    )
    def test_what_matches_nothing_is_named(self, bundled, selection, message):
        with pytest.raises(GraphModelError, match=message):
            select_subjects(bundled, selection)


class TestWorkbook:
    def test_one_workbook_per_subject(self, bundled, round_folder):
        subjects = select_subjects(bundled, Selection(region="PV23"))
        assert sorted(p.name for p in round_folder.iterdir()) == sorted(map(file_name, subjects))

    def test_every_fact_with_its_source_and_date(self, bundled, round_folder):
        book = openpyxl.load_workbook(round_folder / "org-windesheim.xlsx")
        assert book.sheetnames == ["Instructie", "Controleren", "Toevoegen", "ronde"]
        facts = rows(book["Controleren"])
        header = dict(workbook.FACT_COLUMNS)
        linked = [f for f in facts if str(f[header["key"]]).startswith("rel|")]
        assert len(linked) == len(bundled.relationships_of([WINDESHEIM]))
        assert all(f[header["source"]] and f[header["verified"]] for f in linked)
        own = {f[header["statement"]]: f[header["value"]] for f in facts if f not in linked}
        assert own["name"] == "Windesheim"
        assert "website" in own  # asked even when empty: a round is the time to fill it in

    def test_answers_stay_in_range_and_keys_out_of_the_way(self, round_folder):
        book = openpyxl.load_workbook(round_folder / "org-windesheim.xlsx")
        sheet = book["Controleren"]
        lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
        answer_column = "F"
        assert [f for ref, f in lists.items() if ref.startswith(answer_column)] == [
            '"klopt,wijzigen,vervalt"'
        ]
        assert sheet.column_dimensions["I"].hidden
        assert book["ronde"].sheet_state == "hidden"
        meta = dict(book["ronde"].iter_rows(values_only=True))
        assert meta == {
            "format": workbook.FORMAT,
            "subject": WINDESHEIM,
            "kind": "Organisation",
            "name": "Windesheim",
            "exported": "2026-11-23",
        }
        additions = book["Toevoegen"].data_validations.dataValidation
        assert additions[0].formula1 == '"persoon,onderwerp,lid,onderwijsregio"'

    def test_instructions_in_dutch_then_english(self, round_folder):
        book = openpyxl.load_workbook(round_folder / "org-windesheim.xlsx")
        text = [row[0] or "" for row in book["Instructie"].iter_rows(values_only=True)]
        dutch, english = (
            text.index("Klopt het nog? Windesheim"),
            next(i for i, line in enumerate(text) if line.startswith("Still correct?")),
        )
        assert dutch == 0 < english
        assert any("klopt = dit is juist" in line for line in text[:english])
        assert any("klopt = correct" in line for line in text[english:])

    def test_people_with_their_role_never_their_contact_details(self, bundled, tmp_path):
        """Petra van Beveren's e-mail address is public in the data; a workbook still
        does not carry it (nor anyone's)."""
        person = bundled.node("person:petra-van-beveren")
        assert person.get("contact_public") is True and "@" in str(person.get("email"))
        groups = {r.end for r in bundled.relationships_of([person.id]) if r.start == person.id}
        subjects = [n for n in bundled.nodes(groups) if n.kind in SUBJECT_KINDS]
        assert subjects
        export_round(bundled, subjects, tmp_path / "round", ROUND_DATE)
        for path in (tmp_path / "round").iterdir():
            book = openpyxl.load_workbook(path)
            cells = [c for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
            assert not any("@" in str(c) for c in cells if c), path.name
            people = [c for c in cells if isinstance(c, str) and "Petra van Beveren" in c]
            assert people, path.name


class TestCommand:
    def test_writes_the_round(self, tmp_path):
        out = tmp_path / "ronde"
        result = CliRunner().invoke(
            main, ["verify", "export", "--org", WINDESHEIM, "--out", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert [p.name for p in out.iterdir()] == ["org-windesheim.xlsx"]
        assert "1 werkboek(en)" in result.output

    @pytest.mark.parametrize(
        "args, message",
        [
            (["--org", "org:nergens"], "no organisation, partnership, alliance or network"),
            (["--region", "Atlantis"], "no region is 'Atlantis'"),
        ],
    )
    def test_a_selection_of_nothing_is_an_error_and_writes_nothing(self, tmp_path, args, message):
        out = tmp_path / "ronde"
        result = CliRunner().invoke(main, ["verify", "export", *args, "--out", str(out)])
        assert result.exit_code == 2
        assert message in result.output
        assert "Traceback" not in result.output
        assert not out.exists()

    def test_an_existing_folder_is_left_alone(self, tmp_path):
        out = tmp_path / "ronde"
        out.mkdir()
        (out / "keep.txt").write_text("mine")
        result = CliRunner().invoke(
            main, ["verify", "export", "--org", WINDESHEIM, "--out", str(out)]
        )
        assert result.exit_code == 2
        assert "exists already" in result.output
        assert [p.name for p in out.iterdir()] == ["keep.txt"]


@pytest.mark.neo4j
def test_the_same_facts_from_neo4j(neo4j_store, bundled):
    neo4j_store.load(read_valid(graphmodel.BUNDLED_DATA))
    for subject_id in (WINDESHEIM, "network:velon-themagroep-flexibel-opleiden"):
        subject = bundled.node(subject_id)
        assert facts_about(neo4j_store, neo4j_store.node(subject_id)) == facts_about(
            bundled, subject
        )
