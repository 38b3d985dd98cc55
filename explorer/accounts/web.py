"""The accounts on the web: sessions, the sign-in and sign-out routes, and who is in.

`Accounts(settings, database, clock).install(server)` adds them to the explorer's Flask
server. A session is Flask's signed cookie (HttpOnly, SameSite=Lax, Secure when the
public address is https) holding the account's id and its session generation; "sign
out everywhere" raises the generation, which voids every other session at once.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from datetime import timedelta

from authlib.integrations.flask_client import FlaskOAuth2App
from flask import Blueprint, Flask, Response, current_app, g, redirect, request, session
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from explorer.accounts import audit, csrf, mail, oidc
from explorer.accounts.database import Database
from explorer.accounts.limits import PER_ADDRESS, PER_CLIENT
from explorer.accounts.links import LinkRefused, Links
from explorer.accounts.models import Account
from explorer.accounts.pages import address_form, button_form, link_button, page, paragraph
from explorer.accounts.registry import Identity, InvalidAddress, normal_address, sign_in
from explorer.accounts.settings import Settings
from explorer.accounts.texts import TEXTS
from explorer.accounts.timing import Clock, real_clock

__all__ = ["EXTENSION", "Accounts", "current_account", "installed"]

EXTENSION = "verbindplaats-accounts"
SESSION_LIFETIME = timedelta(days=30)
SIGN_IN = "/inloggen"
LINK = "/inloggen/link"
SIGN_OUT = "/uitloggen"
SIGN_OUT_EVERYWHERE = "/uitloggen/overal"
INSTITUTION = "/inloggen/instelling"
INSTITUTION_BACK = "/inloggen/instelling/terug"

log = logging.getLogger("explorer.accounts")
routes = Blueprint("accounts", __name__)


class Accounts:
    """Sign-in for one explorer: its settings, operational database and clock."""

    def __init__(self, settings: Settings, database: Database, clock: Clock = real_clock):
        self.settings = settings
        self.database = database
        self.clock = clock
        self.links = Links(settings.secret_key)
        # what rooms beside the accounts and profiles (the forum) hold about an account:
        # each gives named lists of plain data for the person's own download
        self.held_about: list[Callable[[Session, Account], dict[str, object]]] = []
        self.institution: FlaskOAuth2App | None = None  # when OpenID Connect is configured

    def install(self, server: Flask) -> None:
        """Add sessions, CSRF protection and the sign-in routes to `server`."""
        server.secret_key = self.settings.secret_key
        server.config.update(
            SESSION_COOKIE_NAME="verbindplaats_session",
            SESSION_COOKIE_HTTPONLY=True,
            SESSION_COOKIE_SAMESITE="Lax",  # Lax: the way back from the institution's login
            SESSION_COOKIE_SECURE=self.settings.https,
            PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
        )
        server.extensions[EXTENSION] = self
        csrf.protect(server, _csrf_refused)
        if self.settings.oidc is not None:
            self.institution = oidc.register(server, self.settings.oidc)
        server.register_blueprint(routes)


def installed() -> Accounts | None:
    """The accounts of the app serving this request, if it has them."""
    return current_app.extensions.get(EXTENSION)


def current_account() -> Account | None:
    """Who is signed in on this request (None: nobody, or a voided session)."""
    if "account" not in g:
        g.account = _session_account()
    return g.account


def _session_account() -> Account | None:
    accounts = installed()
    account_id = session.get("account")
    if accounts is None or account_id is None:
        return None
    with accounts.database.session() as db:
        account = db.get(Account, account_id)
    if account is None or account.session_generation != session.get("generation"):
        return None
    return account


def start_session(account: Account) -> None:
    """Sign `account` in on this browser: a fresh session (new CSRF token too)."""
    session.clear()
    session.permanent = True
    session["account"] = account.id
    session["generation"] = account.session_generation
    csrf.token()
    g.account = account


def _lang() -> str:
    return "en" if (request.values.get("lang") == "en") else "nl"


def _client() -> str:
    return (request.remote_addr or "unknown")[:64]


def _csrf_refused() -> Response:
    lang = _lang()
    return page(TEXTS("sign_in", lang), _error(TEXTS("csrf", lang)), lang, status=403)


def _home(lang: str) -> Response:
    return redirect("/?lang=en" if lang == "en" else "/", code=303)


@routes.get(SIGN_IN)
def sign_in_page() -> Response:
    accounts, lang = installed(), _lang()
    account = current_account()
    parts = [paragraph(TEXTS("why", lang))]
    if account is not None:
        parts = [
            paragraph(TEXTS("signed_in_as", lang, name=account.display_name())),
            button_form(SIGN_OUT, TEXTS("sign_out", lang), lang),
            button_form(SIGN_OUT_EVERYWHERE, TEXTS("sign_out_everywhere", lang), lang),
        ]
    elif accounts.settings.email_offered:
        parts.append(address_form(SIGN_IN, lang))
    else:
        parts.append(paragraph(TEXTS("no_email", lang)))
    if account is None and accounts.institution is not None:
        parts.append(link_button(f"{INSTITUTION}?lang={lang}", TEXTS("institution", lang)))
    return page(TEXTS("sign_in", lang), _joined(parts), lang)


@routes.post(SIGN_IN)
def request_link() -> Response:
    """Send a link to the address given. The answer is the same whether the address has
    an account or not (and one is made only when the link is followed)."""
    accounts, lang = installed(), _lang()
    title = TEXTS("sign_in", lang)
    if not accounts.settings.email_offered:
        return page(title, paragraph(TEXTS("no_email", lang)), lang, status=404)
    try:
        address = normal_address(request.form.get("email", "")[:300])
    except InvalidAddress:
        return page(title, _error(TEXTS("not_an_address", lang)), lang, status=400)
    now = accounts.clock()
    with accounts.database.session() as db:
        allowed = PER_CLIENT.allows(db, _client(), now) and PER_ADDRESS.allows(db, address, now)
        if not allowed:
            audit.record(
                db, now, "link_refused", email=address, client=_client(), detail="rate limit"
            )
            token = None
        else:
            token = accounts.links.issue(db, address, now)
            audit.record(db, now, "link_requested", email=address, client=_client())
    if token is None:
        return page(title, _error(TEXTS("too_many", lang)), lang, status=429)
    try:
        mail.send_link(accounts.settings, address, _link_url(accounts, token, lang), lang)
    except (OSError, smtplib.SMTPException):
        log.exception("sending a sign-in link failed")
        return page(title, _error(TEXTS("mail_failed", lang)), lang, status=503)
    return page(title, paragraph(TEXTS("link_sent", lang)), lang)


@routes.get(LINK)
def confirm_link() -> Response:
    """A followed link asks for one click: mail scanners that open links sign no one in."""
    accounts, lang = installed(), _lang()
    token = request.args.get("t", "")[:200]
    now = accounts.clock()
    try:
        with accounts.database.session() as db:
            email = accounts.links.check(db, token, now).email
    except LinkRefused as refused:
        return _link_refused(accounts, refused, lang)
    body = button_form(LINK, TEXTS("sign_in", lang), lang, t=token)
    return page(TEXTS("confirm", lang, email=email), body, lang)


@routes.post(LINK)
def use_link() -> Response:
    accounts, lang = installed(), _lang()
    now = accounts.clock()
    try:
        with accounts.database.session() as db:
            email = accounts.links.redeem(db, request.form.get("t", "")[:200], now)
            account = sign_in(db, Identity(email=email), now, how="e-mail link")
    except LinkRefused as refused:
        return _link_refused(accounts, refused, lang)
    start_session(account)
    return _home(lang)


@routes.post(SIGN_OUT)
def sign_out() -> Response:
    accounts, lang = installed(), _lang()
    account = current_account()
    if account is not None:
        with accounts.database.session() as db:
            audit.record(db, accounts.clock(), "sign_out", account=account, client=_client())
    session.clear()
    return _home(lang)


@routes.post(SIGN_OUT_EVERYWHERE)
def sign_out_everywhere() -> Response:
    accounts, lang = installed(), _lang()
    account = current_account()
    if account is not None:
        with accounts.database.session() as db:
            stored = db.scalar(select(Account).where(Account.id == account.id))
            stored.session_generation += 1
            audit.record(
                db, accounts.clock(), "sign_out_everywhere", account=stored, client=_client()
            )
    session.clear()
    return _home(lang)


@routes.get(INSTITUTION)
def institution_start() -> Response:
    """Off to the provider: a link, not a form, since the page's Content-Security-Policy
    lets forms go to this site only (form-action 'self' holds for their redirects too).
    It changes nothing but this visitor's own session (the state the way back must
    bring), so it needs no CSRF token."""
    accounts, lang = installed(), _lang()
    if accounts.institution is None:
        return page(TEXTS("sign_in", lang), _error(TEXTS("institution_failed", lang)), lang, 404)
    session["lang"] = lang
    base = (accounts.settings.public_url or request.host_url).rstrip("/")
    return accounts.institution.authorize_redirect(base + INSTITUTION_BACK)


@routes.get(INSTITUTION_BACK)
def institution_back() -> Response:
    accounts, lang = installed(), session.get("lang", "nl")
    now = accounts.clock()
    try:
        if accounts.institution is None:
            raise oidc.ProviderRefused("no institution login configured")
        identity = oidc.identity(accounts.institution)
    except (oidc.ProviderRefused, InvalidAddress) as refused:
        with accounts.database.session() as db:
            audit.record(
                db, now, "sign_in_failed", client=_client(), detail=f"institution: {refused}"
            )
        return page(TEXTS("sign_in", lang), _error(TEXTS("institution_failed", lang)), lang, 400)
    with accounts.database.session() as db:
        account = sign_in(db, identity, now, how=f"institution {identity.issuer}")
    start_session(account)
    return _home(lang)


def _link_refused(accounts: Accounts, refused: LinkRefused, lang: str) -> Response:
    with accounts.database.session() as db:
        audit.record(
            db,
            accounts.clock(),
            "sign_in_failed",
            client=_client(),
            detail=f"e-mail link {refused.reason}",
        )
    return page(TEXTS("sign_in", lang), _error(TEXTS(refused.reason, lang)), lang, status=400)


def _link_url(accounts: Accounts, token: str, lang: str) -> str:
    base = (accounts.settings.public_url or request.host_url).rstrip("/")
    suffix = "&lang=en" if lang == "en" else ""
    return f"{base}{LINK}?t={token}{suffix}"


def _error(text: str) -> Markup:
    return paragraph(text, "notice notice-error")


def _joined(parts: list[Markup]) -> Markup:
    return Markup("").join(parts)
