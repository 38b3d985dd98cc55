"""Text normalisation shared by search in both stores.

Dutch users type without diacritics ("fryslan" for "Fryslân") and in any case; both
stores index and query the same folded form so that they give the same answers.
"""

from __future__ import annotations

import re

from anyascii import anyascii

from graphmodel.errors import QuestionTooLong

__all__ = ["MAX_QUESTION", "asked", "fold", "slugify", "words"]

MAX_QUESTION = 300  # characters of a search text or question; the longest real one is ~80

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def asked(text: str) -> str:
    """`text` as typed, if it is not longer than MAX_QUESTION; raises QuestionTooLong."""
    if len(text) > MAX_QUESTION:
        raise QuestionTooLong(
            f"the question is {len(text)} characters long; ask in at most {MAX_QUESTION}"
        )
    return text


def fold(text: str) -> str:
    """Lower case, transliterated to ASCII (accents removed, and letters with no accent
    to remove written as they are read: "Ø" as "o", "ß" as "ss"), every run of other
    characters one space.

    >>> fold("Fryslân  (Friesland)")
    'fryslan friesland'
    >>> fold("Ørsted, Straße")
    'orsted strasse'
    """
    return _NON_ALNUM.sub(" ", anyascii(text).lower()).strip()


def words(text: str) -> list[str]:
    """The folded words of `text`."""
    return fold(text).split()


def slugify(text: str) -> str:
    """The readable id part for a name: folded words joined by ``-``.

    >>> slugify("Hogeschool van Amsterdam")
    'hogeschool-van-amsterdam'
    """
    return "-".join(words(text))
