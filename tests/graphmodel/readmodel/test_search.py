"""Search by name on the read model (`graphmodel.readmodel.searching`) finds exactly what
the embedded store's scan of every node finds: hundreds of texts per run, drawn at random
from the names held (a whole name, its start, in another case, prefixes of two of its
words, a word that no name starts), with and without a kind."""

from __future__ import annotations

import random

from graphmodel import schema
from graphmodel.model import GraphBatch
from graphmodel.readmodel import Snapshot
from graphmodel.stores.memory import MemoryStore

SEED = 20261124
TEXTS = 300


def texts(batch: GraphBatch, rng: random.Random) -> list[str]:
    """Texts as people type them: a whole name, its start (also in upper case), the
    starts of two of its words, or the start with a word no name holds."""
    names = sorted({n.name for n in batch.nodes})

    def typed() -> str:
        name = rng.choice(names)
        start = name[: rng.randint(1, len(name))]
        words = name.split()
        return rng.choice(
            [
                name,
                start,
                start.upper(),
                " ".join(
                    w[: rng.randint(1, len(w))] for w in rng.sample(words, min(2, len(words)))
                ),
                f"{start} zzqx",
            ]
        )

    return [typed() for _ in range(TEXTS)]


def test_same_hits_as_the_scan(bundled_batch: GraphBatch) -> None:
    store = MemoryStore()
    store.load(bundled_batch)
    snapshot = Snapshot.of(store)
    rng = random.Random(SEED)
    found = 0
    for i, text in enumerate(texts(bundled_batch, rng)):
        kinds = rng.choice([None, None, ["Topic"], list(schema.ACTOR_KINDS)])
        limit = rng.choice([1, 5, 20])
        expected = store.search_names(text, kinds, limit)
        where = f"seed {SEED}, text {i}: {text!r}, kinds {kinds}, limit {limit}"
        assert snapshot.search_names(text, kinds, limit) == expected, where
        found += bool(expected)
    assert found > TEXTS // 3  # all but the unknown words mostly find: a real comparison
