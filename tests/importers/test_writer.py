"""Curated tables written back: a CSV folder or one workbook reads back to the same batch,
and the empty template is a workbook that `check` accepts."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import load_workbook

from graphmodel import schema
from importers.curated import read_dataset
from importers.writer import template, workbook, write_tables
from tests.conftest import read_valid


def same(a, b) -> bool:
    key = lambda n: n.id  # noqa: E731
    return sorted(a.nodes, key=key) == sorted(b.nodes, key=key) and sorted(
        a.relationships, key=lambda r: r.key
    ) == sorted(b.relationships, key=lambda r: r.key)


def test_a_workbook_reads_back_to_the_same_batch(mini_batch, tmp_path: Path):
    path = tmp_path / "tables.xlsx"
    path.write_bytes(workbook(mini_batch))
    assert same(read_valid(path), mini_batch)


def test_a_folder_reads_back_to_the_same_batch(mini_batch, tmp_path: Path):
    write_tables(mini_batch, tmp_path / "copy")
    assert same(read_valid(tmp_path / "copy"), mini_batch)


def test_the_template_has_every_table_and_passes_the_check(tmp_path: Path):
    path = tmp_path / "template.xlsx"
    path.write_bytes(template())
    book = load_workbook(path, read_only=True)
    tables = [k.table for k in schema.KINDS] + [schema.RELATIONSHIP_TABLE, schema.SOURCE_TABLE]
    assert book.sheetnames == tables
    header = next(book["people"].iter_rows(values_only=True))
    assert header[:2] == ("id", "name")
    batch, report = read_dataset(path)
    assert report.ok
    assert len(batch) == 0


def test_a_written_folder_has_the_mode_of_any_new_folder(mini_batch, tmp_path: Path):
    """Not mkdtemp's 0700: a dataset folder is shared like any other."""
    umask = os.umask(0)
    os.umask(umask)
    write_tables(mini_batch, tmp_path / "copy")
    assert (tmp_path / "copy").stat().st_mode & 0o777 == 0o777 & ~umask
