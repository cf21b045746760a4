"""Huawei Cloud Distributed Cache Service instances (``huaweicloud_dcs_instance``) were read
by no rule ("Not judged"; 19 in the provider's examples). With no ``password`` and no
``access_user`` the provider asks for password-free access: GDCC-DB-006 FAILs; SSL is off
unless ``ssl_enable`` (GDCC-ENC-004)."""

from __future__ import annotations

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
variable "cache_password" {
  type      = string
  sensitive = true
}
variable "optional_password" {
  type      = string
  sensitive = true
  default   = null
}
resource "huaweicloud_dcs_instance" "open" {
  name     = "open"
  engine   = "Redis"
  capacity = 1
  flavor   = "redis.ha.xu1.large.r2.1"
}
resource "huaweicloud_dcs_instance" "null_default" {
  name     = "null-default"
  engine   = "Redis"
  capacity = 1
  flavor   = "redis.ha.xu1.large.r2.1"
  password = var.optional_password != "" ? var.optional_password : "unused"
}
resource "huaweicloud_dcs_instance" "protected" {
  name       = "protected"
  engine     = "Redis"
  capacity   = 1
  flavor     = "redis.ha.xu1.large.r2.1"
  password   = "Written-Here-1"
  ssl_enable = true
}
resource "huaweicloud_dcs_instance" "asked" {
  name     = "asked"
  engine   = "Redis"
  capacity = 1
  flavor   = "redis.ha.xu1.large.r2.1"
  password = var.cache_password
}
"""


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Finding]:
    folder = tmp_path_factory.mktemp("dcs")
    (folder / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=["GDCC-DB-006", "GDCC-ENC-004"]))
    addresses = {r.id: r.address for r in result.resources}
    return {(f.rule_id, str(addresses[f.resource_id])): f for f in result.findings}


@pytest.mark.parametrize("name", ["open", "null_default"])
def test_no_password_is_password_free_access(
    findings: dict[tuple[str, str], Finding], name: str
) -> None:
    found = findings[("GDCC-DB-006", f"huaweicloud_dcs_instance.{name}")]
    assert found.status is Status.FAIL
    assert found.message.en == "clients connect without authenticating"
    assert findings[("GDCC-ENC-004", f"huaweicloud_dcs_instance.{name}")].status is Status.FAIL


def test_a_password_and_ssl(findings: dict[tuple[str, str], Finding]) -> None:
    assert findings[("GDCC-DB-006", "huaweicloud_dcs_instance.protected")].status is (
        Status.PASS
    )
    assert findings[("GDCC-ENC-004", "huaweicloud_dcs_instance.protected")].status is (
        Status.PASS
    )


def test_a_password_from_an_input_without_a_value_is_not_known(
    findings: dict[tuple[str, str], Finding],
) -> None:
    # the input may be given as "": password-free access
    found = findings[("GDCC-DB-006", "huaweicloud_dcs_instance.asked")]
    assert found.status is Status.UNKNOWN
