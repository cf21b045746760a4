"""Every output format names the resource as its user knows it: the Terraform address (module
path and index), the CloudFormation logical id, Kubernetes Kind/namespace/name, with the file
relative to where the scan was run and the declaration line; no absolute path leaks."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.result import AuditResult
from gdcc_audit.models.result_layout import expanded
from gdcc_audit.report.console import ConsoleReporter
from gdcc_audit.report.csv import CsvReporter
from gdcc_audit.report.html import HtmlReporter
from gdcc_audit.report.interface import Reporter, ReportOptions
from gdcc_audit.report.json import JsonReporter
from gdcc_audit.report.junit import JunitReporter
from gdcc_audit.report.labels import other_name, resource_label
from gdcc_audit.report.sarif import SarifReporter
from gdcc_audit.report.templating import unbroken
from gdcc_audit.settings import Settings

ROOT_TF = """\
module "db" {
  source = "./modules/db"
}
"""

MODULE_TF = """\
resource "aws_security_group" "this" {
  count = 1
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"""

CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AdminGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIp: 0.0.0.0/0}
"""

K8S = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
"""

TF_ADDRESS = "module.db.aws_security_group.this[0]"
EXPECTED = {
    TF_ADDRESS: ("stack/modules/db/main.tf", 1),
    "AdminGroup": ("stack/admin.yaml", 3),  # the logical id's line, not the one below it
    "Pod/shop/web": ("stack/pod.yaml", 1),
}


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AuditResult]:
    base = tmp_path_factory.mktemp("native")
    stack = base / "stack"
    (stack / "modules" / "db").mkdir(parents=True)
    (stack / "main.tf").write_text(ROOT_TF, encoding="utf-8")
    (stack / "modules" / "db" / "main.tf").write_text(MODULE_TF, encoding="utf-8")
    (stack / "admin.yaml").write_text(CFN, encoding="utf-8")
    (stack / "pod.yaml").write_text(K8S, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(base)
    try:
        # The user passes a relative path: no output may contain the absolute one.
        yield audit([Path("stack")], Settings(rule_ids=("GDCC-NET-001", "GDCC-K8S-001")))
    finally:
        os.chdir(cwd)


def render(reporter: Reporter, result: AuditResult) -> str:
    stream = io.StringIO()
    reporter.render(result, stream, ReportOptions(lang="en", color=False))
    return stream.getvalue()


def _failing(result: AuditResult) -> dict[str, tuple[str, int | None]]:
    return {
        f.address or "": (f.location.file if f.location else "", f.location.start_line
                          if f.location else None)
        for f in result.findings
        if f.status == "FAIL"
    }


def _no_absolute_path(text: str, result: AuditResult) -> None:
    assert "pytest-of" not in text  # the temporary folder the scan ran in
    assert "native0" not in text


def test_findings_carry_address_file_and_line(result: AuditResult) -> None:
    assert _failing(result) == EXPECTED
    addresses = {r.address for r in result.resources}
    assert set(EXPECTED) <= addresses


def test_json(result: AuditResult) -> None:
    text = render(JsonReporter(), result)
    data = expanded(json.loads(text))
    found = {
        f["address"]: (f["location"]["file"], f["location"]["start_line"])
        for f in data["findings"]
        if f["status"] == "FAIL"
    }
    assert found == EXPECTED
    _no_absolute_path(text, result)


def test_sarif(result: AuditResult) -> None:
    text = render(SarifReporter(), result)
    (run,) = json.loads(text)["runs"]
    found = {}
    for entry in run["results"]:
        (location,) = entry["locations"]
        (logical,) = location["logicalLocations"]
        physical = location["physicalLocation"]
        found[logical["fullyQualifiedName"]] = (
            physical["artifactLocation"]["uri"],
            physical["region"]["startLine"],
        )
        assert logical["name"] == logical["fullyQualifiedName"]
        assert entry["message"]["text"].endswith(f"({logical['name']})")
    assert found == EXPECTED
    _no_absolute_path(text, result)


def test_junit(result: AuditResult) -> None:
    text = render(JunitReporter(), result)
    root = ET.fromstring(text.encode())
    found = {}
    for case in root.iter("testcase"):
        failure = case.find("failure")
        if failure is None:
            continue
        detail = failure.text or ""
        address = next(
            line.removeprefix("address: ") for line in detail.splitlines()
            if line.startswith("address: ")
        )
        found[address] = (case.get("file"), int(case.get("line") or 0))
    assert found == EXPECTED
    _no_absolute_path(text, result)


def test_csv(result: AuditResult) -> None:
    text = render(CsvReporter(), result)
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    found = {
        r["address"]: (r["file"], int(r["start_line"])) for r in rows if r["status"] == "FAIL"
    }
    assert found == EXPECTED
    _no_absolute_path(text, result)


def test_console(result: AuditResult) -> None:
    text = render(ConsoleReporter(), result)
    flat = " ".join(text.split())
    # paths relative to the folder every input lies in, said once
    assert "Paths are relative to stack " in flat
    for address, (file, line) in EXPECTED.items():
        assert address in flat
        assert f"{file.removeprefix('stack/')}:{line}" in flat.replace(" ", "")


def test_html(result: AuditResult) -> None:
    # an address may break after '.', '/', '_' (<wbr>), copied text is the same
    text = unbroken(render(HtmlReporter(), result))
    # The resource column names each resource by its native address alone: never the
    # engine's internal id, and not the name again when it only repeats the address's parts
    # (Kubernetes namespace/Kind/name, Terraform module.db.this[0]).
    assert 'Paths are relative to the scanned folder <span class="code wrap">stack</span>' in text
    for address, (file, line) in EXPECTED.items():
        assert f'<td class="wrap"><b class="code">{address}</b></td>' in text
        assert f">{file.removeprefix('stack/')}:{line}" in text
    for finding in result.findings:
        assert finding.resource_id not in text
    assert "shop/Pod/web" not in text
    assert "<b>module.db.this[0]</b>" not in text
    _no_absolute_path(text, result)


def test_other_name_only_when_it_says_more() -> None:
    assert resource_label("shop/Pod/web", "Pod/shop/web") == "Pod/shop/web"
    assert resource_label("web", None) == "web"
    assert other_name("shop/Pod/web", "Pod/shop/web") is None
    assert other_name("module.db.this[0]", TF_ADDRESS) is None
    assert other_name("AdminGroup", "AdminGroup") is None
    # a Terraform bucket's own name (its bucket attribute) is not in its address
    assert other_name("agency-logs", "aws_s3_bucket.logs") == "agency-logs"
    assert other_name("web", None) is None


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf(result: AuditResult, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    from gdcc_audit.report.pdf import PdfReporter

    path = tmp_path / "r.pdf"
    with path.open("wb") as stream:
        PdfReporter().render(result, stream, ReportOptions(lang="en"))
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())
    assert "Pathsarerelativetothescannedfolderstack" in flat
    for address, (file, line) in EXPECTED.items():
        assert address in flat
        assert f"{file.removeprefix('stack/')}:{line}" in flat
