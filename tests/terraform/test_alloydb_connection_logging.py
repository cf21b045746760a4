"""AlloyDB for PostgreSQL (``google_alloydb_instance``) is judged on GDCC-DB-004 like a Cloud
SQL PostgreSQL instance: ``database_flags`` log_connections and log_disconnections both "on"
PASS, a flag written to another value FAILs, a flag not written is UNKNOWN (no AlloyDB default
for them found documented: cloud.google.com/alloydb/docs/reference/database-flags). Every
instance was NOT_APPLICABLE "not a PostgreSQL database"."""

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
NO_DEFAULT = (
    "AlloyDB's default for log_connections / log_disconnections is not documented where "
    "checked (cloud.google.com/alloydb/docs/reference/database-flags); set both to on in "
    "database_flags"
)


def test_alloydb_connection_logging(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-004",), cache=False))
    found = {f.address: f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "google_alloydb_instance.logged": Status.PASS,
        "google_alloydb_instance.half": Status.FAIL,
        "google_alloydb_instance.one_written": Status.UNKNOWN,
        "google_alloydb_instance.plain": Status.UNKNOWN,
        "google_alloydb_instance.from_var": Status.UNKNOWN,
    }
    messages = {a: f.message.en for a, f in found.items() if f.status is not Status.PASS}
    assert messages == {
        "google_alloydb_instance.half": "log_disconnections not on",
        "google_alloydb_instance.one_written": f"{NOT_KNOWN}: {NO_DEFAULT}",
        "google_alloydb_instance.plain": f"{NOT_KNOWN}: {NO_DEFAULT}",
        # a value given elsewhere: not known, without the default's reason
        "google_alloydb_instance.from_var": NOT_KNOWN,
    }
    assert found["google_alloydb_instance.logged"].evidence == {"connection_logging": True}
    assert found["google_alloydb_instance.half"].evidence["flags_off"] == ["log_disconnections"]
    assert found["google_alloydb_instance.plain"].message.th.endswith(
        "ให้ตั้งทั้งสองค่าเป็น on ใน database_flags"
    )
