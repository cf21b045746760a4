"""Document control of the audit report: document id and version, the classification marking
printed on every page, the sign-off block and the facts of the methodology section."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from gdcc_audit.models.common import Classification
from gdcc_audit.models.result import AuditResult, InputStatus
from gdcc_audit.models.tenant import ReportControl, Signatory
from gdcc_audit.report.i18n import Translator, format_date, local_time, translator

#: A security audit report is never marked public: it lists weaknesses.
MINIMUM_MARKING = Classification.INTERNAL
SIGNOFF_ROLES = ("assessor", "reviewer", "approver")


@dataclass(frozen=True)
class SignOffRow:
    role: str  # translated
    name: str | None  # None: a blank line to sign by hand
    position: str | None
    date: str | None


@dataclass(frozen=True)
class DocumentView:
    id: str
    version: str
    issued: str
    marking: str  # Thai and English, e.g. "ลับ · CONFIDENTIAL"
    marking_key: str
    signoff: tuple[SignOffRow, ...]
    formats: tuple[tuple[str, int], ...]  # input format -> files assessed
    files_total: int
    files_assessed: int


def marking_level(result: AuditResult) -> Classification:
    """The highest data classification of the audited systems, at least ``internal``."""
    levels = [MINIMUM_MARKING]
    levels += [c for tenant in result.tenants if (c := tenant.highest_classification)]
    return max(levels, key=lambda c: c.rank)


def marking_label(level: Classification) -> str:
    """The marking text, bilingual whatever the report's language: ``ลับ · CONFIDENTIAL``."""
    thai, english = translator("th"), translator("en")
    return (
        f"{thai(f'classification.{level.value}')} · "
        f"{english(f'classification.{level.value}').upper()}"
    )


def document_id(result: AuditResult) -> str:
    """``GDCC-AUD-<tenant>-<yyyymmdd>-<8 hex>``: the hex digest covers the scan time, the
    tool version and every input file's sha256, so another scan gives another id."""
    digest = hashlib.sha256()
    digest.update(result.scanned_at.isoformat().encode())
    digest.update(result.tool_version.encode())
    for item in sorted(result.inputs, key=lambda i: i.path):
        digest.update(f"\0{item.path}\0{item.sha256 or ''}".encode())
    tenants = "+".join(t.id for t in result.tenants) or "iac"
    day = local_time(result.scanned_at).strftime("%Y%m%d")
    return f"GDCC-AUD-{tenants}-{day}-{digest.hexdigest()[:8].upper()}"


def _control(result: AuditResult) -> ReportControl:
    found = [t.report for t in result.tenants if t.report is not None]
    return found[0] if found else ReportControl()


def _row(role: str, person: Signatory | None, t: Translator) -> SignOffRow:
    label = t(f"signoff.{role}")
    if person is None:
        return SignOffRow(role=label, name=None, position=None, date=None)
    return SignOffRow(
        role=label,
        name=person.name,
        position=person.position,
        date=format_date(person.date, t.lang) if person.date else None,
    )


def build_document(result: AuditResult, t: Translator) -> DocumentView:
    """The document-control facts of ``result``'s report, in the translator's language."""
    control = _control(result)
    level = marking_level(result)
    marking = marking_label(level)
    unread = (InputStatus.NOT_RECOGNISED, InputStatus.EXCLUDED)
    assessed = [i for i in result.inputs if i.status not in unread]
    formats = Counter(i.format or "–" for i in assessed)
    return DocumentView(
        id=document_id(result),
        version=control.version,
        issued=format_date(local_time(result.scanned_at).date(), t.lang),
        marking=marking,
        marking_key=level.value,
        signoff=tuple(_row(role, getattr(control, role), t) for role in SIGNOFF_ROLES),
        formats=tuple(sorted(formats.items())),
        files_total=len(result.inputs),
        files_assessed=sum(1 for i in result.inputs if i.status == InputStatus.ASSESSED),
    )
