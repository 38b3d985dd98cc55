"""`Covering.prepare` works out, ahead of the questions, what coverage and its matrix
count from, and leaves every answer as it was: the same as worked out at a question."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from graphmodel import schema
from graphmodel.model import GraphBatch
from graphmodel.questions import places
from graphmodel.readmodel.covering import Covering
from graphmodel.readmodel.ranking import Whereabouts
from graphmodel.stores.memory import MemoryStore

KINDS = [schema.ACTOR_KINDS, *((kind,) for kind in schema.ACTOR_KINDS), ("Person", "Network")]


@pytest.fixture(params=["bundled", "synthetic"])
def batch(request: pytest.FixtureRequest) -> GraphBatch:
    name = "bundled_batch" if request.param == "bundled" else "synthetic_batch_small"
    return request.getfixturevalue(name)


def coverings(batch: GraphBatch) -> tuple[Covering, Covering]:
    """Two coverings of `batch`: one left to its questions, one to be prepared."""
    store = MemoryStore()
    store.load(batch)
    whereabouts = Whereabouts.of(store)
    return Covering(batch, whereabouts), Covering(batch, whereabouts)


def answers(covering: Covering, topics: list[str]) -> list:
    """Everything coverage and the matrix read from `covering`."""
    levels = [covering.at_level(level) for level in places.LEVELS]
    return levels + [covering.workers(topics, kinds) for kinds in KINDS]


def test_prepared_answers_are_those_worked_out_at_the_questions(batch: GraphBatch) -> None:
    lazy, prepared = coverings(batch)
    topics = [n.id for n in batch.nodes if n.kind == "Topic"]
    # prepared from the graph; then asked of a graph emptied under it, which a question
    # would read if preparing had left anything for it to work out
    prepared.prepare()
    prepared._batch = replace(batch, relationships=[])
    expected = answers(lazy, topics)
    assert any(expected[0]) and any(expected[-1].values())  # the graph holds some
    assert answers(prepared, topics) == expected


def test_questions_asked_while_it_prepares_get_the_same_answers(
    synthetic_batch_small: GraphBatch,
) -> None:
    lazy, prepared = coverings(synthetic_batch_small)
    topics = [n.id for n in synthetic_batch_small.nodes if n.kind == "Topic"]
    found: list[list] = []
    askers = [threading.Thread(target=lambda: found.append(answers(prepared, topics)))]
    askers += [threading.Thread(target=prepared.prepare) for _ in range(2)]
    askers.append(threading.Thread(target=lambda: found.append(answers(prepared, topics))))
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join()
    expected = answers(lazy, topics)
    assert found == [expected, expected]
