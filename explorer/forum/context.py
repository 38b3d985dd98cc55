"""What every forum route asks of the request it serves: the forum's graph, its
instance folder, who asks, and the pages it answers with."""

from __future__ import annotations

from pathlib import Path

from flask import Response, current_app, request
from markupsafe import Markup

from explorer.accounts.pages import link_button, page
from explorer.accounts.texts import TEXTS as ACCOUNT_TEXTS
from explorer.accounts.web import SIGN_IN, installed
from explorer.forum.texts import TEXTS
from explorer.profiles import context as profiles
from graphmodel.graph import Graph

__all__ = ["EXTENSION", "PERMALINK", "base", "graph", "instance", "said", "sign_in_first"]

EXTENSION = "verbindplaats-forum"
PERMALINK = "/forum/vraag/{id}"  # every question's own address


def graph() -> Graph:
    """The graph the explorer serves, unwrapped: answers write their evidence into it."""
    return current_app.extensions[EXTENSION].graph


def instance() -> Path:
    """The instance folder: where attachments are kept, outside anything served."""
    return current_app.extensions[EXTENSION].instance


def base() -> str:
    """The address for links in e-mail: the public one, else the request's."""
    return (installed().settings.public_url or request.host_url).rstrip("/")


def said(title: str, text: str, lang: str, status: int = 200) -> Response:
    """A page that says one thing (an error when `status` is not 200)."""
    return page(title, profiles.notice(text, error=status >= 400), lang, status)


def sign_in_first(lang: str) -> Response:
    body = profiles.notice(TEXTS("sign_in_first", lang)) + link_button(
        f"{SIGN_IN}?lang={lang}", ACCOUNT_TEXTS("sign_in", lang)
    )
    return page(TEXTS("title", lang), Markup(body), lang, status=401)
