"""A verification round out: which subjects it covers, one workbook each into a folder.

The folder is written beside its final place and renamed into it when every workbook is
written: a round is sent whole or not at all.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from graphmodel.errors import GraphModelError
from graphmodel.model import Node
from graphmodel.questions import places
from graphmodel.sources import SourceCatalogue
from graphmodel.text import fold
from importers.verification import workbook
from importers.verification.facts import SUBJECT_KINDS, facts_about

if TYPE_CHECKING:
    from graphmodel.stores.base import Store

__all__ = ["Selection", "export_round", "file_name", "select_subjects"]


@dataclass(frozen=True)
class Selection:
    """Which subjects a round covers: these ids or names, else every subject of `kind`
    (any of SUBJECT_KINDS when None) in `region` (anywhere when None)."""

    subjects: Sequence[str] = ()
    region: str | None = None
    kind: str | None = None


def select_subjects(store: Store, selection: Selection) -> list[Node]:
    """The subjects, sorted by id; GraphModelError names what matches nothing."""
    if selection.kind and selection.kind not in SUBJECT_KINDS:
        raise GraphModelError(
            f"a round goes to {', '.join(SUBJECT_KINDS)}; not to {selection.kind!r}"
        )
    if selection.subjects:
        found = [_subject(store, text) for text in selection.subjects]
    else:
        kinds = [selection.kind] if selection.kind else SUBJECT_KINDS
        found = [node for kind in kinds for node in store.nodes_of(kind)]
    if selection.region:
        found = _in_region(store, found, _region(store, selection.region))
    return sorted({n.id: n for n in found}.values(), key=lambda n: n.id)


def _subject(store: Store, text: str) -> Node:
    """A subject by id, or by its exact name or short name (case and accents aside)."""
    by_id = store.nodes([text])
    if by_id and by_id[0].kind in SUBJECT_KINDS:
        return by_id[0]
    named = [
        hit.node
        for hit in store.search_names(text, SUBJECT_KINDS, limit=20)
        if fold(text) in {fold(hit.node.name), fold(str(hit.node.get("short_name", "")))}
    ]
    if len({n.id for n in named}) == 1:
        return named[0]
    if named:
        ids = ", ".join(sorted(n.id for n in named))
        raise GraphModelError(f"{text!r} names more than one: {ids}; give the id")
    raise GraphModelError(f"no organisation, partnership, alliance or network is {text!r}")


def _region(store: Store, text: str) -> Node:
    """A region by id, CBS code (GM0193, PV23) or exact name."""
    for candidate in (text, f"region:{text.upper()}"):
        found = store.nodes([candidate])
        if found and found[0].kind == "Region":
            return found[0]
    hits = store.search_names(text, ["Region"], 5)
    named = [h.node for h in hits if fold(h.node.name) == fold(text)]
    if not named:
        raise GraphModelError(f"no region is {text!r} (give a CBS code such as GM0193 or PV23)")
    return named[0]


def _in_region(store: Store, subjects: list[Node], region: Node) -> list[Node]:
    """The subjects located or active in `region` or in a region inside it themselves
    (not through a network they belong to, which may span the country)."""
    placement = places.place(store, [n.id for n in subjects])
    return [n for n in subjects if _directly(placement.of.get(n.id, {}).get(region.id))]


def _directly(place: places.Place | None) -> bool:
    return place is not None and place.via is None


def file_name(subject: Node) -> str:
    """``org-hogeschool-windesheim.xlsx``: the id, safe as a file name on any system."""
    return subject.id.replace(":", "-") + ".xlsx"


def export_round(
    store: Store,
    subjects: Sequence[Node],
    folder: Path,
    exported: date,
    progress: Callable[[int], None] | None = None,
    sources: SourceCatalogue | None = None,
) -> list[Path]:
    """One workbook per subject into `folder` (created; it must not exist yet), sources
    named by their titles in `sources` (see `workbook.write`)."""
    folder = folder.resolve()
    if folder.exists():
        raise GraphModelError(f"{folder} exists already; choose a new folder for this round")
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        for subject in subjects:
            book = workbook.write(subject, facts_about(store, subject), exported, sources)
            (staging / file_name(subject)).write_bytes(book)
            if progress:
                progress(1)
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [folder / file_name(s) for s in subjects]
