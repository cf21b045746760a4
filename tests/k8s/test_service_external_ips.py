"""A Service's ``externalIPs`` are addresses routed to the cluster's nodes where the
Service's ports are open, whatever its type ("If there are external IPs that route to one or
more cluster nodes, Kubernetes Services can be exposed on those externalIPs", Kubernetes,
Service). The graph read only LoadBalancer and NodePort Services as reached from outside: a
ClusterIP Service with a public external IP in front of SSH PASSed GDCC-GRAPH-002."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MANIFEST = """\
apiVersion: v1
kind: Service
metadata: {name: ssh, namespace: ops}
spec:
  selector: {app: ssh}
  externalIPs: [ADDRESS]
  ports: [{port: 22}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ssh, namespace: ops}
spec:
  selector: {matchLabels: {app: ssh}}
  template:
    metadata: {labels: {app: ssh}}
    spec:
      containers: [{name: sshd, image: "ops/sshd:1.0", ports: [{containerPort: 22}]}]
"""


def _ssh(tmp_path: Path, address: str) -> tuple[Status, str]:
    (tmp_path / "ssh.yaml").write_text(MANIFEST.replace("ADDRESS", address), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: f for f in result.findings}["Deployment/ops/ssh"]
    return found.status, found.message.en


def test_a_public_external_ip_is_reached_from_the_internet(tmp_path: Path) -> None:
    assert _ssh(tmp_path, "203.0.113.10") == (  # was PASS
        Status.FAIL,
        "management port 22 reachable from the internet: internet → ops/Service/ssh:22 → "
        "ops/Deployment/ssh:22",
    )


def test_a_private_external_ip_is_not_the_internet(tmp_path: Path) -> None:
    assert _ssh(tmp_path, "10.20.0.15") == (
        Status.PASS, "No management port is reachable from the internet through any path"
    )
