"""Building blocks every page uses: the accessible table, notices and downloads.

Every graph and map has a twin as a plain HTML table: screen readers read it, the
keyboard reaches its sort buttons (Tab, then Enter), and it needs no JavaScript of ours.
Sorting runs on the server through one pattern-matching callback for all tables. A
table folded away (`folded_table`) is drawn when it is first opened: its rows travel with
the page as data, but a few hundred rows of cells cost the server more to build and send
than everything else on the page, for a twin most visitors never open. A table of
thousands of rows (the heat map's cells at the gemeente level) does not send them at all:
it names a row source (`add_row_source`), and the server makes the rows from it whenever
it draws the few hundred shown.
"""

from __future__ import annotations

import inspect
import io
import logging
from collections.abc import Callable, Mapping

import pandas as pd
from dash import ALL, MATCH, Dash, Input, Output, State, ctx, dcc, html, no_update
from flask import current_app, has_request_context

from explorer import ids
from explorer.serving import store_was_away
from explorer.texts import COMMON
from graphmodel.errors import GraphModelError, QuestionTooLong, StoreUnavailable
from graphmodel.frames import About, flatten, to_csv, to_xlsx
from graphmodel.text import MAX_QUESTION

__all__ = [
    "RowSource",
    "add_row_source",
    "download",
    "failure",
    "folded_table",
    "notice",
    "register_tables",
    "sortable_table",
]

log = logging.getLogger("explorer")

# After a sort: focus on the sorted column's button again, once the new table is drawn
# (Dash writes a pattern-matching id as JSON with its keys sorted).
FOCUS_SORTED = f"""(data) => {{
    const [column] = data.sort || [];
    const id = JSON.stringify({{column: column, table: data.table, type: "{ids.TABLE_SORT}"}});
    requestAnimationFrame(() => {{
        const button = document.getElementById(id);
        if (button) {{ button.focus(); }}
    }});
    return window.dash_clientside.no_update;
}}"""
TABLE_ROWS_SHOWN = 400  # rows drawn in the browser (all 342 gemeenten); downloads hold all
ROW_SOURCES = "verbindplaats.row-sources"  # the app's row sources, among its Flask extensions
RowSource = tuple[str, ...]  # a source's name and the arguments (text) that make a table's rows


def notice(text: str, kind: str = "info") -> html.P:
    """A message that screen readers announce."""
    return html.P(text, className=f"notice notice-{kind}", role="status")


def failure(error: GraphModelError, lang: str) -> html.P:
    """What a page says instead of failing: that the graph database is away (its address
    and the advice for administrators go to the log, not to the user), that the question
    is too long, or why it cannot be answered (an unknown topic or region)."""
    if isinstance(error, StoreUnavailable):
        log.warning("the graph store is unavailable: %s", error)
        if has_request_context():
            store_was_away()  # an answer that is not kept: it would outlive the outage
        return html.P(COMMON("store_down", lang), className="notice notice-error", role="alert")
    if isinstance(error, QuestionTooLong):
        return notice(COMMON("too_long", lang, limit=MAX_QUESTION), "warning")
    return notice(COMMON("cannot_answer", lang, error=error), "warning")


def sortable_table(
    table_id: str,
    rows: pd.DataFrame | RowSource,
    columns: Mapping[str, str],
    lang: str,
    caption: str = "",
    links: Mapping[str, str] | None = None,
    buttons: Mapping[str, tuple[str, str]] | None = None,
    drawn: bool = True,
) -> html.Div:
    """An HTML table of the `rows`' `columns` (name -> header text), sortable by each
    column's header button. The rows travel once, in a store beside the table; or, where
    `rows` names a `RowSource`, only that travels, and the server makes the rows whenever
    it draws the table (for a table of thousands of rows, of which it shows a few
    hundred). `links` names, for a column, the column of the rows that holds its cells'
    web addresses; `buttons`, for a column, a pattern-matching type and the column holding
    an id: its cells become buttons ``{"type": type, "index": id}`` (a row a keyboard can
    choose). Not `drawn`: only the rows are sent; `folded_table` draws them."""
    links = dict(links or {})
    buttons = {column: list(button) for column, button in (buttons or {}).items()}
    data = {
        "table": table_id,
        "columns": list(columns.items()),
        "links": links,
        "buttons": buttons,
        "rows": None,
        "source": None,
        "sort": None,
        "lang": lang,
        "caption": caption,
        "drawn": drawn,
    }
    if isinstance(rows, pd.DataFrame):
        data["rows"] = _records(rows, data)
    else:
        data["source"] = list(rows)
    return html.Div(
        className="table-wrap",
        children=[
            dcc.Store(id={"type": ids.TABLE_DATA, "table": table_id}, data=data),
            html.Div(
                id={"type": ids.TABLE, "table": table_id},
                children=_table(table_id, data) if drawn else None,
            ),
        ],
    )


