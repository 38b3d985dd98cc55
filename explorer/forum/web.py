"""The forum on the web, "Vraag het het veld": questions that reach the people who can
answer them.

`Forum(graph, instance).install(server)` adds the routes to an explorer that has
accounts and profiles (installed first). `graph` is the graph the explorer serves,
unwrapped: an answer by someone with an approved profile writes its evidence into it
(`graphmodel.forum`); everything else lives in the operational database.

- ``/forum``: the questions, found by words, topic, region and sector.
- ``/forum/vraag``: ask; the one-box parser tags the question with topics, region and
  sector as chips to edit, and shows who works on it before it is posted.
- ``/forum/vraag/<id>``: a question's permalink, its answers and the forms to answer,
  mark what helped, report and (curators) hide (`explorer.forum.posts`).
- ``/forum/meldingen``, ``/forum/afmelden``: hearing of questions on one's topics
  (`explorer.forum.subscriptions`).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from flask import Blueprint, Flask, Response, redirect, request
from markupsafe import Markup

from explorer.accounts import csrf
from explorer.accounts.pages import link_button, page
from explorer.accounts.web import current_account, installed
from explorer.ages import request_day
from explorer.forum import alerts, context, evidence, posts, records, regions, subscriptions
from explorer.forum.html import Draft, ask_form, find_form, found_list, people_panel
from explorer.forum.limits import MAX_BODY, MAX_TITLE, MAX_TOPICS, PER_POSTER
from explorer.forum.texts import TEXTS
from explorer.profiles import context as profiles
from explorer.profiles.choices import choices_in
from explorer.profiles.web import DELETE
from graphmodel import schema
from graphmodel.errors import GraphModelError
from graphmodel.graph import Graph
from graphmodel.text import MAX_QUESTION

__all__ = ["ASK", "FORUM", "Forum"]

FORUM = "/forum"
ASK = "/forum/vraag"
SUGGESTED = 3

log = logging.getLogger("explorer.forum")
routes = Blueprint("forum", __name__)


class Forum:
    """The forum of one explorer: answers write evidence into `graph`; attachments are
    kept in `instance` (the instance folder)."""

    def __init__(self, graph: Graph, instance: Path) -> None:
        self.graph = graph
        self.instance = instance

    def install(self, server: Flask) -> None:
        """Add the forum's routes to `server` (which has accounts and profiles)."""
        server.extensions[context.EXTENSION] = self
        # before every other check (the CSRF check reads the form): an answer's upload
        # may be larger than the explorer's bodies
        server.before_request_funcs.setdefault(None, []).insert(0, posts.allow_uploads)
        server.before_request(_withdraw_before_account_deletion)
        with server.app_context():  # the accounts installed on it
            installed().held_about.append(records.held_about)  # in the person's own download
        server.register_blueprint(routes)
        server.register_blueprint(posts.routes)
        server.register_blueprint(subscriptions.routes)
        csrf.signed(server, alerts.UNSUBSCRIBE)  # the mail client's one click (RFC 8058)


@routes.get(FORUM)
def listing() -> Response:
    lang = profiles.lang()
    graph = context.graph().public()
    choices = choices_in(graph)
    chosen = {k: request.args.get(k, "")[:200] for k in ("q", "onderwerp", "regio", "sector")}
    region = chosen["regio"] or None
    with installed().database.session() as db:
        found = records.find(
            db,
            topic=chosen["onderwerp"] or None,
            regions=regions.within(graph, region) if region else None,
            sector=chosen["sector"] if chosen["sector"] in schema.SECTORS else None,
            words=chosen["q"],
        )
    parts = [
        profiles.notice(TEXTS("intro", lang)),
        link_button(f"{ASK}?lang={lang}", TEXTS("ask", lang)),
        link_button(f"{subscriptions.PREFERENCES}?lang={lang}", TEXTS("alerts", lang)),
        Markup("<h3>{}</h3>").format(TEXTS("find", lang)),
        find_form(FORUM, choices.topics, choices.regions, chosen, lang),
        found_list([(f.question, f.answers) for f in found], lang),
    ]
    return page(TEXTS("title", lang), Markup("").join(parts), lang)


@routes.get(ASK)
def ask_page() -> Response:
    lang = profiles.lang()
    if current_account() is None:
        return context.sign_in_first(lang)
    return _ask_page(Draft(), lang)


