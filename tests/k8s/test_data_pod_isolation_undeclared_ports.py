"""GDCC-GRAPH-010: a data workload no NetworkPolicy selects is reached by every pod, whether
or not its containers declare ports. One that declares none (``minio/minio``: no port, none
documented in the graph's image table) got an uncertain edge from the cluster's pods (its
ports are not known) and was UNKNOWN "a NetworkPolicy may select it, but its selector cannot
be read", with no NetworkPolicy in the scan at all (velero's ``examples/minio``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MANIFEST = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: minio, namespace: velero}
spec:
  selector: {matchLabels: {component: minio}}
  template:
    metadata: {labels: {component: minio}}
    spec:
      containers:
        - name: minio
          image: minio/minio:RELEASE.2024-01-01T00-00-00Z
          args: [server, /storage]
"""

POLICY = """\
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: minio, namespace: velero}
spec:
  podSelector: {matchLabels: {component: minio}}
  ingress: [{from: [{podSelector: {matchLabels: {app: velero}}}]}]
"""


def _minio(tmp_path: Path, text: str) -> tuple[Status, str]:
    (tmp_path / "minio.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-010",)))
    found = next(f for f in result.findings if f.address == "Deployment/velero/minio")
    return found.status, found.message.en


def test_no_policy_and_no_declared_port_fails(tmp_path: Path) -> None:
    assert _minio(tmp_path, MANIFEST) == (
        Status.FAIL,
        "no NetworkPolicy isolates it: every pod in the cluster can connect (namespace velero)",
    )


def test_a_policy_that_selects_it_isolates_it(tmp_path: Path) -> None:
    assert _minio(tmp_path, MANIFEST + POLICY)[0] is Status.PASS
