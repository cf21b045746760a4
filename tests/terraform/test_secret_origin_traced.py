"""A secret given to a module through an object argument, a ``coalesce`` / ``try`` /
``lookup`` that picks it, a conditional, or ``each.value.x`` of a ``for_each`` over a local
re-keying an input points at the line the user changes ("value set at"). Before, SECRET-001
FAILed with no pointer (terraform-aws-modules/terraform-aws-opensearch ``master_user_password``
in ``advanced_security_options``, terraform-google-modules/terraform-google-sql-db
``coalesce(var.user_password, ...)`` and ``additional_users``, cloudposse/terraform-aws-
rds-cluster ``cond ? null : var.admin_password``)."""

from __future__ import annotations

import os
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ROOT = """\
module "search" {
  source = "./modules/search"
  advanced_security_options = {
    enabled = true
    master_user_options = {
      master_user_name     = "example"
      master_user_password = "Barbarbarbar1!"
    }
  }
}

module "sql" {
  source        = "./modules/sql"
  user_password = "Example!12345"
  additional_users = [
    {
      name            = "tftest2"
      password        = "Ex@mple!2345"
      random_password = false
    },
    {
      name            = "tftest3"
      password        = ""
      random_password = true
    },
  ]
}

module "cluster" {
  source         = "./modules/cluster"
  admin_password = "Test123456789"
}

module "tried" {
  source   = "./modules/tried"
  settings = { db = { password = "Tr1ed-Pa55word" } }
}
"""

SEARCH = """\
variable "advanced_security_options" {
  type    = any
  default = {}
}

resource "aws_opensearch_domain" "this" {
  domain_name = "search"

  dynamic "advanced_security_options" {
    for_each = length(var.advanced_security_options) > 0 ? [var.advanced_security_options] : []

    content {
      enabled = try(advanced_security_options.value.enabled, true)

      dynamic "master_user_options" {
        for_each = try([advanced_security_options.value.master_user_options], [{}])

        content {
          master_user_arn      = try(master_user_options.value.master_user_arn, null)
          master_user_name = (try(master_user_options.value.master_user_arn, null) == null
          ? try(master_user_options.value.master_user_name, null) : null)
          master_user_password = (try(master_user_options.value.master_user_arn, null) == null
          ? try(master_user_options.value.master_user_password, null) : null)
        }
      }
    }
  }
}
"""

SQL = """\
variable "user_password" {
  default = ""
}

variable "additional_users" {
  type    = list(object({ name = string, password = string, random_password = bool }))
  default = []
}

locals {
  users = { for u in var.additional_users : u.name => u }
}

resource "random_password" "user" {
  length = 16
}

resource "random_password" "additional" {
  for_each = local.users
  length   = 16
}

variable "enable_default_user" {
  default = true
}

resource "google_sql_user" "default" {
  count    = var.enable_default_user ? 1 : 0
  name     = "default"
  instance = "db"
  password = coalesce(var.user_password, random_password.user.result)
}

resource "google_sql_user" "additional_users" {
  for_each = local.users
  name     = each.value.name
  instance = "db"
  password = (each.value.random_password
  ? random_password.additional[each.value.name].result : each.value.password)
}
"""

CLUSTER = """\
variable "admin_password" {
  default = ""
}

variable "manage_admin_user_password" {
  default = false
}

locals {
  ignore_admin_credentials = false
}

resource "aws_rds_cluster" "primary" {
  cluster_identifier = "primary"
  engine             = "aurora-postgresql"
  master_username    = "admin1"
  master_password    = (local.ignore_admin_credentials || var.manage_admin_user_password
  ? null : var.admin_password)
  storage_encrypted  = true
}
"""

TRIED = """\
variable "settings" {
  type    = any
  default = {}
}

resource "aws_db_instance" "db" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "app"
  password          = lookup(var.settings.db, "password", try(var.settings.fallback, null))
  storage_encrypted = true
}
"""


def _scan(tmp_path: Path) -> dict[str, tuple[Status, dict[str, str] | None, str]]:
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    for name, text in (("search", SEARCH), ("sql", SQL), ("cluster", CLUSTER),
                       ("tried", TRIED)):
        (tmp_path / "modules" / name).mkdir(parents=True)
        (tmp_path / "modules" / name / "main.tf").write_text(text, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-SECRET-001",)))
    finally:
        os.chdir(cwd)
    return {
        f.address: (f.status, f.evidence.get("value_set_at"), f.message.en if f.message else "")
        for f in result.findings
        if f.status == Status.FAIL
    }


def test_a_secret_through_module_arguments_points_at_the_callers_line(tmp_path: Path) -> None:
    found = _scan(tmp_path)
    assert {address: origin for address, (_, origin, _) in found.items()} == {
        # an item of an object argument, through two nested dynamic blocks
        "module.search.aws_opensearch_domain.this": {
            "advanced_security_options.0.master_user_options.0.master_user_password":
                "./main.tf:7",
        },
        # coalesce picks the written argument
        "module.sql.google_sql_user.default[0]": {"password": "./main.tf:14"},
        # each.value of a for_each over a local re-keying the input, the condition false
        'module.sql.google_sql_user.additional_users["tftest2"]': {"password": "./main.tf:18"},
        # cond ? null : var.admin_password, the condition false
        "module.cluster.aws_rds_cluster.primary": {"master_password": "./main.tf:31"},
        # lookup of a key the object has
        "module.tried.aws_db_instance.db": {"password": "./main.tf:36"},
    }
    _, _, message = found["module.sql.google_sql_user.default[0]"]
    assert message == "a secret is written in plain text at 'password' (value set at ./main.tf:14)"
