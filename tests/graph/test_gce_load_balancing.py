"""Google Cloud load balancing in the reachability graph. An external forwarding rule makes
what it targets reachable from the internet on its ports:

- through a target proxy, URL map and backend service to the instance groups of the backends,
  on the port the service's ``port_name`` names in the group, from Google's front ends
  (35.191.0.0/16, 130.211.0.0/22), which the backends' firewall rules must admit. The proxy
  was "public exposure not known" and led nowhere, so a database that only the web tier
  behind the balancer could reach PASSed GDCC-GRAPH-005;
- through a target pool (passthrough: client addresses kept) straight to its instances, on
  the rule's ports their firewall rules admit from the internet, external IP or not: SSH
  published by an ``all_ports`` rule was PASS.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings
from iac_helpers import run

FIXTURE = Path(__file__).parent.parent / "fixtures" / "graph" / "gce_load_balancing"
RULES = ("GDCC-GRAPH-002", "GDCC-GRAPH-003", "GDCC-GRAPH-005")


def _run(case: str) -> dict[tuple[str, str], Finding]:
    result = audit([FIXTURE / case], Settings(rule_ids=RULES))
    return {(f.rule_id, f.address or ""): f for f in result.findings}


def test_proxy_load_balancer_reaches_the_group_behind_it() -> None:
    found = _run("proxy")
    db = found[("GDCC-GRAPH-005", "google_compute_instance.db")]
    assert (db.status, db.message.en) == (
        Status.FAIL,
        "a workload reachable from the internet can connect to port 5432: "
        "internet → web-proxy:80 → web:8080 → db:5432",
    )
    assert [h["via"] for h in db.evidence["path_hops"]] == [
        None,
        "external forwarding rule web",
        "forwards through backend service web; from-lb allows 130.211.0.0/22",
        "to-db allows 10.0.0.0/24",
    ]
    # the instances are reached on the named port only: no management port
    web = found[("GDCC-GRAPH-002", "google_compute_instance_group_manager.web")]
    assert web.status is Status.PASS
    proxy = found[("GDCC-GRAPH-003", "google_compute_target_http_proxy.web")]
    assert (proxy.status, proxy.message.en) == (
        Status.FAIL,
        "plain-text entry point in front of personal or classified data: "
        "web-proxy → web:8080 → db:5432",
    )


def test_proxy_edges_follow_the_named_port_and_the_front_end_ranges() -> None:
    resources, errors, _ = run(FIXTURE / "proxy")
    assert not errors
    graph = ResourceGraph(resources.values())
    proxy = resources["google_compute_target_http_proxy.web"]
    group = resources["google_compute_instance_group_manager.web"]
    inbound = graph.reach.edge("internet", proxy.id)
    assert (str(inbound["ports"]), inbound["certain"], inbound["via"]) == (
        "80", True, "external forwarding rule web"
    )
    edge = graph.reach.edge(proxy.id, group.id)
    assert (str(edge["ports"]), edge["certain"]) == ("8080", True)
    assert resources["google_compute_global_forwarding_rule.web"].kind == "network.public_ip"


def test_passthrough_publishes_the_pool_instances_on_the_rules_ports() -> None:
    found = _run("passthrough")
    www = found[("GDCC-GRAPH-002", "google_compute_instance.www")]
    assert (www.status, www.message.en) == (
        Status.FAIL, "management port 22 reachable from the internet: internet → www:22"
    )
    assert [h["via"] for h in www.evidence["path_hops"]] == [
        None, "external forwarding rule all; to www; www allows 0.0.0.0/0"
    ]
    resources, _, _ = run(FIXTURE / "passthrough")
    graph = ResourceGraph(resources.values())
    rule = resources["google_compute_forwarding_rule.www"]
    edge = graph.reach.edge(f"fwd:{rule.id}", resources["google_compute_instance.www"].id)
    assert (str(edge["ports"]), edge["certain"]) == ("80", True)


def test_regional_proxy_reaches_its_backends_from_the_proxy_only_subnet(
    tmp_path: Path,
) -> None:
    """A regional external Application Load Balancer (regional target proxy, URL map and
    backend service) was not followed: its proxy was not even mapped, so the web tier behind
    it was not internet-facing and the database it reaches PASSed GDCC-GRAPH-005. Its
    proxies connect from the proxy-only subnet (``purpose = "REGIONAL_MANAGED_PROXY"``),
    which the backends' firewall rules must admit; without that subnet in the scan what
    they admit is not known."""
    found = _run("regional")
    db = found[("GDCC-GRAPH-005", "google_compute_instance.db")]
    assert (db.status, db.message.en) == (
        Status.FAIL,
        "a workload reachable from the internet can connect to port 5432: "
        "internet → web-proxy:80 → web:8080 → db:5432",
    )
    assert [h["via"] for h in db.evidence["path_hops"]] == [
        None,
        "external forwarding rule web",
        "forwards through backend service web; from-lb allows 10.129.0.0/23",
        "to-db allows 10.0.0.0/24",
    ]
    text = (FIXTURE / "regional" / "main.tf").read_text(encoding="utf-8")
    start = text.index('resource "google_compute_subnetwork" "proxy_only"')
    end = text.index('resource "google_compute_firewall" "from_lb"')
    rest = text[end:].replace("depends_on            = [google_compute_subnetwork.proxy_only]", "")
    (tmp_path / "main.tf").write_text(text[:start] + rest, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    alone = {(f.rule_id, f.address): f for f in result.findings}
    db = alone[("GDCC-GRAPH-005", "google_compute_instance.db")]
    assert db.status is Status.UNKNOWN
    assert db.evidence["path_hops"][2]["via"] == (
        "forwards through backend service web; from-lb allows 10.129.0.0/23 "
        "(the proxy-only subnet is not in the scan)"
    )


def test_a_proxy_forwards_on_the_named_port_only(tmp_path: Path) -> None:
    """A target proxy naming its backend service directly (TCP, SSL) was also followed by the
    generic load-balancer path, which forwards on every port the backends' rules admit: a
    rule admitting SSH from sources not known made the group behind the proxy GDCC-GRAPH-002
    UNKNOWN ``internet → proxy:80 → web:22``. The proxy forwards on the backend service's
    named port only (8080 here), so SSH is not reached through it; the instances have no
    external IP: PASS."""
    text = (FIXTURE / "proxy" / "main.tf").read_text(encoding="utf-8")
    text = text.replace(
        'resource "google_compute_target_http_proxy" "web" {\n  name    = "web-proxy"\n'
        "  url_map = google_compute_url_map.web.id\n}",
        'resource "google_compute_target_tcp_proxy" "web" {\n  name            = "web-proxy"\n'
        "  backend_service = google_compute_backend_service.web.id\n}",
    ).replace("google_compute_target_http_proxy.web.id", "google_compute_target_tcp_proxy.web.id")
    assert "google_compute_target_tcp_proxy.web.id" in text
    text += """
variable "checkers" {
  type = list(string)
}

resource "google_compute_firewall" "ssh_checks" {
  name          = "ssh-checks"
  network       = google_compute_network.net.name
  source_ranges = var.checkers
  target_tags   = ["web"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
"""
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    web = next(
        f for f in result.findings if f.address == "google_compute_instance_group_manager.web"
    )
    assert web.status is Status.PASS
    assert web.message is not None
    assert web.message.en == "No management port is reachable from the internet through any path"
