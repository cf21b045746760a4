"""GDCC-DB-002 on an ApsaraDB RDS instance without ``auto_upgrade_minor_version`` says why.

The provider computes the attribute when it is absent and its documentation gives no default
(it said "Default to Manual" at 1.62, nothing since), so the instance stays UNKNOWN (checkov's
fixture alicloud_db_instance.fail2). The finding said only "whether automatic minor version
upgrades are on is not known from the input"; it now names the attribute and the reason. A
written value decides as before.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

INSTANCES = """\
variable "upgrade" {
  type = string
}

resource "alicloud_db_instance" "absent" {
  engine           = "MySQL"
  engine_version   = "8.0"
  instance_type    = "rds.mysql.s2.large"
  instance_storage = 20
  vswitch_id       = "vsw-1"
}

resource "alicloud_db_instance" "from_input" {
  engine                     = "MySQL"
  engine_version             = "8.0"
  instance_type              = "rds.mysql.s2.large"
  instance_storage           = 20
  vswitch_id                 = "vsw-1"
  auto_upgrade_minor_version = var.upgrade
}

resource "alicloud_db_instance" "auto" {
  engine                     = "MySQL"
  engine_version             = "8.0"
  instance_type              = "rds.mysql.s2.large"
  instance_storage           = 20
  vswitch_id                 = "vsw-1"
  auto_upgrade_minor_version = "Auto"
}
"""

PREFIX = "whether automatic minor version upgrades are on is not known from the input: "


def test_an_upgrade_setting_not_known_says_why(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(INSTANCES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-002",), cache=False))
    found = {f.address: f for f in result.findings}
    absent = found["alicloud_db_instance.absent"]
    assert absent.status == Status.UNKNOWN
    assert absent.message is not None
    assert absent.message.en == PREFIX + (
        "auto_upgrade_minor_version is not written, and the provider computes it with no "
        "documented default (registry.terraform.io/providers/aliyun/alicloud/latest/docs/"
        "resources/db_instance#auto_upgrade_minor_version)"
    )
    from_input = found["alicloud_db_instance.from_input"]
    assert from_input.status == Status.UNKNOWN
    assert from_input.message is not None
    assert from_input.message.en == (
        PREFIX + "auto_upgrade_minor_version is not known from the input"
    )
    assert found["alicloud_db_instance.auto"].status == Status.PASS
