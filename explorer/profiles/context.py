"""What every profile route asks of the request it serves: the graph, the language,
whether a curator is asking, and the notices it answers with."""

from __future__ import annotations

from flask import current_app, request
from markupsafe import Markup

from explorer import serving
from explorer.accounts.models import Account, Role
from explorer.accounts.pages import paragraph
from graphmodel.graph import Graph

__all__ = ["EXTENSION", "graph", "graph_changed", "is_curator", "lang", "notice"]

EXTENSION = "verbindplaats-profiles"


def graph() -> Graph:
    """The graph the explorer serves, unwrapped: what an approval writes into."""
    return current_app.extensions[EXTENSION].graph


def graph_changed() -> None:
    """This process wrote the graph: the callback answers it keeps are stale (another
    worker's are given for at most `serving.ANSWER_SECONDS` more)."""
    cache = current_app.extensions.get(serving.EXTENSION)
    if cache is not None:
        cache.answers.clear()


def lang() -> str:
    return "en" if request.values.get("lang") == "en" else "nl"


def is_curator(account: Account | None) -> bool:
    return account is not None and account.role in (Role.CURATOR.value, Role.ADMIN.value)


def notice(text: str, error: bool = False) -> Markup:
    return paragraph(text, "notice notice-error" if error else "notice")
