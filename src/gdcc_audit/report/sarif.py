"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

FAIL and ERROR findings become results (level from severity); rules carry help text and
remediation; locations use relative URIs (``%SRCROOT%``) so findings show inline on the files;
the finding fingerprint goes into ``partialFingerprints``. A waived finding carries a
``suppressions`` entry (kind ``external``, status ``accepted``, justification = the waiver's
reason); with a baseline, every result has ``baselineState`` ``new`` or ``unchanged``.
Files that could not be assessed are tool execution notifications, and make
``executionSuccessful`` false; Terraform modules and nested stacks not read (a remote module
not downloaded) are notifications of level ``warning``. Unmapped checkov failures are results of
level ``note`` with the property ``unmapped: true`` (no severity, not scored); the checkov run
is a run property.
"""

from __future__ import annotations

import json
from typing import IO, Any, cast

from gdcc_audit.models.checkov import UnmappedCheck
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.result import AuditResult, InputStatus
from gdcc_audit.models.rule import RuleMeta, RulePack
from gdcc_audit.report.common import (
    INFORMATION_URI,
    LEVELS,
    SECURITY_SEVERITY,
    TOOL_NAME,
    relative_uri,
)
from gdcc_audit.report.interface import Reporter, ReportOptions
from gdcc_audit.report.redact import redact_result
from gdcc_audit.report.unmapped import message, unmapped
from gdcc_audit.report.unmapped import summary as unmapped_summary

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "gdccAudit/v1"
SRCROOT = "%SRCROOT%"


def _pack(pack: RulePack) -> dict[str, Any]:
    component: dict[str, Any] = {"name": pack.name}
    if pack.version:
        component["version"] = pack.version
    component["properties"] = {"ruleCount": pack.rules, "fileVersions": pack.file_versions}
    if pack.pack_rules is not None:
        # a selection (--rules, --tag, ...) evaluated some of the pack's rules: the version
        # is the installed pack's, and this many rules it holds
        component["properties"]["packRuleCount"] = pack.pack_rules
    return component


def _rule(meta: RuleMeta, lang: str) -> dict[str, Any]:
    controls = [str(c) for c in meta.controls]
    fix, maps = ("วิธีแก้ไข", "มาตรการ") if lang == "th" else ("Remediation", "Controls")
    rationale, remediation = meta.rationale.get(lang), meta.remediation.get(lang)
    help_text = f"{rationale}\n\n{fix}: {remediation}\n\n{maps}: {', '.join(controls)}"
    help_markdown = f"{rationale}\n\n**{fix}:** {remediation}\n\n**{maps}:** " + ", ".join(
        f"`{c}`" for c in controls
    )
    return {
        "id": meta.id,
        "name": meta.id.replace("-", ""),
        "shortDescription": {"text": meta.title.get(lang)},
        "fullDescription": {"text": meta.rationale.get(lang)},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": LEVELS[meta.severity]},
        "properties": {
            "tags": ["security", *meta.tags],
            "security-severity": SECURITY_SEVERITY[meta.severity],
            "severity": meta.severity.value,
            "controls": controls,
            "checkType": meta.check_type.value,
            "pack": meta.pack,
            "remediation": meta.remediation.get(lang),
        },
    }


def _location(finding: Finding) -> dict[str, Any]:
    location: dict[str, Any] = {
        "logicalLocations": [
            {
                "name": finding.display_name,
                "fullyQualifiedName": finding.address or finding.resource_id,
                "kind": "resource",
                "properties": {"resourceId": finding.resource_id},
            }
        ]
    }
    if finding.location is not None:
        location["physicalLocation"] = _physical(
            finding.location.file, finding.location.start_line, finding.location.end_line
        )
    return location


def _module_call(finding: Finding) -> list[dict[str, Any]]:
    """``relatedLocations``: the ``module`` blocks a module's resource comes through, the
    root module's first (its file is the module's, shared by every root calling it)."""
    found: list[dict[str, Any]] = []
    calls = finding.module_calls
    for at, call in enumerate(calls):
        file, _, line = call.rpartition(":")
        if not file or not line.isdigit():
            return []
        text = "module called here" if at == 0 else (
            f"module called here, in the module called at {calls[at - 1]}"
        )
        found.append(
            {
                "id": at + 1,
                "message": {"text": text},
                "physicalLocation": _physical(file, int(line), None),
            }
        )
    return found


def _physical(file: str, start: int | None, end: int | None) -> dict[str, Any]:
    uri, relative = relative_uri(file)
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = SRCROOT
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if start:
        region: dict[str, Any] = {"startLine": start}
        if end and end >= start:
            region["endLine"] = end
        physical["region"] = region
    return physical


def _unmapped(item: UnmappedCheck, lang: str) -> dict[str, Any]:
    location: dict[str, Any] = {
        "logicalLocations": [
            {"name": item.resource, "fullyQualifiedName": item.resource_id or item.resource}
        ]
    }
    if item.location is not None:
        location["physicalLocation"] = _physical(
            item.location.file, item.location.start_line, item.location.end_line
        )
    return {
        "ruleId": item.check_id,
        "level": "note",
        "message": {"text": message(item, lang)},
        "locations": [location],
        "properties": {"unmapped": True, "checkovFramework": item.framework},
    }


def _suppression(finding: Finding) -> dict[str, Any]:
    assert finding.waiver is not None
    waiver = finding.waiver
    properties: dict[str, Any] = {
        "waiverId": waiver.id,
        "approver": waiver.approver,
        "expires": waiver.expires.isoformat(),
        "file": waiver.file,
    }
    if waiver.approved_on:
        properties["approvedOn"] = waiver.approved_on.isoformat()
    if waiver.document:
        properties["document"] = waiver.document
    return {
        "kind": "external",
        "status": "accepted",
        "justification": waiver.reason,
        "properties": properties,
    }


def _code_flows(
    hops: list[Any], where: dict[str, tuple[str | None, int | None]]
) -> list[dict[str, Any]]:
    """A graph finding's attack path as a SARIF code flow: one location per hop (the
    resource's file and line when it has one), in order from the internet."""
    locations = []
    for hop in hops:
        if not isinstance(hop, dict):
            return []
        node = str(hop.get("node"))
        text = str(hop.get("label") or node)
        if hop.get("ports") not in (None, "all"):
            text += f":{hop['ports']}"
        if hop.get("via"):
            text += f" ({hop['via']})"
        location: dict[str, Any] = {
            "logicalLocations": [
                {"name": str(hop.get("label") or node), "fullyQualifiedName": node}
            ],
            "message": {"text": text},
        }
        file, line = where.get(node, (None, None))
        if file:
            location["physicalLocation"] = _physical(file, line, None)
        locations.append({"location": location})
    return [{"threadFlows": [{"locations": locations}]}] if locations else []