def folded_table(
    table_id: str,
    rows: pd.DataFrame | RowSource,
    columns: Mapping[str, str],
    lang: str,
    caption: str = "",
    class_name: str = "",
    after: list | None = None,
) -> html.Details:
    """A `sortable_table` folded away under a "Tabel" summary, drawn in the page the
    first time it is opened (click, or Enter on the summary); `after` follows the table
    inside the fold (its downloads, say)."""
    return html.Details(
        className=class_name,
        children=[
            html.Summary(COMMON("table", lang), id={"type": ids.TABLE_FOLD, "table": table_id}),
            sortable_table(table_id, rows, columns, lang, caption, drawn=False),
            *(after or []),
        ],
    )


def add_row_source(app: Dash, name: str, make: Callable[..., pd.DataFrame]) -> None:
    """Let tables of `app` name `name` as their `RowSource`: ``make(*arguments)`` gives
    their rows. The arguments come back from the browser, so `make` checks them
    (raising `GraphModelError`, which the table shows as a notice).

    Examples
    --------
    >>> app = Dash(__name__)
    >>> add_row_source(app, "squares", lambda n: pd.DataFrame({"n": range(int(n))}) ** 2)
    >>> table = folded_table("squares", ("squares", "3"), {"n": "n²"}, "nl")
    >>> with app.server.test_request_context():
    ...     [row["n"] for row in _rows(table.children[1].children[0].data)]
    [0, 1, 4]
    """
    app.server.extensions.setdefault(ROW_SOURCES, {})[name] = make


def _records(frame: pd.DataFrame, data: dict) -> list[dict]:
    """`frame`'s rows as the table's store holds them: its columns, and those its links
    and buttons read."""
    extra = [*data["links"].values(), *(id_column for _, id_column in data["buttons"].values())]
    shown = [column for column, _ in data["columns"]]
    return _blank_missing(flatten(frame[[*shown, *dict.fromkeys(extra)]])).to_dict("records")


def _rows(data: dict) -> list[dict]:
    """The table's rows: those in its store, or those its source makes now; a crafted
    source or column gets GraphModelError."""
    source = data.get("source")
    if source is None:
        return data["rows"]
    frame = _row_source(source)(*source[1:])
    try:
        return _records(frame, data)
    except KeyError as exc:
        raise GraphModelError(f"the table's rows have no column {exc}") from None


def _row_source(source: object) -> Callable[..., pd.DataFrame]:
    """The maker of `source`'s rows (``[name, *arguments]``, as the browser sends it
    back), if there is one by that name and it takes those arguments."""
    sources = current_app.extensions.get(ROW_SOURCES, {})
    named = isinstance(source, list) and source and all(isinstance(p, str) for p in source)
    make = sources.get(source[0]) if named else None
    if make is not None and _takes(make, source[1:]):
        return make
    raise GraphModelError(f"no table rows from {str(source)[:80]!r}")


def _takes(function: Callable, arguments: list[str]) -> bool:
    try:
        inspect.signature(function).bind(*arguments)
    except TypeError:
        return False
    return True


