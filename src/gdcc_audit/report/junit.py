"""JUnit XML for CI systems: one testcase per rule × resource (× evidence key).

FAIL → ``<failure>``, ERROR → ``<error>``, NOT_APPLICABLE and UNKNOWN → ``<skipped>`` (an
undecided check does not break a build; it is listed with its reason), PASS → a plain testcase.
A waived FAIL/ERROR → ``<skipped>`` with the waiver and its reason; one already failing in the
baseline stays a ``<failure>`` whose message starts with ``[known]``.
Input files that could not be assessed are ``<error>`` testcases of the ``inputs`` suite.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import IO, cast

from gdcc_audit.models.checkov import UnmappedCheck
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.result import AuditResult, InputFile, InputStatus
from gdcc_audit.models.rule import RuleMeta
from gdcc_audit.report.common import TOOL_NAME, rule_index, xml_text
from gdcc_audit.report.interface import Reporter, ReportOptions
from gdcc_audit.report.redact import redact_result
from gdcc_audit.report.unmapped import message, unmapped, words

INPUTS_SUITE = "inputs"


def _case_name(finding: Finding) -> str:
    key = f" [{finding.evidence_key}]" if finding.evidence_key else ""
    return f"{finding.resource_id}{key}"


def _detail(finding: Finding, remediation: str | None, lang: str) -> str:
    lines = [finding.message.get(lang), f"resource: {finding.resource_id}"]
    if finding.address:
        lines.append(f"address: {finding.address}")
    if finding.location is not None:
        lines.append(f"location: {finding.location}")
    if finding.called_at:
        lines.append(f"module called at: {' → '.join(finding.module_calls)}")
    if finding.evidence:
        lines.append(
            "evidence: " + json.dumps(finding.evidence, ensure_ascii=False, sort_keys=True)
        )
    if remediation:
        lines.append(f"remediation: {remediation}")
    lines.append(f"fingerprint: {finding.fingerprint}")
    return "\n".join(lines)


def _set(element: ET.Element, **attributes: object) -> None:
    for key, value in attributes.items():
        element.set(key, xml_text(value))


def _case(suite: ET.Element, finding: Finding, meta: RuleMeta | None, lang: str) -> str | None:
    """Add the testcase of one finding; returns the counter it adds to besides ``tests``."""
    case = ET.SubElement(suite, "testcase")
    _set(case, classname=f"{TOOL_NAME}.{finding.rule_id}", name=_case_name(finding), time="0")
    if finding.location is not None:
        _set(case, file=finding.location.file)
        if finding.location.start_line:
            _set(case, line=finding.location.start_line)
    message = f"[{finding.severity.value}] {finding.message.get(lang)}"
    if finding.baseline:
        message = f"[known] {message}"
    if finding.waiver is not None and finding.is_failure:
        waiver = finding.waiver
        child = ET.SubElement(case, "skipped")
        _set(
            child,
            message=f"waived by {waiver.id} (approver {waiver.approver}, expires "
            f"{waiver.expires.isoformat()}): {waiver.reason}",
        )
        # what a failure says (resource, native address, location...): the waived finding is
        # found by the names its user knows, as the other formats' waiver registers name it
        child.text = xml_text(_detail(finding, None, lang))
        return "skipped"
    if finding.status == Status.FAIL:
        child = ET.SubElement(case, "failure")
        _set(child, message=message, type=finding.severity.value)
        remediation = meta.remediation.get(lang) if meta else None
        child.text = xml_text(_detail(finding, remediation, lang))
        return "failures"
    if finding.status == Status.ERROR:
        child = ET.SubElement(case, "error")
        _set(child, message=message, type="RuleError")
        child.text = xml_text(_detail(finding, None, lang))
        return "errors"
    if finding.status in (Status.NOT_APPLICABLE, Status.UNKNOWN):
        child = ET.SubElement(case, "skipped")
        _set(child, message=f"{finding.status.value}: {finding.message.get(lang)}")
        return "skipped"
    return None


def _input_case(suite: ET.Element, item: InputFile) -> str | None:
    case = ET.SubElement(suite, "testcase")
    name = f"{TOOL_NAME}.{INPUTS_SUITE}"
    _set(case, classname=name, name=item.path, file=item.path, time="0")
    if item.status in (InputStatus.NOT_ASSESSED, InputStatus.PARTIALLY_ASSESSED):
        # A file assessed only in part is an incomplete run too (exit code 2): the lost
        # blocks and their lines are in the error text.
        child = ET.SubElement(case, "error")
        where = f"{item.path}:{item.line}" if item.line else item.path
        state = item.status.value.replace("_", " ")
        _set(child, message=f"{state}: {item.error}", type="InputError")
        child.text = xml_text(f"{where}: " + "\n".join(item.errors()))
        return "errors"
    if item.status == InputStatus.NOT_RECOGNISED:
        child = ET.SubElement(case, "skipped")
        _set(child, message="not recognised as an input format")
        return "skipped"
    if item.status == InputStatus.EXCLUDED:
        child = ET.SubElement(case, "skipped")
        _set(child, message=item.error or "excluded")
        return "skipped"
    return None


def _unmapped_case(suite: ET.Element, item: UnmappedCheck, lang: str) -> str:
    """An unmapped checkov failure: a skipped testcase (not scored, never breaks a build)."""
    case = ET.SubElement(suite, "testcase")
    where = str(item.location) if item.location else ""
    _set(case, name=f"{item.check_id} {item.resource}", classname="checkov.unmapped", time="0")
    if where:
        _set(case, file=item.location.file if item.location else "")
    child = ET.SubElement(case, "skipped")
    _set(child, message=message(item, lang))
    child.text = where
    return "skipped"


def _suite(
    root: ET.Element, name: str, timestamp: str, outcomes: list[str | None]
) -> dict[str, int]:
    counts = {"tests": len(outcomes), "failures": 0, "errors": 0, "skipped": 0}
    for outcome in outcomes:
        if outcome:
            counts[outcome] += 1
    suite = root[-1]
    _set(suite, name=name, timestamp=timestamp, time="0", **counts)
    return counts


def to_junit(result: AuditResult, lang: str = "en") -> ET.Element:
    """The ``<testsuites>`` element of ``result``: one suite per rule, one for the inputs."""
    result = redact_result(result)
    rules = rule_index(result)
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_rule[finding.rule_id].append(finding)
    root = ET.Element("testsuites")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    timestamp = result.scanned_at.strftime("%Y-%m-%dT%H:%M:%S")
    suites: list[dict[str, int]] = []
    for rule_id in sorted(by_rule):
        meta = rules.get(rule_id)
        suite = ET.SubElement(root, "testsuite")
        outcomes = [_case(suite, f, meta, lang) for f in by_rule[rule_id]]
        title = meta.title.get(lang) if meta else rule_id
        suites.append(_suite(root, f"{rule_id} {title}", timestamp, outcomes))
    rows = unmapped(result)
    if rows:
        suite = ET.SubElement(root, "testsuite")
        outcomes = [_unmapped_case(suite, item, lang) for item in rows]
        suites.append(_suite(root, words(lang)["heading"], timestamp, outcomes))
    if result.inputs:
        suite = ET.SubElement(root, "testsuite")
        outcomes = [_input_case(suite, item) for item in result.inputs]
        suites.append(_suite(root, INPUTS_SUITE, timestamp, outcomes))
    for counts in suites:
        for key, value in counts.items():
            totals[key] += value
    _set(root, name=TOOL_NAME, time="0", **totals)
    return root


class JunitReporter(Reporter):
    """JUnit XML (GitLab, Jenkins, Azure DevOps test reports)."""

    format = "junit"
    extension = "junit.xml"

    def render(
        self, result: AuditResult, stream: IO[str] | IO[bytes], options: ReportOptions
    ) -> None:
        root = to_junit(result, options.lang)
        ET.indent(root)
        text = ET.tostring(root, encoding="unicode", xml_declaration=False)
        cast(IO[str], stream).write('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n")
