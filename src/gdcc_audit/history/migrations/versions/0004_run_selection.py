"""A run's selection of rules: a scan with --rules, --tag, --min-severity or --framework.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL: every installed rule was evaluated (runs recorded before 0004 were recorded as
    # full audits; a selection was not kept then).
    op.add_column("runs", sa.Column("selection", sa.JSON))


def downgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("selection")
