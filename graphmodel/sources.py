"""The sources a person can read: what every `source` value of the graph stands for.

A node's or relationship's `source` is a short reference (``bron:leraren-voor-morgen-
professionaliseringsplatform-2023``, a web address, a data file's name), several joined by
``;``. The sources table (``data/curated/sources.csv``) says what each one is: its title,
publisher, date, address and licence, so that pages and downloads name a source the way a
reader cites it ("Leraren voor morgen, Professionaliseringsplatform flexibel opleiden
(2023)"), with a link where there is one. `verbindplaats check` refuses a source the table
does not resolve.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["COLUMNS", "Cited", "Source", "SourceCatalogue", "round_label", "self_label"]

COLUMNS = ("id", "title", "publisher", "date", "url", "licence")

# A returned verification workbook cites itself: the subject that answered, and the day.
_ROUND = re.compile(r"^verificatie:(?P<subject>[a-z]+:[A-Za-z0-9-]+)@(?P<day>\d{4}-\d{2}-\d{2})$")
# An approved profile cites the person's own word: the account, and the day they confirmed.
_PROFILE = re.compile(r"^profiel:(?P<account>[0-9]+)@(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})$")


@dataclass(frozen=True)
class Source:
    """One row of the sources table."""

    id: str  # what the data cites: a bron: id, a web address, a file name or github: reference
    title: str
    publisher: str = ""
    date: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD
    url: str = ""  # where a person can read it (http or https), if anywhere
    licence: str = ""

    @property
    def label(self) -> str:
        """How a reader cites it: publisher, title (year)."""
        head = self.title
        if self.publisher and not self.title.startswith(self.publisher):
            head = f"{self.publisher}, {self.title}"
        return f"{head} ({self.date[:4]})" if self.date else head


@dataclass(frozen=True)
class Cited:
    """One source of a `source` value as a page shows it: a label and, maybe, a link."""

    label: str
    url: str = ""


def round_label(value: str) -> str | None:
    """``verificatie:org:windesheim@2026-11-23`` as words, or None for anything else."""
    match = _ROUND.match(value)
    if not match:
        return None
    return f"Verificatie door {match['subject']} ({match['day']})"


def self_label(value: str) -> str | None:
    """A source that names itself in words (a verification round, a person's own profile),
    or None for one the sources table must explain.

    >>> self_label("profiel:7@2026-11-08")
    'Eigen profiel (account 7, bevestigd 2026-11-08)'
    """
    match = _PROFILE.match(value)
    if match:
        return f"Eigen profiel (account {match['account']}, bevestigd {match['day']})"
    return round_label(value)


class SourceCatalogue:
    """The sources table, looked up by what the data cites (a source's id or its url).

    >>> book = SourceCatalogue([Source("bron:a", "Een advies", "Leraren voor morgen", "2023")])
    >>> book.label("bron:a; https://example.org/x")
    'Leraren voor morgen, Een advies (2023); https://example.org/x'
    """

    def __init__(self, sources: Iterable[Source] = ()) -> None:
        self.sources = tuple(sources)
        self._by_key: dict[str, Source] = {}
        for source in self.sources:
            self._by_key.setdefault(source.id, source)
            if source.url:
                self._by_key.setdefault(source.url, source)

    def __len__(self) -> int:
        return len(self.sources)

    def find(self, value: str) -> Source | None:
        """The source one cited value stands for, or None."""
        return self._by_key.get(value.strip())

    def resolves(self, value: str) -> bool:
        """Whether a cited value (one, not a `;` list) stands for a known source; a
        returned verification workbook and a profile name themselves."""
        return self.find(value) is not None or self_label(value.strip()) is not None

    def cited(self, value: object) -> list[Cited]:
        """Each source of a `source` cell, as a label and a link (http/https only)."""
        result = []
        for part in [p.strip() for p in str(value or "").split(";") if p.strip()]:
            source = self.find(part)
            if source:
                result.append(Cited(source.label, _web(source.url)))
            else:
                result.append(Cited(self_label(part) or part, _web(part)))
        return result

    def label(self, value: object) -> str:
        """A `source` cell in words, its sources joined by ``; ``."""
        return "; ".join(c.label for c in self.cited(value))


def _web(address: str) -> str:
    return address if address.startswith(("http://", "https://")) else ""
