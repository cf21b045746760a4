"""Waiver register and governance evidence per run; finding address and waiver expiry.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _run_id() -> sa.Column[int]:
    return sa.Column(
        "run_id",
        sa.Integer,
        sa.ForeignKey("runs.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def upgrade() -> None:
    # Runs recorded at 0001 keep NULL here: their findings had no address and their waiver
    # expiry was not kept (the waiver id was).
    op.add_column("findings", sa.Column("address", sa.Text))
    op.add_column("findings", sa.Column("waiver_expires", sa.Date))
    op.create_table(
        "waivers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _run_id(),
        sa.Column("waiver_id", sa.String(200), nullable=False),
        sa.Column("rule_id", sa.String(100), nullable=False),
        sa.Column("resource", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("approver", sa.Text, nullable=False),
        sa.Column("approved_on", sa.Date),
        sa.Column("expires", sa.Date, nullable=False),
        sa.Column("document", sa.Text),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("matched", sa.JSON, nullable=False),
    )
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _run_id(),
        sa.Column("type", sa.String(60), nullable=False),
        sa.Column("system", sa.String(200)),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("dated", sa.Date, nullable=False),
        sa.Column("expires_on", sa.Date),
        sa.Column("valid", sa.Boolean),
        sa.Column("attestor", sa.Text),
    )


def downgrade() -> None:
    op.drop_table("evidence")
    op.drop_table("waivers")
    with op.batch_alter_table("findings") as batch:
        batch.drop_column("waiver_expires")
        batch.drop_column("address")
