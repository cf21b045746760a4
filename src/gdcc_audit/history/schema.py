"""The tables of the history store at the newest revision (SQLAlchemy Core).

The migrations in ``migrations/versions`` create and alter these tables step by step; this
module only describes the result for queries and inserts. A change here needs a new revision.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

#: One audited tenant in one scan: when, with what, and its grade.
runs = sa.Table(
    "runs",
    metadata,
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
    # revision 0004: the selection of rules of a partial run (scan --rules, --tag, ...);
    # NULL for a full audit
    sa.Column("selection", sa.JSON),
    sa.Index("ix_runs_tenant_quarter", "tenant", "fiscal_year", "quarter"),
)

#: Every finding of a run (all verdicts, not only failures).
findings = sa.Table(
    "findings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "run_id",
        sa.Integer,
        sa.ForeignKey("runs.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
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
    # revision 0002
    sa.Column("address", sa.Text),
    sa.Column("waiver_expires", sa.Date),
)

#: Score and coverage of each framework in a run.
framework_scores = sa.Table(
    "framework_scores",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "run_id",
        sa.Integer,
        sa.ForeignKey("runs.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
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

#: The status of every control of every framework in a run.
control_results = sa.Table(
    "control_results",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "run_id",
        sa.Integer,
        sa.ForeignKey("runs.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("framework", sa.String(100), nullable=False),
    sa.Column("control", sa.String(100), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("weight", sa.Float, nullable=False),
    sa.Column("credit", sa.Float, nullable=False),
)

#: The waiver register of a run (revision 0002).
waivers = sa.Table(
    "waivers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "run_id",
        sa.Integer,
        sa.ForeignKey("runs.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
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

#: Governance evidence of the tenant manifest in a run, with its validity (revision 0002).
evidence = sa.Table(
    "evidence",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "run_id",
        sa.Integer,
        sa.ForeignKey("runs.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("type", sa.String(60), nullable=False),
    sa.Column("system", sa.String(200)),
    sa.Column("document", sa.Text, nullable=False),
    sa.Column("dated", sa.Date, nullable=False),
    sa.Column("expires_on", sa.Date),
    sa.Column("valid", sa.Boolean),
    sa.Column("attestor", sa.Text),
)

#: One tenant task of a portfolio run, done or failed, with its input digest (revision 0003).
#: ``run_uid`` is the run it recorded (``runs.uid``); a failed task has none.
portfolio_tasks = sa.Table(
    "portfolio_tasks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("portfolio", sa.String(200), nullable=False),
    sa.Column("tenant", sa.String(200), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("error", sa.Text),
    sa.Column("input_digest", sa.String(64)),
    sa.Column("run_uid", sa.String(32)),
    sa.Column("labels", sa.JSON, nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_portfolio_tasks_portfolio_tenant", "portfolio", "tenant"),
)
