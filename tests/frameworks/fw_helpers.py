"""Builders for framework tests: tiny catalogs, rules, findings and tenants."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from gdcc_audit.frameworks.registry import Frameworks, build
from gdcc_audit.models.common import Severity, Text
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.rule import RuleMeta
from gdcc_audit.models.tenant import Tenant

ON = dt.date(2026, 11, 23)

CATALOG = """\
framework:
  id: TEST
  title: {th: ทดสอบ, en: Test}
  version: "1"
  kind: international
controls:
  - {id: C1, title: {th: หนึ่ง, en: one}}
  - {id: C2, title: {th: สอง, en: two}}
  - {id: C3, title: {th: สาม, en: three}}
  - {id: C4, title: {th: สี่, en: four}}
"""
OTHER = """\
framework:
  id: OTHER
  title: {th: อื่น, en: Other}
  version: "1"
  kind: international
controls:
  - {id: X, title: {th: เอ็กซ์, en: x}}
"""
CROSSWALK = """\
links:
  - {controls: [OTHER:X, TEST:C3]}
"""


def frameworks(tmp: Path, catalog: str = CATALOG) -> Frameworks:
    """TEST (C1..C4) and OTHER (X), with X <-> TEST:C3 in the crosswalk."""
    (tmp / "catalogs").mkdir(exist_ok=True)
    (tmp / "crosswalk").mkdir(exist_ok=True)
    (tmp / "catalogs" / "test.yaml").write_text(catalog, encoding="utf-8")
    (tmp / "catalogs" / "other.yaml").write_text(OTHER, encoding="utf-8")
    (tmp / "crosswalk" / "links.yaml").write_text(CROSSWALK, encoding="utf-8")
    return build([tmp / "catalogs", tmp / "crosswalk"])


def rule(rule_id: str, severity: Severity, *controls: str) -> RuleMeta:
    text = Text(th="ทดสอบ", en="test")
    return RuleMeta(
        id=rule_id,
        title=text,
        rationale=text,
        remediation=text,
        severity=severity,
        kinds=("storage.bucket",),
        controls=controls,  # type: ignore[arg-type]
    )


def finding(
    meta: RuleMeta, resource: str, status: Status, system: str | None = None, tenant: str = "t1"
) -> Finding:
    return Finding(
        rule_id=meta.id,
        resource_id=f"{tenant}/{resource}",
        resource_kind="storage.bucket",
        resource_name=resource,
        provider_type="gdcc_bucket",
        system=system,
        status=status,
        severity=meta.severity,
        message=meta.title,
    )


def tenant(
    *,
    level: str | None = "low",
    cii: bool = False,
    personal_data: bool = False,
    classification: str | None = None,
    evidence: list[dict[str, Any]] | None = None,
    tenant_id: str = "t1",
) -> Tenant:
    system: dict[str, Any] = {
        "id": "sys",
        "name_th": "ระบบ",
        "name_en": "system",
        "personal_data": personal_data,
        "data_classification": classification,
    }
    if level is not None:
        system["security_category"] = {
            "confidentiality": level,
            "integrity": "low",
            "availability": "low",
        }
    return Tenant.model_validate(
        {
            "id": tenant_id,
            "agency": {"name_th": "หน่วยงาน", "name_en": "Agency"},
            "cii": {"designated": cii},
            "systems": [system],
            "evidence": evidence or [],
        }
    )
