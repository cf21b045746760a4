"""A ``google_project`` creates the ``default`` network, whose pre-populated firewall rules
open SSH and RDP to the internet, unless ``auto_create_network = false``: the project is read
as that rule set and GDCC-NET-001 judges it (it was not mapped). A resource that names the
project (``project = ...``) is not put behind those rules by that."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.graph.network import NetworkBuilder
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

FIXTURE = Path(__file__).parent.parent / "fixtures" / "graph" / "projects"


def test_a_project_with_the_default_network_opens_ssh_and_rdp() -> None:
    result = audit([FIXTURE], Settings(rule_ids=("GDCC-NET-001",)))
    found = {f.address: f for f in result.findings}
    at = f"{FIXTURE / 'main.tf'}:3"
    defaulted = found["google_project.defaulted"]
    assert defaulted.status is Status.FAIL
    assert defaulted.message.en == (
        "ports 22, 3389 are open to the whole internet (0.0.0.0/0); opened by default-allow-ssh "
        f"of the default network at {at} (port 22), default-allow-rdp of the default network "
        f"at {at} (port 3389)"
    )
    # the Thai message said "of the default network" in English
    assert defaulted.message.th.endswith(
        f"เปิดโดย default-allow-ssh ของเครือข่าย default ที่ {at} (พอร์ต 22), "
        f"default-allow-rdp ของเครือข่าย default ที่ {at} (พอร์ต 3389)"
    )
    assert defaulted.evidence["opened_by"] == [
        {"port": 22, "sources": ["0.0.0.0/0"], "declared_by": "default-allow-ssh of the default "
         "network", "declared_at": at},
        {"port": 3389, "sources": ["0.0.0.0/0"], "declared_by": "default-allow-rdp of the "
         "default network", "declared_at": at},
    ]
    assert found["google_project.no_default_network"].status is Status.PASS
    not_known = found["google_project.not_known"]
    assert (not_known.status, not_known.message.en) == (
        Status.UNKNOWN, "inbound rules are not known"
    )
    # the instance names the project, not the project's default network: its own rules are
    # not known (it is not "judged on its security groups: defaulted")
    vm = found["google_compute_instance.vm"]
    assert (vm.status, vm.message.en) == (Status.UNKNOWN, "inbound rules are not known")


def test_naming_the_project_attaches_no_rule_in_the_graph() -> None:
    resources, errors, _ = run(FIXTURE)
    assert not errors
    builder = NetworkBuilder(ResourceGraph(resources.values()))
    assert builder.groups_of(resources["google_compute_instance.vm"]) == []
    assert resources["google_project.defaulted"].defaults["ingress"].attribute == (
        "auto_create_network"
    )
