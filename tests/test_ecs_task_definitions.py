"""Amazon ECS task definitions judged by the container rules, in Terraform and CloudFormation,
with the ECS API's defaults and unknown values kept unknown."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding
from gdcc_audit.normalize.containers import TASK_DOC
from gdcc_audit.settings import Settings

TF = """\
variable "image" { type = string }
variable "app_user" { type = string }

locals {
  digest = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
}

resource "aws_ecs_task_definition" "mixed" {
  family       = "mixed"
  network_mode = "host"
  container_definitions = jsonencode([
    {
      name                   = "app"
      image                  = "registry.example/app:1.4.2"
      user                   = "1000:1000"
      readonlyRootFilesystem = true
      linuxParameters        = { capabilities = { drop = ["ALL"] } }
    },
    {
      name            = "agent"
      image           = "registry.example/agent:latest"
      privileged      = true
      linuxParameters = { capabilities = { add = ["SYS_ADMIN"] } }
    }
  ])
  volume {
    name      = "docker"
    host_path = "/var/run/docker.sock"
  }
  volume {
    name = "scratch"
  }
}

resource "aws_ecs_task_definition" "hardened" {
  family       = "hardened"
  network_mode = "awsvpc"
  container_definitions = jsonencode([{
    name                   = "app"
    image                  = "registry.example/app@sha256:${local.digest}"
    user                   = "app"
    privileged             = false
    readonlyRootFilesystem = true
    linuxParameters        = { capabilities = { drop = ["ALL"] } }
  }])
}

resource "aws_ecs_task_definition" "unknown" {
  family = "unknown"
  container_definitions = jsonencode([{
    name                   = "app"
    image                  = var.image
    user                   = var.app_user
    readonlyRootFilesystem = true
    linuxParameters        = { capabilities = { drop = ["ALL"] } }
  }])
}
"""

CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Mixed:
    Type: AWS::ECS::TaskDefinition
    Properties:
      NetworkMode: awsvpc
      PidMode: host
      Volumes:
        - {Name: logs, Host: {SourcePath: /var/log}}
        - {Name: scratch}
      ContainerDefinitions:
        - Name: web
          Image: registry.example/web:1.27
          User: "101:101"
          ReadonlyRootFilesystem: true
          LinuxParameters: {Capabilities: {Drop: [ALL]}}
        - Name: debug
          Image: busybox
          User: root
"""

RULES = ["GDCC-K8S-001", "GDCC-K8S-002", "GDCC-K8S-004", "GDCC-K8S-007", "GDCC-K8S-008",
         "GDCC-K8S-009", "GDCC-K8S-010", "GDCC-K8S-011"]  # fmt: skip


def _findings(tmp_path: Path, name: str, text: str) -> dict[tuple[str, str], Finding]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    assert {r.kind for r in result.resources} == {"container.task"}
    return {(f.address or "", f.rule_id): f for f in result.findings}


def _verdicts(found: dict[tuple[str, str], Finding], address: str) -> dict[str, object]:
    return {
        rule: (f.status.value, f.evidence)
        for (where, rule), f in sorted(found.items())
        if where == address
    }


def test_terraform_task_with_a_risky_container(tmp_path: Path) -> None:
    found = _findings(tmp_path, "main.tf", TF)
    assert _verdicts(found, "aws_ecs_task_definition.mixed") == {
        "GDCC-K8S-001": ("FAIL", {"privileged_container": True, "containers": ["agent"]}),
        # agent writes no user: it runs as its image's user, root by default
        "GDCC-K8S-002": ("FAIL", {"run_as_root": True, "containers": ["agent"], "defaults": {
            "run_as_root": {"attribute": "user", "documentation": TASK_DOC, "value": "default"}
        }}),
        "GDCC-K8S-004": ("FAIL", {"host_namespaces": ["hostNetwork"]}),
        "GDCC-K8S-007": ("FAIL", {"read_only_root_fs": False, "containers": ["agent"]}),
        "GDCC-K8S-008": ("FAIL", {"drops_all_capabilities": False, "containers": ["agent"]}),
        "GDCC-K8S-009": ("FAIL", {"dangerous_capabilities": ["SYS_ADMIN"]}),
        "GDCC-K8S-010": ("FAIL", {"host_path_mounts": ["/var/run/docker.sock"]}),
        "GDCC-K8S-011": ("FAIL", {"mutable_images": ["registry.example/agent:latest"]}),
    }
    assert TASK_DOC.endswith("/developerguide/task_definition_parameters.html")


def test_terraform_hardened_task_passes_every_container_rule(tmp_path: Path) -> None:
    found = _findings(tmp_path, "main.tf", TF)
    verdicts = _verdicts(found, "aws_ecs_task_definition.hardened")
    assert {rule: status for rule, (status, _) in verdicts.items()} == dict.fromkeys(
        RULES, "PASS"
    )


def test_values_the_input_does_not_give_stay_unknown(tmp_path: Path) -> None:
    found = _findings(tmp_path, "main.tf", TF)
    verdicts = _verdicts(found, "aws_ecs_task_definition.unknown")
    statuses = {rule: status for rule, (status, _) in verdicts.items()}
    assert statuses == {
        "GDCC-K8S-001": "PASS",  # privileged not written: false
        "GDCC-K8S-002": "UNKNOWN",  # user = var.app_user, no value
        "GDCC-K8S-004": "PASS",  # no host mode written (the default is bridge / awsvpc)
        "GDCC-K8S-007": "PASS",
        "GDCC-K8S-008": "PASS",
        "GDCC-K8S-009": "PASS",
        "GDCC-K8S-010": "PASS",
        "GDCC-K8S-011": "UNKNOWN",  # image = var.image: its tag is not known
    }


