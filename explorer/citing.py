"""Sources as a reader cites them: a title with a link, never a bare file name.

The app keeps the sources table (`graphmodel.sources.SourceCatalogue`) in its Flask
config, as it keeps the age at which facts go stale, so that every page and download
names a source the same way without a global.
"""

from __future__ import annotations

import pandas as pd
from dash import html
from flask import current_app

from graphmodel.sources import SourceCatalogue

__all__ = ["CONFIG_KEY", "catalogue", "labelled", "links"]

CONFIG_KEY = "VERBINDPLAATS_SOURCES"  # in the Flask config of the app


def catalogue() -> SourceCatalogue:
    """The sources table of the app serving this request."""
    return current_app.config.get(CONFIG_KEY) or SourceCatalogue()


def links(value: object) -> list:
    """A `source` cell as its sources' titles, each a link where it has an address."""
    parts: list = []
    for i, cited in enumerate(catalogue().cited(value)):
        if i:
            parts.append("; ")
        if cited.url:
            parts.append(
                html.A(cited.label, href=cited.url, target="_blank", rel="noopener noreferrer")
            )
        else:
            parts.append(cited.label)
    return parts or ["-"]


def labelled(frame: pd.DataFrame, column: str = "source") -> pd.DataFrame:
    """`frame` with its `column` of source values given as the titles a reader cites."""
    if column not in frame.columns:
        return frame
    book = catalogue()
    return frame.assign(**{column: [book.label(v) for v in frame[column]]})
