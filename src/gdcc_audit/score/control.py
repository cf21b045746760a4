"""The status of one control from its rules' findings and the tenant's evidence (pure functions).

Order of decision (docs/frameworks.md):

1. outside the tenant's profile -> NOT_APPLICABLE;
2. any FAIL finding -> PARTIAL when some finding passed, else FAIL;
3. any ERROR finding -> ERROR (a crashed rule is never a pass);
4. any UNKNOWN finding -> ATTESTED with valid evidence, else MANUAL (unknown never passes);
5. any PASS finding -> PASS;
6. no finding decided anything -> ATTESTED with valid evidence, else MANUAL.

NOT_APPLICABLE findings are ignored, and so are waived findings (an active waiver accepts
the failure: the control is decided by its other findings as if the waived one were absent;
when nothing else decides it, it is ATTESTED with valid evidence, else MANUAL with the reason
"failures waived"). Their fingerprints are kept in ``ControlResult.waived``. Credit: PASS and
ATTESTED 1, FAIL 0, PARTIAL 0.5 x passed / (passed + failed + unknown + error) findings.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from gdcc_audit.frameworks.catalog import Catalog, ControlDef
from gdcc_audit.frameworks.registry import Frameworks
from gdcc_audit.models.common import Level, Severity, Text
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.framework import (
    ControlResult,
    ControlStatus,
    EvidenceUse,
    MappingKind,
    RuleMapping,
)
from gdcc_audit.models.rule import RuleMeta
from gdcc_audit.models.tenant import Tenant

#: Weight of a control from the highest severity of the rules mapped to it.
SEVERITY_WEIGHT: dict[Severity, float] = {
    Severity.INFO: 1.0,
    Severity.LOW: 1.0,
    Severity.MEDIUM: 2.0,
    Severity.HIGH: 3.0,
    Severity.CRITICAL: 4.0,
}
#: Weight of a control no rule maps to (decided by evidence or MANUAL).
DEFAULT_WEIGHT = SEVERITY_WEIGHT[Severity.MEDIUM]
#: The most a PARTIAL control can earn (when almost every finding passed).
PARTIAL_CAP = 0.5


@dataclass(frozen=True)
class _Entry:
    rule: RuleMeta
    kind: MappingKind
    via: str | None


def mapping_index(
    rules: Iterable[RuleMeta], frameworks: Frameworks
) -> dict[str, list[RuleMapping]]:
    """``FRAMEWORK:CONTROL -> rules`` that count for it, direct ones before crosswalk ones."""
    index: dict[str, dict[str, _Entry]] = {}
    extra: dict[str, set[str]] = frameworks.catalog_rules
    for meta in rules:
        direct = sorted({str(ref) for ref in meta.controls} | extra.get(meta.id, set()))
        for ref in direct:
            index.setdefault(ref, {})[meta.id] = _Entry(meta, MappingKind.DIRECT, None)
        for ref in direct:
            for target in sorted(frameworks.linked(ref)):
                slot = index.setdefault(target, {})
                if meta.id not in slot:
                    slot[meta.id] = _Entry(meta, MappingKind.CROSSWALK, ref)
    return {
        ref: sorted(
            (
                RuleMapping(rule_id=e.rule.id, kind=e.kind, via=e.via, severity=e.rule.severity)
                for e in entries.values()
            ),
            key=lambda m: (m.kind != MappingKind.DIRECT, m.rule_id),
        )
        for ref, entries in index.items()
    }


def extend_index(
    index: Mapping[str, Sequence[RuleMapping]],
    rules: Iterable[RuleMeta],
    frameworks: Frameworks,
) -> dict[str, list[RuleMapping]]:
    """:func:`mapping_index` of the rules ``index`` was built from and ``rules`` together,
    building again only the controls ``rules`` count for (the same lists; a bridged audit's
    index is its native rules', built while checkov runs, extended with the checkov checks
    it met). ``rules`` must be new to ``index``: a ValueError otherwise."""
    added = mapping_index(rules, frameworks)
    known = {m.rule_id for mappings in index.values() for m in mappings}
    again = sorted(known & {m.rule_id for mappings in added.values() for m in mappings})
    if again:
        raise ValueError(f"extend_index: rules already in the index: {', '.join(again)}")
    out = {ref: list(mappings) for ref, mappings in index.items()}
    for ref, mappings in added.items():
        out[ref] = sorted(
            [*out.get(ref, ()), *mappings],
            key=lambda m: (m.kind != MappingKind.DIRECT, m.rule_id),
        )
    return out


def _evidence(tenant: Tenant | None, ref: str, on: dt.date) -> tuple[EvidenceUse, ...]:
    if tenant is None:
        return ()
    return tuple(
        EvidenceUse(
            document=e.document,
            type=e.type.value,
            date=e.date,
            expires_on=e.expires_on(),
            valid=e.is_valid(on),
            attestor=e.attestor,
            system=e.system,
        )
        for e in tenant.evidence
        if ref in e.controls
    )


def _failing_level(
    systems: Iterable[str | None], tenant: Tenant | None, default: Level
) -> Level | None:
    """The highest level among the systems of the failing findings."""
    levels: list[Level] = []
    for name in systems:
        system = tenant.system(name) if tenant and name is not None else None
        levels.append(system.level if system and system.level else default)
    return max(levels, key=lambda v: v.rank) if levels else None


@dataclass
class RuleTally:
    """One rule's findings as a control needs them, computed once per rule and tenant (a rule
    counts for dozens of controls; walking its findings for each was most of scoring time)."""

    counts: Counter[str]
    failing: set[str]
    waived: set[str]
    fail_systems: set[str | None]

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> RuleTally:
        """Counts by status (waived and NOT_APPLICABLE left out) and fingerprints."""
        counts: Counter[str] = Counter()
        failing: set[str] = set()
        waived: set[str] = set()
        systems: set[str | None] = set()
        for f in findings:
            if f.status == Status.NOT_APPLICABLE:
                continue
            if f.waiver is not None:
                waived.add(f.fingerprint)
                continue
            counts[f.status.value] += 1
            if f.status in (Status.FAIL, Status.ERROR):
                failing.add(f.fingerprint)
            if f.status == Status.FAIL:
                systems.add(f.system)
        return cls(counts, failing, waived, systems)


_MANUAL = Text(
    en="no automated verdict and no valid evidence: an auditor must assess it",
    th="ไม่มีผลการตรวจอัตโนมัติและไม่มีหลักฐานที่ยังมีผล: ผู้ตรวจสอบต้องประเมิน",
)
#: The Thai reasons name a status in Thai only (ตัดสินไม่ได้, ข้อผิดพลาด: reports/i18n/th.yaml),
#: as the report's badges do; the English status name inside a Thai sentence read as a gloss.
_UNKNOWN = Text(
    en="rules could not decide (UNKNOWN: facts missing from the input) and no valid evidence",
    th="กฎตัดสินไม่ได้ (ข้อมูลนำเข้าไม่ครบ) และไม่มีหลักฐานที่ยังมีผล",
)
_WAIVED = Text(
    en="its only failures are waived (see the waiver register) and no valid evidence: "
    "an auditor must assess it",
    th="รายการที่ไม่ผ่านทั้งหมดได้รับการยกเว้น (ดูทะเบียนการยกเว้น) และไม่มีหลักฐานที่ยังมีผล: "
    "ผู้ตรวจสอบต้องประเมิน",
)
_ERROR = Text(
    en="a mapped rule crashed (ERROR finding)",
    th="กฎที่เกี่ยวข้องทำงานผิดพลาด (ผลการตรวจเป็นข้อผิดพลาด)",
)


def score_control(
    catalog: Catalog,
    control: ControlDef,
    *,
    mappings: Sequence[RuleMapping],
    findings: Mapping[str, Sequence[Finding]],
    tenant: Tenant | None,
    on: dt.date,
    not_applicable: Text | None,
    level: Level,
    tallies: dict[str, RuleTally] | None = None,
) -> ControlResult:
    """The result of one control. ``findings`` maps rule id to that rule's findings;
    ``tallies`` (one dict per tenant, shared by its controls) caches their per-rule counts."""
    fid = catalog.framework.id
    ref = f"{fid}:{control.id}"
    evidence = _evidence(tenant, ref, on)
    weight = max((SEVERITY_WEIGHT[m.severity] for m in mappings), default=DEFAULT_WEIGHT)
    instrument = control.instrument or catalog.framework.instrument
    base = {
        "framework": fid,
        "control": control.id,
        "title": control.title,
        "parent": control.parent,
        "weight": weight,
        "mappings": tuple(mappings),
        "evidence": evidence,
        "source": f"{instrument.en}, {control.clause}" if instrument and control.clause else None,
        "confidence": control.confidence or catalog.framework.confidence,
    }
    if not_applicable is not None:
        return ControlResult(
            **base, status=ControlStatus.NOT_APPLICABLE, credit=0.0, reason=not_applicable
        )
    cache = tallies if tallies is not None else {}
    counts: Counter[str] = Counter()
    failing_set: set[str] = set()
    waived_set: set[str] = set()
    fail_systems: set[str | None] = set()
    for m in mappings:
        tally = cache.get(m.rule_id)
        if tally is None:
            tally = cache[m.rule_id] = RuleTally.of(findings.get(m.rule_id, ()))
        counts.update(tally.counts)
        failing_set |= tally.failing
        waived_set |= tally.waived
        fail_systems |= tally.fail_systems
    waived = tuple(sorted(waived_set))
    failing = tuple(sorted(failing_set))
    base |= {"findings": dict(sorted(counts.items())), "failing": failing, "waived": waived}
    passed, failed = counts[Status.PASS.value], counts[Status.FAIL.value]
    attested = any(e.valid for e in evidence)
    if failed:
        worst = _failing_level(fail_systems, tenant, level)
        if passed:
            credit = PARTIAL_CAP * passed / sum(counts.values())
            return ControlResult(
                **base, status=ControlStatus.PARTIAL, credit=credit, failing_level=worst
            )
        return ControlResult(**base, status=ControlStatus.FAIL, credit=0.0, failing_level=worst)
    if counts[Status.ERROR.value]:
        return ControlResult(**base, status=ControlStatus.ERROR, credit=0.0, reason=_ERROR)
    if counts[Status.UNKNOWN.value] or not passed:
        if attested:
            return ControlResult(**base, status=ControlStatus.ATTESTED, credit=1.0)
        reason = _UNKNOWN if counts[Status.UNKNOWN.value] else _WAIVED if waived else _MANUAL
        return ControlResult(**base, status=ControlStatus.MANUAL, credit=0.0, reason=reason)
    return ControlResult(**base, status=ControlStatus.PASS, credit=1.0)
