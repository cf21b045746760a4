"""Every output names a waiver's resources as its finding tables do: the native address first
(issue 12). The waiver register, its console lines and the quarterly's waiver tables named them
by the waiver's own text (``tenant/system/type.name``, the quarterly its ``type.name`` tail),
where the finding tables show ``module.edge.aws_security_group.this[0]``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.history import Store, record_run
from gdcc_audit.history.quarterly import build_quarterly
from gdcc_audit.history.quarters import parse_quarter
from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.console import ConsoleReporter
from gdcc_audit.report.csv import CsvReporter
from gdcc_audit.report.html import HtmlReporter
from gdcc_audit.report.i18n import translator
from gdcc_audit.report.interface import Reporter, ReportOptions
from gdcc_audit.report.json import JsonReporter
from gdcc_audit.report.junit import JunitReporter
from gdcc_audit.report.oscal import OscalReporter
from gdcc_audit.report.templating import unbroken
from gdcc_audit.settings import Settings

from .helpers import NOW

EDGE = "module.edge.aws_security_group.this[0]"  # waived, active
BASTION = "aws_security_group.bastion"  # waiver expired
EDGE_ID = "edge-tenant/edge/aws_security_group.module.edge.this[0]"

TENANT = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata:
  name: edge-tenant
agency:
  name_th: หน่วยงานทดสอบ
  name_en: Test Agency
waivers: [waivers.yaml]
systems:
  - id: edge
    name_th: ระบบทดสอบ
    name_en: Edge system
"""

GROUP = """\
resource "aws_security_group" "{name}" {{
  {count}name = "{title}"
  tags = {{ "gdcc:system" = "edge" }}
  ingress {{
    from_port   = {port}
    to_port     = {port}
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}
"""

WAIVERS = f"""\
apiVersion: gdcc-audit/v1
kind: Waivers
waivers:
  - id: RA-1
    rule: GDCC-NET-001
    resource: {EDGE_ID}
    reason: jump host until the VPN
    approver: CISO
    approved_on: 2026-06-01
    expires: 2027-03-31
  - id: RA-2
    rule: GDCC-NET-001
    resource: "*/aws_security_group.bastion"
    reason: vendor access
    approver: CISO
    approved_on: 2026-01-01
    expires: 2026-06-30
  - id: RA-3
    rule: GDCC-NET-001
    resource: "*/aws_security_group.gone"
    reason: decommissioned
    approver: CISO
    approved_on: 2026-01-01
    expires: 2027-06-30
"""


def _tenant(root: Path) -> Path:
    (root / "modules" / "edge").mkdir(parents=True)
    (root / "tenant.yaml").write_text(TENANT, encoding="utf-8")
    (root / "waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    (root / "main.tf").write_text(
        'module "edge" {\n  source = "./modules/edge"\n}\n\n'
        + GROUP.format(name="bastion", count="", title="ops-bastion", port=3389),
        encoding="utf-8",
    )
    (root / "modules" / "edge" / "main.tf").write_text(
        GROUP.format(name="this", count="count = 1\n  ", title="edge-ssh", port=22),
        encoding="utf-8",
    )
    return root


@cache
def _result(root: str) -> AuditResult:
    return audit([Path(root)], Settings(now=NOW))


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> AuditResult:
    return _result(str(_tenant(tmp_path_factory.mktemp("edge"))))


def render(result: AuditResult, reporter: Reporter, lang: str = "en") -> str:
    stream = io.StringIO()
    reporter.render(result, stream, ReportOptions(lang=lang, color=False))
    return stream.getvalue()


def test_the_register_keeps_each_matched_findings_address(result: AuditResult) -> None:
    register = {w.id: (w.state.value, w.addresses) for w in result.waivers}
    assert register == {
        "RA-1": ("active", (EDGE,)),
        "RA-2": ("expired", (BASTION,)),
        "RA-3": ("unused", ()),
    }


def test_json(result: AuditResult) -> None:
    data = json.loads(render(result, JsonReporter()))
    assert [(w["id"], w["resource"], w["addresses"]) for w in data["waivers"]] == [
        ("RA-1", EDGE_ID, [EDGE]),
        ("RA-2", "*/aws_security_group.bastion", [BASTION]),
        ("RA-3", "*/aws_security_group.gone", []),
    ]
    again = AuditResult.model_validate_json(render(result, JsonReporter()))
    assert again.waivers == result.waivers


