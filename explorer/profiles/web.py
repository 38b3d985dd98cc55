"""Profiles on the web: a person's own profile, the curator's queue, the person's data.

`Profiles(graph).install(server)` adds the routes to an explorer that has accounts
(`explorer.accounts.web.Accounts`, installed first: sessions, CSRF, the database).
`graph` is the graph the explorer serves, unwrapped: an approval writes into it
(`graphmodel.profiles.approve`), so the explorer itself never writes a fact.

- ``/profiel``: the signed-in person's profile; saving sends it to a curator.
- ``/profiel/gegevens``: everything held about the person, as JSON.
- ``/profiel/verwijderen``: delete the account and profile (and the graph's facts).
- ``/curator``: the profiles waiting, beside what the graph holds now; approve or
  reject with a reason. The objections wait there too (`explorer.profiles.objections`).

Beside them: objections (``/bezwaar``), contact through the platform (``/contact``,
`explorer.profiles.contact`) and the yearly "klopt nog" (`explorer.profiles.reminders`).
docs/profiles.md tells the whole story.
"""

from __future__ import annotations

import json

from flask import Blueprint, Flask, Response, request, session
from markupsafe import Markup

from explorer.accounts.models import Account, Profile, ProfileStatus
from explorer.accounts.pages import button_form, link_button, page
from explorer.accounts.texts import TEXTS as ACCOUNT_TEXTS
from explorer.accounts.web import SIGN_IN, current_account, installed
from explorer.ages import request_day
from explorer.profiles import contact, context, objections, records, reminders
from explorer.profiles.choices import Choices, choices_in
from explorer.profiles.form import FormRefused, read_form
from explorer.profiles.html import graph_facts, profile_form, proposed_facts, review_form
from explorer.profiles.texts import TEXTS
from graphmodel.errors import GraphModelError
from graphmodel.graph import Graph
from graphmodel.model import Node
from graphmodel.profiles import (
    approve,
    forget,
    is_profile_source,
    is_public_person,
    reduce_to_public,
)

__all__ = ["CURATOR", "DATA", "DELETE", "PROFILE", "Profiles"]

PROFILE = "/profiel"
DATA = "/profiel/gegevens"
DELETE = "/profiel/verwijderen"
CURATOR = "/curator"
MAX_REASON = 1000

routes = Blueprint("profiles", __name__)


class Profiles:
    """Profiles for one explorer, writing approved ones into `graph`."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def install(self, server: Flask) -> None:
        """Add the profile routes to `server` (which has accounts installed)."""
        server.extensions[context.EXTENSION] = self
        server.register_blueprint(routes)
        server.register_blueprint(objections.routes)
        server.register_blueprint(contact.routes)
        server.register_blueprint(reminders.routes)


@routes.get(PROFILE)
def profile_page() -> Response:
    lang, account = context.lang(), current_account()
    if account is None:
        return _sign_in_first(lang)
    with installed().database.session() as db:
        profile = records.profile_of(db, account)
    return _profile_page(account, profile, lang)


@routes.post(PROFILE)
def save_profile() -> Response:
    """Check every field, then keep the profile for a curator; nothing is kept when any
    field is wrong."""
    lang, account = context.lang(), current_account()
    if account is None:
        return _sign_in_first(lang)
    graph, accounts = context.graph(), installed()
    choices = choices_in(graph)
    many = {key: request.form.getlist(key) for key in ("topics", "sectors", "groups")}
    try:
        answers = read_form(request.form, many, choices, lang)
        _claim_free(answers.claim, account, lang)
    except FormRefused as refused:
        with accounts.database.session() as db:
            profile = records.profile_of(db, account)
        body = context.notice(TEXTS("form_refused", lang), error=True) + profile_form(
            PROFILE, profile, account.name, choices, lang, refused.problems
        )
        return page(TEXTS("title", lang), body, lang, status=400)
    organisation = graph.node(answers.organisation) if answers.organisation else None
    with accounts.database.session() as db:
        profile = records.submit(
            db,
            account,
            answers,
            organisation,
            accounts.clock(),
            request_day(),
            _organisations_of(graph, answers.claim),
        )
    return _profile_page(account, profile, lang, saved=True)


@routes.get(DATA)
def download_data() -> Response:
    """Everything held about the signed-in person, as a JSON file: their account and
    profile in the operational database, the audit rows about them, what other rooms
    hold (`Accounts.held_about`: their forum posts), and what the graph holds on their
    profile's node."""
    lang, account = context.lang(), current_account()
    if account is None:
        return _sign_in_first(lang)
    accounts = installed()
    with accounts.database.session() as db:
        held = records.everything_about(db, account)
        for holding in accounts.held_about:
            held |= holding(db, account)
    profile = held.get("profile")
    held["graph"] = _graph_data(profile["person_id"]) if profile else None
    answer = Response(json.dumps(held, ensure_ascii=False, indent=2), mimetype="application/json")
    answer.headers["Content-Disposition"] = (
        'attachment; filename="verbindplaats-mijn-gegevens.json"'
    )
    return answer


