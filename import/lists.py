"""Lists people paste from websites: partnerships, and gemeenten per onderwijsregio.

A partnership list names each partnership with its sectors, penvoerder, members and
region, in words rather than ids: names are matched to what the graph holds (name or
short name, case and accents aside). A member the graph lacks is added as an organisation
of category ``overig``, with a warning to check its name.

A region list maps gemeenten (by CBS code, current or former name) to onderwijsregio's or
RAP regions. Each gemeente becomes PART_OF its region, which is what turns on coverage at
that level (`graphmodel.questions.coverage`); a region the graph lacks is created.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from graphmodel import schema
from graphmodel.model import Node, Relationship
from graphmodel.text import fold, slugify
from importers.context import Columns, ReadContext, ReadResult
from importers.curated import DATE_PATTERN, is_date, is_web_url, valid_sources
from importers.gemeenten import GemeenteResolver, gemeente_code
from importers.report import Report
from importers.tables import Table, read_tables

__all__ = ["read_partnerships", "read_region_members"]

PROVENANCE_COLUMNS: dict[str, tuple[str, ...]] = {
    "source": ("source", "bron"),
    "verified": ("verified", "geverifieerd", "source_date", "datum"),
}
PARTNERSHIP_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "naam", "partnerschap", "partnership"),
    "short_name": ("short_name", "afkorting"),
    "sectors": ("sectors", "sector", "sectoren"),
    "penvoerder": ("penvoerder",),
    "members": ("members", "leden", "schoolbesturen", "besturen"),
    "teacher_education": ("lerarenopleidingen", "lerarenopleiding", "teacher_education"),
    "region": ("region", "regio"),
    "website": ("website",),
    "status": ("status",),
    "description": ("description", "beschrijving", "notes", "opmerkingen"),
    **PROVENANCE_COLUMNS,
}
REGION_COLUMNS: dict[str, tuple[str, ...]] = {
    "gemeente": ("gemeente", "gemeentecode", "gemeentenaam", "gemeentenummer"),
    "region": ("onderwijsregio", "rap_regio", "regio", "region"),
    "level": ("level", "niveau"),
    **PROVENANCE_COLUMNS,
}
LEVEL_BY_COLUMN = {"onderwijsregio": "onderwijsregio", "rap_regio": "rap-regio"}
ID_PREFIX_BY_LEVEL = {"onderwijsregio": "or", "rap-regio": "rap"}
ROLES = {"penvoerder": "penvoerder", "teacher_education": "lerarenopleiding", "members": ""}
SEPARATOR = re.compile(r"[;/,]|\s+en\s+")


def read_partnerships(path: Path, context: ReadContext, report: Report) -> ReadResult:
    """Partnerships with their sectors, members (penvoerder marked) and region."""
    reader = _ListReader(context, report)
    for table in read_tables(path, report):
        reader.read(table, PARTNERSHIP_COLUMNS, ("name",), reader.partnership_row)
    return reader.result


def read_region_members(path: Path, context: ReadContext, report: Report) -> ReadResult:
    """Gemeenten PART_OF onderwijsregio's or RAP regions."""
    reader = _ListReader(context, report)
    for table in read_tables(path, report):
        reader.read(table, REGION_COLUMNS, ("gemeente", "region"), reader.region_row)
    return reader.result


