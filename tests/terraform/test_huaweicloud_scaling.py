"""Huawei Cloud Auto Scaling configurations (``huaweicloud_as_configuration``) were read by no
rule: the servers a scaling group launches with an EIP and SSH open to everyone had no
verdict. A configuration is read as the servers it launches (an AWS launch template's way):
public only with ``public_ip``, in ``instance_config``'s security groups, user data read."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
resource "huaweicloud_networking_secgroup" "ssh" {
  name                 = "ssh"
  delete_default_rules = true
}
resource "huaweicloud_networking_secgroup_rule" "ssh" {
  security_group_id = huaweicloud_networking_secgroup.ssh.id
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  ports             = "22"
  remote_ip_prefix  = "0.0.0.0/0"
}
resource "huaweicloud_as_configuration" "public" {
  scaling_configuration_name = "public"
  instance_config {
    image              = "img"
    flavor             = "s6.small.1"
    security_group_ids = [huaweicloud_networking_secgroup.ssh.id]
    user_data          = "#cloud-config\\nssh_pwauth: true\\n"
    public_ip {
      eip {
        ip_type = "5_bgp"
        bandwidth {
          size        = 5
          share_type  = "PER"
        }
      }
    }
  }
}
resource "huaweicloud_as_configuration" "private" {
  scaling_configuration_name = "private"
  instance_config {
    image              = "img"
    flavor             = "s6.small.1"
    security_group_ids = [huaweicloud_networking_secgroup.ssh.id]
  }
}
"""


@pytest.fixture(scope="module")
def statuses(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Status]:
    folder = tmp_path_factory.mktemp("as")
    (folder / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit(
        [folder],
        Settings(rule_ids=["GDCC-CMP-001", "GDCC-GRAPH-002", "GDCC-CMP-005", "GDCC-CMP-007"]),
    )
    addresses = {r.id: r.address for r in result.resources}
    return {(f.rule_id, str(addresses[f.resource_id])): f.status for f in result.findings}


@pytest.mark.parametrize(
    ("rule", "name", "status"),
    [
        ("GDCC-CMP-001", "public", Status.FAIL),
        ("GDCC-GRAPH-002", "public", Status.FAIL),
        ("GDCC-CMP-007", "public", Status.FAIL),
        ("GDCC-CMP-005", "public", Status.PASS),
        ("GDCC-CMP-001", "private", Status.PASS),
        # no EIP, but reached on 22 through the public servers in its group
        # (internet → public:22 → private:22)
        ("GDCC-GRAPH-002", "private", Status.FAIL),
    ],
)
def test_verdicts(
    statuses: dict[tuple[str, str], Status], rule: str, name: str, status: Status
) -> None:
    assert statuses[(rule, f"huaweicloud_as_configuration.{name}")] is status


def test_the_former_name_is_the_same_resource(tmp_path: Path) -> None:
    # huaweicloud_as_configuration_v1 (terraform-huaweicloud-autoscaling) was "not judged":
    # the provider registers it as the same resource (as.ResourceASConfiguration)
    (tmp_path / "main.tf").write_text(
        TERRAFORM.replace('"huaweicloud_as_configuration"', '"huaweicloud_as_configuration_v1"'),
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=["GDCC-CMP-001", "GDCC-CMP-007"]))
    assert "huaweicloud_as_configuration_v1" not in result.not_judged
    found = {(f.rule_id, f.address): f.status for f in result.findings}
    assert found[("GDCC-CMP-001", "huaweicloud_as_configuration_v1.public")] is Status.FAIL
    assert found[("GDCC-CMP-001", "huaweicloud_as_configuration_v1.private")] is Status.PASS
    # its user data (instance_config.user_data) is read as the current name's
    assert found[("GDCC-CMP-007", "huaweicloud_as_configuration_v1.public")] is Status.FAIL
