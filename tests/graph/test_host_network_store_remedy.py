"""A data pod on the node's network (``hostNetwork: true``: kubeadm's etcd static pod, which
declares no port) is judged by GDCC-GRAPH-004 and -010 as before, but their messages said to
add a NetworkPolicy (the rule's remediation), which is no fix there: Kubernetes leaves
NetworkPolicy behaviour for hostNetwork pods undefined and most network plugins ignore them.
The messages now say what to change, in English and Thai: the nodes' firewall or security
group on the store's port (2379, etcd's image port, when none is declared). GDCC-GRAPH-004
PASSed "segmented" on a NetworkPolicy selecting such a pod; it is UNKNOWN, as -010 has been
since stop 43."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ETCD = """\
apiVersion: v1
kind: Pod
metadata:
  name: etcd
  namespace: kube-system
  labels: {component: etcd, tier: control-plane}
spec:
  hostNetwork: true
  containers:
    - name: etcd
      image: registry.k8s.io/etcd:3.5.9-0
      command: [etcd, --client-cert-auth=true, --listen-client-urls=https://10.0.0.10:2379]
---
apiVersion: v1
kind: Pod
metadata: {name: cache, namespace: kube-system, labels: {app: cache}}
spec:
  hostNetwork: true
  containers:
    - name: redis
      image: redis:7
      ports: [{containerPort: 6380}]
"""

POLICY = """\
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: etcd, namespace: kube-system}
spec:
  podSelector: {matchLabels: {component: etcd}}
  policyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {matchLabels: {component: kube-apiserver}}}]
      ports: [{port: 2379}]
"""

NODE_EN = (
    "its pods run on the node's network (hostNetwork), where a NetworkPolicy is no reliable "
    "boundary: limit who reaches port(s) 2379 on its nodes with the nodes' firewall or "
    "security group (only the clients that need it, such as the API server)"
)
NODE_TH = (
    "pod ใช้เครือข่ายของโหนด (hostNetwork) ซึ่ง NetworkPolicy ไม่ใช่ขอบเขตที่เชื่อถือได้: "
    "จำกัดผู้ที่เข้าถึงพอร์ต 2379 บนโหนดด้วยไฟร์วอลล์หรือ security group ของโหนด "
    "(เฉพาะไคลเอนต์ที่จำเป็น เช่น API server)"
)
RULES = ("GDCC-GRAPH-004", "GDCC-GRAPH-010")


def _found(root: Path) -> dict[tuple[str, str], tuple[Status, str, str]]:
    result = audit([root], Settings(rule_ids=RULES, cache=False))
    return {(f.rule_id, f.address): (f.status, f.message.en, f.message.th)
            for f in result.findings}


def test_no_policy_the_message_names_the_nodes_firewall(tmp_path: Path) -> None:
    (tmp_path / "etcd.yaml").write_text(ETCD, encoding="utf-8")
    found = _found(tmp_path)
    assert found[("GDCC-GRAPH-010", "Pod/kube-system/etcd")] == (
        Status.FAIL,
        "no NetworkPolicy isolates it: every pod in the cluster can connect (namespace "
        f"kube-system); {NODE_EN}",
        "ไม่มี NetworkPolicy แยกส่วน ทุก pod ในคลัสเตอร์เชื่อมต่อได้ (namespace kube-system) "
        f"และ {NODE_TH}",
    )
    assert found[("GDCC-GRAPH-004", "Pod/kube-system/etcd")][:2] == (
        Status.FAIL,
        "the data tier is not segmented from the web tier: it admits any pod of the cluster "
        f"on port(s) 2379; {NODE_EN}",
    )
    # another store on the node's network: its declared port, no API server
    assert found[("GDCC-GRAPH-010", "Pod/kube-system/cache")][1].endswith(
        "limit who reaches port(s) 6380 on its nodes with the nodes' firewall or security "
        "group (only the clients that need it)"
    )


def test_a_policy_selecting_it_does_not_segment_it(tmp_path: Path) -> None:
    (tmp_path / "etcd.yaml").write_text(ETCD + POLICY, encoding="utf-8")
    found = _found(tmp_path)
    expected_en = (
        "a NetworkPolicy selects it, but its pods run on the node's network (hostNetwork), "
        "where NetworkPolicy behaviour is undefined: most network plugins do not isolate such "
        "pods; limit who reaches port(s) 2379 on its nodes with the nodes' firewall or "
        "security group (only the clients that need it, such as the API server)"
    )
    for rule in RULES:
        status, en, th = found[(rule, "Pod/kube-system/etcd")]
        assert (status, en) == (Status.UNKNOWN, expected_en), rule
        assert th.endswith(
            "จำกัดผู้ที่เข้าถึงพอร์ต 2379 บนโหนดด้วยไฟร์วอลล์หรือ security group ของโหนด "
            "(เฉพาะไคลเอนต์ที่จำเป็น เช่น API server)"
        ), rule
