"""``Graph``: a store and the questions people ask of it, in one object.

``graphmodel.open()`` returns one. The questions live one per module in
``graphmodel.questions`` and are asked of any ``Store`` (``graphmodel.stores``); this
facade offers them as methods, asked of the read model, and every operation of the
store itself (``node``, ``stats``, ``load``, ``export``, a Neo4j store's ``cypher``)
passes through to it. ``nodes`` and ``nodes_of``, which the explorer's lists and names
read on every page, are read from the read model too.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from types import TracebackType

import networkx as nx
import pandas as pd

from graphmodel import clock, provenance
from graphmodel.model import Node, SearchHit, Subgraph
from graphmodel.questions import (
    analysis,
    asking,
    coverage,
    facets,
    parsing,
    people,
    places,
    topics,
    traversal,
    views,
)
from graphmodel.readmodel import ReadModel, Snapshot
from graphmodel.stores import history, privacy
from graphmodel.stores.base import Store
from graphmodel.stores.memory import MemoryStore
from graphmodel.stores.routes import ROUTE_MAX_HOPS
from graphmodel.text import asked

__all__ = ["Graph"]


class Graph:
    """The graph of Verbindplaats: a `store` and every question of the README.

    Parameters
    ----------
    store : Store
        Where the graph is held: a ``MemoryStore``, a ``Neo4jStore`` or a
        ``PublicView`` of one.
    read_model : ReadModel, optional
        The index the interactive questions are answered from (`graphmodel.readmodel`),
        built from `store` and kept current with it; the public graph shares its
        graph's. Operations of the store itself (``stats``, ``export``, ``cypher``) and
        the analyses (``to_networkx``, ``communities``) go to the store.

    Examples
    --------
    >>> from graphmodel.stores.memory import MemoryStore
    >>> g = Graph(MemoryStore())
    >>> g.stats().node_total  # the store's own operation, passed through
    0
    >>> g.coverage("provincie").empty  # a question, asked of the store
    True
    """

    def __init__(self, store: Store, read_model: ReadModel | None = None) -> None:
        self.store = store
        self._read_model = read_model or ReadModel(store)
        # the parser's vocabulary, and the read model's version it was read at
        self._vocabulary: tuple[str, parsing.Vocabulary | None] = ("", None)

    def __getattr__(self, name: str) -> object:
        """Every other attribute is the store's (its operations: `node`, `stats`, ...)."""
        if name.startswith("__") or name == "store":  # copy and pickle ask before init
            raise AttributeError(name)
        return getattr(self.store, name)

    def public(self) -> Graph:
        """This graph as anyone may see it: no contact detail that is not marked public
        (`graphmodel.stores.privacy`); a graph that is public already is returned as is.

        Examples
        --------
        >>> import graphmodel as gm
        >>> g = gm.open().public()
        >>> g.public() is g
        True
        """
        view = privacy.public(self.store)
        return self if view is self.store else Graph(view, self._read_model)

    def build_read_model(self) -> Graph:
        """Build the read model now rather than at the first question, and return this
        graph (`graphmodel.open` does, so that gunicorn's workers share the model built
        before they fork instead of each building its own).

        Examples
        --------
        >>> import graphmodel as gm
        >>> gm.open().build_read_model().node("org:windesheim").name
        'Windesheim'
        """
        self._read_model.reads()
        return self

    def warm_up(self, today: date | None = None) -> Graph:
        """Build the read model and work out what the hot questions keep on it for
        `today` (default: `graphmodel.clock.today`; `readmodel.ReadModel.warm_up`) and
        the vocabulary questions are parsed with (`parse`), and return this graph: for a
        process that will serve, so that no question waits for it (`verbindplaats
        serve`; then keep it out of the garbage collector's walks,
        `graphmodel.stores.memory.freeze_heap`). A notebook need not: each question
        works out what it keeps at its first ask.

        Examples
        --------
        >>> import graphmodel as gm
        >>> gm.open().warm_up().coverage("provincie").empty
        False
        """
        self._read_model.warm_up(clock.today(today))
        self._words(self._read_model.reads())
        return self

    def _reads(self) -> Store:
        """What the questions are asked of: the read model, current with the store."""
        return self._shown(self._read_model.reads())

    def _shown(self, model: Snapshot) -> Store:
        """The read model as this graph shows it: without private contact details when
        the graph is public."""
        return privacy.public(model) if isinstance(self.store, privacy.PublicView) else model

    def __repr__(self) -> str:
        return f"Graph({self.store!r})"

    def close(self) -> None:
        """Release the store's connections (and stop watching its version)."""
        self._read_model.close()
        self.store.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def nodes(self, node_ids: Collection[str]) -> list[Node]:
        """The nodes of `node_ids` that exist, as the store's `nodes`, read from the read
        model (no round trip to Neo4j).

        Examples
        --------
        >>> import graphmodel as gm
        >>> [n.name for n in gm.open().nodes(["org:windesheim", "org:onbekend"])]
        ['Windesheim']
        """
        return self._reads().nodes(node_ids)

    def nodes_of(self, kind: str, where: Mapping[str, str] | None = None) -> list[Node]:
        """Every node of `kind` (whose properties match `where`), as the store's
        `nodes_of`, read from the read model.

        Examples
        --------
        >>> import graphmodel as gm
        >>> len(gm.open().nodes_of("Region", {"level": "provincie"}))
        12
        """
        return self._reads().nodes_of(kind, where)

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
        return topics.search_with_topics(self._reads(), asked(text), kinds, limit)

    def neighbourhood(
        self,
        node_id: str,
        depth: int = 1,
        kinds: Collection[str] | None = None,
        limit: int | None = 200,
    ) -> Subgraph:
        """Nodes within `depth` steps of `node_id`, nearest first (see
        `graphmodel.questions.traversal`).

        The same walk on every store, over each store's native `relationships_of` and
        `relationships_among`.

        Examples
        --------
        >>> import graphmodel as gm
        >>> around = gm.open().neighbourhood("org:windesheim")
        >>> around.nodes[0].id  # the node itself first
        'org:windesheim'
        >>> any("org:windesheim" in (r.start, r.end) for r in around.relationships)
        True
        """
        reads = self._reads()
        return traversal.neighbourhood(reads.node(node_id), depth, kinds, limit, reads)

    def parse(self, text: str) -> parsing.ParsedQuery:
        """What `text` asks for: topics, places, sector, kinds, people words and a name
        (see `graphmodel.questions.parsing`). The vocabulary is read from the read model
        once per version of the graph.

        Examples
        --------
        >>> import graphmodel as gm
        >>> query = gm.open().parse("wie doet iets met leeruitkomsen in Brabant")
        >>> query.values("topic"), query.values("place")
        (['topic:leeruitkomsten'], ['region:PV30'])
        >>> query.suggestion  # the typo, corrected
        'wie doet iets met leeruitkomsten in Brabant'
        """
        return self._parse(asked(text), self._read_model.reads())

    def _parse(self, text: str, model: Snapshot) -> parsing.ParsedQuery:
        return parsing.parse(text, self._words(model))

    def _words(self, model: Snapshot) -> parsing.Vocabulary:
        """The vocabulary of `model`'s version of the graph, read once per version."""
        version, vocabulary = self._vocabulary
        if vocabulary is None or version != model.version_built:
            vocabulary = parsing.Vocabulary.from_store(self._shown(model))
            self._vocabulary = (model.version_built, vocabulary)
        return vocabulary

    def ask(
        self,
        text: str,
        limit: int = 20,
        lang: str = "nl",
        *,
        chosen: facets.Facets = facets.NO_FACETS,
        today: date | None = None,
    ) -> asking.Answer:
        """Parse `text` and answer it: ranked people for a people question, else search
        hits within the facets it names and those `chosen` besides (the explorer's
        filters); see `graphmodel.questions.asking`. `today` as in `find_people`.

        Examples
        --------
        >>> import graphmodel as gm
        >>> answer = gm.open().ask("zij-instroom Zwolle mbo")
        >>> answer.query.values("topic"), answer.query.values("sector")
        (['topic:zij-instroom'], ['mbo'])
        >>> answer.people is not None  # a topic and a place: ranked people
        True
        """
        model = self._read_model.reads()
        query = self._parse(asked(text), model)
        return asking.answer(self._shown(model), query, limit, lang, chosen, today)

    def browse(
        self, text: str | None, filters: facets.Facets = facets.NO_FACETS, limit: int = 20
    ) -> facets.Browse:
        """`search` narrowed by facets (kind, sector, region, topic); without text, what
        the facets hold. See `graphmodel.questions.facets`.

        Examples
        --------
        >>> import graphmodel as gm
        >>> from graphmodel.questions.facets import Facets
        >>> found = gm.open().browse("leeruitkomsten", Facets(kinds=("Organisation",)))
        >>> {hit.node.kind for hit in found.hits}
        {'Organisation'}
        """
        return facets.browse(self._reads(), text, filters, limit)

    def expand(
        self, expanded: Sequence[tuple[str, int]], page_size: int = views.PAGE_SIZE
    ) -> views.View:
        """A capped view of the (node id, pages) expansions; see `graphmodel.questions.views`.

        Examples
        --------
        >>> import graphmodel as gm
        >>> view = gm.open().expand([("org:windesheim", 1)])
        >>> "org:windesheim" in {n.id for n in view.nodes}
        True
        """
        return views.expand(self._reads(), expanded, page_size)

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

        How it scores, and its default weights, are documented in `graphmodel.questions.people`.

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
        reads = self._reads()
        seeker = people.Seeker.resolve(reads, topics, region, sector, from_org)
        return people.find_people(reads, seeker, limit, weights, clock.today(today), lang)

    def coverage(
        self, level: str, topic: str | None = None, kind: str | None = None
    ) -> pd.DataFrame:
        """Actors per region of `level`, the gaps, and for each gap the nearest covered
        region; see `graphmodel.questions.coverage`.

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
        return coverage.coverage(self._reads(), level, topic, kind)

    def coverage_actors(
        self,
        level: str,
        topic: str | None = None,
        kind: str | None = None,
        region: str | None = None,
    ) -> pd.DataFrame:
        """The actors behind `coverage`'s counts, one row per region and actor, with why
        each counts there; see `graphmodel.questions.coverage.actors`.

        Examples
        --------
        >>> import graphmodel as gm
        >>> g = gm.open()
        >>> counts = g.coverage("provincie", topic="zij-instroom")
        >>> behind = g.coverage_actors("provincie", topic="zij-instroom")
        >>> drenthe = counts.set_index("region_id").loc["region:PV22", "total"]
        >>> int(drenthe) == len(behind[behind["region_id"] == "region:PV22"])
        True
        """
        return coverage.actors(self._reads(), level, topic, kind, region)

    def coverage_matrix(self, level: str, kind: str | None = None) -> pd.DataFrame:
        """Region x topic counts in long form; see `graphmodel.questions.coverage.matrix`.

        Examples
        --------
        >>> import graphmodel as gm
        >>> cells = gm.open().coverage_matrix("provincie")
        >>> list(cells.columns)
        ['region_id', 'region', 'topic_id', 'topic', 'actors']
        """
        return coverage.matrix(self._reads(), level, kind)

    def gemeenten(self, level: str) -> dict[str, list[Node]]:
        """The gemeenten inside each region of `level`, by region id (for maps).

        Examples
        --------
        >>> import graphmodel as gm
        >>> inside = gm.open().gemeenten("provincie")
        >>> len(inside), "region:GM0193" in {n.id for n in inside["region:PV23"]}
        (12, True)
        """
        return places.gemeenten(self._reads(), level)

    def path(self, a: str, b: str, max_hops: int = ROUTE_MAX_HOPS) -> pd.DataFrame:
        """The introduction route from `a` to `b`, one row per relationship (empty when
        there is none within `max_hops`); see `graphmodel.stores.routes`.

        Examples
        --------
        >>> import graphmodel as gm
        >>> route = gm.open().path("Windesheim", "Velon")
        >>> list(route.columns)
        ['step', 'from_id', 'from', 'relationship', 'to_id', 'to', 'source', 'verified']
        >>> {"org:windesheim", "org:velon"} <= {*route["from_id"], *route["to_id"]}
        True
        """
        return people.route_frame(self._reads(), a, b, max_hops)

    def topics_by_kind(self) -> pd.DataFrame:
        """From category to topic: per topic, how many actors of each kind work on it.

        Examples
        --------
        >>> import graphmodel as gm
        >>> per_topic = gm.open().topics_by_kind()
        >>> bool(per_topic["total"].is_monotonic_decreasing)  # the most worked-on first
        True
        """
        return topics.topics_by_kind(self._reads())

    def communities(self, resolution: float = 1.0, seed: int = 42) -> pd.DataFrame:
        """Louvain communities of the actor network; see `graphmodel.questions.analysis`.

        Examples
        --------
        >>> import graphmodel as gm
        >>> groups = gm.open().communities()
        >>> list(groups.columns)
        ['community', 'size', 'id', 'kind', 'name']
        """
        return analysis.communities(self.store, resolution, seed)

    def brokers(self, top: int = 20, seed: int = 42) -> pd.DataFrame:
        """The actors with the highest betweenness; see `graphmodel.questions.analysis`.

        Examples
        --------
        >>> import graphmodel as gm
        >>> top = gm.open().brokers(top=3)
        >>> len(top), bool(top["betweenness"].is_monotonic_decreasing)
        (3, True)
        """
        return analysis.brokers(self.store, top, seed)

    def bridges(self, level: str = "provincie") -> pd.DataFrame:
        """Actors that connect regions of `level`; see `graphmodel.questions.analysis`.

        Examples
        --------
        >>> import graphmodel as gm
        >>> spanning = gm.open().bridges("provincie")
        >>> bool((spanning["regions"] >= 2).all())  # each connects two provinces or more
        True
        """
        return analysis.bridges(self.store, level)

    def freshness(self, today: date | None = None) -> pd.DataFrame:
        """Per kind, the share verified in the last year before `today` (default:
        `graphmodel.clock.today`); see `graphmodel.provenance`.

        Examples
        --------
        >>> import graphmodel as gm
        >>> from datetime import date
        >>> shares = gm.open().freshness(today=date(2026, 11, 22))
        >>> total = shares.iloc[-1]  # the last row sums up everything
        >>> bool(total["fresh"] <= total["total"])
        True
        """
        return provenance.freshness(self.store.provenance(), clock.today(today))

    def sources(self) -> pd.DataFrame:
        """Per source, how much rests on it; see `graphmodel.provenance`.

        Examples
        --------
        >>> import graphmodel as gm
        >>> list(gm.open().sources().columns)
        ['source', 'type', 'nodes', 'relationships', 'last_verified']
        """
        return provenance.sources(self.store.provenance())

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
        return analysis.whole_graph(self.store)

    def as_of(self, day: date) -> Graph:
        """The graph as it was at the end of `day`, as an embedded store: every question
        can be asked of it (see `graphmodel.stores.history.as_of`).

        Examples
        --------
        >>> import graphmodel as gm
        >>> from datetime import date
        >>> g = gm.open()
        >>> g.as_of(date(2000, 1, 1)).stats().node_total <= g.stats().node_total
        True
        """
        past = MemoryStore()
        changes = self.store.history()
        past.load(history.as_of(self.store.export(), changes, day))
        past.add_history([c for c in changes if c.date <= day.isoformat()])
        return Graph(past)

    def changes_since(self, day: date) -> pd.DataFrame:
        """What changed on or after `day`: one row per change (`history.COLUMNS`).

        Examples
        --------
        >>> import graphmodel as gm
        >>> from datetime import date
        >>> changes = gm.open().changes_since(date(2026, 1, 1))
        >>> bool((changes["date"] >= "2026-01-01").all())
        True
        """
        return history.frame(history.since(self.store.history(), day))
