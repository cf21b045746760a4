"""A Knative Service is published on the external gateway unless labelled
``networking.knative.dev/visibility: cluster-local``; whether the cluster has an external
domain is not in the manifests, so the graph gives it an uncertain edge from the internet on
its container port (8080 when it declares none). A port the internet may reach is then not a
PASS of GDCC-GRAPH-002."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.normalize.kubernetes.knative import route_domain
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


def _config_domain(data: str) -> str:
    return f"""\
---
apiVersion: v1
kind: ConfigMap
metadata: {{name: config-domain, namespace: knative-serving}}
data:
{data}"""


SHELL = MANIFEST.split("---\n", maxsplit=1)[0]


@pytest.mark.parametrize(
    ("data", "status"),
    [
        # the configured default is the cluster-local domain: Knative makes the Route
        # cluster-local (routeVisibility), off the external gateway
        ('  svc.cluster.local: ""\n', "PASS"),  # was UNKNOWN
        # only selected Routes get the external domain; the default is svc.cluster.local
        ('  apps.example.com: |\n    selector: {public: "yes"}\n', "PASS"),  # was UNKNOWN
        # an external default domain: published (the gateway's reach is not known)
        ('  apps.example.com: ""\n', "UNKNOWN"),
        # the install's own ConfigMap: the operator sets the domain after installing
        ("  _example: |\n    example.com: |\n", "UNKNOWN"),
    ],
)
def test_config_domain_decides_whether_a_knative_service_is_published(
    tmp_path: Path, data: str, status: str
) -> None:
    (tmp_path / "ksvc.yaml").write_text(SHELL + _config_domain(data), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: f for f in result.findings}
    assert found["Service.serving.knative.dev/apps/shell"].status.value == status


def test_the_default_domain_job_may_set_a_public_domain(tmp_path: Path) -> None:
    """Knative's ``default-domain`` Job writes a magic DNS domain at run time when the
    default one is ``svc.cluster.local``: still not known."""
    job = """\
---
apiVersion: batch/v1
kind: Job
metadata: {name: default-domain, namespace: knative-serving}
spec:
  template:
    spec:
      containers: [{name: default-domain, image: "gcr.io/knative-releases/default-domain:1.0"}]
"""
    text = SHELL + _config_domain('  svc.cluster.local: ""\n') + job
    (tmp_path / "ksvc.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    found = {f.address: f for f in result.findings}
    assert found["Service.serving.knative.dev/apps/shell"].status.value == "UNKNOWN"


def test_route_domain_follows_knative() -> None:
    domains = [["b.example.com", {}], ["a.example.com", {}], ["team.example.com", {"t": "x"}]]
    assert route_domain({}, domains) == "a.example.com"  # same specificity: first by name
    assert route_domain({"t": "x"}, domains) == "team.example.com"  # most specific
    assert route_domain({}, [["team.example.com", {"t": "x"}]]) == "svc.cluster.local"
