"""Compute Engine instances on their project's ``default`` network. Google pre-populates that
network with default-allow-internal (10.128.0.0/9), -ssh (0.0.0.0/0:22), -rdp (0.0.0.0/0:3389)
and -icmp (cloud.google.com/vpc/docs/firewalls, "Pre-populated rules in the default
network"). They were ignored: such an instance was GDCC-GRAPH-002 UNKNOWN "filtering not
known" and GDCC-NET-001 "inbound rules are not known", with nothing said of the rules.

- The scan creates the project (no ``auto_create_network = false``): the rules are the
  configuration's, so SSH and RDP are open: FAIL.
- The project is not in the scan: the rules exist unless removed outside it. UNKNOWN, naming
  them; never a PASS that assumes they were removed. The scan's own rules on ``default`` are
  certain (an instance reached surely on 80 is not therefore surely reached on 22).
- The project is created without the default network: an instance on ``default`` is on a
  network made outside the scan, whose rules are not known.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).parent.parent / "fixtures" / "graph" / "gce_default_network"
RULES = (
    "the default network is created with default-allow-ssh (0.0.0.0/0, port 22), "
    "default-allow-rdp (0.0.0.0/0, port 3389), default-allow-icmp (0.0.0.0/0) and "
    "default-allow-internal (10.128.0.0/9, every port) unless removed"
)
NO_PROJECT = f"{RULES}; it names no project (the provider's), which is not in the scan"


def _run(case: str) -> dict[tuple[str, str], Finding]:
    result = audit([FIXTURE / case], Settings(rule_ids=("GDCC-GRAPH-002", "GDCC-NET-001")))
    return {(f.rule_id, f.address or ""): f for f in result.findings}


def test_project_outside_the_scan_leaves_the_pre_populated_rules_uncertain() -> None:
    found = _run("outside")
    www = found[("GDCC-GRAPH-002", "google_compute_instance.www")]
    assert www.status is Status.UNKNOWN
    assert www.evidence["path"] == "internet → www:22"
    assert www.evidence["path_certain"] is False
    assert [h["via"] for h in www.evidence["path_hops"]] == [None, f"public endpoint; {NO_PROJECT}"]
    assert www.evidence["ports"]["3389"] == "internet → www:3389"
    # a subnetwork "default" (by self link) is on the default network too
    subnet = found[("GDCC-GRAPH-002", "google_compute_instance.by_subnet")]
    assert (subnet.status, subnet.evidence["path"]) == (Status.UNKNOWN, "internet → by-subnet:22")
    # no external IP: reached only through default-allow-internal, which may not exist
    internal = found[("GDCC-GRAPH-002", "google_compute_instance.internal")]
    assert internal.status is Status.UNKNOWN
    assert internal.evidence["path_hops"][-1]["via"] == (
        f"the default network allows 10.128.0.0/9 (no scanned subnet); {NO_PROJECT}"
    )
    net1 = {a: (f.status, f.message.en) for (r, a), f in found.items() if r == "GDCC-NET-001"}
    assert net1 == {
        "google_compute_firewall.http": (
            Status.PASS, "Management ports are not open to the internet"
        ),
        **{
            f"google_compute_instance.{name}": (
                Status.UNKNOWN, f"inbound rules are not known: {NO_PROJECT}"
            )
            for name in ("www", "by_subnet", "internal")
        },
    }
    assert found[("GDCC-NET-001", "google_compute_instance.www")].evidence == {
        "security_groups": ["allow-http"]
    }
    assert found[("GDCC-NET-001", "google_compute_instance.www")].message.th == (
        "ไม่ทราบกฎขาเข้า: เครือข่าย default ถูกสร้างพร้อมกฎ default-allow-ssh (0.0.0.0/0 พอร์ต 22), "
        "default-allow-rdp (0.0.0.0/0 พอร์ต 3389), default-allow-icmp (0.0.0.0/0) และ "
        "default-allow-internal (10.128.0.0/9 ทุกพอร์ต) เว้นแต่จะถูกลบออก; ไม่ได้ระบุโปรเจกต์ "
        "(จึงใช้โปรเจกต์ของ provider) ซึ่งไม่อยู่ในการตั้งค่าที่ตรวจ"
    )


def test_scanned_rules_on_default_are_certain_and_ports_are_told_apart() -> None:
    """www is surely reached on 80 (the scan's rule) and perhaps on 22: the two merged into
    one certain edge before, which would have made 22 certain too."""
    from gdcc_audit.graph.model import ResourceGraph
    from iac_helpers import run

    resources, errors, _ = run(FIXTURE / "outside")
    assert not errors
    graph = ResourceGraph(resources.values())
    www = resources["google_compute_instance.www"]
    assert graph.paths_from_internet(to=www, port=80)[0].certain is True
    assert graph.paths_from_internet(to=www, port=22)[0].certain is False
    edge = graph.reach.edge("internet", www.id)
    assert (edge["certain"], str(edge["sure_ports"]), edge["ports"].covers(443)) == (
        True, "80", False
    )


def test_project_in_the_scan_creates_the_rules() -> None:
    found = _run("project")
    vm = found[("GDCC-GRAPH-002", "google_compute_instance.vm")]
    assert (vm.status, vm.message.en) == (
        Status.FAIL, "management ports 22, 3389 reachable from the internet: internet → vm:22"
    )
    assert vm.evidence["path_certain"] is True
    net1 = found[("GDCC-NET-001", "google_compute_instance.vm")]
    assert (net1.status, net1.message.en) == (
        Status.NOT_APPLICABLE, "judged on its security groups: app"
    )
    assert found[("GDCC-NET-001", "google_project.app")].status is Status.FAIL


def test_project_without_the_default_network() -> None:
    found = _run("no_network")
    why = (
        "google_project.app is created without the default network (auto_create_network = "
        "false), so its rules are those of a network named default made outside the scan"
    )
    vm = found[("GDCC-GRAPH-002", "google_compute_instance.vm")]
    assert vm.status is Status.UNKNOWN
    assert vm.evidence["path_hops"][-1]["via"] == f"public endpoint; {why}"
    net1 = found[("GDCC-NET-001", "google_compute_instance.vm")]
    assert (net1.status, net1.message.en) == (Status.UNKNOWN, f"inbound rules are not known: {why}")
    assert net1.message.th == (
        "ไม่ทราบกฎขาเข้า: google_project.app ถูกสร้างโดยไม่มีเครือข่าย default "
        "(auto_create_network = false) กฎจึงเป็นของเครือข่ายชื่อ default ที่สร้างนอกการตั้งค่าที่ตรวจ"
    )
    assert found[("GDCC-NET-001", "google_project.app")].status is Status.PASS
