"""Benchmark of a design not taken: find_people ranked in one Cypher statement on Neo4j.

find_people on Neo4j misses the goal of issue #4 (p95 under 50 ms at scale 1): it reads
the candidates' evidence and scores it in Python, as the embedded store does. The way
left would be to rank on the server, in a second implementation of the scoring. This
measures a lower bound for that: one statement that takes the topic evidence as the
store reduces it (`cypher.topic_evidence`), scores it with rarity and freshness, adds
the points of the seeker's gemeente and every larger region it lies in, and returns the
best 20 ids. A real ranking on the server would add shared networks, the sector, the
reasons' data and the introduction routes on top. Both it and the real find_people are
asked the same questions, in alternating blocks, after a warm-up.
Run: ``python -m benchmarks.server_ranking [--runs 100] [--warm-up 300]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import graphmodel
from benchmarks.queries import BENCH_PORT, WARM_UP_SEED, p95, parts
from graphmodel import clock
from graphmodel.graph import Graph
from graphmodel.model import GraphBatch
from graphmodel.questions import places
from graphmodel.questions.people import DEFAULT_WEIGHTS
from graphmodel.stores import cypher, evidence
from graphmodel.stores.neo4j import Neo4jStore
from importers.curated import read_dataset
from importers.synthetic import real_regions, synthetic_batch
from verbindplaats import neo4j_server

FRESHNESS = (
    "CASE WHEN {v} >= $fresh_since THEN 1.0 WHEN NOT {v} =~ $iso_day THEN 0.0"
    " ELSE 0.5 ^ (duration.inDays(date({v}), date($fresh_since)).days / $half_life) END"
)
RANKING = f"""
CALL () {{ {cypher.topic_evidence(("Person", "Organisation"), broader=True)} }}
UNWIND evidence AS e
WITH e[0] AS actor, e[1] AS asked, CASE e[3] WHEN 'exact' THEN 1.0
       WHEN 'narrower' THEN $narrower ELSE $broader END
     * CASE WHEN e[4] IS NULL THEN 1.0 ELSE $through_group END
     * {FRESHNESS.format(v="e[5]")} AS strength
WITH asked, actor, max(strength) AS best
WITH asked, collect([actor, best]) AS found
UNWIND found AS f
WITH f[0] AS actor, sum(f[1] * $topic / (log(1 + size(found)) / log(2))) AS points
WITH collect([actor, points]) AS candidates
CALL (candidates) {{
  UNWIND candidates AS c
  RETURN c[0] AS actor, c[1] AS topic_points, 0.0 AS region_points
  UNION ALL
  UNWIND $home AS home
  MATCH (:Region {{id: home[0]}})<-[:PART_OF*0..{places.HIERARCHY_DEPTH}]-(inner:Region)
  CALL (inner) {{
    MATCH (inner)<-[w:LOCATED_IN|ACTIVE_IN|MEMBER_OF]-(a) RETURN a, w.verified AS v
    UNION ALL
    MATCH (inner)<-[w:LOCATED_IN|ACTIVE_IN|MEMBER_OF]-(:Entity)
          <-[b:AFFILIATED_WITH|LEADS|HOSTED_BY|MEMBER_OF]-(a)
    RETURN a, CASE WHEN w.verified < b.verified THEN w.verified ELSE b.verified END AS v
  }}
  RETURN a.id AS actor, 0.0 AS topic_points, home[1] * {FRESHNESS.format(v="v")} AS region_points
}}
WITH actor, sum(topic_points) AS topic_points, max(region_points) AS region_points
WHERE topic_points > 0
RETURN actor, topic_points + region_points AS score
ORDER BY score DESC, actor
LIMIT 20
"""


def questions(batch: GraphBatch, runs: int, seed: int) -> list[tuple[str, str]]:
    """(topic, gemeente) pairs, drawn as benchmarks.queries draws its seekers."""
    rng = random.Random(seed)
    topic_ids = [n.id for n in batch.nodes if n.kind == "Topic"]
    gemeenten = [n.id for n in batch.nodes if n.get("level") == "gemeente"]
    return [(rng.choice(topic_ids), rng.choice(gemeenten)) for _ in range(runs)]


def rank_on_server(store: Neo4jStore, topic: str, gemeente: str) -> None:
    """Rank for one seeker: their regions (two round trips, as find_people makes), then
    the statement, through the analysts' `cypher` as any read query."""
    weights = DEFAULT_WEIGHTS
    (walks,) = store.follow_many([places.larger_request([gemeente])])
    # the country is left out: it counts only for the few active in the country itself
    home = [
        [region.id, weights.region * weights.level(str(region.get("level")))]
        for region in store.nodes({walk.end for walk in walks})
        if region.get("level") != "land"
    ]
    store.cypher(
        RANKING,
        asked=[topic],
        home=home,
        fresh_since=weights.fresh_since(clock.today()),
        iso_day=evidence.ISO_DAY.pattern,
        half_life=float(weights.half_life_days),
        topic=weights.topic,
        narrower=weights.narrower,
        broader=weights.broader,
        through_group=weights.through_group,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--warm-up", type=int, default=300, help="questions of each kind first")
    args = parser.parse_args()

    bundled, _ = read_dataset(graphmodel.BUNDLED_DATA)
    batch = synthetic_batch(real_regions(bundled), scale=1)
    status = neo4j_server.start(BENCH_PORT)
    store = Graph(Neo4jStore.connect(status.uri, password=neo4j_server.password()))
    try:
        store.wipe()
        for part in parts(batch):
            store.load(part)
        asks = {
            "find_people": lambda t, g: store.find_people([t], region=g),
            "server ranking": lambda t, g: rank_on_server(store, t, g),
        }
        for ask in asks.values():
            for topic, gemeente in questions(batch, args.warm_up, WARM_UP_SEED):
                ask(topic, gemeente)
        measured = questions(batch, args.runs, seed=7)
        times: dict[str, list[float]] = {name: [] for name in asks}
        for block in (measured[i : i + 20] for i in range(0, len(measured), 20)):
            for name, ask in asks.items():
                for topic, gemeente in block:
                    start = time.perf_counter()
                    ask(topic, gemeente)
                    times[name].append((time.perf_counter() - start) * 1000)
        print("scale 1, Neo4j    runs  median ms   p95 ms")
        for name, ms in times.items():
            print(f"{name:15s}  {len(ms):4d}  {statistics.median(ms):9.1f}  {p95(ms):7.1f}")
    finally:
        store.close()
        neo4j_server.stop(BENCH_PORT)


if __name__ == "__main__":
    main()
