"""Verbindplaats' graph: schema, stores and the questions users ask of it.

For analysts::

    import graphmodel as gm
    g = gm.open()                        # embedded store with the bundled data
    g = gm.open("bolt://127.0.0.1:7687") # a Neo4j server (NEO4J_USER / NEO4J_PASSWORD)

The rooms: ``stores`` hold the graph behind one contract (``stores.base.Store``: the
embedded ``MemoryStore``, ``Neo4jStore`` and the ``PublicView`` of either); ``questions``
are what people ask of a store, one module each; ``graph.Graph`` offers a store with
every question, and is what ``open`` returns. ``schema`` names the vocabulary, ``model``
the values passed around.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from graphmodel.errors import GraphModelError, NodeNotFound, StoreUnavailable
from graphmodel.graph import Graph
from graphmodel.model import GraphBatch, GraphStats, Node, Relationship, SearchHit, Subgraph
from graphmodel.questions.parsing import ParsedQuery
from graphmodel.sources import SourceCatalogue
from graphmodel.stores.base import Store
from graphmodel.stores.memory import MemoryStore, freeze_heap

__all__ = [
    "BUNDLED_DATA",
    "Graph",
    "GraphBatch",
    "GraphModelError",
    "GraphStats",
    "MemoryStore",
    "Node",
    "NodeNotFound",
    "Relationship",
    "SearchHit",
    "SourceCatalogue",
    "Store",
    "StoreUnavailable",
    "Subgraph",
    "open",
    "parse",
    "source_catalogue",
]

BUNDLED_DATA = Path(__file__).resolve().parents[1] / "data"
NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def open(
    target: str | None = None,
    data: Path = BUNDLED_DATA,
    *,
    user: str | None = None,
    password: str | None = None,
    serving: bool = False,
) -> Graph:
    """Open the graph: the embedded store loaded with `data` (default), or a Neo4j server.

    This is the one place where graphmodel reaches back to the importer: an analyst's
    ``gm.open()`` should give the bundled data without further steps. The embedded store
    keeps its graph in `data`: a write (``load``, a curator's approval) goes into the
    folder's tables and history, and every process that opened the folder sees it
    (`importers.folderstore.FolderStore`).

    Parameters
    ----------
    target : str, optional
        Empty for the embedded store, or a Neo4j URI (``bolt://127.0.0.1:7687``).
    data : pathlib.Path
        The dataset folder the embedded store loads and writes (default: the bundled
        data/).
    user, password : str, optional
        For Neo4j; default NEO4J_USER and NEO4J_PASSWORD.
    serving : bool
        For an app people wait on: short time-outs (see `Neo4jStore.connect`).

    Returns
    -------
    Graph
        Every question of the README can be asked of it; close it when done (or use
        it in a ``with`` block).

    Raises
    ------
    GraphModelError
        The data does not validate, or `target` is no store this knows.
    StoreUnavailable
        The Neo4j server cannot be reached or refuses the credentials.

    Examples
    --------
    >>> import graphmodel as gm
    >>> with gm.open() as g:
    ...     g.node("org:windesheim").name
    'Windesheim'
    """
    if target and target.startswith(NEO4J_SCHEMES):
        from graphmodel.stores.neo4j import Neo4jStore

        return Graph(Neo4jStore.connect(target, user=user, password=password, serving=serving))
    if target:
        raise GraphModelError(
            f"unknown store {target!r}: leave it empty for the embedded store, or give a "
            f"Neo4j URI ({', '.join(NEO4J_SCHEMES)})"
        )
    from importers.folderstore import FolderStore

    store = FolderStore(data)
    graph = Graph(store).build_read_model()
    freeze_heap()  # store and model live as long as the process: keep them out of collections
    return graph


@cache
def source_catalogue(data: Path = BUNDLED_DATA) -> SourceCatalogue:
    """What every `source` value of the dataset in `data` stands for (its sources table),
    read once: ``gm.source_catalogue().label("bron:...")`` gives the title a reader cites.
    Like `open`, it reaches back to the importer, which reads and checks the table."""
    from importers.curated import read_source_catalogue

    return read_source_catalogue(data)


def parse(text: str, store: Graph | None = None) -> ParsedQuery:
    """What `text` asks for, read against `store`'s vocabulary (by default the bundled
    data, opened once): ``gm.parse("zij-instroom Zwolle mbo")``."""
    return (store or _bundled()).parse(text)


@cache
def _bundled() -> Graph:
    return open()
