"""ingress-nginx's ConfigMap ``whitelist-source-range`` "sets the default whitelisted IPs for
each server block", which an Ingress's ``allowlist-source-range`` / ``whitelist-source-range``
annotation overrides (ingress-nginx, ConfigMap options; ``ipallowlist``: the default is the
ConfigMap's). It was not read: an Ingress of a controller admitting 10.0.0.0/8 only was
reached from the internet (GDCC-GRAPH-002 FAIL on a management port behind it, a wrong FAIL);
it is now reached from those ranges only, as a Service's ``loadBalancerSourceRanges``."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

SSH = """\
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: ssh, port: 22, targetPort: 22}]
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
        - {name: web, image: shop/web:1.0, ports: [{containerPort: 22}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: shop
  annotations: ANNOTATIONS
spec:
  ingressClassName: CLASS
  rules:
    - http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 22}}}}
"""

CONTROLLER = """\
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
spec:
  selector: {matchLabels: {app: ingress-nginx}}
  template:
    metadata: {labels: {app: ingress-nginx}}
    spec:
      containers:
        - name: controller
          image: registry.k8s.io/ingress-nginx/controller:v1.10.0
          args: [/nginx-ingress-controller, --configmap=$(POD_NAMESPACE)/ingress-nginx-controller]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
data: DATA
"""


def _text(data: str, annotations: str = "{}", class_name: str = "nginx") -> str:
    return SSH.replace("ANNOTATIONS", annotations).replace("CLASS", class_name) \
        + CONTROLLER.replace("DATA", data)


def _status(tmp_path: Path, text: str) -> tuple[Status, str]:
    (tmp_path / "app.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = next(f for f in result.findings if f.address == "Deployment/shop/web")
    return found.status, found.message.en


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # the controller admits private ranges only (was FAIL)
        (_text("{whitelist-source-range: '10.0.0.0/8, 192.168.0.0/16'}"), Status.PASS),
        # the Ingress's annotation overrides it
        (_text("{whitelist-source-range: 10.0.0.0/8}",
               "{nginx.ingress.kubernetes.io/allowlist-source-range: 0.0.0.0/0}"), Status.FAIL),
        (_text("{whitelist-source-range: 0.0.0.0/0}",
               "{nginx.ingress.kubernetes.io/whitelist-source-range: 10.0.0.0/8}"), Status.PASS),
        # not a CIDR list: restricts nothing; none written: everyone
        (_text("{whitelist-source-range: 'intranet'}"), Status.FAIL),
        (_text("{use-forwarded-headers: 'true'}"), Status.FAIL),
        # another class: that controller does not serve it
        (_text("{whitelist-source-range: 10.0.0.0/8}", class_name="public"), Status.FAIL),
    ],
)
def test_the_global_allow_list(tmp_path: Path, text: str, status: Status) -> None:
    assert _status(tmp_path, text)[0] is status
