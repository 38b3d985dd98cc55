"""A question's page and what is done on it: answering (with a file), marking what
helped, reporting, and a curator hiding a post with a reason.

An answer by a member whose approved profile is in the graph is evidence that they
work on the question's topics: it is written as graph facts (`graphmodel.forum`) in the
same transaction as the answer, all or nothing. Hiding the answer (or the question),
or deleting the account, withdraws it.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime

from flask import Blueprint, Response, abort, redirect, request, send_file
from markupsafe import Markup

from explorer.accounts import audit
from explorer.accounts.models import Account
from explorer.accounts.pages import page
from explorer.accounts.timing import stored
from explorer.accounts.web import current_account, installed
from explorer.forum import attachments, context, evidence, records
from explorer.forum.html import (
    answer_block,
    answer_form,
    hide_form,
    question_block,
    report_form,
    small_button,
)
from explorer.forum.limits import MAX_BODY, MAX_REASON, PER_POSTER, PER_REPORTER
from explorer.forum.models import Answer, Attachment, Question, Report
from explorer.forum.texts import TEXTS
from explorer.profiles import context as profiles
from explorer.profiles.choices import choices_in
from graphmodel.errors import GraphModelError

__all__ = ["allow_uploads", "routes"]

ANSWER = "/forum/vraag/<int:question_id>/antwoord"
HELPED = "/forum/antwoord/<int:answer_id>/hielp"
REPORT = "/forum/melden"
HIDE = "/forum/verbergen"
REPORTS = "/forum/gemeld"
FILE = "/forum/bijlage/<int:attachment_id>"
UPLOAD = re.compile(r"/forum/vraag/[0-9]{1,9}/antwoord")

log = logging.getLogger("explorer.forum")
routes = Blueprint("forum_posts", __name__)


def allow_uploads() -> None:
    """An answer may carry a file of `attachments.MAX_SIZE`: its request may be that
    large (and its text); every other request keeps the explorer's limit."""
    if request.method == "POST" and UPLOAD.fullmatch(request.path):
        request.max_content_length = attachments.MAX_SIZE + 200_000


@routes.get("/forum/vraag/<int:question_id>")
def question_page(question_id: int) -> Response:
    lang = profiles.lang()
    said = ""
    if (reached := request.args.get("bereikt", "")).isdigit():
        said = TEXTS("posted", lang) + " " + TEXTS("notified", lang, n=int(reached))
    return _question_page(question_id, lang, said)


@routes.post(ANSWER)
def answer(question_id: int) -> Response:
    """Keep an answer (and its file, checked by content), and its evidence in the graph."""
    lang, account = profiles.lang(), current_account()
    if account is None:
        return context.sign_in_first(lang)
    body = request.form.get("body", "").replace("\r\n", "\n").strip()
    if not 0 < len(body) <= MAX_BODY:
        return _question_page(question_id, lang, TEXTS("answer_needed", lang, n=MAX_BODY), 400)
    linked = request.form.get("linked", "") or None
    if linked is not None and linked not in choices_in(context.graph().public()).linkable:
        return _question_page(question_id, lang, TEXTS("unknown_link", lang), 400)
    upload = request.files.get("file")
    try:
        checked = (
            attachments.check(upload.filename or "", upload.read(attachments.MAX_SIZE + 1))
            if upload is not None and upload.filename
            else None
        )
    except attachments.AttachmentRefused as refused:
        return _question_page(question_id, lang, TEXTS(refused.reason, lang), 400)
    accounts = installed()
    now = accounts.clock()
    try:
        with accounts.database.session() as db:
            question = db.get(Question, question_id)
            if question is None or question.hidden_reason is not None:
                return _question_page(question_id, lang, TEXTS("no_such_question", lang), 404)
            allowed = PER_POSTER.allows(db, str(account.id), now)
            if allowed:
                posted = _keep_answer(db, question, account, body, checked, now, linked)
    except GraphModelError as exc:  # the answer is rolled back with it
        log.error("writing an answer's evidence failed: %s", exc)
        return _question_page(question_id, lang, str(exc), 409)
    if not allowed:
        return _question_page(question_id, lang, TEXTS("too_many", lang), 429)
    return _back_to(question_id, lang, f"answer-{posted.id}")


