"""Azure Service Bus and Event Hubs namespaces grant nobody anonymous access (GDCC-MSG-002):
every request is authorized with Microsoft Entra ID or a shared access signature, and no
resource policy can name everyone."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

NAMESPACES = """\
resource "azurerm_servicebus_namespace" "bus" {
  name                = "bus"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
}

resource "azurerm_eventhub_namespace" "hub" {
  name                = "hub"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
}
"""


def test_namespaces_grant_nobody_anonymous_access(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(NAMESPACES)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-MSG-002",), cache=False))
    found = {(f.address, f.rule_id): f for f in result.findings}
    assert set(found) == {
        ("azurerm_servicebus_namespace.bus", "GDCC-MSG-002"),
        ("azurerm_eventhub_namespace.hub", "GDCC-MSG-002"),
    }
    for finding in found.values():
        assert finding.status == Status.PASS
        assert finding.evidence == {"public_access": False}
        assert finding.message.en == "Queue and topic policies do not grant access to everyone"


def _pinned(version: str) -> str:
    return (
        'terraform {\n  required_providers {\n    azurerm = {\n'
        f'      source  = "hashicorp/azurerm"\n      version = "{version}"\n    }}\n  }}\n}}\n'
    )


def test_minimum_tls_default_follows_the_provider_version(tmp_path: Path) -> None:
    # "The property `minimum_tls_version` now defaults to `1.2`" (azurerm 4.0 upgrade guide,
    # both namespaces); 3.x sent none. Before, 1.2 was assumed whatever the version.
    (tmp_path / "main.tf").write_text(_pinned("~> 3.0") + NAMESPACES)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-MSG-003",), cache=False))
    assert {f.address: f.status for f in result.findings} == {
        "azurerm_servicebus_namespace.bus": Status.UNKNOWN,
        "azurerm_eventhub_namespace.hub": Status.UNKNOWN,
    }
    for finding in result.findings:
        assert finding.message.en == (
            "the minimum TLS version is not known from the input: no documentation states "
            "what azurerm < 4.0 sends when 'minimum_tls_version' is not set "
            "(azurerm ~> 3.0 (main.tf:3), not locked)"
        )
    (tmp_path / "main.tf").write_text(_pinned("~> 4.0") + NAMESPACES)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-MSG-003",), cache=False))
    found = {f.address: f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "azurerm_servicebus_namespace.bus": Status.PASS,
        "azurerm_eventhub_namespace.hub": Status.PASS,
    }
    assert found["azurerm_servicebus_namespace.bus"].evidence == {
        "tls_min_version": "1.2",
        "defaults": {
            "tls_min_version": {
                "attribute": "minimum_tls_version",
                "value": "default",
                "documentation": "https://registry.terraform.io/providers/hashicorp/azurerm/"
                "latest/docs/resources/servicebus_namespace",
                "provider_version": "azurerm ~> 4.0 (main.tf:3), not locked",
            }
        },
    }
