"""Every output format shows the waivers of the health example (one active, one expired)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import jsonschema
import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.result import AuditResult
from gdcc_audit.models.waiver import WaiverState
from gdcc_audit.report.console import ConsoleReporter
from gdcc_audit.report.csv import COLUMNS, CsvReporter
from gdcc_audit.report.html import HtmlReporter
from gdcc_audit.report.interface import Reporter, ReportOptions
from gdcc_audit.report.json import JsonReporter
from gdcc_audit.report.junit import JunitReporter
from gdcc_audit.report.oscal import OscalReporter
from gdcc_audit.report.sarif import SarifReporter
from gdcc_audit.report.templating import unbroken
from gdcc_audit.settings import Settings

from .helpers import NOW

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "moph-health-platform" / "tenant.yaml"
LAKE_FP = "a1c7e786be3c3953d326"  # GDCC-DATA-003 on the analytics lake: waived
PACS_FP = "7e9fbe0f6883c9f54df4"  # GDCC-NET-001 on pacs-viewer-sg: waiver expired
REASON_START = "De-identified surveillance extracts"


@cache
def result() -> AuditResult:
    return audit([EXAMPLE], Settings(now=NOW))


def render(reporter: Reporter, lang: str = "en") -> str:
    stream = io.StringIO()
    reporter.render(result(), stream, ReportOptions(lang=lang, color=False))
    return stream.getvalue()


def test_register_of_the_example() -> None:
    states = {w.id: (w.state, w.matched) for w in result().waivers}
    assert states == {
        "RA-2569-014": (WaiverState.ACTIVE, (LAKE_FP,)),
        "RA-2569-007": (WaiverState.EXPIRED, (PACS_FP,)),
    }
    assert [f.fingerprint for f in result().waived] == [LAKE_FP]
    failing = {f.fingerprint for f in result().failures()}
    assert PACS_FP in failing
    assert LAKE_FP not in failing


def test_console() -> None:
    out = render(ConsoleReporter())
    assert "Waived: 1 failing finding(s) accepted by active waivers" in out
    assert "expired — the finding fails again: RA-2569-007 GDCC-NET-001" in out
    rows = [line for line in out.splitlines() if "disease-analytics/analytics-lake" in line]
    # A table row, or the first line of a finding when the table does not fit the width.
    rules = [rule for row in rows for rule in re.findall(r"GDCC-[A-Z]+-\d+", row)]
    assert rules == ["GDCC-DATA-004"]  # DATA-003 is waived
    th = render(ConsoleReporter(), "th")
    assert "ได้รับการยกเว้น: 1 รายการ" in th


def test_json_round_trips_the_register() -> None:
    data = json.loads(render(JsonReporter()))
    assert [w["state"] for w in data["waivers"]] == ["active", "expired"]
    lake = next(f for f in data["findings"] if f["fingerprint"] == LAKE_FP)
    assert lake["status"] == "FAIL"
    assert lake["waiver"]["id"] == "RA-2569-014"
    assert lake["waiver"]["expires"] == "2027-03-31"
    again = AuditResult.model_validate_json(render(JsonReporter()))
    assert again.waivers == result().waivers
    assert again.waived[0].fingerprint == LAKE_FP


def test_sarif_suppression() -> None:
    log = json.loads(render(SarifReporter()))
    schema = json.loads(
        (ROOT / "tests" / "report" / "fixtures" / "sarif-schema-2.1.0.json").read_text("utf-8")
    )
    jsonschema.validate(log, schema, cls=jsonschema.Draft7Validator)
    results = {r["partialFingerprints"]["gdccAudit/v1"]: r for r in log["runs"][0]["results"]}
    (suppression,) = results[LAKE_FP]["suppressions"]
    assert suppression["kind"] == "external"
    assert suppression["status"] == "accepted"
    assert suppression["justification"].startswith(REASON_START)
    assert suppression["properties"]["waiverId"] == "RA-2569-014"
    assert "suppressions" not in results[PACS_FP]
    assert "baselineState" not in results[PACS_FP]


def test_junit_waived_is_skipped() -> None:
    root = ET.fromstring(render(JunitReporter()))
    case = next(
        c for c in root.iter("testcase")
        if c.get("name", "").endswith("aws_storage_bucket.analytics-lake")
        and c.get("classname") == "gdcc-audit.GDCC-DATA-003"
    )
    skipped = case.find("skipped")
    assert skipped is not None
    assert skipped.get("message", "").startswith(
        "waived by RA-2569-014 (approver นายแพทย์วิชัย สุขประเสริฐ (CIO, executive coordinator), "
        "expires 2027-03-31): " + REASON_START
    )
    assert case.find("failure") is None


def test_csv_columns() -> None:
    rows = list(csv.DictReader(io.StringIO(render(CsvReporter()).removeprefix("\ufeff"))))
    assert list(rows[0]) == list(COLUMNS)
    lake = next(r for r in rows if r["fingerprint"] == LAKE_FP)
    assert (lake["waiver_id"], lake["waiver_expires"], lake["baseline"]) == (
        "RA-2569-014", "2027-03-31", "")
    assert lake["waiver_reason"].startswith(REASON_START)
    pacs = next(r for r in rows if r["fingerprint"] == PACS_FP)
    assert pacs["waiver_id"] == ""


def test_oscal_risk_is_deviation_approved() -> None:
    document = json.loads(render(OscalReporter()))
    trestle = pytest.importorskip("trestle.oscal.assessment_results")
    trestle.Model.model_validate(document)
    first = document["assessment-results"]["results"][0]
    (risk,) = first["risks"]
    assert risk["status"] == "deviation-approved"
    assert risk["deadline"] == "2027-03-31T23:59:59+07:00"
    assert risk["statement"].startswith(REASON_START)
    observation = next(
        o for o in first["observations"]
        if o["uuid"] == risk["related-observations"][0]["observation-uuid"]
    )
    props = {p["name"]: p["value"] for p in observation["props"]}
    assert (props["fingerprint"], props["waiver-id"]) == (LAKE_FP, "RA-2569-014")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_html_register(lang: str) -> None:
    html = render(HtmlReporter(), lang)
    register = html.split('id="waivers"')[1].split("</section>")[0]
    assert 'class="waiver waiver-expired" id="waiver-RA-2569-007"' in register
    assert 'class="waiver waiver-active" id="waiver-RA-2569-014"' in register
    assert register.index("RA-2569-007") < register.index("RA-2569-014")  # expired first
    assert "sha256 3f2b8c1d9e4a7f60" in register
    if lang == "th":
        assert "ทะเบียนการยกเว้น" in html
        # the dates in no-wrap spans (``templating.whole_dates``)
        assert "หมดอายุเมื่อ 30 ก.ย. 2569: รายการด้านล่างกลับเป็นไม่ผ่าน" in unbroken(register)
        assert (
            "การยกเว้น RA-2569-007 หมดอายุเมื่อ 30 ก.ย. 2569: รายการนี้กลับเป็นไม่ผ่าน"
            in unbroken(html)
        )
    else:
        assert "Waiver register" in html
        assert "Expired on 30 Sep 2026: the findings below fail again" in unbroken(register)
    findings = html.split('id="findings"')[1].split('id="waivers"')[0]
    assert "pacs-viewer-sg" in findings
    assert "aws_storage_bucket.analytics-lake</div></td>" not in findings.split(
        'id="f-high-GDCC-DATA-003"')[1].split("</article>")[0]
