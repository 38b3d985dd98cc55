"""A DUO file imported into a real Neo4j holding the bundled data: the same graph as the
same import into a copy of data/, once only, and all or nothing (a bad row, a refused
batch and an import interrupted half-way through its transaction all leave Neo4j as it
was)."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import graphmodel
from graphmodel.errors import GraphModelError
from graphmodel.model import GraphBatch, GraphStats, Relationship
from graphmodel.stores.history import Occasion
from graphmodel.stores.neo4j import Neo4jStore
from importers.context import ReadContext
from importers.duo import read_duo
from importers.importing import FolderTarget, StoreTarget, import_file, plan_against
from importers.report import Report
from tests.conftest import FIXTURES, read_valid

pytestmark = pytest.mark.neo4j

DUO = FIXTURES / "duo" / "old-comma-utf8-bom.csv"  # real DUO rows (see PROVENANCE there)
# Three schools of one bestuur in Groningen (Haren merged into it), and schools in
# Appingedam, Delfzijl (now Eemsdelta) and Uden (now Maashorst).
HANDFUL = ("13ZU", "17SG", "20BV", "30JM", "30PP", "06HF")


@pytest.fixture(scope="module")
def loaded(neo4j_session_store: Neo4jStore, bundled_batch: GraphBatch) -> Neo4jStore:
    """Neo4j with the bundled data, loaded once for the module: tests that may write
    restore it (`restored`), the others must leave it as it is."""
    neo4j_session_store.wipe()
    neo4j_session_store.load(bundled_batch)
    return neo4j_session_store


@pytest.fixture
def restored(loaded: Neo4jStore, bundled_batch: GraphBatch) -> Iterator[Neo4jStore]:
    """The loaded store, put back to the bundled data after a test that writes."""
    yield loaded
    loaded.wipe()
    loaded.load(bundled_batch)


def duo_file(folder: Path, brin: dict[str, str] | None = None) -> Path:
    """The HANDFUL rows of the DUO fixture in the same dialect (comma, all quoted, BOM);
    `brin` replaces the BRIN NUMMER of some of them (to make a row bad)."""
    with open(DUO, encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    column = table[0].index("BRIN NUMMER")
    picked = [row for row in table[1:] if row[column] in HANDFUL]
    for row in picked:
        row[column] = (brin or {}).get(row[column], row[column])
    path = folder / "adressen-instellingen-vo.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows([table[0], *picked])
    return path


def counts(stats: GraphStats) -> tuple[dict[str, int], dict[str, int]]:
    return stats.nodes, stats.relationships


def handful_in(store: Neo4jStore) -> list[str]:
    return [n.id for code in HANDFUL for n in store.nodes_of("Organisation", {"brin": code})]


def test_neo4j_gets_the_same_graph_as_the_folder_and_only_once(
    restored: Neo4jStore, tmp_path: Path
):
    path = duo_file(tmp_path)
    folder = Path(shutil.copytree(graphmodel.BUNDLED_DATA, tmp_path / "data"))
    into_folder = import_file(path, "duo", FolderTarget(folder))
    into_neo4j = import_file(path, "duo", StoreTarget(restored))
    for outcome in (into_folder, into_neo4j):
        assert outcome.report.ok, outcome.report.format_text("en")
        assert outcome.written
    assert into_neo4j.summary == into_folder.summary
    assert into_neo4j.summary.created["Organisation"] >= len(HANDFUL)

    expected, actual = read_valid(folder), restored.export()
    assert sorted(n.id for n in actual.nodes) == sorted(n.id for n in expected.nodes)
    assert sorted(r.key for r in actual.relationships) == sorted(
        r.key for r in expected.relationships
    )
    imported = set(handful_in(restored))
    assert len(imported) == len(HANDFUL)
    assert {n.id: n for n in actual.nodes if n.id in imported} == {
        n.id: n for n in expected.nodes if n.id in imported
    }

    before = counts(restored.stats())
    again = import_file(path, "duo", StoreTarget(restored))
    assert not again.written
    assert (again.summary.total_created, again.summary.total_changed) == (0, 0)
    assert counts(restored.stats()) == before


def test_a_file_with_one_bad_row_writes_nothing(loaded: Neo4jStore, tmp_path: Path):
    path = duo_file(tmp_path, brin={"30PP": "30P"})
    before = counts(loaded.stats())
    outcome = import_file(path, "duo", StoreTarget(loaded))
    assert [(p.file, p.row, p.column, p.code, p.value) for p in outcome.report.errors] == [
        (path.name, 6, "BRIN NUMMER", "bad-brin", "30P")
    ]
    assert (outcome.written, outcome.rows_rejected) == (False, 1)
    assert counts(loaded.stats()) == before
    assert handful_in(loaded) == []


def test_a_batch_pointing_at_a_missing_node_is_refused_whole(loaded: Neo4jStore, tmp_path: Path):
    """A school read from the file, placed in Appingedam's old region id: Neo4j holds no
    such region (it merged into Eemsdelta), so the write is refused and the school with
    it."""
    target = StoreTarget(loaded)
    path = duo_file(tmp_path)
    context = ReadContext(loaded, target.lookup, path.name, "2020-01-01")
    read = read_duo(path, context, report := Report())
    assert report.ok, report.format_text("en")
    school = next(n for n in read.batch.nodes if n.get("brin") == "30JM")
    stray = Relationship(school.id, "LOCATED_IN", "region:GM0003", dict(school.properties))
    batch = GraphBatch([school], [stray])
    before = counts(loaded.stats())
    with pytest.raises(GraphModelError, match="region:GM0003"):
        target.write(batch, plan_against(loaded, batch), None, Occasion("2026-11-23"))
    assert loaded.history() == []
    assert counts(loaded.stats()) == before
    assert loaded.nodes([school.id]) == []


def test_an_import_interrupted_half_way_leaves_neo4j_as_it_was(
    restored: Neo4jStore, tmp_path: Path
):
    """Ctrl-C while the transaction is writing (after its first chunk of nodes, when the
    progress is shown): the transaction rolls back, and releases what it held, so the
    same import then goes through."""
    written: list[int] = []

    def interrupt(rows: int) -> None:
        written.append(rows)
        raise KeyboardInterrupt

    path = duo_file(tmp_path)
    before = counts(restored.stats())
    with pytest.raises(KeyboardInterrupt):
        import_file(path, "duo", StoreTarget(restored), written=interrupt)
    assert written and written[0] > 0
    assert counts(restored.stats()) == before
    assert handful_in(restored) == []
    assert import_file(path, "duo", StoreTarget(restored)).written
    assert len(handful_in(restored)) == len(HANDFUL)
