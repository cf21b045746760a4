"""Magnum clusters (Heat ``OS::Magnum::Cluster``, Terraform
``openstack_containerinfra_cluster_v1``): exposure and network policy from the cluster's own
settings over its cluster template's. The Terraform cluster was not read at all (not judged),
the Heat one was judged UNKNOWN on every fact though its template was in the same file, and
GDCC-GRAPH-002 PASSed it ("not publicly addressable") while Magnum gives every node a floating
IP by default and its master security group admits SSH and the API from anywhere.

Defaults: Heat's ``OS::Magnum::ClusterTemplate`` turns ``floating_ip_enabled`` and
``master_lb_enabled`` on (Heat resource types reference); the Terraform provider sends a
template's unwritten ``floating_ip_enabled`` / ``master_lb_enabled`` as false; Magnum's network
driver is flannel unless written, and only calico enforces network policies (Magnum user
guide)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "magnum"
RULES = ("GDCC-CLU-002", "GDCC-CLU-004", "GDCC-CLU-005", "GDCC-GRAPH-002")
TF = "openstack_containerinfra_cluster_v1."
PUBLIC_API = (Status.FAIL, "the API server endpoint is public")
PRIVATE_API = (Status.PASS, "The cluster API server has a private endpoint only")
NO_POLICY = (
    Status.FAIL, "NetworkPolicy is not enforced (provider default: 'network_driver' not set)"
)
POLICY = (Status.PASS, "The cluster enforces NetworkPolicy")
PRIVATE_NODES = (Status.PASS, "Cluster nodes have no public IP addresses")
PUBLIC_NODES = (Status.FAIL, "nodes get public IP addresses")


def _findings(folder: Path) -> dict[tuple[str, str], tuple[Status, str]]:
    result = audit([folder], Settings(rule_ids=RULES))
    assert all(i.status.value == "assessed" for i in result.inputs), result.inputs
    return {(f.rule_id, f.address or ""): (f.status, f.message.en) for f in result.findings}


def test_terraform_clusters_take_their_templates_settings() -> None:
    found = _findings(FIXTURES / "terraform")
    expected = {
        # the provider sends the template's floating_ip_enabled as false
        "private": (PRIVATE_API, NO_POLICY, PRIVATE_NODES),
        "public": (PUBLIC_API, POLICY, PUBLIC_NODES),
        "overridden": (PRIVATE_API, POLICY, PRIVATE_NODES),
        # the API load balancer's floating IP, from the template's label
        "lb": (PUBLIC_API, NO_POLICY, PRIVATE_NODES),
    }
    for name, (api, policy, nodes) in expected.items():
        assert found[("GDCC-CLU-002", TF + name)] == api, name
        assert found[("GDCC-CLU-004", TF + name)] == policy, name
        assert found[("GDCC-CLU-005", TF + name)] == nodes, name
    for rule in ("GDCC-CLU-002", "GDCC-CLU-004", "GDCC-CLU-005"):
        assert found[(rule, TF + "elsewhere")][0] is Status.UNKNOWN
        # a template looked up by a data source: its settings are not written
        assert found[(rule, TF + "looked_up")][0] is Status.UNKNOWN
    result = audit([FIXTURES / "terraform"], Settings(rule_ids=("GDCC-CLU-002",)))
    (private,) = [f for f in result.findings if f.address == TF + "private"]
    assert private.evidence["defaults"]["public_endpoint"]["attribute"] == "floating_ip_enabled"


def test_heat_clusters_take_their_templates_settings() -> None:
    found = _findings(FIXTURES / "heat")
    default = " (provider default: 'floating_ip_enabled' not set)"
    assert found[("GDCC-CLU-002", "web")] == (Status.FAIL, PUBLIC_API[1] + default)
    assert found[("GDCC-CLU-005", "web")] == (Status.FAIL, PUBLIC_NODES[1] + default)
    assert found[("GDCC-CLU-004", "web")] == NO_POLICY
    assert found[("GDCC-CLU-002", "batch")] == PRIVATE_API
    assert found[("GDCC-CLU-004", "batch")] == POLICY
    assert found[("GDCC-CLU-005", "batch")] == PRIVATE_NODES
    # a cluster template named, not in the template
    assert found[("GDCC-CLU-002", "shared")][0] is Status.UNKNOWN


@pytest.mark.parametrize(
    ("folder", "address", "name"),
    [("heat", "shared", "shared"), ("terraform", TF + "elsewhere", "elsewhere")],
)
def test_a_cluster_of_unknown_exposure_is_no_management_pass(
    folder: str, address: str, name: str
) -> None:
    status, message = _findings(FIXTURES / folder)[("GDCC-GRAPH-002", address)]
    assert status is Status.UNKNOWN
    assert message.endswith(f"if what is not known allows it: internet → {name}:22")
