"""alicloud: OSS bucket ACL resources, ECS security groups and rules, disks, KMS keys and the
RAM password policy, mapped with the provider's documented defaults and judged by the native
rules (checkov CKV_ALI_1/2/3/7/8/13/27/28 test the same properties)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "alicloud_oss_bucket" "private_block" {
  bucket = "b1"
}

resource "alicloud_oss_bucket_acl" "made_public" {
  bucket = alicloud_oss_bucket.private_block.bucket
  acl    = "public-read"
}

resource "alicloud_oss_bucket" "kept_private" {
  bucket = "b2"
}

resource "alicloud_oss_bucket_acl" "private" {
  bucket = alicloud_oss_bucket.kept_private.bucket
  acl    = "private"
}

resource "alicloud_security_group" "web" {
  security_group_name = "web"
}

resource "alicloud_security_group_rule" "ssh" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "22/22"
  security_group_id = alicloud_security_group.web.id
  cidr_ip           = "0.0.0.0/0"
}

resource "alicloud_security_group_rule" "https" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "443/443"
  security_group_id = alicloud_security_group.web.id
  cidr_ip           = "0.0.0.0/0"
}

resource "alicloud_security_group_rule" "no_source" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "1/65535"
  security_group_id = var.elsewhere
}

resource "alicloud_security_group_rule" "dropped_rdp" {
  type              = "ingress"
  ip_protocol       = "tcp"
  policy            = "drop"
  port_range        = "3389/3389"
  security_group_id = var.elsewhere
  cidr_ip           = "0.0.0.0/0"
}

resource "alicloud_security_group_rule" "from_group" {
  type                     = "ingress"
  ip_protocol              = "all"
  security_group_id        = var.elsewhere
  source_security_group_id = "sg-123"
}

resource "alicloud_disk" "plain" {
  size = 30
  tags = { "gdcc:personal-data" = "true" }
}

resource "alicloud_disk" "service_key" {
  size      = 30
  encrypted = true
  tags      = { "gdcc:personal-data" = "true" }
}

resource "alicloud_disk" "own_key" {
  size       = 30
  encrypted  = true
  kms_key_id = "key-1"
  tags       = { "gdcc:personal-data" = "true" }
}

resource "alicloud_disk" "restored" {
  size        = 30
  snapshot_id = "s-1"
  tags        = { "gdcc:personal-data" = "true" }
}

resource "alicloud_kms_key" "default" {
  description = "d"
}

resource "alicloud_kms_key" "rotated_off" {
  automatic_rotation = "Enabled"
  status             = "Disabled"
}

resource "alicloud_ram_account_password_policy" "default" {
}

resource "alicloud_ram_account_password_policy" "long" {
  minimum_password_length = 14
}
"""

RULES = [
    "GDCC-DATA-001",
    "GDCC-NET-001",
    "GDCC-ENC-001",
    "GDCC-ENC-002",
    "GDCC-ENC-003",
    "GDCC-ENC-007",
    "GDCC-IAM-003",
]


@pytest.fixture(scope="module")
def findings(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[tuple[str, str], tuple[Status, dict]]:  # type: ignore[type-arg]
    root: Path = tmp_path_factory.mktemp("alicloud")
    (root / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([root], Settings(rule_ids=RULES))
    return {(f.rule_id, f.address or ""): (f.status, dict(f.evidence)) for f in result.findings}


def test_a_public_acl_resource_makes_its_bucket_public(findings) -> None:  # type: ignore[no-untyped-def]
    # was PASS: the alicloud_oss_bucket_acl resource was not read
    assert findings[("GDCC-DATA-001", "alicloud_oss_bucket.private_block")][0] is Status.FAIL
    assert findings[("GDCC-DATA-001", "alicloud_oss_bucket.kept_private")][0] is Status.PASS


def test_security_group_rules_open_ports_to_the_internet(findings) -> None:  # type: ignore[no-untyped-def]
    status, evidence = findings[("GDCC-NET-001", "alicloud_security_group.web")]
    assert status is Status.FAIL
    assert evidence["ports"] == [22]
    # no cidr_ip and no source group: the documented default 0.0.0.0/0
    status, evidence = findings[("GDCC-NET-001", "alicloud_security_group_rule.no_source")]
    assert status is Status.FAIL
    assert {22, 3389} <= set(evidence["ports"])
    assert findings[("GDCC-NET-001", "alicloud_security_group_rule.dropped_rdp")][0] is Status.PASS
    assert findings[("GDCC-NET-001", "alicloud_security_group_rule.from_group")][0] is Status.PASS
    # the rules of a group in the input are judged with it, not alone
    assert ("GDCC-NET-001", "alicloud_security_group_rule.ssh") not in findings


def test_disks_are_encrypted_only_when_asked_and_with_a_key_of_the_tenant(findings) -> None:  # type: ignore[no-untyped-def]
    enc = {
        a: findings[("GDCC-ENC-001", f"alicloud_disk.{a}")][0]
        for a in ("plain", "service_key", "own_key", "restored")
    }
    cmk = {
        a: findings[("GDCC-ENC-002", f"alicloud_disk.{a}")][0]
        for a in ("plain", "service_key", "own_key", "restored")
    }
    assert enc == {
        "plain": Status.FAIL,
        "service_key": Status.PASS,
        "own_key": Status.PASS,
        "restored": Status.UNKNOWN,
    }
    assert cmk == {
        "plain": Status.FAIL,
        "service_key": Status.FAIL,
        "own_key": Status.PASS,
        "restored": Status.UNKNOWN,
    }


def test_kms_keys_rotation_off_and_enabled_by_default(findings) -> None:  # type: ignore[no-untyped-def]
    assert findings[("GDCC-ENC-003", "alicloud_kms_key.default")][0] is Status.FAIL
    assert findings[("GDCC-ENC-007", "alicloud_kms_key.default")][0] is Status.PASS
    assert findings[("GDCC-ENC-003", "alicloud_kms_key.rotated_off")][0] is Status.PASS
    assert findings[("GDCC-ENC-007", "alicloud_kms_key.rotated_off")][0] is Status.FAIL


def test_password_policy_defaults_to_twelve_characters(findings) -> None:  # type: ignore[no-untyped-def]
    status, evidence = findings[("GDCC-IAM-003", "alicloud_ram_account_password_policy.default")]
    assert status is Status.PASS
    assert evidence["password_min_length"] == 12
    assert findings[("GDCC-IAM-003", "alicloud_ram_account_password_policy.long")][0] is Status.PASS


def test_password_policy_under_fourteen_fails_a_fourteen_character_minimum(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "alicloud_ram_account_password_policy" "p" {\n}\n', encoding="utf-8"
    )
    result = audit(
        [tmp_path],
        Settings(rule_ids=["GDCC-IAM-003"], rule_parameters={"GDCC-IAM-003": {"min_length": 14}}),
    )
    assert [(f.address, f.status) for f in result.findings] == [
        ("alicloud_ram_account_password_policy.p", Status.FAIL)
    ]
