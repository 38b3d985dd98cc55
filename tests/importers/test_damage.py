"""A damaged DUO file never breaks the importer nor the dataset it goes into.

Each example takes a valid fixture (tests/fixtures/duo) and damages it the way files get
damaged on their way: a column dropped, a stray quote, part of the file saved in another
encoding, a row cut short, the header twice, a cell garbled, bytes flipped. Whatever the damage, the
import returns (no traceback) and either reports errors and leaves the folder byte for
byte as it was, or imports every row as a school placed in an existing gemeente, and the
folder still passes the curator's check.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import graphmodel
from importers.curated import read_dataset
from importers.importing import FolderTarget, ImportOutcome, import_file
from tests.files import file_hashes
from tests.importers.duo_files import DIALECTS, Dialect

EXAMPLES = 40  # per kind of damage: the whole file runs in about 15 s
OTHER_ENCODING = {"utf-8": "cp1252", "cp1252": "utf-8"}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # no text holds these


class Sandbox:
    """A minimal dataset (the regions and the lookup tables the DUO reader needs),
    restored from a pristine copy only after an import wrote into it."""

    def __init__(self, root: Path) -> None:
        self.pristine = root / "pristine"
        (self.pristine / "reference").mkdir(parents=True)
        shutil.copy(
            graphmodel.BUNDLED_DATA / "reference" / "regions.csv", self.pristine / "reference"
        )
        shutil.copytree(graphmodel.BUNDLED_DATA / "lookup", self.pristine / "lookup")
        self.folder = root / "dataset"
        self.file = root / "damaged.csv"
        self.hashes = file_hashes(self.pristine)
        self._restore()

    def _restore(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        shutil.copytree(self.pristine, self.folder)
        self.target = FolderTarget(self.folder)

    def import_damaged(self, data: bytes) -> ImportOutcome:
        self.file.write_bytes(data)
        return import_file(self.file, "duo", self.target, verified="2020-09-01")

    def check(self, outcome: ImportOutcome) -> None:
        """Errors and nothing written, or every row imported and a valid folder."""
        if not outcome.report.ok:
            assert not outcome.written
            assert all(p.file == self.file.name for p in outcome.report.errors)
            assert file_hashes(self.folder) == self.hashes
            return
        try:
            assert outcome.written
            assert_imported(self.folder, outcome.rows_read)
        finally:
            self._restore()


def assert_imported(folder: Path, rows: int) -> None:
    """Each row a school LOCATED_IN one existing gemeente and PART_OF one schoolbestuur."""
    batch, report = read_dataset(folder)
    assert report.ok, report.format_text("en")
    texts = [v for n in batch.nodes for v in n.properties.values() if isinstance(v, str)]
    assert not [t for t in texts if CONTROL.search(t)], "an import stored control characters"
    kinds = {n.id: (n.kind, n.get("level") or n.get("category")) for n in batch.nodes}
    schools = [n.id for n in batch.nodes if n.id.startswith("org:duo-")]
    assert len(schools) == rows
    for school in schools:
        ends = {
            r.type: kinds[r.end]
            for r in batch.relationships
            if r.start == school and r.type in ("LOCATED_IN", "PART_OF")
        }
        assert ends == {
            "LOCATED_IN": ("Region", "gemeente"),
            "PART_OF": ("Organisation", "schoolbestuur"),
        }


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    yield Sandbox(tmp_path_factory.mktemp("damage"))


# --- damage --------------------------------------------------------------------------


@st.composite
def dropped_column(draw: st.DrawFn, dialect: Dialect) -> bytes:
    rows = dialect.rows()
    column = draw(st.integers(0, len(rows[0]) - 1))
    return dialect.encode(dialect.format([r[:column] + r[column + 1 :] for r in rows]))


@st.composite
def stray_quote(draw: st.DrawFn, dialect: Dialect) -> bytes:
    text = dialect.text()
    at = draw(st.integers(0, len(text)))
    return dialect.encode(text[:at] + '"' + text[at:])


@st.composite
def part_in_other_encoding(draw: st.DrawFn, dialect: Dialect) -> bytes:
    """A stretch of the file saved by a tool that uses the other encoding (or UTF-16)."""
    text = dialect.text()
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    other = draw(st.sampled_from([OTHER_ENCODING[dialect.encoding], "utf-16-le"]))
    middle = text[start:end].encode(other)
    return dialect.encode(text[:start]) + middle + text[end:].encode(dialect.encoding)


@st.composite
def truncated_row(draw: st.DrawFn, dialect: Dialect) -> bytes:
    lines = dialect.text().split(dialect.newline)
    index = draw(st.integers(1, len(lines) - 2))  # a data row (the last split is empty)
    lines[index] = lines[index][: draw(st.integers(0, len(lines[index]) - 1))]
    return dialect.encode(dialect.newline.join(lines))


@st.composite
def duplicated_header(draw: st.DrawFn, dialect: Dialect) -> bytes:
    lines = dialect.text().split(dialect.newline)
    lines.insert(draw(st.integers(1, len(lines) - 1)), lines[0])
    return dialect.encode(dialect.newline.join(lines))


@st.composite
def garbled_cell(draw: st.DrawFn, dialect: Dialect) -> bytes:
    """One cell overwritten with any text the file's encoding can hold, as a slip of the
    hand in a spreadsheet does (the tool quotes it where the dialect needs quotes)."""
    header, *rows = dialect.rows()
    row = draw(st.sampled_from(rows))
    row[draw(st.integers(0, len(header) - 1))] = draw(
        st.text(st.characters(codec=dialect.encoding), max_size=8)
    )
    return dialect.encode(dialect.format([header, *rows]))


@st.composite
def flipped_bytes(draw: st.DrawFn, dialect: Dialect) -> bytes:
    data = bytearray(dialect.path.read_bytes())
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] ^= draw(st.integers(1, 255))
    return bytes(data)


DAMAGE = [
    dropped_column,
    stray_quote,
    part_in_other_encoding,
    truncated_row,
    duplicated_header,
    garbled_cell,
    flipped_bytes,
]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda d: d.__name__)
@settings(max_examples=EXAMPLES, deadline=None, database=None)
@given(data=st.data())
def test_damage_is_reported_or_harmless(damage, sandbox: Sandbox, data: st.DataObject) -> None:
    outcome = sandbox.import_damaged(data.draw(st.sampled_from(DIALECTS).flatmap(damage)))
    event(outcome.report.errors[0].code if outcome.report.errors else "imported")
    sandbox.check(outcome)
