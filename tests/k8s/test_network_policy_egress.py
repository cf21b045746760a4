"""NetworkPolicy egress in pod-to-pod reach (graph/kube_egress.py). A pod a policy with
``policyTypes: [Egress]`` selects reaches only what its egress rules allow ("both the egress
policy on the source pod and the ingress policy on the destination pod need to allow the
connection", Kubernetes, Network Policies). The graph ignored egress: a web pod allowed to
send only to its database still led to the admin pod's SSH port (GDCC-GRAPH-002 FAIL; on
sealed-secrets' kube-libsonnet golden file, a needless UNKNOWN)."""

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
metadata: {name: admin, namespace: ADMIN_NS}
spec:
  selector: {matchLabels: {app: admin}}
  template:
    metadata: {labels: {app: admin}}
    spec:
      containers:
        - name: admin
          image: shop/admin:1.0
          ports: [{name: ssh, containerPort: 22}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to: [{podSelector: {matchLabels: {app: db}}}]
    ports: [{port: 5432}]
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}]
    ports: [{port: 53, protocol: UDP}]
EXTRA
"""


def _admin(tmp_path: Path, extra: str = "", namespace: str = "shop") -> tuple[Status, str]:
    text = MANIFEST.replace("EXTRA", extra).replace("ADMIN_NS", namespace)
    (tmp_path / "app.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: f for f in result.findings}[f"Deployment/{namespace}/admin"]
    return found.status, found.message.en


PASSED = (Status.PASS, "No management port is reachable from the internet through any path")


def test_egress_that_does_not_allow_the_pod_cuts_the_path(tmp_path: Path) -> None:
    # was FAIL: internet → shop/Service/web:80 → shop/Deployment/web:8080 →
    # shop/Deployment/admin:22
    assert _admin(tmp_path) == PASSED


def test_egress_that_allows_the_pod_keeps_the_path(tmp_path: Path) -> None:
    extra = "  - to: [{podSelector: {matchLabels: {app: admin}}}]\n    ports: [{port: ssh}]"
    assert _admin(tmp_path, extra) == (
        Status.FAIL,
        "management port 22 reachable from the internet: internet → shop/Service/web:80 → "
        "shop/Deployment/web:8080 → shop/Deployment/admin:22",
    )


def test_a_rule_to_every_destination_keeps_those_ports(tmp_path: Path) -> None:
    assert _admin(tmp_path, "  - ports: [{port: 22}]")[0] == Status.FAIL
    assert _admin(tmp_path, "  - ports: [{port: 443}]") == PASSED


def test_a_namespace_whose_labels_are_not_known(tmp_path: Path) -> None:
    """The admin pod's namespace has no Namespace object in the scan: a selector of the
    automatic name label is told (another name: PASS), any other label is not known."""
    named = ("  - to: [{namespaceSelector: {matchLabels: "
             "{kubernetes.io/metadata.name: other}}}]")
    assert _admin(tmp_path, named, "ops") == PASSED
    status, message = _admin(
        tmp_path, "  - to: [{namespaceSelector: {matchLabels: {team: ops}}}]", "ops")
    assert status == Status.UNKNOWN
    assert message == (
        "management port 22 reachable from the internet if what is not known allows it: "
        "internet → shop/Service/web:80 → "
        "shop/Deployment/web:8080 → ops/Deployment/admin:22"
    )


def test_an_ip_block_may_reach_pods(tmp_path: Path) -> None:
    """Whether an ipBlock rule applies to pod-to-pod traffic depends on the network plugin:
    not known, never a PASS."""
    status, _ = _admin(tmp_path, "  - to: [{ipBlock: {cidr: 10.0.0.0/8}}]")
    assert status == Status.UNKNOWN


def test_a_policy_without_policy_types_limits_egress_when_it_has_egress_rules(
    tmp_path: Path,
) -> None:
    text = MANIFEST.replace("  policyTypes: [Egress]\n", "")
    (tmp_path / "app.yaml").write_text(text.replace("EXTRA", "").replace("ADMIN_NS", "shop"),
                                       encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: f for f in result.findings}["Deployment/shop/admin"]
    assert (found.status, found.message.en) == PASSED


ADMITS_WEB = """\
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: admin-from-web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: admin}}
  policyTypes: [Ingress]
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: 22}]
"""


def test_a_pod_whose_ingress_names_the_source(tmp_path: Path) -> None:
    """microservices-demo's shape: redis-cart admits only cartservice, whose egress allows
    everything (``egress: [{}]``): the path stays (a first draft lost the edges a pod's
    ingress gives the source by name, and PASSed GDCC-GRAPH-005 on redis-cart)."""
    everything = "  - {}\n" + ADMITS_WEB
    assert _admin(tmp_path, everything) == (
        Status.FAIL,
        "management port 22 reachable from the internet: internet → shop/Service/web:80 → "
        "shop/Deployment/web:8080 → shop/Deployment/admin:22",
    )
    assert _admin(tmp_path, "  - ports: [{port: 22}]\n" + ADMITS_WEB)[0] == Status.FAIL
    assert _admin(tmp_path, ADMITS_WEB) == PASSED  # its egress: the database and DNS only
