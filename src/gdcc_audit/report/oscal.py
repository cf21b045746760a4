"""OSCAL 1.1.2 assessment-results: the audit as machine-readable assessment evidence.

One OSCAL ``result`` per tenant and framework (or one over the rules' own control references
when no framework results exist). Every decided finding (FAIL, ERROR, PASS) is an
``observation`` whose subject is the resource; every assessable control is an OSCAL ``finding``
targeting the control with state ``satisfied`` or ``not-satisfied``. UUIDs are derived from the
content (UUID v5), so the same result always gives the same document.

A waived finding stays an observation (with ``waiver-*`` props) and gets a ``risk`` with status
``deviation-approved``, the waiver's reason as statement and its expiry as deadline; controls
are decided without it, as in the score (docs/waivers.md).
"""

from __future__ import annotations

import json
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import IO, Any, cast

from gdcc_audit.models.checkov import UnmappedCheck
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.framework import ControlStatus, FrameworkResult
from gdcc_audit.models.result import AuditResult
from gdcc_audit.models.rule import RuleMeta, RulePack
from gdcc_audit.report.common import INFORMATION_URI, TOOL_NAME, rule_index
from gdcc_audit.report.interface import Reporter, ReportOptions
from gdcc_audit.report.redact import redact_result
from gdcc_audit.report.unmapped import message, unmapped

OSCAL_VERSION = "1.1.2"
NAMESPACE = "https://github.com/gdcc-audit/gdcc-audit/ns/oscal"
_UUID_NAMESPACE = uuid.UUID("6f1d2c1e-4b8e-5d5a-9a43-6c1f0e7d2b10")
_NIST_ID = re.compile(r"^([A-Za-z]{2})-(\d+)(?:\((\d+)\))?$")
_TOKEN_BAD = re.compile(r"[^A-Za-z0-9_.\-]")

_SATISFIED = {ControlStatus.PASS, ControlStatus.ATTESTED}
_NOT_SATISFIED = {ControlStatus.FAIL, ControlStatus.PARTIAL, ControlStatus.ERROR}
_OBSERVED = (Status.FAIL, Status.ERROR, Status.PASS)


def _uuid(*parts: object) -> str:
    return str(uuid.uuid5(_UUID_NAMESPACE, "\x1f".join(str(p) for p in parts)))


def control_token(framework: str, control: str) -> str:
    """An OSCAL control-id token: NIST ids as in NIST's catalog (``SC-7(1)`` → ``sc-7.1``),
    others prefixed with their framework so they start with a letter (``th-ncsc-2564_22.1.4``)."""
    if framework.upper().startswith("NIST-800-53"):
        match = _NIST_ID.match(control)
        if match:
            family, number, enhancement = match.groups()
            return f"{family.lower()}-{number}" + (f".{enhancement}" if enhancement else "")
    return _TOKEN_BAD.sub("_", f"{framework.lower()}_{control}")


def _line(text: str) -> str:
    """A one-line, non-empty string (OSCAL titles and property values)."""
    return " ".join(text.split()) or "-"


def _prop(name: str, value: object) -> dict[str, str]:
    return {"name": name, "ns": NAMESPACE, "value": _line(str(value))}


def _observation(
    finding: Finding, meta: RuleMeta | None, scanned: str, lang: str
) -> dict[str, Any]:
    title = meta.title.get(lang) if meta else finding.rule_id
    props = [
        _prop("rule-id", finding.rule_id),
        _prop("status", finding.status.value),
        _prop("severity", finding.severity.value),
        _prop("fingerprint", finding.fingerprint),
    ]
    if finding.location is not None:
        props.append(_prop("location", str(finding.location)))
    if finding.waiver is not None:
        props.append(_prop("waiver-id", finding.waiver.id))
        props.append(_prop("waiver-approver", finding.waiver.approver))
        props.append(_prop("waiver-expires", finding.waiver.expires.isoformat()))
    if finding.baseline:
        props.append(_prop("baseline", "known"))
    observation: dict[str, Any] = {
        "uuid": _uuid("observation", finding.fingerprint, scanned),
        "title": _line(f"{finding.rule_id} {title}"),
        "description": finding.message.get(lang),
        "props": props,
        "methods": ["TEST"],
        "types": ["finding" if finding.is_failure else "control-objective"],
        "subjects": [
            {
                "subject-uuid": _uuid("resource", finding.resource_id),
                "type": "resource",
                "title": _line(finding.resource_id),
            }
        ],
        "collected": scanned,
    }
    if finding.evidence:
        observation["remarks"] = json.dumps(finding.evidence, ensure_ascii=False, sort_keys=True)
    return observation


