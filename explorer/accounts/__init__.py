"""Accounts: who may sign in, how, and with which role; the operational database.

Reading stays open to everyone; an account is the door to what people add themselves
(profiles, changes, the forum, in later issues). This package holds the operational
database (accounts, sign-in links, attempts, the audit log; SQLAlchemy with Alembic
migrations), sign-in by e-mail link and by the institution's OpenID Connect login,
roles, and the web routes with their CSRF protection and rate limits. Graph facts never
live here: they stay in the graph store.
"""
