"""The verification workbook: its sheets, columns and answers, and how it is written.

Made for a coordinator who opens it in Excel or LibreOffice without help:

- **Instructie**: what this is and what to do, in Dutch, then in English;
- **Controleren**: one row per fact, with its source and the date it was last checked,
  an answer to pick from a list (klopt / wijzigen / vervalt) and room for a new value;
- **Toevoegen**: what is missing (a person, a topic, a member, an onderwijsregio);
- a hidden sheet with the subject's id and the date of the round, and a hidden key
  column on Controleren: ids stay with the answers but out of the way.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from graphmodel.frames import text_not_formulas
from graphmodel.model import Node
from graphmodel.sources import SourceCatalogue
from importers.verification.facts import SECTIONS, Fact

__all__ = [
    "ADDITIONS",
    "ADD_COLUMNS",
    "ADD_SHEET",
    "ANSWERS",
    "ASK_SHEET",
    "FACT_COLUMNS",
    "FILLED_IN_BY",
    "FORMAT",
    "INSTRUCTION_SHEET",
    "ROUND_SHEET",
    "write",
]

FORMAT = "verbindplaats-verificatie-1"  # read back only in this layout
INSTRUCTION_SHEET, ASK_SHEET, ADD_SHEET, ROUND_SHEET = (
    "Instructie",
    "Controleren",
    "Toevoegen",
    "ronde",
)
ANSWERS = ("klopt", "wijzigen", "vervalt")
ADDITIONS = ("persoon", "onderwerp", "lid", "onderwijsregio")
FILLED_IN_BY = "Ingevuld door (naam, functie) / Filled in by (name, role):"
ADD_ROWS = 50  # empty rows with answer lists on Toevoegen
INSTRUCTION_WIDTH = 72  # characters: an A4 page wide, in the fonts LibreOffice uses

# (field, header): headers in Dutch, then English
FACT_COLUMNS = (
    ("section", "Onderdeel / Part"),
    ("statement", "Feit / Fact"),
    ("value", "Huidige waarde / Current value"),
    ("source", "Bron / Source"),
    ("verified", "Gecontroleerd op / Last checked"),
    ("answer", "Antwoord / Answer"),
    ("new_value", "Nieuwe waarde / New value"),
    ("note", "Toelichting / Note"),
    ("key", "sleutel (niet wijzigen) / key (do not change)"),
)
ADD_COLUMNS = (
    ("what", "Wat / What"),
    ("name", "Naam / Name"),
    ("role", "Rol / Role"),
    ("source", "Bron of website / Source or website"),
    ("note", "Toelichting / Note"),
)
_WIDTHS = {"section": 16, "statement": 60, "value": 34, "source": 30, "verified": 16}
_WIDTHS |= {"answer": 14, "new_value": 34, "note": 34, "what": 16, "name": 34, "role": 24}


def write(
    subject: Node,
    facts: Sequence[Fact],
    exported: date,
    sources: SourceCatalogue | None = None,
) -> bytes:
    """The workbook for `subject` as XLSX bytes, each fact's source by the title in
    `sources` (the sources table; without it, as the graph cites it). The source column
    is for reading: what comes back is the answers."""
    from openpyxl import Workbook  # only workbook users pay for the import

    book = Workbook()
    _instructions(book.active, subject, exported)
    _facts_sheet(book.create_sheet(ASK_SHEET), facts, sources or SourceCatalogue())
    _additions_sheet(book.create_sheet(ADD_SHEET))
    _round_sheet(book.create_sheet(ROUND_SHEET), subject, exported)
    text_not_formulas(book)  # a value like "=cmd|..." is shown, never run
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _instructions(sheet, subject: Node, exported: date) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.title = INSTRUCTION_SHEET
    sheet.column_dimensions["A"].width = INSTRUCTION_WIDTH
    dutch, english = _instructions_nl(subject, exported), _instructions_en(subject, exported)
    for row, line in enumerate([*dutch, "", *english], start=1):
        cell = sheet.cell(row=row, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        # spreadsheet programs do not grow a row for wrapped text they did not type
        lines = -(-len(line) // (INSTRUCTION_WIDTH - 4)) or 1
        sheet.row_dimensions[row].height = 15 * lines + 3
    for title_row in (1, len(dutch) + 2):
        sheet.cell(row=title_row, column=1).font = Font(bold=True, size=14)
        sheet.row_dimensions[title_row].height = 24
    _filled_in_by(sheet, len(dutch) + len(english) + 3)
    _fit_to_page_width(sheet)


def _filled_in_by(sheet, row: int) -> None:
    """The line where the coordinator signs: their name goes with the answers."""
    from openpyxl.styles import Font, PatternFill

    sheet.cell(row=row, column=1, value=FILLED_IN_BY).font = Font(bold=True)
    sheet.cell(row=row, column=2).fill = PatternFill("solid", fgColor="FFF2CC")
    sheet.column_dimensions["B"].width = 40


def _instructions_nl(subject: Node, exported: date) -> list[str]:
    return [
        f"Klopt het nog? {subject.name}",
        "Verbindplaats laat zien wie in de flexibele lerarenopleiding waaraan werkt. Dit "
        f"bestand bevat alles wat wij over {subject.name} weten, elk gegeven met de bron en "
        f"de datum waarop het voor het laatst is gecontroleerd (bestand van "
        f"{exported:%d-%m-%Y}).",
        f"1. Kies op het blad '{ASK_SHEET}' per regel in de kolom 'Antwoord' uit de lijst: "
        "klopt = dit is juist; wijzigen = vul de juiste waarde in bij 'Nieuwe waarde'; "
        "vervalt = dit geldt niet meer (er wordt niets gewist: het krijgt een einddatum). "
        "Elke regel staat al op 'klopt': verander alleen wat niet klopt. Weet u het niet, "
        "maak het antwoord dan leeg. Bij een verband (lid van, werkt aan, ...) is de nieuwe "
        "waarde bij 'wijzigen' de nieuwe rol, en bij 'vervalt' desgewenst de einddatum.",
        f"2. Mist er iets? Vul het blad '{ADD_SHEET}' aan: een persoon (met rol), een "
        "onderwerp, een lid of een onderwijsregio, met een bron of website.",
        "3. Vul hieronder uw naam en functie in, sla het bestand op (xlsx) en stuur het "
        "terug. Laat de kolom 'sleutel' staan: daarmee vinden wij elk antwoord terug, ook "
        "als u de regels sorteert. Wat klopt, krijgt de datum van het bestand als nieuwe "
        "controledatum.",
        "Hierin staan alleen openbare, beroepsmatige gegevens; contactgegevens van personen "
        "sturen wij niet mee.",
    ]


def _instructions_en(subject: Node, exported: date) -> list[str]:
    return [
        f"Still correct? {subject.name}",
        "Verbindplaats shows who works on what in flexible teacher education. This workbook "
        f"holds everything we know about {subject.name}, each fact with its source and the "
        f"date it was last checked (file of {exported:%Y-%m-%d}).",
        f"1. On the sheet '{ASK_SHEET}', pick an answer for each row in the column "
        "'Antwoord / Answer': klopt = correct; wijzigen = change it (fill in the new value); "
        "vervalt = no longer true (nothing is deleted: it gets an end date). Every row "
        "starts as 'klopt': change only what is wrong; empty the answer where you do not "
        "know. For a link (member of, works on, ...) the new value of 'wijzigen' is the new "
        "role, and of 'vervalt' the end date if you know it.",
        f"2. Something missing? Add it on the sheet '{ADD_SHEET}': a person (with role), a "
        "topic, a member or an onderwijsregio, with a source or website.",
        "3. Fill in your name and role below, save the file (xlsx) and send it back. Keep "
        "the column 'sleutel' (key): it lets us find every answer again, even when you "
        "sort the rows. What is correct gets the file's date as its new date of checking.",
        "Only public, professional information is included; we never send people's contact "
        "details.",
    ]


def _fit_to_page_width(sheet, landscape: bool = False) -> None:
    """Printed (or saved as PDF), the sheet is one page wide."""
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    if landscape:
        sheet.page_setup.orientation = "landscape"


def _facts_sheet(sheet, facts: Sequence[Fact], sources: SourceCatalogue) -> None:
    sheet.append([header for _, header in FACT_COLUMNS])
    for fact in facts:
        row = {
            **vars(fact),
            "section": SECTIONS[fact.section][0],
            "source": sources.label(fact.source),
            "answer": ANSWERS[0],
        }
        sheet.append([row.get(field, "") for field, _ in FACT_COLUMNS])
    _header_style(sheet, FACT_COLUMNS)
    _choice_list(sheet, FACT_COLUMNS, "answer", ANSWERS, max(len(facts), 1))
    key_column = _letter(FACT_COLUMNS, "key")
    sheet.column_dimensions[key_column].hidden = True
    _fit_to_page_width(sheet, landscape=True)


def _additions_sheet(sheet) -> None:
    sheet.append([header for _, header in ADD_COLUMNS])
    _header_style(sheet, ADD_COLUMNS)
    _choice_list(sheet, ADD_COLUMNS, "what", ADDITIONS, ADD_ROWS)


def _round_sheet(sheet, subject: Node, exported: date) -> None:
    for row in (
        ("format", FORMAT),
        ("subject", subject.id),
        ("kind", subject.kind),
        ("name", subject.name),
        ("exported", exported.isoformat()),
    ):
        sheet.append(list(row))
    sheet.sheet_state = "hidden"


def _header_style(sheet, columns: Sequence[tuple[str, str]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for index, (field, _) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[cell.column_letter].width = _WIDTHS.get(field, 12)
    sheet.row_dimensions[1].height = 32  # two lines: Dutch / English
    sheet.freeze_panes = "A2"


def _choice_list(
    sheet, columns: Sequence[tuple[str, str]], field: str, choices: Sequence[str], rows: int
) -> None:
    """A drop-down list on the column's rows: answers stay in range."""
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = _letter(columns, field)
    check = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Kies uit de lijst / Pick from the list",
        error=" / ".join(choices),
    )
    sheet.add_data_validation(check)
    check.add(f"{letter}2:{letter}{rows + 1}")


def _letter(columns: Sequence[tuple[str, str]], field: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter([f for f, _ in columns].index(field) + 1)
