"""A NetworkPolicy port written as a name is "a named port on a pod" (NetworkPolicyPort,
Kubernetes API reference): the container port of that name in the pods the policy selects.
It was taken as every port, so a policy that admits only ``http`` let the graph reach the
pod's SSH port: GDCC-GRAPH-002 FAILed ``internet → shop/Service/web:80 →
shop/Deployment/web:8080 → shop/Deployment/admin:22``."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MANIFEST = """\
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "shop/web:1.0", ports: [{containerPort: 8080}]}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: admin, namespace: shop}
spec:
  selector: {matchLabels: {app: admin}}
  template:
    metadata: {labels: {app: admin}}
    spec:
      containers:
        - name: admin
          image: shop/admin:1.0
          ports: [{name: http, containerPort: 8081}, {name: ssh, containerPort: 22}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: admin-http-only, namespace: shop}
spec:
  podSelector: {matchLabels: {app: admin}}
  policyTypes: [Ingress]
  ingress: [{ports: [{port: PORT}]}]
"""


def _admin(tmp_path: Path, port: str) -> tuple[Status, str]:
    (tmp_path / "app.yaml").write_text(MANIFEST.replace("PORT", port), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: f for f in result.findings}["Deployment/shop/admin"]
    return found.status, found.message.en


def test_a_named_policy_port_admits_that_port_only(tmp_path: Path) -> None:
    assert _admin(tmp_path, "http") == (  # was FAIL on port 22
        Status.PASS, "No management port is reachable from the internet through any path"
    )


def test_a_named_policy_port_no_container_gives_admits_nothing(tmp_path: Path) -> None:
    assert _admin(tmp_path, "metrics") == (
        Status.PASS, "No management port is reachable from the internet through any path"
    )


def test_the_named_port_of_a_management_port_is_reached(tmp_path: Path) -> None:
    assert _admin(tmp_path, "ssh") == (
        Status.FAIL,
        "management port 22 reachable from the internet: internet → shop/Service/web:80 → "
        "shop/Deployment/web:8080 → shop/Deployment/admin:22",
    )
