"""Initial history store: runs, findings, framework scores and control results.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
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
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uid", sa.String(32), nullable=False, unique=True),
        sa.Column("tenant", sa.String(200), nullable=False, index=True),
        sa.Column("agency_th", sa.Text),
        sa.Column("agency_en", sa.Text),
        sa.Column("ministry_th", sa.Text),
        sa.Column("ministry_en", sa.Text),
        sa.Column("scanned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fiscal_year", sa.Integer, nullable=False),
        sa.Column("quarter", sa.Integer, nullable=False),
        sa.Column("tool_version", sa.String(40), nullable=False),
        sa.Column("result_schema", sa.String(20), nullable=False),
        sa.Column("rule_packs", sa.JSON, nullable=False),
        sa.Column("inputs", sa.JSON, nullable=False),
        sa.Column("systems", sa.JSON, nullable=False),
        sa.Column("counts", sa.JSON, nullable=False),
        sa.Column("grade_letter", sa.String(2)),
        sa.Column("grade_score", sa.Float),
        sa.Column("grade_coverage", sa.Float),
        sa.Column("grade_provisional", sa.Boolean),
    )
    op.create_index("ix_runs_tenant_quarter", "runs", ["tenant", "fiscal_year", "quarter"])
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _run_id(),
        sa.Column("fingerprint", sa.String(20), nullable=False),
        sa.Column("rule_id", sa.String(100), nullable=False),
        sa.Column("resource_id", sa.Text, nullable=False),
        sa.Column("resource_name", sa.Text, nullable=False),
        sa.Column("system", sa.String(200)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("severity", sa.String(20), nullable=False),
        sa.Column("message_en", sa.Text, nullable=False),
        sa.Column("message_th", sa.Text, nullable=False),
        sa.Column("file", sa.Text),
        sa.Column("line", sa.Integer),
        sa.Column("waiver_id", sa.String(200)),
    )
    op.create_table(
        "framework_scores",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _run_id(),
        sa.Column("framework", sa.String(100), nullable=False),
        sa.Column("title_en", sa.Text, nullable=False),
        sa.Column("title_th", sa.Text, nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("coverage", sa.Float, nullable=False),
        sa.Column("applicable", sa.Integer, nullable=False),
        sa.Column("assessable", sa.Integer, nullable=False),
        sa.Column("counts", sa.JSON, nullable=False),
        sa.UniqueConstraint("run_id", "framework"),
    )
    op.create_table(
        "control_results",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _run_id(),
        sa.Column("framework", sa.String(100), nullable=False),
        sa.Column("control", sa.String(100), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("credit", sa.Float, nullable=False),
    )


def downgrade() -> None:
    for table in ("control_results", "framework_scores", "findings", "runs"):
        op.drop_table(table)
