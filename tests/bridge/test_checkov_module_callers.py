"""A module's file declares one resource per root module that calls it: checkov's result for
``module.m.aws_s3_bucket_acl.a`` called from ``ex1/main.tf`` is about ``ex1``'s bucket, not the
first root's (the bridge took the first: ``ex2``'s PASS was compared with ``ex1``'s FAIL)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.bridges.checkov.convert import ResourceIndex, caller_of
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph

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


def _tree(base: Path) -> Path:
    for folder, public in (("ex1", "true"), ("ex2", "false")):
        (base / folder).mkdir(parents=True)
        (base / folder / "main.tf").write_text(
            f'module "m" {{\n  source = "../mod"\n  public = {public}\n}}\n', encoding="utf-8"
        )
    (base / "mod").mkdir()
    (base / "mod" / "main.tf").write_text(MODULE, encoding="utf-8")
    return base


def _result(base: Path, caller: str, passed: bool) -> dict[str, Any]:
    return {
        "check_id": "CKV_AWS_20",
        "check_name": "S3 Bucket has an ACL defined which allows public READ access.",
        "resource": "module.m.aws_s3_bucket_acl.a",
        "file_path": "/mod/main.tf",
        "file_abs_path": os.path.realpath(base / "mod" / "main.tf"),
        "file_line_range": [5, 8],
        "caller_file_path": f"/{caller}/main.tf",
        "caller_file_line_range": [1, 4],
        "check_result": {"result": "PASSED" if passed else "FAILED"},
    }


def _report(base: Path) -> dict[str, Any]:
    """checkov's report on ``base``: ex1's ACL public (FAILED), ex2's private (PASSED)."""
    return {
        "check_type": "terraform",
        "results": {
            "failed_checks": [_result(base, "ex1", passed=False)],
            "passed_checks": [_result(base, "ex2", passed=True)],
        },
    }


def test_each_callers_result_is_about_its_own_root(
    fake_checkov: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = _tree(tmp_path / "repo")
    recorded = tmp_path / "report.json"
    recorded.write_text(json.dumps([_report(base)]), encoding="utf-8")
    monkeypatch.setenv("FAKE_CHECKOV_JSON", str(recorded))
    result = audit([base], Settings(checkov=str(fake_checkov)))
    assert result.checkov is not None
    assert result.checkov.error is None
    native = {f.resource_id: f for f in result.findings if f.rule_id == "GDCC-DATA-001"}
    ex1 = next(f for i, f in native.items() if "ex1:module.m" in i)
    ex2 = next(f for i, f in native.items() if "ex2:module.m" in i)
    assert (ex1.status.value, ex2.status.value) == ("FAIL", "PASS")
    # each verdict of checkov corroborates the native one of its own root; none disagrees
    assert result.checkov.disagreed == ()
    assert result.checkov.corroborated == 2
    assert ex1.corroboration == ("CKV_AWS_20",)
    assert ex2.corroboration == ("CKV_AWS_20",)


def test_a_caller_the_index_cannot_place_picks_no_resource(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = _tree(tmp_path / "repo")
    graph = audit_keeping_graph(base, monkeypatch, Settings())[1]
    index = ResourceIndex(graph.resources())
    file = str(base / "mod" / "main.tf")
    address = "module.m.aws_s3_bucket.b"
    # no caller, or a caller that is neither root: never the first root's resource
    assert index.find("terraform", address, file, [2]) is None
    elsewhere = caller_of(_result(base, "other", passed=True))
    assert index.find("terraform", address, file, [2], elsewhere) is None
    ex2 = index.find("terraform", address, file, [2], caller_of(_result(base, "ex2", True)))
    assert ex2 is not None
    assert ex2.attributes["root"] == "ex2:"
    # a module called by a module: the caller is the same file for every root
    deeper = "module.outer.module.m.aws_s3_bucket.b"
    assert index.find("terraform", deeper, file, [2], elsewhere) is None


def test_caller_of_reads_checkovs_relative_caller(tmp_path: Path) -> None:
    base = _tree(tmp_path / "repo")
    assert caller_of(_result(base, "ex1", passed=True)) == os.path.realpath(base / "ex1/main.tf")
    root_result = _result(base, "ex1", passed=True)
    del root_result["caller_file_path"]
    assert caller_of(root_result) is None
