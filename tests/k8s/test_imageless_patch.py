"""A workload with a container that names no image is part of an object: the API server
refuses it ("spec.template.spec.containers[0].image: Required value"). Such a file is a
kustomize strategic merge patch no kustomization of the scan names (kubebuilder's
``config/default/manager_webhook_patch.yaml``, commented out in its kustomization): its
``manager`` container, merged by name into the base's, adds ports and mounts only. Judged as a
whole Deployment it FAILed the container rules for settings the base holds (no limits, no
probes, ``runAsNonRoot`` not set). It is counted as not judged, as a workload without
containers is. OpenShift's DeploymentConfig keeps being judged (its image change triggers fill
in a container's image), and so does a whole workload beside the patch."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.result import InputStatus

PATCH = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: controller-manager
  namespace: system
spec:
  template:
    spec:
      containers:
      - name: kube-rbac-proxy
        image: quay.io/brancz/kube-rbac-proxy:v0.4.0
        ports: [{containerPort: 8443, name: https}]
      - name: manager
        ports: [{containerPort: 443, name: webhook-server}]
        volumeMounts: [{mountPath: /tmp/certs, name: cert, readOnly: true}]
      volumes: [{name: cert, secret: {secretName: webhook-server-cert}}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers: [{name: wait, image: ""}]
          containers: [{name: report, image: "shop/report:1.0"}]
---
apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata: {name: legacy}
spec:
  template:
    spec:
      containers: [{name: legacy}]
  triggers:
  - type: ImageChange
    imageChangeParams:
      automatic: true
      containerNames: [legacy]
      from: {kind: ImageStreamTag, name: "legacy:latest"}
---
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: web, image: "shop/web:1.0"}]
"""


def test_a_workload_with_a_container_without_image_is_not_judged(tmp_path: Path) -> None:
    (tmp_path / "manager_webhook_patch.yaml").write_text(PATCH, encoding="utf-8")
    result = audit([tmp_path])
    assert sorted({f.address for f in result.findings if f.rule_id.startswith("GDCC-K8S")}) == [
        "DeploymentConfig/default/legacy", "Pod/default/web"
    ]
    assert result.not_judged == {
        "Deployment with a container without image (part of an object)": 1,
        "CronJob with a container without image (part of an object)": 1,
    }
    (found,) = result.inputs
    assert found.status is InputStatus.ASSESSED
