"""One graph per store and dataset, shared by the module: the bundled data, and a small
synthetic graph (``importers.synthetic``, labelled synthetic, never written to data/)
whose verified dates spread over eight years."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graphmodel.graph import Graph
from graphmodel.model import GraphBatch
from graphmodel.stores.memory import MemoryStore
from importers.synthetic import real_regions, synthetic_batch

SYNTHETIC_SCALE = 0.05


@pytest.fixture(scope="session")
def synthetic_batch_small(bundled_batch: GraphBatch) -> GraphBatch:
    return synthetic_batch(real_regions(bundled_batch), scale=SYNTHETIC_SCALE, seed=3)


@pytest.fixture(
    scope="module",
    params=[
        ("memory", "bundled"),
        ("memory", "synthetic"),
        pytest.param(("neo4j", "bundled"), marks=pytest.mark.neo4j),
        pytest.param(("neo4j", "synthetic"), marks=pytest.mark.neo4j),
    ],
    ids=lambda param: "-".join(param),
)
def loaded(request: pytest.FixtureRequest) -> Iterator[tuple[Graph, GraphBatch]]:
    """A graph on each store holding each dataset, with the batch it was loaded from."""
    kind, dataset = request.param
    batch = request.getfixturevalue(
        "bundled_batch" if dataset == "bundled" else "synthetic_batch_small"
    )
    if kind == "memory":
        store = MemoryStore()
    else:
        store = request.getfixturevalue("neo4j_session_store")
        store.wipe()
    store.load(batch)
    yield Graph(store), batch
