"""Network endpoint groups behind Google Cloud load balancers (``graph/google_lb.py``,
``normalize/terraform/google_lb.py``). A backend service's NEGs were not followed: the
instance behind a zonal NEG was not reached, so the database it reaches PASSed GDCC-GRAPH-005,
and a Cloud Run service whose ingress admits Cloud Load Balancing, behind an external
Application Load Balancer of the scan, with its invoker granted to allUsers, was GDCC-CMP-011
UNKNOWN ("external load balancers may be outside the scan")."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph, id_of

FIXTURE = Path(__file__).parent.parent / "fixtures" / "graph" / "gce_load_balancing" / "negs"
RULES = ("GDCC-GRAPH-005", "GDCC-CMP-011")


def _run() -> dict[tuple[str, str], Finding]:
    result = audit([FIXTURE], Settings(rule_ids=RULES))
    return {(f.rule_id, f.address or ""): f for f in result.findings}


def test_zonal_neg_reaches_its_instances() -> None:
    db = _run()[("GDCC-GRAPH-005", "google_compute_instance.db")]
    assert (db.status, db.message.en) == (
        Status.FAIL,
        "a workload reachable from the internet can connect to port 5432: "
        "internet → site:80 → web:8080 → db:5432",
    )


def test_external_balancer_through_a_serverless_neg_makes_a_grant_public() -> None:
    found = _run()
    api = found[("GDCC-CMP-011", "google_cloud_run_v2_service.api")]
    assert api.status is Status.FAIL
    assert api.evidence["decided_by"] == {
        "public_access": 'ingress = "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER" admits external '
        "Application Load Balancers, and one reaches it from the internet: "
        "google_compute_global_forwarding_rule.site → google_compute_target_http_proxy.site → "
        "google_compute_url_map.site → google_compute_backend_service.api → "
        "google_compute_region_network_endpoint_group.api"
    }
    # behind Identity-Aware Proxy: callers must sign in; other balancers may exist
    admin = found[("GDCC-CMP-011", "google_cloud_run_v2_service.admin")]
    assert admin.status is Status.UNKNOWN


def test_proxy_reaches_the_cloud_run_service_on_443(monkeypatch: pytest.MonkeyPatch) -> None:
    _, graph = audit_keeping_graph(FIXTURE, monkeypatch, Settings(rule_ids=RULES))
    proxy = id_of(graph, "google_compute_target_http_proxy.site")
    api = graph.reach.edge(proxy, id_of(graph, "google_cloud_run_v2_service.api"))
    assert (str(api["ports"]), api["certain"]) == ("443", True)
    assert api["via"] == "forwards through backend service api; serverless NEG"
    web = graph.reach.edge(proxy, id_of(graph, "google_compute_instance.web"))
    assert (str(web["ports"]), web["certain"]) == ("8080", True)


def test_a_proxy_choosing_between_url_maps_decides_nothing(tmp_path: Path) -> None:
    """A proxy whose url_map is one of two maps (a conditional) may not send to the serverless
    NEG: CMP-011 stays UNKNOWN, not FAIL."""
    text = (FIXTURE / "main.tf").read_text(encoding="utf-8")
    text = text.replace(
        "  url_map = google_compute_url_map.site.id\n",
        "  url_map = var.other ? google_compute_url_map.other.id : "
        "google_compute_url_map.site.id\n",
    )
    text += (
        'variable "other" {\n  type = bool\n}\n\n'
        'resource "google_compute_url_map" "other" {\n  name            = "other"\n'
        "  default_service = google_compute_backend_service.web.id\n}\n"
    )
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-011",)))
    found = {f.address: f.status for f in result.findings}
    assert found["google_cloud_run_v2_service.api"] is Status.UNKNOWN
