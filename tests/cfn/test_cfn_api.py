"""End to end through gdcc_audit.audit(): inputs, statuses and resources of IaC files."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.discover import HELM_REASON
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings
from iac_helpers import FIXTURES

BOMB = """\
AWSTemplateFormatVersion: "2010-09-09"
a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      Tags: *g
"""


def test_alias_bomb_is_refused_and_other_files_still_load(tmp_path: Path) -> None:
    (tmp_path / "bomb.yaml").write_text(BOMB, encoding="utf-8")
    (tmp_path / "ok.yaml").write_text(
        (FIXTURES / "cloudformation" / "identity.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(max_yaml_nodes=100_000))
    inputs = {Path(i.path).name: i for i in result.inputs}
    assert inputs["bomb.yaml"].status is InputStatus.NOT_ASSESSED
    assert "alias expansion refused" in (inputs["bomb.yaml"].error or "")
    assert inputs["ok.yaml"].status is InputStatus.ASSESSED
    assert inputs["ok.yaml"].format == "cloudformation"
    assert inputs["ok.yaml"].resources == 14


def test_formats_statuses_and_reasons_through_the_api() -> None:
    result = audit(
        [
            FIXTURES / "cloudformation" / "rain-module.yaml",
            FIXTURES / "kubernetes" / "chart",
            FIXTURES / "kubernetes" / "workloads.yaml",
            FIXTURES / "heat" / "stack.yaml",
            FIXTURES / "cloudformation" / "not-iac" / "openapi.yaml",
        ]
    )
    inputs = {Path(i.path).name: i for i in result.inputs}
    rain = inputs["rain-module.yaml"]
    # the Rain-module resource is skipped with its line; the plain bucket is judged
    assert (rain.status, rain.line, rain.resources) == (InputStatus.PARTIALLY_ASSESSED, 6, 1)
    helm = inputs["deployment.yaml"]
    assert (helm.status, helm.error) == (InputStatus.NOT_RECOGNISED, HELM_REASON)
    assert (inputs["openapi.yaml"].status, inputs["openapi.yaml"].error) == (
        InputStatus.NOT_RECOGNISED, None
    )
    assert (inputs["workloads.yaml"].format, inputs["workloads.yaml"].resources) == (
        "kubernetes", 3
    )
    assert (inputs["stack.yaml"].format, inputs["stack.yaml"].resources) == ("heat", 13)
    providers = {r.provider for r in result.resources}
    assert providers == {"aws", "kubernetes", "openstack"}  # aws: the Rain template's bucket