@routes.post(DELETE)
def delete_account() -> Response:
    """Delete the account and its profile; a profile's node leaves the graph with its
    history (only a node the profile made: a claimed public node stays)."""
    lang, account = context.lang(), current_account()
    if account is None:
        return _sign_in_first(lang)
    accounts, graph = installed(), context.graph()
    with accounts.database.session() as db:
        profile = records.profile_of(db, account)
        if profile is not None and _made_by_profile(graph, profile.person_id):
            forget(graph.store, profile.person_id)
            context.graph_changed()
        elif profile is not None and is_public_person(graph.store, profile.person_id):
            reduce_to_public(graph.store, profile.person_id)  # what the profile added
            context.graph_changed()
        records.forget_account(db, account, accounts.clock())
    session.clear()
    return page(TEXTS("deleted", lang), context.notice(TEXTS("deleted", lang)), lang)


@routes.get(CURATOR)
def queue() -> Response:
    lang, curator = context.lang(), current_account()
    if not context.is_curator(curator):
        return page(
            TEXTS("queue", lang), context.notice(TEXTS("curators_only", lang), True), lang, 403
        )
    return _queue_page(lang)


@routes.post(CURATOR)
def review() -> Response:
    """Approve (the graph gets the profile's facts, all or nothing) or reject (with the
    reason the person sees) one pending profile."""
    lang, curator = context.lang(), current_account()
    if not context.is_curator(curator):
        return page(
            TEXTS("queue", lang), context.notice(TEXTS("curators_only", lang), True), lang, 403
        )
    approved = request.form.get("decision") == "approve"
    reason = " ".join(request.form.get("reason", "").split())
    if not approved and not 0 < len(reason) <= MAX_REASON:
        return _queue_page(lang, context.notice(TEXTS("reason_needed", lang), True), 400)
    accounts = installed()
    try:
        with accounts.database.session() as db:
            found = _pending(db, request.form.get("profile", ""))
            if found is None:
                return _queue_page(lang, context.notice(TEXTS("no_such_profile", lang), True), 404)
            profile, owner = found
            described = profile.person_id
            records.decide(db, profile, curator, approved, reason[:MAX_REASON], accounts.clock())
            if approved and profile.listed:
                facts = records.facts_of(profile, owner)
                approve(context.graph().store, facts, f"account:{curator.id}")
                context.graph_changed()
            if described != profile.person_id and _made_by_profile(context.graph(), described):
                forget(context.graph().store, described)  # the claimed node replaces it
    except GraphModelError as exc:  # the database's decision is rolled back with it
        return _queue_page(lang, context.notice(TEXTS("write_failed", lang, error=exc), True), 409)
    said = "rejected" if not approved else "approved" if profile.listed else "approved_unlisted"
    return _queue_page(lang, context.notice(TEXTS(said, lang)))


def _pending(db, text: str) -> tuple[Profile, Account] | None:
    wanted = int(text) if text.isdigit() and len(text) < 10 else None
    return next(((p, a) for p, a in records.pending(db) if p.id == wanted), None)


def _curators_only(lang: str) -> Response:
    refusal = context.notice(TEXTS("curators_only", lang), error=True)
    return page(TEXTS("queue", lang), refusal, lang, status=403)


