"""GDCC-DB-004 / GDCC-DB-005 on Cloud SQL whose ``database_flags`` are not known now say why.

``database_flags`` from an input without a value (checkov's fixtures
google_sql_database_instance.unknown_var and pass5) left both rules UNKNOWN saying only "the
connection logging flags are not known from the input" / "whether engine flags are set
insecurely is not known from the input". The UNKNOWNs stay; the message names the flags, or the
flag whose value is an input. Flags written are judged as before.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

INSTANCES = """\
variable "flags" {
  type = list(object({ name = string, value = string }))
}

variable "disconnections" {
  type = string
}

resource "google_sql_database_instance" "all_from_input" {
  name             = "records"
  database_version = "POSTGRES_15"
  region           = "asia-southeast1"
  settings {
    tier = "db-custom-2-7680"
    dynamic "database_flags" {
      for_each = var.flags
      content {
        name  = database_flags.value.name
        value = database_flags.value.value
      }
    }
  }
}

resource "google_sql_database_instance" "one_from_input" {
  name             = "audit"
  database_version = "POSTGRES_15"
  region           = "asia-southeast1"
  settings {
    tier = "db-custom-2-7680"
    database_flags {
      name  = "log_connections"
      value = "on"
    }
    database_flags {
      name  = "log_disconnections"
      value = var.disconnections
    }
  }
}

resource "google_sql_database_instance" "written" {
  name             = "written"
  database_version = "POSTGRES_15"
  region           = "asia-southeast1"
  settings {
    tier = "db-custom-2-7680"
    database_flags {
      name  = "log_connections"
      value = "on"
    }
    database_flags {
      name  = "log_disconnections"
      value = "on"
    }
  }
}
"""


def test_cloud_sql_flags_not_known_are_named(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(INSTANCES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-004", "GDCC-DB-005"), cache=False))
    found = {(f.address, f.rule_id): f for f in result.findings}
    logging = found[("google_sql_database_instance.all_from_input", "GDCC-DB-004")]
    assert logging.status == Status.UNKNOWN
    assert logging.message is not None
    assert logging.message.en == (
        "the connection logging flags are not known from the input: its "
        "settings.database_flags are not known"
    )
    insecure = found[("google_sql_database_instance.all_from_input", "GDCC-DB-005")]
    assert insecure.status == Status.UNKNOWN
    assert insecure.message is not None
    assert insecure.message.en.endswith(": its settings.database_flags are not known")
    one = found[("google_sql_database_instance.one_from_input", "GDCC-DB-004")]
    assert one.status == Status.UNKNOWN
    assert one.message is not None
    assert one.message.en == (
        "the connection logging flags are not known from the input: the value of "
        "database_flags log_disconnections is not known"
    )
    assert found[("google_sql_database_instance.written", "GDCC-DB-004")].status == Status.PASS
