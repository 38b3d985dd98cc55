"""DUO files of both header generations, in the dialects people have, placed in today's
gemeenten and tied to their bestuur; all or nothing, and the same twice.

The fixtures (tests/fixtures/duo, see PROVENANCE.txt there) are 32 real rows of DUO's
"Adressen instellingen VO" of 2020, as DUO ships them and rewritten to other dialects and
to the newer header generation. What each school should become is worked out here from
the rows themselves and from the gemeente mergers since 2020 (CBS), not from an import.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

import graphmodel
from importers.curated import read_dataset
from importers.gemeenten import gemeente_code
from importers.importing import FolderTarget, ImportOutcome, import_file
from tests.files import file_hashes
from tests.importers.duo_files import (
    BOM,
    DIALECTS,
    NEW,
    OLD_COMMA,
    OLD_SEMICOLON,
    Dialect,
)
from verbindplaats.cli import main

VERIFIED = "2020-09-01"  # the DUO file's state; given so that a copy's date does not matter

# Gemeenten of the fixture rows merged since 2020 (old code -> CBS code of the new one):
# Appingedam, Delfzijl -> Eemsdelta (2021); Uden -> Maashorst, Boxmeer, Cuijk, Sint Anthonis
# -> Land van Cuijk, Heerhugowaard -> Dijk en Waard, Weesp -> Amsterdam (2022); Brielle,
# Hellevoetsluis -> Voorne aan Zee (2023).
MERGED = {
    "0003": "GM1979",
    "0010": "GM1979",
    "0856": "GM1991",
    "0756": "GM1982",
    "1684": "GM1982",
    "1702": "GM1982",
    "0398": "GM1980",
    "0457": "GM0363",
    "0501": "GM1992",
    "0530": "GM1992",
}


def source_rows() -> list[dict[str, str]]:
    """The fixture rows as DUO wrote them (the old generation, as shipped)."""
    header, *rows = OLD_COMMA.rows()
    return [dict(zip(header, row, strict=True)) for row in rows]


def edited(dialect: Dialect, path: Path, edit) -> Path:
    """A copy of a fixture with `edit(header, rows)` applied, in the fixture's dialect."""
    header, *rows = dialect.rows()
    edit(header, rows)
    return dialect.write([header, *rows], path)


def set_cell(header: list[str], rows: list[list[str]], row: int, column: str, value: str) -> None:
    """Set one cell; `row` counts as a spreadsheet does (header is row 1)."""
    rows[row - 2][header.index(column)] = value


def excel_workbook(path: Path) -> Path:
    """The old-generation file as Excel saves it after opening the CSV: codes that look
    like numbers became numbers (gemeentenummer 0106 -> 106)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Adressen instellingen"
    header, *rows = OLD_COMMA.rows()
    sheet.append(header)
    for row in rows:
        sheet.append([int(cell) if cell.isdigit() else cell for cell in row])
    workbook.save(path)
    return path


@dataclass(frozen=True)
class School:
    """What the graph holds about one school: the facts the tests compare."""

    id: str
    name: str
    brin: str
    vestiging: str
    former_gemeente: str
    located_in: tuple[str, ...]
    part_of: tuple[str, ...]


def schools_in(folder: Path) -> dict[str, School]:
    """The DUO schools of a dataset folder, read back as a curator's check reads it."""
    batch, report = read_dataset(folder)
    assert report.ok, report.format_text("en")
    ends: dict[tuple[str, str], list[str]] = {}
    for r in batch.relationships:
        ends.setdefault((r.start, r.type), []).append(r.end)
    return {
        n.id: School(
            n.id,
            n.name,
            str(n.get("brin", "")),
            str(n.get("vestiging", "")),
            str(n.get("former_gemeente", "")),
            tuple(ends.get((n.id, "LOCATED_IN"), ())),
            tuple(ends.get((n.id, "PART_OF"), ())),
        )
        for n in batch.nodes
        if n.id.startswith("org:duo-")
    }


