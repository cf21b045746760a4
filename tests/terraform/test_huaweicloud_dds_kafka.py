"""Huawei Cloud DDS (MongoDB) instances and DMS Kafka instances were read by no rule ("Not
judged"; 7 and 5 in the provider's examples). DDS: SSL on by default, disks encrypted only
with ``disk_encryption_id``, public with an EIP bound; Kafka: public with ``public_ip_ids``
(its SASL_SSL, off by default, is read but no rule judges a broker's transport yet)."""

from __future__ import annotations

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
resource "huaweicloud_dds_instance" "plain" {
  name              = "plain"
  mode              = "ReplicaSet"
  security_group_id = "sg-1"
}
resource "huaweicloud_dds_instance" "published" {
  name               = "published"
  mode               = "ReplicaSet"
  security_group_id  = "sg-1"
  ssl                = false
  disk_encryption_id = "kms-key-1"
}
resource "huaweicloud_vpc_eip" "db" {
  publicip {
    type = "5_bgp"
  }
  bandwidth {
    name        = "db"
    size        = 5
    share_type  = "PER"
    charge_mode = "traffic"
  }
}
resource "huaweicloud_dds_instance_eip_associate" "db" {
  instance_id = huaweicloud_dds_instance.published.id
  node_id     = "node-1"
  public_ip   = huaweicloud_vpc_eip.db.address
}
resource "huaweicloud_dms_kafka_instance" "private" {
  name              = "private"
  security_group_id = "sg-1"
}
resource "huaweicloud_dms_kafka_instance" "public" {
  name              = "public"
  security_group_id = "sg-1"
  ssl_enable        = true
  public_ip_ids     = [huaweicloud_vpc_eip.db.id]
}
"""

RULES = ["GDCC-ENC-001", "GDCC-ENC-004", "GDCC-NET-002"]


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Status]:
    folder = tmp_path_factory.mktemp("hw")
    (folder / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=RULES))
    addresses = {r.id: r.address for r in result.resources}
    return {(f.rule_id, str(addresses[f.resource_id])): f.status for f in result.findings}


@pytest.mark.parametrize(
    ("rule", "address", "status"),
    [
        ("GDCC-ENC-001", "huaweicloud_dds_instance.plain", Status.FAIL),
        ("GDCC-ENC-004", "huaweicloud_dds_instance.plain", Status.PASS),
        ("GDCC-ENC-001", "huaweicloud_dds_instance.published", Status.PASS),
        ("GDCC-ENC-004", "huaweicloud_dds_instance.published", Status.FAIL),
        ("GDCC-NET-002", "huaweicloud_dds_instance.published", Status.FAIL),
        ("GDCC-NET-002", "huaweicloud_dms_kafka_instance.private", Status.PASS),
        ("GDCC-NET-002", "huaweicloud_dms_kafka_instance.public", Status.FAIL),
    ],
)
def test_verdicts(
    findings: dict[tuple[str, str], Status], rule: str, address: str, status: Status
) -> None:
    assert findings[(rule, address)] is status


def test_a_topic_every_user_may_publish_to(tmp_path_factory: pytest.TempPathFactory) -> None:
    """``huaweicloud_smn_topic`` was read by no rule: ``users_publish_allowed = "*"`` lets
    every user publish (GDCC-MSG-002 FAIL); empty, only its creator (PASS)."""
    folder = tmp_path_factory.mktemp("smn")
    (folder / "main.tf").write_text(
        'resource "huaweicloud_smn_topic" "open" {\n  name = "open"\n'
        '  users_publish_allowed = "urn:csp:iam::0123:root,*"\n}\n'
        'resource "huaweicloud_smn_topic" "own" {\n  name = "own"\n}\n',
        encoding="utf-8",
    )
    result = audit([folder], Settings(rule_ids=["GDCC-MSG-002"]))
    addresses = {r.id: r.address for r in result.resources}
    found = {str(addresses[f.resource_id]): f.status for f in result.findings}
    assert found == {
        "huaweicloud_smn_topic.open": Status.FAIL, "huaweicloud_smn_topic.own": Status.PASS,
    }
