"""Sending mail: a sign-in link, or another short text (a curator's decision), over SMTP;
a sign-in link on a development server without SMTP goes into its log."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from explorer.accounts.settings import Settings, Smtp
from explorer.accounts.texts import TEXTS

__all__ = ["send_link", "send_text"]

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
    send_text(settings, to, TEXTS("mail_subject", lang), TEXTS("mail_body", lang, url=url))


def send_text(
    settings: Settings, to: str, subject: str, body: str, unsubscribe: str | None = None
) -> None:
    """Send `body` to `to` under `subject`; without SMTP settings a development server
    logs that it did not (never the text: it may be a person's message). With an
    `unsubscribe` address the mail client offers its own one-click unsubscribe
    (RFC 8058: it POSTs ``List-Unsubscribe=One-Click`` to that address)."""
    if settings.smtp is None:
        log.warning("no SMTP settings: development server, a message to %s is not sent", to)
        return
    message = EmailMessage()
    message["From"] = settings.smtp.sender
    message["To"] = to
    message["Subject"] = subject
    if unsubscribe:
        message["List-Unsubscribe"] = f"<{unsubscribe}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(body)
    _send(settings.smtp, message)


def _send(smtp: Smtp, message: EmailMessage) -> None:
    with smtplib.SMTP(smtp.host, smtp.port, timeout=20) as server:
        if smtp.starttls:
            server.starttls()
        if smtp.user:
            server.login(smtp.user, smtp.password or "")
        server.send_message(message)
