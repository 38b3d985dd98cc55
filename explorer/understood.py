"""What the search box understood, shown as removable chips, for every page with a box.

Each part of a parsed query (`graphmodel.questions.parsing`) becomes a chip ("onderwerp:
zij-instroom" and a cross); clicking it takes its words out of the box, so the box stays the one
place the question lives (and the permalink keeps it). A typo adds "Bedoelde u ...?",
which puts the correction in the box.
"""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, State, ctx, html, no_update

from explorer.texts import Texts
from graphmodel.graph import Graph
from graphmodel.questions.parsing import ParsedQuery

__all__ = ["chips", "register_rewrites"]

REMOVE_MARK = "\u00d7"  # the multiplication sign a chip ends with: click to remove

TEXTS = Texts(
    {
        "part_topic": ("onderwerp", "topic"),
        "part_place": ("plaats", "place"),
        "part_sector": ("sector", "sector"),
        "part_kind": ("soort", "kind"),
        "part_people": ("mensen", "people"),
        "remove": ("Weghalen uit de zoekvraag", "Remove from the search"),
        "did_you_mean": ("Bedoelde u: {text}?", "Did you mean: {text}?"),
    }
)


def chips(understood: ParsedQuery, lang: str, box: str) -> list:
    """The understood parts of the text in `box` (a component id) as chips, and a "did
    you mean" for typos. Their ids carry the box, for `register_rewrites`."""
    shown = [
        html.Button(
            f"{TEXTS('part_' + part.type, lang)}: {part.label} {REMOVE_MARK}",
            id={"type": f"{box}-chip", "index": i},
            className="chip",
            title=TEXTS("remove", lang),
        )
        for i, part in enumerate(understood.parts)
        if part.type != "name"
    ]
    found: list = [html.Div(shown, className="chips", id=f"{box}-chips")] if shown else []
    if understood.suggestion:
        found.append(
            html.Button(
                TEXTS("did_you_mean", lang, text=understood.suggestion),
                id={"type": f"{box}-suggestion", "index": 0},  # pattern: it may be absent
                className="suggestion",
            )
        )
    return found


def register_rewrites(app: Dash, store: Graph, box: str) -> None:
    """A chip's cross takes its words out of the text in `box`; "did you mean" puts the
    correction in."""

    @app.callback(
        Output(box, "value", allow_duplicate=True),
        Input({"type": f"{box}-chip", "index": ALL}, "n_clicks"),
        Input({"type": f"{box}-suggestion", "index": ALL}, "n_clicks"),
        State(box, "value"),
        prevent_initial_call=True,
    )
    def rewrite(_chips: list, _suggestion: list, text: str | None) -> str:
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not ctx.triggered[0]["value"]:
            return no_update  # drawn, not clicked
        understood = store.parse(text or "")
        if trigger["type"].endswith("-suggestion"):
            return understood.suggestion or no_update
        if trigger["index"] >= len(understood.parts):
            return no_update
        part = understood.parts[trigger["index"]]
        return " ".join((text or "").replace(part.words, " ", 1).split())
