"""Profiles people keep themselves, as graph facts: what an approved profile writes.

A person fills in a profile on the platform; a curator approves it; only then do its
facts enter the graph, through the same all-or-nothing load with history as an import or
a verification round (`Store.load` with an occasion). Every node and relationship a
profile writes cites the source ``profiel:<account id>@<day>`` and is verified on the
day the person confirmed it, so that it ages like any other fact.

What is pending (a profile not yet approved, the consent choices, the reason of a
rejection) lives in the operational database, never here.

Examples
--------
>>> from datetime import date
>>> facts = ProfileFacts(
...     account=7, person="person:profiel-7", name="Anna de Boer", job_title="lerarenopleider",
...     topics=("topic:flexibilisering",), confirmed=date(2026, 11, 8))
>>> source_of(7, date(2026, 11, 8))
'profiel:7@2026-11-08'
>>> batch = profile_batch(facts)
>>> [(r.type, r.end) for r in batch.relationships]
[('WORKS_ON', 'topic:flexibilisering')]
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import date

from graphmodel import schema
from graphmodel.errors import GraphModelError
from graphmodel.model import GraphBatch, LoadSummary, Node, PropertyValue, Relationship
from graphmodel.stores.base import Store
from graphmodel.stores.history import Change, Occasion, relationship_entity
from graphmodel.text import fold, slugify

__all__ = [
    "PROFILE_SOURCE",
    "ProfileFacts",
    "approve",
    "forget",
    "is_profile_source",
    "is_public_person",
    "names",
    "person_id_for",
    "profile_batch",
    "proposed_topic_id",
    "reduce_to_public",
    "source_of",
]

PROFILE_SOURCE = "profiel:"  # every fact a profile wrote cites a source starting so
GROUP_KINDS = ("ResearchGroup", "Network", "Partnership", "Alliance", "Project")


@dataclass(frozen=True)
class ProfileFacts:
    """What an approved profile says, ready for the graph.

    Parameters
    ----------
    account
        The operational database's id of the person's account.
    person
        The Person node the profile describes (``person:profiel-<account>`` for a new
        one, or a claimed node's id).
    name, job_title, website
        Shown as given (the explorer checked them).
    organisation
        The Organisation the person works at (an id), if any.
    topics, groups
        Topic ids the person works on; ids of the research groups, networks,
        partnerships, alliances and projects they belong to.
    region
        The Region (gemeente or larger) where they work, if given.
    email
        Their address, written only when they chose to show it (`contact_public`).
    proposed_topic
        The name of a topic the vocabulary lacks, proposed by the person: approved with
        the profile, it becomes a Topic node citing the profile (`proposed_topic_id`)
        that the person works on.
    confirmed
        The day the person confirmed these facts: their ``verified`` date.
    """

    account: int
    person: str
    name: str
    confirmed: date
    job_title: str = ""
    organisation: str | None = None
    topics: tuple[str, ...] = ()
    region: str | None = None
    groups: tuple[str, ...] = ()
    website: str = ""
    email: str = ""
    proposed_topic: str = ""

    @property
    def source(self) -> str:
        return source_of(self.account, self.confirmed)


def source_of(account: int, day: date) -> str:
    """The source a profile's facts cite: ``profiel:<account id>@<day>``."""
    return f"{PROFILE_SOURCE}{account}@{day.isoformat()}"


def is_profile_source(source: object) -> bool:
    """Whether `source` is a profile's (the person's own word).

    >>> is_profile_source("profiel:7@2026-11-08"), is_profile_source("bron:duo")
    (True, False)
    """
    return str(source or "").startswith(PROFILE_SOURCE)


def person_id_for(account: int) -> str:
    """The id of the Person node a new profile makes.

    >>> person_id_for(12)
    'person:profiel-12'
    """
    return f"person:profiel-{account}"


def proposed_topic_id(name: str) -> str:
    """The id of the Topic node a proposed topic makes; GraphModelError for a name
    without a letter or digit to make one of.

    >>> proposed_topic_id("Leren op de werkplek (po)")
    'topic:leren-op-de-werkplek-po'
    """
    slug = slugify(name)
    if not slug:
        raise GraphModelError(f"{name!r} has no letter or digit to make a topic's id of")
    return f"topic:{slug}"


def profile_batch(facts: ProfileFacts) -> GraphBatch:
    """The Person node and its relationships that `facts` state, and the Topic node of a
    proposed topic."""
    provenance: dict[str, PropertyValue] = {
        "source": facts.source,
        "verified": facts.confirmed.isoformat(),
    }
    properties: dict[str, PropertyValue] = {"name": facts.name, **provenance}
    for key, value in (("job_title", facts.job_title), ("website", facts.website)):
        if value:
            properties[key] = value
    if facts.email:
        properties |= {"email": facts.email, "contact_public": True}
    links = [("AFFILIATED_WITH", facts.organisation, facts.job_title)]
    links += [("WORKS_ON", topic, "") for topic in facts.topics]
    links += [("ACTIVE_IN", facts.region, "")]
    links += [("AFFILIATED_WITH", group, "") for group in facts.groups]
    nodes = [Node(facts.person, "Person", properties)]
    if facts.proposed_topic:
        topic = proposed_topic_id(facts.proposed_topic)
        nodes.append(Node(topic, "Topic", {"name": facts.proposed_topic, **provenance}))
        links.append(("WORKS_ON", topic, ""))
    relationships = [
        Relationship(facts.person, kind, end, {**({"role": role} if role else {}), **provenance})
        for kind, end, role in links
        if end
    ]
    return GraphBatch(nodes, relationships)


def approve(store: Store, facts: ProfileFacts, by: str) -> LoadSummary:
    """Write an approved profile into `store`, all or nothing, with its history.

    Raises GraphModelError, writing nothing, when a node the profile names is not in
    the store or is of another kind than its place in the profile asks.

    Examples
    --------
    >>> from datetime import date
    >>> from graphmodel.stores.memory import MemoryStore
    >>> store = MemoryStore()
    >>> facts = ProfileFacts(account=3, person="person:profiel-3", name="A. Jansen",
    ...                      confirmed=date(2026, 11, 8))
    >>> approve(store, facts, by="curator@example.nl").total_created
    1
    >>> store.history()[0].source
    'profiel:3@2026-11-08'
    """
    facts = _known_topic_picked(store, facts)
    _check_named(store, facts)
    occasion = Occasion(date=facts.confirmed.isoformat(), by=by, file=facts.source)
    batch = profile_batch(facts)
    if is_public_person(store, facts.person):  # a public node: its own facts stay its source's
        batch = GraphBatch([n for n in batch.nodes if n.id != facts.person], batch.relationships)
    return store.load(batch, occasion=occasion)


def is_public_person(store: Store, person: str) -> bool:
    """Whether `person` is a Person node from a public source (one a profile may claim):
    an approved claim adds the profile's relationships to it, citing the profile, and
    leaves the node's own properties as its source states them, so that
    `reduce_to_public` takes back everything the profile said.

    >>> from graphmodel.stores.memory import MemoryStore
    >>> store = MemoryStore()
    >>> _ = store.load(GraphBatch([Node("person:p", "Person", {"name": "P", "source": "x.csv"})]))
    >>> is_public_person(store, "person:p"), is_public_person(store, "person:elders")
    (True, False)
    """
    found = store.nodes([person])
    return (
        bool(found) and found[0].kind == "Person" and not is_profile_source(found[0].get("source"))
    )


def _known_topic_picked(store: Store, facts: ProfileFacts) -> ProfileFacts:
    """`facts` with a proposed topic that the graph holds already (its id, or a Topic of
    the same name) picked from the vocabulary instead: never a second node for it, and
    never a curated topic rewritten as the profile's."""
    if not facts.proposed_topic:
        return facts
    wanted = fold(facts.proposed_topic)
    hits = store.search_names(facts.proposed_topic, kinds=["Topic"], limit=20)
    same = [
        h.node.id for h in hits if wanted in (fold(h.node.name), fold(h.node.get("label_en") or ""))
    ]
    known = same or [n.id for n in store.nodes([proposed_topic_id(facts.proposed_topic)])]
    if not known:
        return facts
    return replace(facts, topics=tuple(dict.fromkeys([*facts.topics, known[0]])), proposed_topic="")


def _check_named(store: Store, facts: ProfileFacts) -> None:
    wanted: dict[str, Collection[str]] = {
        **{t: ("Topic",) for t in facts.topics},
        **{g: GROUP_KINDS for g in facts.groups},
    }
    if facts.organisation:
        wanted[facts.organisation] = ("Organisation",)
    if facts.region:
        wanted[facts.region] = ("Region",)
    found = {n.id: n.kind for n in store.nodes(wanted)}
    wrong = sorted(i for i, kinds in wanted.items() if found.get(i) not in kinds)
    if wrong:
        raise GraphModelError(f"the profile names what the graph does not hold: {', '.join(wrong)}")
    if schema.kind_of_id(facts.person) is None or not facts.person.startswith("person:"):
        raise GraphModelError(f"{facts.person!r} is no person's id")


def forget(store: Store, person: str) -> bool:
    """Remove the Person node `person` from `store`: the node, every relationship at it,
    and every change of the history that names it (its addition, its properties' old
    and new values, its relationships'), in one all-or-nothing step (`Store.replace`).
    False when the store does not hold it (nothing is then written).

    Afterwards neither the graph, nor its history, nor an export holds anything of the
    person; docs/profiles.md says what this means for the history.

    Examples
    --------
    >>> from datetime import date
    >>> from graphmodel.stores.memory import MemoryStore
    >>> store = MemoryStore()
    >>> facts = ProfileFacts(account=3, person="person:profiel-3", name="A. Jansen",
    ...                      confirmed=date(2026, 11, 8))
    >>> _ = approve(store, facts, by="curator@example.nl")
    >>> forget(store, "person:profiel-3"), store.stats().node_total, store.history()
    (True, 0, [])
    """
    return _remove(store, person, lambda _relationship: True, whole=True)


def reduce_to_public(store: Store, person: str) -> bool:
    """Keep of the Person node `person` only what public sources state: every
    relationship at it that a profile wrote leaves, with its history, in one
    all-or-nothing step. False when the store does not hold the person.

    Examples
    --------
    >>> from datetime import date
    >>> from graphmodel.stores.memory import MemoryStore
    >>> store = MemoryStore()
    >>> store.load(GraphBatch([Node("topic:a", "Topic", {"name": "a"}),
    ...                        Node("person:p", "Person", {"name": "P", "source": "x.csv"})]))
    ... # doctest: +ELLIPSIS
    LoadSummary(...)
    >>> _ = store.load(GraphBatch([], [Relationship("person:p", "WORKS_ON", "topic:a",
    ...                                {"source": "profiel:1@2026-11-08"})]))
    >>> reduce_to_public(store, "person:p"), store.relationships_of(["person:p"])
    (True, [])
    """
    return _remove(store, person, lambda r: is_profile_source(r.get("source")), whole=False)


def _remove(store: Store, person: str, leaves: Callable[[Relationship], bool], whole: bool) -> bool:
    """Replace the graph by itself without the relationships at `person` that `leaves`
    (and the node itself when `whole`), and the history without the changes naming
    what went."""
    if not store.nodes([person]):
        return False
    graph = store.export()
    gone = [r for r in graph.relationships if person in (r.start, r.end) and leaves(r)]
    gone_entities = {relationship_entity(r.key) for r in gone} | ({person} if whole else set())
    nodes = [n for n in graph.nodes if not (whole and n.id == person)]
    relationships = [
        r for r in graph.relationships if relationship_entity(r.key) not in gone_entities
    ]
    kept = [
        c
        for c in store.history()
        if c.entity not in gone_entities and not (whole and names(c, person))
    ]
    store.replace(GraphBatch(nodes, relationships), kept)
    return True


def names(change: Change, node_id: str) -> bool:
    """Whether `change` is about the node `node_id` or one of its relationships.

    >>> names(Change("2026-11-08", "added", "person:a|WORKS_ON|topic:b|"), "person:a")
    True
    """
    start, _, rest = change.entity.partition("|")
    end = rest.split("|")[1] if rest.count("|") >= 1 else ""
    return node_id in (start, end)
