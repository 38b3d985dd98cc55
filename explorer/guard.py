"""What the server refuses and the headers it sends: the explorer's defences on the web.

- Bodies over `MAX_BODY` bytes are refused with 413 before they are read (the largest
  callback request of the bundled data, measured, is 66 KB: the coverage table at
  gemeente level sent back to be sorted).
- Security headers on every response: a Content-Security-Policy that allows only our
  own scripts (the one inline script Dash writes into its page, by hash), no framing
  (frame-ancestors and X-Frame-Options), no MIME sniffing, no referrer to other sites.
- A page the explorer does not have (/foo) answers 404: the shell still comes, and says
  "Deze pagina bestaat niet.", but a link checker, a crawler and a browser's history see
  the status (Dash serves its page on every path).
- Malformed requests get 400 (a callback request that is not one, or whose values have
  the wrong type) or 404 (a path under /_dash-component-suites/ that is not a file Dash
  serves), with one line in the log instead of a traceback.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from collections.abc import Collection

from dash import Dash
from dash.exceptions import CallbackException, DependencyException
from flask import Response, request
from werkzeug.exceptions import HTTPException

__all__ = ["MAX_BODY", "guard", "only_these_pages"]

MAX_BODY = 1_000_000  # bytes
UPDATE = "/_dash-update-component"

# What a crafted callback request raises inside Dash or a callback: wrong keys, wrong
# types, outputs Dash does not know, JSON nested too deep to parse. A bug of ours raising
# one of these is answered 400 too, but its line in the log names it; other errors are
# logged with their traceback.
MALFORMED = (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError)
MALFORMED += (CallbackException,)

# Measured with Dash 4.4, dash-cytoscape 1.0 and plotly 7 in Chromium (browser test
# test_no_console_errors_under_the_security_headers): scripts need no eval and no inline
# code but Dash's own (hashed per page below). Styles need 'unsafe-inline': plotly and
# the dcc components write <style> elements at run time. Images from data: and blob: are
# the PNG exports of the graph and the map.
POLICY = (
    "default-src 'self'",
    "script-src 'self'{hashes}",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # a permalink holds what was searched for
    "Cross-Origin-Opener-Policy": "same-origin",
}
INLINE_SCRIPT = re.compile(
    rb"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S
)

log = logging.getLogger("explorer")


def guard(app: Dash) -> None:
    """Add the limits, headers and refusals to `app`'s server."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    server.after_request(_headers)
    server.register_error_handler(Exception, _refuse)


DASH_EVERY_PATH = "/<path:path>"  # the route by which Dash serves its page at any path


def only_these_pages(app: Dash, paths: Collection[str]) -> None:
    """Answer 404 for a page of `app` whose path is not one of `paths`: Dash answers
    every path it has no route for with its page (routes of their own, such as the
    sign-in pages, are left alone)."""
    known = frozenset(paths)

    def status(response: Response) -> Response:
        if (
            request.method == "GET"
            and request.url_rule is not None
            and request.url_rule.rule == DASH_EVERY_PATH
            and response.status_code == 200
            and request.path not in known
        ):
            response.status_code = 404
        return response

    app.server.after_request(status)


def _headers(response: Response) -> Response:
    hashes = ""
    if response.mimetype == "text/html" and not response.direct_passthrough:
        hashes = "".join(
            " " + _hash(script) for script in INLINE_SCRIPT.findall(response.get_data())
        )
    response.headers["Content-Security-Policy"] = "; ".join(POLICY).format(hashes=hashes)
    response.headers.update(HEADERS)
    return response


def _hash(script: bytes) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(script).digest()).decode()}'"


def _refuse(error: Exception) -> Response | HTTPException:
    """An error answered: HTTP errors as they are, crafted requests as 400 or 404."""
    if isinstance(error, HTTPException):
        return error
    if isinstance(error, DependencyException):
        return _plain(404, "Not found")
    if request.path == UPDATE and isinstance(error, MALFORMED):
        log.warning(
            "refused a malformed callback request (%s: %.200s)", type(error).__name__, error
        )
        return _plain(400, "Bad request")
    log.error("error on %s %s", request.method, request.path, exc_info=error)
    return _plain(500, "Internal server error")


def _plain(status: int, text: str) -> Response:
    return Response(text + "\n", status=status, mimetype="text/plain")
