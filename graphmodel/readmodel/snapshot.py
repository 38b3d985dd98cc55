"""Building the read model: an immutable in-process copy of the graph, indexed for reading.

`Snapshot.of(store)` exports the store once and indexes it: nodes by id, relationships
by (node, direction, type) and per node, the walks from each node once walked
(`Snapshot.follow_many`), and the evidence on each topic (`Snapshot.topic_evidence`);
what the questions keep on it (`Store.remember`) is worked out at their first question,
or ahead of them (`Snapshot.prepare`). It keeps the read part of the `Store` contract, so every
question in `graphmodel.questions` runs on it as it runs on a store, without a round
trip; it refuses every write (it is derived: build a new one instead).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from datetime import date

from graphmodel import schema
from graphmodel.errors import GraphModelError
from graphmodel.model import GraphBatch, LoadSummary, Node, Relationship, SearchHit, Step, Walk
from graphmodel.questions import coverage, people
from graphmodel.readmodel import covering, ranking, routing, searching
from graphmodel.readmodel.daycache import DayCache
from graphmodel.stores import evidence, history, names
from graphmodel.stores.base import Kept, Placed, Progress, Request, Store
from graphmodel.stores.memory import MemoryStore
from graphmodel.stores.routes import ROUTE_AVOIDS, ROUTE_MAX_HOPS

__all__ = ["Snapshot"]


class Snapshot(MemoryStore):
    """The graph of a store at one `version`, read-only, indexed for the questions.

    Examples
    --------
    >>> from graphmodel.model import GraphBatch, Node
    >>> store = MemoryStore()
    >>> _ = store.load(GraphBatch([Node("topic:evc", "Topic", {"name": "EVC"})]))
    >>> snapshot = Snapshot.of(store)
    >>> snapshot.node("topic:evc").name, snapshot.version_built == store.version()
    ('EVC', True)
    >>> snapshot.wipe()
    Traceback (most recent call last):
    ...
    graphmodel.errors.GraphModelError: the read model is derived from the graph: write to the store
    """

    def __init__(self, version: str, batch: GraphBatch) -> None:
        super().__init__()
        self.version_built = version
        self._sealed = False
        super().load(batch)
        self._sealed = True
        # every (other end, relationship) at a node, both directions: the routes' steps
        self._around: dict[str, list[tuple[str, Relationship]]] = defaultdict(list)
        for rel in batch.relationships:
            self._around[rel.start].append((rel.end, rel))
            self._around[rel.end].append((rel.start, rel))
        self._routes = routing.Routes(self._around, self._kinds)
        self._kept: dict[Hashable, object] = {}  # Store.remember, for the graph
        self._kept_today: DayCache[object] = DayCache()  # Store.remember, for a day
        # (start, steps) -> the walks: the graph does not change under a snapshot, so a
        # walk taken once (a candidate's topics, its regions) is kept for every question
        self._walks: dict[tuple[str, tuple[Step, ...]], list[Walk]] = {}
        self._of_kind = {kind: self._sorted_of(kind) for kind in set(self._kinds.values())}
        self._by_id = dict(self._graph.nodes(data="node"))  # not through networkx's views
        self._whereabouts: ranking.Whereabouts | None = None  # placed by walking, first
        self._whereabouts = ranking.Whereabouts.of(self)
        self._words = searching.WordIndex(batch.nodes)
        self._names = self._words.names  # the folded names the embedded search scores by
        # coverage's indexes: worked out at their first question, or prepared
        self._covering = covering.Covering(batch, self._whereabouts)

    @classmethod
    def of(cls, store: Store) -> Snapshot:
        """The read model of `store` as it is now. Its version is read before its
        contents: a write in between makes the snapshot look older than it is, so that
        the next check builds again, never the other way round."""
        version = store.version()
        return cls(version, store.export())

    # --- what the read model answers faster than the walks --------------------------

    def follow_many(self, requests: Sequence[Request]) -> list[list[Walk]]:
        """As `Store.follow_many`; walks to fixed ends (`Step.end_ids`, met from the
        smaller side) are walked each time, every other walk is kept per start."""
        return [
            super(Snapshot, self).follow_many([(starts, steps)])[0]
            if steps and steps[-1].end_ids
            else self._kept_walks(starts, tuple(steps))
            for starts, steps in requests
        ]

    def _kept_walks(self, start_ids: Collection[str], steps: tuple[Step, ...]) -> list[Walk]:
        found: list[Walk] = []
        for start in dict.fromkeys(start_ids):
            walks = self._walks.get((start, steps))
            if walks is None:
                walks = self._walks[(start, steps)] = super().follow_many([([start], steps)])[0]
            found += walks
        return found

    def topic_evidence(
        self,
        asked: Collection[str],
        kinds: Collection[str] = schema.ACTOR_KINDS,
        broader: bool = True,
        fresh_since: str | None = None,
    ) -> list[evidence.Evidence]:
        """As `Store.topic_evidence`, per asked topic (the reduction is per topic, so
        the topics of a question join): every piece of evidence on a topic is walked
        once and kept for the graph, and so is its reduction without a day. A day's
        reduction is not kept: find_people, which asks for it, keeps what it draws from
        it for the day (`graphmodel.questions.people`)."""
        found: list[evidence.Evidence] = []
        for topic in dict.fromkeys(asked):
            key = (topic, tuple(kinds), broader)
            if fresh_since is None:
                found += self.remember(
                    ("best-evidence", *key),
                    None,
                    lambda key=key: evidence.best_evidence(self._all_evidence(*key), None),
                )
            else:
                found += evidence.best_evidence(self._all_evidence(*key), fresh_since)
        return found

    def _all_evidence(
        self, topic: str, kinds: tuple[str, ...], broader: bool
    ) -> list[evidence.Evidence]:
        """Every piece of evidence on `topic`, walked once (the walks are not kept)."""
        return self.remember(
            ("all-evidence", topic, kinds, broader),
            None,
            lambda: evidence.read_evidence(
                MemoryStore.follow_many(self, evidence.requests([topic], kinds, broader))
            ),
        )

    def search_names(
        self, text: str, kinds: Collection[str] | None = None, limit: int = 20
    ) -> list[SearchHit]:
        """As `Store.search_names`, scoring only the nodes the names ranked once put
        first (`searching.WordIndex`), instead of every node."""
        best = self._words.best(text, kinds, limit)
        return names.rank_hits(text, self.nodes(best), limit, self._names_of)

    def prepare(self, day: date) -> None:
        """Work out ahead of the questions what they keep on this model for `day`:
        find_people's (`graphmodel.questions.people.prepare`, and the routes' side of
        every gemeente: `routing.Routes.hold`), coverage's indexes
        (`covering.Covering.prepare`) and its matrices (`coverage.prepare`)."""
        self._covering.prepare()
        coverage.prepare(self)
        people.prepare(self, day)
        self._routes.hold(r.id for r in self.nodes_of("Region", {"level": "gemeente"}))

    def remember(self, key: Hashable, day: date | None, work_out: Callable[[], Kept]) -> Kept:
        """As `Store.remember`: kept as long as the snapshot answers (the graph does not
        change under it), what depends on a day for that day only (`DayCache`). Two
        threads asking at once may both work it out; they find the same."""
        if day is not None:
            return self._kept_today.get(day, key, work_out)  # type: ignore[return-value]
        if key not in self._kept:
            self._kept[key] = work_out()
        return self._kept[key]  # type: ignore[return-value]

    def placed(
        self, actor_ids: Collection[str], region_ids: Collection[str] | None = None
    ) -> Placed | None:
        """As `Store.placed`, from every actor's regions, placed when the model was built
        (while it is built, None: they are placed by walking)."""
        if self._whereabouts is None:
            return None
        return self._whereabouts.placed(actor_ids, region_ids)

    def nodes(self, node_ids: Collection[str]) -> list[Node]:
        """As `Store.nodes`, from a dict of every node (a question asks for its sixty
        results and what they name several times)."""
        held = self._by_id
        return [held[i] for i in node_ids if i in held]

    def nodes_of(self, kind: str, where: Mapping[str, str] | None = None) -> list[Node]:
        """As `Store.nodes_of`, from the nodes of each kind, sorted once (not every
        node of the graph at each question)."""
        wanted = (where or {}).items()
        return [n for n in self._of_kind.get(kind, ()) if all(n.get(k) == v for k, v in wanted)]

    def _sorted_of(self, kind: str) -> list[Node]:
        return super().nodes_of(kind)

    def workers(
        self, topic_ids: Collection[str], kinds: Collection[str] = schema.ACTOR_KINDS
    ) -> dict[str, dict[str, str]] | None:
        """As `Store.workers`, read from the graph's relationships once for every
        topic (`covering.Covering`)."""
        return self._covering.workers(topic_ids, kinds)

    def at_level(
        self, level: str
    ) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]] | None:
        """As `Store.at_level`, from every actor's regions, once per level
        (`covering.Covering`)."""
        return self._covering.at_level(level)

    def shortest_walks(
        self,
        start: str,
        targets: Collection[str],
        max_hops: int = ROUTE_MAX_HOPS,
        avoid: Collection[str] = ROUTE_AVOIDS,
    ) -> dict[str, Walk]:
        """As `Store.shortest_walks`. With the usual avoided kinds, the origin's side is
        searched once for all targets and kept (`routing.Routes`); the walks found are
        the same."""
        if set(avoid) != set(ROUTE_AVOIDS) or start not in self._kinds:
            return super().shortest_walks(start, targets, max_hops, avoid)
        return self._routes.shortest_walks(
            start, (t for t in targets if t in self._kinds), max_hops
        )

    def _kind_of(self, node_id: str) -> str:
        return self._kinds[node_id]

    def _route_steps(self, node_id: str) -> Iterable[tuple[str, Relationship]]:
        return self._around.get(node_id, ())

    # --- derived: never written to ------------------------------------------------

    def load(
        self,
        batch: GraphBatch,
        progress: Progress | None = None,
        occasion: history.Occasions | None = None,
        changes: Sequence[history.Change] = (),
    ) -> LoadSummary:
        self._refuse()
        return super().load(batch, progress, occasion, changes)

    def replace(
        self,
        batch: GraphBatch,
        changes: Sequence[history.Change] = (),
        progress: Progress | None = None,
    ) -> LoadSummary:
        self._refuse()
        return super().replace(batch, changes, progress)

    def wipe(self) -> None:
        self._refuse()
        super().wipe()

    def add_history(self, changes: Sequence[history.Change]) -> None:
        self._refuse()
        super().add_history(changes)

    def _refuse(self) -> None:
        """Only the build writes (through MemoryStore.load, once)."""
        if self._sealed:
            raise GraphModelError("the read model is derived from the graph: write to the store")
