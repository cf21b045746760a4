"""Resource types that no rule reads (``azapi_resource``, ``null_resource``) are named in the
result (``not_judged``), the console summary and the report, so a file is not taken as judged
whole when part of what it declares was only read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.cli.app import run
from gdcc_audit.settings import Settings

TF = """\
resource "azapi_resource" "cluster" {
  type      = "Microsoft.Insights/dataCollectionRules@2023-03-11"
  name      = "cluster"
  parent_id = "/subscriptions/x/resourceGroups/rg"
}

resource "azapi_resource" "container" {
  type      = "Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01"
  name      = "container"
  parent_id = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a"
}

resource "null_resource" "wait" {}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
"""


def test_types_no_rule_reads_are_named_in_every_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings())
    # an AzAPI resource is named by its ARM type (normalize/terraform/azapi.py)
    names = {
        "azapi_resource (Microsoft.Insights/dataCollectionRules)": 1,
        "azapi_resource (Microsoft.Storage/storageAccounts/blobServices/containers)": 1,
        "null_resource": 1,
    }
    assert result.not_judged == names
    assert [r.address for r in result.resources] == ["aws_s3_bucket.logs"]
    out = tmp_path / "out"
    args = ["scan", str(tmp_path / "main.tf"), "--fail-on", "none", "--no-color", "--lang", "en"]
    assert run([*args, "--format", "console,json,html", "-o", str(out)]) == 0
    assert (
        "Not judged (no rule of gdcc-audit reads these types): 3 resources of 3 types: "
        "azapi_resource (Microsoft.Insights/dataCollectionRules) 1, azapi_resource "
        "(Microsoft.Storage/storageAccounts/blobServices/containers) 1, null_resource 1"
    ) in " ".join(capsys.readouterr().out.split())  # the console wraps long lines
    data = json.loads((out / "gdcc-audit.json").read_text(encoding="utf-8"))
    assert data["not_judged"] == names
    html = (out / "gdcc-audit.html").read_text(encoding="utf-8")
    assert "Resources of types that no rule of gdcc-audit reads (3) were read but not judged:" in (
        html
    )


def test_a_result_where_every_type_is_read_has_no_not_judged_key(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n')
    result = audit([tmp_path], Settings())
    assert result.not_judged == {}
    assert "not_judged" not in result.model_dump(mode="json")
