"""Azure Service Bus and Event Hubs namespaces in the resource graph: what their rule set
admits, on AMQP 5671 / 5672 and HTTPS 443. Public network access on with no rule set (or
default action Allow, or Deny with no rule): every address; Deny with IP rules on a tier that
has them: those ranges; public access off: their private endpoints only. They were not in the
graph at all. No graph rule judges ``messaging.*``: the edges say who reaches them, and a
namespace sits in no subnet (its ``network_rules`` name the subnets it admits)."""

from __future__ import annotations

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import FIXTURES, audit_keeping_graph, id_of

FOLDER = FIXTURES / "graph" / "azure_broker_ingress"
PORTS = "443,5671,5672"


@pytest.fixture(scope="module")
def graph() -> ResourceGraph:
    with pytest.MonkeyPatch.context() as patch:
        _, built = audit_keeping_graph(FOLDER, patch, Settings(rule_ids=("GDCC-GRAPH-005",)))
    return built


def _into(graph: ResourceGraph, address: str) -> dict[str, tuple[str, bool, str]]:
    node = id_of(graph, address)
    return {
        source.split(":")[0]: (str(data["ports"]), bool(data["certain"]), str(data["via"]))
        for source, data in graph.reach.pred.get(node, {}).items()
        # what the internet reaches, every workload reaches over the internet (a helper
        # node beside "any internal address": tests/graph/test_connected_networks.py)
        if not source.startswith("over-internet:")
    }


def test_a_namespace_without_rule_set_admits_every_address(graph: ResourceGraph) -> None:
    assert _into(graph, "azurerm_servicebus_namespace.open") == {
        "internet": (PORTS, True, "public endpoint"),
        "anywhere": (PORTS, True, "open allows 0.0.0.0/0"),
    }
    assert _into(graph, "azurerm_eventhub_namespace.open") == {
        "internet": (PORTS, True, "public endpoint"),
        "anywhere": (PORTS, True, "ehopen allows 0.0.0.0/0"),
    }
    # public network access off: its private endpoints only (none here)
    assert _into(graph, "azurerm_servicebus_namespace.closed") == {}


def test_a_deny_rule_set_admits_its_ranges(graph: ResourceGraph) -> None:
    # its range and the subnet of its network rule (tests/graph/test_azure_broker_subnets.py);
    # not every internet address
    assert _into(graph, "azurerm_servicebus_namespace.listed") == {
        "anywhere": (PORTS, False, "listed allows 203.0.113.0/24 (no scanned subnet)"),
        "seg": (PORTS, True, "listed allows app"),
    }
    assert _into(graph, "azurerm_eventhub_namespace.listed") == {
        "anywhere": (PORTS, False, "ehlisted allows 198.51.100.0/24 (no scanned subnet)"),
    }
    # the Basic tier has no IP firewall: every address
    assert _into(graph, "azurerm_eventhub_namespace.basic")["anywhere"] == (
        PORTS, True, "ehbasic allows 0.0.0.0/0"
    )
    # its network_rules name subnet app: the namespace is no member there, so nothing a
    # rule admits from app reaches on through it
    node = id_of(graph, "azurerm_servicebus_namespace.listed")
    assert [target for source, target, _ in graph.reach.edges() if source == node] == []
    # no graph rule judges messaging.* (docs/graph.md)
    result = audit([FOLDER], Settings(cache=False))
    assert not [
        f for f in result.findings
        if f.rule_id.startswith("GDCC-GRAPH") and "namespace" in f.address
        and f.status != Status.NOT_APPLICABLE
    ]
