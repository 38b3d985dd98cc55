"""DUO open-data files of schools and institutions, of either header generation.

DUO publishes "Alle vestigingen bo/vo", "Adressen instellingen" and institution lists.
Files before 2025 name the institution code ``BRIN NUMMER`` and the location
``VESTIGINGSNUMMER``; from 2025 ``INSTELLINGSCODE`` and ``VESTIGINGSCODE``. Both are read
the same way. Each row becomes an Organisation LOCATED_IN its current gemeente and PART_OF
its bevoegd gezag (a schoolbestuur node, created when the graph lacks it).

The sector comes from ``ONDERWIJSSTRUCTUUR`` (vo types) or from ``--sector``; it decides
the category: a school (po, vo), an mbo-instelling, a hogeschool or a universiteit.
"""

from __future__ import annotations

import re
from pathlib import Path

from graphmodel.model import Node, Relationship
from importers.context import Columns, ReadContext, ReadResult
from importers.curated import is_web_url
from importers.gemeenten import GemeenteResolver, Placement
from importers.report import Report
from importers.tables import Table, read_tables

__all__ = ["read_duo"]

COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("brin_nummer", "instellingscode", "brin"),
    "vestiging": ("vestigingsnummer", "vestigingscode"),
    "name": ("vestigingsnaam", "instellingsnaam"),
    "bevoegd_gezag": ("bevoegd_gezag_nummer", "bevoegd_gezag_code"),
    "bevoegd_gezag_name": ("bevoegd_gezag_naam",),
    "place": ("plaatsnaam",),
    "gemeente_code": ("gemeentenummer", "gemeentecode"),
    "gemeente_name": ("gemeentenaam",),
    "province": ("provincie",),
    "website": ("internetadres",),
    "denomination": ("denominatie",),
    "structure": ("onderwijsstructuur",),
}
REQUIRED = ("code", "name", "bevoegd_gezag", "place", "gemeente_code", "gemeente_name")

