"""An ``OS::Neutron::SecurityGroupRule`` names its source group ``remote_group`` (an inline
rule of ``OS::Neutron::SecurityGroup`` says ``remote_group_id``): the property was not read, so
a rule admitting SSH from a jump group was "port 22 is open to the whole internet" (GDCC-NET-001
FAIL) and the graph opened the server to everyone."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

FIXTURE = Path(__file__).parent.parent / "fixtures" / "heat_remote_group"


def test_a_standalone_rule_from_a_group_admits_that_group_only() -> None:
    result = audit([FIXTURE], Settings(rule_ids=("GDCC-NET-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["app"] == (Status.PASS, "Management ports are not open to the internet")
    resources, errors, _ = run(FIXTURE)
    assert errors == []
    (rule,) = resources["app"].facets.ingress or ()
    assert (rule.from_port, rule.sources, rule.declared_by) == (22, ("ref:jump",), "ssh_from_jump")
    graph = ResourceGraph(list(resources.values()))
    assert graph.network.has_edge(f"sg:{resources['jump'].id}", resources["web"].id)
