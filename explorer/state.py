"""Permalinks: every view's state lives in the URL's query string.

A page reads its state from the query when it is drawn and writes it back whenever the
user changes something, so the address bar always holds a link that opens the same view.
The language travels along as ``lang``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import parse_qs, urlencode

__all__ = ["Query", "encode", "first", "language", "parse"]

Query = dict[str, list[str]]
Value = str | int | Sequence[str] | None


def parse(search: str | None) -> Query:
    """The query string (with or without its '?') as lists of values per key.

    >>> parse("?q=toetsing&kind=Network&kind=Person")
    {'q': ['toetsing'], 'kind': ['Network', 'Person']}
    """
    return parse_qs((search or "").lstrip("?"), keep_blank_values=False)


def encode(values: Mapping[str, Value], lang: str) -> str:
    """A query string for `values` (empty ones left out) and the language.

    >>> encode({"q": "zij-instroom", "kind": ["Network"], "sel": None}, "en")
    '?q=zij-instroom&kind=Network&lang=en'
    """
    pairs: list[tuple[str, str]] = []
    for key, value in values.items():
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, str | int):
            pairs.append((key, str(value)))
        else:
            pairs += [(key, str(v)) for v in value]
    if lang != "nl":
        pairs.append(("lang", lang))
    return "?" + urlencode(pairs) if pairs else ""


def first(query: Query, key: str, default: str | None = None) -> str | None:
    """The first value of `key`, or `default`."""
    values = query.get(key)
    return values[0] if values else default


def language(query: Query) -> str:
    """The language the link asks for: English only when it says so."""
    return "en" if first(query, "lang") == "en" else "nl"
