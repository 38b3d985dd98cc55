"""Every Cypher statement of the Neo4j store, as named constants.

Values always travel as parameters. Labels and relationship types cannot be parameters
in a pattern, so the few statements that need one have a ``{label}`` or ``{type}`` slot
that only `with_label` and `with_type` fill, and only with names from the schema.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from graphmodel import schema
from graphmodel.model import Step, reversed_steps
from graphmodel.stores import evidence, routes

__all__ = [
    "ADD_CHANGES",
    "ALL_NODES",
    "ALL_RELATIONSHIPS",
    "AWAIT_INDEXES",
    "BREAKDOWN",
    "CREATE_CHANGE_CONSTRAINT",
    "CREATE_ENTITY_CONSTRAINT",
    "CREATE_FULLTEXT_INDEX",
    "CREATE_KIND_CONSTRAINT",
    "CREATE_WRITE_LOCK_CONSTRAINT",
    "DELETE_SOME_NODES",
    "DELETE_SOME_RELATIONSHIPS",
    "FETCH_NODES",
    "FETCH_RELATIONSHIPS",
    "GRAPH_VERSION",
    "HISTORY",
    "LAST_CHANGE",
    "MERGE_NODES",
    "MERGE_RELATIONSHIPS",
    "NODE_STATS",
    "PROVENANCE",
    "RELATIONSHIP_STATS",
    "SEARCH",
    "TAKE_WRITE_LOCK",
    "TOUCHING",
    "TOUCHING_AMONG",
    "WIPE",
    "nodes_of",
    "shortest_walks",
    "topic_evidence",
    "walks",
    "with_label",
    "with_type",
]

# Every node carries the label Entity besides its kind: one id index for all kinds.
CREATE_ENTITY_CONSTRAINT = (
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE"
)
# Neo4j samples its indexes again only when it gets round to it, and plans the read
# statements on what it knew before: after loading the synthetic national graph,
# find_people spent 64-275 ms on the server (median, four loads) instead of 19-22 ms,
# for as long as a benchmark runs. Asked after every load that adds something; it only
# schedules the sampling, which takes milliseconds, and needs no admin rights (unlike
# db.prepareForReplanning). Plans made before are replanned once the new figures diverge.
RESAMPLE_INDEXES = "CALL db.resampleOutdatedIndexes()"
CREATE_KIND_CONSTRAINT = (
    "CREATE CONSTRAINT {label}_id IF NOT EXISTS FOR (n:`{label}`) REQUIRE n.id IS UNIQUE"
)
CREATE_FULLTEXT_INDEX = (
    "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n._search]"
)
AWAIT_INDEXES = "CALL db.awaitIndexes(60)"

# The history (graphmodel.stores.history) lives beside the graph as :Change nodes, which carry
# no Entity label: no question about the field ever meets them.
CREATE_CHANGE_CONSTRAINT = (
    "CREATE CONSTRAINT change_key IF NOT EXISTS FOR (c:Change) REQUIRE c.key IS UNIQUE"
)
LAST_CHANGE = "MATCH (c:Change) RETURN coalesce(max(c.seq), 0) AS seq"
ADD_CHANGES = """
UNWIND $rows AS row
MERGE (c:Change {key: row.key})
ON CREATE SET c += row.props, c.seq = row.seq
"""
HISTORY = "MATCH (c:Change) RETURN properties(c) AS props ORDER BY c.seq"

FETCH_NODES = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS kind, properties(n) AS props
"""

FETCH_RELATIONSHIPS = """
UNWIND $rows AS row
MATCH (a:Entity {id: row.start})-[r]->(b:Entity {id: row.end})
WHERE type(r) = row.type AND r._role = row.role
RETURN row.start AS start, row.type AS type, row.end AS end, properties(r) AS props
"""

MERGE_NODES = """
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:`{label}`
"""

MERGE_RELATIONSHIPS = """
UNWIND $rows AS row
MATCH (a:Entity {id: row.start}), (b:Entity {id: row.end})
MERGE (a)-[r:`{type}` {_role: row.role}]->(b)
SET r = row.props
"""