def expected_schools(generation: str, current_codes: set[str]) -> dict[str, School]:
    """The schools of the fixture rows: an old-generation row is its institution
    (``org:duo-18br``), a new-generation row its vestiging (``org:duo-18br00``)."""
    schools = {}
    for row in source_rows():
        brin, code = row["BRIN NUMMER"], row["GEMEENTENUMMER"]
        vestiging = f"{brin}00" if generation == "new" else ""
        merged = f"GM{code}" not in current_codes
        school = School(
            f"org:duo-{(vestiging or brin).lower()}",
            row["INSTELLINGSNAAM"],
            brin,
            vestiging,
            f"GM{code} {row['GEMEENTENAAM']}" if merged else "",
            (f"region:{MERGED[code]}" if merged else f"region:GM{code}",),
            (f"org:bevoegd-gezag-{row['BEVOEGD GEZAG NUMMER']}",),
        )
        schools[school.id] = school
    return schools


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled dataset."""
    return Path(shutil.copytree(graphmodel.BUNDLED_DATA, tmp_path / "data"))


@pytest.fixture(scope="module")
def current_codes() -> set[str]:
    target = FolderTarget(graphmodel.BUNDLED_DATA)
    return {str(g.get("code")) for g in target.store.nodes_of("Region", {"level": "gemeente"})}


@pytest.fixture(params=["old-comma", "old-semicolon", "new", "xlsx"])
def duo_file(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    """Each dialect of the fixture rows: its file and its header generation."""
    if request.param == "xlsx":
        return excel_workbook(tmp_path / "adressen-instellingen.xlsx"), "old"
    dialect = {"old-comma": OLD_COMMA, "old-semicolon": OLD_SEMICOLON, "new": NEW}[request.param]
    return dialect.path, dialect.generation


def duo_import(path: Path, folder: Path, **options) -> ImportOutcome:
    return import_file(path, "duo", FolderTarget(folder), verified=VERIFIED, **options)


def test_fixtures_are_in_their_dialects() -> None:
    """The files are what they claim to be, and an edited copy differs only by its edit."""
    assert OLD_COMMA.path.read_bytes().startswith(BOM + b'"PROVINCIE","BEVOEGD GEZAG NUMMER"')
    assert OLD_SEMICOLON.path.read_bytes().startswith(b"PROVINCIE;BEVOEGD GEZAG NUMMER;")
    assert b"Mari\xebndael" in OLD_SEMICOLON.path.read_bytes()  # Windows-1252
    assert b";3;APPINGEDAM;" in OLD_SEMICOLON.path.read_bytes()  # 0003 without its zeros
    assert NEW.path.read_bytes().startswith(b'"PROVINCIE";"BEVOEGD GEZAG NUMMER";"INSTELLINGSCODE"')
    assert b"\r" not in OLD_SEMICOLON.path.read_bytes()
    for dialect in DIALECTS:
        assert dialect.encode(dialect.format(dialect.rows())) == dialect.path.read_bytes()


def test_every_dialect_gives_the_same_schools(duo_file, data_copy, current_codes) -> None:
    path, generation = duo_file
    outcome = duo_import(path, data_copy)
    assert outcome.report.problems == []
    assert (outcome.rows_read, outcome.rows_rejected, outcome.written) == (32, 0, True)
    assert schools_in(data_copy) == expected_schools(generation, current_codes)


def test_merged_gemeenten_are_placed_in_todays_gemeente(duo_file, data_copy) -> None:
    path, _ = duo_file
    duo_import(path, data_copy)
    schools = {s.brin: s for s in schools_in(data_copy).values()}
    appingedam = schools["30JM"]
    assert (appingedam.located_in, appingedam.former_gemeente) == (
        ("region:GM1979",),
        "GM0003 APPINGEDAM",
    )
    assert schools["24TG"].located_in == ("region:GM0363",)  # Weesp is Amsterdam now
    assert schools["01UH"].located_in == ("region:GM0014",)  # Haren, in Groningen since 2019
    assert schools["01UH"].former_gemeente == ""  # the file already named Groningen
    assert schools["00TQ"].name == "Scholengemeenschap Mariëndael VBO LWOO"


def test_a_bestuur_is_created_once_per_bevoegd_gezag(data_copy) -> None:
    duo_import(OLD_SEMICOLON.path, data_copy)
    batch, _ = read_dataset(data_copy)
    besturen = [n for n in batch.nodes if n.id.startswith("org:bevoegd-gezag-")]
    numbers = {row["BEVOEGD GEZAG NUMMER"] for row in source_rows()}
    assert sorted(str(n.get("bevoegd_gezag")) for n in besturen) == sorted(numbers)
    assert all(n.get("category") == "schoolbestuur" for n in besturen)
    brielle = [s for s in schools_in(data_copy).values() if s.brin in {"11ZH", "14AP", "12RB"}]
    assert {s.part_of for s in brielle} == {("org:bevoegd-gezag-41594",)}


def test_a_second_import_changes_nothing(duo_file, data_copy) -> None:
    path, _ = duo_file
    first = duo_import(path, data_copy)
    before = file_hashes(data_copy)
    second = duo_import(path, data_copy)
    assert second.report.ok and not second.written
    assert not second.summary.created and not second.summary.changed
    rows = first.rows_read  # each row's school, its gemeente and its bestuur: all there
    assert second.summary.unchanged == {"Organisation": rows, "LOCATED_IN": rows, "PART_OF": rows}
    assert file_hashes(data_copy) == before


def test_check_writes_nothing(data_copy) -> None:
    before = file_hashes(data_copy)
    outcome = duo_import(NEW.path, data_copy, check=True)
    assert outcome.report.ok and not outcome.written
    rows = source_rows()
    besturen = {row["BEVOEGD GEZAG NUMMER"] for row in rows}
    assert outcome.summary.created["Organisation"] == len(rows) + len(besturen)
    assert file_hashes(data_copy) == before


def with_remark(header: list[str], rows: list[list[str]]) -> None:
    """A column DUO does not write, filled in for the first school only."""
    header.append("OPMERKING")
    for index, row in enumerate(rows):
        row.append("verhuist in 2021" if index == 0 else "")


def test_an_unknown_column_is_reported_and_dropped(tmp_path, data_copy) -> None:
    path = edited(NEW, tmp_path / "remarks.csv", with_remark)
    outcome = duo_import(path, data_copy)
    assert [(p.file, p.row, p.code, p.severity) for p in outcome.report.problems] == [
        ("remarks.csv", 1, "unknown-column", "warning")
    ]
    batch, _ = read_dataset(data_copy)
    assert not any(key.startswith("x_") for n in batch.nodes for key in n.properties)


def test_an_unknown_column_is_kept_when_asked(tmp_path, data_copy) -> None:
    path = edited(NEW, tmp_path / "remarks.csv", with_remark)
    outcome = duo_import(path, data_copy, keep_unknown=True)
    assert [p.code for p in outcome.report.problems] == ["unknown-column-kept"]
    batch, _ = read_dataset(data_copy)
    kept = {n.id: n.properties["x_opmerking"] for n in batch.nodes if "x_opmerking" in n.properties}
    assert kept == {"org:duo-18br00": "verhuist in 2021"}


@pytest.mark.parametrize(
    ("dialect", "code_column"),
    [(OLD_COMMA, "BRIN NUMMER"), (NEW, "INSTELLINGSCODE")],
    ids=["old-generation", "new-generation"],
)
def test_bad_rows_are_named_and_nothing_is_written(dialect, code_column, tmp_path, data_copy):
    def damage(header: list[str], rows: list[list[str]]) -> None:
        set_cell(header, rows, 2, code_column, "18B!")
        set_cell(header, rows, 3, "GEMEENTENUMMER", "0999")
        set_cell(header, rows, 3, "GEMEENTENAAM", "NERGENSHUIZEN")
        set_cell(header, rows, 3, "PLAATSNAAM", "NERGENSHUIZEN")
        set_cell(header, rows, 4, "BEVOEGD GEZAG NUMMER", "")

    path = edited(dialect, tmp_path / "duo-bad.csv", damage)
    before = file_hashes(data_copy)
    args = ["import", str(path), "--as", "duo", "--into", str(data_copy), "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    assert [line.split(": error: ")[0] for line in lines] == [
        f"duo-bad.csv, row 2, column {code_column}",
        "duo-bad.csv, row 3, column GEMEENTENUMMER",
        "duo-bad.csv, row 4, column BEVOEGD GEZAG NUMMER",
    ]
    assert "'18B!' is not an institution code" in lines[0]
    assert "gemeente '0999' unknown" in lines[1]
    assert "value is missing" in lines[2]
    assert "NOTHING WRITTEN" in result.output
    assert file_hashes(data_copy) == before


def test_a_file_saved_as_unicode_text_is_refused(tmp_path, data_copy) -> None:
    """Excel's "Unicode text" is UTF-16: read as UTF-8 or Windows-1252 every other
    character would be a NUL stored in the names."""
    path = tmp_path / "adressen.txt"
    path.write_bytes(OLD_COMMA.text().encode("utf-16"))
    before = file_hashes(data_copy)
    outcome = duo_import(path, data_copy)
    assert [(p.file, p.code) for p in outcome.report.errors] == [
        ("adressen.txt", "unreadable-file")
    ]
    assert "control character U+0000" in outcome.report.errors[0].message("en")
    assert file_hashes(data_copy) == before


@pytest.mark.parametrize(
    ("written", "code"),
    [("106", "GM0106"), ("0003", "GM0003"), ("GM0363", "GM0363"), ("1²06", ""), ("12345", "")],
)
def test_gemeente_codes_as_files_write_them(written: str, code: str) -> None:
    """Leading zeros may be missing; a digit that is not 0-9 makes no code (a garbled
    "1²06" must not become a former gemeente "GM1²06")."""
    assert gemeente_code(written) == code


def test_a_bad_vestigingscode_is_refused(tmp_path, data_copy) -> None:
    path = edited(
        NEW,
        tmp_path / "duo-bad.csv",
        lambda h, rows: set_cell(h, rows, 2, "VESTIGINGSCODE", "18BR0!"),
    )
    before = file_hashes(data_copy)
    outcome = duo_import(path, data_copy)
    assert [(p.row, p.column, p.code) for p in outcome.report.errors] == [
        (2, "VESTIGINGSCODE", "bad-vestiging")
    ]
    assert file_hashes(data_copy) == before


def test_both_generations_of_one_school_become_one_node(tmp_path, data_copy) -> None:
    """A school of the 2020 file and of a newer file is one node with both sources; a
    website that changed in between is kept as an alternative and reported."""
    duo_import(OLD_COMMA.path, data_copy)
    newer = edited(
        NEW,
        tmp_path / "vestigingen-2025.csv",
        lambda h, rows: set_cell(h, rows, 2, "INTERNETADRES", "www.praktijkschool-assen.nl"),
    )
    outcome = import_file(newer, "duo", FolderTarget(data_copy), verified="2025-03-01")
    conflicts = [(p.file, p.row, p.column, p.code, p.value) for p in outcome.report.warnings]
    assert conflicts == [
        ("vestigingen-2025.csv", 2, "website", "conflict", "https://www.praktijkschool-assen.nl")
    ]
    assert outcome.report.ok and outcome.written
    assert len(schools_in(data_copy)) == len(source_rows())
    batch, _ = read_dataset(data_copy)
    assen = next(n for n in batch.nodes if n.id == "org:duo-18br")
    assert assen.get("source") == "old-comma-utf8-bom.csv; vestigingen-2025.csv"
    assert assen.get("verified") == "2025-03-01"
    assert assen.get("website") == "https://www.pro-assen.nl"
    assert assen.get("alternatives") == (
        "website=https://www.praktijkschool-assen.nl (vestigingen-2025.csv)",
    )
    assert assen.get("vestiging") == "18BR00"  # what the older file lacked is added


@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "mailto:a@b.nl"]
)
def test_a_website_that_is_not_a_web_address_is_left_out(tmp_path, data_copy, website) -> None:
    """https:// is put before a bare host name only (``www.school.nl``), never before
    another scheme: ``https://javascript:alert(1)`` is a link a browser would follow."""
    path = edited(
        NEW,
        tmp_path / "duo-site.csv",
        lambda h, rows: set_cell(h, rows, 2, "INTERNETADRES", website),
    )
    outcome = duo_import(path, data_copy, check=True)
    assert [(p.row, p.column, p.code) for p in outcome.report.warnings] == [
        (2, "INTERNETADRES", "bad-website")
    ]
