"""Signed links that expire on a day: a "klopt nog" link, a contact's answer link.

The expiry is a day written into the signed payload, counted by the caller's clock
(`graphmodel.clock` through the request's day), not by the signer's reading of the real
time, so that tests move the day instead of waiting.
"""

from __future__ import annotations

from datetime import date

from itsdangerous import BadData, URLSafeSerializer

__all__ = ["Tokens"]


class Tokens:
    """Makes and reads tokens signed with `secret` for one purpose (`salt`).

    Examples
    --------
    >>> tokens = Tokens("a secret", "example")
    >>> token = tokens.make({"profile": 3}, until=date(2026, 12, 22))
    >>> tokens.read(token, date(2026, 12, 22)), tokens.read(token, date(2026, 12, 23))
    ({'profile': 3}, None)
    >>> tokens.read(token + "x", date(2026, 12, 1)) is None
    True
    """

    def __init__(self, secret: str, salt: str) -> None:
        self.serializer = URLSafeSerializer(secret, salt=salt)

    def make(self, payload: dict[str, object], until: date) -> str:
        """A token carrying `payload`, good through `until`."""
        return self.serializer.dumps({**payload, "until": until.isoformat()})

    def read(self, token: str, today: date) -> dict[str, object] | None:
        """The payload of `token` while it is good on `today`; None when it is forged,
        malformed or expired."""
        try:
            found = self.serializer.loads(token)
            until = date.fromisoformat(found.pop("until"))
        except (BadData, AttributeError, KeyError, TypeError, ValueError):
            return None
        return found if today <= until else None
