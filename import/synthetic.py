"""Synthetic graphs shaped like the national field, for scale tests and benchmarks.

Everything made here is synthetic and says so: ids start with ``synth-``, names with
"Synthetisch", and every node and relationship has ``source = "synthetic"``. It is built
in memory on top of the real regions (so maps and region queries work) and is never
written to ``data/``.

Scale 1 is about the size of the real field: all gemeenten, ~7,000 schools, ~120
partnerships, ~50 onderwijsregio's, ~5,000 people, ~150 topics.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from graphmodel import schema
from graphmodel.model import GraphBatch, Node, Relationship
from importers.curated import SYNTHETIC_SOURCE

__all__ = ["SYNTHETIC_SOURCE", "Shape", "real_regions", "synthetic_batch"]


@dataclass(frozen=True)
class Shape:
    """How many of each kind at scale 1."""

    schools: int = 7000
    boards: int = 1000
    partnerships: int = 120
    onderwijsregios: int = 50
    people: int = 5000
    topics: int = 150
    research_groups: int = 200
    networks: int = 40


REAL_LEVELS = ("land", "provincie", "corop", "gemeente")  # the CBS division, kept as is


def real_regions(dataset: GraphBatch) -> GraphBatch:
    """The CBS regions of a real dataset and the PART_OF links among them: the ground a
    synthetic field is built on (its own onderwijsregio's replace the real ones)."""
    regions = [n for n in dataset.nodes if n.kind == "Region" and n.get("level") in REAL_LEVELS]
    ids = {r.id for r in regions}
    links = [
        r for r in dataset.relationships if r.type == "PART_OF" and r.start in ids and r.end in ids
    ]
    return GraphBatch(regions, links)


def synthetic_batch(regions: GraphBatch, scale: float = 1.0, seed: int = 1) -> GraphBatch:
    """A synthetic batch at `scale` on the given real regions (see `real_regions`),
    which it includes."""
    return _Generator(regions, scale, random.Random(seed)).build()


class _Generator:
    def __init__(self, regions: GraphBatch, scale: float, rng: random.Random) -> None:
        self.rng = rng
        self.scale = scale
        self.gemeenten = [r.id for r in regions.nodes if r.get("level") == "gemeente"]
        self.provinces = [r.id for r in regions.nodes if r.get("level") == "provincie"]
        self.batch = GraphBatch(list(regions.nodes), list(regions.relationships))

    def count(self, base: int) -> int:
        return max(1, round(base * self.scale))

    def build(self) -> GraphBatch:
        shape = Shape()
        topics = self.topics(shape.topics)  # a vocabulary does not grow with the field
        regions = self.nodes(
            "Region", "onderwijsregio", self.count(shape.onderwijsregios), level="onderwijsregio"
        )
        for gemeente in self.gemeenten:
            self.link(gemeente, "PART_OF", self.rng.choice(regions))
        boards = self.nodes(
            "Organisation", "bestuur", self.count(shape.boards), category="schoolbestuur"
        )
        schools = self.nodes(
            "Organisation",
            "school",
            self.count(shape.schools),
            category="school",
            sectors=lambda: (self.rng.choice(("po", "vo", "mbo")),),
        )
        partnerships = self.nodes("Partnership", "partnerschap", self.count(shape.partnerships))
        networks = self.nodes("Network", "netwerk", self.count(shape.networks))
        groups = self.nodes(
            "ResearchGroup", "lectoraat", self.count(shape.research_groups), type="lectoraat"
        )
        people = self.nodes("Person", "persoon", self.count(shape.people))
        for school in schools:
            self.link(school, "LOCATED_IN", self.rng.choice(self.gemeenten))
            self.link(school, "PART_OF", self.rng.choice(boards))
            self.link(school, "MEMBER_OF", self.rng.choice(partnerships))
        for board in boards:
            self.link(board, "LOCATED_IN", self.rng.choice(self.gemeenten))
        for actor in partnerships + networks:
            self.link(actor, "ACTIVE_IN", self.rng.choice(self.provinces + regions))
        for actor in partnerships + networks + groups + people:
            for topic in self.some_topics(topics):
                self.link(actor, "WORKS_ON", topic)
        for person in people:
            self.link(
                person,
                "AFFILIATED_WITH",
                self.rng.choice(schools + groups + networks),
                role="medewerker",
            )
        return self.batch

    def topics(self, n: int) -> list[str]:
        ids = self.nodes("Topic", "onderwerp", n)
        for i, topic in enumerate(ids[10:], start=10):  # a shallow hierarchy
            self.link(topic, "BROADER", ids[i % 10])
        return ids

    def some_topics(self, topics: list[str]) -> list[str]:
        """1-3 topics, common ones far more often than rare ones (Zipf-like); sorted, so
        that the dates drawn after them are the same in every process (a set's order
        depends on the process's string hashing)."""
        weights = [1 / (rank + 1) for rank in range(len(topics))]
        return sorted(set(self.rng.choices(topics, weights=weights, k=self.rng.randint(1, 3))))

    def nodes(self, kind: str, word: str, n: int, **props: object) -> list[str]:
        ids = []
        for i in range(1, n + 1):
            node_id = f"{schema.kind(kind).prefix}:synth-{word}-{i:05d}"
            values = {k: v() if callable(v) else v for k, v in props.items()}
            self.batch.nodes.append(
                Node(
                    node_id,
                    kind,
                    {"name": f"Synthetisch {word} {i}", **values, **self.provenance()},
                )
            )
            ids.append(node_id)
        return ids

    def link(self, start: str, rel_type: str, end: str, **props: str) -> None:
        self.batch.relationships.append(
            Relationship(start, rel_type, end, {**props, **self.provenance()})
        )

    def provenance(self) -> dict[str, str]:
        year = self.rng.randint(2019, 2026)
        month = self.rng.randint(1, 11 if year == 2026 else 12)
        return {"source": SYNTHETIC_SOURCE, "verified": f"{year}-{month:02d}-01"}
