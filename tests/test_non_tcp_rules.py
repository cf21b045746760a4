"""A security group rule of an IP protocol other than TCP (VRRP ``112`` between keepalived
peers, ``gre``) with no port range was read as opening every TCP port: from 0.0.0.0/0 it
FAILed GDCC-NET-001 "ports 22, 23, ... are open to the whole internet" (Terraform OpenStack),
and UNKNOWN "cannot tell whether ports ... are open" in Heat. Neutron ignores the port range of
such a protocol, and the services judged listen on TCP (``IngressRule.covers``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).parent / "fixtures" / "non_tcp_rules"


def _found(folder: str) -> dict[str, tuple[Status, str]]:
    result = audit([FIXTURE / folder], Settings(rule_ids=("GDCC-NET-001",)))
    return {f.address or "": (f.status, f.message.en) for f in result.findings}


def test_vrrp_and_gre_rules_open_no_tcp_port_in_terraform() -> None:
    found = _found("terraform")
    assert found["openstack_networking_secgroup_v2.ha"] == (
        Status.PASS, "Management ports are not open to the internet"
    )
    status, message = found["openstack_networking_secgroup_v2.tcp_by_number"]
    assert status is Status.FAIL
    assert message.startswith("port 22 is open to the whole internet (0.0.0.0/0)")


def test_vrrp_and_gre_rules_open_no_tcp_port_in_heat() -> None:
    assert _found("heat")["ha"] == (Status.PASS, "Management ports are not open to the internet")