def _keep_answer(
    db,
    question: Question,
    account: Account,
    body: str,
    checked: attachments.Checked | None,
    now: datetime,
    linked: str | None,
) -> Answer:
    """The answer, its file (its bytes in the instance folder) and its evidence in the
    graph, in the transaction of `db`."""
    posted = records.new_answer(db, question, account, body, now, linked)
    if checked is not None:
        stored_as = attachments.keep(context.instance(), checked)
        db.add(
            Attachment(
                answer_id=posted.id, filename=checked.filename, kind=checked.kind,
                size=len(checked.content), stored_as=stored_as,
            )
        )  # fmt: skip
    evidence.record(db, account, question)
    return posted


@routes.post(HELPED)
def helped(answer_id: int) -> Response:
    """The asker marks an answer as helpful (or takes it back)."""
    lang, account = profiles.lang(), current_account()
    if account is None:
        return context.sign_in_first(lang)
    with installed().database.session() as db:
        found = db.get(Answer, answer_id)
        question = db.get(Question, found.question_id) if found else None
        if found is None or question is None:
            return context.said(TEXTS("title", lang), TEXTS("no_such_post", lang), lang, 404)
        if question.author_id != account.id:
            return _question_page(question.id, lang, TEXTS("not_yours", lang), 403)
        found.helped = request.form.get("helped") == "ja"
    return _back_to(question.id, lang, f"answer-{answer_id}")


@routes.post(REPORT)
def report() -> Response:
    """A member reports a post to the curators, with a reason."""
    lang, account = profiles.lang(), current_account()
    if account is None:
        return context.sign_in_first(lang)
    accounts = installed()
    now = accounts.clock()
    with accounts.database.session() as db:
        question, answer_, reason = _post_and_reason(db, lang)
        if not PER_REPORTER.allows(db, str(account.id), now):
            return _question_page(question.id, lang, TEXTS("too_many", lang), 429)
        db.add(
            Report(
                question_id=question.id, answer_id=answer_.id if answer_ else None,
                reporter_id=account.id, reason=reason, created_at=stored(now),
            )
        )  # fmt: skip
        audit.record(db, now, "forum_reported", account=account, detail=f"question {question.id}")
    return _question_page(question.id, lang, TEXTS("reported", lang))


@routes.post(HIDE)
def hide() -> Response:
    """A curator hides a post with the reason everyone sees; its evidence leaves the
    graph (a question's: every answer's)."""
    lang, curator = profiles.lang(), current_account()
    if not profiles.is_curator(curator):
        return context.said(TEXTS("title", lang), TEXTS("curators_only", lang), lang, 403)
    accounts = installed()
    now = accounts.clock()
    with accounts.database.session() as db:
        question, answer_, reason = _post_and_reason(db, lang)
        (answer_ or question).hidden_reason = reason
        for open_report in records.open_reports(db):
            about = open_report.question_id == question.id
            if about and (answer_ is None or open_report.answer_id == answer_.id):
                open_report.handled_at = stored(now)  # a hidden question takes its answers
        evidence.withdraw_hidden(db, question, answer_)
        what = f"answer {answer_.id}" if answer_ else f"question {question.id}"
        audit.record(db, now, "forum_hidden", account=curator, detail=what)
    profiles.graph_changed()
    return _question_page(question.id, lang, TEXTS("hidden_done", lang))


@routes.get(REPORTS)
def reported() -> Response:
    """The posts reported and not yet handled, for curators."""
    lang, curator = profiles.lang(), current_account()
    if not profiles.is_curator(curator):
        return context.said(TEXTS("reports", lang), TEXTS("curators_only", lang), lang, 403)
    with installed().database.session() as db:
        waiting = records.open_reports(db)
    if not waiting:
        return context.said(TEXTS("reports", lang), TEXTS("no_reports", lang), lang)
    items = Markup("").join(
        Markup('<li><a href="{link}#{anchor}">{link}</a>: {reason}</li>').format(
            link=context.PERMALINK.format(id=r.question_id),
            anchor=f"answer-{r.answer_id}" if r.answer_id else "question",
            reason=r.reason,
        )
        for r in waiting
    )
    return page(TEXTS("reports", lang), Markup("<ul>{}</ul>").format(items), lang)


