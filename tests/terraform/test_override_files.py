"""Terraform override files (``override.tf``, ``*_override.tf``) are merged into the blocks
they name, as Terraform does, instead of being refused as duplicates: a security group whose
ingress an override opens to the internet FAILs (it was UNKNOWN, and the override file was
reported as a configuration Terraform refuses)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.terraform.config import is_override_file
from gdcc_audit.models.finding import Finding
from gdcc_audit.settings import Settings

MAIN = """\
locals {
  admin_cidr = "10.0.0.0/8"
}

resource "aws_security_group" "ssh" {
  name = "ssh"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [local.admin_cidr]
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_s3_bucket" "b" {
  bucket = "b"
}

resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
"""


def _findings(root: Path, rule: str) -> list[Finding]:
    result = audit([root], Settings(rule_ids=(rule,)))
    return [f for f in result.findings if f.rule_id == rule]


def test_names_of_override_files() -> None:
    assert is_override_file("override.tf")
    assert is_override_file("dev_override.tf.json")
    assert is_override_file("x_override.tofu")
    assert not is_override_file("overrides.tf")
    assert not is_override_file("main.tf")


def test_an_override_replaces_nested_blocks_and_arguments(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "main_override.tf").write_text(
        'resource "aws_security_group" "ssh" {\n'
        "  ingress {\n"
        "    from_port   = 22\n"
        "    to_port     = 22\n"
        '    protocol    = "tcp"\n'
        '    cidr_blocks = ["0.0.0.0/0"]\n'
        "  }\n"
        "}\n"
        'resource "aws_s3_bucket_public_access_block" "b" {\n'
        "  block_public_acls = false\n"
        "}\n",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001", "GDCC-DATA-006")))
    assert [(i.path.rsplit("/", 1)[-1], i.status.value) for i in result.inputs] == [
        ("main.tf", "assessed"),
        ("main_override.tf", "assessed"),
    ]
    by_rule = {f.rule_id: f for f in result.findings}
    ssh = by_rule["GDCC-NET-001"]
    assert (ssh.address, ssh.status.value) == ("aws_security_group.ssh", "FAIL")
    assert ssh.evidence["sources"] == ["0.0.0.0/0"]
    # The finding stays where the resource is declared.
    assert ssh.location is not None
    assert ssh.location.start_line == 5
    assert ssh.location.file.endswith("main.tf")
    block = by_rule["GDCC-DATA-006"]
    assert (block.address, block.status.value) == ("aws_s3_bucket.b", "FAIL")


def test_later_override_files_win_and_dynamic_blocks_replace_static_ones(
    tmp_path: Path,
) -> None:
    (tmp_path / "main.tf").write_text(MAIN.replace("10.0.0.0/8", "0.0.0.0/0"), encoding="utf-8")
    # a_override.tf opens the group; z_override.tf (read after it) closes it again with a
    # dynamic block over private ranges, which replaces every ingress block.
    (tmp_path / "a_override.tf").write_text(
        'resource "aws_security_group" "ssh" {\n  name = "opened"\n}\n', encoding="utf-8"
    )
    (tmp_path / "z_override.tf").write_text(
        'resource "aws_security_group" "ssh" {\n'
        '  dynamic "ingress" {\n'
        '    for_each = ["10.1.0.0/16", "10.2.0.0/16"]\n'
        "    content {\n"
        "      from_port   = 22\n"
        "      to_port     = 22\n"
        '      protocol    = "tcp"\n'
        "      cidr_blocks = [ingress.value]\n"
        "    }\n"
        "  }\n"
        "}\n",
        encoding="utf-8",
    )
    [ssh] = _findings(tmp_path, "GDCC-NET-001")
    assert (ssh.address, ssh.status.value) == ("aws_security_group.ssh", "PASS")


def test_locals_are_overridden_by_name(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "override.tf").write_text(
        'locals {\n  admin_cidr = "0.0.0.0/0"\n}\n', encoding="utf-8"
    )
    [ssh] = _findings(tmp_path, "GDCC-NET-001")
    assert (ssh.status.value, ssh.evidence["sources"]) == ("FAIL", ["0.0.0.0/0"])


def test_an_override_without_its_block_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "extra_override.tf").write_text(
        '\nresource "aws_security_group" "other" {\n  name = "other"\n}\n', encoding="utf-8"
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    extra = next(i for i in result.inputs if i.path.endswith("extra_override.tf"))
    assert (extra.status.value, extra.line) == ("partially_assessed", 2)
    assert extra.error == (
        "override of aws_security_group.other: no such block is declared in the module "
        "(Terraform refuses this configuration); this override is not assessed"
    )


def test_a_default_provider_override_needs_no_base_block(tmp_path: Path) -> None:
    """Terraform accepts an override of a default provider configuration that is not declared
    ("an absent provider configuration implies an empty provider configuration",
    configs/module.go): cloud-foundation-fabric's ``providers_override.tf`` was reported as a
    configuration Terraform refuses (partially assessed, exit 2) and its block not read. An
    aliased one still needs its base."""
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "providers_override.tf").write_text(
        'provider "aws" {\n'
        '  access_key = "AKIAIOSFODNN7EXAMPLE"\n'
        '  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n'
        "}\n"
        'provider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\n',
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    override = next(i for i in result.inputs if i.path.endswith("providers_override.tf"))
    assert (override.status.value, override.line) == ("partially_assessed", 5)
    assert override.error == (
        "override of provider aws: no such block is declared in the module (Terraform "
        "refuses this configuration); this override is not assessed"
    )
    [secret] = [f for f in result.findings if f.address == "provider.aws"]
    assert secret.status.value == "FAIL"
    assert secret.evidence == {"paths": ["access_key", "secret_key"]}
    assert secret.location is not None
    assert secret.location.file.endswith("providers_override.tf")
