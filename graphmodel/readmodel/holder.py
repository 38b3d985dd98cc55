"""Holding the read model current: checked against the graph's version at every question.

`ReadModel.reads()` asks the store for its version (`Store.version`: this process's own
writes on the embedded store; one round trip on a Neo4j server, where another process
may have written). A server's answer is trusted for `Store.recheck_after` seconds while
this process has not written, so that a question does not wait for a round trip; a
write by another process shows up within that time. The same version: the model held
answers. Another: one thread builds
a new model aside while the others keep answering from the one held, then it takes its
place in one assignment, so a question never sees half a model.

A model is built in seconds; what the hot questions keep on it (every topic's facts of
the day, the regions' tables, the coverage indexes: `Snapshot.prepare`) takes longer
again, and is otherwise worked out at each first question. A process that serves warms
the model up (`ReadModel.warm_up`) before it answers; every model built after that is
prepared the same way in a background thread while it already answers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date

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
        # (the store's own writes, when) the held model was last found current
        self._checked: tuple[int, float] = (-1, 0.0)
        self._prepared_for: date | None = None  # the day every model is prepared for
        self._preparing = threading.Lock()  # one model prepared at a time, in the background

    def warm_up(self, day: date) -> Snapshot:
        """The model, built now if there is none, with what the hot questions keep
        worked out for `day` (`Snapshot.prepare`); every model built after this is
        prepared for that day too, in the background.

        Examples
        --------
        >>> from datetime import date
        >>> from graphmodel.stores.memory import MemoryStore
        >>> model = ReadModel(MemoryStore())
        >>> model.warm_up(date(2026, 11, 22)) is model.reads()
        True
        """
        held = self.reads()
        held.prepare(day)
        self._prepared_for = day
        return held

    def reads(self) -> Snapshot:
        """The model of the graph's current version, built now if there is none yet or
        the graph has changed; while another thread builds one, the model held."""
        held = self._held
        if held is not None and self._current(held):
            return held
        if not self._building.acquire(blocking=held is None):
            return held  # type: ignore[return-value]  # held is set: acquire did not block
        try:
            held = self._held
            if held is None or not self._current(held):
                checked = (self.store.generation, time.monotonic())
                held = self._held = self._build(self.store)
                self._checked = checked
                self._prepare_in_background()
            return held
        finally:
            self._building.release()

    def _prepare_in_background(self) -> None:
        """Prepare the model held for the day the process warmed up for, if it did,
        while questions already read it (each works out what is not prepared yet
        itself); one thread at a time, which goes on while writes build newer models."""
        day = self._prepared_for
        if day is not None and not self._preparing.locked():
            threading.Thread(target=self._prepare_held, args=(day,), daemon=True).start()

    def _prepare_held(self, day: date) -> None:
        with self._preparing:
            prepared = None
            while (held := self._held) is not prepared and held is not None:
                held.prepare(day)
                prepared = held

    def _current(self, held: Snapshot) -> bool:
        """Whether `held` is of the graph's version: trusted without asking within
        `Store.recheck_after` of the last time it was, if this process has not written."""
        generation, now = self.store.generation, time.monotonic()
        last_generation, last_time = self._checked
        if generation == last_generation and now - last_time < self.store.recheck_after:
            return True
        if held.version_built != self.store.version():
            return False
        self._checked = (generation, now)
        return True
