"""What every post is held to: its length, its topics, how often one may post."""

from __future__ import annotations

from datetime import timedelta

from explorer.accounts.limits import Limit

__all__ = ["MAX_BODY", "MAX_REASON", "MAX_TITLE", "MAX_TOPICS", "PER_POSTER", "PER_REPORTER"]

MAX_TITLE = 200
MAX_BODY = 10_000  # a question or an answer; longer is refused, not cut
MAX_REASON = 1000  # a report's or a curator's
MAX_TOPICS = 5
PER_POSTER = Limit("forum-post", 10, timedelta(hours=1))  # questions and answers together
PER_REPORTER = Limit("forum-report", 20, timedelta(days=1))