def _result(
    finding: Finding,
    index: dict[str, int],
    lang: str,
    baseline: bool = False,
    where: dict[str, tuple[str | None, int | None]] | None = None,
) -> dict[str, Any]:
    message = finding.message.get(lang)
    if finding.status == Status.ERROR:
        message = f"[ERROR: the rule could not be evaluated] {message}"
    entry: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "level": "error" if finding.status == Status.ERROR else LEVELS[finding.severity],
        "message": {"text": f"{message} ({finding.display_name})"},
        "locations": [_location(finding)],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {
            "status": finding.status.value,
            "severity": finding.severity.value,
            "resourceId": finding.resource_id,
            "resourceKind": finding.resource_kind,
            "address": finding.address,
            "providerType": finding.provider_type,
            "evidence": finding.evidence,
        },
    }
    if finding.rule_id in index:
        entry["ruleIndex"] = index[finding.rule_id]
    related = _module_call(finding)
    if related:
        entry["relatedLocations"] = related
        entry["properties"]["calledAt"] = finding.called_at
        if finding.call_chain:
            entry["properties"]["callChain"] = list(finding.call_chain)
    if finding.waiver is not None:
        entry["suppressions"] = [_suppression(finding)]
    if baseline:
        entry["baselineState"] = "unchanged" if finding.baseline else "new"
    if finding.system:
        entry["properties"]["system"] = finding.system
    hops = finding.evidence.get("path_hops")
    if isinstance(hops, list) and hops:
        flows = _code_flows(hops, where or {})
        if flows:
            entry["codeFlows"] = flows
    return entry


