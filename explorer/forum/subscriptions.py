"""Hearing of questions on one's topics: the forum's own preference page and the
one-click unsubscribe of its mails.

- ``/forum/meldingen``: off, at once, or a weekly digest (`explorer.forum.alerts`).
- ``/forum/afmelden?t=<token>``: the link in every mail; its page has one button (a
  mail scanner opening the link unsubscribes no one), no sign-in needed. The mail's
  ``List-Unsubscribe`` headers name the same address, so that the mail client's own
  button unsubscribes in one click (RFC 8058: a POST of ``List-Unsubscribe=One-Click``
  to it, with no session; the signed token is the proof, see `csrf.signed`).
"""

from __future__ import annotations

from flask import Blueprint, Response, request
from markupsafe import Markup
from sqlalchemy import delete, select

from explorer.accounts.models import Profile, ProfileStatus
from explorer.accounts.pages import button_form, hidden_fields, page
from explorer.accounts.web import current_account, installed
from explorer.ages import request_day
from explorer.forum import alerts, context
from explorer.forum.models import Delivery, Notice, Subscription
from explorer.forum.texts import TEXTS
from explorer.profiles import context as profiles

__all__ = ["PREFERENCES", "routes"]

PREFERENCES = "/forum/meldingen"
CHOICES = ("off", Delivery.AT_ONCE.value, Delivery.WEEKLY.value)

routes = Blueprint("forum_subscriptions", __name__)


@routes.get(PREFERENCES)
def preferences_page() -> Response:
    lang, account = profiles.lang(), current_account()
    if account is None:
        return context.sign_in_first(lang)
    return _preferences(account.id, lang)


@routes.post(PREFERENCES)
def save_preferences() -> Response:
    lang, account = profiles.lang(), current_account()
    if account is None:
        return context.sign_in_first(lang)
    choice = request.form.get("delivery", "")
    if choice not in CHOICES:
        return _preferences(account.id, lang, TEXTS("unknown_choice", lang), 400)
    with installed().database.session() as db:
        db.execute(delete(Subscription).where(Subscription.account_id == account.id))
        if choice != "off":
            db.add(Subscription(account_id=account.id, delivery=choice))
        else:
            db.execute(
                delete(Notice).where(Notice.account_id == account.id, Notice.sent_at.is_(None))
            )
    return _preferences(account.id, lang, TEXTS("alerts_saved", lang))


@routes.get(alerts.UNSUBSCRIBE)
def unsubscribe_page() -> Response:
    lang, token = profiles.lang(), request.args.get("t", "")[:500]
    body = profiles.notice(TEXTS("unsubscribe_ask", lang)) + button_form(
        alerts.UNSUBSCRIBE, TEXTS("unsubscribe", lang), lang, t=token
    )
    return page(TEXTS("unsubscribe", lang), Markup(body), lang)


@routes.post(alerts.UNSUBSCRIBE)
def unsubscribe() -> Response:
    lang = profiles.lang()
    accounts = installed()
    with accounts.database.session() as db:
        token = request.form.get("t") or request.args.get("t", "")  # page, or mail client
        done = alerts.unsubscribed_account(
            db, accounts.settings.secret_key, token[:500], request_day()
        )
    if done is None:
        return context.said(
            TEXTS("unsubscribe", lang), TEXTS("unsubscribe_refused", lang), lang, 400
        )
    return context.said(TEXTS("unsubscribe", lang), TEXTS("unsubscribed", lang), lang)


def _preferences(account_id: int, lang: str, said: str = "", status: int = 200) -> Response:
    with installed().database.session() as db:
        current = db.get(Subscription, account_id)
        approved = db.scalar(
            select(Profile.id).where(
                Profile.account_id == account_id, Profile.status == ProfileStatus.APPROVED.value
            )
        )
    chosen = current.delivery if current else "off"
    options = Markup("").join(
        Markup(
            '<p><input type="radio" id="delivery-{c}" name="delivery" value="{c}"{checked}> '
            '<label for="delivery-{c}">{label}</label></p>'
        ).format(
            c=c, checked=Markup(" checked") if c == chosen else "", label=TEXTS(f"alerts_{c}", lang)
        )
        for c in CHOICES
    )
    parts = [profiles.notice(said, error=status >= 400)] if said else []
    parts.append(profiles.notice(TEXTS("alerts_intro", lang)))
    if approved is None:
        parts.append(profiles.notice(TEXTS("alerts_no_profile", lang)))
    parts.append(
        Markup(
            '<form method="post" action="{action}">{hidden}<fieldset><legend>{legend}</legend>'
            '{options}</fieldset><p><button class="button" id="alerts-save" type="submit">'
            "{save}</button></p></form>"
        ).format(
            action=PREFERENCES,
            hidden=hidden_fields(lang),
            legend=TEXTS("alerts_choice", lang),
            options=options,
            save=TEXTS("alerts_save", lang),
        )
    )
    return page(TEXTS("alerts", lang), Markup("").join(parts), lang, status)
