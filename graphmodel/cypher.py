"""Every Cypher statement of the Neo4j store, as named constants.

Values always travel as parameters. Labels and relationship types cannot be parameters
in a pattern, so the few statements that need one have a ``{label}`` or ``{type}`` slot
that only `with_label` and `with_type` fill, and only with names from the schema.
"""

from __future__ import annotations

from graphmodel import schema

__all__ = [
    "ALL_NODES",
    "ALL_RELATIONSHIPS",
    "AWAIT_INDEXES",
    "BREAKDOWN",
    "CREATE_ENTITY_CONSTRAINT",
    "CREATE_FULLTEXT_INDEX",
    "CREATE_KIND_CONSTRAINT",
    "FETCH_NODES",
    "FETCH_RELATIONSHIPS",
    "MERGE_NODES",
    "MERGE_RELATIONSHIPS",
    "NODE_STATS",
    "RELATIONSHIP_STATS",
    "SEARCH",
    "TOUCHING",
    "WIPE",
    "with_label",
    "with_type",
]

# Every node carries the label Entity besides its kind: one id index for all kinds.
CREATE_ENTITY_CONSTRAINT = (
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE"
)
CREATE_KIND_CONSTRAINT = (
    "CREATE CONSTRAINT {label}_id IF NOT EXISTS FOR (n:`{label}`) REQUIRE n.id IS UNIQUE"
)
CREATE_FULLTEXT_INDEX = (
    "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n._search]"
)
AWAIT_INDEXES = "CALL db.awaitIndexes(60)"

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

TOUCHING = """
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]-()
WITH DISTINCT r
RETURN startNode(r).id AS start, type(r) AS type, endNode(r).id AS end,
       properties(r) AS props
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
RETURN toString(n[$column]) AS value, count(*) AS total
"""

ALL_NODES = """
MATCH (n:Entity)
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS kind, properties(n) AS props
"""

ALL_RELATIONSHIPS = """
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props
"""

WIPE = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


def with_label(statement: str, label: str) -> str:
    """`statement` with its label slot filled; only a kind of the schema is accepted."""
    schema.kind(label)  # KeyError for anything that is not a kind
    return statement.replace("{label}", label)


def with_type(statement: str, rel_type: str) -> str:
    """`statement` with its type slot filled; only a relationship type of the schema."""
    schema.relationship_type(rel_type)
    return statement.replace("{type}", rel_type)
