"""Portfolio runs: one row per tenant task (done or failed), with its input digest.

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
    op.create_table(
        "portfolio_tasks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("portfolio", sa.String(200), nullable=False),
        sa.Column("tenant", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("input_digest", sa.String(64)),
        sa.Column("run_uid", sa.String(32)),
        sa.Column("labels", sa.JSON, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_portfolio_tasks_portfolio_tenant", "portfolio_tasks", ["portfolio", "tenant"]
    )


def downgrade() -> None:
    op.drop_index("ix_portfolio_tasks_portfolio_tenant", table_name="portfolio_tasks")
    op.drop_table("portfolio_tasks")
