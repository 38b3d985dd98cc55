"""Files attached to answers: PDF, DOCX, PPTX or XLSX up to `MAX_SIZE`, the type found
from the content, never from the name or the type the browser claims.

A PDF starts with ``%PDF-``. The Office formats are zip archives (OOXML) holding
``[Content_Types].xml`` and their own part (``word/document.xml``,
``ppt/presentation.xml``, ``xl/workbook.xml``); the archive is read as a directory only,
with limits on its entries and their unpacked size, so that a zip bomb is refused
unopened. A renamed executable, a macro-enabled workbook or a file whose content is not
the type its name says is refused with a reason.

The bytes are kept in the instance folder (``forum-files/``, outside anything served)
under a random name; they are served by one route, as a download (``Content-Disposition:
attachment``) with the type's own content type and ``nosniff``.
"""

from __future__ import annotations

import io
import re
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CONTENT_TYPES", "MAX_SIZE", "AttachmentRefused", "Checked", "check", "folder", "keep"]

MAX_SIZE = 10 * 1024 * 1024
MAX_ENTRIES = 5000  # a large workbook or deck has a few hundred parts
MAX_UNPACKED = 200 * 1024 * 1024
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
OOXML_PART = {
    "docx": "word/document.xml",
    "pptx": "ppt/presentation.xml",
    "xlsx": "xl/workbook.xml",
}
MACROS = "vbaProject.bin"  # macro-enabled documents carry one: refused
SAFE_NAME = re.compile(r"[^\w.\- ]+")


class AttachmentRefused(ValueError):
    """The file cannot be attached; `reason` is a key of the forum's texts."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Checked:
    """A file that passed: its cleaned name, its type, and its bytes."""

    filename: str
    kind: str
    content: bytes


def check(filename: str, content: bytes) -> Checked:
    """The file `filename` holding `content`, checked; AttachmentRefused otherwise.

    >>> check("notes.pdf", b"%PDF-1.7 ...").kind
    'pdf'
    >>> check("setup.pdf", b"MZ\\x90\\x00 a renamed program")
    Traceback (most recent call last):
    ...
    explorer.forum.attachments.AttachmentRefused: attachment_not_what_it_says
    """
    if len(content) > MAX_SIZE:
        raise AttachmentRefused("attachment_too_big")
    if not content:
        raise AttachmentRefused("attachment_empty")
    name = _clean_name(filename)
    claimed = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if claimed not in CONTENT_TYPES:
        raise AttachmentRefused("attachment_type")
    if _kind_of(content) != claimed:
        raise AttachmentRefused("attachment_not_what_it_says")
    return Checked(name, claimed, content)


def _kind_of(content: bytes) -> str | None:
    """The type `content` is, by its bytes: pdf, docx, pptx, xlsx or None."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if not content.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    names = {entry.filename for entry in entries}
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ENTRIES or unpacked > MAX_UNPACKED or "[Content_Types].xml" not in names:
        return None
    if any(name.endswith(MACROS) for name in names):
        return None
    return next((kind for kind, part in OOXML_PART.items() if part in names), None)


def _clean_name(filename: str) -> str:
    """The name shown and offered on download: its last part, only letters, digits and
    ``.-_ `` (no path, no quotes that could break a header), at most 120 characters."""
    last = filename.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = SAFE_NAME.sub("_", last).strip(" .")[-120:]
    return cleaned or "bijlage"


def folder(instance: Path) -> Path:
    """Where the attachments' bytes are kept: in the instance folder, never served."""
    path = instance / "forum-files"
    path.mkdir(parents=True, exist_ok=True)
    return path


def keep(instance: Path, checked: Checked) -> str:
    """Write `checked`'s bytes under a new random name in `folder`; that name."""
    stored_as = secrets.token_hex(16)
    path = folder(instance) / stored_as
    temporary = path.with_suffix(".part")
    temporary.write_bytes(checked.content)
    temporary.replace(path)  # whole or not at all
    return stored_as
