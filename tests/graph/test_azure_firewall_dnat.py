"""Azure Firewall DNAT rules publish the VMs they forward to. Before, neither
``azurerm_firewall_policy_rule_collection_group`` nor ``azurerm_firewall_nat_rule_collection``
was read: a DNAT from ``*`` to a VM's port 22 behind the firewall's public IP left the VM
"not reachable from the internet" (GDCC-GRAPH-002 PASS). The firewall translates the source
too (to its address in AzureFirewallSubnet), so the VM's NSGs judge the virtual network."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import FIXTURES, audit_keeping_graph, id_of

FOLDER = FIXTURES / "graph" / "azure_firewall_dnat"
ADMITTED = "its NSGs admit the firewall's address (VirtualNetwork)"


@pytest.fixture(scope="module")
def graph() -> ResourceGraph:
    with pytest.MonkeyPatch.context() as patch:
        _, built = audit_keeping_graph(FOLDER, patch, Settings(rule_ids=("GDCC-GRAPH-002",)))
    return built


def _internet(graph: ResourceGraph, name: str) -> tuple[str, str, str] | None:
    edge = graph.reach.pred[id_of(graph, f"azurerm_linux_virtual_machine.{name}")].get(
        "internet"
    )
    if edge is None:
        return None
    return str(edge["ports"]), str(edge["sure_ports"]), str(edge["via"])


def test_a_policy_dnat_from_anywhere_reaches_the_interface_it_names(graph: ResourceGraph) -> None:
    # 22 surely; 3389 perhaps (the "somewhere" rule's address may be any VM of the subnet)
    assert _internet(graph, "ssh") == (
        "22,3389", "22",
        f"DNAT rule ssh of azurerm_firewall_policy_rule_collection_group.dnat from *; {ADMITTED}",
    )


def test_a_literal_address_an_interface_writes_is_that_vm(graph: ResourceGraph) -> None:
    assert _internet(graph, "static") == (
        "22,3389", "22",
        f"DNAT rule static of azurerm_firewall_nat_rule_collection.classic from *; {ADMITTED}",
    )


def test_an_office_range_is_no_internet_path_and_an_unwritten_address_is_uncertain(
    graph: ResourceGraph,
) -> None:
    # the office rule admits 203.0.113.0/24 only; the "somewhere" rule's 10.0.1.20 may be any
    # VM of the subnet
    assert _internet(graph, "office") == (
        "3389", "",
        "DNAT rule somewhere of azurerm_firewall_nat_rule_collection.classic from * (an "
        f"address that may be office's); {ADMITTED}",
    )


def test_graph_002_fails_the_published_vm() -> None:
    from gdcc_audit.api import audit

    result = audit([FOLDER], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: f for f in result.findings}
    ssh = found["azurerm_linux_virtual_machine.ssh"]
    assert ssh.status is Status.FAIL
    assert ssh.evidence["path"] == "internet → ssh:22"


def test_a_translated_address_not_known_may_be_any_vm(tmp_path: Path) -> None:
    """A DNAT rule whose translated address is a variable (or an FQDN) left every VM "not
    reachable" (GDCC-GRAPH-002 PASS): it may forward to any VM, so the VM's port 22 is an
    uncertain path (UNKNOWN), never a PASS."""
    from gdcc_audit.api import audit

    text = (FOLDER / "main.tf").read_text(encoding="utf-8")
    text = text[: text.index('resource "azurerm_firewall_nat_rule_collection" "classic"')]
    text = text.replace(
        "translated_address  = azurerm_network_interface.ssh.private_ip_address",
        "translated_address  = var.target",
    )
    (tmp_path / "main.tf").write_text(
        text + 'variable "target" {\n  type = string\n}\n', encoding="utf-8"
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: f for f in result.findings}
    ssh = found["azurerm_linux_virtual_machine.ssh"]
    assert ssh.status is Status.UNKNOWN
    assert ssh.evidence["path"] == "internet → ssh:22"
