"""Holding the read model current: checked against the graph's version at every question.

`ReadModel.reads()` asks the store for its version (`Store.version`: this process's own
writes on the embedded store; one round trip on a Neo4j server, where another process
may have written). The same version: the model held answers. Another: one thread builds
a new model aside while the others keep answering from the one held, then it takes its
place in one assignment, so a question never sees half a model.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from graphmodel.readmodel.snapshot import Snapshot
from graphmodel.stores.base import Store

__all__ = ["ReadModel"]

Build = Callable[[Store], Snapshot]


class ReadModel:
    """The read model of `store`, built at the first question and again after a write.

    Parameters
    ----------
    store : Store
        The graph's one truth; read only to build from (`Store.export`) and for its
        version.
    build : callable, optional
        How a model is built from the store; `Snapshot.of` unless a test wants to hold
        a build in progress.

    Examples
    --------
    >>> from graphmodel.model import GraphBatch, Node
    >>> from graphmodel.stores.memory import MemoryStore
    >>> store = MemoryStore()
    >>> model = ReadModel(store)
    >>> model.reads().nodes_of("Topic")
    []
    >>> _ = store.load(GraphBatch([Node("topic:evc", "Topic", {"name": "EVC"})]))
    >>> [n.id for n in model.reads().nodes_of("Topic")]  # the write seen at once
    ['topic:evc']
    """

    def __init__(self, store: Store, build: Build = Snapshot.of) -> None:
        self.store = store
        self._build = build
        self._held: Snapshot | None = None
        self._building = threading.Lock()  # one build at a time

    def reads(self) -> Snapshot:
        """The model of the graph's current version, built now if there is none yet or
        the graph has changed; while another thread builds one, the model held."""
        held = self._held
        if held is not None and held.version_built == self.store.version():
            return held
        if not self._building.acquire(blocking=held is None):
            return held  # type: ignore[return-value]  # held is set: acquire did not block
        try:
            held = self._held
            if held is None or held.version_built != self.store.version():
                held = self._held = self._build(self.store)
            return held
        finally:
            self._building.release()
