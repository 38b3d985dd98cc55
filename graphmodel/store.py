"""The contract every store keeps: ``GraphStore``.

Two implementations stand behind it, ``MemoryStore`` (networkx, no server) and
``Neo4jStore`` (the official driver). One contract test suite runs against both, so an
analyst, the CLI and the explorer get the same answers whichever store they use.
Implementations never grow public parameters the contract lacks.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date
from types import TracebackType

import networkx as nx
import pandas as pd

from graphmodel import (
    analysis,
    asking,
    clock,
    coverage,
    facets,
    history,
    parsing,
    people,
    places,
    provenance,
    schema,
    topics,
    traversal,
    views,
)
from graphmodel.model import (
    GraphBatch,
    GraphStats,
    LoadSummary,
    Node,
    Relationship,
    SearchHit,
    Step,
    Subgraph,
    Walk,
    to_networkx,
)
from graphmodel.routes import ROUTE_AVOIDS, ROUTE_MAX_HOPS
from graphmodel.text import asked

__all__ = ["GraphStore", "Progress", "Request"]

Progress = Callable[[int], None]  # told how many entries were just written
Request = tuple[Collection[str], Sequence[Step]]  # for GraphStore.follow_many


class GraphStore(abc.ABC):
    """A graph of Verbindplaats nodes and relationships that can be loaded and queried."""

    # Told, with a message, when a write waits for another process's write to the same
    # store (one shared by several processes, as a Neo4j server is).
    waiting: Callable[[str], None] | None = None

    @abc.abstractmethod
    def load(
        self,
        batch: GraphBatch,
        progress: Progress | None = None,
        occasion: history.Occasions | None = None,
    ) -> LoadSummary:
        """Merge a validated batch in, all or nothing; unchanged entries are not rewritten.

        `progress`, when given, is called with the number of entries written so far.
        With `occasion`, every change the load makes is added to the history (see
        `graphmodel.history`), in the same all-or-nothing step.

        Raises GraphModelError when the batch refers to nodes that neither it nor the
        store holds; the store is then unchanged.
        """

    @abc.abstractmethod
    def replace(
        self,
        batch: GraphBatch,
        changes: Sequence[history.Change] = (),
        progress: Progress | None = None,
    ) -> LoadSummary:
        """Replace all the store holds by a validated batch and the history `changes`, in
        one all-or-nothing step: whatever stops it (an error, the server killed), the
        store holds the old graph or the new one, never a mix or nothing.

        Raises GraphModelError when the batch refers to nodes it does not hold itself;
        the store is then unchanged.
        """

    @abc.abstractmethod
    def wipe(self) -> None:
        """Remove every node and relationship, and the history."""

    @abc.abstractmethod
    def history(self) -> list[history.Change]:
        """Every recorded change, in the order it was recorded."""

    @abc.abstractmethod
    def add_history(self, changes: Sequence[history.Change]) -> None:
        """Bring recorded changes along (a dataset's history file); a change the store
        holds already is not added twice."""

    def as_of(self, day: date) -> GraphStore:
        """The graph as it was at the end of `day`, as an embedded store: every question
        can be asked of it (see `graphmodel.history.as_of`).

        Examples
        --------
        >>> import graphmodel as gm
        >>> from datetime import date
        >>> g = gm.open()
        >>> g.as_of(date(2000, 1, 1)).stats().node_total <= g.stats().node_total
        True
        """
        from graphmodel.memory import MemoryStore

        past = MemoryStore()
        changes = self.history()
        past.load(history.as_of(self.export(), changes, day))
        past.add_history([c for c in changes if c.date <= day.isoformat()])
        return past

    def changes_since(self, day: date) -> pd.DataFrame:
        """What changed on or after `day`: one row per change (`graphmodel.history.COLUMNS`)."""
        return history.frame(history.since(self.history(), day))

    @abc.abstractmethod
    def node(self, node_id: str) -> Node:
        """The node with this id; raises NodeNotFound."""

    @abc.abstractmethod
    def nodes(self, node_ids: Collection[str]) -> list[Node]:
        """The nodes with these ids that exist, in no particular order."""

    @abc.abstractmethod
    def nodes_of(self, kind: str, where: Mapping[str, str] | None = None) -> list[Node]:
        """Every node of `kind` whose properties equal `where` (all of them), by id."""

    @abc.abstractmethod
    def search_names(
        self, text: str, kinds: Collection[str] | None = None, limit: int = 20
    ) -> list[SearchHit]:
        """Nodes whose name, short name, English label or synonym matches `text`.

        Case- and accent-insensitive word-prefix matching ("fryslan" finds "Fryslân"),
        ranked by `graphmodel.search.score`, ties broken by kind and id.
        """

    def search(
        self, text: str, kinds: Collection[str] | None = None, limit: int = 20
    ) -> list[SearchHit]:
        """Search in both directions: nodes named like `text`, then the actors that work
        on a topic named like it (its synonyms and English label included), with the
        topic in `SearchHit.via_topic`.

        Examples
        --------
        >>> import graphmodel as gm
        >>> hits = gm.open().search("learning outcomes")
        >>> hits[0].node.id, hits[0].matched
        ('topic:leeruitkomsten', 'learning outcomes')
        >>> sorted({h.via_topic.id for h in hits if h.via_topic})[:1]
        ['topic:leeruitkomsten']
        """
        return topics.search_with_topics(self, asked(text), kinds, limit)

    @abc.abstractmethod
    def relationships_of(self, node_ids: Collection[str]) -> list[Relationship]:
        """Every relationship that starts or ends at one of these nodes, each once."""

    def relationships_among(self, node_ids: Collection[str]) -> list[Relationship]:
        """Every relationship whose both ends are among these nodes: the links of a
        view. A server may filter before sending (a hub among the nodes can have
        thousands of relationships to nodes outside)."""
        among = set(node_ids)
        return [r for r in self.relationships_of(among) if r.start in among and r.end in among]

    def follow(self, start_ids: Collection[str], steps: Sequence[Step]) -> list[Walk]:
        """Every walk from one of `start_ids` that takes the `steps` in order.

        A walk never uses one relationship twice (as in a Cypher pattern); the order of
        the walks is not defined. Its relationships carry at least `role` and `verified`
        (a server may leave other properties out, to send less). This is the one
        traversal primitive the questions in
        `graphmodel.people`, `graphmodel.coverage` and `graphmodel.topics` are built on.
        """
        return self.follow_many([(start_ids, steps)])[0]

    @abc.abstractmethod
    def follow_many(self, requests: Sequence[Request]) -> list[list[Walk]]:
        """`follow` for several (start ids, steps) requests at once: on a server, one
        round trip instead of one per request. One list of walks per request."""

    def topic_evidence(
        self,
        asked: Collection[str],
        kinds: Collection[str] = schema.ACTOR_KINDS,
        broader: bool = True,
        fresh_since: str | None = None,
    ) -> list[topics.Evidence]:
        """Who works on the `asked` topics (ids), their narrower topics (to
        `topics.NARROWER_DEPTH` levels) and, with `broader`, their broader topic: actors of
        `kinds` with WORKS_ON, and people and organisations through a group (research
        group, network, partnership, alliance, project) that works on one.

        Per actor, asked topic and kind of evidence only the best is given, with facts
        checked on or after `fresh_since` counting as equally fresh (rules in
        `topics.best_evidence`); in no particular order. A server may reduce them before
        sending, which is why this is a store method: a broad topic has thousands of
        walks behind it.
        """
        walks = self.follow_many(topics.evidence_requests(asked, kinds, broader))
        return topics.best_evidence(topics.read_evidence(walks), fresh_since)

    @abc.abstractmethod
    def shortest_walks(
        self,
        start: str,
        targets: Collection[str],
        max_hops: int = ROUTE_MAX_HOPS,
        avoid: Collection[str] = ROUTE_AVOIDS,
    ) -> dict[str, Walk]:
        """For each reachable target, its first shortest walk from `start` (rules in
        `graphmodel.routes`): in either direction, never through a node of an `avoid`
        kind, at most `max_hops` relationships. Unreachable targets are left out."""

    def neighbourhood(
        self,
        node_id: str,
        depth: int = 1,
        kinds: Collection[str] | None = None,
        limit: int | None = 200,
    ) -> Subgraph:
        """Nodes within `depth` steps of `node_id`, nearest first (see graphmodel.traversal).

        The same walk on every store, over each store's native `relationships_of` and
        `relationships_among`.
        """
        return traversal.neighbourhood(self.node(node_id), depth, kinds, limit, self)

    def parse(self, text: str) -> parsing.ParsedQuery:
        """What `text` asks for: topics, places, sector, kinds, people words and a name
        (see `graphmodel.parsing`). The vocabulary is read from the store once and again
        after every load or wipe of this store object.

        Examples
        --------
        >>> import graphmodel as gm
        >>> query = gm.open().parse("wie doet iets met leeruitkomsen in Brabant")
        >>> query.values("topic"), query.values("place")
        (['topic:leeruitkomsten'], ['region:PV30'])
        >>> query.suggestion  # the typo, corrected
        'wie doet iets met leeruitkomsten in Brabant'
        """
        text = asked(text)
        vocabulary = getattr(self, "_vocabulary", None)
        if vocabulary is None:
            vocabulary = self._vocabulary = parsing.Vocabulary.from_store(self)
        return parsing.parse(text, vocabulary)

    def ask(
        self, text: str, limit: int = 20, lang: str = "nl", *, today: date | None = None
    ) -> asking.Answer:
        """Parse `text` and answer it: ranked people for a people question, else search
        hits within the facets it names; see `graphmodel.asking`. `today` as in
        `find_people`.

        Examples
        --------
        >>> import graphmodel as gm
        >>> answer = gm.open().ask("zij-instroom Zwolle mbo")
        >>> answer.query.values("topic"), answer.query.values("sector")
        (['topic:zij-instroom'], ['mbo'])
        >>> answer.people is not None  # a topic and a place: ranked people
        True
        """
        return asking.answer(self, self.parse(text), limit, lang, today=today)

    def _forget_vocabulary(self) -> None:
        """Called by every load and wipe: the next parse reads the new vocabulary."""
        self._vocabulary = None

    def browse(
        self, text: str | None, filters: facets.Facets = facets.NO_FACETS, limit: int = 20
    ) -> facets.Browse:
        """`search` narrowed by facets (kind, sector, region, topic); without text, what
        the facets hold. See `graphmodel.facets`."""
        return facets.browse(self, text, filters, limit)

    def expand(
        self, expanded: Sequence[tuple[str, int]], page_size: int = views.PAGE_SIZE
    ) -> views.View:
        """A capped view of the (node id, pages) expansions; see `graphmodel.views`."""
        return views.expand(self, expanded, page_size)

    # --- the questions users ask (shared by every store; see the modules named) -------

    def find_people(
        self,
        topics: Sequence[str],
        region: str | None = None,
        sector: str | None = None,
        from_org: str | None = None,
        limit: int = 20,
        *,
        weights: people.Weights = people.DEFAULT_WEIGHTS,
        today: date | None = None,
        lang: str = "nl",
    ) -> pd.DataFrame:
        """Ranked people, groups to join and organisations for a seeker: "hoe vind ik de
        juiste mensen?"

        How it scores, and its default weights, are documented in `graphmodel.people`.

        Parameters
        ----------
        topics : sequence of str
            The seeker's topics, by id (``topic:evc``), name or synonym.
        region : str, optional
            Where the seeker works: a gemeente, COROP region, onderwijsregio or province,
            by id, CBS code (``GM0344``, ``PV26``, ``CR17``) or name (``"Utrecht"`` is the
            gemeente, ``"provincie Utrecht"`` the province).
        sector : str, optional
            One of ``schema.SECTORS``: those serving it rank higher; nobody is left out.
        from_org : str, optional
            The seeker's organisation: introduction routes start there (else at an actor
            in the seeker's gemeente, and the route says so).
        limit : int
            At most this many results of each family (at least 1).
        weights : people.Weights
            How the evidence is weighed.
        today : datetime.date, optional
            The day scores age to (default: `graphmodel.clock.today`).
        lang : {"nl", "en"}
            The language of the reasons, routes and statements.

        Returns
        -------
        pandas.DataFrame
            One row per result, ``people.COLUMNS``: the family (people, groups,
            organisations, in that order) and the rank within it, id, kind, name, score
            and its parts, why, reasons as data, distance_km and place, how to reach it
            (reach, reach_url), and the introduction route (route, route_from,
            route_text). ``attrs["found"]`` says per family what was found where (that
            nobody near works on it, and who is nearest), ``attrs["statement"]`` all three.

        Raises
        ------
        GraphModelError
            A topic, region or organisation that matches nothing, or an unknown sector.

        Examples
        --------
        >>> import graphmodel as gm
        >>> from datetime import date
        >>> g = gm.open()
        >>> found = g.find_people(["leeruitkomsten"], region="GM0193", limit=3,
        ...                       today=date(2026, 11, 22))
        >>> found.groupby("family", sort=False)["rank"].apply(list).to_dict()
        {'people': [1, 2, 3], 'groups': [1, 2, 3], 'organisations': [1, 2, 3]}
        >>> found.attrs["found"]["organisations"]
        'Organisaties: 1 in Zwolle of Overijssel.'
        """
        seeker = people.Seeker.resolve(self, topics, region, sector, from_org)
        return people.find_people(self, seeker, limit, weights, clock.today(today), lang)

    def coverage(
        self, level: str, topic: str | None = None, kind: str | None = None
    ) -> pd.DataFrame:
        """Actors per region of `level`, the gaps, and for each gap the nearest covered
        region; see `graphmodel.coverage`.

        Parameters
        ----------
        level : str
            One of ``places.LEVELS`` (provincie, gemeente, corop, ...).
        topic : str, optional
            Count only actors working on this topic (or a narrower one).
        kind : str, optional
            Count only actors of this kind (one of ``schema.ACTOR_KINDS``).

        Returns
        -------
        pandas.DataFrame
            One row per region: its id, name and CBS code, a count per kind, the
            total, whether it is a gap, and the nearest covered region with its
            distance in km.

        Examples
        --------
        >>> import graphmodel as gm
        >>> g = gm.open()
        >>> provinces = g.coverage("provincie", topic="zij-instroom")
        >>> len(provinces)
        12
        >>> bool((provinces["gap"] == (provinces["total"] == 0)).all())
        True
        """
        return coverage.coverage(self, level, topic, kind)

    def coverage_matrix(self, level: str, kind: str | None = None) -> pd.DataFrame:
        """Region x topic counts in long form; see `graphmodel.coverage.matrix`."""
        return coverage.matrix(self, level, kind)

    def gemeenten(self, level: str) -> dict[str, list[Node]]:
        """The gemeenten inside each region of `level`, by region id (for maps)."""
        return places.gemeenten(self, level)

    def path(self, a: str, b: str, max_hops: int = ROUTE_MAX_HOPS) -> pd.DataFrame:
        """The introduction route from `a` to `b`, one row per relationship (empty when
        there is none within `max_hops`); see `graphmodel.routes`.

        Examples
        --------
        >>> import graphmodel as gm
        >>> route = gm.open().path("Windesheim", "Velon")
        >>> list(route.columns)
        ['step', 'from_id', 'from', 'relationship', 'to_id', 'to', 'source', 'verified']
        >>> {"org:windesheim", "org:velon"} <= {*route["from_id"], *route["to_id"]}
        True
        """
        return people.route_frame(self, a, b, max_hops)

    def topics_by_kind(self) -> pd.DataFrame:
        """From category to topic: per topic, how many actors of each kind work on it."""
        return topics.topics_by_kind(self)

    def communities(self, resolution: float = 1.0, seed: int = 42) -> pd.DataFrame:
        """Louvain communities of the actor network; see `graphmodel.analysis`."""
        return analysis.communities(self, resolution, seed)

    def brokers(self, top: int = 20, seed: int = 42) -> pd.DataFrame:
        """The actors with the highest betweenness; see `graphmodel.analysis`."""
        return analysis.brokers(self, top, seed)

    def bridges(self, level: str = "provincie") -> pd.DataFrame:
        """Actors that connect regions of `level`; see `graphmodel.analysis`."""
        return analysis.bridges(self, level)

    @abc.abstractmethod
    def stats(self) -> GraphStats:
        """Counts per kind and relationship type, and how many are sourced and dated."""

    @abc.abstractmethod
    def provenance(self) -> pd.DataFrame:
        """One row per node and relationship: element ("node" or "relationship"), kind
        (or type), source and verified."""

    def freshness(self, today: date | None = None) -> pd.DataFrame:
        """Per kind, the share verified in the last year before `today` (default:
        `graphmodel.clock.today`); see `graphmodel.provenance`."""
        return provenance.freshness(self.provenance(), clock.today(today))

    def sources(self) -> pd.DataFrame:
        """Per source, how much rests on it; see `graphmodel.provenance`."""
        return provenance.sources(self.provenance())

    @abc.abstractmethod
    def export(self) -> GraphBatch:
        """Every node and relationship, as a batch that loads back into any store (and
        that `importers.writer` writes as curated tables)."""

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole graph for analysis: node attributes `kind` and properties, edge
        attribute `type` and properties.

        Examples
        --------
        >>> import graphmodel as gm
        >>> import networkx as nx
        >>> G = gm.open().to_networkx()
        >>> G.nodes["org:windesheim"]["kind"]
        'Organisation'
        >>> nx.is_directed(G) and G.is_multigraph()
        True
        """
        batch = self.export()
        return to_networkx(batch.nodes, batch.relationships)

    def close(self) -> None:  # noqa: B027 - optional hook, not abstract
        """Release connections; the embedded store has none."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
