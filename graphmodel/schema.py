"""The one definition of Verbindplaats' graph: kinds, their columns, relationship types.

The importer validates tables against it, both stores take labels and relationship types
only from it (never from user input), and the explorer takes its legend from it. The
human-readable picture of the same model is ``docs/data-model.md``; a test keeps the two
in step.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = [
    "BREAKDOWN",
    "COMMON_COLUMNS",
    "EXTRA_PREFIX",
    "KINDS",
    "RELATIONSHIPS",
    "RELATIONSHIP_COLUMNS",
    "RELATIONSHIP_TABLE",
    "SOURCE_COLUMNS",
    "SOURCE_TABLE",
    "Column",
    "ColumnType",
    "Link",
    "NodeKind",
    "RelationshipType",
    "kind",
    "kind_by_table",
    "kind_of_id",
    "relationship_type",
]


class ColumnType(enum.Enum):
    """How a cell is read and checked."""

    TEXT = "text"
    CHOICE = "choice"  # one value from `choices`
    VALUES = "values"  # a `;`-separated list of plain values (from `choices` if given)
    BOOLEAN = "boolean"
    NUMBER = "number"  # a decimal number with a point: 52.3676
    URL = "url"  # http(s) only: shown to users as a link
    SOURCE = "source"  # bron: id, URL, github: reference or file name; `;`-separated
    DATE = "date"  # YYYY-MM-DD
    PARTIAL_DATE = "partial-date"  # YYYY, YYYY-MM or YYYY-MM-DD


@dataclass(frozen=True)
class Column:
    """A property column of a node or relationship table."""

    name: str
    type: ColumnType = ColumnType.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    """A list column of a node table that the importer expands into relationships."""

    column: str
    relationship: str


@dataclass(frozen=True)
class NodeKind:
    """A kind of node: its label in Neo4j, its table, its id prefix and its columns."""

    name: str
    table: str
    prefix: str
    label_nl: str
    label_en: str
    columns: tuple[Column, ...]
    links: tuple[Link, ...]

    @property
    def all_columns(self) -> tuple[Column, ...]:
        return COMMON_COLUMNS + self.columns

    def column(self, name: str) -> Column | None:
        return next((c for c in self.all_columns if c.name == name), None)


@dataclass(frozen=True)
class RelationshipType:
    """A relationship type and the (from kind, to kind) pairs it may connect."""

    name: str
    label_nl: str
    label_en: str
    endpoints: tuple[tuple[str, str], ...]

    def allows(self, start_kind: str, end_kind: str) -> bool:
        return (start_kind, end_kind) in self.endpoints


SECTORS = ("po", "vo", "mbo", "hbo", "wo")
ORGANISATION_CATEGORIES = (
    "hogeschool",
    "universiteit",
    "mbo-instelling",
    "school",
    "schoolbestuur",
    "vereniging",
    "overheid",
    "expertisecentrum",
    "bedrijf",
    "overig",
)
REGION_LEVELS = ("land", "provincie", "gemeente", "corop", "onderwijsregio", "rap-regio")

COMMON_COLUMNS: tuple[Column, ...] = (
    Column("id", required=True),
    Column("name", required=True),
    Column("description"),
    Column("website", ColumnType.URL),
    Column("source", ColumnType.SOURCE, required=True),
    Column("verified", ColumnType.DATE, required=True),
    # values that a later source gave differently, kept beside the first one:
    # "website=https://b.nl (b.csv)"; an import lists them instead of overwriting
    Column("alternatives", ColumnType.VALUES),
    # what the sources leave open about this row ("lector-lectoraat pairing not
    # confirmed"); empty when nothing is marked uncertain
    Column("uncertain"),
    # the curator's note on where a fact came from and how it was read; for the people
    # who keep the tables, never shown in the explorer (the description is for readers)
    Column("note"),
)

# Columns named x_... hold what an import kept of a file's unknown columns, on request.
EXTRA_PREFIX = "x_"

_sectors = Column("sectors", ColumnType.VALUES, choices=SECTORS)
_short_name = Column("short_name")
_topics = Link("topics", "WORKS_ON")
_active_in = Link("active_in", "ACTIVE_IN")
_hosted_by = Link("hosted_by", "HOSTED_BY")

KINDS: tuple[NodeKind, ...] = (
    NodeKind(
        "Organisation",
        "organisations",
        "org",
        "Organisatie",
        "Organisation",
        (
            Column("category", ColumnType.CHOICE, required=True, choices=ORGANISATION_CATEGORIES),
            _short_name,
            Column("brin"),  # DUO instellingscode (BRIN)
            Column("vestiging"),  # DUO vestigingscode: brin and two digits, 18BR00
            Column("bevoegd_gezag"),  # DUO number of its bevoegd gezag (its own, for a bestuur)
            Column("denomination"),
            Column("former_gemeente"),  # code and name of the gemeente a file gave, since merged
            _sectors,
        ),
        (
            Link("located_in", "LOCATED_IN"),
            Link("part_of", "PART_OF"),
            Link("member_of", "MEMBER_OF"),
            _topics,
        ),
    ),
    NodeKind(
        "Partnership",
        "partnerships",
        "partnership",
        "Partnerschap",
        "Partnership",
        (_short_name, _sectors, Column("status")),
        (_active_in, _topics),
    ),
    NodeKind(
        "Alliance",
        "alliances",
        "alliance",
        "Alliantie",
        "Alliance",
        (_short_name, _sectors),
        (_active_in, _topics),
    ),
    NodeKind(
        "Region",
        "regions",
        "region",
        "Regio",
        "Region",
        (
            Column("level", ColumnType.CHOICE, required=True, choices=REGION_LEVELS),
            Column("code"),
            Column("synonyms", ColumnType.VALUES),
            Column("latitude", ColumnType.NUMBER),  # centroid (WGS84), for "nearest region"
            Column("longitude", ColumnType.NUMBER),
        ),
        (Link("part_of", "PART_OF"),),
    ),
    NodeKind(
        "Network",
        "networks",
        "network",
        "Netwerk",
        "Network",
        (
            _short_name,
            Column("scope", ColumnType.CHOICE, choices=("landelijk", "regionaal")),
            _sectors,
        ),
        (_hosted_by, _active_in, _topics),
    ),
    NodeKind(
        "ResearchGroup",
        "research_groups",
        "rg",
        "Onderzoeksgroep",
        "Research group",
        (
            Column(
                "type",
                ColumnType.CHOICE,
                required=True,
                choices=(
                    "lectoraat",
                    "practoraat",
                    "leerstoel",
                    "kenniscentrum",
                    "onderzoeksgroep",
                ),
            ),
        ),
        (_hosted_by, _topics),
    ),
    NodeKind(
        "Person",
        "people",
        "person",
        "Persoon",
        "Person",
        (
            Column("job_title"),
            Column("email"),
            Column("phone"),
            Column("contact_public", ColumnType.BOOLEAN),
        ),
        (_topics,),
    ),
    NodeKind(
        "Project",
        "projects",
        "project",
        "Project",
        "Project",
        (_short_name, Column("period"), _sectors),
        (_active_in, _topics),
    ),
    NodeKind(
        "Topic",
        "topics",
        "topic",
        "Onderwerp",
        "Topic",
        (Column("label_en"), Column("synonyms", ColumnType.VALUES)),
        (Link("broader", "BROADER"),),
    ),
    NodeKind(
        "Event",
        "events",
        "event",
        "Bijeenkomst",
        "Event",
        (Column("date", ColumnType.PARTIAL_DATE), Column("place")),
        (Link("organised_by", "ORGANISED_BY"), Link("topics", "ABOUT")),
    ),
    NodeKind(
        "Resource",
        "resources",
        "resource",
        "Bron",
        "Resource",
        (Column("date", ColumnType.PARTIAL_DATE), Column("resource_type")),
        (Link("published_by", "PUBLISHED_BY"), Link("topics", "ABOUT")),
    ),
)


def _pairs(starts: str, ends: str) -> tuple[tuple[str, str], ...]:
    """All (start, end) pairs of two space-separated kind lists."""
    return tuple((s, e) for s in starts.split() for e in ends.split())


# --- the sets of kinds and relationship types the questions share, named once ---------

# Who can be an answer or be counted: everything that works on topics and lies in regions.
ACTOR_KINDS = (
    "Organisation",
    "Partnership",
    "Alliance",
    "Network",
    "ResearchGroup",
    "Person",
    "Project",
)
# Groups whose topics their people and member organisations share.
GROUP_KINDS = ("ResearchGroup", "Network", "Partnership", "Alliance", "Project")
# Groups one joins, and so shares with the other members (a research group is hosted).
JOINED_KINDS = ("Network", "Partnership", "Alliance", "Project")
# Between a group and its people and organisations: members, affiliates, leaders, host.
BELONGING = ("AFFILIATED_WITH", "LEADS", "MEMBER_OF", "HOSTED_BY")
# From a person to the groups and organisations they work in or lead.
AFFILIATION = ("AFFILIATED_WITH", "LEADS")
# From an actor to the groups it has joined (as a member, an affiliate or their leader).
JOINING = ("MEMBER_OF", *AFFILIATION)
# From an actor to a region it is in.
IN_REGION = ("LOCATED_IN", "ACTIVE_IN", "MEMBER_OF")

_ACTORS = " ".join(ACTOR_KINDS)

RELATIONSHIPS: tuple[RelationshipType, ...] = (
    RelationshipType(
        "MEMBER_OF",
        "lid van",
        "member of",
        _pairs("Organisation", "Partnership Alliance Network Project Region"),
    ),
    RelationshipType(
        "PART_OF",
        "deel van",
        "part of",
        _pairs("Region", "Region") + _pairs("Organisation", "Organisation"),
    ),
    RelationshipType("LOCATED_IN", "gevestigd in", "located in", _pairs("Organisation", "Region")),
    RelationshipType(
        "ACTIVE_IN",
        "actief in",
        "active in",
        # a person: where they say they work (their profile)
        _pairs("Partnership Alliance Network Project Person", "Region"),
    ),
    RelationshipType("WORKS_ON", "werkt aan", "works on", _pairs(_ACTORS, "Topic")),
    RelationshipType("BROADER", "valt onder", "broader", _pairs("Topic", "Topic")),
    RelationshipType(
        "AFFILIATED_WITH",
        "verbonden aan",
        "affiliated with",
        _pairs("Person", "Organisation ResearchGroup Network Partnership Alliance Project"),
    ),
    RelationshipType("LEADS", "leidt", "leads", _pairs("Person", "ResearchGroup Network Project")),
    RelationshipType(
        "HOSTED_BY",
        "ondergebracht bij",
        "hosted by",
        _pairs("ResearchGroup Network", "Organisation"),
    ),
    RelationshipType(
        "ORGANISED_BY",
        "georganiseerd door",
        "organised by",
        _pairs("Event", "Organisation Network Project"),
    ),
    RelationshipType(
        "ATTENDED", "nam deel aan", "attended", _pairs("Person Organisation", "Event")
    ),
    RelationshipType(
        "PUBLISHED_BY",
        "uitgegeven door",
        "published by",
        _pairs("Resource", "Organisation Network ResearchGroup Project Person"),
    ),
    RelationshipType("ABOUT", "gaat over", "about", _pairs("Event Resource", "Topic")),
)

# The column that splits a kind into the groups people count by (stats, coverage).
BREAKDOWN = {"Region": "level", "Organisation": "category"}

RELATIONSHIP_TABLE = "relationships"
RELATIONSHIP_COLUMNS: tuple[Column, ...] = (
    Column("from", required=True),
    Column("type", ColumnType.CHOICE, required=True, choices=tuple(r.name for r in RELATIONSHIPS)),
    Column("to", required=True),
    Column("role"),
    Column("since", ColumnType.PARTIAL_DATE),
    Column("until", ColumnType.PARTIAL_DATE),
    Column("source", ColumnType.SOURCE, required=True),
    Column("verified", ColumnType.DATE, required=True),
    Column("uncertain"),  # as for nodes: what the sources leave open about this link
    Column("note"),  # as for nodes: the curator's note, not shown in the explorer
)

# The sources table: what every `source` value stands for (graphmodel.sources). Not a kind
# of node: the graph cites sources, it does not link to them.
SOURCE_TABLE = "sources"
SOURCE_COLUMNS: tuple[Column, ...] = (
    Column("id", required=True),  # the value rows cite: bron: id, web address, file name
    Column("title", required=True),
    Column("publisher"),
    Column("date", ColumnType.PARTIAL_DATE),
    Column("url", ColumnType.URL),
    Column("licence"),
)

_BY_NAME = {k.name: k for k in KINDS}
_BY_TABLE = {k.table: k for k in KINDS}
_BY_PREFIX = {k.prefix: k for k in KINDS}
_RELATIONSHIPS_BY_NAME = {r.name: r for r in RELATIONSHIPS}


def kind(name: str) -> NodeKind:
    """The kind called `name` (``"Organisation"``); KeyError for anything else."""
    return _BY_NAME[name]


def kind_by_table(table: str) -> NodeKind | None:
    """The kind stored in table `table` (``"organisations"``), or None."""
    return _BY_TABLE.get(table)


def kind_of_id(node_id: str) -> NodeKind | None:
    """The kind an id belongs to, read from its prefix (``org:windesheim`` -> Organisation)."""
    prefix, sep, _ = node_id.partition(":")
    return _BY_PREFIX.get(prefix) if sep else None


def relationship_type(name: str) -> RelationshipType:
    """The relationship type called `name`; KeyError for anything else."""
    return _RELATIONSHIPS_BY_NAME[name]
