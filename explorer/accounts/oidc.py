"""Sign-in with the institution's account over OpenID Connect (Authlib as the client).

SURFconext, which Dutch education uses, is such a provider; any other that publishes
its configuration at ``{issuer}/.well-known/openid-configuration`` works the same. The
provider's word on who someone is (its subject) and where they work
(``schac_home_organization``) is kept with the account, so that later issues can mark a
person's organisation as confirmed.
"""

from __future__ import annotations

from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import FlaskOAuth2App, OAuth
from flask import Flask

from explorer.accounts.registry import Identity, normal_address
from explorer.accounts.settings import Oidc

__all__ = ["NAME", "ProviderRefused", "identity", "register"]

NAME = "institution"
SCOPE = "openid email profile"


class ProviderRefused(Exception):
    """The provider's answer signs no one in (an error, or no address in it)."""


def register(server: Flask, settings: Oidc) -> FlaskOAuth2App:
    """The OpenID Connect client of `settings`, on `server`."""
    oauth = OAuth(server)
    return oauth.register(
        NAME,
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        server_metadata_url=f"{settings.issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": SCOPE, "code_challenge_method": "S256"},
    )


def identity(client: FlaskOAuth2App) -> Identity:
    """Who the provider's answer to this request (the way back) says signed in."""
    try:
        token = client.authorize_access_token()
        claims = {**token.get("userinfo", {}), **client.userinfo(token=token)}
    except (OAuthError, ValueError, KeyError, OSError) as exc:
        raise ProviderRefused(str(exc)[:200]) from exc
    email = claims.get("email")
    if not email or claims.get("email_verified") is False:
        raise ProviderRefused("the provider gave no verified e-mail address")
    return Identity(
        email=normal_address(email),
        name=str(claims.get("name") or "")[:200],
        issuer=client.load_server_metadata().get("issuer"),
        subject=str(claims["sub"]),
        affiliation=claims.get("schac_home_organization"),
    )
