"""An ``OpenTelemetryCollector`` (opentelemetry.io v1beta1 / v1alpha1) was counted "not judged",
though the operator runs its pods from the custom resource's own fields: a DaemonSet collector
with ``hostNetwork: true`` and a ``hostPath`` of ``/var/log`` (the shape of the operator's
docs and of observability stacks' agents) got no finding. Its pods are now judged as a
workload: ``otc-container`` with ``spec.image`` (or the operator's pinned collector image),
``spec.securityContext`` / ``spec.resources`` as written (the operator sets no default),
``spec.podSecurityContext``, ``spec.volumes``, ``spec.hostNetwork``, the ServiceAccount
``<name>-collector`` the operator makes unless ``spec.serviceAccount`` names one. A collector in
``sidecar`` mode runs no pods of its own: still counted "not judged", saying why (its
container is judged in the pods it is injected into: test_otel_sidecars)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.result import AuditResult
from gdcc_audit.settings import Settings

MANIFESTS = """\
apiVersion: opentelemetry.io/v1beta1
kind: OpenTelemetryCollector
metadata: {name: agent, namespace: observability}
spec:
  mode: daemonset
  image: otel/opentelemetry-collector-contrib:0.102.0
  resources: {limits: {cpu: 500m, memory: 512Mi}}
  podSecurityContext: {runAsNonRoot: true, runAsUser: 10001}
  securityContext:
    allowPrivilegeEscalation: false
    readOnlyRootFilesystem: true
    capabilities: {drop: [ALL]}
  hostNetwork: true
  volumes:
  - name: varlog
    hostPath: {path: /var/log}
  volumeMounts:
  - {name: varlog, mountPath: /var/log, readOnly: true}
  config:
    receivers: {filelog: {include: [/var/log/pods/*/*/*.log]}}
    exporters: {debug: {}}
    service: {pipelines: {logs: {receivers: [filelog], exporters: [debug]}}}
---
apiVersion: opentelemetry.io/v1alpha1
kind: OpenTelemetryCollector
metadata: {name: simplest, namespace: observability}
spec:
  hostPID: true
  config: |
    receivers:
      otlp:
        protocols:
          grpc: {}
---
apiVersion: opentelemetry.io/v1beta1
kind: OpenTelemetryCollector
metadata: {name: gateway, namespace: observability}
spec:
  serviceAccount: default
  hostPID: true
  additionalContainers:
  - name: proxy
    image: envoyproxy/envoy:v1.30.1
    securityContext: {privileged: true}
  config: {}
---
apiVersion: opentelemetry.io/v1beta1
kind: OpenTelemetryCollector
metadata: {name: sidecar-for-my-app, namespace: observability}
spec:
  mode: sidecar
  securityContext: {privileged: true}
  config: {}
