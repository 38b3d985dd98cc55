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
prepared the same way in a background thread while it already answers. The warm-up's
model is kept out of the garbage collector's walks (`freeze_heap`): a full collection
walking it took 100 to 600 ms at scale 1, in the middle of a question. A model built
after a write is not (freezing it would take a collection of everything, a stall of the
whole process), and the one it replaces is given back to be collected. On a server, a
warmed-up model is also watched: a background thread asks the version twice within each
`recheck_after` and builds a new model when it has changed, so that questions neither
wait for the round trip nor for the build.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from datetime import date

from graphmodel.errors import GraphModelError
from graphmodel.readmodel.snapshot import Snapshot
from graphmodel.stores.base import Store
from graphmodel.stores.memory import freeze_heap, thaw_heap

__all__ = ["ReadModel"]

Build = Callable[[Store], Snapshot]
NEVER_CHECKED = (-1, 0.0)  # (no count of writes, no time): the next question asks


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
        self._checked: tuple[int, float] = NEVER_CHECKED
        self._prepared_for: date | None = None  # the day every model is prepared for
        self._preparing = threading.Lock()  # one model prepared at a time
        self._prepared: tuple[Snapshot, date] | None = None  # the last, and its day
        self._watching: threading.Event | None = None  # set to stop the watch

    def warm_up(self, day: date) -> Snapshot:
        """The model of the graph's current version, built now if there is none (or
        waited for, if another thread builds it), with what the hot questions keep
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
        held = self._held
        if held is None or not self._current(held):
            self._rebuilt(blocking=True)  # not a model that is being replaced
        self._prepared_for = day
        self._prepare_held(day)
        self._watch()
        return self._held  # type: ignore[return-value]  # built above

    def close(self) -> None:
        """Stop watching the store (its connections are about to close); the model
        held still answers, and a question asks the version itself again.

        Examples
        --------
        >>> from graphmodel.stores.memory import MemoryStore
        >>> model = ReadModel(MemoryStore())
        >>> model.close()  # an embedded store is never watched: nothing to stop
        >>> model.reads().nodes_of("Topic")
        []
        """
        if self._watching is not None:
            self._watching.set()

    def _watch(self) -> None:
        """On a store another process may write (`Store.recheck_after` above 0), keep
        the version checked in a background thread, at half that interval, and the
        model current. The thread holds the model weakly: it ends with it, or at
        `close`."""
        interval = self.store.recheck_after / 2
        if interval > 0 and self._watching is None:
            self._watching = stop = threading.Event()
            watch = threading.Thread(
                target=self._keep_current, args=(weakref.ref(self), stop, interval), daemon=True
            )
            watch.start()

    @staticmethod
    def _keep_current(
        model: weakref.ref[ReadModel], stop: threading.Event, interval: float
    ) -> None:
        """Every `interval` seconds until `stop`, have `model` ask the store's version
        (and build anew if it changed), while the model lives. A store that cannot
        answer now is asked again at the next turn; one closed under the watch ends it.
        Either way the questions ask it themselves, and tell their askers."""
        while not stop.wait(interval) and (held := model()) is not None:
            try:
                held._check()
            except GraphModelError:
                pass  # down for now: asked again at the next turn
            except RuntimeError:
                return  # its connections closed without `close` (no new reads scheduled)
            del held

    def reads(self) -> Snapshot:
        """The model of the graph's current version, built now if there is none yet or
        the graph has changed; while another thread builds one, the model held."""
        held = self._held
        if held is not None and self._current(held):
            return held
        return self._rebuilt(blocking=held is None)

    def _check(self) -> None:
        """Ask the store's version now, and build a new model if it has changed (unless
        another thread builds one)."""
        held = self._held
        if held is not None and not self._asked(held):
            self._rebuilt(blocking=False)

    def _rebuilt(self, blocking: bool) -> Snapshot:
        """A model of the graph's current version, built now; if another thread builds
        one, the model held once it is there (`blocking`) or at once."""
        if not self._building.acquire(blocking=blocking):
            return self._held  # type: ignore[return-value]  # held is set: it did not block
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
        """Prepare the model held for `day`, and each that takes its place meanwhile,
        unless done already. The warm-up's model is then kept out of the garbage
        collector's walks (`freeze_heap`); once a model built after a write replaces
        it, it is given back (`thaw_heap`), so that it is collected."""
        with self._preparing:
            before = self._prepared
            while (held := self._held) is not None and self._prepared != (held, day):
                held.prepare(day)
                self._prepared = (held, day)
            if self._prepared is not before:
                (freeze_heap if before is None else thaw_heap)()

    def _current(self, held: Snapshot) -> bool:
        """Whether `held` is of the graph's version: trusted without asking within
        `Store.recheck_after` of the last time it was, if this process has not written."""
        last_generation, last_time = self._checked
        if (
            self.store.generation == last_generation
            and time.monotonic() - last_time < self.store.recheck_after
        ):
            return True
        return self._asked(held)

    def _asked(self, held: Snapshot) -> bool:
        """Whether `held` is of the graph's version, as the store says now (if not, it
        is trusted no longer)."""
        generation, now = self.store.generation, time.monotonic()
        if held.version_built != self.store.version():
            self._checked = NEVER_CHECKED
            return False
        self._checked = (generation, now)
        return True
