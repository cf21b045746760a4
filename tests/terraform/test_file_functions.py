"""``file``, ``fileexists`` and ``templatefile`` read files inside the configuration, as
Terraform does at plan time; files outside it are never read (the value stays unknown)."""

from __future__ import annotations

import json
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding
from gdcc_audit.settings import Settings

PUBLIC_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::agency-open/*"}
    ],
}  # fmt: skip

CONTAINERS = """\
[
  {"name": "app", "image": "${image}", "user": "${user}", "privileged": true,
   "readonlyRootFilesystem": true, "linuxParameters": {"capabilities": {"drop": ["ALL"]}}}
]
"""


def _by_address(tmp_path: Path, *rules: str) -> dict[tuple[str, str], Finding]:
    result = audit([tmp_path / "root"], Settings(rule_ids=rules))
    return {(f.address or "", f.rule_id): f for f in result.findings}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_policy_read_with_file_is_judged(tmp_path: Path) -> None:
    _write(tmp_path / "root" / "policies" / "open.json", json.dumps(PUBLIC_POLICY))
    _write(tmp_path / "outside.json", json.dumps(PUBLIC_POLICY))
    _write(
        tmp_path / "root" / "main.tf",
        """\
resource "aws_s3_bucket" "open" { bucket = "agency-open" }
resource "aws_s3_bucket_policy" "open" {
  bucket = aws_s3_bucket.open.id
  policy = file("policies/open.json")
}
resource "aws_s3_bucket" "far" { bucket = "agency-far" }
resource "aws_s3_bucket_policy" "far" {
  bucket = aws_s3_bucket.far.id
  policy = file("${path.module}/../outside.json")
}
""",
    )
    found = _by_address(tmp_path, "GDCC-DATA-001")
    assert found[("aws_s3_bucket.open", "GDCC-DATA-001")].status.value == "FAIL"
    # outside the scanned configuration: never read, so not known
    assert found[("aws_s3_bucket.far", "GDCC-DATA-001")].status.value == "UNKNOWN"


def test_templatefile_renders_with_its_variables_and_keeps_unknowns_unknown(
    tmp_path: Path,
) -> None:
    _write(tmp_path / "root" / "modules" / "task" / "containers.json.tpl", CONTAINERS)
    _write(
        tmp_path / "root" / "modules" / "task" / "main.tf",
        """\
variable "image" { type = string }
variable "user" { type = string }
resource "aws_ecs_task_definition" "this" {
  family = "app"
  container_definitions = templatefile("${path.module}/containers.json.tpl", {
    image = var.image
    user  = var.user
  })
}
""",
    )
    _write(
        tmp_path / "root" / "main.tf",
        """\
variable "user" { type = string }
module "pinned" {
  source = "./modules/task"
  image  = "registry.example/app:1.4.2"
  user   = "1000"
}
module "open" {
  source = "./modules/task"
  image  = "registry.example/app:1.4.2"
  user   = var.user
}
""",
    )
    found = _by_address(tmp_path, "GDCC-K8S-001", "GDCC-K8S-002", "GDCC-K8S-011")
    statuses = {key: f.status.value for key, f in found.items()}
    pinned = "module.pinned.aws_ecs_task_definition.this"
    unknown = "module.open.aws_ecs_task_definition.this"
    assert statuses == {
        (pinned, "GDCC-K8S-001"): "FAIL",  # "privileged": true in the template
        (pinned, "GDCC-K8S-002"): "PASS",  # user 1000
        (pinned, "GDCC-K8S-011"): "PASS",
        # user from a variable without a value: the rest of the rendering is still read
        (unknown, "GDCC-K8S-001"): "FAIL",
        (unknown, "GDCC-K8S-002"): "UNKNOWN",
        (unknown, "GDCC-K8S-011"): "PASS",
    }


def test_fileexists_decides_a_count(tmp_path: Path) -> None:
    _write(tmp_path / "root" / "present.txt", "yes")
    _write(
        tmp_path / "root" / "main.tf",
        """\
resource "aws_s3_bucket" "when_present" {
  count  = fileexists("${path.module}/present.txt") ? 1 : 0
  bucket = "present"
}
resource "aws_s3_bucket" "when_absent" {
  count  = fileexists("${path.module}/absent.txt") ? 1 : 0
  bucket = "absent"
}
""",
    )
    result = audit([tmp_path / "root"], Settings(rule_ids=("GDCC-ENC-001",)))
    assert sorted(r.address for r in result.resources) == ["aws_s3_bucket.when_present[0]"]


def test_only_files_inside_the_configuration_are_opened(tmp_path: Path) -> None:
    from gdcc_audit.load.terraform.module import read_configuration_file

    root = tmp_path / "root"
    _write(root / "modules" / "m" / "policy.json", "{}")
    _write(tmp_path / "secret.txt", "password")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    module = str(root / "modules" / "m")
    assert read_configuration_file("modules/m/policy.json", str(root), module) == ("ok", "{}")
    assert read_configuration_file(f"{module}/policy.json", str(root), module) == ("ok", "{}")
    assert read_configuration_file("absent.json", str(root), module) == ("missing", None)
    for outside in ("../secret.txt", str(tmp_path / "secret.txt"), "link.txt", "/etc/hostname"):
        assert read_configuration_file(outside, str(root), module) == ("refused", None), outside
    (root / "big.json").write_bytes(b" " * (2 * 1024 * 1024 + 1))
    assert read_configuration_file("big.json", str(root), module) == ("refused", None)
    (root / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    assert read_configuration_file("latin1.txt", str(root), module) == ("refused", None)
