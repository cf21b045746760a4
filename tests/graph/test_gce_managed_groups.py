"""Managed instance groups (``google_compute_instance_group_manager`` and the regional one)
are the unit for the instances they create from their instance templates, as Auto Scaling
groups are for AWS: kind ``compute.scaling_group``, judged by GDCC-GRAPH-002 and named in
paths, with the network, tags, VPC firewall rules and external IP of their templates
(``version.instance_template``, or ``instance_template`` before provider 3.0). They were not
mapped: the template stood in, and no finding said which group's instances were exposed."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.graph.network import NetworkBuilder
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

FIXTURE = Path(__file__).parent.parent / "fixtures" / "graph" / "gce_managed_groups"


def test_groups_take_their_templates_network_rules_and_external_ip() -> None:
    result = audit([FIXTURE], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: f for f in result.findings}
    assert set(found) == {
        "google_compute_instance_group_manager.web",
        "google_compute_region_instance_group_manager.app",
        "google_compute_region_instance_group_manager.elsewhere",
    }
    web = found["google_compute_instance_group_manager.web"]
    assert (web.status, web.message.en) == (
        Status.FAIL, "management port 22 reachable from the internet: internet → web:22"
    )
    assert [h["via"] for h in web.evidence["path_hops"]] == [
        None, "instance template web assigns public IPs"
    ]
    # no external IP and no rule admits its tag (Google Cloud's implied deny ingress)
    app = found["google_compute_region_instance_group_manager.app"]
    assert app.status is Status.PASS
    # its template is not in the scan: neither its rules nor its external IP are known
    elsewhere = found["google_compute_region_instance_group_manager.elsewhere"]
    assert elsewhere.status is Status.UNKNOWN
    assert elsewhere.evidence["path_hops"][-1]["via"] == (
        "public exposure not known; filtering not known"
    )


def test_the_group_stands_in_for_its_template() -> None:
    resources, errors, _ = run(FIXTURE)
    assert not errors
    group = resources["google_compute_instance_group_manager.web"]
    assert group.kind == "compute.scaling_group"
    graph = ResourceGraph(resources.values())
    builder = NetworkBuilder(graph)
    assert [t.address for t in builder.templates_of(group)] == [
        "google_compute_instance_template.web"
    ]
    assert [g.address for g in builder.groups_of(group)] == ["google_compute_firewall.ssh"]
    assert [s.address for s in builder.segments_of(group)] == [
        "google_compute_subnetwork.sub"
    ]
    template = resources["google_compute_instance_template.web"]
    assert builder.launched_by_groups(template) is True
    # the template is no node of its own any more: the group is reached
    assert graph.reach.has_edge("internet", group.id)
    assert not graph.reach.has_edge("internet", template.id)
