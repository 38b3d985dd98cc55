"""Verkennen's side panel for a topic: the forum's questions on it, linked."""

from __future__ import annotations

from dash import html
from flask import current_app, has_request_context

from explorer.accounts.web import installed
from explorer.forum import context, records
from explorer.forum.texts import TEXTS
from graphmodel.model import Node

__all__ = ["PANEL_LIMIT", "questions_on"]

PANEL_LIMIT = 10


def questions_on(node: Node, lang: str) -> list:
    """For a Topic node, a heading and links to the newest visible questions on it;
    nothing for another node, when there are none, or in an explorer without a forum."""
    if node.kind != "Topic" or not has_request_context():
        return []
    if current_app.extensions.get(context.EXTENSION) is None:
        return []
    with installed().database.session() as db:
        found = records.find(db, topic=node.id, limit=PANEL_LIMIT)
    if not found:
        return []
    suffix = "?lang=en" if lang == "en" else ""
    items = [
        html.Li(html.A(f.question.title, href=f"/forum/vraag/{f.question.id}{suffix}"))
        for f in found
    ]
    listing = f"/forum?onderwerp={node.id}" + ("&lang=en" if lang == "en" else "")
    more = html.A(TEXTS("find", lang), href=listing)
    return [html.H3(TEXTS("panel_title", lang)), html.Ul(items, id="forum-panel"), html.P(more)]
