"""The accounts' settings, read from the environment once when the app is made.

Nothing here is required for `make run`: without ``DATABASE_URL`` the operational
database is an SQLite file in the instance folder, without SMTP settings a development
server prints sign-in links to its log, and without an OpenID Connect issuer the
institution's login is simply not offered.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["INSTANCE_ENV", "Oidc", "Settings", "Smtp", "instance_folder"]

INSTANCE_ENV = "VERBINDPLAATS_INSTANCE"
DEFAULT_INSTANCE = Path("instance")  # git-ignored; relative to where the server starts


@dataclass(frozen=True)
class Smtp:
    """Where sign-in mail goes out: a host, and a login when the server asks for one."""

    host: str
    port: int = 587
    sender: str = "verbindplaats@localhost"
    user: str | None = None
    password: str | None = None
    starttls: bool = True


@dataclass(frozen=True)
class Oidc:
    """The institution's OpenID Connect provider (e.g. SURFconext) and our client there."""

    issuer: str
    client_id: str
    client_secret: str


@dataclass(frozen=True)
class Settings:
    """Everything the accounts need to know about their surroundings.

    Parameters
    ----------
    database_url
        SQLAlchemy URL of the operational database.
    secret_key
        Signs session cookies and sign-in links; the same in every worker and instance.
    public_url
        The address people reach the explorer at (for links in e-mail, and to mark
        cookies Secure when it is https); None takes the address of the request.
    smtp, oidc
        How to send sign-in links and whom to ask for an institution's login; None
        when not configured.
    development
        A development server: without SMTP it prints sign-in links to its log.
    """

    database_url: str
    secret_key: str
    public_url: str | None = None
    smtp: Smtp | None = None
    oidc: Oidc | None = None
    development: bool = False

    @property
    def https(self) -> bool:
        return (self.public_url or "").startswith("https://")

    @property
    def email_offered(self) -> bool:
        """E-mail sign-in needs a way to send mail and the public address to put in the
        links (never the address a request claims: a forged Host header would send the
        link to another site), or a developer reading the log."""
        return self.development or (self.smtp is not None and self.public_url is not None)

    @classmethod
    def from_environment(
        cls, environ: Mapping[str, str] | None = None, development: bool = False
    ) -> Settings:
        """The settings in `environ` (default: the process's environment).

        ``DATABASE_URL``; ``VERBINDPLAATS_INSTANCE`` (the folder of the SQLite file and
        the generated secret key); ``VERBINDPLAATS_SECRET_KEY``;
        ``VERBINDPLAATS_PUBLIC_URL``; ``VERBINDPLAATS_SMTP_HOST``, ``_PORT``, ``_FROM``,
        ``_USER``, ``_PASSWORD``, ``_STARTTLS`` (``0`` for none); and
        ``VERBINDPLAATS_OIDC_ISSUER``, ``_CLIENT_ID``, ``_CLIENT_SECRET``.
        """
        env = os.environ if environ is None else environ
        folder = instance_folder(env)
        return cls(
            database_url=env.get("DATABASE_URL") or sqlite_url(folder),
            secret_key=env.get("VERBINDPLAATS_SECRET_KEY") or _kept_secret(folder),
            public_url=env.get("VERBINDPLAATS_PUBLIC_URL") or None,
            smtp=_smtp(env),
            oidc=_oidc(env),
            development=development,
        )


def instance_folder(environ: Mapping[str, str] | None = None) -> Path:
    """The folder of this installation's own files (``VERBINDPLAATS_INSTANCE``)."""
    env = os.environ if environ is None else environ
    return Path(env.get(INSTANCE_ENV) or DEFAULT_INSTANCE)


def sqlite_url(folder: Path) -> str:
    """The embedded database in `folder`."""
    return f"sqlite:///{(folder / 'verbindplaats.sqlite3').resolve()}"


def _kept_secret(folder: Path) -> str:
    """A secret key made once and kept in `folder`, so that every worker process and
    every restart signs with the same one (readable by the owner only). It is written
    whole aside and then linked into place, which fails if one is there already: a
    server starting beside another never reads half a key (two servers started at once
    under load: one read the other's still empty file, and refused every session)."""
    path = folder / "secret-key"
    folder.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        descriptor, aside = tempfile.mkstemp(prefix=".secret-key-", dir=folder)  # 0600
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as file:
                file.write(secrets.token_urlsafe(48))
                file.flush()
                os.fsync(file.fileno())
            os.link(aside, path)
        except FileExistsError:
            pass  # another process kept its key first: that one is read below
        finally:
            os.unlink(aside)
    return path.read_text(encoding="ascii").strip()


def _smtp(env: Mapping[str, str]) -> Smtp | None:
    host = env.get("VERBINDPLAATS_SMTP_HOST")
    if not host:
        return None
    return Smtp(
        host=host,
        port=int(env.get("VERBINDPLAATS_SMTP_PORT") or 587),
        sender=env.get("VERBINDPLAATS_SMTP_FROM") or Smtp.sender,
        user=env.get("VERBINDPLAATS_SMTP_USER") or None,
        password=env.get("VERBINDPLAATS_SMTP_PASSWORD") or None,
        starttls=env.get("VERBINDPLAATS_SMTP_STARTTLS", "1") != "0",
    )


def _oidc(env: Mapping[str, str]) -> Oidc | None:
    issuer = env.get("VERBINDPLAATS_OIDC_ISSUER")
    if not issuer:
        return None
    return Oidc(
        issuer=issuer.rstrip("/"),
        client_id=env.get("VERBINDPLAATS_OIDC_CLIENT_ID", ""),
        client_secret=env.get("VERBINDPLAATS_OIDC_CLIENT_SECRET", ""),
    )
