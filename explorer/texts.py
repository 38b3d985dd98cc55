"""Interface texts, Dutch first and English second.

Each page keeps its own `Texts`; the ones shared by every page are in `COMMON`.
"""

from __future__ import annotations

from graphmodel import schema

__all__ = ["COMMON", "LANGUAGES", "Texts", "kind_label", "relationship_label"]

LANGUAGES = ("nl", "en")


class Texts:
    """A table of (Dutch, English) texts; ``texts("key", lang, n=3)`` fills one in."""

    def __init__(self, entries: dict[str, tuple[str, str]]) -> None:
        self.entries = entries

    def __call__(self, key: str, lang: str, **values: object) -> str:
        dutch, english = self.entries[key]
        return (english if lang == "en" else dutch).format(**values)


COMMON = Texts(
    {
        "title": ("Verbindplaats", "Verbindplaats"),
        "tagline": (
            "Vind de juiste mensen in de flexibele lerarenopleiding",
            "Find the right people in flexible teacher education",
        ),
        "language": ("Taal", "Language"),
        "source": ("Bron", "Source"),
        "verified": ("Geverifieerd", "Verified"),
        "store_down": (
            "De graafdatabase is nu niet bereikbaar, dus deze pagina kan niets tonen. "
            "Probeer het over een minuut opnieuw.",
            "The graph database cannot be reached right now, so this page cannot show "
            "anything. Please try again in a minute.",
        ),
        "too_long": (
            "Je vraag is langer dan {limit} tekens; maak hem korter.",
            "Your question is longer than {limit} characters; please shorten it.",
        ),
        "cannot_answer": (
            "Dit kan niet worden beantwoord: {error}",
            "This cannot be answered: {error}",
        ),
        "not_found": ("Deze pagina bestaat niet.", "This page does not exist."),
        "table": ("Als tabel", "As a table"),
        "sort_by": ("Sorteer op {column}", "Sort by {column}"),
        "rows_shown": ("{shown} van {total} rijen", "{shown} of {total} rows"),
        "download_csv": ("Download CSV", "Download CSV"),
        "download_xlsx": ("Download XLSX", "Download XLSX"),
        "any": ("(alle)", "(any)"),
        "sheet_table": ("Tabel", "Table"),
        "sheet_about": ("Over deze tabel", "About this table"),
        "about_date": ("Datum", "Date"),
        "about_source": ("Bron", "Source"),
        "about_source_text": (
            "Verbindplaats; per feit de bron in de app (Over de data)",
            "Verbindplaats; each fact's source in the app (About the data)",
        ),
        "about_address": ("Adres", "Address"),
        # the three families of find_people's answers (graphmodel.questions.people.FAMILIES)
        "family-people": ("Mensen", "People"),
        "family-groups": ("Groepen om bij aan te sluiten", "Groups to join"),
        "family-organisations": ("Organisaties", "Organisations"),
    }
)


def kind_label(kind_name: str, lang: str) -> str:
    kind = schema.kind(kind_name)
    return kind.label_en if lang == "en" else kind.label_nl


def relationship_label(rel_type: str, lang: str) -> str:
    rel = schema.relationship_type(rel_type)
    return rel.label_en if lang == "en" else rel.label_nl