def _risk(finding: Finding, observation: str, scanned: str, lang: str) -> dict[str, Any]:
    assert finding.waiver is not None
    waiver = finding.waiver
    approved = f", approved {waiver.approved_on.isoformat()}" if waiver.approved_on else ""
    document = f"; document: {waiver.document}" if waiver.document else ""
    return {
        "uuid": _uuid("risk", finding.fingerprint, waiver.id, scanned),
        # the resource by its native address, as every report names it (the id without one)
        "title": _line(
            f"{finding.rule_id} on {finding.address or finding.resource_id} (waiver {waiver.id})"
        ),
        "description": finding.message.get(lang),
        "statement": _line(f"{waiver.reason} (approver {waiver.approver}{approved}{document})"),
        "props": [_prop("waiver-id", waiver.id), _prop("fingerprint", finding.fingerprint)],
        "status": "deviation-approved",
        "deadline": f"{waiver.expires.isoformat()}T23:59:59+07:00",
        "related-observations": [{"observation-uuid": observation}],
    }


def _framework_findings(
    fw: FrameworkResult,
    by_rule: dict[str, list[Finding]],
    observed: dict[str, str],
    lang: str,
    scanned: str,
) -> tuple[list[str], list[dict[str, Any]]]:
    controls, findings = [], []
    for control in fw.controls:
        if control.status == ControlStatus.NOT_APPLICABLE:
            continue
        token = control_token(fw.framework, control.control)
        controls.append(token)
        if control.status in _SATISFIED:
            state = "satisfied"
        elif control.status in _NOT_SATISFIED:
            state = "not-satisfied"
        else:
            continue  # MANUAL: nothing decided, the control is only listed as reviewed
        related = [observed[fp] for fp in control.failing if fp in observed]
        if state == "satisfied":
            related = [
                observed[f.fingerprint]
                for rule_id in control.rule_ids
                for f in by_rule.get(rule_id, ())
                if f.status == Status.PASS and f.fingerprint in observed
            ]
        entry: dict[str, Any] = {
            "uuid": _uuid("finding", fw.tenant, fw.framework, control.control, scanned),
            "title": _line(f"{control.control} {control.title.get(lang)}"),
            "description": _line(
                f"{control.status.value}: "
                + (control.reason.get(lang) if control.reason else control.title.get(lang))
            ),
            "props": [_prop("control-status", control.status.value)],
            "target": {
                "type": "objective-id",
                "target-id": token,
                "status": {"state": state},
            },
        }
        if related:
            entry["related-observations"] = [
                {"observation-uuid": u} for u in dict.fromkeys(related)
            ]
        findings.append(entry)
    return controls, findings


