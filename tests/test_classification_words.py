"""Messages name a data classification in the report's language: the Thai report read
``ข้อมูลชั้น secret จัดเก็บอยู่ใน...`` (GDCC-DATA-003), ``ข้อมูลชั้น internal ไหลไปยัง portal ซึ่งมีชั้น
public`` (GDCC-GRAPH-015) and ``... เก็บข้อมูลชั้น top_secret`` (GDCC-GRAPH-001), the English
``top_secret data``. The Thai words are the reports' marking words (ระเบียบ 2544)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.common import Classification
from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.i18n import translator
from gdcc_audit.settings import Settings

RULES = Path(__file__).resolve().parent / "rules"
NOW = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)

VAULT = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata:
  name: vault
agency:
  name_th: หน่วยงานทดสอบ
  name_en: Test Agency
resources:
  - id: sg-web
    kind: network.security_group
    facets: {ingress: [{protocol: tcp, from_port: 443, to_port: 443, sources: ["0.0.0.0/0"]}]}
  - {id: vm-web, kind: compute.instance, facets: {public_endpoint: true}, references: [sg-web]}
  - id: sg-db
    kind: network.security_group
    facets: {ingress: [{protocol: tcp, from_port: 5432, to_port: 5432, sources: ["sg:sg-web"]}]}
  - id: db-vault
    kind: database.instance
    personal_data: false
    data_classification: top_secret
    facets: {public_endpoint: false}
    references: [sg-db]
"""


def _messages(path: Path, rule: str) -> dict[str, tuple[str, str, str]]:
    result: AuditResult = audit([path], Settings(rule_ids=(rule,), now=NOW))
    return {f.resource_name: (f.status.value, f.message.en, f.message.th) for f in result.findings}


@pytest.mark.parametrize("level", list(Classification))
def test_the_thai_words_are_the_reports_marking_words(level: Classification) -> None:
    assert level.th == translator("th")(f"classification.{level.value}")
    assert level.words == translator("en")(f"classification.{level.value}").lower()


def test_data_outside_thailand() -> None:
    found = _messages(RULES / "GDCC-DATA-003" / "manifest.yaml", "GDCC-DATA-003")
    assert found["backup-tokyo"] == (
        "FAIL",
        "secret data is stored in aws region ap-northeast-1, outside Thailand",
        "ข้อมูลลับมาก จัดเก็บอยู่ในภูมิภาค ap-northeast-1 ของ aws ซึ่งอยู่นอกประเทศไทย",
    )


def test_declared_flows_to_a_lower_level() -> None:
    found = _messages(RULES / "GDCC-GRAPH-015" / "manifest.yaml", "GDCC-GRAPH-015")
    assert found["billing"] == (
        "FAIL",
        "data classified internal flows to portal, classified public",
        "ข้อมูลใช้ภายใน ไหลไปยัง portal ซึ่งกำหนดชั้นความลับไว้เพียงเปิดเผย",
    )
    assert found["registry"][2].endswith(
        "; ข้อมูลลับ ไหลไปยัง stats ซึ่งกำหนดชั้นความลับไว้เพียงเปิดเผย"
    )


def test_classified_store_reachable_from_the_internet(tmp_path: Path) -> None:
    manifest = tmp_path / "tenant.yaml"
    manifest.write_text(VAULT, encoding="utf-8")
    status, en, th = _messages(manifest, "GDCC-GRAPH-001")["db-vault"]
    assert status == "FAIL"
    assert en.startswith("db-vault holds top secret data and is reachable from the internet: ")
    assert th.startswith("db-vault เก็บข้อมูลลับที่สุด และเข้าถึงได้จากอินเทอร์เน็ต: ")
    assert th.endswith("internet → vm-web:443 → db-vault:5432")
