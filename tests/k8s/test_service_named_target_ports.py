"""A Service's ``targetPort`` written as a name is the container port of that name in the
pods it selects ("If this is a string, it will be looked up as a named port in the target
Pod's container ports", ServicePort, Kubernetes API reference). It was taken as every port:
ingress-nginx's controller (``targetPort: http`` / ``https``) FAILed GDCC-GRAPH-002 with
``internet → ingress-nginx/Service/ingress-nginx-controller:80,443 →
ingress-nginx/Deployment/ingress-nginx-controller:22``, a port the Service never sends to."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

MANIFEST = """\
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports:
    - {name: http, port: 80, targetPort: http}
    - {name: https, port: 443, targetPort: https}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: shop/web:1.0
          ports:
            - {name: http, containerPort: 8080}
            - {name: https, containerPort: 8443}
---
apiVersion: v1
kind: Service
metadata: {name: admin, namespace: shop}
spec:
  type: LoadBalancer
  selector: {app: admin}
  ports: [{port: 22, targetPort: ssh}]
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
          ports: [{name: console, containerPort: 22}]
---
apiVersion: v1
kind: Service
metadata: {name: bastion, namespace: shop}
spec:
  type: LoadBalancer
  selector: {app: bastion}
  ports: [{port: 2222, targetPort: ssh}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: bastion, namespace: shop}
spec:
  selector: {matchLabels: {app: bastion}}
  template:
    metadata: {labels: {app: bastion}}
    spec:
      containers:
        - name: sshd
          image: shop/sshd:1.0
          ports: [{name: ssh, containerPort: 22}, {name: metrics, containerPort: 9100}]
"""


def _findings(tmp_path: Path, only: str = "") -> dict[str, Finding]:
    docs = MANIFEST.split("---\n")
    text = "---\n".join(d for d in docs if f"name: {only}," in d) if only else MANIFEST
    (tmp_path / "app.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return {f.address: f for f in result.findings}


def test_a_named_target_port_is_the_container_port_of_that_name(tmp_path: Path) -> None:
    web = _findings(tmp_path)["Deployment/shop/web"]
    assert web.status is Status.PASS  # was FAIL on port 22
    assert web.message.en == "No management port is reachable from the internet through any path"


def test_a_named_management_port_is_reached_on_that_port_only(tmp_path: Path) -> None:
    bastion = _findings(tmp_path)["Deployment/shop/bastion"]
    assert bastion.status is Status.FAIL
    # was "management ports 22, 3389, 5985, 5986, 23, 2375, 6443, 10250 reachable ..."
    assert bastion.message.en == (
        "management port 22 reachable from the internet: internet → "
        "shop/Service/bastion:2222 → shop/Deployment/bastion:22"
    )


def test_a_name_no_container_gives_sends_nothing(tmp_path: Path) -> None:
    """The admin Service names ``ssh``; its pod calls port 22 ``console``: the Service has no
    endpoint there, so the internet does not reach port 22 through it (it was FAIL)."""
    admin = _findings(tmp_path, only="admin")["Deployment/shop/admin"]
    assert admin.status is Status.PASS
    assert admin.message.en == (
        "No management port is reachable from the internet through any path"
    )
