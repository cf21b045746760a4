"""Requirement-based scoring: controls x frameworks x crosswalk -> status, score, coverage, grade.

Every function here is pure: it reads findings, rules, tenants and catalogs and returns frozen
results. ``docs/frameworks.md`` defines the rules with a worked example.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gdcc_audit.frameworks.catalog import Catalog
from gdcc_audit.frameworks.registry import Frameworks, reach
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.framework import FrameworkResult, RuleMapping, TenantGrade
from gdcc_audit.models.rule import RuleMeta
from gdcc_audit.models.tenant import Tenant
from gdcc_audit.score.control import (
    DEFAULT_WEIGHT,
    PARTIAL_CAP,
    SEVERITY_WEIGHT,
    RuleTally,
    extend_index,
    mapping_index,
    score_control,
)
from gdcc_audit.score.framework import (
    CATEGORY_MULTIPLIER,
    adjusted_score,
    framework_result,
    letter,
    tenant_grade,
)
from gdcc_audit.score.profile import Profile

__all__ = [
    "CATEGORY_MULTIPLIER",
    "DEFAULT_WEIGHT",
    "PARTIAL_CAP",
    "SEVERITY_WEIGHT",
    "Profile",
    "Scores",
    "adjusted_score",
    "extend_index",
    "framework_result",
    "letter",
    "mapping_index",
    "reach",
    "score_audit",
    "score_framework",
    "tenant_grade",
]


@dataclass(frozen=True)
class Scores:
    """Framework results for every tenant, one grade per tenant, and the overall grade."""

    frameworks: tuple[FrameworkResult, ...]
    grades: tuple[TenantGrade, ...]

    @property
    def grade(self) -> TenantGrade | None:
        """The single tenant's grade, or the lowest when several were audited."""
        if not self.grades:
            return None
        return min(self.grades, key=lambda g: -1.0 if g.score is None else g.score)


def score_framework(
    catalog: Catalog,
    *,
    index: Mapping[str, Sequence[RuleMapping]],
    findings: Mapping[str, Sequence[Finding]],
    tenant: Tenant | None,
    on: dt.date,
    tallies: dict[str, RuleTally] | None = None,
) -> FrameworkResult:
    """One framework for one tenant. ``index`` comes from :func:`mapping_index`; ``tallies``
    caches per-rule counts across the frameworks of one tenant."""
    profile = Profile.of(tenant)
    results = []
    tallies = {} if tallies is None else tallies
    for control in catalog.scored:
        ref = f"{catalog.framework.id}:{control.id}"
        results.append(
            score_control(
                catalog,
                control,
                mappings=index.get(ref, ()),
                findings=findings,
                tenant=tenant,
                on=on,
                not_applicable=profile.applies(catalog, control),
                level=profile.level,
                tallies=tallies,
            )
        )
    return framework_result(
        catalog, results, tenant=tenant.id if tenant else None, profile=profile.describe(catalog)
    )


def score_audit(
    *,
    tenants: Sequence[Tenant],
    findings: Sequence[Finding],
    rules: Sequence[RuleMeta],
    frameworks: Frameworks,
    selected: Sequence[str] = (),
    on: dt.date,
    tenant_of: Mapping[str, str | None] | None = None,
    passed: Mapping[str | None, Mapping[str, int]] | None = None,
    index: Mapping[str, Sequence[RuleMapping]] | None = None,
) -> Scores:
    """Score the selected frameworks (all when empty) for each tenant.

    ``tenant_of`` maps resource id to tenant id; a finding whose resource has no tenant belongs
    to the only tenant when there is one. With no tenant at all, one tenant-less set of results
    is computed with the default profile (non-CII, category medium assumed). ``passed`` gives
    PASS verdicts that were counted instead of listed in ``findings`` (a grouped audit): per
    resource tenant (None: none) and rule id, how many; they score as PASS findings would.
    ``index`` is :func:`mapping_index` of ``rules`` when it was built already (see
    :func:`extend_index`).
    """
    catalogs = frameworks.select(selected)
    if index is None:
        index = mapping_index(rules, frameworks)
    owners = tenant_of or {}
    only = tenants[0].id if len(tenants) == 1 else None
    by_tenant: dict[str | None, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for finding in findings:
        owner = owners.get(finding.resource_id) or only
        by_tenant[owner][finding.rule_id].append(finding)
    extra: dict[str | None, dict[str, int]] = defaultdict(dict)
    for tenant_id, per_rule in (passed or {}).items():
        owner = tenant_id or only
        for rule_id, count in per_rule.items():
            extra[owner][rule_id] = extra[owner].get(rule_id, 0) + count
    subjects: list[Tenant | None] = list(tenants) or [None]
    results: list[FrameworkResult] = []
    grades: list[TenantGrade] = []
    for tenant in subjects:
        own = by_tenant.get(tenant.id if tenant else None, {})
        tallies: dict[str, RuleTally] = {}
        for rule_id, count in extra.get(tenant.id if tenant else None, {}).items():
            tally = tallies[rule_id] = RuleTally.of(own.get(rule_id, ()))
            tally.counts[Status.PASS.value] += count
        mine = [
            score_framework(
                catalog, index=index, findings=own, tenant=tenant, on=on, tallies=tallies
            )
            for catalog in catalogs
        ]
        results.extend(mine)
        profile = Profile.of(tenant)
        grades.append(
            tenant_grade(
                mine,
                tenant=profile.tenant,
                level=None if profile.level_assumed else profile.level,
                default=profile.level,
            )
        )
    return Scores(frameworks=tuple(results), grades=tuple(grades))