SEARCH = """
CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node
WITH node, [l IN labels(node) WHERE l <> 'Entity'][0] AS kind
WHERE $kinds IS NULL OR kind IN $kinds
RETURN node.id AS id, kind, properties(node) AS props
LIMIT $cap
"""

# Relationships around nodes come back as one list: a hub has thousands, and the driver
# takes far longer over thousands of rows than over one list.
TOUCHING = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]-()
WITH DISTINCT r
RETURN collect([startNode(r).id, type(r), endNode(r).id, properties(r)]) AS rels
"""

TOUCHING_AMONG = """
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]->(b:Entity)
WHERE b.id IN $ids
RETURN collect([a.id, type(r), b.id, properties(r)]) AS rels
"""

NODE_STATS = """
MATCH (n:Entity)
RETURN [l IN labels(n) WHERE l <> 'Entity'][0] AS name, count(*) AS total,
       sum(CASE WHEN n.source IS NOT NULL AND n.verified IS NOT NULL THEN 1 ELSE 0 END)
         AS sourced
"""

RELATIONSHIP_STATS = """
MATCH (:Entity)-[r]->(:Entity)
RETURN type(r) AS name, count(*) AS total,
       sum(CASE WHEN r.source IS NOT NULL AND r.verified IS NOT NULL THEN 1 ELSE 0 END)
         AS sourced
"""

BREAKDOWN = """
MATCH (n:`{label}`)
RETURN coalesce(toString(n[$column]), '') AS value, count(*) AS total
"""

ALL_NODES = """
MATCH (n:Entity)
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS kind, properties(n) AS props
"""

ALL_RELATIONSHIPS = """
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props
"""

PROVENANCE = """
MATCH (n:Entity)
RETURN 'node' AS element, [l IN labels(n) WHERE l <> 'Entity'][0] AS kind,
       n.source AS source, n.verified AS verified
UNION ALL
MATCH (:Entity)-[r]->(:Entity)
RETURN 'relationship' AS element, type(r) AS kind, r.source AS source, r.verified AS verified
"""

# Every write transaction first takes the write lock: Neo4j holds a node's write lock
# until the transaction ends, so writers queue here instead of each planning its changes
# on what the other is about to change (a source merged into "a; b" would lose "b").
CREATE_WRITE_LOCK_CONSTRAINT = (
    "CREATE CONSTRAINT write_lock_id IF NOT EXISTS FOR (l:WriteLock) REQUIRE l.id IS UNIQUE"
)
# The lock also carries the graph's version: a new one in every write transaction, seen
# by the readers once it commits (Neo4jStore.version); null after a wipe.
TAKE_WRITE_LOCK = (
    "MERGE (l:WriteLock {id: 'writes'}) SET l.taken = timestamp(), l.version = randomUUID()"
)
GRAPH_VERSION = "OPTIONAL MATCH (l:WriteLock {id: 'writes'}) RETURN l.version AS version"

# Inside one transaction (a replace: the old graph stays until the new one commits); in
# chunks, so that no single statement holds every row at once. Relationships first.
DELETE_SOME_RELATIONSHIPS = """
MATCH ()-[r]->() WITH r LIMIT $chunk DELETE r RETURN count(*) AS deleted
"""
DELETE_SOME_NODES = """
MATCH (n) WHERE NOT n:WriteLock WITH n LIMIT $chunk DELETE n RETURN count(*) AS deleted
"""

# Relationships first, then the bare nodes: a node with 100,000 relationships deleted with
# DETACH in one batch outgrows a small server's transaction memory.
WIPE = (
    "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
)


def with_label(statement: str, label: str) -> str:
    """`statement` with its label slot filled; only a kind of the schema is accepted."""
    schema.kind(label)  # KeyError for anything that is not a kind
    return statement.replace("{label}", label)


def with_type(statement: str, rel_type: str) -> str:
    """`statement` with its type slot filled; only a relationship type of the schema."""
    schema.relationship_type(rel_type)
    return statement.replace("{type}", rel_type)


# How a walk or route returns its relationships: enough to rebuild the model's Relationship.
_RELATIONSHIP_MAP = (
    "{start: startNode(r).id, type: type(r), end: endNode(r).id, props: properties(r)}"
)
_ARROWS = {"out": ("-", "->"), "in": ("<-", "-"), "both": ("-", "-")}


def walks(requests: Sequence[tuple[int, list[str], Sequence[Step]]]) -> tuple[str, dict[str, Any]]:
    """One statement and its parameters for several walks (see Store.follow_many):
    request i starts from its ids and follows its steps. One row per request that found
    walks, holding them as a list: the driver takes far longer over many rows than over
    one list.

    When the last step has fewer end ids than the request has start ids, the walk is
    matched from those ends and read back: anchored at a gemeente rather than at four
    thousand candidates. (Given both ends at once, the planner pairs every start with
    every end first, which takes seconds.) Types and labels come from the steps, which
    accept only names from the schema; they are checked again here because they are
    written into the statement.
    """
    lists = _Lists()
    parts = [_walk_part(i, ids, steps, lists) for i, ids, steps in requests]
    union = "\n  UNION ALL\n  ".join(parts)
    statement = f"""
