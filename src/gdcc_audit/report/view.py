"""What the HTML and PDF reports show, computed once from an AuditResult for one language.

Templates only lay this out; every grouping, ordering and formatting decision is made here so
it can be tested without parsing HTML.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from gdcc_audit.models.common import Severity
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.framework import ControlResult, ControlStatus, FrameworkResult, TenantGrade
from gdcc_audit.models.reason_words import reason_th
from gdcc_audit.models.result import AuditResult, InputFile, InputStatus
from gdcc_audit.models.rule import RuleMeta, RulePack
from gdcc_audit.models.tenant import Tenant
from gdcc_audit.models.waiver import WaiverRecord, WaiverState
from gdcc_audit.report import figures
from gdcc_audit.report.attack_paths import attack_path, system_overview
from gdcc_audit.report.coverage import companion_rows, decided_groups, warning_rows
from gdcc_audit.report.document import build_document
from gdcc_audit.report.i18n import (
    FiscalQuarter,
    Translator,
    format_date,
    format_datetime,
    local_time,
)
from gdcc_audit.report.labels import other_name, resource_label
from gdcc_audit.report.paths import NO_ROOT, ScanRoot
from gdcc_audit.report.unmapped import checkov_view
from gdcc_audit.report.view_models import (
    Bar,
    ControlRow,
    EvidenceRow,
    FindingRow,
    FrameworkView,
    GradeView,
    InputRow,
    ManualControl,
    ManualGroup,
    ReportView,
    Risk,
    RuleGroup,
    SeverityGroup,
    SystemView,
    TenantView,
    WaivedFinding,
    WaiverRow,
)

SEVERITIES_DOWN = tuple(reversed(Severity))
TOP_RISKS = 5
_EVIDENCE_CHARS = 400
_NAMES_IN_RISK = 3
#: Controls the framework tables leave out: MANUAL ones have their own section, and
#: NOT_APPLICABLE ones are outside the tenant's profile (their count is in the bar).
_NOT_TABLED = frozenset({ControlStatus.MANUAL, ControlStatus.NOT_APPLICABLE})


def percent(value: float | None, lang: str) -> str:
    """``87 %`` style; ``–`` when there is no value."""
    if value is None:
        return "–"
    return f"{value * 100:.0f}%" if lang == "en" else f"{value * 100:.0f} %"


def _bars(counts: dict[str, int], labels: dict[str, str]) -> tuple[Bar, ...]:
    total = sum(counts.values())
    return tuple(
        Bar(key, labels[key], count, round(100 * count / total, 2) if total else 0.0)
        for key, count in counts.items()
        if count
    )


#: Evidence keys shown as a figure rather than as text.
_DRAWN_EVIDENCE = frozenset({"path_hops", "path_certain"})


def _evidence(evidence: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    items = []
    for key in sorted(evidence):
        if key in _DRAWN_EVIDENCE:
            continue  # drawn as the attack-path figure; the path text stays
        value = evidence[key]
        text = (
            value
            if isinstance(value, str)
            else json.dumps(value, ensure_ascii=False, sort_keys=True)
        )
        if len(text) > _EVIDENCE_CHARS:
            text = text[:_EVIDENCE_CHARS] + "…"
        items.append((str(key), text))
    return tuple(items)


def _sector(sector: str | None, t: Translator) -> str | None:
    """A CII sector of the manifest (``public_health``) in the report's language (``ด้าน
    สาธารณสุข``, ``public health``); one the catalog does not name, as written."""
    if sector is None:
        return None
    key = f"cii_sector.{sector.strip().lower()}"
    return t(key) if key in t.strings else sector


def _tenant(tenant: Tenant, t: Translator) -> TenantView:
    th = t.lang == "th"
    agency = tenant.agency
    return TenantView(
        id=tenant.id,
        agency=agency.name_th if th else agency.name_en,
        agency_other=agency.name_en if th else agency.name_th,
        ministry=agency.ministry_th if th else agency.ministry_en,
        code=agency.code,
        cii=tenant.cii.designated,
        cii_sector=_sector(tenant.cii.sector, t),
        systems=tuple(
            SystemView(
                id=s.id,
                name=s.name_th if th else s.name_en,
                other_name=s.name_en if th else s.name_th,
                level=t(f"level.{s.level.value}") if s.level else t("common.not_set"),
                classification=(
                    t(f"classification.{s.data_classification.value}")
                    if s.data_classification
                    else t("common.not_set")
                ),
                personal_data=s.personal_data,
            )
            for s in tenant.systems
        ),
    )


def _grade(grade: TenantGrade, t: Translator) -> GradeView:
    return GradeView(
        tenant=grade.tenant,
        letter=grade.letter,
        score=percent(grade.score, t.lang),
        coverage=percent(grade.coverage, t.lang),
        coverage_pct=round(grade.coverage * 100, 2),
        provisional=grade.provisional,
        level=t(f"level.{grade.level.value}") if grade.level else t("common.not_set"),
        note=grade.note.get(t.lang) if grade.note else None,
    )


def _control_row(control: ControlResult, t: Translator) -> ControlRow:
    counts = ", ".join(
        f"{t('status.' + status)} {count}" for status, count in sorted(control.findings.items())
    )
    return ControlRow(
        id=control.control,
        title=control.title.get(t.lang),
        status=control.status.value,
        status_label=t(f"control_status.{control.status.value}"),
        rules=", ".join(dict.fromkeys(control.rule_ids)),
        findings=counts,
        reason=control.reason.get(t.lang) if control.reason else None,
    )


#: A catalog's version as its file writes it: ``2544 (am. 2561)``, ``2025-draft``.
_AMENDED = re.compile(r"^(?P<version>.+?) \(am\. (?P<year>\d{4})\)$")
_DRAFT = re.compile(r"^(?P<version>.+?)-draft$")


def version_text(version: str, t: Translator) -> str:
    """A catalog's version in the report's language: its file's English abbreviations
    ``2544 (am. 2561)`` and ``2025-draft`` were left in the Thai report (the frameworks'
    headings, the methodology and the appendix): ``2544 (แก้ไขเพิ่มเติม 2561)``,
    ``2025 (ร่าง)``. The JSON result keeps the catalog's own text."""
    if found := _AMENDED.match(version):
        return t("summary.version_amended", version=found["version"], year=found["year"])
    if found := _DRAFT.match(version):
        return t("summary.version_draft", version=found["version"])
    return version


