"""OpenStack Octavia load balancers in the reachability graph: a floating IP on the VIP port
makes the balancer public; its VIP admits each listener's port from the listener's
``allowed_cidrs`` (all by default); it forwards to the members of the pools that name its
listeners, on the members' ports. Pools and members were not read, and the balancer of a
Terraform configuration not at all: a web server behind one had no path from the internet."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

FIXTURES = Path(__file__).parent.parent / "fixtures" / "graph" / "octavia"
CASES = {
    # format: (file, the web server's address, the text of the member, the listener's port line)
    "heat": ("stack.yaml", "web", "  member:\n", "      protocol_port: 80\n"),
    "terraform": (
        "main.tf",
        "openstack_compute_instance_v2.web",
        'resource "openstack_lb_member_v2" "web" {',
        "  protocol_port   = 80\n",
    ),
}


def _paths(folder: Path, address: str) -> list[tuple[str, bool]]:
    resources, errors, _ = run(folder)
    assert errors == []
    graph = ResourceGraph(list(resources.values()))
    (target,) = [r for r in resources.values() if r.address == address]
    return [(str(p), p.certain) for p in graph.paths_from_internet(target)]


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_the_internet_reaches_the_member_through_the_balancer(fmt: str) -> None:
    _, web, _, _ = CASES[fmt]
    assert _paths(FIXTURES / fmt, web) == [("internet → lb:80 → web:8080", True)]


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_without_a_member_nothing_is_forwarded(fmt: str, tmp_path: Path) -> None:
    name, web, member, _ = CASES[fmt]
    shutil.copytree(FIXTURES / fmt, tmp_path / fmt)
    path = tmp_path / fmt / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index(member)], encoding="utf-8")
    # the server admits 8080 from the balancer's subnet only: nothing else reaches it
    assert _paths(tmp_path / fmt, web) == []


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_allowed_cidrs_limit_who_reaches_the_balancer(fmt: str, tmp_path: Path) -> None:
    name, web, _, listener_port = CASES[fmt]
    shutil.copytree(FIXTURES / fmt, tmp_path / fmt)
    path = tmp_path / fmt / name
    text = path.read_text(encoding="utf-8")
    assert listener_port in text
    allowed = (
        "      allowed_cidrs: [10.0.0.0/8]\n" if fmt == "heat"
        else '  allowed_cidrs   = ["10.0.0.0/8"]\n'
    )
    path.write_text(text.replace(listener_port, listener_port + allowed), encoding="utf-8")
    assert _paths(tmp_path / fmt, web) == []


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_tls_is_judged_on_the_listener_not_the_balancer(fmt: str) -> None:
    result = audit([FIXTURES / fmt], Settings(rule_ids=("GDCC-ENC-004",)))
    found = {f.address: f.status for f in result.findings}
    balancer = "lb" if fmt == "heat" else "openstack_lb_loadbalancer_v2.lb"
    listener = "listener" if fmt == "heat" else "openstack_lb_listener_v2.http"
    assert found == {balancer: Status.NOT_APPLICABLE, listener: Status.FAIL}


def test_a_listener_keeps_no_access_log_of_its_own() -> None:
    """An Octavia listener has no graph node (its balancer is the entry point), so GDCC-GRAPH-013
    PASSed it ("Internet-facing entry points keep access logs") while its public balancer was
    UNKNOWN; the listener has no access-log setting: NOT_APPLICABLE, judged on the balancer."""
    result = audit([FIXTURES], Settings(rule_ids=("GDCC-GRAPH-013", "GDCC-LOG-007")))
    for finding in result.findings:
        if finding.address in ("listener", "openstack_lb_listener_v2.http"):
            assert finding.status is Status.NOT_APPLICABLE, finding
            assert "a listener writes no access log of its own" in finding.message.en
        else:
            assert finding.status is Status.UNKNOWN, finding


def test_a_vip_on_a_subnet_of_the_external_network_is_public() -> None:
    """``vip_subnet_id`` on a subnet of an external network puts the VIP on the internet: the
    balancer's exposure was "not known" (an uncertain path) unless ``vip_network_id`` said so."""
    folder = FIXTURES.parent.parent / "octavia_vip_subnet"
    resources, errors, _ = run(folder)
    assert errors == []
    assert resources["openstack_lb_loadbalancer_v2.edge"].facets.public_endpoint is True
    graph = ResourceGraph(list(resources.values()))
    edge = resources["openstack_lb_loadbalancer_v2.edge"]
    assert [(str(p), p.certain) for p in graph.paths_from_internet(edge)] == [
        ("internet → edge:443", True)
    ]