CALL () {{
  {union}
}}
WITH request, [n IN ns | n.id] AS nodes,
     [r IN rs | [startNode(r).id, type(r), endNode(r).id, r._role, r.verified]] AS rels
RETURN request, collect([nodes, rels]) AS walks
"""
    return statement, lists.params


class _Lists:
    """The parameters of a statement, in which each distinct list of ids is sent once:
    the requests of one round trip often share thousands of candidates, and the driver
    packs every item of every parameter in Python."""

    def __init__(self) -> None:
        self.params: dict[str, list[str]] = {}
        self._names: dict[tuple[str, ...], str] = {}

    def name(self, ids: Collection[str]) -> str:
        """The parameter holding `ids` (in this order), added when new."""
        key = tuple(ids)
        if key not in self._names:
            self._names[key] = f"ids{len(self._names)}"
            self.params[self._names[key]] = list(key)
        return self._names[key]


def _walk_part(i: int, ids: list[str], steps: Sequence[Step], lists: _Lists) -> str:
    """One request's part of `walks`, from its starts or, when fewer, from its ends."""
    last = steps[-1] if steps else None
    if last is None or not last.end_ids or len(last.end_ids) >= len(ids):
        starts = lists.name(ids)
        match = f"MATCH p = {_pattern((), steps, lists)}"
        found = "nodes(p) AS ns, relationships(p) AS rs"
    else:
        starts = lists.name(sorted(last.end_ids))
        back = _pattern(last.kinds, reversed_steps((), steps), lists)
        match = f"MATCH p = {back} WITH p WHERE last(nodes(p)).id IN ${lists.name(ids)}"
        found = "reverse(nodes(p)) AS ns, reverse(relationships(p)) AS rs"
    return f"UNWIND ${starts} AS id {match} RETURN {int(i)} AS request, {found}"


def _pattern(start_kinds: Collection[str], steps: Sequence[Step], lists: _Lists) -> str:
    """The path pattern from ``id`` (a node of `start_kinds`, if any); a step's end ids
    go into `lists`. The start is found by the one id index on Entity."""
    kinds = f" AND s:{_labels(start_kinds)}" if start_kinds else ""
    pattern = f"(s:Entity WHERE s.id = id{kinds})"
    for j, step in enumerate(steps):
        types = _types(step.types)
        hops = (
            "" if (step.min_hops, step.max_hops) == (1, 1) else f"*{step.min_hops}..{step.max_hops}"
        )
        left, right = _ARROWS[step.direction]
        end = f"e{j}:{_labels(step.kinds)}"
        if step.end_ids:
            end += f" WHERE e{j}.id IN ${lists.name(sorted(step.end_ids))}"
        pattern += f"{left}[:{types}{hops}]{right}({end})"
    return pattern


