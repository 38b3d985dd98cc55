"""Alembic's environment: migrations run on the connection `Database.upgrade` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from explorer.accounts.models import Base
from explorer.forum import models as _forum_models  # noqa: F401  (its tables, on Base)

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # the alembic command line, given sqlalchemy.url
    connection = create_engine(config.get_main_option("sqlalchemy.url")).connect()
context.configure(connection=connection, target_metadata=Base.metadata)
with context.begin_transaction():
    context.run_migrations()
