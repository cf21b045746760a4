"""Unmapped checkov failures appear under their own heading in every format that lists
findings (console, CSV, SARIF, JUnit, OSCAL, HTML, JSON), and are never scored."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from gdcc_audit.api import audit
from gdcc_audit.models import AuditResult
from gdcc_audit.plugins import collect_reporters, make_plugin_manager
from gdcc_audit.report.interface import ReportOptions
from gdcc_audit.settings import Settings

from .conftest import CHECKOV_FIXTURES

SCHEMA_COPY = Path(__file__).parents[1] / "report" / "fixtures" / "sarif-schema-2.1.0.json"
UNMAPPED = {"CKV_AWS_23", "CKV2_AWS_62"}


@pytest.fixture
def result(fake_checkov: Path) -> AuditResult:
    return audit([CHECKOV_FIXTURES / "iac"], Settings(checkov=str(fake_checkov)))


def render(result: AuditResult, fmt: str, lang: str = "en") -> str:
    reporter = collect_reporters(make_plugin_manager())[fmt]
    stream = io.StringIO()
    reporter.render(result, stream, ReportOptions(lang=lang, color=False))
    return stream.getvalue()


def test_console_has_the_run_line_and_the_unmapped_heading(result: AuditResult) -> None:
    out = render(result, "console")
    assert "checkov 3.3.30: " in out
    assert "Unmapped checkov failures (not scored)" in out
    heading_at = out.index("Unmapped checkov failures")
    assert "CKV_AWS_23" in out[heading_at:]
    assert "CKV2_AWS_62" in out[heading_at:]
    # Not among the scored failures above the heading.
    assert "CKV_AWS_23" not in out[:heading_at]
    thai = render(result, "console", "th")
    assert "ผลไม่ผ่านของ checkov ที่ยังไม่มีการเทียบ (ไม่นำไปคิดคะแนน)" in thai


def test_csv_rows_with_status_unmapped_and_no_severity(result: AuditResult) -> None:
    rows = list(csv.DictReader(io.StringIO(render(result, "csv").lstrip("\ufeff"))))
    unmapped = [r for r in rows if r["status"] == "UNMAPPED"]
    assert {r["rule_id"] for r in unmapped} == UNMAPPED
    assert all(r["severity"] == "" and r["controls"] == "" for r in unmapped)
    (sg,) = [r for r in unmapped if r["rule_id"] == "CKV_AWS_23"]
    assert (sg["address"], sg["start_line"], sg["end_line"]) == (
        "aws_security_group.ssh",
        "7",
        "15",
    )
    assert sg["resource_id"] == "'-/-/aws_security_group.ssh"  # spreadsheet-safe


def test_sarif_notes_marked_unmapped_and_valid(result: AuditResult) -> None:
    log = json.loads(render(result, "sarif"))
    jsonschema.validate(log, json.loads(SCHEMA_COPY.read_text(encoding="utf-8")))
    run = log["runs"][0]
    unmapped = [r for r in run["results"] if r.get("properties", {}).get("unmapped")]
    assert {r["ruleId"] for r in unmapped} == UNMAPPED
    assert {r["level"] for r in unmapped} == {"note"}
    assert run["properties"]["checkov"].startswith("checkov 3.3.30: ")
    bridged = [r for r in run["results"] if r["ruleId"] == "CKV_AWS_51"]
    assert [r["level"] for r in bridged] == ["warning"]


def test_junit_suite_of_skipped_cases(result: AuditResult) -> None:
    root = ET.fromstring(render(result, "junit"))
    (suite,) = [s for s in root if s.get("name") == "Unmapped checkov failures (not scored)"]
    assert suite.get("skipped") == "2"
    assert suite.get("failures") == "0"
    names = {c.get("name") for c in suite}
    assert names == {"CKV_AWS_23 aws_security_group.ssh", "CKV2_AWS_62 aws_s3_bucket.public"}


def test_oscal_observations_marked_unmapped(result: AuditResult) -> None:
    data = json.loads(render(result, "oscal"))
    observations = [
        o
        for r in data["assessment-results"]["results"]
        for o in r.get("observations", [])
        if any(p["name"] == "unmapped" for p in o["props"])
    ]
    assert {o["props"][0]["value"] for o in observations} == UNMAPPED


def test_html_section_in_both_languages(result: AuditResult) -> None:
    html = render(result, "html")
    section = html[html.index('id="checkov"') :]
    assert "Unmapped checkov failures (not scored)" in section
    assert "CKV_AWS_23" in section
    assert 'href="#checkov"' in html
    thai = render(result, "html", "th")
    assert "ผลไม่ผ่านของ checkov ที่ยังไม่มีการเทียบ" in thai


def test_json_keeps_the_run_and_unmapped(result: AuditResult) -> None:
    data = json.loads(render(result, "json"))
    assert {u["check_id"] for u in data["checkov"]["unmapped"]} == UNMAPPED
    assert data["checkov"]["version"] == "3.3.30"


def test_unmapped_are_not_scored(result: AuditResult) -> None:
    mentioned = {m.rule_id for fw in result.frameworks for c in fw.controls for m in c.mappings}
    assert not mentioned & UNMAPPED
