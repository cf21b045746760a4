"""A module input the caller does not pass takes the module's ``default``: the line a user of
the module changes is their own ``module`` block (they add the argument), so a finding names
that block first, then the default's line, in every format; a module scanned as its own root
(nobody calls it) names the default's line alone."""

from __future__ import annotations

import csv
import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.console import ConsoleReporter
from gdcc_audit.report.csv import CsvReporter
from gdcc_audit.report.html import HtmlReporter
from gdcc_audit.report.interface import Reporter, ReportOptions
from gdcc_audit.report.json import result_to_json
from gdcc_audit.report.junit import JunitReporter
from gdcc_audit.report.sarif import SarifReporter
from gdcc_audit.report.templating import unbroken
from gdcc_audit.settings import Settings

MODULE = """\
variable "encrypted" {
  type    = bool
  default = false
}

resource "aws_ebs_volume" "this" {
  availability_zone = "ap-southeast-7a"
  size              = 10
  encrypted         = var.encrypted
}
"""

ROOT = """\
# the volume module, its input left to the default
module "disk" {
  source = "./modules/disk"
}

module "wrapped" {
  source = "./modules/wrap"
}
"""

WRAP = """\
module "inner" {
  source = "../disk"
}
"""

EN = (
    "./main.tf:2 (module.disk does not set encrypted: default of module input encrypted "
    "at modules/disk/main.tf:3)"
)
# a module calling a module without the argument: the calling module's block is the line
INNER = (
    "modules/wrap/main.tf:1 (module.wrapped.module.inner does not set encrypted: default of "
    "module input encrypted at modules/disk/main.tf:3)"
)


def _scan(base: Path) -> AuditResult:
    cwd = Path.cwd()
    os.chdir(base)
    try:
        return audit([Path(".")], Settings(rule_ids=("GDCC-ENC-001",)))
    finally:
        os.chdir(cwd)


@pytest.fixture
def scanned(tmp_path: Path) -> AuditResult:
    for folder, text in {"modules/disk": MODULE, "modules/wrap": WRAP, ".": ROOT}.items():
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "main.tf").write_text(text, encoding="utf-8")
    return _scan(tmp_path)


def _failed(result: AuditResult) -> dict[str, Finding]:
    return {f.address: f for f in result.findings if f.status == Status.FAIL}


def _render(reporter: Reporter, result: AuditResult, lang: str = "en") -> str:
    stream = io.StringIO()
    reporter.render(result, stream, ReportOptions(lang=lang, color=False))
    return stream.getvalue()


def test_the_callers_block_then_the_default(scanned: AuditResult) -> None:
    found = {a: (f.message.en, f.evidence["value_set_at"]) for a, f in _failed(scanned).items()}
    assert found == {
        "module.disk.aws_ebs_volume.this": (
            f"encryption at rest is off (value set at {EN})",
            {"encrypted_at_rest": EN},
        ),
        "module.wrapped.module.inner.aws_ebs_volume.this": (
            f"encryption at rest is off (value set at {INNER})",
            {"encrypted_at_rest": INNER},
        ),
    }
    thai = _failed(scanned)["module.disk.aws_ebs_volume.this"].message.th
    assert thai.endswith(
        "(ค่ากำหนดไว้ที่ ./main.tf:2 (module.disk ไม่ได้กำหนด encrypted: "
        "ใช้ค่าเริ่มต้นของอินพุตโมดูล encrypted ที่ modules/disk/main.tf:3))"
    )
    assert "does not set" not in thai


def test_every_format_names_both_places_callers_first(scanned: AuditResult) -> None:
    failing = scanned.model_copy(update={"findings": tuple(_failed(scanned).values())})
    assert EN in " ".join(_render(ConsoleReporter(), failing).split())
    rows = list(csv.DictReader(io.StringIO(_render(CsvReporter(), failing))))
    assert any(EN in row["message"] for row in rows)
    thai = list(csv.DictReader(io.StringIO(_render(CsvReporter(), failing, "th"))))
    assert any("./main.tf:2 (module.disk ไม่ได้กำหนด encrypted" in r["message"] for r in thai)
    junit = ET.fromstring(_render(JunitReporter(), failing))
    assert any(
        EN in (node.get("message") or "") + (node.text or "") for node in junit.iter("failure")
    )
    sarif = json.loads(_render(SarifReporter(), failing))
    assert any(EN in r["message"]["text"] for r in sarif["runs"][0]["results"])
    # the message and the evidence mark long names breakable (templating.unbroken: as read)
    assert EN in unbroken(_render(HtmlReporter(), failing))
    document = json.loads(result_to_json(failing, full_findings=True))
    assert any(
        f["evidence"]["value_set_at"] == {"encrypted_at_rest": EN} for f in document["findings"]
    )


def test_a_module_scanned_as_its_own_root_names_the_default(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MODULE, encoding="utf-8")
    found = {a: f.evidence["value_set_at"] for a, f in _failed(_scan(tmp_path)).items()}
    assert found == {"aws_ebs_volume.this": {"encrypted_at_rest": "./main.tf:3"}}


PAB_MODULE = """\
variable "block_public_acls" {
  default = true
}
variable "block_public_policy" {
  default = true
}
variable "ignore_public_acls" {
  default = true
}
variable "restrict_public_buckets" {
  default = true
}

resource "aws_s3_bucket" "this" {
  bucket = "logs"
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  restrict_public_buckets = var.restrict_public_buckets
  block_public_acls       = var.block_public_acls
  block_public_policy     = var.block_public_policy
  ignore_public_acls      = var.ignore_public_acls
}
"""


def test_inputs_one_block_leaves_are_named_once(tmp_path: Path) -> None:
    """The four public access block settings left to the module's defaults by one module
    block: that block once, the inputs and their defaults in line order (before: the block
    four times over, or the defaults alone)."""
    (tmp_path / "modules" / "logs").mkdir(parents=True)
    (tmp_path / "modules" / "logs" / "main.tf").write_text(PAB_MODULE, encoding="utf-8")
    (tmp_path / "main.tf").write_text(
        'module "logs" {\n  source = "./modules/logs"\n}\n', encoding="utf-8"
    )
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-DATA-006",)))
    finally:
        os.chdir(cwd)
    (finding,) = [f for f in result.findings if f.status == Status.PASS]
    at = "modules/logs/main.tf"
    expected = (
        "./main.tf:1 (module.logs does not set block_public_acls, block_public_policy, "
        "ignore_public_acls, restrict_public_buckets: defaults of its inputs at "
        f"{at}:2, {at}:5, {at}:8, {at}:11)"
    )
    assert finding.evidence["value_set_at"] == {"public_access_block": expected}
    assert finding.message.en.endswith(f"(value set at {expected})")
    assert finding.message.th.endswith(
        "(ค่ากำหนดไว้ที่ ./main.tf:1 (module.logs ไม่ได้กำหนด block_public_acls, "
        "block_public_policy, ignore_public_acls, restrict_public_buckets: "
        f"ใช้ค่าเริ่มต้นของอินพุตโมดูลที่ {at}:2, {at}:5, {at}:8, {at}:11))"
    )
