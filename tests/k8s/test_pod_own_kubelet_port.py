"""A pod's own ``containerPort`` 10250 (prometheus-operator serves HTTPS there) was taken for
the kubelet API, a management port: GDCC-GRAPH-002 FAILed an operator published through a
LoadBalancer Service or an Ingress (a wrong FAIL). The kubelet's 10250 is a port of the node,
which a pod shares only with ``hostNetwork`` or a ``hostPort`` 10250: then it still counts."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

_SERVICE = """\
---
apiVersion: v1
kind: Service
metadata: {name: operator, namespace: mon}
spec:
  type: LoadBalancer
  selector: {app: operator}
  ports: [{port: 443, targetPort: https}]
"""

_INGRESS = """\
---
apiVersion: v1
kind: Service
metadata: {name: operator, namespace: mon}
spec:
  selector: {app: operator}
  ports: [{name: https, port: 8443, targetPort: https}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: operator, namespace: mon}
spec:
  ingressClassName: nginx
  rules:
    - host: operator.example.go.th
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: operator, port: {name: https}}}
"""


def _operator(ports: str, pod: str = "", extra: str = _SERVICE) -> str:
    return f"""\
apiVersion: apps/v1
kind: Deployment
metadata: {{name: operator, namespace: mon}}
spec:
  selector: {{matchLabels: {{app: operator}}}}
  template:
    metadata: {{labels: {{app: operator}}}}
    spec:
{pod}      containers:
        - name: operator
          image: quay.io/prometheus-operator/prometheus-operator:v0.75.0
          ports: {ports}
{extra}"""


def _finding(tmp_path: Path, text: str) -> Finding:
    (tmp_path / "operator.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return next(f for f in result.findings if f.address == "Deployment/mon/operator")


def test_a_pod_s_own_port_10250_behind_a_load_balancer_is_no_kubelet(tmp_path: Path) -> None:
    found = _finding(tmp_path, _operator("[{containerPort: 10250, name: https}]"))
    # was FAIL "management port 10250 reachable from the internet: internet →
    # mon/Service/operator:443 → mon/Deployment/operator:10250"
    assert found.status is Status.PASS
    assert found.message is not None
    assert found.message.en == (
        "its container port 10250 is the pod's own (no hostNetwork, no hostPort 10250), not "
        "the kubelet API of its node; no management port (22, 3389, 5985, 5986, 23, 2375, "
        "2376) is reachable from the internet"
    )
    # nor is 6443 checked since stop 40 (no container runs a cluster's API server:
    # tests/k8s/test_pod_own_api_server_port.py)
    assert found.evidence["checked_ports"] == [22, 3389, 5985, 5986, 23, 2375, 2376]


def test_a_pod_s_own_port_10250_behind_an_ingress_is_no_kubelet(tmp_path: Path) -> None:
    text = _operator("[{containerPort: 10250, name: https}]", extra=_INGRESS)
    assert _finding(tmp_path, text).status is Status.PASS  # was FAIL


def test_on_the_node_s_network_10250_is_the_kubelet_s_port(tmp_path: Path) -> None:
    text = _operator("[{containerPort: 10250, name: https}]", "      hostNetwork: true\n")
    found = _finding(tmp_path, text)
    assert found.status is Status.FAIL  # as before: the node's port space
    assert found.message is not None
    assert found.message.en.startswith("management port 10250 reachable from the internet: ")
    assert found.evidence["ports"] == {
        "10250": "internet → mon/Service/operator:443 → mon/Deployment/operator:10250"
    }


def test_a_host_port_10250_is_the_node_s_port(tmp_path: Path) -> None:
    text = _operator("[{containerPort: 10250, hostPort: 10250, name: https}]")
    found = _finding(tmp_path, text)
    assert found.status is Status.FAIL
    assert "10250" in found.evidence["ports"]


_TERRAFORM = """\
variable "host_network" { type = bool }
resource "kubernetes_deployment_v1" "operator" {
  metadata {
    name      = "operator"
    namespace = "mon"
  }
  spec {
    selector { match_labels = { app = "operator" } }
    template {
      metadata { labels = { app = "operator" } }
      spec {
        host_network = var.host_network
        container {
          name  = "operator"
          image = "quay.io/prometheus-operator/prometheus-operator:v0.75.0"
          port {
            container_port = 10250
            name           = "https"
          }
        }
      }
    }
  }
}
resource "kubernetes_service_v1" "operator" {
  metadata {
    name      = "operator"
    namespace = "mon"
  }
  spec {
    type     = "LoadBalancer"
    selector = { app = "operator" }
    port {
      port        = 443
      target_port = "https"
    }
  }
}
"""


def _terraform(tmp_path: Path, text: str) -> Finding:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return next(f for f in result.findings if f.address == "kubernetes_deployment_v1.operator")


def test_a_host_network_not_known_keeps_the_kubelet_port(tmp_path: Path) -> None:
    # host_network = var.host_network may be true: the node's port space, never a PASS
    assert _terraform(tmp_path, _TERRAFORM).status is Status.FAIL
    text = _TERRAFORM.replace("        host_network = var.host_network\n", "")
    assert _terraform(tmp_path, text).status is Status.PASS  # was FAIL


def test_other_management_ports_of_the_pod_still_count(tmp_path: Path) -> None:
    text = _operator("[{containerPort: 10250, name: https}, {containerPort: 22}]",
                     extra=_SERVICE.replace("targetPort: https}]",
                                            "targetPort: https}, {name: ssh, port: 22}]"))
    found = _finding(tmp_path, text)
    assert found.status is Status.FAIL
    assert list(found.evidence["ports"]) == ["22"]
