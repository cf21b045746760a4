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


def test_flags_known_in_part(tmp_path: Path) -> None:
    """A flag from an input no longer hides an insecure flag that is written: DB-005 FAILs
    on the known one and names the flags not known (``undetermined_insecure_db_flags``);
    with nothing insecure among the known flags it stays UNKNOWN (it was UNKNOWN for all)."""
    (tmp_path / "main.tf").write_text(
        'variable "v" {}\nvariable "n" {}\n'
        + _instance("value_unknown", "MYSQL_8_0", {"local_infile": "on"}).replace(
            "tier = ", 'database_flags {\n      name = "skip_show_database"\n'
            "      value = var.v\n    }\n    tier = "
        )
        + _instance("name_unknown", "SQLSERVER_2019_STANDARD", {
            "cross db ownership chaining": "on", "remote access": "off"}).replace(
            "tier = ", "database_flags {\n      name = var.n\n      value = \"on\"\n    }\n"
            "    tier = "
        )
        + _instance("harmless_unknown", "MYSQL_8_0", {"local_infile": "on"}).replace(
            "tier = ", 'database_flags {\n      name = "max_connections"\n'
            "      value = var.v\n    }\n    tier = "
        )
        + _instance("none_known_insecure", "MYSQL_8_0", HARDENED).replace(
            "tier = ", 'database_flags {\n      name = "local_infile"\n'
            "      value = var.v\n    }\n    tier = "
        )
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-005",), cache=False))
    found = {
        f.address: (
            f.status,
            f.evidence.get("insecure_db_flags"),
            f.evidence.get("undetermined_insecure_db_flags"),
        )
        for f in result.findings
    }
    assert found == {
        "google_sql_database_instance.value_unknown": (
            Status.FAIL, ["local_infile=on"], ["skip_show_database"]
        ),
        "google_sql_database_instance.name_unknown": (
            Status.FAIL, ["cross db ownership chaining=on"], ["*"]
        ),
        "google_sql_database_instance.harmless_unknown": (
            Status.FAIL, ["local_infile=on", "skip_show_database=off (engine default)"], None
        ),
        "google_sql_database_instance.none_known_insecure": (Status.UNKNOWN, None, None),
    }
