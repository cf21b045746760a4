"""A Knative Service is published on the external gateway unless labelled
``networking.knative.dev/visibility: cluster-local``; whether the cluster has an external
domain is not in the manifests, so the graph gives it an uncertain edge from the internet on
its container port (8080 when it declares none). A port the internet may reach is then not a
PASS of GDCC-GRAPH-002."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MANIFEST = """\
apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: shell
  namespace: apps
spec:
  template:
    spec:
      containers:
        - name: sshd
          image: ghcr.io/acme/sshd:1.0
          ports:
            - containerPort: 22
---
apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: internal-shell
  namespace: apps
  labels:
    networking.knative.dev/visibility: cluster-local
spec:
  template:
    spec:
      containers:
        - name: sshd
          image: ghcr.io/acme/sshd:1.0
          ports:
            - containerPort: 22
"""


def test_published_knative_services_may_be_reached_from_the_internet(tmp_path: Path) -> None:
    (tmp_path / "ksvc.yaml").write_text(MANIFEST, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: f for f in result.findings}
    published = found["Service.serving.knative.dev/apps/shell"]
    assert published.status.value == "UNKNOWN"
    assert published.message.en == (
        "management port 22 reachable from the internet if what is not known allows it: "
        "internet → apps/Service.serving.knative.dev/shell:22"
    )
    assert published.evidence["path_certain"] is False
    # the cluster-local one is reached only through the published pod (no NetworkPolicy)
    internal = found["Service.serving.knative.dev/apps/internal-shell"]
    assert internal.status.value == "UNKNOWN"
    assert internal.evidence["path"] == (
        "internet → apps/Service.serving.knative.dev/shell:22 → "
        "apps/Service.serving.knative.dev/internal-shell:22"
    )


def test_cluster_local_knative_services_are_not_published(tmp_path: Path) -> None:
    (tmp_path / "ksvc.yaml").write_text(MANIFEST.split("---\n")[1], encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    assert [(f.address, f.status.value) for f in result.findings] == [
        ("Service.serving.knative.dev/apps/internal-shell", "PASS")
    ]