def _framework(fw: FrameworkResult, t: Translator) -> FrameworkView:
    labels = {s.value: t(f"control_status.{s.value}") for s in ControlStatus}
    counts = {s.value: fw.counts.get(s, 0) for s in ControlStatus}
    return FrameworkView(
        id=fw.framework,
        tenant=fw.tenant,
        title=fw.title.get(t.lang),
        version=version_text(fw.version, t),
        draft=fw.status.value == "draft",
        profile=fw.profile.get(t.lang),
        score=percent(fw.score, t.lang),
        score_pct=round((fw.score or 0) * 100, 2),
        coverage=percent(fw.coverage, t.lang),
        coverage_pct=round(fw.coverage * 100, 2),
        automated_coverage=percent(fw.automated_coverage, t.lang),
        applicable=fw.applicable,
        assessable=fw.assessable,
        bars=_bars(counts, labels),
        controls=tuple(_control_row(c, t) for c in fw.controls if c.status not in _NOT_TABLED),
        manual=counts[ControlStatus.MANUAL.value],
    )


def _row(
    finding: Finding,
    t: Translator,
    lapsed: dict[str, WaiverRecord] | None = None,
    root: ScanRoot = NO_ROOT,
) -> FindingRow:
    notes = []
    if finding.baseline:
        notes.append(t("findings.known"))
    record = (lapsed or {}).get(finding.fingerprint)
    if record is not None and finding.is_failure and not finding.is_waived:
        notes.append(
            t(
                f"findings.waiver_{record.state.value}",
                id=record.id,
                date=format_date(
                    record.expires
                    if record.state == WaiverState.EXPIRED
                    else record.approved_on or record.expires,
                    t.lang,
                ),
            )
        )
    return FindingRow(
        notes=tuple(notes),
        resource=resource_label(finding.resource_name, finding.address),
        resource_id=finding.resource_id,
        address=finding.address,
        name=other_name(finding.resource_name, finding.address),
        system=finding.system,
        location=root.path(str(finding.location)) if finding.location else None,
        status=finding.status.value,
        status_label=t(f"status.{finding.status.value}"),
        message=root.text(finding.message.get(t.lang)),
        evidence=tuple((key, root.text(text)) for key, text in _evidence(finding.evidence)),
        fingerprint=finding.fingerprint,
        attack_path=attack_path(finding.evidence, t("graph.internet")),
        called_at=" → ".join(map(root.path, finding.module_calls)) or None,
    )


