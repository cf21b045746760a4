"""An Azure subnet's range is a list (``address_prefixes``), which the graph did not read: an
NSG rule admitting a subnet's range by address (``10.0.1.0/24``) matched no scanned subnet and
stood for "any internal address, perhaps". A subnet or virtual network that writes one range
is now that network."""

from __future__ import annotations

import pytest

from gdcc_audit.settings import Settings
from iac_helpers import FIXTURES, audit_keeping_graph, id_of


def test_a_range_source_is_the_subnet_that_writes_it() -> None:
    with pytest.MonkeyPatch.context() as patch:
        _, graph = audit_keeping_graph(
            FIXTURES / "graph" / "azure_subnet_ranges", patch,
            Settings(rule_ids=("GDCC-GRAPH-002",)),
        )
    into = graph.reach.pred[id_of(graph, "azurerm_linux_virtual_machine.db")]
    web = "seg:" + id_of(graph, "azurerm_subnet.web")
    assert (str(into[web]["sure_ports"]), into[web]["via"]) == ("22", "db allows 10.0.1.0/24")
