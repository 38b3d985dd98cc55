"""Search by name on the read model (`graphmodel.readmodel.searching`) finds exactly what
`names.rank_hits` finds over every node of the store (the embedded store's own search:
the same nodes, scores, matched names and order), on both stores: hundreds of texts per
run drawn at random from the names held, and the hard cases (one letter, a short prefix
that thousands of names start, many words, words out of order, diacritics, no text),
with and without kinds, for pages of one hit to the explorer's pool."""

from __future__ import annotations

import random
import string

import pytest

from graphmodel import schema
from graphmodel.graph import Graph
from graphmodel.model import GraphBatch, Node, SearchHit
from graphmodel.questions.facets import SEARCH_POOL
from graphmodel.readmodel import Snapshot
from graphmodel.stores import names
from graphmodel.stores.memory import MemoryStore

SEED = 20261124
TEXTS = 300
KINDS = (None, None, ["Topic"], list(schema.ACTOR_KINDS), ["Person", "Region"], [])
LIMITS = (1, 5, 20, SEARCH_POOL)
# what a name search must get right besides the names typed: a letter, a short prefix,
# digits, many words, words out of order or twice, accents and case, no words at all
HARD = (
    *string.ascii_lowercase,
    *"0123456789",
    "de",
    "s",
    "sy",
    "syn",
    "synthetisch",
    "Synthetisch school",
    "synthetisch school 1",
    "school synthetisch",
    "school persoon",
    "s s",
    "s sc 1",
    "synthetisch persoon 1 2",
    "persoon",
    "onderwerp",
    "SYNTH",
    "Fryslân",
    "FRYSLAN",
    "fr",
    "den haag",
    "'s-Hertogenbosch",
    "s hertogenbosch",
    "Ørsted straße",
    "leeruitkomsten",
    "learning outcomes",
    "zzqx",
    "",
    "   ",
    "-",
)


def typed(batch: GraphBatch, rng: random.Random, count: int) -> list[str]:
    """Texts as people type them: a whole name, its start (also in upper case), the
    starts of some of its words in any order, a word from its middle, or the start with
    a word no name holds."""
    held = sorted({n.name for n in batch.nodes})

    def one() -> str:
        name = rng.choice(held)
        start = name[: rng.randint(1, len(name))]
        words = name.split()
        some = rng.sample(words, rng.randint(1, min(3, len(words))))
        return rng.choice(
            [
                name,
                start,
                start.upper(),
                " ".join(w[: rng.randint(1, len(w))] for w in some),
                rng.choice(words),
                f"{start} zzqx",
            ]
        )

    return [one() for _ in range(count)]


class Reference:
    """`names.rank_hits` over every node the store holds: the embedded store's search."""

    def __init__(self, nodes: list[Node]) -> None:
        self.nodes = nodes
        self.fields = {n.id: names.search_fields(n) for n in nodes}

    def search(self, text: str, kinds: list[str] | None, limit: int) -> list[SearchHit]:
        of_kinds = [n for n in self.nodes if not kinds or n.kind in kinds]
        return names.rank_hits(text, of_kinds, limit, lambda n: self.fields[n.id])


@pytest.fixture(scope="module")
def searched(loaded: tuple[Graph, GraphBatch]) -> tuple[Snapshot, Reference, GraphBatch]:
    graph, batch = loaded
    return Snapshot.of(graph.store), Reference(graph.store.export().nodes), batch


def test_same_hits_as_every_node_ranked(searched: tuple[Snapshot, Reference, GraphBatch]) -> None:
    snapshot, reference, batch = searched
    rng = random.Random(SEED)
    found = 0
    for i, text in enumerate(typed(batch, rng, TEXTS)):
        kinds, limit = rng.choice(KINDS), rng.choice(LIMITS)
        expected = reference.search(text, kinds, limit)
        where = f"seed {SEED}, text {i}: {text!r}, kinds {kinds}, limit {limit}"
        assert snapshot.search_names(text, kinds, limit) == expected, where
        found += bool(expected)
    assert found > TEXTS // 2  # all but the unknown words mostly find: a real comparison


def test_same_hits_for_the_hard_cases(searched: tuple[Snapshot, Reference, GraphBatch]) -> None:
    snapshot, reference, _ = searched
    many = 0
    for text in HARD:
        for kinds in KINDS[1:]:
            for limit in (1, 20, SEARCH_POOL):
                expected = reference.search(text, kinds, limit)
                where = f"{text!r}, kinds {kinds}, limit {limit}"
                assert snapshot.search_names(text, kinds, limit) == expected, where
                many += len(expected) == SEARCH_POOL
    assert many  # some texts fill the explorer's pool: ranked among many candidates


def test_embedded_store_is_the_reference(bundled_batch: GraphBatch) -> None:
    """The reference above is the embedded store's own search."""
    store = MemoryStore()
    store.load(bundled_batch)
    reference = Reference(store.export().nodes)
    for text in ("de", "learning outcomes", "Fryslân"):
        assert store.search_names(text, None, 20) == reference.search(text, None, 20)


def test_scores_decide_over_how_a_name_matches() -> None:
    """A name that starts with the text but has a thousand words scores as low as a
    short name that only matches word by word (then kind and id decide), or lower, and
    a sixth name counts as the fifth: the read model ranks by the score and its ties,
    not by how a name matches."""
    long_name = "noord " + " ".join(f"woord{i}" for i in range(1001))  # 20 - 10.02
    longer_name = "noord " + " ".join(f"woord{i}" for i in range(1201))  # 20 - 12.02
    synonyms = (*(f"ander{i}" for i in range(7)), "het noord")
    nodes = [
        Node("org:breed", "Organisation", {"name": long_name, "category": "school"}),
        Node("org:kort", "Organisation", {"name": "Het Noorden", "category": "school"}),
        Node("org:lang", "Organisation", {"name": longer_name, "category": "school"}),
        Node("topic:noord", "Topic", {"name": "Zuid", "synonyms": synonyms}),
        Node("topic:noorder", "Topic", {"name": "Oost", "synonyms": synonyms[2:]}),
    ]
    store = MemoryStore()
    store.load(GraphBatch(nodes))
    snapshot = Snapshot.of(store)
    # 9.98 twice (by id), 7.98, then 4.98 twice: "het noord" is the eighth and sixth name
    order = ["org:breed", "org:kort", "org:lang", "topic:noord", "topic:noorder"]
    assert [h.node.id for h in store.search_names("noord", None, 20)] == order
    for text in ("noord", "no", "het no", "n", "het"):
        for limit in (1, 2, 20):
            expected = store.search_names(text, None, limit)
            assert snapshot.search_names(text, None, limit) == expected, (text, limit)
