"""GDCC-K8S-020: a privileged container runs Unconfined whatever seccomp profile it (or its
pod) names ("Privileged containers always run as Unconfined", Kubernetes reference "Seccomp
and Kubernetes"). calico-node (privileged, pod profile ``RuntimeDefault``) passed the rule."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

AGENT = """\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: node-agent}
  template:
    metadata:
      labels: {app: node-agent}
    spec:
      securityContext:
        seccompProfile:
          type: RuntimeDefault
      containers:
      - name: agent
        image: registry.example/agent:1.2.3
        securityContext:
          privileged: true
      - name: sidecar
        image: registry.example/sidecar:1.0.0
---
apiVersion: v1
kind: Pod
metadata:
  name: tools
  namespace: ops
spec:
  containers:
  - name: shell
    image: registry.example/shell:2.0.0
    securityContext:
      privileged: true
---
apiVersion: v1
kind: Pod
metadata:
  name: confined
  namespace: ops
spec:
  containers:
  - name: app
    image: registry.example/app:2.0.0
    securityContext:
      privileged: false
      seccompProfile:
        type: Localhost
        localhostProfile: profiles/app.json
"""


def test_privileged_containers_run_unconfined(tmp_path: Path) -> None:
    (tmp_path / "agent.yaml").write_text(AGENT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-020",)))
    found = {f.address: f for f in result.findings}
    agent = found["DaemonSet/kube-system/node-agent"]
    assert agent.status.value == "FAIL"
    assert agent.evidence == {
        "seccomp_unconfined": ["agent"],
        "decided_by": {
            "seccomp_unconfined": "privileged containers run Unconfined whatever seccomp "
            "profile they name: agent"
        },
    }
    # privileged: true is written: not the kubelet default, no "provider default" label
    assert "provider default" not in agent.message.en
    tools = found["Pod/ops/tools"]
    assert tools.status.value == "FAIL"
    assert tools.evidence == {"seccomp_unconfined": ["shell"]}
    assert "provider default" not in tools.message.en
    confined = found["Pod/ops/confined"]
    assert (confined.status.value, confined.evidence) == ("PASS", {"seccomp_unconfined": []})
