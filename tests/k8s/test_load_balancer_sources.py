"""Who reaches a ``LoadBalancer`` Service: the graph took every one as reached from the
internet, though the mapper already read the internal-load-balancer annotations and
``loadBalancerSourceRanges`` ("If specified and supported by the platform, traffic through
the cloud-provider load balancer will be restricted to the specified client IPs",
Kubernetes API reference, ServiceSpec). An internal load balancer's database FAILed
GDCC-GRAPH-005 with ``internet → shop/Service/db:5432``, an SSH Service open to 10.0.0.0/8
only FAILed GDCC-GRAPH-002."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

WORKLOADS = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: shop}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: "postgres:16.1", ports: [{containerPort: 5432}]}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ssh, namespace: shop}
spec:
  selector: {matchLabels: {app: ssh}}
  template:
    metadata: {labels: {app: ssh}}
    spec:
      containers: [{name: ssh, image: "shop/sshd:1.0", ports: [{containerPort: 22}]}]
"""

SERVICES = """\
apiVersion: v1
kind: Service
metadata:
  name: db
  namespace: shop
  annotations: {{{annotation}}}
spec:
  type: LoadBalancer
  selector: {{app: db}}
  ports: [{{port: 5432}}]
---
apiVersion: v1
kind: Service
metadata: {{name: ssh, namespace: shop}}
spec:
  type: {ssh_type}
  loadBalancerSourceRanges: [{ranges}]
  selector: {{app: ssh}}
  ports: [{{port: 22}}]
"""


def _findings(tmp_path: Path, annotation: str, ranges: str, ssh_type: str = "LoadBalancer"
              ) -> dict[tuple[str, str], Finding]:
    services = SERVICES.format(annotation=annotation, ranges=ranges, ssh_type=ssh_type)
    (tmp_path / "app.yaml").write_text(WORKLOADS + "---\n" + services, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002", "GDCC-GRAPH-005")))
    return {(f.rule_id, f.address): f for f in result.findings}


def test_internal_load_balancers_and_source_ranges_are_not_the_internet(tmp_path: Path) -> None:
    found = _findings(
        tmp_path,
        '"service.beta.kubernetes.io/aws-load-balancer-scheme": internal',
        "10.0.0.0/8, 192.168.0.0/16",
    )
    db = found[("GDCC-GRAPH-005", "Deployment/shop/db")]
    assert db.status is Status.PASS  # was FAIL: internet → shop/Service/db:5432
    assert db.message.en == (
        "No internet-facing workload can move laterally to a data store's database port"
    )
    ssh = found[("GDCC-GRAPH-002", "Deployment/shop/ssh")]
    assert ssh.status is Status.PASS  # was FAIL: internet → shop/Service/ssh:22
    assert ssh.message.en == "No management port is reachable from the internet through any path"


def test_a_public_source_range_and_a_node_port_are_the_internet(tmp_path: Path) -> None:
    found = _findings(tmp_path, '"service.beta.kubernetes.io/aws-load-balancer-scheme": '
                      "internet-facing", "10.0.0.0/8, 0.0.0.0/0")
    assert found[("GDCC-GRAPH-005", "Deployment/shop/db")].message.en == (
        "a workload reachable from the internet can connect to port 5432: internet → "
        "shop/Service/db:5432 → shop/Deployment/db:5432"
    )
    assert found[("GDCC-GRAPH-002", "Deployment/shop/ssh")].message.en == (
        "management port 22 reachable from the internet: internet → shop/Service/ssh:22 → "
        "shop/Deployment/ssh:22"
    )


def test_source_ranges_do_not_bind_a_node_port(tmp_path: Path) -> None:
    """``loadBalancerSourceRanges`` restricts the cloud load balancer; a NodePort Service
    opens the port on every node whatever it lists."""
    found = _findings(tmp_path, "", "10.0.0.0/8", ssh_type="NodePort")
    ssh = found[("GDCC-GRAPH-002", "Deployment/shop/ssh")]
    assert ssh.status is Status.FAIL
    assert ssh.evidence["path"].startswith("internet → shop/Service/ssh")


def test_the_source_ranges_annotation_restricts_a_load_balancer(tmp_path: Path) -> None:
    """``service.beta.kubernetes.io/load-balancer-source-ranges`` (the beta form, read when
    ``spec.loadBalancerSourceRanges`` is empty) was not read: an SSH load balancer open to
    10.0.0.0/8 only FAILed GDCC-GRAPH-002. A value that is not a CIDR list (a template
    variable) restricts nothing."""
    annotated = SERVICES.replace(
        "metadata: {{name: ssh, namespace: shop}}",
        "metadata:\n  name: ssh\n  namespace: shop\n  annotations:\n"
        '    service.beta.kubernetes.io/load-balancer-source-ranges: "{annotated}"',
    ).replace("  loadBalancerSourceRanges: [{ranges}]\n", "")
    for value, status in (("10.0.0.0/8, 192.168.0.0/16", Status.PASS),  # was FAIL
                          ("$INBOUND_CIDRS", Status.FAIL), ("0.0.0.0/0", Status.FAIL)):
        services = annotated.format(annotation="", ssh_type="LoadBalancer", annotated=value)
        (tmp_path / "app.yaml").write_text(WORKLOADS + "---\n" + services, encoding="utf-8")
        result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
        ssh = next(f for f in result.findings if f.address == "Deployment/shop/ssh")
        assert ssh.status is status, value