def _claim_free(claim: str | None, account: Account, lang: str) -> None:
    """Refuse (FormRefused) a claim on a node another account's profile claims."""
    if claim is None:
        return
    with installed().database.session() as db:
        if records.claimed_by_another(db, claim, account):
            raise FormRefused({"claim": TEXTS("claim_taken", lang)})


def _organisations_of(graph: Graph, person: str | None) -> list[Node]:
    """The organisations `person` is affiliated with in the graph."""
    if person is None:
        return []
    ends = [
        r.end
        for r in graph.store.relationships_of([person])
        if r.type == "AFFILIATED_WITH" and r.start == person
    ]
    return [n for n in graph.store.nodes(ends) if n.kind == "Organisation"]


def _made_by_profile(graph: Graph, person: str) -> bool:
    found = graph.store.nodes([person])
    return bool(found) and is_profile_source(found[0].get("source"))


def _graph_data(person: str) -> dict[str, object] | None:
    graph = context.graph()
    found = graph.store.nodes([person])
    if not found:
        return None
    relationships = graph.store.relationships_of([person])
    return {
        "node": {"id": found[0].id, **found[0].properties},
        "relationships": [
            {"from": r.start, "type": r.type, "to": r.end, **r.properties} for r in relationships
        ],
    }


def _sign_in_first(lang: str) -> Response:
    body = context.notice(TEXTS("sign_in_first", lang)) + link_button(
        f"{SIGN_IN}?lang={lang}", ACCOUNT_TEXTS("sign_in", lang)
    )
    return page(TEXTS("title", lang), body, lang, status=401)


def _profile_page(
    account: Account, profile: Profile | None, lang: str, saved: bool = False
) -> Response:
    choices = choices_in(context.graph())
    parts = (
        [context.notice(TEXTS("saved", lang))] if saved else [context.notice(TEXTS("intro", lang))]
    )
    if profile is not None:
        status = TEXTS(f"status_{profile.status}", lang)
        parts.append(context.notice(TEXTS("status", lang, status=status)))
        if profile.status == ProfileStatus.REJECTED.value:
            parts.append(
                context.notice(TEXTS("rejected_because", lang, reason=profile.reason), True)
            )
    parts.append(profile_form(PROFILE, profile, account.name, choices, lang))
    parts.append(link_button(f"{DATA}?lang={lang}", TEXTS("download", lang)))
    parts.append(context.notice(TEXTS("delete_warning", lang)))
    parts.append(button_form(DELETE, TEXTS("delete", lang), lang))
    return page(TEXTS("title", lang), Markup("").join(parts), lang)


def _queue_page(lang: str, said: Markup | None = None, status: int = 200) -> Response:
    graph = context.graph()
    choices = choices_in(graph)
    with installed().database.session() as db:
        waiting = records.pending(db)
        waiting_objections = objections.entries(graph, db, lang)
    parts = [said] if said is not None else []
    if not waiting and not waiting_objections:
        parts.append(context.notice(TEXTS("queue_empty", lang)))
    parts += [_queue_entry(graph, choices, profile, lang) for profile, _ in waiting]
    parts += waiting_objections
    return page(TEXTS("queue", lang), Markup("").join(parts), lang, status=status)


def _queue_entry(graph: Graph, choices: Choices, profile: Profile, lang: str) -> Markup:
    public = graph.public()  # what a curator sees of a node is what anyone may
    described = profile.claimed_id or profile.person_id  # a claim: the node claimed
    found = public.nodes([described])
    relationships = public.relationships_of([described]) if found else []
    names = choices.organisations | choices.topics | choices.regions | choices.groups
    return Markup(
        '<section class="review" id="review-{id}"><h3>{name}</h3>'
        '<div class="review-side"><h4>{proposed}</h4>{mine}</div>'
        '<div class="review-side"><h4>{now}</h4>{theirs}</div>{form}</section>'
    ).format(
        id=profile.id,
        name=profile.name,
        proposed=TEXTS("proposed", lang),
        mine=proposed_facts(profile, choices, lang),
        now=TEXTS("in_graph", lang),
        theirs=graph_facts(found[0] if found else None, relationships, names, lang),
        form=review_form(CURATOR, profile.id, lang),
    )