def topic_evidence(kinds: Collection[str], broader: bool) -> str:
    """The statement behind Neo4jStore.topic_evidence: the walks of
    `evidence.requests`, reduced on the server as `evidence.best_evidence` reduces
    them (``$fresh_since``, ``$iso_day``), and sent as one list: a broad topic has
    thousands of walks, and the driver takes far longer over thousands of rows, or over
    whole walks, than over one list of short ones."""
    related = f"MATCH p = (asked)<-[:BROADER*0..{int(evidence.NARROWER_DEPTH)}]-(t)"
    related += " RETURN t, CASE length(p) WHEN 0 THEN 'exact' ELSE 'narrower' END AS match,"
    related += " relationships(p) AS rels"
    if broader:
        related += " UNION ALL MATCH p = (asked)-[:BROADER]->(t)"
        related += " RETURN t, 'broader' AS match, relationships(p) AS rels"
    actors = f"MATCH (t)<-[w:WORKS_ON]-(a:{_labels(kinds)}) RETURN a, null AS via, [w] AS more"
    if through := evidence.through_group(kinds):
        groups, belonging = _labels(schema.GROUP_KINDS), _types(schema.BELONGING)
        group = f"(g:{groups})-[b:{belonging}]-(a:{_labels(through)})"
        actors += f" UNION ALL MATCH (t)<-[w:WORKS_ON]-{group} RETURN a, g AS via, [w, b] AS more"
    return f"""
UNWIND $asked AS asked_id
MATCH (asked:Entity {{id: asked_id}})
CALL (asked) {{ {related} }}
CALL (t) {{ {actors} }}
WITH asked_id, a.id AS actor, t.id AS topic, match, via.id AS via,
     reduce(oldest = null, r IN rels + more | CASE
       WHEN oldest IS NULL OR coalesce(r.verified, '') < oldest THEN coalesce(r.verified, '')
       ELSE oldest END) AS verified
WITH *, CASE
  WHEN NOT verified =~ $iso_day THEN ''
  WHEN $fresh_since IS NOT NULL AND verified > $fresh_since THEN $fresh_since
  ELSE verified END AS standing
ORDER BY standing DESC, topic, coalesce(via, ''), verified DESC
WITH asked_id, actor, match, via IS NULL AS direct, collect([topic, via, verified])[0] AS best
RETURN collect([actor, asked_id, best[0], match, best[1], best[2]]) AS evidence
"""


def nodes_of(kind: str) -> str:
    """A statement for the nodes of `kind` whose properties equal ``$where``."""
    return f"""
MATCH (n:{_labels([kind])})
WHERE all(key IN keys($where) WHERE n[key] = $where[key])
RETURN n.id AS id, '{schema.kind(kind).name}' AS kind, properties(n) AS props
ORDER BY id
"""


def shortest_walks(max_hops: int, avoid: Collection[str]) -> str:
    """The first shortest walk (rules in graphmodel.stores.routes) from ``$start`` to each of
    ``$targets``, never through a node of an `avoid` kind.

    A quantifier cannot be a parameter, so `max_hops` is written in as an integer.
    """
    through = " AND ".join(f"NOT y:{_labels([k])}" for k in avoid) or "true"
    introducer = f"n:{_labels(routes.INTRODUCERS)}"  # routes.introducer_rank, on the server
    hops = int(max_hops) - 1  # between the first and the last relationship
    middle = f"((x)-[]-(y) WHERE {through}){{0,{hops}}} (z)" if hops > 0 else ""
    return f"""
UNWIND $targets AS target
CALL (target) {{
  MATCH p = ALL SHORTEST (a:Entity {{id: $start}}) {middle}-[]-(b:Entity {{id: target}})
  WITH p
  ORDER BY [n IN nodes(p) | [CASE WHEN {introducer} THEN 0 ELSE 1 END, n.id]],
           [r IN relationships(p) | [type(r), r._role]]
  LIMIT 1
  RETURN [n IN nodes(p) | n.id] AS nodes, [r IN relationships(p) | {_RELATIONSHIP_MAP}] AS rels
}}
RETURN target, nodes, rels
"""


def _types(types: Collection[str]) -> str:
    """A relationship type expression for any of `types` (names from the schema)."""
    return "|".join(f"`{schema.relationship_type(t).name}`" for t in types)


def _labels(kinds: Collection[str]) -> str:
    """A label expression for nodes of any of `kinds` (any node at all when empty)."""
    return "|".join(f"`{schema.kind(k).name}`" for k in kinds) or "Entity"
