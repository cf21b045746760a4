"""CSV: one row per finding, fixed columns, spreadsheet-safe; unmapped checkov failures follow
with status ``UNMAPPED``.

Cells that start with ``=``, ``+``, ``-``, ``@``, tab or carriage return are prefixed with
``'`` so spreadsheet programs never evaluate untrusted names as formulas (CSV injection).
"""

from __future__ import annotations

import csv
import json
from typing import IO, cast

from gdcc_audit.models.checkov import UnmappedCheck
from gdcc_audit.models.finding import Finding
from gdcc_audit.models.masking import safe_text
from gdcc_audit.models.result import AuditResult, InputFile
from gdcc_audit.models.rule import RuleMeta
from gdcc_audit.report.common import rule_index
from gdcc_audit.report.interface import Reporter, ReportOptions
from gdcc_audit.report.redact import redact_result
from gdcc_audit.report.unmapped import message, unmapped

#: The status column of a checkov failure with no reviewed mapping (not scored).
UNMAPPED = "UNMAPPED"

COLUMNS = (
    "severity",
    "status",
    "rule_id",
    "rule_title",
    "resource_id",
    "resource_name",
    "resource_kind",
    "address",
    "provider_type",
    "system",
    "file",
    "start_line",
    "end_line",
    "message",
    "remediation",
    "controls",
    "evidence",
    "fingerprint",
    "waiver_id",
    "waiver_approver",
    "waiver_expires",
    "waiver_reason",
    "baseline",
    "called_at",
    "call_chain",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(cell: str) -> str:
    """``cell`` made inert for spreadsheets (a leading ``'`` before formula characters) and
    for terminals (control characters shown escaped)."""
    cell = safe_text(cell)
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def finding_row(finding: Finding, meta: RuleMeta | None, lang: str) -> list[str]:
    """The CSV cells of one finding, in ``COLUMNS`` order."""
    location = finding.location
    cells = [
        finding.severity.value,
        finding.status.value,
        finding.rule_id,
        meta.title.get(lang) if meta else "",
        finding.resource_id,
        finding.resource_name,
        finding.resource_kind,
        finding.address or "",
        finding.provider_type,
        finding.system or "",
        location.file if location else "",
        str(location.start_line) if location and location.start_line else "",
        str(location.end_line) if location and location.end_line else "",
        finding.message.get(lang),
        meta.remediation.get(lang) if meta else "",
        " ".join(str(c) for c in meta.controls) if meta else "",
        json.dumps(finding.evidence, ensure_ascii=False, sort_keys=True)
        if finding.evidence
        else "",
        finding.fingerprint,
        finding.waiver.id if finding.waiver else "",
        finding.waiver.approver if finding.waiver else "",
        finding.waiver.expires.isoformat() if finding.waiver else "",
        finding.waiver.reason if finding.waiver else "",
        "known" if finding.baseline else "",
        finding.called_at or "",
        " → ".join(finding.call_chain or ()),
    ]
    return [neutralise(cell) for cell in cells]


def input_row(item: InputFile) -> list[str]:
    """A file not assessed, or assessed only in part: status ``NOT_ASSESSED`` or
    ``PARTIALLY_ASSESSED``, its path and first error line, every error in the message."""
    cells = dict.fromkeys(COLUMNS, "")
    cells.update(
        status=item.status.value.upper(),
        file=item.path,
        start_line=str(item.line) if item.line else "",
        message="; ".join(item.errors()),
    )
    return [neutralise(cells[c]) for c in COLUMNS]


def unmapped_row(item: UnmappedCheck, lang: str) -> list[str]:
    """The CSV cells of an unmapped checkov failure: status UNMAPPED, no severity, no controls
    (it is not scored)."""
    location = item.location
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        status=UNMAPPED,
        rule_id=item.check_id,
        rule_title=item.check_name,
        resource_id=item.resource_id or "",
        resource_name=item.resource,
        address=item.resource,
        provider_type=f"checkov:{item.framework}",
        file=location.file if location else "",
        start_line=str(location.start_line) if location and location.start_line else "",
        end_line=str(location.end_line) if location and location.end_line else "",
        message=message(item, lang),
    )
    return [neutralise(row[column]) for column in COLUMNS]


class CsvReporter(Reporter):
    """Findings as CSV (UTF-8 with a BOM, RFC 4180 quoting, ``\\r\\n`` line ends)."""

    format = "csv"
    extension = "csv"

    def render(
        self, result: AuditResult, stream: IO[str] | IO[bytes], options: ReportOptions
    ) -> None:
        result = redact_result(result)
        rules = rule_index(result)
        text = cast(IO[str], stream)
        # A byte-order mark makes Excel read the file as UTF-8 (Thai text) instead of cp874.
        text.write(BOM)
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for finding in result.findings:
            writer.writerow(finding_row(finding, rules.get(finding.rule_id), options.lang))
        for item in result.not_assessed:
            writer.writerow(input_row(item))
        for check in unmapped(result):
            writer.writerow(unmapped_row(check, options.lang))
