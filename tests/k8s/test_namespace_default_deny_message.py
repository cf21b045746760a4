"""GDCC-K8S-005 on a namespace whose NetworkPolicies select some pods but none is a
default deny: the FAIL said "every pod accepts traffic from any pod", wrong for the pods its
policies isolate (kube-prometheus gives each component its own policy)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

NAMESPACE = """\
apiVersion: v1
kind: Namespace
metadata: {name: monitoring}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: grafana, namespace: monitoring}
spec:
  podSelector:
    matchLabels: {app: grafana}
  policyTypes: [Ingress]
  ingress:
    - ports: [{port: 3000}]
"""


def test_policies_without_a_default_deny(tmp_path: Path) -> None:
    (tmp_path / "ns.yaml").write_text(NAMESPACE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-005",)))
    [finding] = result.findings
    assert (finding.address, finding.status.value, finding.message.en) == (
        "Namespace/monitoring",
        "FAIL",
        "no default-deny NetworkPolicy: a pod none of its 1 policies selects accepts traffic "
        "from any pod",
    )
    assert [p.rsplit(":", 1)[-1] for p in finding.evidence["policies"]] == [
        "monitoring/NetworkPolicy/grafana"
    ]
