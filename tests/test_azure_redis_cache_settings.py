"""Azure Cache for Redis: anonymous access when ``authentication_enabled = false``
(GDCC-DB-006, before a PASS whatever the setting), Microsoft Entra authentication
(GDCC-DB-001) and persistence (GDCC-BCK-001) off by default (before UNKNOWN: "not known
from the input")."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

_PAGE = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/"
_SUBNET = (
    "/subscriptions/s/resourceGroups/rg/providers/"
    "Microsoft.Network/virtualNetworks/v/subnets/c"
)


def _cache(name: str, sku: str, configuration: str = "") -> str:
    subnet = f'\n  subnet_id           = "{_SUBNET}"' if sku == "Premium" else ""
    return f"""
resource "azurerm_redis_cache" "{name}" {{
  name                = "{name}"
  location            = "southeastasia"
  resource_group_name = "rg"
  capacity            = 1
  family              = "{"P" if sku == "Premium" else "C"}"
  sku_name            = "{sku}"{subnet}
  {configuration}
}}
"""


CACHES = (
    _cache("plain", "Standard")
    + _cache(
        "entra",
        "Premium",
        "redis_configuration {\n    active_directory_authentication_enabled = true\n"
        '    rdb_backup_enabled = true\n    rdb_storage_connection_string = "x"\n  }',
    )
    + _cache(
        "anonymous", "Premium", "redis_configuration {\n    authentication_enabled = false\n  }"
    )
)


def _run(tmp_path: Path) -> dict[tuple[str, str], Finding]:
    (tmp_path / "main.tf").write_text(CACHES)
    rules = ("GDCC-DB-001", "GDCC-DB-006", "GDCC-BCK-001")
    result = audit([tmp_path], Settings(rule_ids=rules, cache=False))
    return {(f.address or "", f.rule_id): f for f in result.findings}


def _default(facet: str, attribute: str) -> dict[str, dict[str, str]]:
    return {
        facet: {
            "attribute": f"redis_configuration.0.{attribute}",
            "value": "default",
            "documentation": f"{_PAGE}redis_cache#{attribute}",
        }
    }


def test_redis_authentication_directory_and_persistence(tmp_path: Path) -> None:
    found = _run(tmp_path)
    status = {key: f.status for key, f in found.items()}
    assert status == {
        ("azurerm_redis_cache.plain", "GDCC-DB-001"): Status.FAIL,
        ("azurerm_redis_cache.plain", "GDCC-DB-006"): Status.PASS,
        ("azurerm_redis_cache.plain", "GDCC-BCK-001"): Status.FAIL,
        ("azurerm_redis_cache.entra", "GDCC-DB-001"): Status.PASS,
        ("azurerm_redis_cache.entra", "GDCC-DB-006"): Status.PASS,
        ("azurerm_redis_cache.entra", "GDCC-BCK-001"): Status.PASS,
        ("azurerm_redis_cache.anonymous", "GDCC-DB-001"): Status.FAIL,
        ("azurerm_redis_cache.anonymous", "GDCC-DB-006"): Status.FAIL,
        ("azurerm_redis_cache.anonymous", "GDCC-BCK-001"): Status.FAIL,
    }
    anonymous = found["azurerm_redis_cache.anonymous", "GDCC-DB-006"]
    assert anonymous.message.en == "clients connect without authenticating"
    assert anonymous.evidence == {"auth_required": False}
    entra = found["azurerm_redis_cache.plain", "GDCC-DB-001"]
    assert entra.message.en == (
        "IAM / directory authentication is off (provider default: "
        "'redis_configuration.0.active_directory_authentication_enabled' not set)"
    )
    assert entra.evidence == {
        "directory_auth": False,
        "defaults": _default("directory_auth", "active_directory_authentication_enabled"),
    }
    backups = found["azurerm_redis_cache.plain", "GDCC-BCK-001"]
    assert backups.message.en == (
        "backups are off (provider default: 'redis_configuration.0.rdb_backup_enabled' not set)"
    )
    assert backups.evidence == {
        "backup_enabled": False,
        "defaults": _default("backup_enabled", "rdb_backup_enabled"),
    }
