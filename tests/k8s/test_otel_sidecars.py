"""A pod annotated ``sidecar.opentelemetry.io/inject`` was judged without the collector the
OpenTelemetry Operator injects into it: a ``mode: sidecar`` collector written with
``privileged: true`` left the annotated Deployment's GDCC-K8S-001 PASS. The pod is now judged
with the sidecar as the operator builds it (``pkg/sidecar/pod.go``: ``otc-container`` with the
collector's image, securityContext, resources, env, ports and volumeMounts; its init
containers and volumes added): "true" takes the one sidecar collector of the pod's namespace,
a name the collector of that name there, ``ns/name`` that one; a Namespace's annotation counts
as the operator reads it (the pod's value decides unless it is "true"). A named collector
that is not in the scan leaves each verdict such a container could change UNKNOWN, saying
why; "false", a collector not in sidecar mode, or two sidecar collectors for "true" inject
none (the operator creates the pod without one)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

COLLECTORS = """\
apiVersion: opentelemetry.io/v1beta1
kind: OpenTelemetryCollector
metadata: {name: agent, namespace: shop}
spec:
  mode: sidecar
  image: otel/opentelemetry-collector-contrib:0.102.0
  securityContext: {privileged: true}
  config:
    receivers: {otlp: {protocols: {grpc: {}}}}
    exporters: {debug: {}}
---
apiVersion: opentelemetry.io/v1beta1
kind: OpenTelemetryCollector
metadata: {name: gateway, namespace: shop}
spec:
  mode: deployment
  securityContext: {privileged: true}
  config: {receivers: {otlp: {}}, exporters: {debug: {}}}
---
apiVersion: v1
kind: Namespace
metadata:
  name: ops
  annotations: {sidecar.opentelemetry.io/inject: "true"}
---
apiVersion: opentelemetry.io/v1alpha1
kind: OpenTelemetryCollector
metadata: {name: ops-agent, namespace: ops}
spec:
  mode: sidecar
  resources: {limits: {cpu: 100m, memory: 128Mi}}
  volumes:
  - name: host
    hostPath: {path: /var/run}
  volumeMounts:
  - {name: host, mountPath: /host/run}
  config: "receivers: {}"
"""

POD = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: NAME, namespace: SPACE}
spec:
  selector: {matchLabels: {app: NAME}}
  template:
    metadata:
      labels: {app: NAME}
      annotations: {sidecar.opentelemetry.io/inject: "WANTED"}
    spec:
      containers:
      - name: app
        image: registry.example.com/shop/app:1.4.2
        securityContext: {allowPrivilegeEscalation: false}
"""

