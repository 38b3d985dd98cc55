"""Objections, "bezwaar / verwijder mij": anyone named from public sources asks to be
removed, or reduced to what the public source states; a curator decides.

- ``/bezwaar``: the form (no account needed: the people it is for mostly have none).
  Rate-limited per client; kept in the operational database, with one audit row that
  says an objection came, never what it says.
- ``/curator/bezwaar``: the curator honours it (`graphmodel.profiles.forget` or
  `reduce_to_public`, all or nothing, history included) or turns it down with a reason;
  the objector hears by e-mail, and then their name, address and message are blanked.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from flask import Blueprint, Response, request
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from explorer.accounts import audit, mail
from explorer.accounts.limits import Limit
from explorer.accounts.models import Objection, ProfileStatus
from explorer.accounts.pages import hidden_fields, link_button, page, paragraph
from explorer.accounts.registry import InvalidAddress, normal_address
from explorer.accounts.timing import stored
from explorer.accounts.web import current_account, installed
from explorer.profiles import context
from explorer.profiles.choices import public_people
from explorer.profiles.form import FieldReader
from explorer.profiles.texts import TEXTS
from graphmodel.errors import GraphModelError
from graphmodel.graph import Graph
from graphmodel.profiles import forget, reduce_to_public

__all__ = ["OBJECT", "PER_CLIENT", "REVIEW", "entries", "routes"]

OBJECT = "/bezwaar"
REVIEW = "/curator/bezwaar"
CURATOR = "/curator"
WISHES = ("remove", "reduce")
# an objection is rare; a burst from one client is someone trying the form on others
PER_CLIENT = Limit("objection", 5, timedelta(hours=1))

log = logging.getLogger("explorer.profiles")
routes = Blueprint("objections", __name__)


@routes.get(OBJECT)
def objection_form() -> Response:
    lang = context.lang()
    return page(TEXTS("object_title", lang), _form(context.graph(), lang), lang)


@routes.post(OBJECT)
def receive() -> Response:
    """Keep a checked objection for a curator; nothing is kept when a field is wrong."""
    lang, accounts, graph = context.lang(), installed(), context.graph()
    title = TEXTS("object_title", lang)
    read = FieldReader(request.form, {}, lang)
    person = read.one("person", public_people(graph))
    name = read.text("name", required=True)
    email = _address(read)
    wish = read.one("wish", dict.fromkeys(WISHES, ""))
    message = read.text("message", lines=True)
    if person is None and "person" not in read.problems:
        read.problems["person"] = TEXTS("required", lang)
    if wish is None and "wish" not in read.problems:
        read.problems["wish"] = TEXTS("required", lang)
    if read.problems:
        body = _error(TEXTS("form_refused", lang)) + _form(graph, lang, read.problems)
        return page(title, body, lang, status=400)
    now = accounts.clock()
    client = (request.remote_addr or "unknown")[:64]
    with accounts.database.session() as db:
        if not PER_CLIENT.allows(db, client, now):
            allowed = False
        else:
            allowed = True
            db.add(
                Objection(
                    person_id=person,
                    name=name,
                    email=email,
                    wish=wish,
                    message=message,
                    created_at=stored(now),
                )
            )
            audit.record(db, now, "objection_received", client=client, detail=f"{person}")
    if not allowed:
        return page(title, _error(TEXTS("object_too_many", lang)), lang, status=429)
    return page(title, paragraph(TEXTS("object_received", lang)), lang)


@routes.post(REVIEW)
def decide() -> Response:
    """Honour an objection (the person leaves the graph, or keeps only what public
    sources state) or turn it down with a reason; the objector is told by e-mail."""
    lang, curator, accounts = context.lang(), current_account(), installed()
    if not context.is_curator(curator):
        return _decided(lang, TEXTS("curators_only", lang), 403)
    honoured = request.form.get("decision") == "honour"
    reason = " ".join(request.form.get("reason", "").split())
    if not honoured and not 0 < len(reason) <= 1000:
        return _decided(lang, TEXTS("reason_needed", lang), 400)
    try:
        with accounts.database.session() as db:
            objection = _pending(db, request.form.get("objection", ""))
            if objection is None:
                return _decided(lang, TEXTS("no_such_objection", lang), 404)
            to, wish, person = objection.email, objection.wish, objection.person_id
            _close(db, objection, curator.id, honoured, reason, accounts.clock())
            if honoured:
                remove = forget if wish == "remove" else reduce_to_public
                remove(context.graph().store, person)
                context.graph_changed()
    except GraphModelError as exc:  # the decision is rolled back with it
        return _decided(lang, TEXTS("write_failed", lang, error=exc), 409)
    _tell(to, honoured, wish, reason, lang)
    return _decided(lang, TEXTS("objection_decided", lang))


def entries(graph: Graph, db: Session, lang: str) -> list[Markup]:
    """The pending objections, each with its form, for the curator's page."""
    names = public_people(graph)
    waiting = db.scalars(
        select(Objection)
        .where(Objection.status == ProfileStatus.PENDING.value)
        .order_by(Objection.created_at, Objection.id)
    )
    return [_entry(objection, names, lang) for objection in waiting]


