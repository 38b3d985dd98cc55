"""Sending a sign-in link: over SMTP, or on a development server into its log."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from explorer.accounts.settings import Settings, Smtp
from explorer.accounts.texts import TEXTS

__all__ = ["send_link"]

log = logging.getLogger("explorer.accounts")


def send_link(settings: Settings, to: str, url: str, lang: str) -> None:
    """Send `url` to `to`; without SMTP settings a development server logs it."""
    if settings.smtp is None:
        log.warning(
            "no SMTP settings (VERBINDPLAATS_SMTP_HOST): development server, "
            "the sign-in link for %s is %s",
            to,
            url,
        )
        return
    _send(settings.smtp, _message(settings.smtp.sender, to, url, lang))


def _message(sender: str, to: str, url: str, lang: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = TEXTS("mail_subject", lang)
    message.set_content(TEXTS("mail_body", lang, url=url))
    return message


def _send(smtp: Smtp, message: EmailMessage) -> None:
    with smtplib.SMTP(smtp.host, smtp.port, timeout=20) as server:
        if smtp.starttls:
            server.starttls()
        if smtp.user:
            server.login(smtp.user, smtp.password or "")
        server.send_message(message)
