"""PASS and NOT_APPLICABLE verdicts counted per rule instead of built as findings.

A large scan's findings are mostly PASS and NOT_APPLICABLE (three in four on the synthetic
tenant), and the default JSON result, SARIF, HTML and the console only need their number per
rule (:meth:`AuditResult.grouped`). When the caller asks for a grouped result, the engine
counts those verdicts here and never builds their findings; scores read the PASS counts per
tenant and rule, so they stay exactly what the full list gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gdcc_audit.models.common import Severity
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import GROUPED_STATUSES, FindingGroup
from gdcc_audit.models.rule import RuleMeta

#: The verdicts counted instead of listed: those a grouped result saves as counts.
COUNTED = frozenset(GROUPED_STATUSES)


@dataclass
class VerdictCounts:
    """How many verdicts of each counted status every rule gave, per resource tenant
    (``counts``; the engine adds to it directly), and each rule's severity."""

    counts: dict[tuple[str, Status, str | None], int] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)

    def add(self, meta: RuleMeta, status: Status, tenant: str | None) -> None:
        """Count one verdict of ``meta`` on a resource of ``tenant``."""
        key = (meta.id, status, tenant)
        self.counts[key] = self.counts.get(key, 0) + 1
        self.severity[meta.id] = meta.severity

    def groups(self) -> tuple[FindingGroup, ...]:
        """The counts per rule and status, in the order :meth:`AuditResult.grouped` gives."""
        merged: dict[tuple[str, Status], int] = {}
        for (rule_id, status, _), count in self.counts.items():
            merged[(rule_id, status)] = merged.get((rule_id, status), 0) + count
        return tuple(
            FindingGroup(
                rule_id=rule_id, status=status, severity=self.severity[rule_id], count=count
            )
            for (rule_id, status), count in sorted(merged.items())
        )

    def passed(self) -> dict[str | None, dict[str, int]]:
        """PASS counts per resource tenant (None: no tenant) and rule id."""
        out: dict[str | None, dict[str, int]] = {}
        for (rule_id, status, tenant), count in self.counts.items():
            if status == Status.PASS:
                per_rule = out.setdefault(tenant, {})
                per_rule[rule_id] = per_rule.get(rule_id, 0) + count
        return out
