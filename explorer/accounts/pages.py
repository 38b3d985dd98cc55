"""The sign-in pages: plain HTML from the server, so that they work without scripts."""

from __future__ import annotations

from flask import Response
from markupsafe import Markup, escape

from explorer.accounts import csrf
from explorer.accounts.texts import TEXTS

__all__ = ["address_form", "button_form", "hidden_fields", "link_button", "page", "paragraph"]


def page(title: str, body: Markup, lang: str, status: int = 200) -> Response:
    """A whole page titled `title` around `body`, in `lang`."""
    back = escape(TEXTS("back", lang))
    html = Markup(
        '<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>{title} · Verbindplaats</title>"
        '<link rel="icon" href="/_favicon.ico">'  # the explorer's, as on its own pages
        '<link rel="stylesheet" href="/assets/style.css"></head>'
        '<body><div class="page accounts-page"><header class="header"><h1>Verbindplaats</h1>'
        "</header><main><h2>{title}</h2>{body}"
        '<p><a href="/{query}">{back}</a></p></main></div></body></html>'
    ).format(lang=lang, title=title, body=body, back=back, query=_query(lang))
    return Response(str(html), status=status, mimetype="text/html")


def paragraph(text: str, css: str = "notice") -> Markup:
    return Markup('<p class="{css}" role="status">{text}</p>').format(css=css, text=text)


def hidden_fields(lang: str, **fields: object) -> Markup:
    """The CSRF token, the language and `fields`, as a form's hidden inputs: every form
    that changes something carries them.

    Examples
    --------
    >>> import re
    >>> from flask import Flask
    >>> app = Flask(__name__, root_path=".")
    >>> app.secret_key = "example"
    >>> with app.test_request_context():
    ...     inputs = re.findall(r'name="(.+?)" value="(.*?)"', hidden_fields("en", profile=7))
    ...     inputs[0] == (csrf.FIELD, csrf.token()), inputs[1:]
    (True, [('lang', 'en'), ('profile', '7')])
    """
    return Markup("").join(
        Markup('<input type="hidden" name="{}" value="{}">').format(name, value)
        for name, value in {csrf.FIELD: csrf.token(), "lang": lang, **fields}.items()
    )


def button_form(action: str, label: str, lang: str, **fields: str) -> Markup:
    """A form that POSTs `fields` (and the CSRF token) to `action` with one button."""
    hidden = hidden_fields(lang, **fields)
    return Markup(
        '<form method="post" action="{action}">{hidden}'
        '<button class="button" type="submit">{label}</button></form>'
    ).format(action=action, hidden=hidden, label=label)


def link_button(href: str, label: str) -> Markup:
    """A link that looks like a button."""
    return Markup('<p><a class="button" href="{href}">{label}</a></p>').format(
        href=href, label=label
    )


def address_form(action: str, lang: str) -> Markup:
    """The form that asks for an address to send a link to."""
    return Markup(
        '<form method="post" action="{action}" class="sign-in-form">{hidden}'
        '<label for="email">{label}</label> '
        '<input id="email" name="email" type="email" autocomplete="email" required '
        'maxlength="254"> <button class="button" id="send-link" type="submit">{send}</button>'
        "</form>"
    ).format(
        action=action,
        hidden=hidden_fields(lang),
        label=TEXTS("address", lang),
        send=TEXTS("send_link", lang),
    )


def _query(lang: str) -> str:
    return "?lang=en" if lang == "en" else ""
