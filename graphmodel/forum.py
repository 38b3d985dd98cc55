"""Answers in the forum as graph facts: fresh, dated evidence of who works on what.

A member whose approved profile is in the graph answers a question on some topics; the
answer is written as a WORKS_ON from their Person node to each of the question's topics,
through the same all-or-nothing load with history as an import or a profile
(`Store.load` with an occasion). Each cites the source ``forum:<question id>@<day>`` and
is verified on the day of the answer, so it ages like any other fact, and find_people
says where it comes from ("beantwoordde een vraag over zij-instroom, 3 weken geleden").

Its role (``antwoord op vraag <id>``) keeps it apart from the person's own profile
WORKS_ON to the same topic (a relationship's key is its ends, type and role), so that
withdrawing it (the post hidden, the account deleted) leaves the profile's fact alone.

Examples
--------
>>> from datetime import date
>>> source_of(12, date(2026, 11, 1))
'forum:12@2026-11-01'
>>> batch = answer_batch("person:profiel-3", ["topic:zij-instroom"], 12, date(2026, 11, 1))
>>> [(r.type, r.end, r.get("role")) for r in batch.relationships]
[('WORKS_ON', 'topic:zij-instroom', 'antwoord op vraag 12')]
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from graphmodel.model import GraphBatch, LoadSummary, Relationship
from graphmodel.stores.base import Store
from graphmodel.stores.history import Occasion, relationship_entity

__all__ = [
    "FORUM_SOURCE",
    "answer_batch",
    "is_forum_source",
    "record_answer",
    "source_of",
    "withdraw_answers",
]

FORUM_SOURCE = "forum:"  # every fact an answer wrote cites a source starting so


def source_of(question: int, day: date) -> str:
    """The source an answer's facts cite: ``forum:<question id>@<day>``."""
    return f"{FORUM_SOURCE}{question}@{day.isoformat()}"


def is_forum_source(source: object) -> bool:
    """Whether `source` is an answer in the forum.

    >>> is_forum_source("forum:12@2026-11-01"), is_forum_source("profiel:7@2026-11-08")
    (True, False)
    """
    return str(source or "").startswith(FORUM_SOURCE)


def _role(question: int) -> str:
    return f"antwoord op vraag {question}"


def answer_batch(person: str, topics: Collection[str], question: int, day: date) -> GraphBatch:
    """The WORKS_ON relationships of `person` answering `question` on `day`."""
    provenance = {"source": source_of(question, day), "verified": day.isoformat()}
    return GraphBatch(
        [],
        [
            Relationship(person, "WORKS_ON", topic, {"role": _role(question), **provenance})
            for topic in sorted(set(topics))
        ],
    )


def record_answer(
    store: Store, person: str, topics: Collection[str], question: int, day: date, by: str
) -> LoadSummary | None:
    """Write that `person` answered `question` on `topics`, all or nothing, with its
    history; None (nothing written) when the store does not hold the person or none of
    the topics.

    Examples
    --------
    >>> from datetime import date
    >>> from graphmodel.model import Node
    >>> from graphmodel.stores.memory import MemoryStore
    >>> store = MemoryStore()
    >>> _ = store.load(GraphBatch([Node("person:p", "Person", {"name": "P"}),
    ...                            Node("topic:t", "Topic", {"name": "t"})]))
    >>> record_answer(store, "person:p", ["topic:t"], 4, date(2026, 11, 1), "account:1")
    ... # doctest: +ELLIPSIS
    LoadSummary(...)
    >>> [r.get("source") for r in store.relationships_of(["person:p"])]
    ['forum:4@2026-11-01']
    """
    found = {n.id: n.kind for n in store.nodes([person, *topics])}
    held = [t for t in topics if found.get(t) == "Topic"]
    if found.get(person) != "Person" or not held:
        return None
    occasion = Occasion(date=day.isoformat(), by=by, file=source_of(question, day))
    return store.load(answer_batch(person, held, question, day), occasion=occasion)


def withdraw_answers(store: Store, questions: Collection[int], person: str | None = None) -> int:
    """Remove the facts the answers to `questions` wrote (only `person`'s, when named),
    with every change of the history about them, in one all-or-nothing step
    (`Store.replace`); how many relationships went (0: nothing is written).

    Examples
    --------
    >>> from datetime import date
    >>> from graphmodel.model import Node
    >>> from graphmodel.stores.memory import MemoryStore
    >>> store = MemoryStore()
    >>> _ = store.load(GraphBatch([Node("person:p", "Person", {"name": "P"}),
    ...                            Node("topic:t", "Topic", {"name": "t"})]))
    >>> _ = record_answer(store, "person:p", ["topic:t"], 4, date(2026, 11, 1), "account:1")
    >>> withdraw_answers(store, [4]), store.relationships_of(["person:p"])
    (1, [])
    """
    roles = {_role(q) for q in questions}
    graph = store.export()
    gone = {
        relationship_entity(r.key)
        for r in graph.relationships
        if r.type == "WORKS_ON"
        and is_forum_source(r.get("source"))
        and r.get("role") in roles
        and person in (None, r.start)
    }
    if not gone:
        return 0
    kept = [r for r in graph.relationships if relationship_entity(r.key) not in gone]
    history = [c for c in store.history() if c.entity not in gone]
    store.replace(GraphBatch(graph.nodes, kept), history)
    return len(gone)
