"""Validation problems as data, collected into a report.

Every problem names the file, row, column and value, has a stable kebab-case `code`
and a message in Dutch and English. Checks append to one report and never stop at the
first problem, so a curator sees everything that is wrong in one run.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field

__all__ = ["MESSAGES", "Problem", "Report", "language"]

# code -> (Dutch, English) message template; fields come from Problem.details.
MESSAGES: dict[str, tuple[str, str]] = {
    "unreadable-file": (
        "bestand niet te lezen: {reason}",
        "file cannot be read: {reason}",
    ),
    "workbook-too-large": (
        "werkmap pakt uit tot {unpacked} MB (op schijf {packed} MB); de grens is {limit} MB "
        "en {expansion} keer de grootte op schijf",
        "workbook unpacks to {unpacked} MB ({packed} MB on disk); the limit is {limit} MB "
        "and {expansion} times the size on disk",
    ),
    "too-many-rows": (
        "meer dan {limit} rijen; splits het bestand",
        "more than {limit} rows; split the file",
    ),
    "too-many-columns": (
        "een waarde voorbij kolom {limit}; een tabel heeft minder kolommen",
        "a value past column {limit}; a table has fewer columns",
    ),
    "too-slow": (
        "lezen duurde langer dan {limit} seconden; splits het bestand",
        "reading took longer than {limit} seconds; split the file",
    ),
    "external-link": (
        "'{value}' haalt een waarde uit een andere werkmap (externe koppeling); vul de "
        "waarde zelf in",
        "'{value}' takes a value from another workbook (an external link); enter the value itself",
    ),
    "unknown-table": (
        "onbekende tabel '{table}'; verwacht een van: {expected}",
        "unknown table '{table}'; expected one of: {expected}",
    ),
    "missing-column": (
        "verplichte kolom '{column}' ontbreekt",
        "required column '{column}' is missing",
    ),
    "duplicate-column": (
        "kolom '{column}' staat twee keer in de kop",
        "column '{column}' appears twice in the header",
    ),
    "unknown-column": (
        "onbekende kolom '{column}' wordt genegeerd",
        "unknown column '{column}' is ignored",
    ),
    "unknown-column-kept": (
        "onbekende kolom '{column}' wordt bewaard als x_{column}",
        "unknown column '{column}' is kept as x_{column}",
    ),
    "row-length": (
        "rij heeft {found} cellen, de kop {expected}",
        "row has {found} cells, the header {expected}",
    ),
    "required-value": ("waarde ontbreekt", "value is missing"),
    "bad-id": (
        "ongeldig id '{value}': verwacht '{prefix}:' gevolgd door letters, cijfers en '-'",
        "invalid id '{value}': expected '{prefix}:' followed by letters, digits and '-'",
    ),
    "duplicate-id": (
        "id '{value}' bestaat al ({first})",
        "id '{value}' already exists ({first})",
    ),
    "bad-choice": (
        "'{value}' is geen toegestane waarde; kies uit: {expected}",
        "'{value}' is not an allowed value; choose from: {expected}",
    ),
    "bad-boolean": (
        "'{value}' is geen ja/nee-waarde; gebruik true of false",
        "'{value}' is not a yes/no value; use true or false",
    ),
    "bad-number": (
        "'{value}' is geen getal; schrijf bijvoorbeeld 52.3676 (punt, geen komma)",
        "'{value}' is not a number; write for example 52.3676 (a point, not a comma)",
    ),
    "bad-date": (
        "'{value}' is geen geldige datum; verwacht {expected}",
        "'{value}' is not a valid date; expected {expected}",
    ),
    "bad-url": (
        "'{value}' is geen http(s)-adres",
        "'{value}' is not an http(s) address",
    ),
    "bad-source": (
        "'{value}' is geen geldige bron; verwacht een bron:-id uit de bronnentabel, een "
        "http(s)-adres, github:-verwijzing of bestandsnaam",
        "'{value}' is not a valid source; expected a bron: id of the sources table, an "
        "http(s) address, github: reference or file name",
    ),
    "unresolved-source": (
        "bron '{value}' staat niet in de bronnentabel (sources); voeg haar daar toe met "
        "titel, uitgever, datum en adres",
        "source '{value}' is not in the sources table (sources); add it there with its "
        "title, publisher, date and address",
    ),
    "empty-list-item": (
        "lege waarde in de lijst '{value}'",
        "empty item in the list '{value}'",
    ),
    "dangling-reference": (
        "'{value}' verwijst naar een id dat niet bestaat",
        "'{value}' refers to an id that does not exist",
    ),
    "relationship-not-allowed": (
        "{type} van {start_kind} naar {end_kind} is niet toegestaan; wel: {expected}",
        "{type} from {start_kind} to {end_kind} is not allowed; allowed: {expected}",
    ),
    "self-relationship": (
        "een relatie van '{value}' naar zichzelf is niet toegestaan",
        "a relationship from '{value}' to itself is not allowed",
    ),
    "cycle": (
        "deze relatie naar '{value}' maakt een kring: het komt bij zichzelf uit",
        "this relationship to '{value}' closes a cycle: it leads back to where it starts",
    ),
    "duplicate-relationship": (
        "deze relatie staat er al ({first})",
        "this relationship is already given ({first})",
    ),
    "bad-import-source": (
        "'{value}' is geen geldige bron; geef met --source een http(s)-adres of een "
        "bestandsnaam zonder spaties",
        "'{value}' is not a valid source; give an http(s) address or a file name without "
        "spaces with --source",
    ),
    "bad-brin": (
        "'{value}' is geen instellingscode (BRIN): verwacht vier letters of cijfers, zoals 18BR",
        "'{value}' is not an institution code (BRIN): expected four letters or digits, as 18BR",
    ),
    "bad-vestiging": (
        "'{value}' is geen vestigingscode van {brin}: verwacht {brin} en twee cijfers ({brin}00) "
        "of alleen de twee cijfers",
        "'{value}' is not a vestigingscode of {brin}: expected {brin} and two digits ({brin}00) "
        "or the two digits alone",
    ),
    "bad-bevoegd-gezag": (
        "'{value}' is geen nummer van een bevoegd gezag: verwacht alleen cijfers",
        "'{value}' is not a bevoegd gezag number: expected digits only",
    ),
    "unknown-gemeente": (
        "gemeente '{value}' onbekend: geen huidige CBS-gemeentecode, geen voormalige gemeente "
        "en de plaatsnaam wijst geen gemeente aan",
        "gemeente '{value}' unknown: not a current CBS gemeente code nor a former gemeente, "
        "and the place name points to no gemeente",
    ),
    "bad-website": (
        "'{value}' is geen webadres; de organisatie wordt zonder website ingelezen",
        "'{value}' is not a web address; the organisation is read without a website",
    ),
    "unknown-region": (
        "regio '{value}' onbekend; verwacht de naam of code van een gemeente, provincie, "
        "COROP-gebied of onderwijsregio",
        "region '{value}' unknown; expected the name or code of a gemeente, province, COROP "
        "region or onderwijsregio",
    ),
    "new-organisation": (
        "organisatie '{value}' staat nog niet in de graaf en wordt toegevoegd (categorie "
        "overig); klopt de naam?",
        "organisation '{value}' is not in the graph yet and is added (category overig); is "
        "the name right?",
    ),
    "conflict": (
        "'{value}' verschilt van wat {existing_source} zegt ('{existing}'); beide blijven "
        "bewaard, de nieuwe waarde onder alternatives",
        "'{value}' differs from what {existing_source} says ('{existing}'); both are kept, "
        "the new value under alternatives",
    ),
    # --- returned verification workbooks (importers.verification.intake) ------------
    "not-a-round-workbook": (
        "geen verificatiebestand van Verbindplaats: {reason}",
        "not a Verbindplaats verification workbook: {reason}",
    ),
    "missing-sheet": (
        "blad '{sheet}' ontbreekt; exporteer het bestand opnieuw",
        "sheet '{sheet}' is missing; export the workbook again",
    ),
    "unknown-subject": (
        "'{value}' staat niet in de graaf; is het bestand van een andere verzameling?",
        "'{value}' is not in the graph; is the workbook from another dataset?",
    ),
    "key-removed": (
        "de sleutel van deze regel is leeg; zet hem terug uit het oorspronkelijke bestand",
        "this row's key is empty; copy it back from the original workbook",
    ),
    "unknown-key": (
        "sleutel '{value}' hoort bij geen gegeven van {subject}; is hij veranderd?",
        "key '{value}' belongs to no fact about {subject}; was it changed?",
    ),
    "duplicate-key": (
        "deze sleutel staat er al ({first})",
        "this key is already given ({first})",
    ),
    "new-value-missing": (
        "bij 'wijzigen' hoort een nieuwe waarde",
        "'wijzigen' (change) needs a new value",
    ),
    "changed-since-export": (
        "de huidige waarde in het bestand ('{value}') is niet wat Verbindplaats nu weet "
        "('{now}'); exporteer het bestand opnieuw",
        "the current value in the workbook ('{value}') is not what Verbindplaats holds now "
        "('{now}'); export the workbook again",
    ),
    "cannot-end-required": (
        "'{field}' is verplicht en kan niet vervallen; kies 'wijzigen'",
        "'{field}' is required and cannot lapse; choose 'wijzigen' (change)",
    ),
    "answers-disagree": (
        "'{value}' hier, maar {other} geeft over hetzelfde gegeven een ander antwoord",
        "'{value}' here, but {other} answers differently about the same fact",
    ),
    "unknown-name": (
        "{what} '{value}' staat niet in de graaf{suggestions}",
        "{what} '{value}' is not in the graph{suggestions}",
    ),
    "addition-not-allowed": (
        "'{value}' kan niet worden toegevoegd aan een {kind}: {reason}",
        "'{value}' cannot be added to a {kind}: {reason}",
    ),
    "person-needs-source": (
        "een persoon wordt alleen opgenomen met een openbare webpagina die hem of haar in "
        "deze rol noemt (kolom Bron)",
        "a person is only added with a public web page that names them in this role "
        "(column Source)",
    ),
}


def language() -> str:
    """The language for messages: VERBINDPLAATS_LANG (nl or en), Dutch by default."""
    return "en" if os.environ.get("VERBINDPLAATS_LANG", "nl").lower().startswith("en") else "nl"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as the input allows."""

    file: str
    code: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    details: tuple[tuple[str, str], ...] = ()
    severity: str = "error"

    def message(self, lang: str | None = None) -> str:
        dutch, english = MESSAGES[self.code]
        template = english if (lang or language()) == "en" else dutch
        return template.format(value=self.value, column=self.column, **dict(self.details))

    def location(self, lang: str | None = None) -> str:
        row_word, column_word = (
            ("row", "column") if (lang or language()) == "en" else ("rij", "kolom")
        )
        parts = [self.file]
        if self.row is not None:
            parts.append(f"{row_word} {self.row}")
        if self.column:
            parts.append(f"{column_word} {self.column}")
        return ", ".join(parts)


@dataclass
class Report:
    """All problems of one validation run, errors and warnings alike."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, file: str, code: str, **kwargs: object) -> None:
        """Record a problem; keyword arguments other than Problem's fields are details."""
        fields = {k: kwargs.pop(k) for k in ("row", "column", "value", "severity") if k in kwargs}
        if "value" in fields and fields["value"] is not None:
            fields["value"] = str(fields["value"])
        details = tuple((k, str(v)) for k, v in kwargs.items())
        self.problems.append(Problem(file, code, details=details, **fields))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def records(self, lang: str | None = None) -> list[dict[str, object]]:
        """One flat dict per problem: what the JSON output and a table are made of."""
        rows = []
        for p in self.problems:
            row = {k: v for k, v in asdict(p).items() if k != "details"}
            row["message"] = p.message(lang)
            rows.append(row)
        return rows

    def to_json(self, lang: str | None = None) -> str:
        return json.dumps(
            {"valid": self.ok, "problems": self.records(lang)}, ensure_ascii=False, indent=2
        )

    def format_text(self, lang: str | None = None) -> str:
        """Lines a person reads in a terminal: location, severity, message."""
        return "\n".join(
            f"{p.location(lang)}: {p.severity}: {p.message(lang)}" for p in self.problems
        )