def _rule_groups(
    findings: Iterable[Finding],
    rules: dict[str, RuleMeta],
    t: Translator,
    lapsed: dict[str, WaiverRecord] | None = None,
    root: ScanRoot = NO_ROOT,
) -> tuple[RuleGroup, ...]:
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_rule[finding.rule_id].append(finding)
    groups = []
    for rule_id in sorted(by_rule):
        meta = rules.get(rule_id)
        first = by_rule[rule_id][0]
        groups.append(
            RuleGroup(
                rule_id=rule_id,
                title=meta.title.get(t.lang) if meta else first.message.get(t.lang),
                rationale=meta.rationale.get(t.lang) if meta else "",
                remediation=meta.remediation.get(t.lang) if meta else "",
                controls=", ".join(str(c) for c in meta.controls) if meta else "",
                rows=tuple(_row(f, t, lapsed, root) for f in by_rule[rule_id]),
            )
        )
    return tuple(groups)


def _risks(
    failures: Sequence[Finding], rules: dict[str, RuleMeta], t: Translator
) -> tuple[Risk, ...]:
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in failures:
        by_rule[finding.rule_id].append(finding)
    ranked = sorted(
        by_rule.items(),
        key=lambda item: (-max(f.severity.rank for f in item[1]), -len(item[1]), item[0]),
    )
    risks = []
    for rule_id, found in ranked[:TOP_RISKS]:
        meta = rules.get(rule_id)
        severity = max((f.severity for f in found), key=lambda s: s.rank)
        names = list(dict.fromkeys(resource_label(f.resource_name, f.address) for f in found))
        shown = ", ".join(names[:_NAMES_IN_RISK])
        if len(names) > _NAMES_IN_RISK:
            shown = t("risks.and_more", names=shown, more=len(names) - _NAMES_IN_RISK)
        risks.append(
            Risk(
                rule_id=rule_id,
                severity=severity.value,
                severity_label=t(f"severity.{severity.value}"),
                title=meta.title.get(t.lang) if meta else found[0].message.get(t.lang),
                rationale=meta.rationale.get(t.lang) if meta else "",
                count=len(names),
                resources=shown,
            )
        )
    return tuple(risks)


def _manual(frameworks: Sequence[FrameworkResult], t: Translator) -> tuple[ManualGroup, ...]:
    groups = []
    for fw in frameworks:
        rows = []
        for control in fw.controls:
            if control.status not in (ControlStatus.MANUAL, ControlStatus.ATTESTED):
                continue
            evidence = tuple(
                t(
                    "manual.evidence_item",
                    document=e.document,
                    date=format_date(e.date, t.lang),
                    expires=format_date(e.expires_on, t.lang),
                    state=t("evidence.valid") if e.valid else t("evidence.expired"),
                )
                for e in control.evidence
            )
            rows.append(
                ManualControl(
                    framework=fw.framework,
                    id=control.control,
                    title=control.title.get(t.lang),
                    status=control.status.value,
                    status_label=t(f"control_status.{control.status.value}"),
                    evidence=evidence,
                    reason=control.reason.get(t.lang) if control.reason else None,
                )
            )
        if rows:
            title = fw.title.get(t.lang)
            if fw.tenant and len({f.tenant for f in frameworks}) > 1:
                title = f"{title} – {fw.tenant}"
            groups.append(_manual_group(fw.framework, title, rows))
    return tuple(groups)


def _manual_group(framework: str, title: str, rows: Sequence[ManualControl]) -> ManualGroup:
    manual = [r for r in rows if r.status == ControlStatus.MANUAL.value]
    reasons = Counter(r.reason for r in manual if r.reason)
    common = reasons.most_common(1)[0][0] if reasons else None
    return ManualGroup(
        framework=framework,
        title=title,
        attested=tuple(r for r in rows if r.status != ControlStatus.MANUAL.value),
        manual=tuple(replace(r, reason=None) if r.reason == common else r for r in manual),
        common_reason=common,
    )