@routes.post(ASK)
def ask() -> Response:
    """ "see": read the question into chips (the first time) and show who works on it;
    "post": keep it, tell the interested members, and go to its permalink."""
    lang, account = profiles.lang(), current_account()
    if account is None:
        return context.sign_in_first(lang)
    draft = _draft(request.form)
    problem = _problem(draft, lang)
    if request.form.get("step") != "post" or problem:
        shown = problem if request.form.get("step") == "post" else ""
        return _ask_page(draft, lang, shown, status=400 if shown else 200)
    accounts = installed()
    now = accounts.clock()
    with accounts.database.session() as db:
        allowed = PER_POSTER.allows(db, str(account.id), now)
        if allowed:
            question = records.new_question(
                db, account, draft.title, draft.body, draft.topics,
                draft.region or None, draft.sector or None, now,
            )  # fmt: skip
            at_once, reached = alerts.queue(db, context.graph(), question, account.id)
    if not allowed:
        return _ask_page(draft, lang, TEXTS("too_many", lang), status=429)
    alerts.send_at_once(
        accounts.settings, accounts.database, question, at_once, context.base(), request_day()
    )
    profiles.graph_changed()  # Verkennen's topic panels list it
    suffix = f"?lang=en&bereikt={reached}" if lang == "en" else f"?bereikt={reached}"
    return redirect(f"{context.PERMALINK.format(id=question.id)}{suffix}", code=303)


def _draft(form) -> Draft:
    """The question as the form sent it; the first time, tagged by the one-box parser."""
    title = " ".join(form.get("title", "").split())
    body = form.get("body", "").replace("\r\n", "\n")
    if form.get("tagged") != "ja":
        parsed = context.graph().public().parse(_readable(f"{title} {body}"))
        places = parsed.values("place")
        sectors = parsed.values("sector")
        return Draft(
            title, body, tuple(dict.fromkeys(parsed.values("topic")))[:MAX_TOPICS],
            places[0] if places else "", sectors[0] if sectors else "", tagged=True,
        )  # fmt: skip
    topics = tuple(dict.fromkeys(t[:120] for t in form.getlist("topics") if t))
    return Draft(
        title, body, topics, form.get("region", "")[:120], form.get("sector", "")[:20], True
    )


def _readable(text: str) -> str:
    """What the parser reads of a question: its first `MAX_QUESTION` characters, up to
    the last whole word (the title comes first, and says the most)."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_QUESTION else text[: MAX_QUESTION + 1].rsplit(" ", 1)[0]


def _problem(draft: Draft, lang: str) -> str:
    """What is wrong with `draft` ("" when it can be posted)."""
    if not 0 < len(draft.title) <= MAX_TITLE:
        return TEXTS("title_needed", lang, n=MAX_TITLE)
    if len(draft.body) > MAX_BODY:
        return TEXTS("body_too_long", lang, n=MAX_BODY)
    if not draft.topics:
        return TEXTS("topic_needed", lang)
    graph = context.graph().public()
    wanted = {*draft.topics, *([draft.region] if draft.region else [])}
    kinds = {n.id: n.kind for n in graph.nodes(wanted)}
    if (
        len(draft.topics) > MAX_TOPICS
        or any(kinds.get(t) != "Topic" for t in draft.topics)
        or (draft.region and kinds.get(draft.region) != "Region")
        or (draft.sector and draft.sector not in schema.SECTORS)
    ):
        return TEXTS("unknown_choice", lang)
    return ""


def _ask_page(draft: Draft, lang: str, problem: str = "", status: int = 200) -> Response:
    graph = context.graph().public()
    choices = choices_in(graph)
    offered = dict(choices.regions)
    if draft.region and draft.region not in offered:  # the parser read a COROP region, say
        found = graph.nodes([draft.region])
        offered = {draft.region: found[0].name, **offered} if found else offered
    parts = [
        profiles.notice(TEXTS("intro", lang)),
        ask_form(ASK, draft, choices.topics, offered, lang, problem),
    ]
    if draft.tagged:
        parts.append(people_panel(_suggested(draft, lang), lang))
    return page(TEXTS("ask", lang), Markup("").join(parts), lang, status)


def _suggested(draft: Draft, lang: str):
    """find_people for the draft's tags (None without topics)."""
    if not draft.topics:
        return None
    try:
        return context.graph().public().find_people(
            list(draft.topics), region=draft.region or None, sector=draft.sector or None,
            limit=SUGGESTED, lang=lang, today=request_day(),
        )  # fmt: skip
    except GraphModelError:  # a tag the graph does not know: the form says so on posting
        return None


ACCOUNT_DELETION = re.compile(re.escape(DELETE) + "$")


def _withdraw_before_account_deletion() -> None:
    """An account being deleted (`explorer.profiles.web`, after its CSRF check): the
    evidence its answers wrote leaves the graph first (its posts stay, by "verwijderd
    account")."""
    if request.method != "POST" or not ACCOUNT_DELETION.match(request.path):
        return
    account = current_account()
    if account is not None:
        evidence.withdraw_all_of(account.id)
