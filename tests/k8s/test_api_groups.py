"""Kinds are read in their API group: a Knative ``Service`` / ``Configuration`` / ``Revision``
(``serving.knative.dev``) runs pods from a pod template and is judged as a workload (it was
read as a core Service, its containers never judged: a privileged Knative container passed
unseen); a built-in kind's name in another group (Crossplane's ``Configuration``, a ``Role``
of a cloud operator) is a custom resource, not judged, never read as the built-in kind."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.kubernetes import kind_of
from gdcc_audit.settings import Settings

KNATIVE = """\
apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: hello
  namespace: apps
spec:
  template:
    spec:
      containers:
        - name: user
          image: ghcr.io/acme/hello:1.0
          securityContext:
            privileged: true
---
apiVersion: serving.knative.dev/v1
kind: Configuration
metadata:
  name: calc
spec:
  template:
    spec:
      containers:
        - image: ghcr.io/acme/calc:2.1
          securityContext:
            privileged: false
---
apiVersion: serving.knative.dev/v1
kind: Revision
metadata:
  name: calc-00001
spec:
  containers:
    - name: calc
      image: ghcr.io/acme/calc:2.1
      securityContext:
        capabilities:
          add: [SYS_ADMIN]
---
apiVersion: pkg.crossplane.io/v1
kind: Configuration
metadata:
  name: platform
spec:
  package: xpkg.upbound.io/acme/platform:v1
---
apiVersion: iam.cnrm.cloud.google.com/v1beta1
kind: Role
metadata:
  name: custom
spec:
  permissions: ["*"]
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: apps
spec:
  type: ClusterIP
  ports:
    - port: 80
"""


def test_kind_of_reads_the_api_group() -> None:
    assert kind_of({"apiVersion": "serving.knative.dev/v1", "kind": "Service"}) == (
        "Service.serving.knative.dev"
    )
    assert kind_of({"apiVersion": "v1", "kind": "Service"}) == "Service"
    assert kind_of({"apiVersion": "apps/v1", "kind": "Deployment"}) == "Deployment"
    assert kind_of({"apiVersion": "extensions/v1beta1", "kind": "Deployment"}) == "Deployment"
    # A core apiVersion serves no custom resource: a v1 CronJob is a mistyped CronJob.
    assert kind_of({"apiVersion": "v1", "kind": "CronJob"}) == "CronJob"
    assert kind_of({"apiVersion": "pkg.crossplane.io/v1", "kind": "Configuration"}) is None
    assert kind_of({"apiVersion": "example.com/v1", "kind": "Deployment"}) is None
    assert kind_of({"apiVersion": "iam.cnrm.cloud.google.com/v1beta1", "kind": "Role"}) is None


def test_knative_workloads_are_judged_by_their_pod_template(tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text(KNATIVE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-001", "GDCC-K8S-009")))
    verdicts = sorted((f.address, f.rule_id, f.status.value, f.evidence) for f in result.findings)
    assert verdicts == [
        ("Configuration.serving.knative.dev/default/calc", "GDCC-K8S-001", "PASS",
         {"privileged_container": False}),
        ("Configuration.serving.knative.dev/default/calc", "GDCC-K8S-009", "PASS",
         {"dangerous_capabilities": []}),
        ("Revision.serving.knative.dev/default/calc-00001", "GDCC-K8S-001", "PASS",
         {"privileged_container": False}),
        ("Revision.serving.knative.dev/default/calc-00001", "GDCC-K8S-009", "FAIL",
         {"dangerous_capabilities": ["SYS_ADMIN"]}),
        ("Service.serving.knative.dev/apps/hello", "GDCC-K8S-001", "FAIL",
         {"containers": ["user"], "privileged_container": True}),
        ("Service.serving.knative.dev/apps/hello", "GDCC-K8S-009", "PASS",
         {"dangerous_capabilities": []}),
    ]
    kinds = {r.address: (r.kind, r.provider_type) for r in result.resources}
    assert kinds["Service.serving.knative.dev/apps/hello"] == (
        "k8s.workload", "Service.serving.knative.dev"
    )
    assert kinds["Service/apps/web"] == ("k8s.service", "Service")


def test_clashing_custom_kinds_are_not_judged_as_built_in(tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text(KNATIVE, encoding="utf-8")
    result = audit([tmp_path], Settings())
    assert result.not_judged == {
        "Configuration": 1,
        "Role.iam.cnrm.cloud.google.com": 1,
    }
    assert not any(r.address.startswith(("Role/", "Configuration/")) for r in result.resources)


def test_a_knative_only_file_is_recognised(tmp_path: Path) -> None:
    (tmp_path / "svc.yaml").write_text(KNATIVE.split("---\n", maxsplit=1)[0], encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-001",)))
    assert [i.status.value for i in result.inputs] == ["assessed"]
    assert [(f.address, f.status.value) for f in result.findings] == [
        ("Service.serving.knative.dev/apps/hello", "FAIL")
    ]
