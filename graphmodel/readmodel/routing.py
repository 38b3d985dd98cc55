"""Introduction routes on the read model: one search around the origin shared by all targets.

`graphmodel.stores.routes` defines the one route every store returns (shortest; hop by hop
the smallest next node by (introducer rank, id), then relationship by (type, role), that
still lies on a shortest walk; no intermediate node of an avoided kind) and finds it with
a bidirectional search per target. find_people asks for the routes to sixty targets or more
from one origin, and the read model's graph never changes, so here the origin's side is
searched once: a `Ball` of every node within `RADIUS` steps of the origin through passable
nodes (fewer where the next level would take more than `BUDGET` steps: an origin beside a
big network), kept per origin. Per target only the target's side is searched, level by
level, until it meets the ball: a walk of length L (L >= 2) passes, at position
min(radius, L - 1), a node of the ball whose distance to the target is L minus that
position, so the target's side never goes deeper than ``max_hops - radius`` (at the last
level only the ball's nodes are kept) and stops at the first level that meets the ball. Both
sides keep, per node, its neighbours one step closer to their end: the first walk is then
read from them hop by hop. Any correct search finds the same walk: it is picked from the
nodes on shortest walks, and that set is one.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from threading import Lock

from graphmodel.model import Relationship, Walk
from graphmodel.stores.routes import ROUTE_AVOIDS, introducer_rank

__all__ = ["RADIUS", "Ball", "Routes"]

RADIUS = 3  # the origin's side at most: find_people's target sides then take one level
LEAST_RADIUS = 2  # below it, the target sides would grow through big groups
BUDGET = 10_000  # steps a ball may take for its last level (measured: see the commit)
BALLS_KEPT = 64  # origins whose ball is kept (a find_people asks from one or two)

Around = Mapping[str, list[tuple[str, Relationship]]]


@dataclass(frozen=True)
class Ball:
    """The nodes within `radius` steps of `origin` through passable nodes.

    `level` is each node's distance from the origin; `closer` lists, per node of the
    ball but the origin, its neighbours one step closer to the origin.
    """

    origin: str
    radius: int
    level: dict[str, int]
    closer: dict[str, list[str]]


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
            node: list(dict.fromkeys(o for o, _ in steps if kinds[o] not in ROUTE_AVOIDS))
            for node, steps in around.items()
        }
        self._balls: OrderedDict[str, Ball] = OrderedDict()
        self._keeping = Lock()

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
        """The origin's ball, kept for the `BALLS_KEPT` origins asked from last (the
        server's threads share them)."""
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
        level, closer = {origin: 0}, {}
        frontier, radius = [origin], 0
        while radius < self._radius:
            if radius >= LEAST_RADIUS and self._steps(frontier) > self._budget:
                break
            radius += 1
            frontier = self._grow(frontier, radius, level, closer, skip=origin)
        return Ball(origin, radius, level, closer)

    def _steps(self, frontier: list[str]) -> int:
        return sum(len(self._open.get(node, ())) for node in frontier)

    def _grow(
        self,
        frontier: list[str],
        depth: int,
        level: dict[str, int],
        closer: dict[str, list[str]],
        skip: str = "",
    ) -> list[str]:
        """One level of breadth-first search through passable nodes (never into `skip`):
        the nodes found at `depth`, each with its neighbours in `frontier` in `closer`."""
        found = []
        for node in frontier:
            for other in self._open.get(node, ()):
                seen = level.get(other)
                if seen is None:
                    if other == skip:
                        continue
                    level[other] = depth
                    closer[other] = [node]
                    found.append(other)
                elif seen == depth:
                    closer[other].append(node)
        return found

    def _walk(self, ball: Ball, target: str, max_hops: int) -> Walk | None:
        origin = ball.origin
        if target == origin:
            return Walk((origin,), ())
        if target in ball.level:  # passable and near: the ball alone knows the walk
            length = ball.level[target]
            if length > max_hops:
                return None
            return self._read_walk(ball, {target}, length, length, {})
        if max_hops >= 1 and self._kinds[target] in ROUTE_AVOIDS and self._between(origin, target):
            return self._read_walk(ball, {origin}, 0, 1, {origin: [target]})
        return self._meet(ball, target, max_hops)

    def _meet(self, ball: Ball, target: str, max_hops: int) -> Walk | None:
        """The target's side, level by level, until no longer walk can be shorter."""
        level, closer = {target: 0}, {}
        frontier, depth = [target], 0
        while frontier and depth + 2 <= max_hops:  # a walk that meets is one hop longer
            depth += 1
            last = depth + ball.radius >= max_hops
            if last:  # what lies beyond the ball is of no use any more: not kept
                frontier = self._into_ball(frontier, ball, closer)
            else:
                frontier = self._grow(frontier, depth, level, closer, skip=ball.origin)
            met = [node for node in frontier if node in ball.level]
            if met:
                position = min(ball.level[node] for node in met)
                meeting = {node for node in met if ball.level[node] == position}
                return self._read_walk(ball, meeting, position, position + depth, closer)
            if last:
                break
        return None

    def _into_ball(
        self, frontier: list[str], ball: Ball, closer: dict[str, list[str]]
    ) -> list[str]:
        """The nodes of the ball (but its origin) one step beyond `frontier`, each with
        its neighbours in `frontier` in `closer`."""
        found = []
        for node in frontier:
            for other in self._open.get(node, ()):
                if other not in ball.level or other == ball.origin:
                    continue
                if other in closer:
                    closer[other].append(node)
                else:
                    closer[other] = [node]
                    found.append(other)
        return found

    def _read_walk(
        self,
        ball: Ball,
        meeting: set[str],
        position: int,
        length: int,
        to_target: dict[str, list[str]],
    ) -> Walk:
        """Pick hop by hop the first of the nodes that lie on a shortest walk: up to
        `position`, those from which one of `meeting` is reached through the ball; beyond,
        the neighbours one step closer to the target (`to_target`)."""
        on_route = [set() for _ in range(position + 1)]
        on_route[position] = meeting
        for depth in range(position, 1, -1):
            on_route[depth - 1] = {c for node in on_route[depth] for c in ball.closer[node]}
        nodes = [ball.origin]
        for step in range(1, length + 1):
            here = nodes[-1]
            if step <= position:
                options = [n for n in on_route[step] if step == 1 or here in ball.closer[n]]
            else:
                options = to_target[here]
            nodes.append(min(options, key=lambda n: (introducer_rank(n), n)))
        relationships = tuple(self._first_between(a, b) for a, b in pairwise(nodes))
        return Walk(tuple(nodes), relationships)

    def _between(self, a: str, b: str) -> list[Relationship]:
        """The relationships between `a` and `b`, in the order of `around`, read from
        the end with fewer."""
        steps_a, steps_b = self._around.get(a, ()), self._around.get(b, ())
        if len(steps_b) < len(steps_a):
            return [rel for other, rel in steps_b if other == a]
        return [rel for other, rel in steps_a if other == b]

    def _first_between(self, a: str, b: str) -> Relationship:
        return min(self._between(a, b), key=lambda rel: (rel.type, str(rel.get("role", ""))))
