"""A Heat server attached straight to an external network of the template (a ProviderNet
with ``router_external``, a Net with ``value_specs: {router:external: true}``), by
``get_resource``, by the network's name or through a port made on it, has an address there:
GDCC-CMP-001 was UNKNOWN ("not known from the input"), as in Terraform (``network`` blocks on
an external network were already read there)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

FIXTURE = Path(__file__).parent.parent / "fixtures" / "heat_external_net"


def test_servers_on_an_external_network_are_public() -> None:
    result = audit([FIXTURE], Settings(rule_ids=("GDCC-CMP-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    public = (Status.FAIL, "it has a public IP address")
    assert found["edge"] == public
    assert found["named"] == public
    assert found["ported"] == public
    # on an internal network of the template and no floating IP names it: no public
    # address (the template is a whole unit; was UNKNOWN)
    assert found["internal"][0] is Status.PASS


def test_a_balancer_whose_vip_subnet_is_external_is_public() -> None:
    resources, errors, _ = run(FIXTURE)
    assert errors == []
    assert resources["edge_lb"].facets.public_endpoint is True