def _evidence_rows(result: AuditResult, t: Translator) -> tuple[EvidenceRow, ...]:
    today = local_time(result.scanned_at).date()
    rows = []
    for tenant in result.tenants:
        for item in sorted(tenant.evidence, key=lambda e: (e.date, e.document)):
            valid = item.is_valid(today)
            rows.append(
                EvidenceRow(
                    tenant=tenant.id,
                    type=t(f"evidence_type.{item.type.value}"),
                    document=item.document,
                    date=format_date(item.date, t.lang),
                    expires=format_date(item.expires_on(), t.lang),
                    valid=valid,
                    status_label=t("evidence.valid") if valid else t("evidence.expired"),
                    attestor=item.attestor,
                    controls=", ".join(item.controls),
                    sha256=item.sha256,
                )
            )
    return tuple(rows)


def _status_label(item: InputFile, t: Translator) -> str:
    """The input's state in the report's language; an excluded one names its pattern."""
    label = t(f"input_status.{item.status.value}")
    pattern = item.excluded_by
    if pattern is None and item.error:
        # A result written before ``excluded_by`` existed names the pattern in its error.
        pattern = item.error.partition('"')[2].removesuffix('"')
    if item.status == InputStatus.EXCLUDED and pattern:
        label = f"{label} ({pattern})"
    return label


def _input(item: InputFile, t: Translator, root: ScanRoot = NO_ROOT) -> InputRow:
    return InputRow(
        path=root.path(item.path),
        format=item.format or "–",
        status=item.status.value,
        status_label=_status_label(item, t),
        resources=item.resources,
        sha256=item.sha256 or "–",
        error="; ".join([item.error or "", *item.additional_errors]).strip("; ") or None,
        errors=tuple(e for e in (item.error, *item.additional_errors) if e),
        where=root.path(item.path)
        + (f":{item.line}" if item.line else "")
        + (f":{item.column}" if item.line and item.column else ""),
    )


def _pack_rules(pack: RulePack, t: Translator) -> str:
    """How many of a pack's rules the audit evaluated: ``130``, or ``2 of 130`` when a
    selection (``--rules``, ``--tag``, ...) chose some (Thai ``2 จาก 130 ข้อ``)."""
    if pack.pack_rules is None:
        return str(pack.rules)
    return t("methodology.pack_part", rules=pack.rules, of=pack.pack_rules)


def _rules_text(result: AuditResult, t: Translator) -> str:
    """The methodology's sentence on the rules (docs/reports.md, "Rule packs"): ``Rules: 130
    from the rule pack gdcc-core 2026.12.``; after a selection ``Rules: 2 of the 130 in the
    rule pack gdcc-core 2026.12, selected by rule id. Scores, coverage and the grade count
    these rules only.`` It said ``Rules: 2 from the rule pack gdcc-core 2026.11.``: the
    version of the chosen rules' files, an older release than the one that ran, and nothing
    said that the audit's scores stand on 2 rules."""
    packs = result.rule_packs
    if not packs:
        return ""
    total = sum(p.rules for p in packs)
    by = result.selected_by
    if not by:
        if len(packs) == 1:
            return t("methodology.rules", rules=total, packs=packs[0].label())
        labels = ", ".join(p.label() for p in packs)
        return t("methodology.rules_many", rules=total, count=len(packs), packs=labels)
    chosen = selection_words(by, t)
    if len(packs) == 1 and packs[0].pack_rules is not None:
        text = t(
            "methodology.rules_selected_of",
            rules=total, by=chosen, of=packs[0].pack_rules, packs=packs[0].label(),
        )
    elif len(packs) == 1:
        text = t("methodology.rules_selected", rules=total, by=chosen, packs=packs[0].label())
    else:
        labels = ", ".join(f"{p.label()} ({_pack_rules(p, t)})" for p in packs)
        text = t(
            "methodology.rules_selected_many",
            rules=total, by=chosen, count=len(packs), packs=labels,
        )
    return f"{text} {t('methodology.selected_scores')}"


def selection_words(by: tuple[str, ...], t: Translator) -> str:
    """The settings that chose the rules, in words: ``rule id and tag``, ``rule id, tag and
    minimum severity`` (Thai ``รหัสกฎและแท็ก``, ``รหัสกฎ แท็ก และระดับความรุนแรงขั้นต่ำ``)."""
    words = [t(f"methodology.by_{key}") for key in by]
    if len(words) == 1:
        return words[0]
    if len(words) == 2:
        return t("methodology.by_two", a=words[0], b=words[1])
    text = words[0]
    for word in words[1:-1]:
        text = t("methodology.by_more", a=text, b=word)
    return t("methodology.by_last", a=text, b=words[-1])


