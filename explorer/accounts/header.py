"""The account corner of the explorer's header: "Inloggen", or the name and "Uitloggen".

Drawn with the layout on every page load (the layout is made per request, so it knows
the session); its texts follow the language choice through a callback whose answer
depends on the language only, so that kept answers (explorer.serving) are never
another person's.
"""

from __future__ import annotations

from dash import Dash, Input, Output, dcc, html
from flask import has_request_context

from explorer.accounts import csrf
from explorer.accounts.texts import TEXTS
from explorer.accounts.web import SIGN_IN, SIGN_OUT, current_account

__all__ = ["ACCOUNT", "NAME", "SIGN_IN_LINK", "SIGN_OUT_BUTTON", "account_corner", "register"]

ACCOUNT = "account"
NAME = "account-name"
SIGN_IN_LINK = "sign-in-link"
SIGN_OUT_BUTTON = "sign-out-button"
SIGN_OUT_LANGUAGE = "sign-out-language"


def account_corner(profile_page: str) -> html.Div:
    """The corner for whoever asks for the page (nobody outside a request); the name of
    who is signed in links to their `profile_page`."""
    account = current_account() if has_request_context() else None
    signed_in = account is not None
    return html.Div(
        id=ACCOUNT,
        className="account",
        children=[
            html.A(TEXTS("sign_in", "nl"), id=SIGN_IN_LINK, href=SIGN_IN, hidden=signed_in),
            html.A(
                account.display_name() if signed_in else "",
                id=NAME,
                href=profile_page,
                title=TEXTS("own_profile", "nl"),
                hidden=not signed_in,
            ),
            html.Form(
                action=SIGN_OUT,
                method="POST",
                hidden=not signed_in,
                className="sign-out",
                children=[
                    dcc.Input(
                        type="hidden",
                        name=csrf.FIELD,
                        value=csrf.token() if has_request_context() else "",
                    ),
                    dcc.Input(type="hidden", name="lang", id=SIGN_OUT_LANGUAGE, value="nl"),
                    html.Button(
                        TEXTS("sign_out", "nl"),
                        id=SIGN_OUT_BUTTON,
                        type="submit",
                        className="button",
                    ),
                ],
            ),
        ],
    )


def register(app: Dash, language: str) -> None:
    """The corner's texts follow the component `language`."""

    @app.callback(
        Output(SIGN_IN_LINK, "children"),
        Output(SIGN_IN_LINK, "href"),
        Output(SIGN_OUT_BUTTON, "children"),
        Output(SIGN_OUT_LANGUAGE, "value"),
        Output(NAME, "title"),
        Input(language, "value"),
    )
    def in_language(lang: str) -> tuple[str, str, str, str, str]:
        href = SIGN_IN + ("?lang=en" if lang == "en" else "")
        return (
            TEXTS("sign_in", lang),
            href,
            TEXTS("sign_out", lang),
            lang,
            TEXTS("own_profile", lang),
        )
