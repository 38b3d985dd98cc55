"""Flat tables for the spreadsheets people work in: Dutch Excel's CSV, workbooks with
typed columns, records in words, and lines that say what a table shows."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import openpyxl
import pandas as pd

from graphmodel.frames import flatten, to_csv, to_xlsx

REASONS = [
    {"type": "topic", "score": 0.15, "text": "werkt aan zij-instroom", "via": None},
    {"type": "region", "score": 0.1, "text": "in Fryslân", "via": "org:nhl"},
]
FRAME = pd.DataFrame(
    {
        "Regio": ["Fryslân", "=HYPERLINK(1)"],
        "Totaal": [3, -1],
        "Geverifieerd": ["2025-01-01", ""],
        "Waarom": [REASONS, [{"a": 1, "b": None}]],
    }
)
ABOUT = [("Onderwerp", "zij-instroom"), ("Datum", "2026-11-22"), ("Bron", "+31 kan een formule")]


def test_records_become_words_never_json():
    flat = flatten(FRAME)
    assert flat["Waarom"][0] == "werkt aan zij-instroom; in Fryslân"
    assert flat["Waarom"][1] == "a: 1"


def test_a_csv_for_dutch_excel_has_a_bom_semicolons_and_says_what_it_shows():
    text = to_csv(FRAME, ";", True, ABOUT)
    assert text.startswith("\ufeffOnderwerp;zij-instroom\r\n")
    head, _, table = text.lstrip("\ufeff").partition("\r\n\r\n")
    assert list(csv.reader(io.StringIO(head, newline=""), delimiter=";")) == [
        ["Onderwerp", "zij-instroom"],
        ["Datum", "2026-11-22"],
        ["Bron", "'+31 kan een formule"],  # the lines are formula-safe too
    ]
    rows = list(csv.DictReader(io.StringIO(table, newline=""), delimiter=";"))
    assert rows[0] == {
        "Regio": "Fryslân",
        "Totaal": "3",
        "Geverifieerd": "2025-01-01",
        "Waarom": "werkt aan zij-instroom; in Fryslân",
    }
    assert rows[1]["Regio"] == "'=HYPERLINK(1)" and rows[1]["Totaal"] == "-1"


def test_the_plain_csv_is_unchanged_for_scripts():
    assert to_csv(pd.DataFrame({"a": [1]})) == "a\r\n1\r\n"


def test_a_workbook_has_typed_columns_and_a_sheet_that_says_what_it_shows():
    buffer = io.BytesIO()
    to_xlsx(buffer, {"Tabel": FRAME}, {"Over deze tabel": ABOUT})
    book = openpyxl.load_workbook(buffer)
    assert book.sheetnames == ["Tabel", "Over deze tabel"]
    rows = list(book["Tabel"].iter_rows(values_only=True))
    assert rows[0] == ("Regio", "Totaal", "Geverifieerd", "Waarom")
    assert rows[1] == ("Fryslân", 3, datetime(2025, 1, 1), "werkt aan zij-instroom; in Fryslân")
    assert rows[2][:3] == ("=HYPERLINK(1)", -1, None)
    assert book["Tabel"]["A3"].data_type == "s"  # text, never a formula
    assert book["Tabel"]["C2"].number_format == "yyyy-mm-dd"
    assert list(book["Over deze tabel"].iter_rows(values_only=True)) == ABOUT