def _selection_note(result: AuditResult, t: Translator) -> str:
    """The summary's grade card after a selection (``--rules``, ``--tag``, ...): ``Evaluated
    with 2 of the 130 rules only (selected by rule id): the grade and scores count these.``
    Only the methodology said it, on page 9, under a grade drawn from 2 rules."""
    by = result.selected_by
    packs = result.rule_packs
    if not by or not packs:
        return ""
    rules = sum(p.rules for p in packs)
    if any(p.pack_rules is not None for p in packs):
        whole = sum(p.pack_rules or p.rules for p in packs)
        return t("summary.selected_of", rules=rules, of=whole, by=selection_words(by, t))
    return t("summary.selected", rules=rules, by=selection_words(by, t))


def _file_versions(versions: dict[str, int], version: str | None = None) -> str:
    """``2026.11: 77, 2026.12: 53``: the versions a pack's files carry and the rules from
    each, when they are not all one, or when their one version is not the pack's (a
    selection of rules from its 2026.11 files, the pack 2026.12); empty otherwise."""
    if len(versions) > 1 or (len(versions) == 1 and version not in versions):
        return ", ".join(f"{v}: {n}" for v, n in versions.items())
    return ""


def _waiver_names(
    record: WaiverRecord, waived: tuple[WaivedFinding, ...]
) -> tuple[tuple[str, str | None], ...]:
    """(address, system) of each resource the waiver names, each once: from its findings,
    else from the addresses the register kept (a result whose findings were left out)."""
    if waived:
        return tuple(dict.fromkeys((f.resource, f.system) for f in waived))
    return tuple((address, None) for address in dict.fromkeys(record.addresses))


def _waiver_rows(
    result: AuditResult, t: Translator, root: ScanRoot = NO_ROOT
) -> tuple[WaiverRow, ...]:
    by_fingerprint = {f.fingerprint: f for f in result.findings}
    order = {WaiverState.EXPIRED: 0, WaiverState.PENDING: 1, WaiverState.ACTIVE: 2}
    rows = []
    for record in sorted(result.waivers, key=lambda w: (order.get(w.state, 3), w.expires, w.id)):
        found = [by_fingerprint[fp] for fp in record.matched if fp in by_fingerprint]
        waived = tuple(
            WaivedFinding(
                rule_id=f.rule_id,
                resource=resource_label(f.resource_name, f.address),
                resource_id=f.resource_id,
                severity=f.severity.value,
                severity_label=t(f"severity.{f.severity.value}"),
                message=root.text(f.message.get(t.lang)),
                fingerprint=f.fingerprint,
                name=other_name(f.resource_name, f.address),
                system=f.system,
            )
            for f in found
        )
        rows.append(
            WaiverRow(
                id=record.id,
                state=record.state.value,
                state_label=t(f"waiver_state.{record.state.value}"),
                rule=record.rule,
                resource=record.resource,
                fingerprint=record.fingerprint,
                reason=record.reason,
                approver=record.approver,
                approved_on=format_date(record.approved_on, t.lang)
                if record.approved_on
                else t("common.not_set"),
                expires=format_date(record.expires, t.lang),
                document=record.document,
                sha256=record.sha256,
                where=root.path(record.file) + (f":{record.line}" if record.line else ""),
                findings=waived,
                names=_waiver_names(record, waived),
            )
        )
    return tuple(rows)