def _rule_findings(
    rules: Iterable[RuleMeta],
    by_rule: dict[str, list[Finding]],
    observed: dict[str, str],
    scanned: str,
) -> tuple[list[str], list[dict[str, Any]]]:
    """Control verdicts straight from the rules' own control references (no framework results)."""
    per_control: dict[str, list[Finding]] = defaultdict(list)
    names: dict[str, str] = {}
    for meta in rules:
        for ref in meta.controls:
            token = control_token(ref.framework, ref.control)
            names[token] = str(ref)
            per_control[token].extend(by_rule.get(meta.id, ()))
    findings = []
    for token in sorted(per_control):
        decided = [f for f in per_control[token] if f.status in _OBSERVED]
        if not decided:
            continue
        failing = [f for f in decided if f.is_failure and not f.is_waived]
        entry: dict[str, Any] = {
            "uuid": _uuid("finding", token, scanned),
            "title": names[token],
            "description": f"{len(failing)} of {len(decided)} decided checks failed",
            "target": {
                "type": "objective-id",
                "target-id": token,
                "status": {"state": "not-satisfied" if failing else "satisfied"},
            },
            "related-observations": [
                {"observation-uuid": observed[f.fingerprint]}
                for f in (failing or decided)
                if f.fingerprint in observed
            ],
        }
        findings.append(entry)
    return sorted(per_control), findings


def _unmapped_observation(item: UnmappedCheck, scanned: str, lang: str) -> dict[str, Any]:
    props = [
        _prop("rule-id", item.check_id),
        _prop("status", "UNMAPPED"),
        _prop("unmapped", "true"),
    ]
    if item.location is not None:
        props.append(_prop("location", str(item.location)))
    subject = item.resource_id or item.resource
    return {
        "uuid": _uuid("unmapped", item.check_id, subject, str(item.location), scanned),
        "title": _line(f"{item.check_id} {item.check_name}"),
        "description": message(item, lang),
        "props": props,
        "methods": ["TEST"],
        "types": ["finding"],
        "subjects": [
            {
                "subject-uuid": _uuid("resource", subject),
                "type": "resource",
                "title": _line(subject),
            }
        ],
        "collected": scanned,
    }


def to_oscal(result: AuditResult, lang: str = "en") -> dict[str, Any]:
    """The OSCAL assessment-results document of ``result`` as a JSON-ready dict."""
    result = redact_result(result)
    scanned = result.scanned_at.isoformat()
    rules = rule_index(result)
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_rule[finding.rule_id].append(finding)
    observations = [
        _observation(f, rules.get(f.rule_id), scanned, lang)
        for f in result.findings
        if f.status in _OBSERVED
    ]
    observed = {
        f.fingerprint: o["uuid"]
        for f, o in zip(
            (f for f in result.findings if f.status in _OBSERVED), observations, strict=True
        )
    }
    results = []
    tenant_name = ", ".join(t.id for t in result.tenants) or "-"
    if result.frameworks:
        for fw in result.frameworks:
            controls, findings = _framework_findings(fw, by_rule, observed, lang, scanned)
            entry = _result_entry(
                _uuid("result", fw.tenant, fw.framework, scanned),
                _line(f"{fw.title.get(lang)} ({fw.framework} {fw.version})")
                + f" – {fw.tenant or tenant_name}",
                _line(fw.profile.get(lang)),
                scanned,
                controls,
                findings,
            )
            entry["props"] = [
                _prop("framework", fw.framework),
                _prop("score", "n/a" if fw.score is None else f"{fw.score:.4f}"),
                _prop("coverage", f"{fw.coverage:.4f}"),
            ]
            results.append(entry)
    else:
        controls, findings = _rule_findings(result.rules, by_rule, observed, scanned)
        results.append(
            _result_entry(
                _uuid("result", tenant_name, scanned),
                _line(f"gdcc-audit automated assessment – {tenant_name}"),
                "Controls referenced by the evaluated rules.",
                scanned,
                controls,
                findings,
            )
        )
    # Observations are shared by every result that refers to them; OSCAL keeps them per
    # result, so the first result carries them all.
    # Unmapped checkov failures: observations of their own (prop unmapped), tied to no control.
    observations += [_unmapped_observation(item, scanned, lang) for item in unmapped(result)]
    if results and observations:
        results[0]["observations"] = observations
    risks = [
        _risk(f, observed[f.fingerprint], scanned, lang)
        for f in result.findings
        if f.waiver is not None and f.fingerprint in observed
    ]
    if results and risks:
        results[0]["risks"] = risks
    plan = _uuid("assessment-plan", tenant_name, scanned)
    return {
        "assessment-results": {
            "uuid": _uuid("assessment-results", tenant_name, scanned),
            "metadata": {
                "title": _line(f"gdcc-audit assessment results – {tenant_name}"),
                "last-modified": scanned,
                "version": result.tool_version,
                "oscal-version": OSCAL_VERSION,
                "props": [
                    _prop("result-schema-version", result.schema_version),
                    *(_pack_prop(pack, result.selected_by) for pack in result.rule_packs),
                ],
                "links": [{"href": INFORMATION_URI, "rel": "reference", "text": TOOL_NAME}],
            },
            "import-ap": {"href": f"#{plan}"},
            "results": results,
            "back-matter": {"resources": [_plan_resource(plan), *_subjects(observations)]},
        }
    }


