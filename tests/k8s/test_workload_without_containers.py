"""A workload whose pod spec lists no container is part of an object (the API server
refuses it: "containers: Required value"), such as kubeflow's tensorboard
``patches/add_service_account.yaml``, a kustomize patch no kustomization names. It was judged:
GDCC-K8S-007 and 008 FAILed "a container's root file system is writable" with no container,
GDCC-K8S-001, 003, 009, 010, 014 and 020 PASSed on none. It is counted as not judged."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.result import InputStatus

PATCH = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: deployment
spec:
  template:
    spec:
      serviceAccountName: tensorboard-controller
---
apiVersion: v1
kind: Pod
metadata: {name: empty}
spec: {containers: []}
---
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: web, image: "shop/web:1.0"}]
"""


def test_a_workload_without_containers_is_not_judged(tmp_path: Path) -> None:
    (tmp_path / "add_service_account.yaml").write_text(PATCH, encoding="utf-8")
    result = audit([tmp_path])
    assert sorted({f.address for f in result.findings}) == ["Pod/default/web"]
    assert result.not_judged == {
        "Deployment without containers (part of an object)": 1,
        "Pod without containers (part of an object)": 1,
    }
    (found,) = result.inputs
    assert found.status is InputStatus.ASSESSED