def _blank_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing values as empty cells (object columns: a float column cannot hold "")."""
    cells = frame.astype(object)
    return cells.where(cells.notna(), "")


def _table(table_id: str, data: dict) -> list:
    try:
        rows = _rows(data)
    except GraphModelError as exc:
        return [failure(exc, data["lang"])]
    if data["sort"]:
        column, ascending = data["sort"]
        rows = sorted(rows, key=lambda r: _sort_key(r[column]), reverse=not ascending)
    lang = data["lang"]
    header = html.Tr([_header_cell(table_id, c, label, data) for c, label in data["columns"]])
    body = [
        html.Tr([html.Td(_cell(row, c, data)) for c, _ in data["columns"]])
        for row in rows[:TABLE_ROWS_SHOWN]
    ]
    parts: list = [
        html.Table(
            className="data-table",
            children=[
                html.Caption(data["caption"]) if data["caption"] else None,
                html.Thead(header),
                html.Tbody(body),
            ],
        )
    ]
    if len(rows) > TABLE_ROWS_SHOWN:
        parts.append(
            html.P(
                COMMON("rows_shown", lang, shown=TABLE_ROWS_SHOWN, total=len(rows)),
                className="omitted",
            )
        )
    return parts


def _header_cell(table_id: str, column: str, label: str, data: dict) -> html.Th:
    sort = data["sort"]
    state = "none"
    if sort and sort[0] == column:
        state = "ascending" if sort[1] else "descending"
    return html.Th(
        html.Button(
            label,
            id={"type": ids.TABLE_SORT, "table": table_id, "column": column},
            className="sort",
            title=COMMON("sort_by", data["lang"], column=label),
        ),
        scope="col",
        **{"aria-sort": state},
    )


def _sort_key(value: object) -> tuple[int, object]:
    """Numbers before text, text without regard to case; empty cells last."""
    if value == "" or value is None:
        return (2, "")
    if isinstance(value, int | float):
        return (0, value)
    return (1, str(value).casefold())


def _cell(row: dict, column: str, data: dict) -> object:
    """A cell's text, as a link when its row gives a web address for the column, as a
    button when the column has one."""
    text = _cell_text(row[column])
    if column in data.get("buttons", {}):
        kind, id_column = data["buttons"][column]
        return html.Button(text, id={"type": kind, "index": row[id_column]}, className="row-pick")
    links = data.get("links", {})
    address = str(row.get(links[column], "")) if column in links else ""
    if address.startswith(("http://", "https://")):
        return html.A(text, href=address, target="_blank", rel="noopener noreferrer")
    return text


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def register_tables(app: Dash) -> None:
    """The callbacks of every sortable table: a header click sorts by that column, a
    second click reverses; opening a folded table draws it."""

    @app.callback(
        Output({"type": ids.TABLE, "table": MATCH}, "children"),
        Output({"type": ids.TABLE_DATA, "table": MATCH}, "data"),
        Input({"type": ids.TABLE_SORT, "table": MATCH, "column": ALL}, "n_clicks"),
        State({"type": ids.TABLE_DATA, "table": MATCH}, "data"),
        prevent_initial_call=True,
    )
    def sort(clicks: list, data: dict) -> tuple:
        trigger = ctx.triggered_id
        if not trigger or not any(clicks):
            return no_update, no_update
        column = trigger["column"]
        previous = data["sort"]
        ascending = not (previous and previous[0] == column and previous[1])
        data = {**data, "sort": [column, ascending], "drawn": True}
        return _table(trigger["table"], data), data

    @app.callback(
        Output({"type": ids.TABLE, "table": MATCH}, "children", allow_duplicate=True),
        Output({"type": ids.TABLE_DATA, "table": MATCH}, "data", allow_duplicate=True),
        Input({"type": ids.TABLE_FOLD, "table": MATCH}, "n_clicks"),
        State({"type": ids.TABLE_DATA, "table": MATCH}, "data"),
        prevent_initial_call=True,
    )
    def unfold(_clicks: int | None, data: dict) -> tuple:
        if data["drawn"]:
            return no_update, no_update
        data = {**data, "drawn": True}
        return _table(data["table"], data), data

    # The sorted table is drawn anew, and with it the button that was pressed: focus would
    # fall to the page, and a keyboard user would have to Tab back to sort again.
    app.clientside_callback(
        FOCUS_SORTED,
        Output({"type": ids.TABLE, "table": MATCH}, "id"),
        Input({"type": ids.TABLE_DATA, "table": MATCH}, "data"),
        prevent_initial_call=True,
    )


def download(
    frame: pd.DataFrame,
    filename: str,
    fmt: str,
    about: About = (),
    sheets: Mapping[str, pd.DataFrame] | None = None,
    lang: str = "nl",
) -> dict:
    """A dcc.Download payload of `frame` as CSV or XLSX (structured cells flattened, no
    cell a formula).

    With `about` (what the table shows: topic, level, date, source, ...) the download
    is made for a spreadsheet in a Dutch office: the CSV starts with a byte-order mark
    and those lines and separates by ";", the workbook has them on a sheet of their own
    after the table and the further `sheets` (the names behind the counts, say).
    """
    if fmt == "xlsx":
        buffer = io.BytesIO()
        first = COMMON("sheet_table", lang) if about else "verbindplaats"
        more = {COMMON("sheet_about", lang): about} if about else None
        to_xlsx(buffer, {first: frame, **(sheets or {})}, more)
        return dcc.send_bytes(buffer.getvalue(), f"{filename}.xlsx")
    if about:
        return dcc.send_string(to_csv(frame, ";", True, about), f"{filename}.csv")
    return dcc.send_string(to_csv(frame), f"{filename}.csv")
