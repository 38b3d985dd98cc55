"""The sources table: every source resolves, check refuses one that does not, and no
download names a source by a hashed file name."""

from __future__ import annotations

import csv
import io
import re
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import graphmodel
from importers.curated import read_dataset, read_source_catalogue
from importers.importing import FolderTarget, import_file
from importers.verification import workbook as verification_workbook
from importers.verification.facts import facts_about
from importers.writer import workbook
from verbindplaats.cli import main

# how the seed documents were named before they had readable ids: 001_3629ba6a81073cc0.txt
HASHED_FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")
LVM_TITLE = "Leraren voor morgen, Professionaliseringsplatform flexibel opleiden (2023)"
EXPORTED = date(2026, 12, 2)


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(graphmodel.BUNDLED_DATA, folder)
    return folder


@pytest.fixture(scope="module")
def bundled():
    return graphmodel.open()


def cells_of(book: bytes) -> list[str]:
    sheets = openpyxl.load_workbook(io.BytesIO(book), read_only=True)
    return [str(c) for s in sheets for row in s.iter_rows(values_only=True) for c in row if c]


def test_every_source_of_the_bundled_data_resolves_to_a_titled_source():
    catalogue = read_source_catalogue(graphmodel.BUNDLED_DATA)
    batch, report = read_dataset(graphmodel.BUNDLED_DATA)
    assert report.ok, report.format_text("en")
    cited = {
        part.strip()
        for entity in [*batch.nodes, *batch.relationships]
        for part in str(entity.properties["source"]).split(";")
    }
    assert cited and all(catalogue.find(value) for value in cited)
    assert all(s.title and not HASHED_FILE_NAME.search(s.title) for s in catalogue.sources)
    assert catalogue.label("bron:leraren-voor-morgen-professionaliseringsplatform-2023") == (
        LVM_TITLE
    )


def test_check_refuses_a_source_the_table_does_not_resolve(dataset: Path):
    events = dataset / "imported" / "events.csv"
    rows = list(csv.DictReader(events.open(encoding="utf-8")))
    rows[1]["source"] = "https://example.org/nergens; 001_3629ba6a81073cc0.txt"
    with events.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = CliRunner().invoke(main, ["check", str(dataset), "--lang", "en"])
    assert result.exit_code == 2
    for value in ("https://example.org/nergens", "001_3629ba6a81073cc0.txt"):
        assert (
            f"imported/events.csv, row 3, column source: error: source '{value}' is not in "
            "the sources table" in result.output
        )


def test_a_source_table_row_must_be_a_source_once(dataset: Path):
    sources = dataset / "curated" / "sources.csv"
    row = len(sources.read_text(encoding="utf-8").splitlines()) + 1  # the first added
    with sources.open("a", encoding="utf-8") as f:
        f.write("bron:velon-manifest-flexibel-opleiden-2022,Twee keer,,,,\n")
        f.write("javascript:alert(1),Geen bron,,,,\n")
    result = CliRunner().invoke(main, ["check", str(dataset), "--lang", "en"])
    assert result.exit_code == 2
    assert (
        f"curated/sources.csv, row {row}, column id: error: id "
        "'bron:velon-manifest-flexibel-opleiden-2022' already exists" in result.output
    )
    assert "'javascript:alert(1)' is not a valid source" in result.output


def test_an_import_into_the_folder_adds_the_sources_it_cites(dataset: Path, tmp_path: Path):
    table = tmp_path / "organisations.csv"
    table.write_text(
        "id,name,category,source,verified\n"
        "org:proefschool,Proefschool,school,https://example.org/proefschool,2026-11-30\n",
        encoding="utf-8",
    )
    outcome = import_file(table, "tables", FolderTarget(dataset))
    assert outcome.written, outcome.report.format_text("en")
    assert read_dataset(dataset)[1].ok
    added = read_source_catalogue(dataset).find("https://example.org/proefschool")
    assert added and added.url == "https://example.org/proefschool"


def test_no_download_names_a_source_by_a_hashed_file_name(bundled, tmp_path: Path):
    """The tables workbook of the About page (which must pass check as it is) and a
    verification workbook."""
    tables = workbook(bundled.export(), graphmodel.source_catalogue())
    cells = cells_of(tables)
    assert not [c for c in cells if HASHED_FILE_NAME.search(c)]
    assert "Professionaliseringsplatform flexibel opleiden" in cells  # the sources sheet
    path = tmp_path / "tabellen.xlsx"
    path.write_bytes(tables)
    assert read_dataset(path)[1].ok
    subject = bundled.node("org:windesheim")
    facts = facts_about(bundled, subject)
    book = verification_workbook.write(subject, facts, EXPORTED, graphmodel.source_catalogue())
    cells = cells_of(book)
    assert not [c for c in cells if HASHED_FILE_NAME.search(c)]
    assert not [c for c in cells if c.startswith("bron:")]  # titles, not the ids cited
    seed = "bron:leraren-voor-morgen-professionaliseringsplatform-2023"
    cited = {graphmodel.source_catalogue().label(f.source) for f in facts if seed in f.source}
    assert cited and cited <= set(cells)
