"""A pod's ``hostPort`` (and, with ``hostNetwork: true``, its container ports) opens on its
node's addresses, reached as a NodePort Service's node ports are. Neither was read: a pod
publishing SSH on its node's port 22 PASSed GDCC-GRAPH-002 (a wrong PASS)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings


def _pod(ports: str, host_network: str = "", extra: str = "") -> str:
    return f"""\
apiVersion: apps/v1
kind: DaemonSet
metadata: {{name: agent, namespace: ops}}
spec:
  selector: {{matchLabels: {{app: agent}}}}
  template:
    metadata: {{labels: {{app: agent}}}}
    spec:
{host_network}      containers:
        - name: agent
          image: ops/agent:1.0
          ports: {ports}
{extra}"""


def _agent(tmp_path: Path, text: str) -> Finding:
    (tmp_path / "agent.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return next(f for f in result.findings if f.address == "DaemonSet/ops/agent")


def test_a_host_port_publishes_the_pod_on_its_node(tmp_path: Path) -> None:
    agent = _agent(tmp_path, _pod("[{containerPort: 2222, hostPort: 22}]"))
    assert agent.status is Status.FAIL  # was PASS: hostPort was not read
    assert agent.message.en == (
        "management port 22 reachable from the internet: internet → ops/DaemonSet/agent:22"
    )
    # a container port without hostPort stays in the cluster
    assert _agent(tmp_path, _pod("[{containerPort: 22}]")).status is Status.PASS


def test_a_host_network_pod_listens_on_its_node(tmp_path: Path) -> None:
    agent = _agent(tmp_path, _pod("[{containerPort: 22}]", "      hostNetwork: true\n"))
    # was PASS: hostNetwork was not read; the node's addresses are not in the manifests
    assert agent.status is Status.UNKNOWN
    assert agent.message.en == (
        "management port 22 reachable from the internet if what is not known allows it: "
        "internet → ops/DaemonSet/agent:22"
    )


def test_an_isolated_pod_s_host_port_is_not_reached(tmp_path: Path) -> None:
    deny = """\
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: ops}
spec:
  podSelector: {}
  policyTypes: [Ingress]
"""
    text = _pod("[{containerPort: 2222, hostPort: 22}]", extra=deny)
    assert _agent(tmp_path, text).status is Status.PASS
    # a hostNetwork pod is outside any NetworkPolicy
    text = _pod("[{containerPort: 22}]", "      hostNetwork: true\n", deny)
    assert _agent(tmp_path, text).status is Status.UNKNOWN
