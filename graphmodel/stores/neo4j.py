"""The Neo4j store: the Store contract on a real server, through the official driver.

One driver per store (create the store once per process), managed transactions, and
batched writes (``UNWIND $rows ... MERGE``). A load runs in one transaction: it is
written completely or not at all. Statements live in `graphmodel.stores.cypher`.
"""

from __future__ import annotations

import os
import threading
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as NoAnswerInTime
from contextlib import contextmanager
from functools import partial
from typing import Any

import pandas as pd
from neo4j import Driver, GraphDatabase, ManagedTransaction, RoutingControl
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

from graphmodel import provenance, schema
from graphmodel.errors import NodeNotFound, StoreUnavailable
from graphmodel.model import (
    GraphBatch,
    GraphStats,
    LoadSummary,
    Node,
    Relationship,
    SearchHit,
    Walk,
)
from graphmodel.stores import cypher, evidence, history, names, routes
from graphmodel.stores.base import Progress, Request, Store
from graphmodel.stores.changes import check_batch, normalise_properties, plan_load
from graphmodel.text import words

__all__ = ["Neo4jStore"]

BATCH_SIZE = 2000  # rows per UNWIND statement
DELETE_CHUNK = 10000  # nodes or relationships per delete statement of a replace
WAIT_NOTICE_AFTER = 1.0  # seconds a write waits for another before it says so
SEARCH_CANDIDATES = 5000  # full-text matches ranked in Python; more are not considered


# A serving app answers within SERVING_PATIENCE seconds, also while the server is away or
# starting (it then accepts connections but does not answer the handshake). The driver
# always retries once, after a back-off of 0.8-1.2 s, starting its retry clock after the
# first attempt; so: two attempts of at most CONNECT_PATIENCE each (connecting, the
# handshake and waiting for the pool), and no third. Measured: 2.6 s on a silent port.
SERVING_PATIENCE = 3.0
CONNECT_PATIENCE = 0.75
RETRY_PATIENCE = 0.1
# Once connected, the driver waits for an answer as long as the server keeps the socket
# open: a server that hangs (stopped with SIGSTOP, swapping, shutting down with queries
# in flight) held a serving request 12-20 s. A serving read is given up on after
# READ_PATIENCE: above the slowest answer measured under load (find-people on Neo4j,
# p95 8.4 s with 20 users on one process), so that a slow answer is not taken for an
# absent server.
READ_PATIENCE = 10.0
# The one read of most serving questions (the read model answers the rest) is the graph's
# version: a single node by its key, answered in milliseconds even under load. Given up
# after VERSION_PATIENCE, so that while the server is away or restarting every answer
# says so within SERVING_PATIENCE, also when the driver's second connection attempt
# would have taken longer.
VERSION_PATIENCE = 2.0
# The whole graph (an export; the read model built from it, `graphmodel.readmodel`) is
# one long read: 2-3 s at national scale, ten times that at ten times the scale.
EXPORT_PATIENCE = 300.0
READERS = 32  # serving reads at once (per process); more wait their turn, within the patience


