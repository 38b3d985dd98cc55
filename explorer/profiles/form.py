"""The profile form's answers, checked: every field against its limits and the graph.

`read_form` turns what a browser sent into a `ProfileInput`, or raises `FormRefused`
listing every field that is wrong, in words a person can act on. Nothing is written
before this passes, so a hostile or mistaken form changes nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from explorer.profiles.choices import Choices
from explorer.profiles.texts import TEXTS
from graphmodel import schema
from graphmodel.text import slugify
from importers.curated import is_web_url

__all__ = ["FieldReader", "FormRefused", "ProfileInput", "read_form"]

LIMITS = {
    "name": 200,
    "job_title": 200,
    "proposed_topic": 120,
    "website": 500,
    "message": 2000,
}
MAX_PICKED = 20  # topics or groups: more says nothing about what someone really does


class FormRefused(ValueError):
    """The form holds answers that cannot be kept: one message per wrong field."""

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


@dataclass(frozen=True)
class ProfileInput:
    """A profile's answers, each checked."""

    name: str
    job_title: str
    organisation: str | None
    topics: tuple[str, ...]
    proposed_topic: str
    region: str | None
    sectors: tuple[str, ...]
    groups: tuple[str, ...]
    website: str
    listed: bool
    reachable: bool
    email_shown: bool
    claim: str | None = None  # a public Person node the person says is them


class FieldReader:
    """Reads one form, collecting the problems of every field (in `problems`)."""

    def __init__(self, form: Mapping[str, str], many: Mapping[str, Sequence[str]], lang: str):
        self.form, self.many, self.lang = form, many, lang
        self.problems: dict[str, str] = {}

    def text(self, field: str, required: bool = False, lines: bool = False, limit: int = 0) -> str:
        """`field` trimmed (on one line unless `lines`), within its limit (`limit`, else
        the field's in LIMITS), printable."""
        limit = limit or LIMITS[field]
        raw = str(self.form.get(field, "")).replace("\r\n", "\n")
        value = raw.strip() if lines else " ".join(raw.split())
        kept = "\n" if lines else ""
        if len(value) > limit:
            self.problems[field] = TEXTS("too_long", self.lang, limit=limit)
        elif any(unicodedata.category(c).startswith("C") and c not in kept for c in value):
            self.problems[field] = TEXTS("bad_characters", self.lang)
        elif required and not value:
            self.problems[field] = TEXTS("required", self.lang)
        return value

    def one(self, field: str, allowed: Mapping[str, str]) -> str | None:
        value = str(self.form.get(field, "")).strip()
        if not value:
            return None
        if value not in allowed:
            self.problems[field] = TEXTS("unknown_choice", self.lang)
            return None
        return value

    def several(self, field: str, allowed: Mapping[str, str] | Sequence[str]) -> tuple[str, ...]:
        values = tuple(dict.fromkeys(v.strip() for v in self.many.get(field, ()) if v.strip()))
        if len(values) > MAX_PICKED:
            self.problems[field] = TEXTS("too_many_picked", self.lang, limit=MAX_PICKED)
        elif any(v not in allowed for v in values):
            self.problems[field] = TEXTS("unknown_choice", self.lang)
        else:
            return values
        return ()

    def website(self) -> str:
        value = self.text("website")
        if value and "website" not in self.problems and not is_web_url(value):
            self.problems["website"] = TEXTS("not_a_web_address", self.lang)
        return value

    def topic_name(self, field: str) -> str:
        """A proposed topic: text that holds a letter or digit to make its id of."""
        value = self.text(field)
        if value and field not in self.problems and not slugify(value):
            self.problems[field] = TEXTS("topic_without_letters", self.lang)
        return value

    def choice(self, field: str) -> bool:
        return self.form.get(field) == "ja"


def read_form(
    form: Mapping[str, str], many: Mapping[str, Sequence[str]], choices: Choices, lang: str
) -> ProfileInput:
    """The checked answers of a profile form (`form`: one value per field, `many`: every
    value of the fields that take several); FormRefused names what is wrong.

    Examples
    --------
    >>> from explorer.profiles.choices import Choices
    >>> choices = Choices({"org:x": "X"}, {"topic:y": "Y"}, {}, {}, {}, {})
    >>> read_form({"name": "An", "organisation": "org:x"}, {"topics": ["topic:y"]},
    ...           choices, "nl").topics
    ('topic:y',)
    >>> try:
    ...     read_form({"name": "An", "website": "javascript:alert(1)"}, {}, choices, "en")
    ... except FormRefused as refused:
    ...     print(refused.problems["website"])
    Only a web address starting with http:// or https:// can be shown.
    """
    read = FieldReader(form, many, lang)
    answers = ProfileInput(
        name=read.text("name", required=True),
        job_title=read.text("job_title"),
        organisation=read.one("organisation", choices.organisations),
        topics=read.several("topics", choices.topics),
        proposed_topic=read.topic_name("proposed_topic"),
        region=read.one("region", choices.regions),
        sectors=read.several("sectors", schema.SECTORS),
        groups=read.several("groups", choices.groups),
        website=read.website(),
        listed=read.choice("listed"),
        reachable=read.choice("reachable"),
        email_shown=read.choice("email_shown"),
        claim=read.one("claim", choices.people),
    )
    if read.problems:
        raise FormRefused(read.problems)
    return answers
