"""An Alibaba Cloud database (ApsaraDB RDS ``security_group_ids``, MongoDB / Tair
``security_group_id``) names ECS security groups that are added to its whitelist: "After an
ECS security group is added to the whitelist of an instance, the ECS instances in the security
group can access the RDS instance" (ApsaraDB RDS, DescribeSecurityGroupConfiguration). The
graph read the database as a member of those groups (their rules, written for their ECS
instances, filtered it) and a reference to a group of the scan as "sg:unknown (not
resolved)": a group opening 443 to the internet made GDCC-GRAPH-004 FAIL "it admits any
address on port(s) 443,3306" with no internet-facing instance anywhere (wrong FAIL), and
GDCC-GRAPH-005 named the wrong port ("cache:5432"). Now the groups are the sources of the
database's rule, resolved to the groups of the scan."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

BASE = """\
resource "alicloud_vpc" "main" {
  vpc_name   = "main"
  cidr_block = "172.16.0.0/12"
}

resource "alicloud_vswitch" "app" {
  vpc_id     = alicloud_vpc.main.id
  cidr_block = "172.16.0.0/21"
  zone_id    = "cn-hangzhou-b"
}

resource "alicloud_security_group" "web" {
  vpc_id = alicloud_vpc.main.id
}

resource "alicloud_security_group_rule" "https" {
  type              = "ingress"
  ip_protocol       = "tcp"
  port_range        = "443/443"
  cidr_ip           = "0.0.0.0/0"
  security_group_id = alicloud_security_group.web.id
}

resource "alicloud_instance" "web" {
  image_id                   = "ubuntu_22_04_x64_20G_alibase_20240130.vhd"
  instance_type              = "ecs.g7.large"
  security_groups            = [alicloud_security_group.web.id]
  vswitch_id                 = alicloud_vswitch.app.id
  internet_max_bandwidth_out = BANDWIDTH
}

resource "alicloud_db_instance" "db" {
  engine             = "MySQL"
  engine_version     = "8.0"
  instance_type      = "rds.mysql.s2.large"
  instance_storage   = 20
  vswitch_id         = alicloud_vswitch.app.id
  security_group_ids = [alicloud_security_group.web.id]
}

resource "alicloud_mongodb_instance" "docs" {
  engine_version      = "4.2"
  db_instance_class   = "dds.mongo.mid"
  db_instance_storage = 10
  vswitch_id          = alicloud_vswitch.app.id
  security_group_id   = alicloud_security_group.web.id
}

resource "alicloud_kvstore_instance" "cache" {
  db_instance_name  = "cache"
  instance_class    = "redis.master.small.default"
  engine_version    = "5.0"
  vswitch_id        = alicloud_vswitch.app.id
  security_group_id = alicloud_security_group.web.id
}
"""

DATABASES = {"alicloud_db_instance.db": "db:3306", "alicloud_mongodb_instance.docs":
             "docs:27017", "alicloud_kvstore_instance.cache": "cache:6379"}


def _found(tmp_path: Path, bandwidth: int, rule: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(BASE.replace("BANDWIDTH", str(bandwidth)),
                                      encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=(rule,)))
    return {f.address: (f.status, f.message.en) for f in result.findings}


@pytest.mark.parametrize("database", sorted(DATABASES))
def test_the_groups_it_names_do_not_filter_it(tmp_path: Path, database: str) -> None:
    """No internet-facing instance in the group: segmented (was FAIL "it admits any address
    on port(s) 443,..." from the group's rule for its ECS instances)."""
    assert _found(tmp_path, 0, "GDCC-GRAPH-004")[database] == (
        Status.PASS, "The data tier is segmented from the web tier"
    )


@pytest.mark.parametrize("database", sorted(DATABASES))
def test_the_groups_instances_reach_it_on_its_port(tmp_path: Path, database: str) -> None:
    """An internet-facing instance of the group reaches the database on its own port (was
    "cache:5432" / "docs:5432" on the Tair and MongoDB instances)."""
    assert _found(tmp_path, 10, "GDCC-GRAPH-005")[database] == (
        Status.FAIL,
        f"a workload reachable from the internet can connect to port "
        f"{DATABASES[database].split(':')[1]}: internet → web:443 → {DATABASES[database]}",
    )
