"""Google VPC flow logs are a subnet setting: a network is judged on its subnets
(GDCC-LOG-005); Cloud SQL flags not written take the engine default, insecure for MySQL
``skip_show_database`` and SQL Server ``remote access`` (GDCC-DB-005)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

NETWORKS = """\
resource "google_compute_network" "logged" {
  name                    = "logged"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "logged" {
  name          = "logged"
  ip_cidr_range = "10.2.0.0/16"
  region        = "asia-southeast1"
  network       = google_compute_network.logged.id
  log_config {}
}

resource "google_compute_subnetwork" "proxy" {
  name          = "proxy-only"
  ip_cidr_range = "10.9.0.0/23"
  region        = "asia-southeast1"
  network       = google_compute_network.logged.id
  purpose       = "REGIONAL_MANAGED_PROXY"
  role          = "ACTIVE"
}

resource "google_compute_network" "partial" {
  name                    = "partial"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "partial_logged" {
  name          = "partial-logged"
  ip_cidr_range = "10.3.0.0/16"
  region        = "asia-southeast1"
  network       = google_compute_network.partial.id
  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
  }
}

resource "google_compute_subnetwork" "partial_silent" {
  name          = "partial-silent"
  ip_cidr_range = "10.4.0.0/16"
  region        = "asia-southeast1"
  network       = google_compute_network.partial.id
}

resource "google_compute_network" "auto" {
  name = "auto"
}
"""


def _run(tmp_path: Path, text: str, rule: str) -> dict[str, Finding]:
    (tmp_path / "main.tf").write_text(text)
    result = audit([tmp_path], Settings(rule_ids=(rule,), cache=False))
    return {f.address or "": f for f in result.findings}


def test_network_flow_logs_come_from_its_subnets(tmp_path: Path) -> None:
    found = _run(tmp_path, NETWORKS, "GDCC-LOG-005")
    assert {a: f.status for a, f in found.items()} == {
        # was FAIL "no flow log records this network": its subnet logs (an empty log_config
        # block turns logging on with its defaults); a proxy-only subnet has no flow logs
        "google_compute_network.logged": Status.PASS,
        "google_compute_network.partial": Status.FAIL,
        "google_compute_network.auto": Status.FAIL,
    }
    # auto mode (auto_create_subnetworks not written: true) makes subnets without flow logs
    assert found["google_compute_network.auto"].message.en == "traffic flow logging is off"
    assert found["google_compute_network.partial"].message.en == "traffic flow logging is off"


INSTANCES = """\
resource "google_sql_database_instance" "mysql_defaults" {
  name             = "mysql-defaults"
  database_version = "MYSQL_8_0"
  region           = "asia-southeast1"
  settings {
    tier = "db-f1-micro"
  }
}

resource "google_sql_database_instance" "mysql_hardened" {
  name             = "mysql-hardened"
  database_version = "MYSQL_8_0"
  region           = "asia-southeast1"
  settings {
    tier = "db-f1-micro"
    database_flags {
      name  = "skip_show_database"
      value = "on"
    }
  }
}

resource "google_sql_database_instance" "sqlserver_defaults" {
  name             = "sqlserver-defaults"
  database_version = "SQLSERVER_2019_STANDARD"
  region           = "asia-southeast1"
  root_password    = var.password
  settings {
    tier = "db-custom-2-7680"
  }
}

resource "google_sql_database_instance" "sqlserver_hardened" {
  name             = "sqlserver-hardened"
  database_version = "SQLSERVER_2019_STANDARD"
  region           = "asia-southeast1"
  root_password    = var.password
  settings {
    tier = "db-custom-2-7680"
    database_flags {
      name  = "remote access"
      value = "off"
    }
  }
}

resource "google_sql_database_instance" "postgres" {
  name             = "postgres"
  database_version = "POSTGRES_16"
  region           = "asia-southeast1"
  settings {
    tier = "db-f1-micro"
  }
}
"""


def test_insecure_engine_defaults(tmp_path: Path) -> None:
    found = _run(tmp_path, INSTANCES, "GDCC-DB-005")
    assert {a: f.status for a, f in found.items()} == {
        # were PASS: the flag not written is the engine's insecure default
        "google_sql_database_instance.mysql_defaults": Status.FAIL,
        "google_sql_database_instance.mysql_hardened": Status.PASS,
        "google_sql_database_instance.sqlserver_defaults": Status.FAIL,
        "google_sql_database_instance.sqlserver_hardened": Status.PASS,
        "google_sql_database_instance.postgres": Status.PASS,
    }
    assert found["google_sql_database_instance.mysql_defaults"].evidence == {
        "insecure_db_flags": ["skip_show_database=off (engine default)"]
    }
    assert found["google_sql_database_instance.sqlserver_defaults"].evidence == {
        "insecure_db_flags": ["remote access=on (engine default)"]
    }


VERSION_FROM_A_VARIABLE = """\
variable "database_version" {
  type = string
}

variable "database_flags" {
  type    = list(object({ name = string, value = string }))
  default = []
}

resource "google_sql_database_instance" "no_flags" {
  name             = "no-flags"
  database_version = var.database_version
  region           = "asia-southeast1"
  settings {
    tier = "db-f1-micro"
    dynamic "database_flags" {
      for_each = var.database_flags
      content {
        name  = database_flags.value.name
        value = database_flags.value.value
      }
    }
  }
}

resource "google_sql_database_instance" "iam_flag" {
  name             = "iam-flag"
  database_version = var.database_version
  region           = "asia-southeast1"
  settings {
    tier = "db-f1-micro"
    database_flags {
      name  = "cloudsql.iam_authentication"
      value = "on"
    }
  }
}
"""


def test_iam_flags_decide_directory_auth_whatever_the_engine(tmp_path: Path) -> None:
    # the engine comes from a variable without a default (terraform-google-sql-db's modules):
    # no IAM flag is on, so no engine takes IAM logins; it was UNKNOWN
    found = _run(tmp_path, VERSION_FROM_A_VARIABLE, "GDCC-DB-001")
    assert {a: f.status for a, f in found.items()} == {
        "google_sql_database_instance.no_flags": Status.FAIL,
        "google_sql_database_instance.iam_flag": Status.PASS,
    }
    assert found["google_sql_database_instance.no_flags"].evidence == {"directory_auth": False}
    # the engine's insecure defaults still need the engine
    found = _run(tmp_path, VERSION_FROM_A_VARIABLE, "GDCC-DB-005")
    assert {a: f.status for a, f in found.items()} == {
        "google_sql_database_instance.no_flags": Status.UNKNOWN,
        "google_sql_database_instance.iam_flag": Status.UNKNOWN,
    }


MANAGED_AD = """\
resource "google_sql_database_instance" "sqlserver_ad" {
  name             = "sqlserver-ad"
  database_version = "SQLSERVER_2019_STANDARD"
  region           = "asia-southeast1"
  settings {
    tier = "db-custom-2-7680"
    active_directory_config {
      domain = "ad.agency.go.th"
    }
  }
}

resource "google_sql_database_instance" "sqlserver_local" {
  name             = "sqlserver-local"
  database_version = "SQLSERVER_2019_STANDARD"
  region           = "asia-southeast1"
  settings {
    tier = "db-custom-2-7680"
  }
}
"""


def test_sql_server_signs_in_through_managed_ad(tmp_path: Path) -> None:
    """Cloud SQL for SQL Server has no IAM database login: Windows Authentication through
    Managed Microsoft AD (``active_directory_config.domain``) is its directory sign-in. It
    FAILed GDCC-DB-001 whatever the configuration."""
    found = _run(tmp_path, MANAGED_AD, "GDCC-DB-001")
    assert {a: f.status for a, f in found.items()} == {
        "google_sql_database_instance.sqlserver_ad": Status.PASS,
        "google_sql_database_instance.sqlserver_local": Status.FAIL,
    }


FLAGLESS = """\
resource "google_bigquery_dataset" "d" {
  dataset_id = "d"
  location   = "asia-southeast1"
}

resource "google_bigquery_table" "t" {
  dataset_id = google_bigquery_dataset.d.dataset_id
  table_id   = "t"
}

resource "google_bigtable_instance" "b" {
  name = "b"
  cluster {
    cluster_id = "b1"
    zone       = "asia-southeast1-a"
  }
}
"""


def test_data_services_without_engine_flags(tmp_path: Path) -> None:
    """BigQuery and Bigtable have no engine flags: GDCC-DB-005 is NOT_APPLICABLE, saying
    why (was UNKNOWN, "whether engine flags are set insecurely is not known")."""
    (tmp_path / "main.tf").write_text(FLAGLESS)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-005",)))
    found = {f.address: f for f in result.findings}
    assert set(found) == {
        "google_bigquery_dataset.d", "google_bigquery_table.t", "google_bigtable_instance.b"
    }
    for address, finding in found.items():
        assert finding.status is Status.NOT_APPLICABLE, address
        assert finding.message is not None
        kind = address.split(".")[0]
        assert finding.message.en == (
            f"does not apply to {kind}: BigQuery, Bigtable and Spanner have no database "
            "engine flags to set (Cloud SQL and AlloyDB do)"
        )