#: The settings that choose some rules, as the remarks name them.
_SELECTED_BY = {
    "rule_ids": "rule id", "tags": "tag", "min_severity": "minimum severity",
    "frameworks": "framework",
}


def _pack_prop(pack: RulePack, by: tuple[str, ...] = ()) -> dict[str, str]:
    """A rule pack, named once with its version (the newest of its files', or the installed
    pack's when a selection evaluated some of its rules; docs/reports.md)."""
    prop = _prop("rule-pack", pack.label())
    files = ", ".join(f"{version}: {count}" for version, count in pack.file_versions.items())
    evaluated = (
        f"{pack.rules} rules" if pack.pack_rules is None
        else f"{pack.rules} of the pack's {pack.pack_rules} rules, selected by "
        + " and ".join(_SELECTED_BY[key] for key in by)
    )
    prop["remarks"] = evaluated + (
        f"; rules per file version: {files}; the pack's version is the newest"
        if len(pack.file_versions) > 1 else ""
    )
    return prop


def _plan_resource(uid: str) -> dict[str, Any]:
    """The assessment plan ``import-ap`` refers to (``#`` and its UUID: a back-matter
    resource): the rules of gdcc-audit, run on the input. Its href was
    ``#gdcc-audit-automated-assessment-plan``, a UUID of nothing in the document."""
    return {
        "uuid": uid,
        "title": f"{TOOL_NAME} automated assessment plan",
        "description": "The rules of gdcc-audit evaluated on the scanned input files; each "
        "observation names its rule (prop rule-id).",
        "rlinks": [{"href": INFORMATION_URI}],
    }


def _subjects(observations: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """A back-matter resource for each resource an observation is about: a subject of type
    ``resource`` refers to one by its UUID (before, every subject-uuid referred to nothing:
    430 dangling references in terragoat's document)."""
    resources: dict[str, dict[str, Any]] = {}
    for observation in observations:
        for subject in observation["subjects"]:
            resources.setdefault(
                subject["subject-uuid"],
                {"uuid": subject["subject-uuid"], "title": subject["title"]},
            )
    return list(resources.values())


def _result_entry(
    uid: str,
    title: str,
    description: str,
    scanned: str,
    controls: list[str],
    findings: list[dict[str, Any]],
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "uuid": uid,
        "title": title,
        "description": description,
        "start": scanned,
        "end": scanned,
        "reviewed-controls": {
            "control-selections": [
                {"include-controls": [{"control-id": c} for c in dict.fromkeys(controls)]}
                if controls
                else {"include-all": {}}
            ]
        },
    }
    if findings:
        entry["findings"] = findings
    return entry


class OscalReporter(Reporter):
    """OSCAL 1.1.2 assessment-results (JSON)."""

    format = "oscal"
    extension = "oscal.json"

    def render(
        self, result: AuditResult, stream: IO[str] | IO[bytes], options: ReportOptions
    ) -> None:
        text = json.dumps(to_oscal(result, options.lang), indent=2, ensure_ascii=False)
        cast(IO[str], stream).write(text + "\n")
