"""AzAPI SQL logical servers (``Microsoft.Sql/servers``) were not judged, nor their
``firewallRules`` / ``auditingSettings`` children: a server open to every address had no
GDCC-NET-002 verdict. They are now read as ``azurerm_mssql_server``."""

from __future__ import annotations

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "southeastasia"
}
resource "azapi_resource" "open" {
  type      = "Microsoft.Sql/servers@2023-08-01-preview"
  name      = "open"
  parent_id = azurerm_resource_group.rg.id
  location  = "southeastasia"
  body = {
    properties = {
      administratorLogin         = "sqladmin"
      administratorLoginPassword = "P@ssw0rd1234!"
      publicNetworkAccess        = "Enabled"
      minimalTlsVersion          = "1.0"
    }
  }
}
resource "azapi_resource" "open_rule" {
  type      = "Microsoft.Sql/servers/firewallRules@2023-08-01-preview"
  name      = "all"
  parent_id = azapi_resource.open.id
  body = {
    properties = {
      startIpAddress = "0.0.0.0"
      endIpAddress   = "255.255.255.255"
    }
  }
}
resource "azapi_resource" "closed" {
  type      = "Microsoft.Sql/servers@2023-08-01-preview"
  name      = "closed"
  parent_id = azurerm_resource_group.rg.id
  location  = "southeastasia"
  body = {
    properties = {
      publicNetworkAccess = "Disabled"
      administrators = {
        administratorType         = "ActiveDirectory"
        azureADOnlyAuthentication = true
        login                     = "dba"
        sid                       = "00000000-0000-0000-0000-000000000000"
      }
    }
  }
}
resource "azapi_resource" "closed_audit" {
  type      = "Microsoft.Sql/servers/auditingSettings@2022-05-01-preview"
  name      = "default"
  parent_id = azapi_resource.closed.id
  body = {
    properties = {
      state                       = "Enabled"
      isAzureMonitorTargetEnabled = true
    }
  }
}
resource "azapi_resource" "unwritten" {
  type      = "Microsoft.Sql/servers@2023-08-01-preview"
  name      = "unwritten"
  parent_id = azurerm_resource_group.rg.id
  location  = "southeastasia"
  body = {
    properties = {
      administratorLogin = "sqladmin"
    }
  }
}
"""


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory
            ) -> tuple[dict[tuple[str, str], Finding], dict[str, int]]:
    folder = tmp_path_factory.mktemp("sql")
    (folder / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([folder], Settings(
        rule_ids=["GDCC-NET-002", "GDCC-DATA-009", "GDCC-DB-001", "GDCC-GRAPH-004"]
    ))
    addresses = {r.id: str(r.address) for r in result.resources}
    found = {(f.rule_id, addresses[f.resource_id]): f for f in result.findings}
    return found, dict(result.not_judged)


def test_a_server_open_to_every_address_fails(
    scanned: tuple[dict[tuple[str, str], Finding], dict[str, int]],
) -> None:
    found = scanned[0]
    net = found[("GDCC-NET-002", "azapi_resource.open")]
    assert (net.status, net.message.en) == (
        Status.FAIL,
        "the endpoint is public (firewall rule azapi_resource.open_rule admits every address "
        "(0.0.0.0-255.255.255.255))",
    )
    assert found[("GDCC-GRAPH-004", "azapi_resource.open")].status is Status.FAIL
    assert found[("GDCC-DATA-009", "azapi_resource.open")].status is Status.FAIL
    assert found[("GDCC-DB-001", "azapi_resource.open")].status is Status.FAIL


def test_a_closed_server_with_an_entra_administrator_passes(
    scanned: tuple[dict[tuple[str, str], Finding], dict[str, int]],
) -> None:
    found = scanned[0]
    for rule in ("GDCC-NET-002", "GDCC-DATA-009", "GDCC-DB-001", "GDCC-GRAPH-004"):
        assert found[(rule, "azapi_resource.closed")].status is Status.PASS, rule


def test_values_left_out(
    scanned: tuple[dict[tuple[str, str], Finding], dict[str, int]],
) -> None:
    found = scanned[0]
    net = found[("GDCC-NET-002", "azapi_resource.unwritten")]
    assert net.status is Status.UNKNOWN
    assert "properties.publicNetworkAccess is not written" in net.message.en
    tls = found[("GDCC-DATA-009", "azapi_resource.unwritten")]
    assert tls.status is Status.PASS
    assert tls.evidence["defaults"]["tls_min_version"]["attribute"] == (
        "properties.minimalTlsVersion"
    )


def test_children_are_read_by_their_server(
    scanned: tuple[dict[tuple[str, str], Finding], dict[str, int]],
) -> None:
    assert not [name for name in scanned[1] if "Sql" in name]
