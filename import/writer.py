"""Write a batch as curated tables: one CSV per kind and ``relationships.csv``.

The inverse of `importers.curated.read_dataset`: what is written reads back to the same
batch. Relationships all go to ``relationships.csv`` (the link columns stay empty), and a
folder is written next to the target and renamed into place, so that a reader never sees
half a dataset.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

from graphmodel import schema
from graphmodel.model import GraphBatch, Node, PropertyValue

__all__ = ["write_tables"]


def write_tables(batch: GraphBatch, folder: Path, readme: str = "") -> None:
    """Write `batch` into `folder` (replaced as a whole), with an optional README.md."""
    folder = folder.resolve()
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        by_kind: dict[str, list[Node]] = defaultdict(list)
        for node in batch.nodes:
            by_kind[node.kind].append(node)
        for kind in schema.KINDS:
            if by_kind[kind.name]:
                columns = [c.name for c in kind.all_columns]
                rows = [{"id": n.id, **_cells(n.properties)} for n in by_kind[kind.name]]
                _write_csv(staging / f"{kind.table}.csv", columns, rows)
        columns = [c.name for c in schema.RELATIONSHIP_COLUMNS]
        rows = [
            {"from": r.start, "type": r.type, "to": r.end, **_cells(r.properties)}
            for r in batch.relationships
        ]
        _write_csv(staging / f"{schema.RELATIONSHIP_TABLE}.csv", columns, rows)
        if readme:
            (staging / "README.md").write_text(readme, encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _cells(properties: dict[str, PropertyValue]) -> dict[str, str]:
    return {key: _cell(value) for key, value in properties.items()}


def _cell(value: PropertyValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ";".join(value)
    return str(value)


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
