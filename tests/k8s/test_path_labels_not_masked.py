"""Kubernetes objects named with a digit (``pxc-node1``, ``web-v2``) were masked as if their
label were a random secret token in attack paths: ``internet → default/Service/web:80 →
***REDACTED***:22``. A label made of RFC 1123 names and a CamelCase kind is shown whole;
random tokens, with or without slashes, are still masked."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.masking import MASK, redact_text
from gdcc_audit.report.redact import redact_result
from gdcc_audit.settings import Settings

MANIFEST = """\
apiVersion: v1
kind: Pod
metadata:
  name: galera-node1
  namespace: default
  labels: {app: galera}
spec:
  containers:
    - name: db
      image: mariadb:11.4.2
      ports: [{containerPort: 22}]
---
apiVersion: v1
kind: Service
metadata:
  name: galera-public
  namespace: default
spec:
  type: LoadBalancer
  selector: {app: galera}
  ports: [{port: 22, targetPort: 22}]
"""


def test_kubernetes_labels_in_paths_are_shown(tmp_path: Path) -> None:
    (tmp_path / "pod.yaml").write_text(MANIFEST, encoding="utf-8")
    result = redact_result(audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",))))
    found = {f.address: f for f in result.findings}
    pod = found["Pod/default/galera-node1"]
    assert pod.status is Status.FAIL
    assert pod.message.en == (
        "management port 22 reachable from the internet: internet → "
        "default/Service/galera-public:22 → default/Pod/galera-node1:22"
    )
    assert [hop["label"] for hop in pod.evidence["path_hops"]] == [
        "internet",
        "default/Service/galera-public",
        "default/Pod/galera-node1",
    ]


def test_random_tokens_with_slashes_are_still_masked() -> None:
    assert redact_text("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") == MASK
    assert redact_text("key AbC123dEf456GhI789jKl012 end") == f"key {MASK} end"
    assert redact_text("default/ReplicationController/pxc-node1") == (
        "default/ReplicationController/pxc-node1"
    )
    assert redact_text("StatefulSet/payments/ledger-db-2") == "StatefulSet/payments/ledger-db-2"
