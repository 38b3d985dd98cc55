"""Place a row in today's gemeente, whatever year the file is from.

Files name a gemeente by CBS code and name, and a place (woonplaats). Codes come without
leading zeros (``114`` for ``0114``) and older files name gemeenten that have since merged
(Appingedam, Uden). The current gemeente is found from, in turn: the code, when it is
current; the former-gemeente table (``data/lookup/former-gemeenten.csv``) when the name
merged into one gemeente; the woonplaats (CBS woonplaats table), which also settles a
gemeente that was split over several. Anything else is not guessed.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from graphmodel.stores.base import Store
from graphmodel.text import fold

__all__ = ["GemeenteResolver", "Placement", "gemeente_code"]

WOONPLAATSEN = "woonplaats-gemeente-corop-2024.csv"
FORMER_GEMEENTEN = "former-gemeenten.csv"


@dataclass(frozen=True)
class Placement:
    """The current gemeente of a row, and the one the file named if that has merged."""

    region_id: str
    former: str = ""  # "GM0003 APPINGEDAM" when the file's gemeente no longer exists


def gemeente_code(text: str) -> str:
    """A CBS gemeentecode as ``GM0114``, from ``114``, ``0114`` or ``GM0114``; else ``""``."""
    digits = text.strip().upper().removeprefix("GM")
    valid = digits.isascii() and digits.isdigit() and len(digits) <= 4  # not "1²"
    return f"GM{digits.zfill(4)}" if valid else ""


class GemeenteResolver:
    """Finds the current gemeente region of a (code, name, woonplaats) triple."""

    def __init__(
        self,
        region_by_code: dict[str, str],
        regions_by_name: dict[str, set[str]],
        woonplaatsen: dict[str, set[str]],
        successors: dict[str, set[str]],
    ) -> None:
        self._by_code = region_by_code
        self._by_name = regions_by_name
        self._woonplaatsen = woonplaatsen
        self._successors = successors

    @classmethod
    def from_store(cls, store: Store, lookup: Path) -> GemeenteResolver:
        """The store's gemeenten, with the woonplaats and former-gemeente tables in the
        `lookup` folder (``data/lookup``)."""
        gemeenten = store.nodes_of("Region", {"level": "gemeente"})
        by_code = {str(g.get("code")): g.id for g in gemeenten if g.get("code")}
        by_name: dict[str, set[str]] = defaultdict(set)
        for g in gemeenten:
            by_name[fold(g.name)].add(g.id)
        woonplaatsen: dict[str, set[str]] = defaultdict(set)
        for row in _rows(lookup / WOONPLAATSEN):
            if region := by_code.get(gemeente_code(row["Gemeentecode"])):
                woonplaatsen[fold(row["Woonplaats"])].add(region)
        successors: dict[str, set[str]] = defaultdict(set)
        for row in _rows(lookup / FORMER_GEMEENTEN):
            successors[fold(row["former_name"])] |= by_name.get(fold(row["gemeente"]), set())
        return cls(by_code, dict(by_name), dict(woonplaatsen), dict(successors))

    def place(self, code: str, name: str, woonplaats: str) -> Placement | None:
        """The current gemeente, or None when neither code, name nor place settles it."""
        normalised = gemeente_code(code)
        if region := self._by_code.get(normalised):
            return Placement(region)
        named = self._by_name.get(fold(name), set())
        if len(named) == 1:  # no code, or one that no gemeente has: the current name
            return Placement(next(iter(named)))
        former = f"{normalised} {name}".strip()
        successors = self._successors.get(fold(name), set())
        if len(successors) == 1:
            return Placement(next(iter(successors)), former)
        candidates = self._woonplaatsen.get(fold(woonplaats), set())
        if successors:
            candidates &= successors
        if len(candidates) == 1:
            return Placement(next(iter(candidates)), former)
        return None

    def region_named(self, text: str) -> str | None:
        """A gemeente region by its code (any form) or its current name."""
        if region := self._by_code.get(gemeente_code(text)):
            return region
        named = self._by_name.get(fold(text), set())
        return next(iter(named)) if len(named) == 1 else None


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))
