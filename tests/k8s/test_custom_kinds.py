"""Kinds gdcc-audit has no rule for are named as not judged (a custom resource was dropped in
silence), and Argo Rollouts / OpenShift DeploymentConfigs are judged as the workloads they are
(their pod template was never read: a privileged container in one passed unseen)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MANIFESTS = """\
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
---
apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: api:1.0
          securityContext:
            privileged: false
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: tls
spec:
  secretName: tls
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
---
not_kubernetes: true
"""


def test_rollouts_and_deployment_configs_are_workloads(tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text(MANIFESTS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-001",)))
    verdicts = sorted((f.address, f.status.value, f.evidence) for f in result.findings)
    assert verdicts == [
        ("DeploymentConfig/default/api", "PASS", {"privileged_container": False}),
        ("Rollout/shop/web", "FAIL", {"containers": ["web"], "privileged_container": True}),
    ]


def test_kinds_without_rules_are_named_as_not_judged(tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text(MANIFESTS, encoding="utf-8")
    result = audit([tmp_path], Settings())
    assert result.not_judged == {"Certificate": 1, "HorizontalPodAutoscaler": 1}
    assert [i.status.value for i in result.inputs] == ["assessed"]


def test_a_file_of_custom_resources_only_is_still_not_recognised(tmp_path: Path) -> None:
    (tmp_path / "cert.yaml").write_text(MANIFESTS.split("---\n")[2], encoding="utf-8")
    result = audit([tmp_path], Settings())
    assert [i.status.value for i in result.inputs] == ["not_recognised"]
    assert result.not_judged == {}