def test_cloudformation_task_definition(tmp_path: Path) -> None:
    found = _findings(tmp_path, "task.yaml", CFN)
    assert _verdicts(found, "Mixed") == {
        "GDCC-K8S-001": ("PASS", {"privileged_container": False}),
        "GDCC-K8S-002": ("FAIL", {"run_as_root": True, "containers": ["debug"]}),
        "GDCC-K8S-004": ("FAIL", {"host_namespaces": ["hostPID"]}),
        "GDCC-K8S-007": ("FAIL", {"read_only_root_fs": False, "containers": ["debug"]}),
        "GDCC-K8S-008": ("FAIL", {"drops_all_capabilities": False, "containers": ["debug"]}),
        "GDCC-K8S-009": ("PASS", {"dangerous_capabilities": []}),
        "GDCC-K8S-010": ("FAIL", {"host_path_mounts": ["/var/log"]}),
        "GDCC-K8S-011": ("FAIL", {"mutable_images": ["busybox"]}),
    }


@pytest.mark.parametrize("user", ["root", "0", "0:0", "root:staff"])
def test_each_spelling_of_the_root_user_is_root(tmp_path: Path, user: str) -> None:
    text = CFN.replace('User: "101:101"', f'User: "{user}"').replace("User: root", "User: app")
    found = _findings(tmp_path, "task.yaml", text)
    assert found[("Mixed", "GDCC-K8S-002")].evidence == {
        "run_as_root": True,
        "containers": ["web"],
    }


def test_capability_lists_the_input_does_not_give_are_not_a_pass(tmp_path: Path) -> None:
    text = """\
variable "added" { type = list(string) }
variable "dropped" { type = list(string) }
resource "aws_ecs_task_definition" "caps" {
  family = "caps"
  container_definitions = jsonencode([{
    name                   = "app"
    image                  = "registry.example/app:1.0"
    user                   = "1000"
    readonlyRootFilesystem = true
    linuxParameters        = { capabilities = { add = var.added, drop = var.dropped } }
  }])
}
"""
    found = _findings(tmp_path, "main.tf", text)
    verdicts = _verdicts(found, "aws_ecs_task_definition.caps")
    assert verdicts["GDCC-K8S-008"] == ("UNKNOWN", {"drops_all_capabilities": None})
    assert verdicts["GDCC-K8S-009"] == ("UNKNOWN", {"dangerous_capabilities": None})
    assert verdicts["GDCC-K8S-002"][0] == "PASS"


def test_a_dangerous_capability_beside_a_container_not_known_names_what_is_not_known(
    tmp_path: Path,
) -> None:
    """A task FAILs on the SYS_ADMIN one container adds while another's added capabilities
    are an input: the listing is known in part, ``undetermined_dangerous_capabilities``
    (Terraform and CloudFormation; it said nothing before)."""
    text = """\
variable "added" { type = list(string) }
resource "aws_ecs_task_definition" "caps" {
  family = "caps"
  container_definitions = jsonencode([
    { name = "a", image = "registry.example/a:1.0",
      linuxParameters = { capabilities = { add = ["SYS_ADMIN"] } } },
    { name = "b", image = "registry.example/b:1.0",
      linuxParameters = { capabilities = { add = var.added } } },
  ])
}
"""
    (tmp_path / "tf").mkdir()
    found = _findings(tmp_path / "tf", "main.tf", text)
    assert _verdicts(found, "aws_ecs_task_definition.caps")["GDCC-K8S-009"] == (
        "FAIL",
        {"dangerous_capabilities": ["SYS_ADMIN"], "undetermined_dangerous_capabilities": ["*"]},
    )
    template = """\
Parameters:
  Added: {Type: CommaDelimitedList}
Resources:
  Caps:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - {Name: a, Image: registry.example/a:1.0,
           LinuxParameters: {Capabilities: {Add: [SYS_ADMIN]}}}
        - {Name: b, Image: registry.example/b:1.0,
           LinuxParameters: {Capabilities: {Add: !Ref Added}}}
"""
    (tmp_path / "cfn").mkdir()
    found = _findings(tmp_path / "cfn", "template.yaml", template)
    assert _verdicts(found, "Caps")["GDCC-K8S-009"] == (
        "FAIL",
        {"dangerous_capabilities": ["SYS_ADMIN"], "undetermined_dangerous_capabilities": ["*"]},
    )


CDK = """\
{"Resources": {
  "Pinned": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [
    {"Name": "web", "Image": {"Fn::Join": ["", [{"Ref": "AWS::AccountId"}, ".dkr.ecr.",
      {"Ref": "AWS::Region"}, ".", {"Ref": "AWS::URLSuffix"}, "/cdk-assets:abc123"]]}}]}},
  "Latest": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [
    {"Name": "web",
     "Image": {"Fn::Sub": "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/web"}}]}},
  "Stack": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [
    {"Name": "web", "Image": {"Fn::Sub": "registry.example/${AWS::StackName}"}}]}}
}}
"""


def test_an_image_whose_registry_host_is_built_from_the_account_is_judged(
    tmp_path: Path,
) -> None:
    (tmp_path / "Stack.template.json").write_text(CDK, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-011",)))
    got = {f.address: (f.status.value, f.evidence) for f in result.findings}
    assert got == {
        "Pinned": ("PASS", {"mutable_images": []}),
        "Latest": ("FAIL", {"mutable_images": [
            "${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/web"
        ]}),
        # the repository name itself is known only at deployment
        "Stack": ("UNKNOWN", {"mutable_images": None}),
    }