PODS = {
    "web": ("shop", "true"),              # the one sidecar collector of shop: privileged
    "other": ("jobs", "shop/agent"),      # another namespace's collector, named
    "api": ("shop", "missing"),           # not in the scan
    "quiet": ("shop", "false"),
    "routed": ("shop", "gateway"),        # not a sidecar collector: none injected
    "logs": ("ops", ""),                  # its namespace's annotation: ops-agent
}


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "collectors.yaml").write_text(COLLECTORS, encoding="utf-8")
    for name, (space, wanted) in PODS.items():
        text = POD.replace("NAME", name).replace("SPACE", space).replace("WANTED", wanted)
        if not wanted:
            text = text.replace('      annotations: {sidecar.opentelemetry.io/inject: ""}\n',
                                "")
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_annotated_pods_are_judged_with_the_sidecar(tmp_path: Path) -> None:
    result = audit([_tree(tmp_path)],
                   Settings(rule_ids=("GDCC-K8S-001", "GDCC-K8S-006", "GDCC-K8S-010")))
    found = {(f.address, f.rule_id): (f.status.value, f.message.en) for f in result.findings}
    privileged = ("FAIL", "a container runs privileged (containers: otc-container)")
    assert found[("Deployment/shop/web", "GDCC-K8S-001")] == privileged
    assert found[("Deployment/jobs/other", "GDCC-K8S-001")] == privileged
    for name in ("quiet", "routed"):
        assert found[(f"Deployment/shop/{name}", "GDCC-K8S-001")][0] == "PASS"
    # ops-agent: no limits for app (its own) and the node's /var/run mounted
    assert found[("Deployment/ops/logs", "GDCC-K8S-001")][0] == "PASS"
    assert found[("Deployment/ops/logs", "GDCC-K8S-010")][0] == "FAIL"
    assert found[("Deployment/ops/logs", "GDCC-K8S-006")][1] == (
        "a container sets no cpu, memory limit (containers: app)"
    )
    # the collector named is not in the scan: what its container could change is not known;
    # the app's own missing limits FAIL either way
    status, message = found[("Deployment/shop/api", "GDCC-K8S-001")]
    assert status == "UNKNOWN"
    assert "inject the sidecar collector 'missing' (sidecar.opentelemetry.io/inject), which " \
           "is not in the scan" in message
    assert found[("Deployment/shop/api", "GDCC-K8S-006")] == (
        "FAIL", "a container sets no cpu, memory limit (containers: app)"
    )
    assert result.not_judged == {
        "OpenTelemetryCollector.opentelemetry.io in sidecar mode (runs no pods of its own: "
        "its container is judged in the pods it is injected into)": 2
    }


BASE_COLLECTOR = """\
apiVersion: opentelemetry.io/v1beta1
kind: OpenTelemetryCollector
metadata: {name: agent, namespace: shop}
spec:
  mode: sidecar
  securityContext: {allowPrivilegeEscalation: false}
  config: {receivers: {otlp: {}}, exporters: {debug: {}}}
"""

DEBUG_PATCH = """\
- op: add
  path: /spec/securityContext/privileged
  value: true
"""


def test_collector_is_injected_as_the_overlay_builds_it(tmp_path: Path) -> None:
    """An overlay patching the sidecar collector (a debug overlay making it privileged):
    the pods it deploys get the collector as built. Before, the collector was indexed as the
    base writes it: the overlay's pods PASSed with the base's sidecar, and a pod the overlay
    does not change was not judged as the overlay deploys it at all."""
    files = {
        "base/kustomization.yaml": "resources: [collector.yaml, web.yaml, api.yaml]\n",
        "base/collector.yaml": BASE_COLLECTOR,
        "base/web.yaml": POD.replace("NAME", "web").replace("SPACE", "shop").replace(
            "WANTED", "true"),
        "base/api.yaml": POD.replace("NAME", "api").replace("SPACE", "shop").replace(
            "WANTED", "agent"),
        "debug/kustomization.yaml": (
            "resources: [../base]\n"
            "patches:\n"
            "- target: {kind: Deployment, name: api}\n"
            "  patch: '[{op: add, path: /metadata/labels, value: {debug: \"on\"}}]'\n"
            "- target: {kind: OpenTelemetryCollector, name: agent}\n"
            "  path: privileged.yaml\n"
        ),
        "debug/privileged.yaml": DEBUG_PATCH,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-001",)))
    found = {(f.address, Path(f.location.file).relative_to(tmp_path).as_posix()):
             (f.status.value, f.message.en, f.location.start_line)
             for f in result.findings if f.location}
    privileged = "a container runs privileged (containers: otc-container)"
    assert found == {
        ("Deployment/shop/web", "base/web.yaml"): ("PASS", "Containers do not run privileged", 1),
        ("Deployment/shop/api", "base/api.yaml"): ("PASS", "Containers do not run privileged", 1),
        # patched by the overlay (line 3) and given the collector it patches
        ("Deployment/shop/api", "debug/kustomization.yaml"): ("FAIL", privileged, 3),
        # not patched, but deployed with the patched collector (its patch: line 5)
        ("Deployment/shop/web", "debug/kustomization.yaml"): ("FAIL", privileged, 5),
    }
