"""Claims: a profile may claim a Person node from a public source, confirmed at once by
the institution's login or else by a curator.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("profiles") as table:  # SQLite alters by copying the table
        table.add_column(sa.Column("claimed_id", sa.String(120), nullable=True))
        table.add_column(
            sa.Column("claim_confirmed", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("profiles") as table:
        table.drop_column("claim_confirmed")
        table.drop_column("claimed_id")
