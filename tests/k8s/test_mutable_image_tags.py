"""GDCC-K8S-011 took only a missing tag and ``latest`` as mutable: metrics-server's base
manifest, ``gcr.io/k8s-staging-metrics-server/metrics-server:master``, PASSed "Images are
pinned". A tag without a digit names a branch or release channel (``master``, ``stable``,
``alpine``), which moves with each build or release; a version tag holds a digit."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.kubernetes.workload import mutable_image
from gdcc_audit.settings import Settings

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: metrics-server, namespace: kube-system}
spec:
  selector: {matchLabels: {app: m}}
  template:
    metadata: {labels: {app: m}}
    spec:
      containers:
        - {name: metrics-server, image: "gcr.io/k8s-staging-metrics-server/metrics-server:master"}
        - {name: proxy, image: "nginx:stable-alpine"}
        - {name: pinned, image: "registry.k8s.io/metrics-server/metrics-server:v0.9.0"}
"""


def test_a_branch_tag_fails(tmp_path: Path) -> None:
    (tmp_path / "deployment.yaml").write_text(DEPLOYMENT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-011",)))
    (finding,) = result.findings
    assert finding.address == "Deployment/kube-system/metrics-server"
    assert finding.status is Status.FAIL  # was PASS
    assert finding.message.en == (
        "images by mutable tag: gcr.io/k8s-staging-metrics-server/metrics-server:master, "
        "nginx:stable-alpine"
    )


@pytest.mark.parametrize(
    ("image", "mutable"),
    [
        ("nginx", True),
        ("nginx:latest", True),
        ("node:lts", True),
        ("redis:alpine", True),
        ("registry.example:5000/team/app:main", True),
        ("nginx:1.25-alpine", False),
        ("mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", False),
        ("quay.io/minio/minio:RELEASE.2022-02-01T18-00-14Z", False),
        ("app@sha256:" + "a" * 64, False),
        ("registry.example:5000/app", True),
    ],
)
def test_which_tags_are_mutable(image: str, mutable: bool) -> None:
    assert mutable_image(image) is mutable


def test_an_image_two_containers_share_is_named_once(tmp_path: Path) -> None:
    """argo-cd's repo server and its copyutil init container both run
    ``quay.io/argoproj/argocd:latest``: the message named it twice."""
    (tmp_path / "app.yaml").write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: repo, namespace: cd}\n"
        "spec:\n  selector: {matchLabels: {app: repo}}\n  template:\n"
        "    metadata: {labels: {app: repo}}\n    spec:\n"
        "      initContainers: [{name: copyutil, image: 'quay.io/argoproj/argocd:latest'}]\n"
        "      containers: [{name: repo, image: 'quay.io/argoproj/argocd:latest'}]\n",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-011",)))
    (repo,) = [f for f in result.findings if f.address == "Deployment/cd/repo"]
    assert repo.message.en == "images by mutable tag: quay.io/argoproj/argocd:latest"
