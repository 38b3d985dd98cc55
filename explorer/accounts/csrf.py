"""CSRF protection: every request that changes state carries the session's token.

A visitor's session holds a random token from the first page it is shown. Forms send
it back in a hidden field; Dash's renderer sends it on every callback as the
``X-CSRFToken`` header, read from the ``_csrf_token`` cookie (that is how dash-renderer
works; another site can neither read the cookie nor set the header). A POST whose token
is missing or wrong is refused with 403 before anything runs. A callback request that
comes without a session acts for nobody, so it is let through: reading stays open to
scripts too, and the state-changing callbacks of later issues need a signed-in session.

A path registered with `signed` proves itself: its own address carries a signed token
(a mail's one-click unsubscribe, which the mail client POSTs without any session, as
RFC 8058 asks). Forging the request needs that token, not a visitor's cookies, so a
CSRF token would add nothing there.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable

from flask import Flask, Response, request, session

__all__ = ["COOKIE", "FIELD", "HEADER", "protect", "signed", "token"]

SESSION_KEY = "csrf"
COOKIE = "_csrf_token"  # dash-renderer's names
HEADER = "X-CSRFToken"
FIELD = "csrf_token"
UPDATE = "/_dash-update-component"
CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SIGNED_PATHS = "verbindplaats-csrf-signed-paths"  # app config: the paths of `signed`


def token() -> str:
    """This session's token (made on first use)."""
    if SESSION_KEY not in session:
        session[SESSION_KEY] = secrets.token_urlsafe(32)
    return session[SESSION_KEY]


def protect(server: Flask, refusal: Callable[[], Response]) -> None:
    """Refuse (with `refusal`) the state-changing requests to `server` that lack the
    token, and hand the token to Dash's renderer in its cookie."""

    def check() -> Response | None:
        if request.method not in CHANGING or request.path in server.config[SIGNED_PATHS]:
            return None
        if request.path == UPDATE:
            if SESSION_KEY not in session:
                return None
            sent = request.headers.get(HEADER, "")
        else:
            sent = request.form.get(FIELD) or request.headers.get(HEADER, "")
        expected = session.get(SESSION_KEY, "")
        if expected and hmac.compare_digest(sent.encode(), expected.encode()):
            return None
        return refusal()

    def hand_over(response: Response) -> Response:
        if response.mimetype == "text/html":
            token()  # every page shown can be the start of a form
        current = session.get(SESSION_KEY)
        if current and request.cookies.get(COOKIE) != current:
            response.set_cookie(
                COOKIE,
                current,
                secure=server.config["SESSION_COOKIE_SECURE"],
                httponly=False,  # the renderer reads it; the session holds the truth
                samesite="Strict",
            )
        return response

    server.config.setdefault(SIGNED_PATHS, set())
    # first: Dash's own first-request set-up draws the layout, whose sign-out form makes
    # a token; checked after it, a script's first callback was refused for lacking one
    server.before_request_funcs.setdefault(None, []).insert(0, check)
    server.after_request(hand_over)


def signed(server: Flask, path: str) -> None:
    """Let POSTs to `path` through without a CSRF token: its handler must refuse any
    request whose signed token (in its own address) does not hold."""
    server.config.setdefault(SIGNED_PATHS, set()).add(path)