# Columns DUO files carry that the graph does not hold (addresses, phone numbers, the
# many regional divisions): read without a warning, never kept.
IGNORED = re.compile(
    r"^(straatnaam|huisnummer|postcode|plaatsnaam_correspondentieadres|telefoonnummer"
    r"|nodaal_gebied|rpa_gebied|wgr_gebied|coropgebied|onderwijsgebied|rmc_regio"
    r"|kvk|soort_primair_onderwijs|type_po|datum|leerweg|rec_|vakken)"
)
CODE = re.compile(r"^[0-9A-Z]{2}[0-9A-Z]{2}$")
VESTIGING_SUFFIX = re.compile(r"^[0-9]{1,2}$")
# A host name without a scheme (``www.school.nl/vo``), to which https:// is added; not
# ``javascript:alert(1)``, which has no dot before its colon
BARE_HOST = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::[0-9]+)?(?:[/?#]|$)", re.IGNORECASE)
NUMBER = re.compile(r"^[0-9]+$")  # ASCII digits: str.isdigit also takes "²"
VO_TYPES = {"vwo", "havo", "mavo", "vbo", "pro", "vmbo"}
CATEGORY_BY_SECTOR = {
    "po": "school",
    "vo": "school",
    "mbo": "mbo-instelling",
    "hbo": "hogeschool",
    "wo": "universiteit",
}


def read_duo(path: Path, context: ReadContext, report: Report) -> ReadResult:
    """Schools or institutions of a DUO file, with their gemeente and bestuur."""
    reader = _DuoReader(context, report)
    for table in read_tables(path, report):
        reader.read_table(table)
    return reader.result


class _DuoReader:
    def __init__(self, context: ReadContext, report: Report) -> None:
        self.context = context
        self.report = report
        self.result = ReadResult()
        self.resolver = GemeenteResolver.from_store(context.store, context.lookup)
        self.bestuur_ids = {
            str(n.get("bevoegd_gezag")): n.id
            for n in context.store.nodes_of("Organisation", {"category": "schoolbestuur"})
            if n.get("bevoegd_gezag")
        }

    def read_table(self, table: Table) -> None:
        columns = Columns(
            table, COLUMNS, REQUIRED, self.report, IGNORED.match, self.context.keep_unknown
        )
        seen: dict[str, int] = {}

        def read_row(number: int, cells: dict[str, str]) -> None:
            self._read_row(_Row(table.file, number, cells, columns, self.report), seen)

        self.result.read_rows(table, columns, self.context, read_row)

    def _read_row(self, row: _Row, seen: dict[str, int]) -> None:
        for name in REQUIRED:
            if not row[name]:
                row.problem("required-value", name)
        code = row["code"].upper()
        if code and not CODE.match(code):
            row.problem("bad-brin", "code", code)
        bestuur = row["bevoegd_gezag"]
        if bestuur and not NUMBER.match(bestuur):
            row.problem("bad-bevoegd-gezag", "bevoegd_gezag", bestuur)
        vestiging = _vestiging(code, row["vestiging"])
        if vestiging is None and not row.errors:  # a bad code is reported once, above
            row.problem("bad-vestiging", "vestiging", row["vestiging"], brin=code)
        placement = self.resolver.place(row["gemeente_code"], row["gemeente_name"], row["place"])
        if placement is None and row["gemeente_code"]:
            row.problem("unknown-gemeente", "gemeente_code", row["gemeente_code"])
        if row.errors or placement is None or vestiging is None:
            return
        node_id = f"org:duo-{(vestiging or code).lower()}"
        if node_id in seen:
            first = f"{row.file}, row {seen[node_id]}"
            row.problem("duplicate-id", "code", vestiging or code, first=first)
            return
        seen[node_id] = row.number
        self._add_school(row, node_id, code, vestiging, placement)

    def _add_school(
        self, row: _Row, node_id: str, code: str, vestiging: str, placement: Placement
    ) -> None:
        provenance = self.context.provenance
        sector = self.context.sector or _sector(row["structure"])
        props = {
            "name": row["name"],
            "category": CATEGORY_BY_SECTOR.get(sector or "", "school"),
            "brin": code,
            "vestiging": vestiging,
            "bevoegd_gezag": row["bevoegd_gezag"],
            "sectors": (sector,) if sector else (),
            "website": _website(row),
            "denomination": row["denomination"],
            "former_gemeente": placement.former,
            **row.extras(),
            **provenance,
        }
        self.result.add_node(Node(node_id, "Organisation", _clean(props)), row.file, row.number)
        located = Relationship(node_id, "LOCATED_IN", placement.region_id, provenance)
        part_of = Relationship(node_id, "PART_OF", self._bestuur(row), provenance)
        self.result.add_relationship(located)
        self.result.add_relationship(part_of)

    def _bestuur(self, row: _Row) -> str:
        """The schoolbestuur node of the row's bevoegd gezag, created when the graph and
        the file so far lack it."""
        number = row["bevoegd_gezag"]
        if number not in self.bestuur_ids:
            node_id = f"org:bevoegd-gezag-{number}"
            name = row["bevoegd_gezag_name"] or f"Bevoegd gezag {number}"
            props = {"name": name, "category": "schoolbestuur", "bevoegd_gezag": number}
            node = Node(node_id, "Organisation", props | self.context.provenance)
            self.result.add_node(node, row.file, row.number)
            self.bestuur_ids[number] = node_id
        return self.bestuur_ids[number]


class _Row:
    """One row's cells by field, and its problems reported under the file's own column
    names (``BRIN NUMMER`` or ``INSTELLINGSCODE``, as the user sees them)."""

    def __init__(
        self, file: str, number: int, cells: dict[str, str], columns: Columns, report: Report
    ) -> None:
        self.file, self.number, self.cells = file, number, cells
        self.columns, self.report = columns, report
        self.errors = 0

    def __getitem__(self, field: str) -> str:
        return self.columns.get(self.cells, field)

    def extras(self) -> dict[str, str]:
        return self.columns.extras(self.cells)

    def problem(self, code: str, field: str, value: str = "", **details: object) -> None:
        severity = "warning" if code == "bad-website" else "error"
        self.errors += severity == "error"
        column = self.columns.table.label(self.columns.column.get(field) or field)
        self.report.add(
            self.file,
            code,
            row=self.number,
            column=column,
            value=value,
            severity=severity,
            **details,
        )


def _vestiging(code: str, raw: str) -> str | None:
    """The vestigingscode as the brin and two digits (``18BR00``), from ``18BR00``,
    ``0`` or ``00``; empty when the file has none (a list of institutions), None when it
    is not one of this instelling (``20LO00`` for 18BR)."""
    raw = raw.strip().upper()
    if not raw:
        return ""
    suffix = raw.removeprefix(code) if raw.startswith(code) else raw
    return code + suffix.zfill(2) if VESTIGING_SUFFIX.match(suffix) else None


def _sector(structure: str) -> str | None:
    """vo when the onderwijsstructuur names vo types (``VBO/MAVO/HAVO``), else unknown."""
    types = {t.strip().lower() for t in re.split(r"[/,;]", structure) if t.strip()}
    return "vo" if types & VO_TYPES else None


def _website(row: _Row) -> str:
    """DUO writes addresses without a scheme (``www.school.nl``): https is added. A
    malformed one is left out with a warning: the school is still worth importing."""
    raw = row["website"]
    if not raw:
        return ""
    url = f"https://{raw}" if BARE_HOST.match(raw) else raw
    if is_web_url(url):
        return url
    row.problem("bad-website", "website", raw)
    return ""


def _clean(props: dict[str, object]) -> dict:
    return {k: v for k, v in props.items() if v not in ("", (), None)}
