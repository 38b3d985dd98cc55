"""One search box that understands topic, place and sector: a parser for what people type.

People type the way they talk: "zij-instroom Zwolle mbo", "wie doet iets met
leeruitkomsten in Noord-Brabant", "EVC's Twente", "leeruitkomsen Utrecht" (a typo),
"learning outcomes Amsterdam". `parse` reads such text against the graph's own vocabulary
(topic names, English labels and synonyms; region names and synonyms, the woonplaatsen of
each gemeente among them) and fixed word lists (sectors, kinds, people words, stop words),
with no network and no model.

How it reads, left to right, longest phrase first:
- a phrase is looked up as typed (folded: case and accents do not matter), then in its
  light-stemmed form (Dutch plurals and inflections: "leeruitkomst", "zij-instromers",
  "EVC's"; place names are not stemmed), then with typos: one edit in words of 5+
  letters, two in 9+ (topics); one edit in a place name of 6+ letters written with a
  capital, but not in the woonplaatsen that are a gemeente's synonyms (places). A typo
  makes a `suggestion` ("bedoelde u ...?").
- When one phrase means several things, sector beats kind beats people word beats topic
  beats place. A region's own name beats a synonym (the province Zeeland beats the village
  Zeeland); of regions named alike ("Utrecht", "Groningen") the gemeente wins, unless
  "provincie"/"province" comes just before; the others are kept as `alternatives`.
- What no phrase claims, stop words aside, is one name part, for name search.
`parse` never raises on what a person types: odd input gives an empty or name-only
answer (held to it by property tests, with no catch-all).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

from graphmodel.text import fold

if TYPE_CHECKING:
    from graphmodel.stores.base import Store

__all__ = ["ParsedQuery", "Part", "Vocabulary", "parse"]

PART_TYPES = ("topic", "place", "sector", "kind", "people", "name")
MAX_PHRASE = 7  # words in the longest phrase looked up
TYPO_WORDS = 3  # phrases of at most this many words are tried with typos
TYPO_CACHE = 16_384  # typo lookups remembered per vocabulary

SECTORS = {
    "po": ("po", "primair onderwijs", "basisonderwijs", "basisschool", "pabo"),
    "vo": ("vo", "voortgezet onderwijs", "middelbare school"),
    "mbo": ("mbo", "middelbaar beroepsonderwijs"),
    "hbo": ("hbo", "hoger beroepsonderwijs"),
    "wo": ("wo", "wetenschappelijk onderwijs"),
}
SECTORS_EN = {
    "po": ("primary education", "primary school"),
    "vo": ("secondary education", "secondary school"),
    "mbo": ("vocational education",),
    "wo": ("university education",),
}
KINDS = {  # kind -> the words for it (one-word phrases, space-separated)
    "ResearchGroup": "lectoraat lectoraten lector practoraat practoraten onderzoeksgroep",
    "Network": "netwerk netwerken themagroep network",
    "Partnership": "partnerschap partnerschappen opleidingsschool opleidingsscholen partnership",
    "Alliance": "alliantie allianties alliance",
    "Project": "project projecten",
    "Organisation": "organisatie organisaties instelling instellingen hogeschool hogescholen "
    "universiteit school scholen organisation institution",
    "Event": "bijeenkomst congres conferentie event",
    "Resource": "publicatie rapport handreiking publication report",
}
KIND_PHRASES = {"research group": "ResearchGroup"}
PEOPLE_WORDS = [
    "wie",
    "iemand",
    "expert",
    "experts",
    "deskundige",
    "contactpersoon",
    "mensen",
    "collega",
    "who",
    "someone",
    "people",
    "contact",
    "person",
]
STOP_WORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "in",
        "op",
        "met",
        "van",
        "voor",
        "over",
        "iets",
        "doet",
        "doen",
        "werkt",
        "werken",
        "aan",
        "en",
        "of",
        "the",
        "a",
        "an",
        "on",
        "with",
        "about",
        "for",
        "and",
        "does",
        "working",
        "work",
        "works",
        "is",
        "ik",
        "zoek",
        "looking",
        "find",
        "vind",
        "die",
        "dat",
        "wat",
        "what",
        "rond",
        "regio",
        "region",
        "near",
        "around",
        "provincie",
        "province",
        "mijn",
        "my",
        "bij",
        "at",
        "te",
        "to",
    ]
)
PROVINCE_WORDS = frozenset(("provincie", "province", "prov"))
PRIORITY = {"sector": 0, "kind": 1, "people": 2, "topic": 3, "place": 4}
LEVEL_PREFERENCE = {"gemeente": 0, "provincie": 1, "corop": 2, "onderwijsregio": 3}

_TOKEN = re.compile(r"\w[\w'\u2019\-]*")
_APOSTROPHES = str.maketrans("", "", "'\u2019")  # "EVC's" reads as "EVCs"


@dataclass(frozen=True)
class Part:
    """One understood part of a query, with the words it came from and how sure it is."""

    type: str  # topic, place, sector, kind, people or name
    value: str  # topic or region id, sector code, kind name, "people", or the name text
    label: str  # what a chip shows
    words: str  # the words of the query, as typed
    confidence: float
    alternatives: tuple[str, ...] = ()  # other values the words could mean (region ids)


@dataclass(frozen=True)
class ParsedQuery:
    """What a query was understood to ask."""

    text: str
    parts: tuple[Part, ...]
    suggestion: str | None = None  # the query with its typos corrected

    def values(self, part_type: str) -> list[str]:
        return [p.value for p in self.parts if p.type == part_type]

    @property
    def asks_for_people(self) -> bool:
        """A people question: people words, or a topic with a place or a sector."""
        if self.values("people"):
            return True
        return bool(self.values("topic")) and bool(self.values("place") or self.values("sector"))


@dataclass(frozen=True)
class _Meaning:
    type: str
    value: str
    label: str
    own_name: bool = True  # the name itself, not a synonym
    level: str = ""  # for places


@dataclass
class Vocabulary:
    """Every phrase the parser knows, by folded form, by stemmed form, and by deletions
    (for typos); built once per store."""

    exact: dict[str, list[_Meaning]] = field(default_factory=lambda: defaultdict(list))
    stemmed: dict[str, list[_Meaning]] = field(default_factory=lambda: defaultdict(list))
    deletions: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    place_phrases: set[str] = field(default_factory=set)
    longest: int = 0  # letters of the longest phrase that forgives typos

    @classmethod
    def from_store(cls, store: Store) -> Vocabulary:
        vocabulary = cls()
        for code, phrases in SECTORS.items():
            for phrase in (*phrases, *SECTORS_EN.get(code, ())):
                vocabulary.add(phrase, _Meaning("sector", code, code))
        kind_words = {w: kind for kind, words in KINDS.items() for w in words.split()}
        for phrase, kind in (kind_words | KIND_PHRASES).items():
            vocabulary.add(phrase, _Meaning("kind", kind, phrase))
        for word in PEOPLE_WORDS:
            vocabulary.add(word, _Meaning("people", "people", word))
        for topic in store.nodes_of("Topic"):
            vocabulary.add(topic.name, _Meaning("topic", topic.id, topic.name))
            for other in (topic.get("label_en"), *(topic.get("synonyms") or ())):
                if other:
                    vocabulary.add(other, _Meaning("topic", topic.id, topic.name, False))
        for region in store.nodes_of("Region"):
            level = str(region.get("level", ""))
            if level == "land":
                continue
            meaning = _Meaning("place", region.id, region.name, True, level)
            vocabulary.add(region.name, meaning)
            for synonym in region.get("synonyms") or ():
                vocabulary.add(synonym, _Meaning("place", region.id, region.name, False, level))
        vocabulary.index_typos()
        return vocabulary

    def add(self, phrase: str, meaning: _Meaning) -> None:
        key = fold(phrase.translate(_APOSTROPHES))
        if not key:
            return
        self.exact[key].append(meaning)
        if meaning.type == "place":  # names do not inflect: "Neede" is not "need"
            self.place_phrases.add(key)
        else:
            self.stemmed[_stem_phrase(key)].append(meaning)

    def index_typos(self) -> None:
        """Index the phrases that forgive typos (see `_forgives_typos`)."""
        self._typos.cache_clear()  # what was looked up before was looked up in less
        for key, meanings in self.exact.items():
            if not any(_forgives_typos(m) for m in meanings):
                continue
            self.longest = max(self.longest, len(key))
            for deleted in _deletions(key, _typo_budget(key, key in self.place_phrases)):
                self.deletions[deleted].add(key)

    def __post_init__(self) -> None:
        # A query tries every phrase of up to TYPO_WORDS words at every position, and
        # people ask the same words again and again: each lookup is worked out once (a
        # bounded cache, as a long-running server meets endless new words).
        self._typos = lru_cache(maxsize=TYPO_CACHE)(self._nearest_known)

    def typo(self, key: str, capitalised: bool) -> tuple[str, int] | None:
        """The known phrase within the typo budget of `key`, nearest first (ties: the
        alphabetically first, for the same answer every time). A misspelt place counts
        only when it was written with a capital, as names are: lower-case Dutch words
        ("helpen", "worden") are too often one letter from a place. Memoised (see
        `__post_init__`)."""
        return self._typos(key, capitalised)

    def _nearest_known(self, key: str, capitalised: bool) -> tuple[str, int] | None:
        budget = max(_typo_budget(key, False), _typo_budget(key, True))
        if not budget or len(key) > self.longest + budget:  # a pasted hash is no typo
            return None
        candidates = set().union(*(self.deletions.get(d, ()) for d in _deletions(key, budget)))
        found = []
        for candidate in candidates:
            if not capitalised and all(m.type == "place" for m in self.exact[candidate]):
                continue
            distance = OSA.distance(key, candidate)  # a swap of neighbours is one edit
            allowed = _typo_budget(candidate, candidate in self.place_phrases)
            if 0 < distance <= min(allowed, budget):
                found.append((distance, candidate))
        return (min(found)[1], min(found)[0]) if found else None


def parse(text: str, vocabulary: Vocabulary) -> ParsedQuery:
    """The parts `text` asks for (see the module's docstring for the rules). It raises
    on no text: the property tests hold it to that, with no catch-all to hide a bug."""
    return _Reader(str(text), vocabulary).read()


class _Reader:
    """One pass over one query."""

    def __init__(self, text: str, vocabulary: Vocabulary) -> None:
        self.text = text
        self.vocabulary = vocabulary
        self.tokens = [
            (m.start(), m.end(), fold(m.group().translate(_APOSTROPHES)))
            for m in _TOKEN.finditer(text)
        ]
        self.tokens = [t for t in self.tokens if t[2]]
        self.parts: list[Part] = []
        self.corrections: list[tuple[int, int, str]] = []  # span -> corrected phrase

    def read(self) -> ParsedQuery:
        leftover: list[int] = []
        i = 0
        while i < len(self.tokens):
            taken = self._phrase_at(i)
            if taken:
                i += taken
            else:
                if self.tokens[i][2] not in STOP_WORDS:
                    leftover.append(i)
                i += 1
        if leftover:
            name = " ".join(self.tokens[i][2] for i in leftover)
            words = " ".join(self.text[self.tokens[i][0] : self.tokens[i][1]] for i in leftover)
            self.parts.append(Part("name", name, name, words, 1.0))
        return ParsedQuery(self.text, tuple(self.parts), self._suggestion())

    def _phrase_at(self, i: int) -> int:
        """Take the longest known phrase starting at token `i`; how many tokens it took.
        A phrase may start with a stop word only when it is known as typed ("De Meern")."""
        stop_start = self.tokens[i][2] in STOP_WORDS
        for n in range(min(MAX_PHRASE, len(self.tokens) - i), 0, -1):
            if self.tokens[i + n - 1][2] in STOP_WORDS:
                continue
            if stop_start:
                key = " ".join(t[2] for t in self.tokens[i : i + n])
                if key in self.vocabulary.exact:
                    self._take(i, n, self.vocabulary.exact[key], 1.0, None)
                    return n
                continue
            key = " ".join(t[2] for t in self.tokens[i : i + n])
            found = self._lookup(key, n, self.text[self.tokens[i][0]].isupper())
            if found:
                meanings, confidence, corrected = found
                self._take(i, n, meanings, confidence, corrected)
                return n
        return 0

    def _lookup(
        self, key: str, n: int, capitalised: bool
    ) -> tuple[list[_Meaning], float, str | None] | None:
        vocabulary = self.vocabulary
        if key in vocabulary.exact:
            return vocabulary.exact[key], 1.0, None
        stemmed = _stem_phrase(key)
        if stemmed in vocabulary.stemmed:
            return vocabulary.stemmed[stemmed], 0.9, None
        if n <= TYPO_WORDS:
            typo = vocabulary.typo(key, capitalised)
            if typo:
                corrected, distance = typo
                return vocabulary.exact[corrected], 0.8 - 0.1 * (distance - 1), corrected
        return None

    def _take(
        self, i: int, n: int, meanings: list[_Meaning], confidence: float, corrected: str | None
    ) -> None:
        start, end = self.tokens[i][0], self.tokens[i + n - 1][1]
        words = self.text[start:end]
        best_type = min(PRIORITY[m.type] for m in meanings)
        chosen = [m for m in meanings if PRIORITY[m.type] == best_type]
        if chosen[0].type == "place":
            part = self._place(chosen, words, confidence, i)
        else:
            meaning = chosen[0]
            part = Part(meaning.type, meaning.value, meaning.label, words, confidence)
        if corrected:
            self.corrections.append((start, end, _display(corrected, chosen[0])))
        if not self._has(part):
            self.parts.append(part)

    def _place(self, meanings: list[_Meaning], words: str, confidence: float, i: int) -> Part:
        by_region = {m.value: m for m in sorted(meanings, key=lambda m: not m.own_name)}
        options = sorted(by_region.values(), key=lambda m: (not m.own_name, _level_rank(m)))
        if self._after_province_word(i):
            options.sort(key=lambda m: m.level != "provincie")
        best = options[0]
        alternatives = tuple(m.value for m in options[1:] if m.own_name == best.own_name)
        if alternatives:
            confidence = round(confidence * 0.8, 2)
        elif not best.own_name:
            confidence = round(confidence * 0.9, 2)
        return Part("place", best.value, best.label, words, confidence, alternatives)

    def _after_province_word(self, i: int) -> bool:
        before = [t[2] for t in self.tokens[max(0, i - 2) : i]]
        return any(word in PROVINCE_WORDS for word in before)

    def _has(self, part: Part) -> bool:
        if part.type in ("sector", "people"):
            return any(p.type == part.type for p in self.parts)
        return any((p.type, p.value) == (part.type, part.value) for p in self.parts)

    def _suggestion(self) -> str | None:
        if not self.corrections:
            return None
        text = self.text
        for start, end, corrected in sorted(self.corrections, reverse=True):
            text = text[:start] + corrected + text[end:]
        return text


def _forgives_typos(meaning: _Meaning) -> bool:
    """Topics, places by their own name and the other names of provinces and larger
    regions ("Friesland"); not the 2,000 woonplaatsen that are a gemeente's synonyms (too
    many short village names lie one letter from a common word), nor the short word lists
    (kinds, sectors, people words: "sector" is not "lector")."""
    if meaning.type == "place":
        return meaning.own_name or meaning.level != "gemeente"
    return meaning.type == "topic"


def _level_rank(meaning: _Meaning) -> int:
    return LEVEL_PREFERENCE.get(meaning.level, len(LEVEL_PREFERENCE))


def _display(corrected: str, meaning: _Meaning) -> str:
    """The corrected phrase as it is written in the vocabulary, if it is the label."""
    return meaning.label if fold(meaning.label) == corrected else corrected


# --- words ------------------------------------------------------------------------------

_VOWEL_PAIR = re.compile(r"(aa|ee|oo|uu)(?=[^aeiou]*$)")
_DOUBLE_END = re.compile(r"([^aeiou])\1$")
SUFFIXES = ("ers", "en", "er", "es", "s", "e")


def _stem_phrase(key: str) -> str:
    return " ".join(_stem(word) for word in key.split())


def _stem(word: str) -> str:
    """A light Dutch stem, the same for singular, plural and inflected forms:
    leeruitkomsten/leeruitkomst, zij-instromers/zij-instroom, lectoraten/lectoraat.

    >>> [_stem(w) for w in ("leeruitkomsten", "instromers", "instroom", "evcs")]
    ['leeruitkomst', 'instrom', 'instrom', 'evc']
    """
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    word = _VOWEL_PAIR.sub(lambda m: m.group(1)[0], word)
    return _DOUBLE_END.sub(r"\1", word)


def _typo_budget(key: str, place: bool) -> int:
    """Edits forgiven in a phrase: places one from 6 letters; others one from 5, two from 9."""
    letters = len(key.replace(" ", ""))
    if place:
        return 1 if letters >= 6 else 0
    return 2 if letters >= 9 else 1 if letters >= 5 else 0


def _deletions(key: str, budget: int) -> set[str]:
    found = {key}
    for _ in range(budget):
        found |= {w[:i] + w[i + 1 :] for w in found for i in range(len(w))}
    return found