def test_console_names_resources_as_the_failure_table(
    result: AuditResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    out = render(result, ConsoleReporter())
    assert f"│ edge/{BASTION}" in out  # the failure table
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert (
        f"expired — the finding fails again: RA-2 GDCC-NET-001 edge/{BASTION} "
        "(approver CISO, expires 2026-06-30)"
    ) in lines
    # matching nothing, the waiver has only its own text to show
    assert (
        "unused — matches no failing finding: RA-3 GDCC-NET-001 */aws_security_group.gone "
        "(approver CISO, expires 2027-06-30)"
    ) in lines
    assert "*/aws_security_group.bastion" not in out


def test_csv_waived_row_carries_the_address(result: AuditResult) -> None:
    text = render(result, CsvReporter()).removeprefix("\ufeff")
    rows = {r["waiver_id"]: r for r in csv.DictReader(io.StringIO(text)) if r["waiver_id"]}
    assert list(rows) == ["RA-1"]
    assert (rows["RA-1"]["address"], rows["RA-1"]["resource_name"]) == (EDGE, "edge-ssh")


def _register(html: str) -> str:
    start = html.index('<section class="waivers-section"')
    return unbroken(html[start : html.index("</section>", start)])


@pytest.mark.parametrize("lang", ["en", "th"])
def test_html_register_names_the_address_first(result: AuditResult, lang: str) -> None:
    register = _register(render(result, HtmlReporter(), lang))
    written = "as the waiver file names it:" if lang == "en" else "ตามที่ระบุในไฟล์การยกเว้น:"
    system = "System" if lang == "en" else "ระบบ"
    active = register[register.index('id="waiver-RA-1"') :]
    # the waiver's resource: the address, then the waiver's own text
    assert active.index(f'<span class="code wrap">{EDGE}</span>') < active.index(
        f'{written} <span class="code wrap">{EDGE_ID}</span>'
    )
    # its findings table names the resource as a finding table does
    assert (
        f'<td class="wrap"><b class="code">{EDGE}</b><div class="small">edge-ssh</div>'
        f"<br>{system}: edge</td>"
    ) in active
    unused = register[register.index('id="waiver-RA-3"') :]
    assert '<span class="code wrap">*/aws_security_group.gone</span>' in unused
    assert written not in unused


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_register_names_the_address(result: AuditResult, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    from gdcc_audit.report.pdf import render_pdf

    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(result, "en"))
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    register = " ".join(text[text.rindex("Waiver register") :].split())
    start = register.index("RA-1 · GDCC-NET-001")
    assert register.index(f"{EDGE} (System: edge)", start) < register.index(
        f"as the waiver file names it: {EDGE_ID}", start
    )


def test_quarterly_waiver_tables(result: AuditResult, tmp_path: Path) -> None:
    from gdcc_audit.history.quarterly import NamedResource

    db = f"sqlite:///{tmp_path / 'h.sqlite3'}"
    with Store(db) as store:
        record_run(store, result)
        view = build_quarterly(
            store, "edge-tenant", parse_quarter("2570Q1"), translator("en"), charts=False
        )
    (granted,) = view.granted
    assert (granted.id, granted.resources) == ("RA-1", (NamedResource(EDGE, "edge-ssh", "edge"),))
    assert granted.written == EDGE_ID
    (expired,) = view.expired
    assert (expired.id, expired.resources) == (
        "RA-2", (NamedResource(BASTION, "ops-bastion", "edge"),)
    )
    assert NOW.date() == dt.date(2026, 11, 23)  # 2570Q1: October to December 2026
    from gdcc_audit.history.render import render_html

    html = unbroken(render_html("quarterly.html.j2", view, "en", media="screen"))
    table = html[html.index("<h2>Expired (the findings fail again)</h2>") :]
    assert (
        f'<td class="wrap"><span class="code">{BASTION}</span><br><span class="small">'
        'ops-bastion</span><br><span class="muted small">edge</span></td>'
    ) in table[: table.index("</table>")]
    assert "*/aws_security_group.bastion" not in html


def test_junit_waived_case_names_the_address(result: AuditResult) -> None:
    root = ET.fromstring(render(result, JunitReporter()))
    case = next(
        c for c in root.iter("testcase")
        if c.get("name") == EDGE_ID and c.get("classname") == "gdcc-audit.GDCC-NET-001"
    )  # the case's name stays the id: a CI keeps a test's history by its name
    skipped = case.find("skipped")
    assert skipped is not None
    assert skipped.get("message", "").startswith(
        "waived by RA-1 (approver CISO, expires 2027-03-31)"
    )
    lines = (skipped.text or "").splitlines()
    assert lines[:3] == [
        "port 22 is open to the whole internet (0.0.0.0/0)",
        f"resource: {EDGE_ID}",
        f"address: {EDGE}",
    ]
    assert lines[3].startswith("location: ")
    assert lines[3].endswith("modules/edge/main.tf:1-11")


def test_oscal_risk_names_the_address(result: AuditResult) -> None:
    document = json.loads(render(result, OscalReporter()))
    (risk,) = document["assessment-results"]["results"][0]["risks"]
    assert risk["title"] == f"GDCC-NET-001 on {EDGE} (waiver RA-1)"
