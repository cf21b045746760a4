"""Recording an audit result: one run per tenant, all of them in one transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from gdcc_audit.errors import StoreError
from gdcc_audit.history import schema
from gdcc_audit.history.quarters import code, quarter_of
from gdcc_audit.history.store import Store
from gdcc_audit.models.finding import Finding
from gdcc_audit.models.result import AuditResult
from gdcc_audit.models.tenant import Tenant


@dataclass(frozen=True)
class RecordedRun:
    """What :func:`record_run` stored for one tenant."""

    id: int
    uid: str
    tenant: str
    quarter: str
    findings: int


def _belongs(finding: Finding, tenant: str) -> bool:
    return finding.resource_id == tenant or finding.resource_id.startswith(tenant + "/")


def _run_row(result: AuditResult, tenant: Tenant, recorded_at: dt.datetime) -> dict[str, object]:
    quarter = quarter_of(result.scanned_at)
    grade = next((g for g in result.grades if g.tenant == tenant.id), None)
    # a pack's version is its newest file's (the first rule's file's was stored before)
    packs = {pack.name: pack.version for pack in result.rule_packs}
    return {
        "uid": uuid.uuid4().hex,
        "tenant": tenant.id,
        "agency_th": tenant.agency.name_th,
        "agency_en": tenant.agency.name_en,
        "ministry_th": tenant.agency.ministry_th,
        "ministry_en": tenant.agency.ministry_en,
        "scanned_at": result.scanned_at,
        "recorded_at": recorded_at,
        "fiscal_year": quarter.fiscal_year,
        "quarter": quarter.quarter,
        "tool_version": result.tool_version,
        "result_schema": result.schema_version,
        "rule_packs": dict(sorted(packs.items())),
        "inputs": [
            {"path": i.path, "sha256": i.sha256, "status": i.status.value} for i in result.inputs
        ],
        "systems": [
            {
                "id": s.id,
                "name_th": s.name_th,
                "name_en": s.name_en,
                # For the marking of reports drawn from the store.
                "classification": s.data_classification.value if s.data_classification else None,
            }
            for s in tenant.systems
        ],
        "counts": {},
        "grade_letter": grade.letter if grade else None,
        "grade_score": grade.score if grade else None,
        "grade_coverage": grade.coverage if grade else None,
        "grade_provisional": grade.provisional if grade else None,
        "selection": selection_of(result),
    }


def selection_of(result: AuditResult) -> dict[str, Any] | None:
    """What a run evaluated when it was not every installed rule (``scan --rules``, ``--tag``,
    ``--min-severity``, ``--framework``): the settings that chose, the rule ids evaluated and
    how many rules the installed packs hold (``of``; None when the result does not say).
    None for a full audit: a selection that kept every installed rule is one."""
    by = result.selected_by
    if not by:
        return None
    installed = {pack.name: pack.rules for pack in result.installed_packs}
    evaluated = {pack.name: pack.rules for pack in result.rule_packs}
    if installed and evaluated == installed:
        return None
    chosen: dict[str, Any] = {}
    for key in by:
        value = result.settings[key]
        chosen[key] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    return {
        "by": list(by),
        **chosen,
        "rules": sorted({rule.id for rule in result.rules}),
        "of": sum(installed.values()) if installed else None,
    }


def _finding_rows(run_id: int, findings: Iterable[Finding]) -> list[dict[str, object]]:
    return [
        {
            "run_id": run_id,
            "fingerprint": f.fingerprint,
            "rule_id": f.rule_id,
            "resource_id": f.resource_id,
            "resource_name": f.resource_name,
            "system": f.system,
            "status": f.status.value,
            "severity": f.severity.value,
            "message_en": f.message.en,
            "message_th": f.message.th,
            "file": f.location.file if f.location else None,
            "line": f.location.start_line if f.location else None,
            "waiver_id": f.waiver.id if f.waiver else None,
            "waiver_expires": f.waiver.expires if f.waiver else None,
            "address": f.address,
        }
        for f in findings
    ]


def _evidence_rows(run_id: int, result: AuditResult, tenant: Tenant) -> list[dict[str, object]]:
    # Validity exactly as the evidence checks judge it on the audit date.
    today = result.scanned_at.date()
    return [
        {
            "run_id": run_id,
            "type": item.type.value,
            "system": item.system,
            "document": item.document,
            "dated": item.date,
            "expires_on": item.expires_on(),
            "valid": item.is_valid(today),
            "attestor": item.attestor,
        }
        for item in tenant.evidence
    ]


def record_run(
    store: Store,
    result: AuditResult,
    *,
    recorded_at: dt.datetime | None = None,
    also: Callable[[sa.Connection, list[RecordedRun]], None] | None = None,
) -> list[RecordedRun]:
    """Store ``result``: one run per audited tenant with its findings, scores, control
    statuses, waiver register and evidence. Everything is written in one transaction: if
    anything fails (or the process dies) the store is left as it was.

    With several tenants in one result, each finding goes to the tenant its resource id
    starts with. Safe to call from worker processes, each with its own :class:`Store`.
    ``also(connection, recorded)`` writes more rows in the same transaction (a portfolio run
    records its task row this way).
    """
    if not result.tenants:
        raise StoreError(
            "nothing recorded: the result has no tenant (the history is kept per tenant; "
            "scan a tenant manifest)"
        )
    moment = recorded_at or dt.datetime.now(dt.UTC)
    recorded: list[RecordedRun] = []
    single = len(result.tenants) == 1
    with store.engine.begin() as connection:
        for tenant in result.tenants:
            row = _run_row(result, tenant, moment)
            findings = [f for f in result.findings if single or _belongs(f, tenant.id)]
            counts: dict[str, int] = {}
            for finding in findings:
                counts[finding.status.value] = counts.get(finding.status.value, 0) + 1
            row["counts"] = dict(sorted(counts.items()))
            run_id = connection.execute(
                sa.insert(schema.runs).returning(schema.runs.c.id), row
            ).scalar_one()
            _insert(connection, schema.findings, _finding_rows(run_id, findings))
            frameworks = [f for f in result.frameworks if f.tenant in (None, tenant.id)]
            _insert(
                connection,
                schema.framework_scores,
                [
                    {
                        "run_id": run_id,
                        "framework": f.framework,
                        "title_en": f.title.en,
                        "title_th": f.title.th,
                        "score": f.score,
                        "coverage": f.coverage,
                        "applicable": f.applicable,
                        "assessable": f.assessable,
                        "counts": {k.value: v for k, v in sorted(f.counts.items())},
                    }
                    for f in frameworks
                ],
            )
            _insert(
                connection,
                schema.control_results,
                [
                    {
                        "run_id": run_id,
                        "framework": c.framework,
                        "control": c.control,
                        "status": c.status.value,
                        "weight": c.weight,
                        "credit": c.credit,
                    }
                    for f in frameworks
                    for c in f.controls
                ],
            )
            fingerprints = {f.fingerprint for f in findings}
            _insert(
                connection,
                schema.waivers,
                [
                    {
                        "run_id": run_id,
                        "waiver_id": w.id,
                        "rule_id": w.rule,
                        "resource": w.resource,
                        "reason": w.reason,
                        "approver": w.approver,
                        "approved_on": w.approved_on,
                        "expires": w.expires,
                        "document": w.document,
                        "state": w.state.value,
                        "matched": list(w.matched),
                    }
                    for w in result.waivers
                    if single
                    or w.resource.startswith(tenant.id + "/")
                    or fingerprints.intersection(w.matched)
                ],
            )
            _insert(connection, schema.evidence, _evidence_rows(run_id, result, tenant))
            recorded.append(
                RecordedRun(
                    run_id,
                    str(row["uid"]),
                    tenant.id,
                    code(quarter_of(result.scanned_at)),
                    len(findings),
                )
            )
        if also is not None:
            also(connection, recorded)
    return recorded


def _insert(connection: sa.Connection, table: sa.Table, rows: list[dict[str, object]]) -> None:
    if rows:
        connection.execute(sa.insert(table), rows)
