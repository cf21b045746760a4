"""GDCC-GRAPH-002 on the Kubernetes workloads and clusters a tenant manifest declares (stop 44).

A manifest's ``k8s.workload`` was handed to the Kubernetes network, which reads Services,
Ingresses and selectors a manifest does not have: nothing reached it, so a workload with no
network fact stated PASSed "No management port is reachable from the internet through any
path" (examples' ``hie-gateway``, ``ticketing-api``), and so did one stating a public endpoint
with SSH open to the internet. A manifest's cluster with nothing stated was "not publicly
addressable". A manifest has no definition to read a default from (docs/manifest.md): what it
leaves out is not known. Its workloads are now read as its instances are (``public_endpoint``,
``ingress``, the security groups in ``references``), and the UNKNOWN says what to state.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

HEAD = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: t}
agency: {name_th: หน่วยงาน, name_en: Agency}
systems:
  - {id: app, name_th: ระบบ, name_en: App, internet_facing: true}
resources:
"""

PORTS = "22, 3389, 5985, 5986, 23, 2375, 2376, 6443, 10250"
NOT_STATED = (
    "the manifest does not state facets.public_endpoint (false when nothing on the internet "
    "connects to it) nor facets.ingress (the ports and sources it admits, [] for none) or, in "
    "references, security groups whose ingress it states"
)


def _graph002(tmp_path: Path, resources: str) -> dict[str, Finding]:
    (tmp_path / "tenant.yaml").write_text(HEAD + resources, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return {f.address or "": f for f in result.findings}


def test_a_workload_with_no_network_fact_is_unknown_naming_what_to_state(
    tmp_path: Path,
) -> None:
    found = _graph002(tmp_path, "  - {id: gateway, kind: k8s.workload, system: app}\n")
    gateway = found["gateway"]
    assert (gateway.status, gateway.message.en) == (
        Status.UNKNOWN,
        f"management ports {PORTS} reachable from the internet if what is not known allows "
        f"it: internet → gateway:22; {NOT_STATED}",
    )
    assert gateway.message.th.endswith(
        "เนื่องจากแมนิเฟสต์ไม่ได้ระบุ facets.public_endpoint (false เมื่อไม่มีสิ่งใดบนอินเทอร์เน็ต"
        "เชื่อมต่อเข้ามาได้) และ facets.ingress (พอร์ตและแหล่งที่มาที่อนุญาต [] เมื่อไม่อนุญาตเลย) "
        "หรือกลุ่มความปลอดภัยที่ระบุ ingress ไว้ใน references"
    )
    assert gateway.evidence["not_stated"] == ["facets.public_endpoint", "facets.ingress"]


def test_a_public_workload_with_ssh_open_fails(tmp_path: Path) -> None:
    found = _graph002(tmp_path, """\
  - id: admin
    kind: k8s.workload
    system: app
    facets:
      public_endpoint: true
      ingress: [{protocol: tcp, from_port: 22, to_port: 22, sources: ["0.0.0.0/0"]}]
""")
    assert (found["admin"].status, found["admin"].message.en) == (
        Status.FAIL, "management port 22 reachable from the internet: internet → admin:22"
    )


def test_an_open_rule_without_the_public_endpoint_names_that_one(tmp_path: Path) -> None:
    found = _graph002(tmp_path, """\
  - id: admin
    kind: k8s.workload
    system: app
    facets:
      ingress: [{protocol: tcp, from_port: 22, to_port: 22, sources: ["0.0.0.0/0"]}]
""")
    assert (found["admin"].status, found["admin"].message.en) == (
        Status.UNKNOWN,
        "management port 22 reachable from the internet if what is not known allows it: "
        "internet → admin:22; the manifest does not state facets.public_endpoint (false when "
        "nothing on the internet connects to it)",
    )


def test_a_workload_stating_no_exposure_passes(tmp_path: Path) -> None:
    found = _graph002(tmp_path, """\
  - {id: quiet, kind: k8s.workload, system: app, facets: {public_endpoint: false, ingress: []}}
  - id: web
    kind: k8s.workload
    system: app
    facets:
      public_endpoint: true
      ingress: [{protocol: tcp, from_port: 443, to_port: 443, sources: ["0.0.0.0/0"]}]
""")
    assert found["quiet"].status is Status.PASS
    assert found["web"].status is Status.PASS


def test_a_cluster_with_nothing_stated_is_unknown(tmp_path: Path) -> None:
    found = _graph002(tmp_path, "  - {id: cluster, kind: container.cluster, system: app}\n")
    assert (found["cluster"].status, found["cluster"].message.en) == (
        Status.UNKNOWN,
        f"management ports {PORTS} reachable from the internet if what is not known allows "
        f"it: internet → cluster:22; {NOT_STATED}",
    )