class Neo4jStore(Store):
    """A Store on a Neo4j server (5.x; local, remote, Aura or a cluster)."""

    # The read model trusts the server's version this long while this object has not
    # written: most questions then make no round trip at all, and a write by another
    # process (an import, a verification round) shows up within half a second.
    recheck_after = 0.5

    def __init__(
        self,
        driver: Driver,
        uri: str,
        database: str | None = None,
        read_patience: float | None = None,
    ) -> None:
        self._driver = driver
        self._uri = uri
        self._database = database
        self._read_patience = read_patience
        self._readers = (
            ThreadPoolExecutor(READERS, thread_name_prefix="neo4j-read") if read_patience else None
        )

    @classmethod
    def connect(
        cls,
        uri: str,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        serving: bool = False,
    ) -> Neo4jStore:
        """Connect and check the server answers; credentials default to NEO4J_USER and
        NEO4J_PASSWORD. Raises StoreUnavailable with a message that never holds the
        password.

        `serving` is for an app that people wait on (the explorer): nothing is checked
        now, and a call gives up after SERVING_PATIENCE seconds rather than the driver's
        30, so that the app can tell its users the database is away, and recovers by
        itself when it is back.
        """
        user = user or os.environ.get("NEO4J_USER", "neo4j")
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
        patience = (
            {
                "max_transaction_retry_time": RETRY_PATIENCE,
                "connection_timeout": CONNECT_PATIENCE,
                "connection_acquisition_timeout": CONNECT_PATIENCE,
            }
            if serving
            else {}
        )
        driver = GraphDatabase.driver(
            uri, auth=(user, password), notifications_min_severity="OFF", **patience
        )
        database = database or os.environ.get("NEO4J_DATABASE")
        if serving:
            return cls(driver, uri, database, read_patience=READ_PATIENCE)
        store = cls(driver, uri, database)
        try:
            with store._errors():
                driver.verify_connectivity()
            store.ensure_schema()
        except StoreUnavailable:
            driver.close()
            raise
        return store

    def close(self) -> None:
        if self._readers is not None:  # a read that hangs is left to the driver
            self._readers.shutdown(wait=False, cancel_futures=True)
        self._driver.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn driver errors a user can cause into StoreUnavailable with advice."""
        try:
            yield
        except AuthError as exc:
            raise StoreUnavailable(
                f"Neo4j at {self._uri} refused the user name or password; set NEO4J_USER "
                "and NEO4J_PASSWORD (for 'verbindplaats neo4j start' the password is in "
                ".neo4j/password)"
            ) from exc
        except ServiceUnavailable as exc:
            raise StoreUnavailable(
                f"Neo4j at {self._uri} is not reachable; start one with "
                "'verbindplaats neo4j start' or point NEO4J_URI at yours"
            ) from exc
        except (DriverError, Neo4jError) as exc:
            raise StoreUnavailable(f"Neo4j at {self._uri} failed: {exc}") from exc

    def _read(
        self, statement: str, patience: float | None = None, **params: Any
    ) -> list[dict[str, Any]]:
        """The rows as dicts; while serving, StoreUnavailable after READ_PATIENCE (or
        `patience` seconds, for a read known to be long)."""
        if self._readers is None:
            return self._read_now(statement, params)
        answer = self._readers.submit(self._read_now, statement, params)
        waited = patience or self._read_patience
        try:
            return answer.result(timeout=waited)
        except NoAnswerInTime:
            answer.cancel()  # not yet started: never sent; else the driver finishes it
            raise StoreUnavailable(
                f"Neo4j at {self._uri} did not answer within {waited:g} s"
            ) from None

    def _read_now(self, statement: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        """The rows as dicts. Every statement returns plain values (ids, maps of
        properties, lists), never graph objects, so the record's values are taken as
        they are: `Record.data()` would walk each of thousands of list items in Python
        to convert graph objects that are not there."""
        with self._errors():
            records, _, keys = self._driver.execute_query(
                statement, params, database_=self._database, routing_=RoutingControl.READ
            )
        return [dict(zip(keys, record, strict=True)) for record in records]

    def ensure_schema(self) -> None:
        """Uniqueness constraints on id per kind, and the full-text index for search."""
        statements = [
            cypher.CREATE_ENTITY_CONSTRAINT,
            cypher.CREATE_CHANGE_CONSTRAINT,
            cypher.CREATE_WRITE_LOCK_CONSTRAINT,
            cypher.CREATE_FULLTEXT_INDEX,
        ]
        statements += [
            cypher.with_label(cypher.CREATE_KIND_CONSTRAINT, k.name) for k in schema.KINDS
        ]
        with self._errors():
            for statement in [*statements, cypher.AWAIT_INDEXES]:
                self._driver.execute_query(statement, database_=self._database)

    # --- writing ----------------------------------------------------------------------

    def load(
        self,
        batch: GraphBatch,
        progress: Progress | None = None,
        occasion: history.Occasions | None = None,
        changes: Sequence[history.Change] = (),
    ) -> LoadSummary:
        self._wrote()
        with self._errors(), self._driver.session(database=self._database) as session:
            summary = session.execute_write(self._load, batch, progress, occasion, changes)
            if summary.total_created:
                session.run(cypher.RESAMPLE_INDEXES).consume()
        return summary

    def _load(
        self,
        tx: ManagedTransaction,
        batch: GraphBatch,
        progress: Progress | None,
        occasion: history.Occasions | None,
        changes: Sequence[history.Change] = (),
    ) -> LoadSummary:
        _take_write_lock(tx, self.waiting)
        existing_nodes = {
            r["id"]: _node(r).properties
            for r in tx.run(cypher.FETCH_NODES, ids=_referenced_ids(batch)).data()
        }
        check_batch(batch, existing_nodes.__contains__)
        existing_relationships = {
            rel.key: rel.properties
            for rel in map(
                _relationship,
                tx.run(cypher.FETCH_RELATIONSHIPS, rows=_relationship_keys(batch)).data(),
            )
        }
        plan = plan_load(batch, existing_nodes, existing_relationships)
        merge_nodes = partial(cypher.with_label, cypher.MERGE_NODES)
        merge_relationships = partial(cypher.with_type, cypher.MERGE_RELATIONSHIPS)
        _write_in_chunks(tx, merge_nodes, node_rows(plan.nodes), progress)
        _write_in_chunks(tx, merge_relationships, relationship_rows(plan.relationships), progress)
        if occasion:
            made = history.record(plan, existing_nodes, existing_relationships, occasion)
            _add_changes(tx, made)
        _add_changes(tx, changes)
        return plan.summary

    def replace(
        self,
        batch: GraphBatch,
        changes: Sequence[history.Change] = (),
        progress: Progress | None = None,
    ) -> LoadSummary:
        """The old graph is deleted and the new one written in one transaction: until it
        commits, the server (and after a crash, its recovery) holds the old one; a batch
        that `_load` refuses rolls the deletion back with it."""
        self._wrote()
        with self._errors(), self._driver.session(database=self._database) as session:
            summary = session.execute_write(self._replace, batch, changes, progress)
            session.run(cypher.RESAMPLE_INDEXES).consume()
        return summary

    def _replace(
        self,
        tx: ManagedTransaction,
        batch: GraphBatch,
        changes: Sequence[history.Change],
        progress: Progress | None,
    ) -> LoadSummary:
        _take_write_lock(tx, self.waiting)
        for statement in (cypher.DELETE_SOME_RELATIONSHIPS, cypher.DELETE_SOME_NODES):
            while tx.run(statement, chunk=DELETE_CHUNK).single(strict=True)["deleted"]:
                pass
        return self._load(tx, batch, progress, None, changes)

    def wipe(self) -> None:
        self._wrote()
        with self._errors(), self._driver.session(database=self._database) as session:
            for statement in cypher.WIPE:
                session.run(statement).consume()

    def add_history(self, changes: Sequence[history.Change]) -> None:
        with self._errors(), self._driver.session(database=self._database) as session:
            session.execute_write(_add_changes, changes, self.waiting)

    # --- reading ----------------------------------------------------------------------

    def history(self) -> list[history.Change]:
        return [
            history.Change(**{c: str(r["props"].get(c, "")) for c in history.COLUMNS})
            for r in self._read(cypher.HISTORY)
        ]

    def node(self, node_id: str) -> Node:
        found = self.nodes([node_id])
        if not found:
            raise NodeNotFound(f"node {node_id!r} is not in the graph")
        return found[0]

    def nodes(self, node_ids: Collection[str]) -> list[Node]:
        return [_node(r) for r in self._read(cypher.FETCH_NODES, ids=list(node_ids))]

    def nodes_of(self, kind: str, where: Mapping[str, str] | None = None) -> list[Node]:
        return [_node(r) for r in self._read(cypher.nodes_of(kind), where=dict(where or {}))]

    def search_names(
        self, text: str, kinds: Collection[str] | None = None, limit: int = 20
    ) -> list[SearchHit]:
        query_words = words(text)
        if not query_words:
            return []
        query = " AND ".join(f"{w}*" for w in query_words)
        rows = self._read(
            cypher.SEARCH,
            query=query,
            kinds=list(kinds) if kinds else None,
            cap=SEARCH_CANDIDATES,
        )
        return names.rank_hits(text, (_node(r) for r in rows), limit)

    def relationships_of(self, node_ids: Collection[str]) -> list[Relationship]:
        return self._relationship_list(cypher.TOUCHING, node_ids)

    def relationships_among(self, node_ids: Collection[str]) -> list[Relationship]:
        return self._relationship_list(cypher.TOUCHING_AMONG, node_ids)

    def _relationship_list(self, statement: str, node_ids: Collection[str]) -> list[Relationship]:
        (row,) = self._read(statement, ids=list(node_ids))
        return [
            Relationship(start, kind, end, normalise_properties(props))
            for start, kind, end, props in row["rels"]
        ]

    def follow_many(self, requests: Sequence[Request]) -> list[list[Walk]]:
        found: list[list[Walk]] = [[] for _ in requests]
        asked = [(i, list(dict.fromkeys(ids)), steps) for i, (ids, steps) in enumerate(requests)]
        asked = [(i, ids, steps) for i, ids, steps in asked if ids]
        if asked:
            statement, params = cypher.walks(asked)
            for row in self._read(statement, **params):
                found[row["request"]] = [_compact_walk(*walk) for walk in row["walks"]]
        return found

    def topic_evidence(
        self,
        asked: Collection[str],
        kinds: Collection[str] = schema.ACTOR_KINDS,
        broader: bool = True,
        fresh_since: str | None = None,
    ) -> list[evidence.Evidence]:
        (row,) = self._read(
            cypher.topic_evidence(kinds, broader),
            asked=list(asked),
            fresh_since=fresh_since,
            iso_day=evidence.ISO_DAY.pattern,
        )
        return [evidence.Evidence(*found) for found in row["evidence"]]

    def shortest_walks(
        self,
        start: str,
        targets: Collection[str],
        max_hops: int = routes.ROUTE_MAX_HOPS,
        avoid: Collection[str] = routes.ROUTE_AVOIDS,
    ) -> dict[str, Walk]:
        others = [t for t in dict.fromkeys(targets) if t != start]
        found = {t: Walk((t,), ()) for t in targets if t == start and self.nodes([t])}
        if others and max_hops >= 1:
            rows = self._read(cypher.shortest_walks(max_hops, avoid), start=start, targets=others)
            found |= {row["target"]: _walk(row) for row in rows}
        return found

    def stats(self) -> GraphStats:
        nodes = self._read(cypher.NODE_STATS)
        rels = self._read(cypher.RELATIONSHIP_STATS)
        return GraphStats(
            nodes={r["name"]: r["total"] for r in nodes},
            relationships={r["name"]: r["total"] for r in rels},
            nodes_sourced=sum(r["sourced"] for r in nodes),
            relationships_sourced=sum(r["sourced"] for r in rels),
            breakdown={
                kind: {
                    r["value"]: r["total"]
                    for r in self._read(cypher.with_label(cypher.BREAKDOWN, kind), column=column)
                }
                for kind, column in schema.BREAKDOWN.items()
                if any(r["name"] == kind for r in nodes)
            },
        )

    def provenance(self) -> pd.DataFrame:
        rows = self._read(cypher.PROVENANCE)
        return pd.DataFrame(rows, columns=provenance.COLUMNS)

    def export(self) -> GraphBatch:
        """The whole graph (the read model is built from it), each distinct text held
        once (`_Texts`)."""
        once = _Texts()
        nodes = [_node(row, once) for row in self._read(cypher.ALL_NODES, EXPORT_PATIENCE)]
        rels = self._read(cypher.ALL_RELATIONSHIPS, EXPORT_PATIENCE)
        return GraphBatch(nodes, [_relationship(row, once) for row in rels])

    def version(self) -> str:
        """The version the last committed write set on the server (any process's); one
        round trip."""
        return str(self._read(cypher.GRAPH_VERSION, VERSION_PATIENCE)[0]["version"] or "empty")

    def cypher(self, query: str, **params: Any) -> pd.DataFrame:
        """Run a read query for analysis; the result as a DataFrame (one column per key)."""
        with self._errors():
            records, _, keys = self._driver.execute_query(
                query, params, database_=self._database, routing_=RoutingControl.READ
            )
        return pd.DataFrame([r.values() for r in records], columns=keys)


class _Texts(dict[str, str]):
    """Each distinct text once. The driver reads every text anew: without this, a
    node's id is held again by each relationship at the node, and a day or a source by
    each entry that names it (the read model built from Neo4j held 139 MiB at
    synthetic scale 1, 114 MiB with it).

    Examples
    --------
    >>> once = _Texts()
    >>> first, again = "".join(["org:", "hu"]), "".join(["org", ":hu"])
    >>> first is again, once(first) is once(again) is first
    (False, True)
    """

    def __call__(self, text: str) -> str:
        return self.setdefault(text, text)


def _as_read(text: str) -> str:
    """A text as the driver read it."""
    return text


def _node(row: Mapping[str, Any], once: Callable[[str], str] = _as_read) -> Node:
    """The node of a record, its texts through `once` (`_Texts` holds each once)."""
    props = _properties(row["props"], once)
    props.pop("id", None)  # the id is the node's own field, not a property
    return Node(once(row["id"]), once(row["kind"]), props)


def _relationship(row: Mapping[str, Any], once: Callable[[str], str] = _as_read) -> Relationship:
    """The relationship of a record, its texts through `once`."""
    ends = once(row["start"]), once(row["type"]), once(row["end"])
    return Relationship(*ends, _properties(row["props"], once))


def _properties(props: Mapping[str, Any], once: Callable[[str], str]) -> dict[str, Any]:
    """`normalise_properties`, the keys and texts through `once` (not copied again for
    the reads that keep their texts as read: a walk's every relationship)."""
    found = normalise_properties(props)
    if once is _as_read:
        return found
    return {once(k): once(v) if isinstance(v, str) else v for k, v in found.items()}


def _walk(row: Mapping[str, Any]) -> Walk:
    return Walk(tuple(row["nodes"]), tuple(_relationship(r) for r in row["rels"]))


def _compact_walk(nodes: list[str], rels: list[list[str]]) -> Walk:
    """A walk whose relationships carry only role and verified (see cypher.walks)."""
    return Walk(
        tuple(nodes),
        tuple(
            Relationship(start, kind, end, normalise_properties({"role": role, "verified": day}))
            for start, kind, end, role, day in rels
        ),
    )


def _referenced_ids(batch: GraphBatch) -> list[str]:
    ids = {n.id for n in batch.nodes}
    ids.update(end for r in batch.relationships for end in (r.start, r.end))
    return sorted(ids)


def _relationship_keys(batch: GraphBatch) -> list[dict[str, str]]:
    return [
        {"start": s, "type": t, "end": e, "role": role}
        for s, t, e, role in (r.key for r in batch.relationships)
    ]


def node_rows(nodes: list[Node]) -> dict[str, list[dict[str, Any]]]:
    """Nodes as MERGE_NODES takes them, grouped by kind (label)."""
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in nodes:
        props = {k: list(v) if isinstance(v, tuple) else v for k, v in node.properties.items()}
        props |= {"id": node.id, "_search": names.search_text(node)}
        rows[node.kind].append({"id": node.id, "props": props})
    return rows


def relationship_rows(relationships: list[Relationship]) -> dict[str, list[dict[str, Any]]]:
    """Relationships as MERGE_RELATIONSHIPS takes them, grouped by type."""
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rel in relationships:
        role = rel.key[3]
        props = {k: list(v) if isinstance(v, tuple) else v for k, v in rel.properties.items()}
        rows[rel.type].append(
            {"start": rel.start, "end": rel.end, "role": role, "props": props | {"_role": role}}
        )
    return rows


def _take_write_lock(tx: ManagedTransaction, waiting: Callable[[str], None] | None) -> None:
    """Wait for the writers before this one (cypher.TAKE_WRITE_LOCK); tell `waiting` when
    that takes longer than a moment."""
    notice = threading.Timer(
        WAIT_NOTICE_AFTER,
        waiting or (lambda _: None),
        ["wacht tot een andere schrijver klaar is / waiting for another writer to finish"],
    )
    notice.start()
    try:
        tx.run(cypher.TAKE_WRITE_LOCK).consume()
    finally:
        notice.cancel()


def _add_changes(
    tx: ManagedTransaction,
    changes: Sequence[history.Change],
    waiting: Callable[[str], None] | None = None,
) -> None:
    """Recorded changes as :Change nodes, in order; ones already held are skipped."""
    _take_write_lock(tx, waiting)
    last = tx.run(cypher.LAST_CHANGE).single(strict=True)["seq"]
    rows = [{"key": c.key, "props": vars(c), "seq": last + i} for i, c in enumerate(changes, 1)]
    for start in range(0, len(rows), BATCH_SIZE):
        tx.run(cypher.ADD_CHANGES, rows=rows[start : start + BATCH_SIZE])


def _write_in_chunks(
    tx: ManagedTransaction,
    statement_for: Callable[[str], str],
    grouped_rows: dict[str, list[dict[str, Any]]],
    progress: Progress | None,
) -> None:
    """One UNWIND statement per BATCH_SIZE rows of each label or relationship type."""
    for name, rows in grouped_rows.items():
        for start in range(0, len(rows), BATCH_SIZE):
            chunk = rows[start : start + BATCH_SIZE]
            tx.run(statement_for(name), rows=chunk)
            if progress:
                progress(len(chunk))
