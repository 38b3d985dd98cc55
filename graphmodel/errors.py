"""Errors a user can cause: each carries a message a person can act on."""

from __future__ import annotations

__all__ = ["GraphModelError", "NodeNotFound", "QuestionTooLong", "StoreUnavailable"]


class GraphModelError(Exception):
    """Base of every error graphmodel raises on purpose; the CLI prints its message."""


class NodeNotFound(GraphModelError, KeyError):
    """An id that is not in the graph."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "node not found"


class QuestionTooLong(GraphModelError):
    """A search text or question longer than `graphmodel.text.MAX_QUESTION` characters:
    reading it would hold a server thread for as long as it is long."""


class StoreUnavailable(GraphModelError):
    """The store cannot be reached or refuses us (server down, wrong credentials)."""