def to_sarif(result: AuditResult, lang: str = "en") -> dict[str, Any]:
    """The SARIF log of ``result`` as a JSON-ready dict."""
    result = redact_result(result)
    rules = sorted(result.rules, key=lambda r: r.id)
    where = {r.id: (r.file, r.line) for r in result.resources}
    index = {meta.id: i for i, meta in enumerate(rules)}
    notifications = []
    for item in result.not_assessed:
        uri, relative = relative_uri(item.path)
        artifact: dict[str, Any] = {"uri": uri}
        if relative:
            artifact["uriBaseId"] = SRCROOT
        physical: dict[str, Any] = {"artifactLocation": artifact}
        if item.line:
            physical["region"] = {"startLine": item.line}
            if item.column:
                physical["region"]["startColumn"] = item.column
        # a file assessed in part: the rest of it was judged, the errors name what was not
        state = (
            "partially assessed" if item.status == InputStatus.PARTIALLY_ASSESSED
            else "not assessed"
        )
        notifications.append(
            {
                "level": "error",
                "message": {
                    "text": f"{item.path}: {state}: "
                    + ("; ".join(item.errors()) or "unknown error")
                },
                "locations": [{"physicalLocation": physical}],
            }
        )
    failed = bool(notifications)
    for module in result.modules_not_read:
        uri, relative = relative_uri(module.path)
        artifact = {"uri": uri, **({"uriBaseId": SRCROOT} if relative else {})}
        physical = {"artifactLocation": artifact}
        if module.line:
            physical["region"] = {"startLine": module.line}
        source = f" ({module.source})" if module.source else ""
        notifications.append(
            {
                "level": "warning",
                "message": {
                    "text": f"{module.address}{source}: not read, none of its resources is "
                    f"assessed: {module.reason}"
                },
                "locations": [{"physicalLocation": physical}],
            }
        )
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": result.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(meta, lang) for meta in rules],
            },
            # The rule packs, each one tool component named once with its version (the
            # newest of its files'; as CodeQL lists its query packs): docs/reports.md
            "extensions": [_pack(pack) for pack in result.rule_packs],
        },
        "invocations": [
            {
                "executionSuccessful": not failed,
                "endTimeUtc": result.scanned_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "toolExecutionNotifications": notifications,
            }
        ],
        "originalUriBaseIds": {
            SRCROOT: {"description": {"text": "The folder gdcc-audit was run from"}}
        },
        "columnKind": "unicodeCodePoints",
        "results": [
            _result(f, index, lang, result.baseline is not None, where)
            for f in result.findings
            if f.is_failure
        ]
        + [_unmapped(item, lang) for item in unmapped(result)],
        "properties": {"resultSchemaVersion": result.schema_version},
    }
    if result.checkov is not None:
        run["properties"]["checkov"] = unmapped_summary(result.checkov, lang)
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


class SarifReporter(Reporter):
    """SARIF 2.1.0 (GitHub code scanning)."""

    format = "sarif"
    extension = "sarif"
    lists_passing = False

    def render(
        self, result: AuditResult, stream: IO[str] | IO[bytes], options: ReportOptions
    ) -> None:
        text = json.dumps(to_sarif(result, options.lang), indent=2, ensure_ascii=False)
        cast(IO[str], stream).write(text + "\n")