def _entry(objection: Objection, names: dict[str, str], lang: str) -> Markup:
    wish = TEXTS(f"wish_{objection.wish}", lang)
    return Markup(
        '<section class="review" id="objection-{id}"><h3>{title}: {person}</h3>'
        "<p>{wish}</p><p>{by}: {name} ({email})</p><blockquote>{message}</blockquote>"
        '<form method="post" action="{action}">{hidden}'
        '<label for="objection-reason-{id}">{reason}</label><br>'
        '<textarea id="objection-reason-{id}" name="reason" maxlength="1000" rows="2">'
        "</textarea><br>"
        '<button class="button" type="submit" name="decision" value="honour">{honour}</button> '
        '<button class="button" type="submit" name="decision" value="reject">{reject}</button>'
        "</form></section>"
    ).format(
        id=objection.id,
        title=TEXTS("objection", lang),
        person=names.get(objection.person_id, objection.person_id),
        wish=wish,
        by=TEXTS("objection_by", lang),
        name=objection.name,
        email=objection.email,
        message=objection.message,
        action=REVIEW,
        hidden=hidden_fields(lang, objection=objection.id),
        reason=TEXTS("reason", lang),
        honour=TEXTS("honour", lang),
        reject=TEXTS("reject", lang),
    )


def _form(graph: Graph, lang: str, problems: dict[str, str] | None = None) -> Markup:
    problems = problems or {}

    def problem(field: str) -> Markup:
        text = problems.get(field)
        return (
            Markup('<br><span class="notice notice-error">{}</span>').format(text)
            if text
            else Markup("")
        )

    people = Markup("").join(
        Markup('<option value="{}">{}</option>').format(i, n)
        for i, n in public_people(graph).items()
    )
    wishes = Markup("").join(
        Markup(
            '<p><input type="radio" id="wish-{w}" name="wish" value="{w}"> '
            '<label for="wish-{w}">{text}</label></p>'
        ).format(w=w, text=TEXTS(f"wish_{w}", lang))
        for w in WISHES
    )
    return Markup(
        "<p>{intro}</p>"
        '<form method="post" action="{action}" class="objection-form">{hidden}'
        '<p><label for="person">{person_label}</label><br><select id="person" name="person">'
        '<option value=""></option>{people}</select>{p_person}</p>'
        '<p><label for="name">{name_label}</label><br>'
        '<input id="name" name="name" maxlength="200" required>{p_name}</p>'
        '<p><label for="email">{email_label}</label><br>'
        '<input id="email" name="email" type="email" maxlength="254" required>{p_email}</p>'
        "<fieldset><legend>{wish_label}</legend>{wishes}{p_wish}</fieldset>"
        '<p><label for="message">{message_label}</label><br>'
        '<textarea id="message" name="message" maxlength="2000" rows="4"></textarea>{p_message}</p>'
        '<p><button class="button" id="object-submit" type="submit">{submit}</button></p></form>'
    ).format(
        intro=TEXTS("object_intro", lang),
        action=OBJECT,
        hidden=hidden_fields(lang),
        person_label=TEXTS("object_person", lang),
        people=people,
        name_label=TEXTS("object_name", lang),
        email_label=TEXTS("object_email", lang),
        wish_label=TEXTS("object_wish", lang),
        wishes=wishes,
        message_label=TEXTS("object_message", lang),
        submit=TEXTS("object_submit", lang),
        **{f"p_{f}": problem(f) for f in ("person", "name", "email", "wish", "message")},
    )


def _address(read: FieldReader) -> str:
    try:
        return normal_address(str(read.form.get("email", ""))[:300])
    except InvalidAddress:
        read.problems["email"] = TEXTS("not_an_address", read.lang)
        return ""


def _pending(db: Session, text: str) -> Objection | None:
    wanted = int(text) if text.isdigit() and len(text) < 10 else None
    objection = db.get(Objection, wanted) if wanted is not None else None
    if objection is None or objection.status != ProfileStatus.PENDING.value:
        return None
    return objection


def _close(
    db: Session, objection: Objection, curator: int, honoured: bool, reason: str, now
) -> None:
    """Record the decision, and blank who objected and what they wrote."""
    objection.status = "honoured" if honoured else ProfileStatus.REJECTED.value
    objection.reason = reason
    objection.decided_at = stored(now)
    objection.decided_by = curator
    objection.name = objection.email = objection.message = ""
    if honoured and objection.wish == "remove":
        objection.person_id = ""
    audit.record(db, now, f"objection_{objection.status}", detail=f"objection {objection.id}")


def _tell(to: str, honoured: bool, wish: str, reason: str, lang: str) -> None:
    said = TEXTS(
        f"objection_mail_{'honoured' if honoured else 'rejected'}",
        lang,
        wish=TEXTS(f"wish_{wish}", lang),
        reason=reason,
    )
    try:
        mail.send_text(installed().settings, to, TEXTS("objection_mail_subject", lang), said)
    except (OSError, smtplib.SMTPException):
        log.exception("telling an objector the decision failed")


def _decided(lang: str, text: str, status: int = 200) -> Response:
    """The answer to a curator's decision, with the way back to the queue."""
    body = context.notice(text, error=status != 200) + link_button(
        f"{CURATOR}?lang={lang}", TEXTS("queue", lang)
    )
    return page(TEXTS("queue", lang), body, lang, status=status)


def _error(text: str) -> Markup:
    return context.notice(text, error=True)
