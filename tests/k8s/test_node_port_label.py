"""A NodePort Service is reached from outside on its ``nodePort`` (on every node), not on its
``port`` (the cluster-internal one): the path showed ``Service/ssh:2222`` for a Service the
internet reaches on 30022; a ``nodePort`` not written is one of the range the control plane
allocates from (30000-32767 by default, Kubernetes, Service, type: NodePort)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings


def _manifest(node_port: str) -> str:
    return f"""\
apiVersion: v1
kind: Service
metadata: {{name: ssh, namespace: shop}}
spec:
  type: NodePort
  selector: {{app: ssh}}
  ports: [{{port: 2222, targetPort: 22{node_port}}}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {{name: ssh, namespace: shop}}
spec:
  selector: {{matchLabels: {{app: ssh}}}}
  template:
    metadata: {{labels: {{app: ssh}}}}
    spec:
      containers:
        - name: sshd
          image: shop/sshd:1.0
          ports: [{{containerPort: 22}}]
"""


def _ssh(tmp_path: Path, node_port: str) -> Finding:
    (tmp_path / "app.yaml").write_text(_manifest(node_port), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return next(f for f in result.findings if f.address == "Deployment/shop/ssh")


def test_a_node_port_path_names_the_node_port(tmp_path: Path) -> None:
    ssh = _ssh(tmp_path, ", nodePort: 30022")
    assert ssh.status is Status.FAIL
    assert ssh.message.en == (  # was shop/Service/ssh:2222
        "management port 22 reachable from the internet: internet → "
        "shop/Service/ssh:30022 → shop/Deployment/ssh:22"
    )


def test_an_unwritten_node_port_is_the_allocation_range(tmp_path: Path) -> None:
    ssh = _ssh(tmp_path, "")
    assert ssh.status is Status.FAIL
    assert ssh.evidence["path"] == (
        "internet → shop/Service/ssh:30000-32767 → shop/Deployment/ssh:22"
    )
