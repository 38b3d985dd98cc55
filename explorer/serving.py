"""Serving a team: compressed responses, and callback answers kept for a while.

A callback's answer depends on nothing but its request (the inputs, the states, the
language) and the graph; while the app serves, the graph changes seldom (the embedded
store never, Neo4j on a load). So an answer is kept for `ANSWER_SECONDS` and given again
to the next request that is the same, byte for byte: the coverage map of a level, whose
figure and geometry take the most time to make, is then made once per minute rather than
once per colleague. An answer made while the graph database was away is never kept, so
that the pages recover as soon as it is back.
"""

from __future__ import annotations

import functools
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import ParamSpec, TypeVar

from dash import Dash
from flask import Flask, Response, g, request
from flask_compress import Compress

__all__ = [
    "ANSWER_SECONDS",
    "EXTENSION",
    "AnswerCache",
    "Kept",
    "kept",
    "serve_quickly",
    "store_was_away",
]

P = ParamSpec("P")
R = TypeVar("R")

ANSWER_SECONDS = 60.0  # how long a change in Neo4j may go unseen
ANSWERS_KEPT = 512  # the bundled data's answers are ~5-800 KB: at most ~100 MB kept
UPDATE = "/_dash-update-component"
EXTENSION = "verbindplaats-answers"  # where the server holds its AnswerCache


def serve_quickly(app: Dash) -> None:
    """Compress `app`'s responses (gzip, for browsers that accept it) and keep its
    callback answers for ANSWER_SECONDS."""
    server = app.server
    server.config |= {"COMPRESS_ALGORITHM": ["gzip"], "COMPRESS_LEVEL": 5}
    Compress(server)
    AnswerCache(ANSWER_SECONDS, ANSWERS_KEPT).attach(server)


def store_was_away() -> None:
    """Mark the answer being made: the store was away, so it is not kept."""
    g.store_was_away = True


class Kept:
    """The last `size` values put, each given for `seconds` after it was put."""

    def __init__(self, seconds: float, size: int) -> None:
        self.seconds = seconds
        self.size = size
        self._values: OrderedDict[Hashable, tuple[float, object]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> object | None:
        with self._lock:
            found = self._values.get(key)
            if found is None or time.monotonic() - found[0] > self.seconds:
                return None
            self._values.move_to_end(key)
            return found[1]

    def clear(self) -> None:
        """Forget every value (the graph just changed here)."""
        with self._lock:
            self._values.clear()

    def put(self, key: Hashable, value: object) -> None:
        with self._lock:
            self._values[key] = (time.monotonic(), value)
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)


def kept(size: int = 64) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Keep a function's results by its (hashable) arguments for ANSWER_SECONDS: for the
    parts of an answer that many answers share (a level's geometry, the region x topic
    matrix), while the graph changes seldom. An error is not kept."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        values = Kept(ANSWER_SECONDS, size)

        @functools.wraps(function)
        def keeping(*args: P.args, **kwargs: P.kwargs) -> R:
            key = (args, tuple(sorted(kwargs.items())))
            found = values.get(key)
            if found is None:
                found = function(*args, **kwargs)
                values.put(key, found)
            return found  # type: ignore[return-value]

        return keeping

    return decorate


class AnswerCache:
    """The last `size` callback answers, each given again for `seconds`."""

    def __init__(self, seconds: float, size: int) -> None:
        self.answers = Kept(seconds, size)

    def attach(self, server: Flask) -> None:
        server.extensions[EXTENSION] = self
        server.before_request(self._given)
        server.after_request(self._kept)

    def _given(self) -> Response | None:
        """The kept answer to this request, if it is fresh; else remember to keep it."""
        if request.path != UPDATE or request.method != "POST":
            return None
        key = hashlib.sha256(request.get_data()).hexdigest()
        found = self.answers.get(key)
        if found is not None:
            return Response(found, status=200, mimetype="application/json")
        g.answer_key = key
        return None

    def _kept(self, response: Response) -> Response:
        """Keep a new answer, unless the store was away or it changes nothing (cheap)."""
        key = g.pop("answer_key", None)
        if key is None or response.status_code != 200 or g.get("store_was_away"):
            return response
        answer = response.get_data()
        if answer.endswith(b'"response":{}}'):
            return response
        self.answers.put(key, answer)
        return response
