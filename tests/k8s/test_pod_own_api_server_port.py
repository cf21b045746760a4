"""A pod's own ``containerPort`` 6443 counted as the Kubernetes API server's port, a
management port: prometheus-adapter (an aggregated API server, which the cluster's API
server authenticates for) FAILed GDCC-GRAPH-002 behind a LoadBalancer. 6443 now counts on a
pod only when it shares the node's port space (``hostNetwork``, a ``hostPort`` 6443, or one
not known) or runs a cluster's API server (a kube-apiserver, k3s, k0s, RKE2, vcluster or kcp
image or command, or the ``--etcd-servers`` flag; a value not known may be one), as stop 39
decided for the kubelet's 10250. A pod's 2375 is a Docker daemon (docker-in-docker): it
counts, and so does Docker's TLS port 2376, which the rule did not list (a PASS)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings


def _pod(image: str, port: int, spec: str = "", args: str = "[]") -> str:
    return f"""\
apiVersion: v1
kind: Service
metadata: {{name: api, namespace: ops}}
spec:
  type: LoadBalancer
  selector: {{app: api}}
  ports: [{{port: 443, targetPort: {port}}}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {{name: api, namespace: ops}}
spec:
  selector: {{matchLabels: {{app: api}}}}
  template:
    metadata: {{labels: {{app: api}}}}
    spec:
{spec}      containers:
        - name: api
          image: {image}
          args: {args}
          ports: [{{containerPort: {port}}}]
"""


def _finding(tmp_path: Path, text: str) -> Finding:
    (tmp_path / "api.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return next(f for f in result.findings if f.address == "Deployment/ops/api")


ADAPTER = "registry.k8s.io/prometheus-adapter/prometheus-adapter:v0.12.0"


def test_an_aggregated_api_server_s_own_6443_is_no_cluster_api(tmp_path: Path) -> None:
    found = _finding(tmp_path, _pod(ADAPTER, 6443, args="[--secure-port=6443]"))
    # was FAIL "management port 6443 reachable from the internet: internet →
    # ops/Service/api:443 → ops/Deployment/api:6443"
    assert found.status is Status.PASS
    assert found.message is not None
    assert found.message.en == (
        "its container port 6443 is the pod's own (no hostNetwork, no hostPort 6443), and no "
        "container runs a Kubernetes API server of a cluster (kube-apiserver, k3s, k0s, RKE2, "
        "vcluster, kcp): not a cluster's API; no management port (22, 3389, 5985, 5986, 23, "
        "2375, 2376) is reachable from the internet"
    )
    assert found.evidence["checked_ports"] == [22, 3389, 5985, 5986, 23, 2375, 2376]


def test_a_cluster_api_server_in_a_pod_keeps_6443(tmp_path: Path) -> None:
    for image, args in (
        ("registry.k8s.io/kube-apiserver:v1.31.0", "[]"),
        ("example/tenant-control-plane:1.0", "[--etcd-servers=https://etcd:2379]"),
        ("rancher/k3s:v1.30.2-k3s1", "[server]"),
    ):
        found = _finding(tmp_path, _pod(image, 6443, args=args))
        assert found.status is Status.FAIL, image
        assert found.evidence["ports"] == {
            "6443": "internet → ops/Service/api:443 → ops/Deployment/api:6443"
        }


def test_on_the_node_s_network_6443_is_the_node_s_port(tmp_path: Path) -> None:
    found = _finding(tmp_path, _pod(ADAPTER, 6443, spec="      hostNetwork: true\n"))
    assert found.status is Status.FAIL
    assert "6443" in found.evidence["ports"]


def test_docker_daemon_ports_in_a_pod_count(tmp_path: Path) -> None:
    plain = _finding(tmp_path, _pod("docker:27-dind", 2375))
    assert plain.status is Status.FAIL  # as before
    tls = _finding(tmp_path, _pod("docker:27-dind", 2376))
    assert tls.status is Status.FAIL  # was PASS: 2376 was not a management port
    assert tls.message is not None
    assert tls.message.en == (
        "management port 2376 reachable from the internet: internet → ops/Service/api:443 → "
        "ops/Deployment/api:2376"
    )
