"""Azure Cosmos DB accounts: backups are always on (periodic unless continuous), kept 8
hours by default (GDCC-BCK-001 / GDCC-BCK-002), and connections are always TLS
(GDCC-ENC-004)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

_PAGE = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/"


def _account(name: str, backup: str = "") -> str:
    return f"""
resource "azurerm_cosmosdb_account" "{name}" {{
  name                = "{name}"
  location            = "southeastasia"
  resource_group_name = "rg"
  offer_type          = "Standard"
  consistency_policy {{
    consistency_level = "Session"
  }}
  geo_location {{
    location          = "southeastasia"
    failover_priority = 0
  }}
  {backup}
}}
"""


ACCOUNTS = "".join(
    [
        _account("plain"),
        _account("week", 'backup {\n    type = "Periodic"\n    retention_in_hours = 168\n  }'),
        _account("month", 'backup {\n    type = "Continuous"\n    tier = "Continuous30Days"\n  }'),
        _account("no_tier", 'backup {\n    type = "Continuous"\n  }'),
    ]
)


def _run(tmp_path: Path) -> dict[tuple[str, str], Finding]:
    (tmp_path / "main.tf").write_text(ACCOUNTS)
    rules = ("GDCC-BCK-001", "GDCC-BCK-002", "GDCC-ENC-004")
    result = audit([tmp_path], Settings(rule_ids=rules, cache=False))
    return {(f.address or "", f.rule_id): f for f in result.findings}


def test_cosmos_backups_are_always_on_and_kept_eight_hours_by_default(tmp_path: Path) -> None:
    found = _run(tmp_path)
    names = ("plain", "week", "month", "no_tier")
    for name in names:
        on = found[f"azurerm_cosmosdb_account.{name}", "GDCC-BCK-001"]
        assert on.status == Status.PASS
        assert on.evidence == {"backup_enabled": True}
        tls = found[f"azurerm_cosmosdb_account.{name}", "GDCC-ENC-004"]
        assert tls.status == Status.PASS
        assert tls.evidence == {"encrypted_in_transit": True}
    kept = {n: found[f"azurerm_cosmosdb_account.{n}", "GDCC-BCK-002"] for n in names}
    assert {n: f.status for n, f in kept.items()} == {
        "plain": Status.FAIL,
        "week": Status.PASS,
        "month": Status.PASS,
        # Azure picks the tier (7 or 30 days)
        "no_tier": Status.UNKNOWN,
    }
    assert kept["plain"].message.en == (
        "backup retention is 0 days; at least 7 days required "
        "(provider default: 'backup.0.retention_in_hours' not set) "
        "(periodic backups are kept 8 hours, less than a day)"
    )
    assert kept["plain"].evidence == {
        "backup_retention_days": 0,
        "decided_by": {
            "backup_retention_days": "periodic backups are kept 8 hours, less than a day"
        },
        "defaults": {
            "backup_retention_days": {
                "attribute": "backup.0.retention_in_hours",
                "value": "default",
                "documentation": f"{_PAGE}cosmosdb_account#retention_in_hours",
            }
        },
    }
    assert kept["week"].evidence == {"backup_retention_days": 7}
    assert kept["month"].evidence == {"backup_retention_days": 30}


def test_periodic_backups_are_said_in_hours(tmp_path: Path) -> None:
    # "backup retention is 0 days" read as no backups at all: the hours are said beside it
    (tmp_path / "main.tf").write_text(
        _account("eight", 'backup {\n    type = "Periodic"\n    retention_in_hours = 8\n  }')
        + _account("long", 'backup {\n    type = "Periodic"\n    retention_in_hours = 200\n  }')
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-BCK-002",), cache=False))
    found = {f.address: f for f in result.findings}
    eight = found["azurerm_cosmosdb_account.eight"]
    assert eight.status is Status.FAIL
    assert eight.message.en == (
        "backup retention is 0 days; at least 7 days required "
        "(periodic backups are kept 8 hours, less than a day)"
    )
    assert eight.message.th == (
        "ระยะเวลาเก็บรักษาข้อมูลสำรองคือ 0 วัน ต้องไม่น้อยกว่า 7 วัน "
        "(เก็บข้อมูลสำรองแบบ periodic ไว้ 8 ชั่วโมง ไม่ถึงหนึ่งวัน)"
    )
    long = found["azurerm_cosmosdb_account.long"]
    assert long.status is Status.PASS
    assert long.message.en == (
        "Backups are kept for at least 7 days (periodic backups are kept 200 hours, "
        "8 whole days)"
    )
    assert long.message.th.endswith("(เก็บข้อมูลสำรองแบบ periodic ไว้ 200 ชั่วโมง คือ 8 วันเต็ม)")
