"""A round taken back in: returned workbooks become one change set, written all at once.

Each answer becomes a change to a fact: `klopt` confirms it (its `verified` date moves to
the workbook's date and its source names the round), `wijzigen` gives a property a new
value or a link a new role (the old link ends, a new one begins), `vervalt` ends a link
(an `until` date; nothing is deleted) or empties a property. Additions become new links
and, for a person, a new node. Everything is checked first; with any error nothing is
written. The change set is worked out against what the target holds, so that taking the
same workbook in twice changes nothing the second time, and every change is recorded in
the history with the values it replaced (`graphmodel.stores.history`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graphmodel import schema
from graphmodel.model import (
    GraphBatch,
    LoadSummary,
    Node,
    PropertyValue,
    Relationship,
    cell_text,
    cells,
)
from graphmodel.stores import history
from graphmodel.stores.base import Store
from graphmodel.stores.changes import plan_load
from graphmodel.stores.history import Change, Occasion
from graphmodel.text import fold, slugify
from importers.curated import (
    PARTIAL_DATE_PATTERN,
    build_batch,
    is_date,
    is_web_url,
    valid_sources,
)
from importers.importing import Target, check_schema, existing
from importers.report import Report
from importers.tables import Table
from importers.verification.facts import SUBJECT_KINDS, facts_about, relationship_key
from importers.verification.returns import Addition, Answer, Returned, read_returned, text_date
from importers.verification.workbook import ADD_SHEET, ANSWERS, ASK_SHEET, ROUND_SHEET

__all__ = ["Intake", "round_source", "take_in"]

CONFIRM, CHANGE, END = ANSWERS
WITH_MEMBERS = tuple(k for k in SUBJECT_KINDS if k in schema.JOINED_KINDS)  # take Toevoegen lid
Where = tuple[str, int]  # (file:sheet, row) of an answer


@dataclass
class Intake:
    """What taking a round in found wrong, and what it changes (or would change)."""

    report: Report
    workbooks: int
    changes: list[Change] = field(default_factory=list)
    summary: LoadSummary = field(default_factory=LoadSummary.empty)
    written: bool = False


def round_source(subject_id: str, day: str) -> str:
    """The source of what a returned workbook vouches for: who answered, and when."""
    return f"verificatie:{subject_id}@{day}"


def take_in(
    paths: Sequence[Path],
    target: Target,
    *,
    apply: bool = False,
    returned: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> Intake:
    """Read, check and (with `apply`) write the answers of `paths` into `target`.

    `returned` overrides the date the answers count from (by default each workbook's
    date of saving).
    """
    report = Report()
    books = [book for path in paths if (book := read_returned(path, report, returned))]
    updates = _Updates(report)
    for book in books:
        _Answers(book, target.store, updates).resolve()
    batch = updates.batch()
    if report.ok:
        check_schema(batch, target.store, "verify import", report)
    if not report.ok:
        return Intake(report, len(books))
    stored_nodes, stored_relationships = existing(target.store, batch.nodes, batch.relationships)
    plan = plan_load(batch, stored_nodes, stored_relationships)
    changes = history.record(plan, stored_nodes, stored_relationships, updates.occasions)
    written = apply and not plan.is_empty
    if written:
        target.write(batch, plan, progress, updates.occasions)
    return Intake(report, len(books), changes, plan.summary, written)


class _Updates:
    """The new state of every fact the workbooks touch, and which workbook row set it.

    Two workbooks may speak of one fact (a membership is in the member's workbook and in
    the partnership's): answers that make the same fact are taken once (the first
    workbook's source and date); answers that make it differently are an error.
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        self.nodes: dict[str, Node] = {}
        self.relationships: dict[str, Relationship] = {}
        self.occasions: dict[str, Occasion] = {}
        self.answers: dict[str, tuple[dict, Where]] = {}  # entity -> first facts, its row

    def put(
        self, entity: Node | Relationship, answer: str, where: Where, occasion: Occasion
    ) -> None:
        name = entity.id if isinstance(entity, Node) else history.relationship_entity(entity.key)
        facts = {k: v for k, v in entity.properties.items() if k not in ("source", "verified")}
        if name in self.answers:
            first_facts, (first_file, first_row) = self.answers[name]
            if first_facts != facts:
                other = f"{first_file}, rij {first_row}"
                self.report.add(
                    where[0], "answers-disagree", row=where[1], value=answer, other=other
                )
            return
        self.answers[name] = (facts, where)
        self.occasions[name] = occasion
        if isinstance(entity, Node):
            self.nodes[name] = entity
        else:
            self.relationships[name] = entity

    def batch(self) -> GraphBatch:
        return GraphBatch(list(self.nodes.values()), list(self.relationships.values()))


class _Answers:
    """One workbook's answers and additions, read against what the store holds."""

    def __init__(self, book: Returned, store: Store, updates: _Updates) -> None:
        self.book, self.store, self.updates = book, store, updates
        self.report = updates.report
        self.occasion = Occasion(book.returned, book.by, book.file)
        self.asked = book.where(ASK_SHEET)

    def resolve(self) -> None:
        found = self.store.nodes([self.book.subject])
        if not found or found[0].kind not in SUBJECT_KINDS:
            where = self.book.where(ROUND_SHEET)
            self.report.add(where, "unknown-subject", value=self.book.subject)
            return
        self.subject = found[0]
        self.source = round_source(self.subject.id, self.book.returned)
        facts = {fact.key: fact for fact in facts_about(self.store, self.subject)}
        links = {relationship_key(r): r for r in self.store.relationships_of([self.subject.id])}
        own: list[tuple[Answer, str]] = []
        first_row: dict[str, int] = {}
        for answer in self.book.answers:
            if answer.key in first_row:
                first = f"rij {first_row[answer.key]}"
                self.report.add(self.asked, "duplicate-key", row=answer.row, first=first)
                continue
            first_row[answer.key] = answer.row
            if answer.key in links:
                self._answer_link(answer, links[answer.key])
            elif answer.key in facts:
                own.append((answer, facts[answer.key].value))
            else:
                self.report.add(
                    self.asked,
                    "unknown-key",
                    row=answer.row,
                    value=answer.key,
                    subject=self.subject.id,
                )
        self._answer_own(own)
        for addition in self.book.additions:
            self._add(addition)

    # --- the subject's own properties -------------------------------------------------

    def _answer_own(self, own: list[tuple[Answer, str]]) -> None:
        """Its properties share one source and date: they move when every row is answered
        or when a value changes."""
        props = dict(self.subject.properties)
        changed = False
        for answer, now in own:
            name = answer.key.split("|", 2)[2]
            if not answer.answer:
                continue
            if answer.answer == CHANGE and answer.new_value:
                value = self._checked_value(name, answer)
                if value is not None and self._still_current(answer, now, cell_text(value)):
                    props[name], changed = value, True
            elif not self._still_current(answer, now):
                continue
            elif answer.answer == CHANGE:
                self._problem(answer, "new-value-missing")
            elif answer.answer == END:
                changed |= self._lapse(props, name, answer)
        if changed or (own and all(answer.answer for answer, _ in own)):
            props |= self._vouched(props)
            node = Node(self.subject.id, self.subject.kind, props)
            self.updates.put(node, "eigen gegevens", self._where(own[0][0]), self.occasion)

    def _still_current(self, answer: Answer, now: str, new_value: str = "") -> bool:
        """The workbook's current value is what the store holds (or, taken in before,
        what this answer made of it: `new_value` as the tables hold it)."""
        allowed = {answer.value, new_value or answer.value}
        if answer.answer == END:
            allowed.add("")
        if now in allowed:
            return True
        self._problem(answer, "changed-since-export", value=answer.value, now=now)
        return False

    def _checked_value(self, name: str, answer: Answer) -> PropertyValue | None:
        """The new value as the curated tables would read it, with the same checks."""
        kind = schema.kind(self.subject.kind)
        row = {"id": self.subject.id, **cells(self.subject.properties), name: answer.new_value}
        table = Table(kind.table, self.asked, list(row), [(answer.row, row)])
        checks = Report()
        batch = build_batch([table], checks)
        for problem in checks.errors:
            self._problem(answer, problem.code, value=answer.new_value, **dict(problem.details))
        return batch.nodes[0].properties.get(name) if checks.ok else None

    def _lapse(self, props: dict[str, PropertyValue], name: str, answer: Answer) -> bool:
        column = schema.kind(self.subject.kind).column(name)
        if column and column.required:
            self._problem(answer, "cannot-end-required", field=name)
            return False
        return props.pop(name, None) is not None

    # --- links ------------------------------------------------------------------------

    def _answer_link(self, answer: Answer, link: Relationship) -> None:
        if not answer.answer:
            return
        if answer.answer == CHANGE and not answer.new_value:
            self._problem(answer, "new-value-missing")
            return
        if answer.answer == CHANGE and answer.new_value != link.get("role", ""):
            self._end(answer, link, self.book.returned)
            role = {"role": answer.new_value, "since": self.book.returned, **self._vouched({})}
            self._put_link(answer, Relationship(link.start, link.type, link.end, role), CHANGE)
        elif answer.answer == END:
            until = self._end_date(answer)
            if until:
                self._end(answer, link, until)
        else:
            props = dict(link.properties) | self._vouched(link.properties)
            self._put_link(answer, Relationship(link.start, link.type, link.end, props), CONFIRM)

    def _end(self, answer: Answer, link: Relationship, until: str) -> None:
        """The link ends (a link that had ended already keeps its date)."""
        props = dict(link.properties) | self._vouched(link.properties)
        props["until"] = link.get("until") or until
        self._put_link(answer, Relationship(link.start, link.type, link.end, props), END)

    def _end_date(self, answer: Answer) -> str | None:
        """The end date a `vervalt` row gives (typed as a date or as text), else the
        workbook's date."""
        text = answer.new_value.strip()
        if not text:
            return self.book.returned
        day = text_date(text) or (text if is_date(text, PARTIAL_DATE_PATTERN) else None)
        if day is None:
            self._problem(answer, "bad-date", value=text, expected="DD-MM-JJJJ / YYYY-MM-DD")
        return day

    def _put_link(self, answer: Answer, link: Relationship, verdict: str) -> None:
        self.updates.put(link, verdict, self._where(answer), self.occasion)

    # --- additions --------------------------------------------------------------------

    def _add(self, addition: Addition) -> None:
        where = self.book.where(ADD_SHEET)
        source = valid_sources(addition.source) if addition.source else self.source
        if source is None:
            self.report.add(
                where, "bad-source", row=addition.row, column="Bron", value=addition.source
            )
            return
        made = _ADDERS[addition.what](self, addition, source)
        if made is None:
            return
        link, node = made
        occasion, place = self.occasion, (where, addition.row)
        if node:
            self.updates.put(node, "toevoegen", place, occasion)
        self.updates.put(link, "toevoegen", place, occasion)

    def _add_person(
        self, addition: Addition, source: str
    ) -> tuple[Relationship, Node | None] | None:
        """People only with a public page that names them: professional facts only."""
        if not is_web_url(source.split(";")[0]):
            self._addition_problem(addition, "person-needs-source")
            return None
        if not slugify(addition.name):
            self._addition_problem(addition, "required-value")
            return None
        known = self._named(addition.name, ("Person",))
        node = None
        if known is None:
            props = {"name": addition.name, "source": source, "verified": self.book.returned}
            node = Node(f"person:{slugify(addition.name)}", "Person", props)
        person_id = known.id if known else node.id  # type: ignore[union-attr]
        return self._link(addition, person_id, "AFFILIATED_WITH", self.subject.id, source), node

    def _add_topic(self, addition: Addition, source: str) -> tuple[Relationship, None] | None:
        topic = self._known(addition, ("Topic",), "onderwerp / topic")
        if topic is None:
            return None
        return self._link(addition, self.subject.id, "WORKS_ON", topic.id, source), None

    def _add_member(self, addition: Addition, source: str) -> tuple[Relationship, None] | None:
        if self.subject.kind not in WITH_MEMBERS:
            reason = "alleen een partnerschap, alliantie of netwerk heeft leden"
            self._addition_problem(
                addition, "addition-not-allowed", kind=self.subject.kind, reason=reason
            )
            return None
        member = self._known(addition, ("Organisation",), "organisatie / organisation")
        if member is None:
            return None
        return self._link(addition, member.id, "MEMBER_OF", self.subject.id, source), None

    def _add_region(self, addition: Addition, source: str) -> tuple[Relationship, None] | None:
        region = self._known(addition, ("Region",), "onderwijsregio", level="onderwijsregio")
        if region is None:
            return None
        rel_type = "MEMBER_OF" if self.subject.kind == "Organisation" else "ACTIVE_IN"
        return self._link(addition, self.subject.id, rel_type, region.id, source), None

    def _link(
        self, addition: Addition, start: str, rel_type: str, end: str, source: str
    ) -> Relationship:
        props: dict[str, PropertyValue] = {"source": source, "verified": self.book.returned}
        if addition.role:
            props["role"] = addition.role
        return Relationship(start, rel_type, end, props)

    def _known(
        self, addition: Addition, kinds: tuple[str, ...], what: str, level: str | None = None
    ) -> Node | None:
        """The node `addition` names; reported, with the nearest names, when none is."""
        found = self._named(addition.name, kinds, level)
        if found is None:
            hits = self.store.search_names(addition.name, kinds, limit=3)
            near = ", ".join(f"'{h.node.name}'" for h in hits)
            suggestions = f"; bedoelt u / did you mean: {near}?" if near else ""
            self._addition_problem(addition, "unknown-name", what=what, suggestions=suggestions)
        return found

    def _named(self, name: str, kinds: tuple[str, ...], level: str | None = None) -> Node | None:
        """A node by id, or whose name, short name, English label or synonym is `name`."""
        by_id = [n for n in self.store.nodes([name]) if n.kind in kinds]
        hits = [h.node for h in self.store.search_names(name, kinds, limit=20)]
        for node in by_id + hits:
            names = {node.name, node.get("short_name", ""), node.get("label_en", "")}
            names |= set(node.get("synonyms", ()))
            named = fold(name) in {fold(str(n)) for n in names if n} | {node.id}
            if named and (level is None or node.get("level") == level):
                return node
        return None

    # --- shared -----------------------------------------------------------------------

    def _vouched(self, props: Mapping[str, PropertyValue]) -> dict[str, PropertyValue]:
        """Verified on the workbook's date, its round named among the sources (in place
        of an earlier answer of the same subject)."""
        earlier = str(props.get("source", ""))
        mine = f"verificatie:{self.subject.id}@"
        kept = [
            s.strip() for s in earlier.split(";") if s.strip() and not s.strip().startswith(mine)
        ]
        verified = max(str(props.get("verified", "")), self.book.returned)  # never backwards
        return {"source": "; ".join([*kept, self.source]), "verified": verified}

    def _where(self, answer: Answer) -> Where:
        return (self.asked, answer.row)

    def _problem(self, answer: Answer, code: str, **details: object) -> None:
        self.report.add(self.asked, code, row=answer.row, column="Nieuwe waarde", **details)

    def _addition_problem(self, addition: Addition, code: str, **details: object) -> None:
        where = self.book.where(ADD_SHEET)
        self.report.add(
            where, code, row=addition.row, column="Naam", value=addition.name, **details
        )


_ADDERS = {
    "persoon": _Answers._add_person,
    "onderwerp": _Answers._add_topic,
    "lid": _Answers._add_member,
    "onderwijsregio": _Answers._add_region,
}
