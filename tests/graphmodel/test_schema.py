"""The schema is consistent in itself and with docs/data-model.md."""

from __future__ import annotations

import re
from pathlib import Path

from graphmodel import schema

DOC = (Path(__file__).parents[2] / "docs" / "data-model.md").read_text(encoding="utf-8")


def test_every_kind_is_documented_with_its_file_and_prefix():
    for kind in schema.KINDS:
        row = f"| `{kind.name}` | `{kind.table}.csv` | `{kind.prefix}:` |"
        assert row in DOC, row


def test_every_relationship_type_is_documented():
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", DOC, flags=re.MULTILINE))
    assert documented == {r.name for r in schema.RELATIONSHIPS}


def test_every_column_is_documented():
    for kind in schema.KINDS:
        for column in kind.columns:
            assert f"`{column.name}`" in DOC, (kind.name, column.name)
        for link in kind.links:
            assert f"`{link.column}`" in DOC, (kind.name, link.column)


def test_names_are_unique():
    for names in (
        [k.name for k in schema.KINDS],
        [k.table for k in schema.KINDS],
        [k.prefix for k in schema.KINDS],
        [r.name for r in schema.RELATIONSHIPS],
    ):
        assert len(names) == len(set(names))


def test_every_link_column_can_connect_its_kind():
    for kind in schema.KINDS:
        for link in kind.links:
            rel = schema.relationship_type(link.relationship)
            assert any(start == kind.name for start, _ in rel.endpoints), (kind.name, link)


def test_endpoints_name_real_kinds():
    names = {k.name for k in schema.KINDS}
    for rel in schema.RELATIONSHIPS:
        assert rel.endpoints
        assert {kind for pair in rel.endpoints for kind in pair} <= names


def test_kind_of_id():
    assert schema.kind_of_id("org:windesheim").name == "Organisation"
    assert schema.kind_of_id("region:GM0344").name == "Region"
    assert schema.kind_of_id("windesheim") is None
    assert schema.kind_of_id("school:x") is None
