"""Knative Eventing's ``ContainerSource`` (``sources.knative.dev``) runs the pods of its
``spec.template``, "a template in the shape of Deployment.spec.template" (Knative
ContainerSource reference): it is a workload, judged on that pod spec. It was a custom
resource, not judged: a privileged event source passed unseen."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.kubernetes import kind_of
from gdcc_audit.settings import Settings

SOURCE = """\
apiVersion: sources.knative.dev/v1
kind: ContainerSource
metadata:
  name: heartbeats
  namespace: events
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: beat
          image: registry.example/heartbeats:1.0.0
          securityContext:
            privileged: true
  sink:
    ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: display}
---
apiVersion: sources.knative.dev/v1
kind: PingSource
metadata:
  name: ping
  namespace: events
spec:
  schedule: "*/2 * * * *"
  sink:
    ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: display}
"""


def test_container_source_is_a_workload(tmp_path: Path) -> None:
    assert kind_of({"apiVersion": "sources.knative.dev/v1", "kind": "ContainerSource"}) == (
        "ContainerSource.sources.knative.dev"
    )
    (tmp_path / "source.yaml").write_text(SOURCE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-001", "GDCC-K8S-004")))
    assert sorted((f.address, f.rule_id, f.status.value, f.evidence) for f in result.findings) == [
        ("ContainerSource.sources.knative.dev/events/heartbeats", "GDCC-K8S-001", "FAIL",
         {"privileged_container": True, "containers": ["beat"]}),
        ("ContainerSource.sources.knative.dev/events/heartbeats", "GDCC-K8S-004", "FAIL",
         {"host_namespaces": ["hostNetwork"]}),
    ]
    assert result.not_judged == {"PingSource": 1}
