"""The questions people ask of a store, one module each.

Each takes a ``graphmodel.stores.base.Store`` and asks it only the contract's
operations, so every store gives the same answers; ``graphmodel.graph.Graph`` offers
them as methods. ``people`` (find the right people), ``coverage`` and ``places``
(regions and their gaps), ``topics`` and ``facets`` (search in both directions),
``parsing`` and ``asking`` (a question in one's own words), ``traversal`` and ``views``
(neighbourhoods to draw), ``proximity`` (who is near), ``freshness`` (what to verify
next) and ``analysis`` (communities, brokers, bridges).
"""
