"""Terraform module calls whose module was not read (a registry module ``terraform init`` has
not downloaded, a folder that is not there, a ``for_each`` not known statically) are named in
the result (``modules_not_read``), the console, SARIF and the report: a file that declares
only such a call is not a clean "nothing to report"."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.cli.app import run
from gdcc_audit.models.result import AuditResult, UnreadModule
from gdcc_audit.report.templating import unbroken
from gdcc_audit.settings import Settings

TF = """\
module "bucket" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "3.7.0"
  acl     = "public-read"
}

module "network" {
  source = "./modules/network"
}

variable "names" {
  type = set(string)
}

module "queues" {
  source   = "./modules/queue"
  for_each = var.names
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
"""


def _root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    (root / "modules" / "queue").mkdir(parents=True)
    (root / "modules" / "queue" / "main.tf").write_text(
        'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n', encoding="utf-8"
    )
    (root / "main.tf").write_text(TF, encoding="utf-8")
    return root


def test_each_module_not_read_is_named_with_where_and_why(tmp_path: Path) -> None:
    root = _root(tmp_path)
    result = audit([root], Settings(rule_ids=("GDCC-DATA-001",)))
    main = str(root / "main.tf")
    assert result.modules_not_read == (
        UnreadModule(
            address="module.bucket",
            source="terraform-aws-modules/s3-bucket/aws",
            reason="remote source: not downloaded",
            path=main,
            line=1,
        ),
        UnreadModule(
            address="module.network",
            source="./modules/network",
            reason="no Terraform files in the module folder",
            path=main,
            line=7,
        ),
        UnreadModule(
            address="module.queues",
            source="./modules/queue",
            reason="count/for_each not known statically",
            path=main,
            line=15,
        ),
    )
    # What was read is still judged; the module folder no call expanded is its own root.
    assert [r.address for r in result.resources] == ["aws_s3_bucket.logs", "aws_sqs_queue.q"]


def test_modules_not_read_show_in_every_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _root(tmp_path)
    out = tmp_path / "out"
    args = ["scan", str(root), "--fail-on", "none", "--no-color", "--lang", "en"]
    assert run([*args, "--format", "console,json,sarif,html", "-o", str(out)]) == 0
    console = " ".join(capsys.readouterr().out.split())
    assert (
        "Modules and nested stacks not read (none of their resources is assessed): 3: "
        "module.bucket "
        "(terraform-aws-modules/s3-bucket/aws) main.tf:1: remote source: not downloaded;"
    ) in console
    assert (
        "Run `terraform init` in the root module so its remote modules are downloaded, "
        "then scan again."
    ) in console
    data = json.loads((out / "gdcc-audit.json").read_text(encoding="utf-8"))
    assert [m["address"] for m in data["modules_not_read"]] == [
        "module.bucket",
        "module.network",
        "module.queues",
    ]
    assert AuditResult.model_validate(data).modules_not_read[0].source == (
        "terraform-aws-modules/s3-bucket/aws"
    )
    sarif = json.loads((out / "gdcc-audit.sarif").read_text(encoding="utf-8"))
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True  # warnings, not failures
    first = invocation["toolExecutionNotifications"][0]
    assert first["level"] == "warning"
    assert first["message"]["text"] == (
        "module.bucket (terraform-aws-modules/s3-bucket/aws): not read, none of its resources "
        "is assessed: remote source: not downloaded"
    )
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    html = unbroken((out / "gdcc-audit.html").read_text(encoding="utf-8"))
    assert (
        "Modules and nested stacks that were not read (3); none of their resources is assessed:"
    ) in html
    assert "module.queues (./modules/queue)" in html


def test_a_downloaded_module_is_not_listed(tmp_path: Path) -> None:
    root = tmp_path / "root"
    installed = root / ".terraform" / "modules" / "bucket"
    installed.mkdir(parents=True)
    (installed / "main.tf").write_text(
        'variable "acl" {}\nresource "aws_s3_bucket" "this" {\n  bucket = "b"\n'
        "  acl    = var.acl\n}\n",
        encoding="utf-8",
    )
    (root / ".terraform" / "modules" / "modules.json").write_text(
        json.dumps({"Modules": [{"Key": "bucket", "Dir": ".terraform/modules/bucket"}]}),
        encoding="utf-8",
    )
    (root / "main.tf").write_text(
        'module "bucket" {\n  source = "terraform-aws-modules/s3-bucket/aws"\n'
        '  acl    = "public-read"\n}\n',
        encoding="utf-8",
    )
    result = audit([root], Settings(rule_ids=("GDCC-DATA-001",)))
    assert result.modules_not_read == ()
    assert "modules_not_read" not in result.model_dump(mode="json")
    assert [(f.address, f.status.value) for f in result.findings] == [
        ("module.bucket.aws_s3_bucket.this", "FAIL")
    ]


PARENT = """\
AWSTemplateFormatVersion: "2010-09-09"
Conditions:
  Never: !Equals [a, b]
Resources:
  Storage:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://s3.amazonaws.com/templates/storage.yaml
  Net:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./net.yaml
  Repo:
    Type: AWS::Serverless::Application
    Properties:
      Location:
        ApplicationId: arn:aws:serverlessrepo:us-east-1:123456789012:applications/app
        SemanticVersion: 1.0.0
  Skipped:
    Type: AWS::CloudFormation::Stack
    Condition: Never
    Properties:
      TemplateURL: https://s3.amazonaws.com/templates/never.yaml
  Job:
    Type: AWS::Glue::Job
    Properties:
      Command: {Name: glueetl}
      Role: arn:aws:iam::123456789012:role/glue
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties:
      VpcId: vpc-1
      InternetGatewayId: igw-1
"""

NET = """\
Resources:
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
"""


def test_nested_stacks_outside_the_scan_are_listed(tmp_path: Path) -> None:
    (tmp_path / "parent.yaml").write_text(PARENT, encoding="utf-8")
    (tmp_path / "net.yaml").write_text(NET, encoding="utf-8")
    parent = str(tmp_path / "parent.yaml")
    storage = UnreadModule(
        address="Storage",
        source="https://s3.amazonaws.com/templates/storage.yaml",
        reason="nested stack: its template is not in the scan",
        path=parent,
        line=5,
    )
    repo = UnreadModule(
        address="Repo",
        source="arn:aws:serverlessrepo:us-east-1:123456789012:applications/app 1.0.0",
        reason="nested stack: its template is not in the scan",
        path=parent,
        line=13,
    )
    # net.yaml is scanned: judged as its own template, not listed.
    whole = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert whole.modules_not_read == (storage, repo)
    # The condition that is never true leaves Skipped out; the gateway attachment is read
    # for what it says of the VPC; the Glue job is read by no rule.
    assert whole.not_judged == {"AWS::Glue::Job": 1}
    alone = audit([tmp_path / "parent.yaml"], Settings(rule_ids=("GDCC-NET-001",)))
    assert [m.address for m in alone.modules_not_read] == ["Storage", "Net", "Repo"]
    assert alone.modules_not_read[1].source == "./net.yaml"


HEAT = """\
heat_template_version: 2018-08-31
resources:
  db:
    type: lib/database.yaml
  remote:
    type: https://example.org/templates/web.yaml
  stack:
    type: OS::Heat::Stack
    properties:
      template: "heat_template_version: 2018-08-31"
  net:
    type: OS::Neutron::Net
"""


def test_nested_heat_templates_outside_the_scan_are_listed(tmp_path: Path) -> None:
    (tmp_path / "main.yaml").write_text(HEAT, encoding="utf-8")
    result = audit([tmp_path], Settings(workers=2))
    main = str(tmp_path / "main.yaml")
    assert [(m.address, m.source, m.line) for m in result.modules_not_read] == [
        ("db", "lib/database.yaml", 3),
        ("remote", "https://example.org/templates/web.yaml", 5),
    ]
    assert {m.path for m in result.modules_not_read} == {main}
    assert result.not_judged == {"OS::Heat::Stack": 1}


def test_modules_not_read_are_in_thai_in_the_thai_outputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reason each module was not read is Thai in the Thai console and HTML (it was
    'remote source: not downloaded' in English); the address, source and file stay as written."""
    monkeypatch.setenv("COLUMNS", "400")  # one line: Thai wraps without a space
    root = _root(tmp_path)
    out = tmp_path / "out"
    args = ["scan", str(root), "--fail-on", "none", "--no-color", "--lang", "th"]
    assert run([*args, "--format", "console,json,html", "-o", str(out)]) == 0
    console = " ".join(capsys.readouterr().out.split())
    assert (
        "module.bucket (terraform-aws-modules/s3-bucket/aws) main.tf:1: "
        "โมดูลจากแหล่งภายนอกไม่ได้ดาวน์โหลดมา;"
    ) in console
    assert "not downloaded" not in console
    html = unbroken((out / "gdcc-audit.html").read_text(encoding="utf-8"))
    items = re.findall(r"<li><span class=\"code wrap\">(module\.[^<]*)</span> "
                       r"<span class=\"code wrap\">([^<]*)</span>: ([^<]*)</li>", html)
    assert items == [
        ("module.bucket (terraform-aws-modules/s3-bucket/aws)", "main.tf:1",
         "โมดูลจากแหล่งภายนอกไม่ได้ดาวน์โหลดมา"),
        ("module.network (./modules/network)", "main.tf:7",
         "ไม่มีไฟล์ Terraform ในโฟลเดอร์ของโมดูล"),
        ("module.queues (./modules/queue)", "main.tf:15",
         "ไม่ทราบค่า count/for_each จากไฟล์โดยตรง"),
    ]
    assert "not downloaded" not in html
