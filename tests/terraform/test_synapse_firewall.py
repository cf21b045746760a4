"""A Synapse workspace's IP firewall (``azurerm_synapse_firewall_rule``) is read as an Azure
SQL server's (learn.microsoft.com/azure/synapse-analytics/security/synapse-workspace-ip-firewall):
with public network access on, GDCC-NET-002 FAILs and names a rule admitting every address
(0.0.0.0-255.255.255.255) or all Azure services (0.0.0.0-0.0.0.0); GDCC-GRAPH-004 judges what
the rules admit on the SQL endpoint (1433). The rules were not read ("not judged"): the
workspace said "the endpoint is public" only, and GDCC-GRAPH-004 was UNKNOWN "filtering not
known" even beside a rule admitting every address."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

WORKSPACE = """\
resource "azurerm_synapse_workspace" "{name}" {{
  name                                 = "{name}"
  resource_group_name                  = "rg"
  location                             = "southeastasia"
  storage_data_lake_gen2_filesystem_id = "fs"
  {extra}
  identity {{
    type = "SystemAssigned"
  }}
}}
"""
RULE = """\
resource "azurerm_synapse_firewall_rule" "{name}" {{
  name                 = "{name}"
  synapse_workspace_id = azurerm_synapse_workspace.{workspace}.id
  start_ip_address     = "{first}"
  end_ip_address       = "{last}"
}}
"""
MAIN = "".join(
    [
        WORKSPACE.format(name="open", extra=""),
        RULE.format(name="everyone", workspace="open", first="0.0.0.0", last="255.255.255.255"),
        WORKSPACE.format(name="azure", extra=""),
        RULE.format(name="azure", workspace="azure", first="0.0.0.0", last="0.0.0.0"),
        WORKSPACE.format(name="office", extra=""),
        RULE.format(name="office", workspace="office", first="203.0.113.0", last="203.0.113.255"),
        WORKSPACE.format(name="closed", extra="public_network_access_enabled = false"),
        RULE.format(name="ignored", workspace="closed", first="0.0.0.0", last="255.255.255.255"),
    ]
)
EVERY = (
    "firewall rule azurerm_synapse_firewall_rule.everyone admits every address "
    "(0.0.0.0-255.255.255.255)"
)
AZURE = (
    "firewall rule azurerm_synapse_firewall_rule.azure admits all Azure services "
    "(0.0.0.0-0.0.0.0: any client hosted in Azure, other customers' included)"
)


def test_synapse_firewall_rules_are_named_on_net_002(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-002",), cache=False))
    found = {f.address: f for f in result.findings}
    assert {a: (f.status, f.message.en) for a, f in found.items()} == {
        "azurerm_synapse_workspace.open": (Status.FAIL, f"the endpoint is public ({EVERY})"),
        "azurerm_synapse_workspace.azure": (Status.FAIL, f"the endpoint is public ({AZURE})"),
        # a narrow range is not named: the endpoint is still public
        "azurerm_synapse_workspace.office": (Status.FAIL, "the endpoint is public"),
        "azurerm_synapse_workspace.closed": (Status.PASS, found[
            "azurerm_synapse_workspace.closed"].message.en),
    }
    assert found["azurerm_synapse_workspace.open"].evidence["decided_by"] == {
        "public_endpoint": EVERY
    }
    assert found["azurerm_synapse_workspace.closed"].evidence == {"public_endpoint": False}
    # the rules are read with their workspace, not listed as not judged
    assert "azurerm_synapse_firewall_rule" not in result.not_judged


def test_synapse_firewall_rules_decide_graph_004(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    internet = (
        "the data tier is not segmented from the web tier: it admits any address on port(s) 1433"
    )
    assert found["azurerm_synapse_workspace.open"] == (Status.FAIL, internet)
    # "Allow Azure services": any client hosted in Azure, the internet for this purpose; the
    # FAIL says so
    assert found["azurerm_synapse_workspace.azure"] == (
        Status.FAIL,
        f"{internet} (azure admits all Azure services: any client hosted in Azure, other "
        "customers' included)",
    )
    # a documentation range outside the scan's subnets: not known, never a PASS
    assert found["azurerm_synapse_workspace.office"][0] is Status.UNKNOWN
    assert "203.0.113.0/24" in found["azurerm_synapse_workspace.office"][1]
