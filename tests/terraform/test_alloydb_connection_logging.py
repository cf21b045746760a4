"""AlloyDB for PostgreSQL (``google_alloydb_instance``) is judged on GDCC-DB-004 like a Cloud
SQL PostgreSQL instance: ``database_flags`` log_connections and log_disconnections both "on"
PASS, a flag written to another value FAILs, a flag not written FAILs on PostgreSQL's default
off (AlloyDB's flag table: "Standard default", a default AlloyDB does not set; stop 38 left it
UNKNOWN). Every instance was NOT_APPLICABLE "not a PostgreSQL database" before stop 38."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

INSTANCE = """\
resource "google_alloydb_instance" "{name}" {{
  cluster       = "projects/p/locations/asia-southeast1/clusters/c"
  instance_id   = "{name}"
  instance_type = "PRIMARY"
  {flags}
}}
"""
MAIN = "variable \"v\" {}\n" + "".join(
    INSTANCE.format(name=name, flags=flags)
    for name, flags in (
        ("logged", 'database_flags = { log_connections = "on", log_disconnections = "on" }'),
        ("half", 'database_flags = { log_connections = "on", log_disconnections = "off" }'),
        ("one_written", 'database_flags = { log_connections = "on" }'),
        ("plain", ""),
        ("from_var", 'database_flags = { log_connections = var.v, log_disconnections = "on" }'),
    )
)
NOT_KNOWN = "the connection logging flags are not known from the input"


def test_alloydb_connection_logging(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-004",), cache=False))
    found = {f.address: f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "google_alloydb_instance.logged": Status.PASS,
        "google_alloydb_instance.half": Status.FAIL,
        "google_alloydb_instance.one_written": Status.FAIL,
        "google_alloydb_instance.plain": Status.FAIL,
        "google_alloydb_instance.from_var": Status.UNKNOWN,
    }
    messages = {a: f.message.en for a, f in found.items() if f.status is not Status.PASS}
    assert messages == {
        "google_alloydb_instance.half": "log_disconnections not on",
        "google_alloydb_instance.one_written": "log_disconnections not on (provider default: "
        "'database_flags.log_disconnections' not set)",
        "google_alloydb_instance.plain": "log_connections, log_disconnections not on (provider "
        "default: 'database_flags.log_connections, database_flags.log_disconnections' not set)",
        # a value given elsewhere: not known
        "google_alloydb_instance.from_var": NOT_KNOWN,
    }
    assert found["google_alloydb_instance.logged"].evidence == {"connection_logging": True}
    assert found["google_alloydb_instance.half"].evidence["flags_off"] == ["log_disconnections"]
