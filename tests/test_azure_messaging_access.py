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
