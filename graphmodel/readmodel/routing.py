"""Introduction routes on the read model: one search around the origin shared by all targets.

`graphmodel.stores.routes` defines the one route every store returns (shortest; hop by hop
the smallest next node by (introducer rank, id), then relationship by (type, role), that
still lies on a shortest walk; no intermediate node of an avoided kind) and finds it with a
bidirectional search per target. find_people asks for the routes to sixty targets or more
from one origin, and the read model's graph never changes, so here the origin's side is
searched once: a `Ball` of every node within `RADIUS` steps of the origin through passable
nodes (fewer where the next level would take more than `BUDGET` steps: an origin beside a
big network), kept per origin (every gemeente's grown ahead: `Routes.hold`). Per target
only the target's side is searched, level by level, until it meets the ball: a walk of
length L (L >= 2) passes, at position min(radius, L - 1), a node of the ball whose distance
to the target is L minus that position, so the target's side never goes deeper than
``max_hops - radius`` (at the last level only the ball's nodes are kept) and stops at the
first level that meets the ball. Both sides are grown a level at a time by set operations
mapped in C (the nodes at each distance from their end); the ball is kept as dicts of its
inner layers and of all its nodes with their distances (which the garbage collector leaves
alone, see `Ball`), so that where the nodes one step beyond a level of the target's side
meet it is found in one pass over them, and they are gathered into the side's next level
only when its search goes on. The walk is then read hop by hop, each next node picked from
the next layer among those the node before opens onto. Any correct search finds the same
walk: it is picked from the nodes on shortest walks, and that set is one.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain, repeat
from threading import Lock

from graphmodel.model import Relationship, Walk
from graphmodel.stores.routes import ROUTE_AVOIDS, introducer_rank

__all__ = ["RADIUS", "Ball", "Routes"]

RADIUS = 3  # the origin's side at most: find_people's target sides then take one level
LEAST_RADIUS = 2  # below it, the target sides would grow through big groups
BUDGET = 10_000  # steps a ball may take for its last level (measured: see the commit)
BALLS_KEPT = 64  # origins whose ball is kept (a find_people asks from one or two)

Around = Mapping[str, list[tuple[str, Relationship]]]


class Ball:
    """The nodes within `radius` steps of `origin` through passable nodes, with their
    distance from it (`distances`), and those short of the radius by distance (``inner[d]``
    holds those `d` steps away, ``inner[0]`` the origin alone).

    A ball is kept in dicts of texts and numbers, which the garbage collector does not
    track, not in sets, which it always does: a collection reads every member of every
    set it tracks, and the sets of the young balls (about a thousand nodes each, some
    thirty thousand members between them) made one in ten find_people questions wait
    about 1.7 ms for a collection at scale 1.

    Examples
    --------
    >>> ball = Ball("org:a", [{"org:a"}, {"network:n"}, {"org:b", "org:c"}])
    >>> ball.radius, ball.distance("org:b"), ball.distance("org:a"), ball.distance("org:x")
    (2, 2, 0, None)
    >>> ball.nearest(["org:x", "org:c", "network:n"]), ball.nearest(["org:a", "org:x"])
    ((1, {'network:n'}), None)
    >>> ball.at(1, ["org:c", "network:n", "org:b"])
    {'network:n'}
    >>> import gc
    >>> gc.is_tracked(ball.distances), gc.is_tracked(ball.inner[1])
    (False, False)

    The last layer may be all that the one before opens onto, nearer nodes and repeats
    among them (the nearer distance is a node's):

    >>> Ball("org:a", [{"org:a"}, ["org:a", "org:a"]]).distances
    {'org:a': 0}
    """

    __slots__ = ("distances", "inner", "origin", "radius")

    def __init__(self, origin: str, layers: Sequence[Iterable[str]]) -> None:
        """A ball from its `layers`: ``layers[d]`` the nodes `d` steps from `origin`, the
        last one as it may be (see above)."""
        self.origin, self.radius = origin, len(layers) - 1
        self.inner = tuple(dict.fromkeys(layer) for layer in layers[:-1])
        self.distances = dict.fromkeys(layers[-1], self.radius)  # the largest first
        for distance, layer in enumerate(self.inner):
            self.distances.update(dict.fromkeys(layer, distance))

    def distance(self, node: str) -> int | None:
        """How far `node` is from the origin, if it is in the ball."""
        return self.distances.get(node)

    def at(self, distance: int, nodes: Iterable[str]) -> set[str]:
        """Those of `nodes` `distance` steps from the origin, short of the radius (met
        in one pass over `nodes` in C: the nodes a layer opens onto run to hundreds)."""
        return self.inner[distance].keys() & nodes

    def nearest(self, nodes: Iterable[str]) -> tuple[int, set[str]] | None:
        """The least distance from the origin of any of `nodes` in the ball but the
        origin, and those of them at that distance (met in one pass over `nodes`)."""
        met = self.distances.keys() & nodes
        met.discard(self.origin)
        if not met:
            return None
        least = min(map(self.distances.__getitem__, met))
        return least, met if least == self.radius else self.inner[least].keys() & met


class Routes:
    """The introduction routes of one unchanging graph.

    Parameters
    ----------
    around
        Every (other end, relationship) at a node, both directions, in one fixed order.
    kinds
        Every node's kind.
    radius, budget
        How far the origin's side reaches: `radius` levels, but not a level beyond the
        second that takes more than `budget` steps.

    Examples
    --------
    A person works at two organisations, and both take part in a network:

    >>> from graphmodel.model import Relationship as R
    >>> rels = [
    ...     R("person:ann", "AFFILIATED_WITH", "org:a"),
    ...     R("person:ann", "AFFILIATED_WITH", "org:b"),
    ...     R("org:a", "MEMBER_OF", "network:n"),
    ...     R("org:b", "MEMBER_OF", "network:n"),
    ... ]
    >>> around = {}
    >>> for rel in rels:
    ...     around.setdefault(rel.start, []).append((rel.end, rel))
    ...     around.setdefault(rel.end, []).append((rel.start, rel))
    >>> kinds = {"person:ann": "Person", "network:n": "Network"}
    >>> kinds |= {org: "Organisation" for org in ("org:a", "org:b", "org:x")}
    >>> walks = Routes(around, kinds).shortest_walks("org:a", ["org:b", "org:x"], 4)
    >>> walks["org:b"].nodes, sorted(walks)
    (('org:a', 'network:n', 'org:b'), ['org:b'])
    """

    def __init__(
        self,
        around: Around,
        kinds: Mapping[str, str],
        radius: int = RADIUS,
        budget: int = BUDGET,
    ) -> None:
        self._radius, self._budget = radius, budget
        self._around = around
        self._kinds = kinds
        # the steps a route may take into a node it passes (none into a topic, a region)
        self._open = {
            node: tuple(dict.fromkeys(o for o, _ in steps if kinds[o] not in ROUTE_AVOIDS))
            for node, steps in around.items()
        }
        self._order = _RouteOrder()
        self._held: dict[str, Ball] = {}  # grown ahead and kept for good (`hold`)
        self._balls: OrderedDict[str, Ball] = OrderedDict()  # the last asked from
        self._keeping = Lock()

    def hold(self, origins: Iterable[str]) -> None:
        """Grow the balls of `origins` now and keep them as long as the routes: those of
        every gemeente, where find_people's routes start without an organisation (342
        balls, 14 MiB at scale 1 and 15 MiB at scale 10, where they reach two levels).

        Examples
        --------
        >>> from graphmodel.model import Relationship as R
        >>> rel = R("org:a", "MEMBER_OF", "network:n")
        >>> routes = Routes({"org:a": [("network:n", rel)], "network:n": [("org:a", rel)]},
        ...                 {"org:a": "Organisation", "network:n": "Network"})
        >>> routes.hold(["org:a"])
        >>> routes.shortest_walks("org:a", ["network:n"], 2)["network:n"].nodes
        ('org:a', 'network:n')
        """
        held = self._held  # grown once: preparing a model again grows none anew
        self._held = {o: held.get(o) or self._grow_ball(o) for o in origins}

    def shortest_walks(self, origin: str, targets: Iterable[str], max_hops: int) -> dict[str, Walk]:
        """As `Store.shortest_walks` with the usual avoided kinds, for an origin and
        targets in the graph: the first shortest walk to each target that has one within
        `max_hops`.

        Examples
        --------
        With ``routes`` as in the class's example, a target beyond reach has no walk, and
        the origin itself a walk of no steps:

        >>> from graphmodel.model import Relationship as R
        >>> rels = [R("org:a", "MEMBER_OF", "network:n"), R("org:b", "MEMBER_OF", "network:n")]
        >>> around = {}
        >>> for rel in rels:
        ...     around.setdefault(rel.start, []).append((rel.end, rel))
        ...     around.setdefault(rel.end, []).append((rel.start, rel))
        >>> kinds = {"org:a": "Organisation", "org:b": "Organisation", "network:n": "Network"}
        >>> walks = Routes(around, kinds).shortest_walks("org:a", ["org:a", "org:b"], 1)
        >>> walks["org:a"].nodes, "org:b" in walks
        (('org:a',), False)
        """
        ball = self._ball(origin)
        found = {}
        for target in dict.fromkeys(targets):
            walk = self._walk(ball, target, max_hops)
            if walk is not None:
                found[target] = walk
        return found

    def _ball(self, origin: str) -> Ball:
        """The origin's ball: held (`hold`), or kept for the `BALLS_KEPT` origins asked
        from last (the server's threads share them)."""
        ball = self._held.get(origin)
        if ball is not None:
            return ball
        with self._keeping:
            ball = self._balls.get(origin)
            if ball is not None:
                self._balls.move_to_end(origin)
                return ball
        ball = self._grow_ball(origin)
        with self._keeping:
            self._balls[origin] = ball
            if len(self._balls) > BALLS_KEPT:
                self._balls.popitem(last=False)
        return ball

    def _grow_ball(self, origin: str) -> Ball:
        layers, seen = [{origin}], {origin}
        while len(layers) <= self._radius:
            if len(layers) > LEAST_RADIUS and self._steps(layers[-1]) > self._budget:
                break
            if len(layers) == self._radius:  # the last level: the ball sorts it out
                return Ball(origin, [*layers, self._beyond(layers[-1])])
            layers.append(self._unseen(layers[-1], seen))
            seen |= layers[-1]
        return Ball(origin, layers)

    def _steps(self, frontier: Iterable[str]) -> int:
        return sum(map(len, self._opens(frontier)))

    def _beyond(self, frontier: Iterable[str]) -> Iterator[str]:
        """Every passable node one step from `frontier`, some more than once."""
        return chain.from_iterable(self._opens(frontier))

    def _opens(self, nodes: Iterable[str]) -> Iterator[tuple[str, ...]]:
        """What each of `nodes` opens onto (mapped and chained in C: a ball's layer runs
        to thousands)."""
        return map(self._open.get, nodes, repeat(()))

    def _unseen(self, frontier: Iterable[str], seen: set[str]) -> set[str]:
        """Every passable node one step from `frontier` but those `seen`."""
        found = set(self._beyond(frontier))
        found -= seen
        return found

    def _walk(self, ball: Ball, target: str, max_hops: int) -> Walk | None:
        origin = ball.origin
        if target == origin:
            return Walk((origin,), ())
        length = ball.distance(target)
        if length is not None:  # passable and near: the ball alone knows the walk
            return self._read_walk(ball, length, {target}) if length <= max_hops else None
        if max_hops >= 1 and self._kinds[target] in ROUTE_AVOIDS and self._between(origin, target):
            return Walk((origin, target), (self._first_between(origin, target),))
        return self._meet(ball, target, max_hops)

    def _meet(self, ball: Ball, target: str, max_hops: int) -> Walk | None:
        """The target's side, level by level, until no longer walk can be shorter (never
        into the origin: a walk passes it only at its start). Where the nodes one step
        beyond a level meet the ball is looked up as they are reached, seen or not (the
        ball holds none of those seen but the origin, which it never offers): they are
        gathered into a level only if the search goes on."""
        side, seen = [{target}], {target, ball.origin}
        reached: Iterable[str] = self._open.get(target, ())
        while side[-1] and len(side) < max_hops:  # meeting adds one hop
            met = ball.nearest(reached)
            if met is not None:  # the shortest walk: within reach, or none is
                position, meeting = met
                if position + len(side) > max_hops:
                    return None
                return self._read_walk(ball, position, meeting, side)
            if len(side) + ball.radius >= max_hops:  # beyond the ball is of no use
                break
            side.append(self._unseen(side[-1], seen))
            seen |= side[-1]
            reached = self._beyond(side[-1])
        return None

    def _read_walk(
        self, ball: Ball, position: int, meeting: set[str], side: Sequence[set[str]] = ()
    ) -> Walk:
        """Pick hop by hop the first of the nodes that lie on a shortest walk: up to
        `position`, those from which one of `meeting` is reached through the ball; beyond,
        the neighbours one step closer to the target on its `side` (``side[d]``: the
        nodes `d` steps from it, ``side[0]`` the target alone). Every node of the ball
        but the origin is passable, so those of two next layers that meet are those one
        opens onto."""
        on_route = [meeting]  # from `position` back to 1
        for depth in range(position - 1, 0, -1):
            on_route.append(ball.at(depth, self._beyond(on_route[-1])))
        nodes = [ball.origin, self._first(on_route.pop())]
        for options in (*reversed(on_route), *reversed(side)):
            # the node before steps to one at least: when there is one, it is that one
            # (the target's side ends at the target, passable or not)
            if len(options) > 1:
                options = options.intersection(self._open[nodes[-1]])
            nodes.append(self._first(options))
        return Walk(tuple(nodes), tuple(map(self._first_between, nodes, nodes[1:])))

    def _first(self, options: set[str]) -> str:
        """The first of `options` in a route's order."""
        if len(options) == 1:
            return next(iter(options))
        return min(options, key=self._order.__getitem__)

    def _between(self, a: str, b: str) -> list[Relationship]:
        """The relationships between `a` and `b`, in the order of `around`, read from
        the end with fewer."""
        steps_a, steps_b = self._around.get(a, ()), self._around.get(b, ())
        if len(steps_b) < len(steps_a):
            return [rel for other, rel in steps_b if other == a]
        return [rel for other, rel in steps_a if other == b]

    def _first_between(self, a: str, b: str) -> Relationship:
        found = self._between(a, b)
        return found[0] if len(found) == 1 else min(found, key=_relationship_order)


class _RouteOrder(dict[str, tuple[int, str]]):
    """Every node's place in a route's order, introducers first, then by id (worked out
    as it is first asked for: a key function in C)."""

    def __missing__(self, node: str) -> tuple[int, str]:
        order = self[node] = introducer_rank(node), node
        return order


def _relationship_order(rel: Relationship) -> tuple[str, str]:
    return rel.type, str(rel.get("role", ""))
