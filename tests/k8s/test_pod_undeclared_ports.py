"""GDCC-GRAPH-002 on pods that declare no ``containerPort``, reached from an internet-facing
pod (no NetworkPolicy between them). Kubernetes needs no port declared ("Not specifying a
port here DOES NOT prevent that port from being exposed", Container.ports), so which ports
such a pod listens on is not known:

- a Service of the scan that sends to it tells a port it listens on (its ``targetPort``),
  taken as declared, as a ``containerPort`` is: the pod PASSes (it was UNKNOWN);
- without one the finding stays UNKNOWN, now saying why and what to do (it read "management
  ports 22, ... reachable from the internet if what is not known allows it", the path
  ending on port 22 as if the pod listened there);
- a NetworkPolicy that admits every port from the internet-facing pod made the path certain
  on every port: a FAIL on port 22 of a pod that declares none (a wrong FAIL; without the
  policy it was UNKNOWN). It is UNKNOWN as well."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

APP = """\
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
      containers: [{name: web, image: "web:1.0", ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: backend, namespace: shop}
spec:
  selector: {app: backend}
  ports: [{port: 80, targetPort: 9000}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: backend, namespace: shop}
spec:
  selector: {matchLabels: {app: backend}}
  template:
    metadata: {labels: {app: backend}}
    spec:
      containers: [{name: backend, image: "backend:1.0"}]
---
apiVersion: v1
kind: Service
metadata: {name: named, namespace: shop}
spec:
  selector: {app: named}
  ports: [{port: 80, targetPort: http}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: named, namespace: shop}
spec:
  selector: {matchLabels: {app: named}}
  template:
    metadata: {labels: {app: named}}
    spec:
      containers: [{name: named, image: "named:1.0"}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: worker, namespace: shop}
spec:
  selector: {matchLabels: {app: worker}}
  template:
    metadata: {labels: {app: worker}}
    spec:
      containers: [{name: worker, image: "worker:1.0"}]
"""

POLICY = """\
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: worker-from-web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: worker}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
"""

WORKER = (
    "its containers declare no port, and Kubernetes needs none declared: any port it listens "
    "on is reachable from the internet, a management port (22, 3389, 5985, 5986, 23, 2375, "
    "2376) too if it opens one: internet → shop/Service/web:80 → shop/Deployment/web:8080 → "
    "shop/Deployment/worker; declare its containerPorts or limit who reaches it with a "
    "NetworkPolicy"
)


def _findings(tmp_path: Path, text: str) -> dict[str, Finding]:
    (tmp_path / "app.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return {f.address: f for f in result.findings}


def test_a_service_target_port_tells_the_port_of_a_pod_that_declares_none(
    tmp_path: Path,
) -> None:
    found = _findings(tmp_path, APP)
    backend = found["Deployment/shop/backend"]
    assert backend.status is Status.PASS  # was UNKNOWN "... → shop/Deployment/backend:22"
    assert backend.evidence["checked_ports"] == [22, 3389, 5985, 5986, 23, 2375, 2376]
    assert backend.message is not None
    assert backend.message.en == (
        "its containers declare no port; the Services that select it (backend) send to 9000, "
        "taken as the ports it listens on; no management port (22, 3389, 5985, 5986, 23, 2375, "
        "2376) is reachable from the internet"
    )
    # a target port given by name names no port of a pod that declares none: still not known
    assert found["Deployment/shop/named"].status is Status.UNKNOWN


def test_a_pod_that_declares_no_port_says_so(tmp_path: Path) -> None:
    worker = _findings(tmp_path, APP)["Deployment/shop/worker"]
    assert worker.status is Status.UNKNOWN
    assert worker.message is not None
    assert worker.message.en == WORKER
    assert worker.message.th is not None
    assert worker.message.th.startswith("คอนเทนเนอร์ของ workload นี้ไม่ได้ประกาศพอร์ต")
    assert worker.evidence["ports_declared"] is False
    assert worker.evidence["path_certain"] is False


def test_a_policy_admitting_every_port_does_not_make_them_certain(tmp_path: Path) -> None:
    worker = _findings(tmp_path, APP + POLICY)["Deployment/shop/worker"]
    # was FAIL "management ports 22, ... reachable from the internet: internet → ... →
    # shop/Deployment/worker:22"
    assert worker.status is Status.UNKNOWN
    assert worker.message is not None
    assert worker.message.en == WORKER


PLACEHOLDERS = """\
---
apiVersion: v1
kind: Service
metadata: {name: epp, namespace: shop}
spec:
  selector: {app: epp}
  ports:
    - port: ${EXTENSION_GRPC_PORT:-9002}
      targetPort: ${EXTENSION_GRPC_PORT:-9002}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: epp, namespace: shop}
spec:
  selector: {matchLabels: {app: epp}}
  template:
    metadata: {labels: {app: epp}}
    spec:
      containers:
        - name: epp
          image: epp:1.0
          ports: [{containerPort: "${EXTENSION_GRPC_PORT:-9002}"}]
"""


def test_a_service_port_filled_in_at_deploy_time_is_not_every_port_for_certain(
    tmp_path: Path,
) -> None:
    """envsubst placeholders (GKE inference-gateway sample): the Service's ports were read as
    none, so it passed every port to the pod for certain: a FAIL on port 22."""
    epp = _findings(tmp_path, APP + PLACEHOLDERS)["Deployment/shop/epp"]
    assert epp.status is Status.UNKNOWN  # was FAIL
    assert epp.message is not None
    # it writes container ports (not known): not "its containers declare no port"
    assert epp.message.en.startswith(
        "management ports 22, 3389, 5985, 5986, 23, 2375, 2376 reachable from the internet if "
        "what is not known allows it: "
    )


def test_services_of_one_name_in_several_files_are_named_once(tmp_path: Path) -> None:
    """bank-of-anthos writes its Services in several overlays of one namespace: the PASS
    named 'balancereader' four times."""
    (tmp_path / "again.yaml").write_text(
        "apiVersion: v1\nkind: Service\nmetadata: {name: backend, namespace: shop}\n"
        "spec:\n  selector: {app: backend}\n  ports: [{port: 80, targetPort: 9000}]\n",
        encoding="utf-8",
    )
    backend = _findings(tmp_path, APP)["Deployment/shop/backend"]
    assert backend.message is not None
    assert backend.message.en.startswith(
        "its containers declare no port; the Services that select it (backend) send to 9000, "
    )
