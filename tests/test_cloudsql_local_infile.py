"""Cloud SQL MySQL ``local_infile`` not written takes the engine default: ON up to MySQL 5.7,
OFF from 8.0 (GDCC-DB-005; a 5.7 instance without the flag PASSed)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings


def _instance(name: str, version: str, flags: dict[str, str]) -> str:
    written = "".join(
        f"""
    database_flags {{
      name  = "{key}"
      value = "{value}"
    }}"""
        for key, value in flags.items()
    )
    return f"""
resource "google_sql_database_instance" "{name}" {{
  name             = "{name}"
  database_version = "{version}"
  region           = "asia-southeast1"
  settings {{
    tier = "db-f1-micro"{written}
  }}
}}
"""


HARDENED = {"skip_show_database": "on"}
MAIN = "".join(
    [
        _instance("mysql57_default", "MYSQL_5_7", HARDENED),
        _instance("mysql56_default", "MYSQL_5_6", HARDENED),
        _instance("mysql57_off", "MYSQL_5_7", {**HARDENED, "local_infile": "off"}),
        _instance("mysql80_default", "MYSQL_8_0", HARDENED),
        _instance("mysql84_on", "MYSQL_8_4", {**HARDENED, "local_infile": "on"}),
        _instance("mysql57_bare", "MYSQL_5_7", {}),
    ]
)


def test_local_infile_default_depends_on_the_mysql_version(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-005",), cache=False))
    found = {f.address: (f.status, f.evidence.get("insecure_db_flags")) for f in result.findings}
    on = "local_infile=on (engine default)"
    assert found == {
        "google_sql_database_instance.mysql57_default": (Status.FAIL, [on]),
        "google_sql_database_instance.mysql56_default": (Status.FAIL, [on]),
        "google_sql_database_instance.mysql57_off": (Status.PASS, []),
        "google_sql_database_instance.mysql80_default": (Status.PASS, []),
        "google_sql_database_instance.mysql84_on": (Status.FAIL, ["local_infile=on"]),
        "google_sql_database_instance.mysql57_bare": (
            Status.FAIL,
            [on, "skip_show_database=off (engine default)"],
        ),
    }
