"""Huawei Cloud GaussDB family databases and SFS Turbo file systems were read by no rule
("Not judged"): TaurusDB / GaussDB for MySQL, GaussDB (openGauss), GeminiDB (GaussDB
NoSQL). They are now databases judged on the provider's documented defaults (SSL, automated
backups kept seven days unless ``keep_days`` says otherwise, disk keys) and public when an EIP
association of theirs is in the scan; SFS Turbo is a file share encrypted only with
``crypt_key_id``. A Huawei zone (``ap-southeast-2a``) named its region wrongly
(``ap-southeast``, "outside Thailand")."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
variable "pw" {
  type      = string
  sensitive = true
}
resource "huaweicloud_gaussdb_mysql_instance" "mysql" {
  name      = "m"
  password  = var.pw
  flavor    = "gaussdb.mysql.4xlarge.x86.4"
  vpc_id    = "v"
  subnet_id = "s"
}
resource "huaweicloud_taurusdb_instance" "public" {
  name       = "p"
  password   = var.pw
  flavor     = "gaussdb.mysql.4xlarge.x86.4"
  vpc_id     = "v"
  subnet_id  = "s"
  ssl_option = "false"
}
resource "huaweicloud_taurusdb_eip_associate" "public" {
  instance_id  = huaweicloud_taurusdb_instance.public.id
  public_ip    = "1.2.3.4"
  public_ip_id = "eip"
}
resource "huaweicloud_gaussdb_opengauss_instance" "og" {
  name              = "og"
  password          = var.pw
  flavor            = "gaussdb.opengauss.ee.dn.m6.2xlarge.8.in"
  vpc_id            = "v"
  subnet_id         = "s"
  availability_zone = "ap-southeast-2a,ap-southeast-2b,ap-southeast-2c"
  ha {
    mode             = "enterprise"
    replication_mode = "sync"
    consistency      = "strong"
  }
  volume {
    type = "ULTRAHIGH"
    size = 40
  }
}
resource "huaweicloud_gaussdb_redis_instance" "redis" {
  name      = "r"
  password  = var.pw
  flavor    = "geminidb.redis.xlarge.4"
  vpc_id    = "v"
  subnet_id = "s"
  backup_strategy {
    start_time = "03:00-04:00"
    keep_days  = 0
  }
}
resource "huaweicloud_gaussdb_redis_eip_associate" "redis" {
  instance_id = huaweicloud_gaussdb_redis_instance.redis.id
  node_id     = "n"
  public_ip   = "1.2.3.4"
}
resource "huaweicloud_sfs_turbo" "plain" {
  name              = "plain"
  size              = 500
  availability_zone = "ap-southeast-2a"
  vpc_id            = "v"
  subnet_id         = "s"
  security_group_id = "g"
}
resource "huaweicloud_sfs_turbo" "keyed" {
  name              = "keyed"
  size              = 500
  availability_zone = "ap-southeast-2a"
  vpc_id            = "v"
  subnet_id         = "s"
  security_group_id = "g"
  crypt_key_id      = "kms-key"
}
"""
RULES = ["GDCC-BCK-001", "GDCC-BCK-002", "GDCC-ENC-001", "GDCC-ENC-004", "GDCC-NET-002",
         "GDCC-DB-006", "GDCC-DATA-001", "GDCC-DATA-003"]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Finding]:
    folder: Path = tmp_path_factory.mktemp("gaussdb")
    (folder / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=RULES))
    addresses = {r.id: str(r.address) for r in result.resources}
    return {(f.rule_id, addresses[f.resource_id]): f for f in result.findings}


def _is(found: dict[tuple[str, str], Finding], rule: str, address: str, status: Status,
        says: str = "") -> None:
    finding = found[(rule, address)]
    assert finding.status is status, finding.message.en
    assert says in finding.message.en


def test_taurusdb(found: dict[tuple[str, str], Finding]) -> None:
    mysql = "huaweicloud_gaussdb_mysql_instance.mysql"
    _is(found, "GDCC-ENC-004", mysql, Status.PASS)  # ssl_option defaults to true
    _is(found, "GDCC-BCK-001", mysql, Status.PASS)
    _is(found, "GDCC-BCK-002", mysql, Status.PASS)  # seven days by default
    _is(found, "GDCC-NET-002", mysql, Status.PASS, "no EIP association")
    public = "huaweicloud_taurusdb_instance.public"
    _is(found, "GDCC-ENC-004", public, Status.FAIL)
    _is(found, "GDCC-NET-002", public, Status.FAIL, "the endpoint is public")


def test_opengauss(found: dict[tuple[str, str], Finding]) -> None:
    og = "huaweicloud_gaussdb_opengauss_instance.og"
    _is(found, "GDCC-ENC-001", og, Status.FAIL,
        "encryption at rest is off (provider default: 'disk_encryption_id' not set)")
    _is(found, "GDCC-BCK-001", og, Status.PASS)
    _is(found, "GDCC-BCK-002", og, Status.UNKNOWN)  # the page gives no number of days
    _is(found, "GDCC-DATA-003", og, Status.PASS)


def test_geminidb_redis(found: dict[tuple[str, str], Finding]) -> None:
    redis = "huaweicloud_gaussdb_redis_instance.redis"
    _is(found, "GDCC-ENC-004", redis, Status.FAIL, "(provider default: 'ssl' not set)")
    _is(found, "GDCC-BCK-001", redis, Status.FAIL, "backups are off")
    _is(found, "GDCC-NET-002", redis, Status.FAIL, "the endpoint is public")
    _is(found, "GDCC-DB-006", redis, Status.PASS)


def test_sfs_turbo(found: dict[tuple[str, str], Finding]) -> None:
    _is(found, "GDCC-ENC-001", "huaweicloud_sfs_turbo.plain", Status.FAIL,
        "(provider default: 'crypt_key_id' not set)")
    _is(found, "GDCC-ENC-001", "huaweicloud_sfs_turbo.keyed", Status.PASS)
    _is(found, "GDCC-DATA-001", "huaweicloud_sfs_turbo.plain", Status.PASS)
    # ap-southeast-2a is a zone of Bangkok (ap-southeast-2); it was read as "ap-southeast"
    _is(found, "GDCC-DATA-003", "huaweicloud_sfs_turbo.plain", Status.PASS)
