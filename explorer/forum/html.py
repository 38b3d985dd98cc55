"""The forum's HTML: plain forms from the server, usable by keyboard and without
scripts, every field labelled; what members wrote goes through `markup.render`."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import pandas as pd
from markupsafe import Markup

from explorer import state
from explorer.accounts.pages import hidden_fields
from explorer.forum.markup import render
from explorer.forum.models import Answer, Attachment, Question
from explorer.forum.texts import TEXTS
from graphmodel import schema

__all__ = [
    "Draft",
    "answer_block",
    "answer_form",
    "ask_form",
    "find_form",
    "found_list",
    "hide_form",
    "people_panel",
    "question_block",
    "report_form",
    "select",
    "small_button",
]

SHOWN_PER_FAMILY = 3


@dataclass(frozen=True)
class Draft:
    """A question being written: its words and the tags it has so far."""

    title: str = ""
    body: str = ""
    topics: tuple[str, ...] = ()
    region: str = ""
    sector: str = ""
    tagged: bool = False  # the chips were shown (and may have been edited)


def ask_form(
    action: str,
    draft: Draft,
    topics: Mapping[str, str],
    regions: Mapping[str, str],
    lang: str,
    problem: str = "",
) -> Markup:
    """The question form: its words and, once read, its topics, region and sector as
    chips to untick or add to; "see" shows who works on it, "post" posts it."""
    chips = _chips(draft, topics, regions, lang) if draft.tagged else Markup("")
    shown = (
        Markup('<p class="notice notice-error" role="alert">{}</p>').format(problem)
        if problem
        else ""
    )
    post = (
        Markup(
            '<button class="button" id="forum-post" type="submit" name="step" value="post">'
            "{}</button>"
        ).format(TEXTS("post", lang))
        if draft.tagged
        else ""
    )
    return Markup(
        '<form method="post" action="{action}" class="forum-form">{hidden}{shown}'
        '<p><label for="forum-title">{title_label}</label><br>'
        '<input id="forum-title" name="title" type="text" maxlength="200" required '
        'value="{title}"></p>'
        '<p><label for="forum-body">{body_label}</label><br>'
        '<textarea id="forum-body" name="body" rows="6" maxlength="10000">{body}</textarea></p>'
        "{chips}<p>"
        '<button class="button" id="forum-see" type="submit" name="step" value="see">{see}'
        "</button> {post}</p></form>"
    ).format(
        action=action,
        hidden=hidden_fields(lang, tagged="ja" if draft.tagged else ""),
        shown=shown,
        title_label=TEXTS("question_title", lang),
        title=draft.title,
        body_label=TEXTS("question_body", lang),
        body=draft.body,
        chips=chips,
        see=TEXTS("preview", lang),
        post=post,
    )


def _chips(draft: Draft, topics: Mapping[str, str], regions: Mapping[str, str], lang: str):
    boxes = Markup("").join(
        Markup(
            '<label class="chip"><input type="checkbox" name="topics" value="{id}" checked> '
            "{name}</label> "
        ).format(id=t, name=topics.get(t, t))
        for t in draft.topics
    )
    others = {i: n for i, n in topics.items() if i not in draft.topics}
    return Markup(
        '<fieldset class="forum-chips"><legend>{legend}</legend><p class="help">{help}</p>'
        "<p>{topics_label}: {boxes}</p>"
        '<p><label for="forum-add-topic">{add}</label> {add_select}</p>'
        '<p><label for="forum-region">{region}</label> {regions}</p>'
        '<p><label for="forum-sector">{sector}</label> {sectors}</p></fieldset>'
    ).format(
        legend=TEXTS("chips", lang),
        help=TEXTS("chips_help", lang),
        topics_label=TEXTS("topics", lang),
        boxes=boxes,
        add=TEXTS("add_topic", lang),
        add_select=select("forum-add-topic", "topics", others, "", TEXTS("none", lang)),
        region=TEXTS("region", lang),
        regions=select("forum-region", "region", regions, draft.region, TEXTS("none", lang)),
        sector=TEXTS("sector", lang),
        sectors=select(
            "forum-sector", "sector", {s: s for s in schema.SECTORS}, draft.sector,
            TEXTS("none", lang),
        ),
    )  # fmt: skip


def select(id_: str, name: str, options: Mapping[str, str], chosen: str, empty: str) -> Markup:
    """A drop-down of `options` (id -> name), `chosen` selected, `empty` first."""
    items = Markup("").join(
        Markup('<option value="{}"{}>{}</option>').format(
            i, Markup(" selected") if i == chosen else "", n
        )
        for i, n in options.items()
    )
    return Markup('<select id="{}" name="{}"><option value="">{}</option>{}</select>').format(
        id_, name, empty, items
    )


def people_panel(found: pd.DataFrame | None, lang: str) -> Markup:
    """Who works on the question already, per family (find_people's three)."""
    if found is None:
        return Markup('<p class="notice">{}</p>').format(TEXTS("no_topics_yet", lang))
    sections = []
    for family in ("people", "groups", "organisations"):
        rows = found[found["family"] == family].head(SHOWN_PER_FAMILY)
        items = Markup("").join(
            Markup("<li><strong>{}</strong>: {}</li>").format(row["name"], row["why"])
            for _, row in rows.iterrows()
        )
        statement = found.attrs.get("found", {}).get(family, "")
        sections.append(
            Markup('<section class="forum-family" id="forum-{f}"><h4>{t}</h4><ul>{i}</ul>'
                   '<p class="help">{s}</p></section>').format(
                f=family, t=TEXTS(f"family_{family}", lang), i=items, s=statement
            )
        )  # fmt: skip
    return Markup('<section class="forum-people" id="forum-people"><h3>{}</h3>{}</section>').format(
        TEXTS("who_works_on_it", lang), Markup("").join(sections)
    )


def _in_network(node_id: str, lang: str) -> str:
    """The explorer with `node_id` chosen and its neighbours shown: chosen alone, the
    graph would stay empty until one asked for them.

    >>> _in_network("network:velon", "en")
    '/?sel=network%3Avelon&exp=network%3Avelon&lang=en'
    """
    return "/" + state.encode({"sel": node_id, "exp": node_id}, lang)


def _byline(key: str, name: str | None, day: str, lang: str) -> Markup:
    shown = name if name else TEXTS("deleted_account", lang)
    return Markup('<p class="byline">{}</p>').format(TEXTS(key, lang, name=shown, day=day))


def _body_or_notice(body: str, hidden_reason: str | None, lang: str) -> Markup:
    if hidden_reason is not None:
        return Markup('<p class="notice">{}</p>').format(
            TEXTS("hidden", lang, reason=hidden_reason)
        )
    return Markup('<div class="forum-text">{}</div>').format(render(body))


def question_block(
    question: Question, author: str | None, names: Mapping[str, str], lang: str
) -> Markup:
    """A question as its permalink shows it: its tags, its text, who asked when."""
    tags = [names.get(t, t) for t in question.topics()]
    tags += [names.get(question.region_id, question.region_id)] if question.region_id else []
    tags += [question.sector] if question.sector else []
    chips = Markup(" ").join(Markup('<span class="chip">{}</span>').format(t) for t in tags)
    return Markup(
        '<article class="forum-question" id="question">{chips}{text}{by}</article>'
    ).format(
        chips=Markup('<p class="forum-tags">{}</p>').format(chips),
        text=_body_or_notice(question.body, question.hidden_reason, lang),
        by=_byline("asked_by", author, question.created_at.date().isoformat(), lang),
    )


def answer_block(
    answer: Answer,
    author: str | None,
    attachments: Collection[Attachment],
    actions: Markup,
    linkable: Mapping[str, str],
    lang: str,
) -> Markup:
    """One answer: its text, what in the graph it points to (by its name in `linkable`;
    nothing once the graph no longer holds it), its files, who wrote it, whether it
    helped, and `actions`."""
    hidden = answer.hidden_reason is not None
    files = Markup("").join(
        Markup(
            '<li><a href="/forum/bijlage/{id}" download>{name}</a> ({kind}, {kb} kB)</li>'
        ).format(id=a.id, name=a.filename, kind=a.kind.upper(), kb=max(1, a.size // 1024))
        for a in ([] if hidden else attachments)
    )
    helped = (
        Markup('<p class="forum-helped">✔ {}</p>').format(TEXTS("helped_mark", lang))
        if answer.helped and not hidden
        else ""
    )
    linked = answer.linked_id if answer.linked_id in linkable and not hidden else None
    see = (
        Markup('<p class="forum-linked">{}: <a href="{}">{}</a></p>').format(
            TEXTS("see_in_network", lang),
            _in_network(linked, lang),
            linkable[linked],
        )
        if linked
        else ""
    )
    return Markup(
        '<article class="forum-answer" id="answer-{id}">'
        "{helped}{text}{see}{files}{by}{actions}</article>"
    ).format(
        id=answer.id,
        helped=helped,
        see=see,
        text=_body_or_notice(answer.body, answer.hidden_reason, lang),
        files=Markup('<ul class="forum-files">{}</ul>').format(files) if files else "",
        by=_byline("answered_by", author, answer.created_at.date().isoformat(), lang),
        actions=actions,
    )


def answer_form(action: str, linkable: Mapping[str, str], lang: str) -> Markup:
    """The answer form: the text, something of the graph to point to (`linkable`: id ->
    name), one file to attach."""
    options = Markup("").join(
        Markup('<option value="{}">{}</option>').format(node_id, name)
        for node_id, name in linkable.items()
    )
    return Markup(
        '<form method="post" action="{action}" enctype="multipart/form-data" class="forum-form">'
        '{hidden}<p><label for="answer-body">{label}</label><br>'
        '<textarea id="answer-body" name="body" rows="6" maxlength="10000" required></textarea></p>'
        '<p><label for="answer-linked">{link}</label><br>'
        '<select id="answer-linked" name="linked"><option value="">—</option>{options}</select></p>'
        '<p><label for="answer-file">{attach}</label><br>'
        '<input id="answer-file" name="file" type="file" accept=".pdf,.docx,.pptx,.xlsx"></p>'
        '<p><button class="button" id="answer-send" type="submit">{send}</button></p></form>'
    ).format(
        action=action,
        hidden=hidden_fields(lang),
        label=TEXTS("your_answer", lang),
        link=TEXTS("link_to", lang),
        options=options,
        attach=TEXTS("attach", lang),
        send=TEXTS("send_answer", lang),
    )


def small_button(action: str, label: str, lang: str, css: str = "", **fields: object) -> Markup:
    """A one-button form POSTing `fields`."""
    return Markup(
        '<form method="post" action="{}" class="forum-inline {}">{}'
        '<button class="button" type="submit">{}</button></form>'
    ).format(action, css, hidden_fields(lang, **fields), label)


def report_form(action: str, question: int, answer: int | None, lang: str) -> Markup:
    """Report a post: a reason and a button, folded away until opened."""
    return _reason_form(action, "report", "report_reason", question, answer, lang)


def hide_form(action: str, question: int, answer: int | None, lang: str) -> Markup:
    """A curator hides a post, with the reason everyone sees."""
    return _reason_form(action, "hide", "hide_reason", question, answer, lang)


def _reason_form(
    action: str, label: str, reason: str, question: int, answer: int | None, lang: str
) -> Markup:
    target = f"{label}-{question}-{answer or 'q'}"
    return Markup(
        '<details class="forum-reason"><summary>{label}</summary>'
        '<form method="post" action="{action}">{hidden}'
        '<label for="{target}">{reason}</label><br>'
        '<textarea id="{target}" name="reason" rows="2" maxlength="1000" required></textarea><br>'
        '<button class="button" type="submit" id="{target}-send">{label}</button></form></details>'
    ).format(
        label=TEXTS(label, lang),
        action=action,
        hidden=hidden_fields(lang, question=question, answer=answer or ""),
        target=target,
        reason=TEXTS(reason, lang),
    )


def find_form(
    action: str,
    topics: Mapping[str, str],
    regions: Mapping[str, str],
    chosen: Mapping[str, str],
    lang: str,
) -> Markup:
    """Search the questions: words, topic, region, sector (a GET form: a link keeps it)."""
    any_ = TEXTS("any", lang)
    return Markup(
        '<form method="get" action="{action}" class="forum-find" role="search">'
        '<input type="hidden" name="lang" value="{lang}">'
        '<label for="find-words">{words}</label> '
        '<input id="find-words" name="q" type="text" maxlength="200" value="{q}"> '
        '<label for="find-topic">{topic}</label> {topics} '
        '<label for="find-region">{region}</label> {regions} '
        '<label for="find-sector">{sector}</label> {sectors} '
        '<button class="button" id="find-send" type="submit">{search}</button></form>'
    ).format(
        action=action,
        lang=lang,
        words=TEXTS("words", lang),
        q=chosen.get("q", ""),
        topic=TEXTS("topic", lang),
        topics=select("find-topic", "onderwerp", topics, chosen.get("onderwerp", ""), any_),
        region=TEXTS("region", lang),
        regions=select("find-region", "regio", regions, chosen.get("regio", ""), any_),
        sector=TEXTS("sector", lang),
        sectors=select(
            "find-sector", "sector", {s: s for s in schema.SECTORS}, chosen.get("sector", ""), any_
        ),
        search=TEXTS("search", lang),
    )


def found_list(found: Collection[tuple[Question, int]], lang: str) -> Markup:
    """Questions found, as links to their permalinks."""
    if not found:
        return Markup('<p class="notice">{}</p>').format(TEXTS("nothing_found", lang))
    suffix = "?lang=en" if lang == "en" else ""
    items = Markup("").join(
        Markup('<li><a href="/forum/vraag/{id}{s}">{title}</a> · {count}</li>').format(
            id=q.id, s=suffix, title=q.title, count=TEXTS("answer_count", lang, n=n)
        )
        for q, n in found
    )
    return Markup('<ul class="forum-found" id="forum-found">{}</ul>').format(items)