@routes.get(FILE)
def download(attachment_id: int) -> Response:
    """An attachment, as a download with its type's own content type (never shown
    in the page, never sniffed)."""
    with installed().database.session() as db:
        found = db.get(Attachment, attachment_id)
        owner = db.get(Answer, found.answer_id) if found else None
        question = db.get(Question, owner.question_id) if owner else None
    if found is None or owner.hidden_reason is not None or question.hidden_reason is not None:
        abort(404)
    path = attachments.folder(context.instance()) / found.stored_as
    if not path.is_file():
        abort(404)
    sent = send_file(
        path,
        mimetype=attachments.CONTENT_TYPES[found.kind],
        as_attachment=True,
        download_name=found.filename,
        max_age=0,
    )
    sent.headers["X-Content-Type-Options"] = "nosniff"
    return sent


def _post_and_reason(db, lang: str) -> tuple[Question, Answer | None, str]:
    """The post a report or a hiding names, and the reason given (on one line, at most
    `MAX_REASON`); else the page that says what is wrong is the answer (`abort`)."""
    target = _target(db)
    if target is None:
        abort(context.said(TEXTS("title", lang), TEXTS("no_such_post", lang), lang, 404))
    reason = " ".join(request.form.get("reason", "").split())
    if not 0 < len(reason) <= MAX_REASON:
        abort(_question_page(target[0].id, lang, TEXTS("reason_needed", lang), 400))
    return *target, reason


def _target(db) -> tuple[Question, Answer | None] | None:
    """The post a report or a hiding names: a question, or one of its answers."""
    question_text = request.form.get("question", "")
    answer_text = request.form.get("answer", "")
    if not question_text.isdigit() or len(question_text) > 9 or len(answer_text) > 9:
        return None
    question = db.get(Question, int(question_text))
    if question is None:
        return None
    if not answer_text:
        return question, None
    found = db.get(Answer, int(answer_text)) if answer_text.isdigit() else None
    if found is None or found.question_id != question.id:
        return None
    return question, found


def _back_to(question_id: int, lang: str, anchor: str) -> Response:
    suffix = "?lang=en" if lang == "en" else ""
    return redirect(f"{context.PERMALINK.format(id=question_id)}{suffix}#{anchor}", code=303)


def _question_page(question_id: int, lang: str, said: str = "", status: int = 200) -> Response:
    account = current_account()
    with installed().database.session() as db:
        found = records.thread(db, question_id)
        if found is None:
            return context.said(TEXTS("title", lang), TEXTS("no_such_question", lang), lang, 404)
        names = records.author_names(
            db, [found.question.author_id, *(a.author_id for a in found.answers)]
        )
    question = found.question
    choices = choices_in(context.graph().public())
    tag_names = {**choices.topics, **choices.regions}
    curator = profiles.is_curator(account)
    asker = account is not None and account.id == question.author_id
    parts = [profiles.notice(said, error=status >= 400)] if said else []
    parts.append(question_block(question, _shown(names, question.author_id, lang), tag_names, lang))
    if account is not None:
        parts.append(_post_actions(question.id, None, curator, lang))
    parts.append(Markup("<h3>{}</h3>").format(TEXTS("answers", lang)))
    if not found.answers:
        parts.append(profiles.notice(TEXTS("no_answers", lang)))
    for item in found.answers:
        actions = Markup("")
        if asker and item.hidden_reason is None:
            label = TEXTS("not_helped" if item.helped else "helped", lang)
            actions += small_button(
                HELPED.replace("<int:answer_id>", str(item.id)), label, lang,
                css="forum-helped-button", helped="" if item.helped else "ja",
            )  # fmt: skip
        if account is not None:
            actions += _post_actions(question.id, item.id, curator, lang)
        author = _shown(names, item.author_id, lang)
        files = found.attachments.get(item.id, [])
        parts.append(answer_block(item, author, files, actions, choices.linkable, lang))
    if account is not None and question.hidden_reason is None:
        action = ANSWER.replace("<int:question_id>", str(question.id))
        parts.append(answer_form(action, choices.linkable, lang))
    elif account is None:
        parts.append(profiles.notice(TEXTS("sign_in_first", lang)))
    title = question.title if question.hidden_reason is None else TEXTS("hidden_title", lang)
    return page(title, Markup("").join(parts), lang, status)


def _post_actions(question: int, answer_: int | None, curator: bool, lang: str) -> Markup:
    actions = report_form(REPORT, question, answer_, lang)
    if curator:
        actions += hide_form(HIDE, question, answer_, lang)
    return actions


def _shown(names: dict[int, str], author: int | None, lang: str) -> str | None:
    """An author as shown: their name, "een lid" without one, None when deleted."""
    if author is None:
        return None
    return names.get(author) or ("a member" if lang == "en" else "een lid")
