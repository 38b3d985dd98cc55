"""The storage contract every store keeps: ``Store``.

Two implementations stand behind it, ``MemoryStore`` (networkx, no server) and
``Neo4jStore`` (the official driver); ``PublicView`` wraps either for the public. The
contract is the basic operations (load, read nodes and relationships, follow walks,
export) and the hooks a server may answer itself because it can do so with less sent
(``relationships_among``, ``topic_evidence``, ``shortest_walks``). The questions people
ask are built on it once, in ``graphmodel.questions``, and offered together by
``graphmodel.graph.Graph``. One contract test suite runs against every store, so an
analyst, the CLI and the explorer get the same answers whichever store they use.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from datetime import date
from types import TracebackType
from typing import TypeVar

import pandas as pd

from graphmodel import schema
from graphmodel.model import (
    GraphBatch,
    GraphStats,
    LoadSummary,
    Node,
    Relationship,
    SearchHit,
    Step,
    Walk,
)
from graphmodel.stores import evidence, history
from graphmodel.stores.routes import ROUTE_AVOIDS, ROUTE_MAX_HOPS

__all__ = ["Kept", "Placed", "Progress", "Request", "Store"]

Progress = Callable[[int], None]  # told how many entries were just written
Request = tuple[Collection[str], Sequence[Step]]  # for Store.follow_many
# for Store.placed: per actor, (region, verified, via) for each region it is in
Placed = dict[str, list[tuple[str, str, str | None]]]
Kept = TypeVar("Kept")  # for Store.remember: whatever a question keeps


class Store(abc.ABC):
    """A graph of Verbindplaats nodes and relationships that can be loaded and queried."""

    # Told, with a message, when a write waits for another process's write to the same
    # store (one shared by several processes, as a Neo4j server is).
    waiting: Callable[[str], None] | None = None
    # How many writes this store object has made: what was read from it before (the
    # parser's vocabulary) compares this to know when to read again.
    generation: int = 0
    # seconds an answer of `version` may be trusted while this object has not written:
    # none here (it counts this object's own writes); a server store's is a round trip
    recheck_after: float = 0.0

    @abc.abstractmethod
    def load(
        self,
        batch: GraphBatch,
        progress: Progress | None = None,
        occasion: history.Occasions | None = None,
        changes: Sequence[history.Change] = (),
    ) -> LoadSummary:
        """Merge a validated batch in, all or nothing; unchanged entries are not rewritten.

        `progress`, when given, is called with the number of entries written so far.
        With `occasion`, every change the load makes is added to the history (see
        `graphmodel.stores.history`), and `changes` (a dataset's recorded history,
        brought along) too, in the same all-or-nothing step; a change the store holds
        already is not added twice.

        Raises GraphModelError when the batch refers to nodes that neither it nor the
        store holds; the store is then unchanged.
        """

    @abc.abstractmethod
    def replace(
        self,
        batch: GraphBatch,
        changes: Sequence[history.Change] = (),
        progress: Progress | None = None,
    ) -> LoadSummary:
        """Replace all the store holds by a validated batch and the history `changes`, in
        one all-or-nothing step: whatever stops it (an error, the server killed), the
        store holds the old graph or the new one, never a mix or nothing.

        Raises GraphModelError when the batch refers to nodes it does not hold itself;
        the store is then unchanged.
        """

    @abc.abstractmethod
    def wipe(self) -> None:
        """Remove every node and relationship, and the history."""

    @abc.abstractmethod
    def history(self) -> list[history.Change]:
        """Every recorded change, in the order it was recorded."""

    @abc.abstractmethod
    def add_history(self, changes: Sequence[history.Change]) -> None:
        """Bring recorded changes along (a dataset's history file); a change the store
        holds already is not added twice."""

    @abc.abstractmethod
    def node(self, node_id: str) -> Node:
        """The node with this id; raises NodeNotFound."""

    @abc.abstractmethod
    def nodes(self, node_ids: Collection[str]) -> list[Node]:
        """The nodes with these ids that exist, in no particular order."""

    @abc.abstractmethod
    def nodes_of(self, kind: str, where: Mapping[str, str] | None = None) -> list[Node]:
        """Every node of `kind` whose properties equal `where` (all of them), by id."""

    @abc.abstractmethod
    def search_names(
        self, text: str, kinds: Collection[str] | None = None, limit: int = 20
    ) -> list[SearchHit]:
        """Nodes whose name, short name, English label or synonym matches `text`.

        Case- and accent-insensitive word-prefix matching ("fryslan" finds "Fryslân"),
        ranked by `graphmodel.stores.names.score`, ties broken by kind and id.
        """

    @abc.abstractmethod
    def relationships_of(self, node_ids: Collection[str]) -> list[Relationship]:
        """Every relationship that starts or ends at one of these nodes, each once."""

    def relationships_among(self, node_ids: Collection[str]) -> list[Relationship]:
        """Every relationship whose both ends are among these nodes: the links of a
        view. A server may filter before sending (a hub among the nodes can have
        thousands of relationships to nodes outside)."""
        among = set(node_ids)
        return [r for r in self.relationships_of(among) if r.start in among and r.end in among]

    def follow(self, start_ids: Collection[str], steps: Sequence[Step]) -> list[Walk]:
        """Every walk from one of `start_ids` that takes the `steps` in order.

        A walk never uses one relationship twice (as in a Cypher pattern); the order of
        the walks is not defined. Its relationships carry at least `role` and `verified`
        (a server may leave other properties out, to send less). This is the one
        traversal primitive the questions in `graphmodel.questions` are built on.
        """
        return self.follow_many([(start_ids, steps)])[0]

    @abc.abstractmethod
    def follow_many(self, requests: Sequence[Request]) -> list[list[Walk]]:
        """`follow` for several (start ids, steps) requests at once: on a server, one
        round trip instead of one per request. One list of walks per request."""

    def topic_evidence(
        self,
        asked: Collection[str],
        kinds: Collection[str] = schema.ACTOR_KINDS,
        broader: bool = True,
        fresh_since: str | None = None,
    ) -> list[evidence.Evidence]:
        """Who works on the `asked` topics (ids), their narrower topics (to
        `evidence.NARROWER_DEPTH` levels) and, with `broader`, their broader topic: actors of
        `kinds` with WORKS_ON, and people and organisations through a group (research
        group, network, partnership, alliance, project) that works on one.

        Per actor, asked topic and kind of evidence only the best is given, with facts
        checked on or after `fresh_since` counting as equally fresh (rules in
        `evidence.best_evidence`); in no particular order. A server may reduce them before
        sending, which is why this is a store method: a broad topic has thousands of
        walks behind it.
        """
        walks = self.follow_many(evidence.requests(asked, kinds, broader))
        return evidence.best_evidence(evidence.read_evidence(walks), fresh_since)

    @abc.abstractmethod
    def shortest_walks(
        self,
        start: str,
        targets: Collection[str],
        max_hops: int = ROUTE_MAX_HOPS,
        avoid: Collection[str] = ROUTE_AVOIDS,
    ) -> dict[str, Walk]:
        """For each reachable target, its first shortest walk from `start` (rules in
        `graphmodel.stores.routes`): in either direction, never through a node of an `avoid`
        kind, at most `max_hops` relationships. Unreachable targets are left out."""

    def placed(
        self, actor_ids: Collection[str], region_ids: Collection[str] | None = None
    ) -> Placed | None:
        """Where each of `actor_ids` is among `region_ids` (None: in every region), all at
        once, as `graphmodel.questions.places.place` keeps it: per actor that is in any,
        each region with the verified date and the group or organisation of the best
        way there.

        An index's hook (the read model keeps every actor's regions): a store without one
        answers None, and the questions walk instead (find_people from the smallest
        region out, `graphmodel.questions.proximity`; coverage from the actors).
        """
        return None

    def workers(
        self, topic_ids: Collection[str], kinds: Collection[str] = schema.ACTOR_KINDS
    ) -> dict[str, dict[str, str]] | None:
        """Per topic of `topic_ids`, the actors of `kinds` (id -> kind) that
        `topic_evidence` finds with ``broader=False``, without their evidence: all that
        coverage counts.

        An index's hook (the read model reads them from the graph once): a store without
        one answers None, and the questions take them from `topic_evidence`.
        """
        return None

    def at_level(
        self, level: str
    ) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]] | None:
        """Per actor, the regions of `level` it is in (as `graphmodel.questions.places`
        places it), and the regions of `level` it is around: inside a larger region it
        is in (not the country) without being in them.

        An index's hook (the read model keeps every actor's regions): a store without
        one answers None, and coverage places the actors it counts.
        """
        return None

    def remember(self, key: Hashable, day: date | None, work_out: Callable[[], Kept]) -> Kept:
        """`work_out()`: a value derived from the graph alone (and, with a `day`, from
        that day), such as what find_people knows of one topic whoever asks.

        An index's hook: the read model does not change under its questions, so it keeps
        the value (for `day` only: at the first question of another day it is worked out
        again); a store that can be written to works it out every time. What is kept
        holds ids, numbers and walks, never a node: a public view shares it.

        >>> from graphmodel.stores.memory import MemoryStore
        >>> MemoryStore().remember("answer", None, lambda: 42)
        42
        """
        return work_out()

    @abc.abstractmethod
    def stats(self) -> GraphStats:
        """Counts per kind and relationship type, and how many are sourced and dated."""

    @abc.abstractmethod
    def provenance(self) -> pd.DataFrame:
        """One row per node and relationship: element ("node" or "relationship"), kind
        (or type), source and verified."""

    @abc.abstractmethod
    def export(self) -> GraphBatch:
        """Every node and relationship, as a batch that loads back into any store (and
        that `importers.writer` writes as curated tables)."""

    def version(self) -> str:
        """What every write to the graph changes, also one made by another process on a
        shared store: a derived index (`graphmodel.readmodel`) built at one version is
        current while the store answers the same. Here, this object's own writes; a
        server store asks the server (one round trip)."""
        return f"generation {self.generation}"

    def close(self) -> None:  # noqa: B027 - optional hook, not abstract
        """Release connections; the embedded store has none."""

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _wrote(self) -> None:
        """Called by every write: what was read from the store before may be stale."""
        self.generation += 1
