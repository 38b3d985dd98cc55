"""Shared fixtures: datasets, stores (one contract suite over every store), the CLI."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from graphmodel.memory import MemoryStore
from graphmodel.model import GraphBatch
from graphmodel.store import GraphStore
from importers.curated import read_dataset

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"


def read_valid(path: Path) -> GraphBatch:
    batch, report = read_dataset(path)
    assert report.ok, report.format_text("en")
    return batch


@pytest.fixture(scope="session")
def mini_batch() -> GraphBatch:
    """A dozen real nodes: two hogescholen, their lectoraten, a lector, topics, regions."""
    return read_valid(MINI)


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini dataset, to break in tests."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(params=["memory"])
def empty_store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """An EMPTY store of each implementation; the contract suite runs once per store."""
    store = MemoryStore()
    yield store
    store.close()


@pytest.fixture
def store(empty_store: GraphStore, mini_batch: GraphBatch) -> GraphStore:
    """A store of each implementation holding the mini dataset."""
    empty_store.load(mini_batch)
    return empty_store
