"""Where the graph is held, behind one contract (``base.Store``).

``memory.MemoryStore`` (networkx, no server) and ``neo4j.Neo4jStore`` (the official
driver, its Cypher in ``cypher``) implement it; ``privacy.PublicView`` wraps either for
the public. Beside them what every store shares: planning a load (``changes``), the
recorded history (``history``), name matching (``names``), shortest walks (``routes``)
and the topic evidence a server may reduce itself (``evidence``).
"""