class _ListReader:
    def __init__(self, context: ReadContext, report: Report) -> None:
        self.context = context
        self.report = report
        self.result = ReadResult()
        self.organisations = _NameIndex(context.store.nodes_of("Organisation"))
        self.partnerships = _NameIndex(context.store.nodes_of("Partnership"))
        self.regions = _NameIndex(context.store.nodes_of("Region"))
        self.gemeenten = GemeenteResolver.from_store(context.store, context.lookup)
        self.seen: dict[str, int] = {}

    def read(self, table: Table, names, required, read_row) -> None:
        columns = Columns(
            table, names, required, self.report, keep_unknown=self.context.keep_unknown
        )
        self.columns = columns
        self.result.read_rows(
            table, columns, self.context, lambda number, cells: read_row(table.file, number, cells)
        )

    # --- helpers shared by both lists ---------------------------------------------------

    def _problem(
        self, file: str, row: int, code: str, field: str, value: str = "", **details
    ) -> None:
        column = self.columns.table.label(self.columns.column.get(field) or field)
        self.report.add(file, code, row=row, column=column, value=value, **details)

    def _provenance(self, file: str, row: int, cells: dict[str, str]) -> dict[str, str] | None:
        source = self.columns.get(cells, "source") or self.context.source
        verified = self.columns.get(cells, "verified") or self.context.verified
        sources = valid_sources(source)
        if sources is None:
            self._problem(file, row, "bad-source", "source", source)
        if not is_date(verified, DATE_PATTERN):
            self._problem(file, row, "bad-date", "verified", verified, expected="YYYY-MM-DD")
            return None
        return {"source": sources, "verified": verified} if sources else None

    def _new_id(self, file: str, row: int, node_id: str, name: str) -> bool:
        if node_id in self.seen:
            first = f"{file}, row {self.seen[node_id]}"
            self._problem(file, row, "duplicate-id", "name", name, first=first)
            return False
        self.seen[node_id] = row
        return True

    # --- partnerships -------------------------------------------------------------------

    def partnership_row(self, file: str, row: int, cells: dict[str, str]) -> None:
        field = lambda name: self.columns.get(cells, name)  # noqa: E731
        name = field("name")
        if not name:
            self._problem(file, row, "required-value", "name")
            return
        errors = len(self.report.errors)
        provenance = self._provenance(file, row, cells)
        sectors = self._sectors(file, row, field("sectors"))
        regions = self._regions(file, row, field("region"))
        website = field("website")
        if website and not is_web_url(website):
            self._problem(file, row, "bad-url", "website", website)
        node_id = self.partnerships.find(name) or f"partnership:{slugify(name)}"
        if len(self.report.errors) > errors or provenance is None:
            return
        if not self._new_id(file, row, node_id, name):
            return
        props = {
            "name": name,
            "short_name": field("short_name"),
            "sectors": tuple(sectors),
            "status": field("status"),
            "website": website,
            "description": field("description"),
            **self.columns.extras(cells),
            **provenance,
        }
        node = Node(node_id, "Partnership", {k: v for k, v in props.items() if v})
        self.result.add_node(node, file, row)
        for region in regions:
            self.result.add_relationship(Relationship(node_id, "ACTIVE_IN", region, provenance))
        for column, role in ROLES.items():
            for member in _names(field(column)):
                org = self._organisation(file, row, member, provenance)
                props = {"role": role, **provenance} if role else dict(provenance)
                self.result.add_relationship(Relationship(org, "MEMBER_OF", node_id, props))

    def _sectors(self, file: str, row: int, text: str) -> list[str]:
        found = [s.strip().lower() for s in SEPARATOR.split(text) if s.strip()]
        if any(s not in schema.SECTORS for s in found):
            expected = ", ".join(schema.SECTORS)
            self._problem(file, row, "bad-choice", "sectors", text, expected=expected)
        return [s for s in found if s in schema.SECTORS]

    def _regions(self, file: str, row: int, text: str) -> list[str]:
        """The regions a cell names: one ("Noord-Brabant"), or a list separated by `;` or
        `,` ("Drenthe, Kop van Overijssel") when the whole cell names none. Each name
        must be known: a region is never guessed."""
        if not text or (whole := self._region(text)):
            return [whole] if text else []
        parts = [p.strip() for p in re.split(r"[;,]", text) if p.strip()]
        found = [self._region(p) for p in parts]
        for part, region in zip(parts, found, strict=True):
            if region is None:
                self._problem(file, row, "unknown-region", "region", part)
        return [r for r in found if r]

    def _region(self, name: str) -> str | None:
        return self.regions.find(name) or self.gemeenten.region_named(name)

    def _organisation(self, file: str, row: int, name: str, provenance: dict[str, str]) -> str:
        """The organisation called `name`, added (category overig) when the graph lacks it."""
        if found := self.organisations.find(name):
            return found
        node_id = f"org:{slugify(name)}"
        self.report.add(file, "new-organisation", row=row, value=name, severity="warning")
        node = Node(node_id, "Organisation", {"name": name, "category": "overig", **provenance})
        self.result.add_node(node, file, row)
        self.organisations.add(node)
        return node_id

    # --- gemeenten per region -----------------------------------------------------------

    def region_row(self, file: str, row: int, cells: dict[str, str]) -> None:
        field = lambda name: self.columns.get(cells, name)  # noqa: E731
        for name in ("gemeente", "region"):
            if not field(name):
                self._problem(file, row, "required-value", name)
        level = field("level").lower() or LEVEL_BY_COLUMN.get(self.columns.column["region"] or "")
        if level not in ID_PREFIX_BY_LEVEL:
            expected = ", ".join(ID_PREFIX_BY_LEVEL)
            self._problem(file, row, "bad-choice", "level", level or "", expected=expected)
        gemeente = self._gemeente(file, row, field("gemeente")) if field("gemeente") else None
        provenance = self._provenance(file, row, cells)
        if gemeente is None or provenance is None or level not in ID_PREFIX_BY_LEVEL:
            return
        region = self._region_node(file, row, field("region"), level, provenance)
        self.result.add_relationship(Relationship(gemeente, "PART_OF", region, provenance))

    def _gemeente(self, file: str, row: int, text: str) -> str | None:
        found = self.gemeenten.region_named(text)
        if found is None and (placement := self.gemeenten.place("", text, text)):
            found = placement.region_id
        if found is None:
            code = text if gemeente_code(text) else ""
            self._problem(file, row, "unknown-gemeente", "gemeente", code or text)
        return found

    def _region_node(
        self, file: str, row: int, name: str, level: str, provenance: dict[str, str]
    ) -> str:
        if found := self.regions.find(name, level):
            return found
        node_id = f"region:{ID_PREFIX_BY_LEVEL[level]}-{slugify(name)}"
        node = Node(node_id, "Region", {"name": name, "level": level, **provenance})
        self.result.add_node(node, file, row)
        self.regions.add(node)
        return node_id


class _NameIndex:
    """Nodes by folded name, short name and code, then by synonym: an own name wins
    ("Zeeland" the province, not the village in Maashorst); a name two nodes share at the
    same rank finds none, rather than a guess."""

    def __init__(self, nodes: Iterable[Node]) -> None:
        self._own: dict[str, set[str]] = {}
        self._synonyms: dict[str, set[str]] = {}
        self._level: dict[str, str] = {}
        for node in nodes:
            self.add(node)

    def add(self, node: Node) -> None:
        self._level[node.id] = str(node.get("level", ""))
        for name in (node.name, node.get("short_name"), node.get("code")):
            if name:
                self._own.setdefault(fold(str(name)), set()).add(node.id)
        for name in node.get("synonyms") or ():
            self._synonyms.setdefault(fold(str(name)), set()).add(node.id)

    def find(self, name: str, level: str | None = None) -> str | None:
        for names in (self._own, self._synonyms):
            ids = names.get(fold(name), set())
            if level:
                ids = {i for i in ids if self._level[i] == level}
            if ids:
                return next(iter(ids)) if len(ids) == 1 else None
        return None


def _names(text: str) -> list[str]:
    return [n.strip() for n in text.split(";") if n.strip()]