def build_view(result: AuditResult, t: Translator) -> ReportView:
    """The report content of ``result`` in the translator's language."""
    rules = {r.id: r for r in result.rules}
    root = ScanRoot.of(result)
    # Waived findings are listed in the waiver register, not among the failures.
    failures = [f for f in result.findings if f.is_failure and not f.is_waived]
    lapsed = {
        fp: w
        for w in result.waivers
        if w.state in (WaiverState.EXPIRED, WaiverState.PENDING)
        for fp in w.matched
    }
    quarter = FiscalQuarter.of(local_time(result.scanned_at).date())
    severity_labels = {s.value: t(f"severity.{s.value}") for s in SEVERITIES_DOWN}
    severity_counts = {
        s.value: sum(1 for f in failures if f.severity == s) for s in SEVERITIES_DOWN
    }
    status_labels = {s.value: t(f"status.{s.value}") for s in Status}
    groups = []
    for severity in SEVERITIES_DOWN:
        found = [f for f in failures if f.severity == severity]
        if found:
            groups.append(
                SeverityGroup(
                    severity=severity.value,
                    label=severity_labels[severity.value],
                    count=len(found),
                    rules=_rule_groups(found, rules, t, lapsed, root),
                )
            )
    # One row per pack, named with its newest file version (docs/reports.md, "Rule packs")
    packs = tuple(
        (pack.label(), _pack_rules(pack, t), _file_versions(pack.file_versions, pack.version))
        for pack in result.rule_packs
    )
    catalogs = {
        fw.framework: (fw.framework, fw.title.get(t.lang), version_text(fw.version, t))
        for fw in result.frameworks
    }
    drawn = (
        figures.scores_figure(result.frameworks, t),
        figures.controls_figure(result.frameworks, t),
        figures.severity_figure(failures, result.tenants, t),
        figures.status_figure(result, t),
    )
    return ReportView(
        figures=tuple(f for f in drawn if f is not None),
        document=build_document(result, t),
        checkov=checkov_view(result, t.lang),
        lang=t.lang,
        title=t("report.title"),
        period=quarter.label(t.lang),
        period_months=quarter.months(t.lang),
        scanned=format_datetime(result.scanned_at, t.lang),
        scanned_iso=result.scanned_at.isoformat(),
        tool_version=result.tool_version,
        schema_version=result.schema_version,
        tenants=tuple(_tenant(tenant, t) for tenant in result.tenants),
        grades=tuple(
            _grade(g, t) for g in (result.grades or ((result.grade,) if result.grade else ()))
        ),
        frameworks=tuple(_framework(fw, t) for fw in result.frameworks),
        status_counts=_bars({s.value: n for s, n in result.counts().items()}, status_labels),
        severity_bars=_bars(severity_counts, severity_labels),
        failures=len(failures),
        resources=len(result.resources),
        files_assessed=sum(1 for i in result.inputs if i.status == InputStatus.ASSESSED),
        risks=_risks(failures, rules, t),
        severity_groups=tuple(groups),
        undecided=_rule_groups(
            (f for f in result.findings if f.status == Status.UNKNOWN), rules, t, root=root
        ),
        manual_controls=_manual(result.frameworks, t),
        evidence=_evidence_rows(result, t),
        not_assessed=tuple(_input(i, t, root) for i in result.not_assessed),
        inputs=tuple(_input(i, t, root) for i in result.inputs),
        scan_root=root.root,
        packs=packs,
        rules_text=_rules_text(result, t),
        selection=_selection_note(result, t),
        catalogs=tuple(catalogs[k] for k in sorted(catalogs)),
        waivers=_waiver_rows(result, t, root),
        not_judged=tuple(sorted(result.not_judged.items(), key=lambda i: (-i[1], i[0]))),
        not_judged_why=decided_groups(result, t.lang),
        companions_without_target=tuple(
            (root.path(path), address) for path, address in companion_rows(result)
        ),
        input_warnings=tuple(
            (root.path(path), root.text(text)) for path, text in warning_rows(result)
        ),
        read_for_context=tuple(
            (name, use.count, ", ".join(use.used_by))
            for name, use in sorted(
                result.read_for_context.items(), key=lambda i: (-i[1].count, i[0])
            )
        ),
        modules_not_read=tuple(
            (
                m.address + (f" ({m.source})" if m.source else ""),
                root.path(m.path) + (f":{m.line}" if m.line else ""),
                root.text(reason_th(m.reason) if t.lang == "th" else m.reason),
            )
            for m in result.modules_not_read
        ),
        init_hint=any(m.reason.startswith("remote source") for m in result.modules_not_read),
        graph_overview=system_overview(result, t),
        waived=len(result.waived),
        baseline=t(
            "summary.baseline",
            new=result.baseline.new,
            known=result.baseline.known,
            date=format_datetime(result.baseline.scanned_at, t.lang)
            if result.baseline.scanned_at
            else result.baseline.path,
        )
        if result.baseline
        else None,
    )
