"""Secrets written for inputs that reach no resource (stop 47's holders) said only "a secret
is written in plain text at 'NAME'": the reader could not tell why no resource's finding
took it. Each holder's FAIL now says what holds it, in English and Thai: a variable default
no resource reads, a ``.tfvars`` value for a variable the root does not declare, a
``.tfvars`` file Terraform reads only with ``-var-file``, a CloudFormation / Heat parameter
default read by no resource, a Heat environment value.

And a called module's secret default that every call replaces (``password = var.x`` in
each ``module`` block) reached no resource and had no finding: the module is no root of its
own (issue 12, scope 6: only a module directory no scanned root calls is evaluated with its
defaults), and its resources take the callers' values. It is now a holder at the default's
line, "variable default that every call of this module replaces"; a default one call leaves
(or a ``null`` given to a ``nullable = false`` variable) reaches that call's resource, whose
finding names it (a ``null`` for a ``nullable = false`` variable: its default's line, not
the ``null`` one, is where the value is set)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit import Settings, audit

ROOT = """\
module "db" {
  source   = "./modules/db"
  password = var.db_password
}

module "db2" {
  source   = "./modules/db"
  password = var.db_password
}

module "cache" {
  source     = "./modules/cache"
  auth_token = var.cache_token
}

module "cache2" {
  source = "./modules/cache"
}

module "queue" {
  source   = "./modules/queue"
  password = null
}

variable "db_password" {
  type      = string
  sensitive = true
}

variable "cache_token" {
  type      = string
  sensitive = true
}

variable "unused_token" {
  default = "ghp_1234567890abcdefghijABCDEFGHIJ123456"
}
"""

DB = """\
variable "password" {
  type    = string
  default = "Xk9mQ2vLp7zR"
}

resource "aws_db_instance" "this" {
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "admin"
  password          = var.password
  storage_encrypted = true
}
"""

CACHE = """\
variable "auth_token" {
  type    = string
  default = "Tk7nW3qZr5yBq9Lm2Xc4Vb6N"
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = "c"
  description                = "c"
  auth_token                 = var.auth_token
  transit_encryption_enabled = true
  at_rest_encryption_enabled = true
}
"""

QUEUE = """\
variable "password" {
  type     = string
  nullable = false
  default  = "Qm4Zr8Lp2Xv7"
}

resource "aws_mq_broker" "this" {
  broker_name        = "q"
  engine_type        = "ActiveMQ"
  engine_version     = "5.17.6"
  host_instance_type = "mq.t3.micro"
  user {
    username = "admin"
    password = var.password
  }
}
"""

TFVARS = """\
not_declared_password = "Zq8Lm3Xc9Vb2"
"""

PROD = """\
db_password = "Prod-S3cret-Pw1"
"""

CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DbPassword:
    Type: String
    NoEcho: true
    Default: Xk9mQ2vLp7zR
Resources:
  Topic:
    Type: AWS::SNS::Topic
"""

HEAT = """\
heat_template_version: 2018-08-31
parameters:
  db_password:
    type: string
    hidden: true
    default: Xk9mQ2vLp7zR
resources:
  net:
    type: OS::Neutron::Net
"""

HEAT_ENV = """\
parameter_defaults:
  AdminPassword: Pq7Zr2Lm9Xv4
"""


def _findings(tmp_path: Path) -> dict[str, tuple[str, str, str]]:
    (tmp_path / "tf" / "modules" / "db").mkdir(parents=True)
    (tmp_path / "tf" / "modules" / "cache").mkdir()
    (tmp_path / "tf" / "modules" / "queue").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(ROOT, encoding="utf-8")
    (tmp_path / "tf" / "terraform.tfvars").write_text(TFVARS, encoding="utf-8")
    (tmp_path / "tf" / "prod.tfvars").write_text(PROD, encoding="utf-8")
    (tmp_path / "tf" / "modules" / "db" / "main.tf").write_text(DB, encoding="utf-8")
    (tmp_path / "tf" / "modules" / "cache" / "main.tf").write_text(CACHE, encoding="utf-8")
    (tmp_path / "tf" / "modules" / "queue" / "main.tf").write_text(QUEUE, encoding="utf-8")
    (tmp_path / "cfn.yaml").write_text(CFN, encoding="utf-8")
    (tmp_path / "heat").mkdir()
    (tmp_path / "heat" / "stack.yaml").write_text(HEAT, encoding="utf-8")
    (tmp_path / "heat" / "env.yaml").write_text(HEAT_ENV, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    return {
        f"{Path(f.location.file).name}:{f.address}" if f.location else str(f.address): (
            f.status.value, f.message.en, f.message.th
        )
        for f in result.findings
    }


def test_unread_holders_say_what_holds_them(tmp_path: Path) -> None:
    found = _findings(tmp_path)
    holders = {
        "main.tf:module.db.var.password":
            "variable default that every call of this module replaces",
        "main.tf:var.unused_token": "variable default not read by any resource",
        "terraform.tfvars:var.not_declared_password":
            "tfvars value for a variable this root does not declare",
        "prod.tfvars:var.db_password":
            "tfvars value in a file Terraform reads only when given as -var-file",
        "cfn.yaml:DbPassword": "CloudFormation parameter default read by no resource",
        "stack.yaml:db_password": "Heat parameter default read by no resource",
        "env.yaml:HeatEnvironment/heat/env.yaml":
            "Heat environment value read by no resource of a scanned template",
    }
    assert {k for k, v in found.items() if v[0] == "FAIL"} == {
        *holders,
        # the default module.cache2 leaves reaches its resource: reported there, once
        "main.tf:module.cache2.aws_elasticache_replication_group.this",
        # null given to a nullable = false variable: Terraform takes its default
        "main.tf:module.queue.aws_mq_broker.this",
    }
    for key, reason in holders.items():
        assert found[key][1].startswith("a secret is written in plain text at '"), key
        assert found[key][1].endswith(f"): {reason}"), key
    assert found["main.tf:module.db.var.password"][1].startswith(
        "a secret is written in plain text at 'password' (value set at "
    )
    assert found["main.tf:var.unused_token"][2].endswith(
        ": ค่าเริ่มต้นของตัวแปรที่ไม่มีทรัพยากรใดอ่าน"
    )
    assert found["cfn.yaml:DbPassword"][2].endswith(
        ": ค่าเริ่มต้นของพารามิเตอร์ CloudFormation ที่ไม่มีทรัพยากรใดอ่าน"
    )
    assert found["main.tf:module.db.var.password"][2].endswith(
        ": ค่าเริ่มต้นของตัวแปรที่ทุกการเรียกใช้โมดูลนี้กำหนดค่าอื่นแทน"
    )
    # a resource's finding is not a holder's: no reason added
    assert found["main.tf:module.cache2.aws_elasticache_replication_group.this"][1].endswith(
        "default of module input auth_token at "
        f"{tmp_path}/tf/modules/cache/main.tf:3))"
    )
    # null given to a nullable = false variable: the default is the value, set there (it
    # named the `password = null` line)
    assert found["main.tf:module.queue.aws_mq_broker.this"][1].endswith(
        "default of module input password at "
        f"{tmp_path}/tf/modules/queue/main.tf:4))"
    )
    # the callers' values reach the module's resources: no secret there
    assert found["main.tf:module.db.aws_db_instance.this"][0] == "PASS"
    assert found["main.tf:module.cache.aws_elasticache_replication_group.this"][0] == "PASS"
