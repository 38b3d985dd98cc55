"""The DUO fixture files (tests/fixtures/duo, see PROVENANCE.txt there) and the dialects
they are written in, so that an edited copy is written the same way."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).parents[1] / "fixtures" / "duo"
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Dialect:
    """How a fixture file is written, so that an edited copy is written the same way."""

    file: str
    encoding: str
    bom: bool
    delimiter: str
    quoted: bool
    newline: str
    generation: str  # "old": BRIN NUMMER; "new": INSTELLINGSCODE and VESTIGINGSCODE

    @property
    def path(self) -> Path:
        return FIXTURES / self.file

    def text(self) -> str:
        return self.path.read_bytes().decode("utf-8-sig" if self.bom else self.encoding)

    def encode(self, text: str) -> bytes:
        return (BOM if self.bom else b"") + text.encode(self.encoding)

    def rows(self) -> list[list[str]]:
        return list(csv.reader(io.StringIO(self.text(), newline=""), delimiter=self.delimiter))

    def format(self, rows: list[list[str]]) -> str:
        out = io.StringIO()
        quoting = csv.QUOTE_ALL if self.quoted else csv.QUOTE_MINIMAL
        writer = csv.writer(
            out, delimiter=self.delimiter, quoting=quoting, lineterminator=self.newline
        )
        writer.writerows(rows)
        return out.getvalue()

    def write(self, rows: list[list[str]], path: Path) -> Path:
        path.write_bytes(self.encode(self.format(rows)))
        return path


OLD_COMMA = Dialect("old-comma-utf8-bom.csv", "utf-8", True, ",", True, "\r\n", "old")
OLD_SEMICOLON = Dialect("old-semicolon-cp1252.csv", "cp1252", False, ";", False, "\n", "old")
NEW = Dialect("new-semicolon-utf8.csv", "utf-8", False, ";", True, "\r\n", "new")
DIALECTS = (OLD_COMMA, OLD_SEMICOLON, NEW)
