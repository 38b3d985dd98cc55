"""The read model: an index derived from the graph, for the questions asked interactively.

The store stays the one truth; the read model is built from it (`snapshot.Snapshot`),
never edited, and built again when the graph's version changes (`holder.ReadModel`):
after a load through this process, and after a write by another process to a shared
Neo4j server (an import, a verification round), seen with one round trip per question.
While a new one is built, the previous one keeps answering. What depends on the day
(the freshness of evidence) is kept per day (`daycache.DayCache`), so midnight needs no
restart.

The questions in `graphmodel.questions` run on it unchanged: it keeps the read part of
the `Store` contract, from plain in-process indexes instead of walks over networkx or
round trips to a server, and answers the hooks an index can (`Store.placed`: every
actor's regions, `ranking.Whereabouts`; search by name from the sorted words of every
name, `searching.WordIndex`; `Store.remember`: what a question worked out from the graph
alone, such as what find_people knows of a topic on a day, kept for the next one).
Where the store places every actor at once, find_people bounds all candidates in arrays
and scores in full only those that can make the top (`graphmodel.questions.shortlist`).

The walk-based questions on the store itself stay the reference; tests/graphmodel/readmodel
proves the answers identical.
"""

from graphmodel.readmodel.holder import ReadModel
from graphmodel.readmodel.snapshot import Snapshot

__all__ = ["ReadModel", "Snapshot"]
