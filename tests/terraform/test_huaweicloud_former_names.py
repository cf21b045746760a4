"""Huawei Cloud resources written by their former type names (``huaweicloud_compute_instance_v2``,
``huaweicloud_vpc_v1``, ``huaweicloud_vpc_subnet_v1``, ``huaweicloud_vpc_eip_v1``,
``huaweicloud_rds_instance_v3``, ``huaweicloud_kms_key_v1`` ...), which the provider registers
with the same function as the current names (provider.go). Each was "not judged": an ECS
server with an EIP behind a group opening SSH to the internet had no GDCC-GRAPH-002 finding.
The loader now gives them the current type (``load.former_types``), so every mapper,
companion and graph rule judges them as the current names; the addresses stay as written."""

from __future__ import annotations

import re
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

FORMER = """\
resource "huaweicloud_vpc_v1" "vpc" {
  name = "vpc"
  cidr = "10.0.0.0/16"
}

resource "huaweicloud_vpc_subnet_v1" "subnet" {
  name       = "subnet"
  cidr       = "10.0.1.0/24"
  gateway_ip = "10.0.1.1"
  vpc_id     = huaweicloud_vpc_v1.vpc.id
}

resource "huaweicloud_networking_secgroup_v2" "sg" {
  name = "sg"
}

resource "huaweicloud_networking_secgroup_rule_v2" "ssh" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 22
  port_range_max    = 22
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = huaweicloud_networking_secgroup_v2.sg.id
}

resource "huaweicloud_compute_instance_v2" "web" {
  name               = "web"
  image_id           = "img"
  flavor_id          = "s6.small.1"
  security_group_ids = [huaweicloud_networking_secgroup_v2.sg.id]
  network {
    uuid = huaweicloud_vpc_subnet_v1.subnet.id
  }
}

resource "huaweicloud_vpc_eip_v1" "eip" {
  publicip {
    type = "5_bgp"
  }
  bandwidth {
    name        = "bw"
    size        = 5
    share_type  = "PER"
    charge_mode = "traffic"
  }
}

resource "huaweicloud_compute_floatingip_associate_v2" "assoc" {
  floating_ip = huaweicloud_vpc_eip_v1.eip.address
  instance_id = huaweicloud_compute_instance_v2.web.id
}

resource "huaweicloud_kms_key_v1" "key" {
  key_alias = "db"
}

resource "huaweicloud_rds_instance_v3" "db" {
  name              = "db"
  flavor            = "rds.pg.n1.large.2"
  vpc_id            = huaweicloud_vpc_v1.vpc.id
  subnet_id         = huaweicloud_vpc_subnet_v1.subnet.id
  security_group_id = huaweicloud_networking_secgroup_v2.sg.id
  availability_zone = ["ap-southeast-2a"]
  db {
    type     = "PostgreSQL"
    version  = "16"
    password = var.db_password
  }
  volume {
    type               = "CLOUDSSD"
    size               = 100
    disk_encryption_id = huaweicloud_kms_key_v1.key.id
  }
}

variable "db_password" {
  type      = string
  sensitive = true
}
"""

def _current(text: str) -> str:
    """``text`` with each former type name replaced by the current one."""
    text = text.replace(
        "huaweicloud_compute_floatingip_associate_v2", "huaweicloud_compute_eip_associate"
    )
    return re.sub(r"\b(huaweicloud_[a-z_]+)_v\d\b", r"\1", text)


#: The same configuration by the current names.
CURRENT = _current(FORMER)


def _findings(path: Path) -> set[tuple[str, str, str, str]]:
    result = audit([path], Settings())
    assert not result.not_judged
    return {
        (f.rule_id, f.status.value, f.address, f.message.en.replace(str(path), "<dir>"))
        for f in result.findings
    }


def test_former_names_are_judged_as_the_current_ones(tmp_path: Path) -> None:
    (tmp_path / "former").mkdir()
    (tmp_path / "current").mkdir()
    (tmp_path / "former" / "main.tf").write_text(FORMER, encoding="utf-8")
    (tmp_path / "current" / "main.tf").write_text(CURRENT, encoding="utf-8")
    former = _findings(tmp_path / "former")
    by_rule = {(rule, address): status for rule, status, address, _ in former}
    # the server with an EIP behind a group opening SSH to the internet
    assert by_rule[("GDCC-GRAPH-002", "huaweicloud_compute_instance_v2.web")] == "FAIL"
    assert by_rule[("GDCC-CMP-001", "huaweicloud_compute_instance_v2.web")] == "FAIL"
    # the database behind the same group: reached from that server; the key does not
    # rotate by default
    assert by_rule[("GDCC-GRAPH-005", "huaweicloud_rds_instance_v3.db")] == "FAIL"
    assert by_rule[("GDCC-ENC-003", "huaweicloud_kms_key_v1.key")] == "FAIL"
    assert by_rule[("GDCC-LOG-005", "huaweicloud_vpc_v1.vpc")] == "FAIL"
    # every verdict and message is the current names', addresses as written
    renamed = {
        (rule, status, _current(address), _current(message))
        for rule, status, address, message in former
    }
    assert renamed == _findings(tmp_path / "current")


def test_a_lost_block_of_a_former_name_is_of_the_current_type(tmp_path: Path) -> None:
    # a block not assessed (a syntax error) written by a former name may be what its current
    # name is: here the EIP association that would make the server public
    (tmp_path / "main.tf").write_text(
        _current(FORMER).split('resource "huaweicloud_compute_eip_associate"')[0]
        + 'resource "huaweicloud_compute_floatingip_associate_v2" "assoc" {\n'
        "  floating_ip = huaweicloud_vpc_eip.eip.address\n"
        "  instance_id = huaweicloud_compute_instance.web.id\n"
        "  broken = = 1\n"
        "}\n",
        encoding="utf-8",
    )
    report = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001",)))
    (finding,) = report.findings
    assert finding.address == "huaweicloud_compute_instance.web"
    assert finding.status.value == "UNKNOWN"
    assert finding.message.en.startswith(
        "whether it has a public IP address is not known from the input: a block of the root "
        "that was not assessed may be an EIP association naming it: "
    )