"""

RULES = ("GDCC-K8S-001", "GDCC-K8S-002", "GDCC-K8S-004", "GDCC-K8S-006", "GDCC-K8S-007",
         "GDCC-K8S-010", "GDCC-K8S-011", "GDCC-K8S-013")
PREFIX = "OpenTelemetryCollector.opentelemetry.io/observability/"


def _result(tmp_path: Path) -> AuditResult:
    (tmp_path / "collectors.yaml").write_text(MANIFESTS, encoding="utf-8")
    return audit([tmp_path], Settings(rule_ids=RULES))


def test_collector_pods_are_judged(tmp_path: Path) -> None:
    result = _result(tmp_path)
    found = {(f.address, f.rule_id): (f.status.value, f.message.en) for f in result.findings}
    assert {a for a, _ in found} == {PREFIX + "agent", PREFIX + "simplest", PREFIX + "gateway"}
    agent = PREFIX + "agent"
    assert [found[(agent, r)][0] for r in RULES] == [
        "PASS", "PASS", "FAIL", "PASS", "PASS", "FAIL", "PASS", "PASS"
    ]
    assert found[(agent, "GDCC-K8S-004")][1] == "the pod shares the host's namespaces: hostNetwork"
    assert found[(agent, "GDCC-K8S-010")][1] == "host paths mounted: /var/log"
    # nothing written: the operator sets no securityContext and no resources
    simplest = PREFIX + "simplest"
    assert found[(simplest, "GDCC-K8S-002")][1].startswith(
        "a container runs as root (containers: otc-container)"
    )
    assert found[(simplest, "GDCC-K8S-006")] == (
        "FAIL", "a container sets no cpu, memory limit (containers: otc-container)"
    )
    assert found[(simplest, "GDCC-K8S-007")][0] == "FAIL"
    # v1alpha1 has no hostPID: the API server drops it
    assert found[(simplest, "GDCC-K8S-004")][0] == "PASS"
    # the operator's image is pinned to its release's collector version
    assert found[(simplest, "GDCC-K8S-011")][0] == "PASS"
    # its own ServiceAccount <name>-collector unless spec.serviceAccount names one
    assert found[(simplest, "GDCC-K8S-013")][0] == "PASS"
    gateway = PREFIX + "gateway"
    assert found[(gateway, "GDCC-K8S-001")] == (
        "FAIL", "a container runs privileged (containers: proxy)"
    )
    assert found[(gateway, "GDCC-K8S-004")][1] == "the pod shares the host's namespaces: hostPID"
    assert found[(gateway, "GDCC-K8S-013")][0] == "FAIL"


def test_sidecar_collector_is_not_judged_with_why(tmp_path: Path) -> None:
    result = _result(tmp_path)
    assert result.not_judged == {
        "OpenTelemetryCollector.opentelemetry.io in sidecar mode (runs no pods of its own: "
        "its container is judged in the pods it is injected into)": 1
    }


GO = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: checkout, namespace: shop}
spec:
  selector: {matchLabels: {app: checkout}}
  template:
    metadata:
      labels: {app: checkout}
      annotations:
        instrumentation.opentelemetry.io/inject-go: "true"
        instrumentation.opentelemetry.io/otel-go-auto-target-exe: /app/checkout
    spec:
      securityContext: {runAsNonRoot: true, runAsUser: 1000}
      containers:
      - name: checkout
        image: shop/checkout:1.4.2
        resources: {limits: {cpu: 200m, memory: 128Mi}}
        securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
      - name: debug
        image: busybox:1.36
        resources: {limits: {cpu: 50m, memory: 32Mi}}
        securityContext: {privileged: true}
---
apiVersion: v1
kind: Pod
metadata:
  name: opted-out
  namespace: shop
  annotations: {instrumentation.opentelemetry.io/inject-go: "true"}
spec:
  shareProcessNamespace: false
  securityContext: {runAsNonRoot: true, runAsUser: 1000}
  containers:
  - name: app
    image: shop/app:1.0.0
"""


def test_go_auto_instrumentation_sidecar_is_bounded(tmp_path: Path) -> None:
    """A pod annotated ``instrumentation.opentelemetry.io/inject-go`` gets a privileged root
    sidecar with the node's ``/sys/kernel/debug`` mounted when the operator's
    ``enable-go-instrumentation`` flag is on (off by default: not in the input). GDCC-K8S-002
    and 010 PASSed on the app's own containers; now UNKNOWN saying why, and what fails
    either way (the privileged ``debug``) still FAILs naming only it."""
    (tmp_path / "go.yaml").write_text(GO, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-001", "GDCC-K8S-002",
                                                  "GDCC-K8S-006", "GDCC-K8S-010")))
    found = {(f.address, f.rule_id): (f.status.value, f.message.en, f.message.th)
             for f in result.findings}
    app = "Deployment/shop/checkout"
    assert found[(app, "GDCC-K8S-001")][:2] == (
        "FAIL", "a container runs privileged (containers: debug)"
    )
    status, message, thai = found[(app, "GDCC-K8S-010")]
    assert status == "UNKNOWN"
    assert message.endswith(
        "the pod asks for Go auto-instrumentation (instrumentation.opentelemetry.io/inject-go): "
        "the OpenTelemetry Operator then adds a privileged container running as root "
        "(opentelemetry-auto-instrumentation) with the node's /sys/kernel/debug mounted, but "
        "only when its enable-go-instrumentation flag is on (off by default), which is not in "
        "the input"
    )
    assert "enable-go-instrumentation" in thai
    assert found[(app, "GDCC-K8S-002")][0] == "UNKNOWN"
    assert found[(app, "GDCC-K8S-006")][0] == "PASS"  # the sidecar has the webhook's limits
    # shareProcessNamespace: false: the operator skips the injection
    assert found[("Pod/shop/opted-out", "GDCC-K8S-010")][0] == "PASS"
    assert found[("Pod/shop/opted-out", "GDCC-K8S-002")][0] == "PASS"
