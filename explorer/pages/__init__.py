"""The explorer's pages. Each module offers a `PAGE`: where it lives, its title, how to
draw it from a permalink's state, and its callbacks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from dash import Dash
from dash.development.base_component import Component

from explorer.state import Query
from graphmodel.graph import Graph

__all__ = ["Page"]


@dataclass(frozen=True)
class Page:
    """One page: `layout(store, query, lang)` draws it, `register(app, store)` wires it,
    `warm_up(store, today)` works out beforehand what its first visitor would wait for."""

    path: str
    title: tuple[str, str]  # Dutch, English
    layout: Callable[[Graph, Query, str], Component]
    register: Callable[[Dash, Graph], None]
    warm_up: Callable[[Graph, date], None] = lambda store, today: None
