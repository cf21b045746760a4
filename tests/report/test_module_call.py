"""A module's file declares one resource per root module calling it: two findings with the
same address and the same ``mod/main.tf`` line could not be told apart. Each finding of a
module's resource names the root module's ``module`` block it comes through
(``called_at``), in every format; a root's own resource names none."""

from __future__ import annotations

import csv
import io
import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from gdcc_audit.api import audit
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
variable "public" { default = false }
resource "aws_s3_bucket" "b" {
  bucket = "x"
}
resource "aws_s3_bucket_acl" "a" {
  bucket = aws_s3_bucket.b.id
  acl    = var.public ? "public-read" : "private"
}
"""

SARIF_SCHEMA = Path("/work/shared/reference/schemas/sarif-schema-2.1.0.json")
SCHEMA_COPY = Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json"


@pytest.fixture
def scanned(tmp_path: Path) -> Iterator[AuditResult]:
    """``ex1`` calls ``mod`` public, ``ex2`` private; ``ex3`` calls ``wrap``, which calls
    ``mod`` public (a module of a module); ``ex3`` also has a bucket of its own."""
    base = tmp_path / "repo"
    calls = {
        "ex1": 'module "m" {\n  source = "../mod"\n  public = true\n}\n',
        "ex2": 'module "m" {\n  source = "../mod"\n  public = false\n}\n',
        "ex3": '\nmodule "w" {\n  source = "../wrap"\n}\n'
        'resource "aws_s3_bucket" "own" {\n  bucket = "own"\n  acl    = "public-read"\n}\n',
        "wrap": 'module "inner" {\n  source = "../mod"\n  public = true\n}\n',
        "mod": MODULE,
    }
    for folder, text in calls.items():
        (base / folder).mkdir(parents=True)
        (base / folder / "main.tf").write_text(text, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(base)
    try:
        yield audit([Path(".")], Settings(rule_ids=("GDCC-DATA-001",)))
    finally:
        os.chdir(cwd)


def _render(reporter: Reporter, result: AuditResult) -> str:
    stream = io.StringIO()
    reporter.render(result, stream, ReportOptions(lang="en", color=False))
    return stream.getvalue()


def test_each_finding_names_its_roots_module_call(scanned: AuditResult) -> None:
    found = {
        (f.address, f.called_at): f.status.value
        for f in scanned.findings
        if f.rule_id == "GDCC-DATA-001"
    }
    assert found == {
        ("module.m.aws_s3_bucket.b", "ex1/main.tf:1"): "FAIL",
        ("module.m.aws_s3_bucket.b", "ex2/main.tf:1"): "PASS",
        # a module called by a module: the root's call of the outer one
        ("module.w.module.inner.aws_s3_bucket.b", "ex3/main.tf:2"): "FAIL",
        ("aws_s3_bucket.own", None): "FAIL",
    }
    chains = {f.address: f.call_chain for f in scanned.findings}
    # the whole chain, outermost first, for a module called by a module (only)
    assert chains == {
        "module.m.aws_s3_bucket.b": None,
        "module.w.module.inner.aws_s3_bucket.b": ("ex3/main.tf:2", "wrap/main.tf:1"),
        "aws_s3_bucket.own": None,
    }
    resources = {(r.address, r.called_at) for r in scanned.resources}
    assert ("module.m.aws_s3_bucket.b", "ex1/main.tf:1") in resources
    assert ("aws_s3_bucket.own", None) in resources


def test_every_format_shows_the_module_call(scanned: AuditResult) -> None:
    failing = scanned.model_copy(
        update={"findings": tuple(f for f in scanned.findings if f.status.value == "FAIL")}
    )
    console = _render(ConsoleReporter(), failing)
    assert "mod/main.tf:2-4 ← ex1/main.tf:1" in console
    assert "mod/main.tf:2-4 ← wrap/main.tf:1 ← ex3/main.tf:2" in console
    rows = list(csv.DictReader(io.StringIO(_render(CsvReporter(), failing))))
    assert sorted((r["address"], r["called_at"], r["call_chain"]) for r in rows) == [
        ("aws_s3_bucket.own", "", ""),
        ("module.m.aws_s3_bucket.b", "ex1/main.tf:1", ""),
        (
            "module.w.module.inner.aws_s3_bucket.b",
            "ex3/main.tf:2",
            "ex3/main.tf:2 → wrap/main.tf:1",
        ),
    ]
    junit = ET.fromstring(_render(JunitReporter(), failing))
    details = [node.text or "" for node in junit.iter("failure")]
    assert sum("module called at: ex1/main.tf:1" in d for d in details) == 1
    assert sum("module called at: ex3/main.tf:2 → wrap/main.tf:1\n" in d for d in details) == 1
    sarif = json.loads(_render(SarifReporter(), failing))
    schema_path = SARIF_SCHEMA if SARIF_SCHEMA.is_file() else SCHEMA_COPY
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema, cls=jsonschema.Draft7Validator)
    related = {
        r["properties"]["address"]: [
            (x["physicalLocation"]["artifactLocation"]["uri"], x["physicalLocation"]["region"])
            for x in r.get("relatedLocations", [])
        ]
        for r in sarif["runs"][0]["results"]
    }
    assert related == {
        "module.m.aws_s3_bucket.b": [("ex1/main.tf", {"startLine": 1})],
        "module.w.module.inner.aws_s3_bucket.b": [
            ("ex3/main.tf", {"startLine": 2}),
            ("wrap/main.tf", {"startLine": 1}),
        ],
        "aws_s3_bucket.own": [],
    }
    inner = next(
        r for r in sarif["runs"][0]["results"]
        if r["properties"]["address"] == "module.w.module.inner.aws_s3_bucket.b"
    )
    assert inner["properties"]["callChain"] == ["ex3/main.tf:2", "wrap/main.tf:1"]
    assert [x["message"]["text"] for x in inner["relatedLocations"]] == [
        "module called here",
        "module called here, in the module called at ex3/main.tf:2",
    ]
    html = unbroken(_render(HtmlReporter(), failing))  # without break opportunities
    assert "module called at ex1/main.tf:1" in html
    assert "module called at ex3/main.tf:2 → wrap/main.tf:1" in html
    document = json.loads(result_to_json(failing, full_findings=True))
    by_address = {r["address"]: r["called_at"] for r in document["resources"]}
    assert by_address["module.w.module.inner.aws_s3_bucket.b"] == "ex3/main.tf:2"
    assert by_address["aws_s3_bucket.own"] is None
    chains = {r["address"]: r.get("call_chain") for r in document["resources"]}
    assert chains["module.w.module.inner.aws_s3_bucket.b"] == ["ex3/main.tf:2", "wrap/main.tf:1"]
    assert chains["module.m.aws_s3_bucket.b"] is None
    # the compact layout leaves the finding's chain to its resource: read back, the same
    compact = AuditResult.model_validate_json(result_to_json(failing))
    assert {f.address: f.call_chain for f in compact.findings} == {
        f.address: f.call_chain for f in failing.findings
    }
