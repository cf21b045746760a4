"""ApsaraDB RDS instances (``alicloud_db_instance``): GDCC-NET-002 was UNKNOWN "whether the
endpoint is public is not known" on every instance of alibabacloud-automation/
terraform-alicloud-rds, although its module allocates the Internet endpoint with an
``alicloud_db_connection`` (RDS gives internal endpoints only, unless one is allocated), and
GDCC-BCK-001 / 002 were UNKNOWN although every RDS instance has a backup policy (the
module's ``alicloud_db_backup_policy``, or the default one: on, seven days)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "alicloud_rds_endpoints"


def _found() -> dict[tuple[str, str], tuple[Status, str]]:
    result = audit([FIXTURE], Settings(rule_ids=("GDCC-NET-002", "GDCC-BCK-001", "GDCC-BCK-002")))
    assert not {"alicloud_db_connection", "alicloud_db_backup_policy"} & set(result.not_judged)
    return {(f.rule_id, f.address or ""): (f.status, f.message.en) for f in result.findings}


def test_an_internet_connection_string_makes_the_database_public() -> None:
    found = _found()
    assert found[("GDCC-NET-002", "alicloud_db_instance.public")] == (
        Status.FAIL,
        "the endpoint is public (alicloud_db_connection.public allocates it an Internet "
        "connection string (https://registry.terraform.io/providers/aliyun/alicloud/latest/"
        "docs/resources/db_connection))",
    )
    status, message = found[("GDCC-NET-002", "alicloud_db_instance.internal")]
    assert status is Status.PASS
    assert "no Internet connection string association of the scanned configuration" in message


def test_every_instance_has_backups_kept_seven_days_or_more() -> None:
    found = _found()
    for name in ("public", "internal"):
        assert found[("GDCC-BCK-001", f"alicloud_db_instance.{name}")][0] is Status.PASS
        assert found[("GDCC-BCK-002", f"alicloud_db_instance.{name}")][0] is Status.PASS


def test_the_default_backup_policy_is_named() -> None:
    resources, errors, _ = run(FIXTURE)
    assert not errors
    internal = resources["alicloud_db_instance.internal"]
    assert internal.defaults["backup_retention_days"].attribute == "alicloud_db_backup_policy"
    assert internal.defaults["backup_enabled"].doc.endswith("/resources/db_backup_policy")
    assert "backup_retention_days" not in resources["alicloud_db_instance.public"].defaults


def test_cloud_disk_encryption_is_encryption_at_rest() -> None:
    """``encryption_key`` ("Used for encrypting a disk if not null") encrypts the instance's
    cloud disks: GDCC-ENC-001 FAILed "encryption at rest is off" when TDE was not on."""
    result = audit([FIXTURE], Settings(rule_ids=("GDCC-ENC-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["alicloud_db_instance.disk_encrypted"][0] is Status.PASS
    assert found["alicloud_db_instance.disk_disabled"] == (
        Status.FAIL, "encryption at rest is off"
    )
    assert found["alicloud_db_instance.internal"] == (Status.FAIL, "encryption at rest is off")


def test_the_default_whitelist_admits_no_client() -> None:
    """GDCC-GRAPH-004 was UNKNOWN "allows 127.0.0.1 (no scanned subnet)" on every RDS and
    MongoDB instance left with its default whitelist, which admits no device; an ECS
    security group it names admits that group's instances (not read here: UNKNOWN, never a
    PASS; a group of the scan: its instances)."""
    result = audit([FIXTURE], Settings(rule_ids=("GDCC-GRAPH-004",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    for name in ("alicloud_db_instance.internal", "alicloud_mongodb_instance.internal"):
        assert found[name] == (Status.PASS, "The data tier is segmented from the web tier")
    # the group of the scan it names (no instance in it) is resolved since stop 51 (was
    # "grouped allows sg:unknown (not resolved)": tests/graph/test_alicloud_database_groups.py)
    assert found["alicloud_db_instance.grouped"] == (
        Status.PASS, "The data tier is segmented from the web tier"
    )
    # wrong PASS on main: an empty whitelist read as "admits no one", its group dropped
    assert found["alicloud_db_instance.grouped_empty"] == (
        Status.UNKNOWN,
        "cannot tell which addresses it admits: grouped_empty allows sg-web (not resolved)",
    )
    assert found["alicloud_mongodb_instance.grouped"] == (
        Status.UNKNOWN,
        "cannot tell which addresses it admits: grouped allows sg-123 (not resolved)",
    )
