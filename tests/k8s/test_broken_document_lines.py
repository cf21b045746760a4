"""A multi-document manifest with one document the YAML parser cannot read keeps the others
(load/yamltree.salvage_documents), and the error now says which document it loses and its
lines: it named the line the parser stopped at only ("invalid YAML: did not find expected
',' or '}'" at line 19, the next document's ``---``), not the Deployment lost above it."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MANIFEST = """\
apiVersion: v1
kind: ServiceAccount
metadata:
  name: app
  namespace: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.25
        securityContext: {privileged: true
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: shop
spec:
  containers:
  - name: c
    image: nginx:1.25
    securityContext:
      privileged: true
"""


def test_the_lost_document_and_its_lines_are_named(tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text(MANIFEST, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-001",)))
    [read] = result.inputs
    assert (read.status.value, read.resources, read.line) == ("partially_assessed", 2, 19)
    assert read.error == (
        "invalid YAML: did not find expected ',' or '}': document 2 (lines 7-18) not assessed"
    )
    assert [(f.address, f.status.value) for f in result.findings] == [("Pod/shop/debug", "FAIL")]


def test_a_broken_last_document_runs_to_the_end(tmp_path: Path) -> None:
    cut = MANIFEST.rsplit("      privileged: true", 1)[0] + "      privileged: [true\n"
    (tmp_path / "app.yaml").write_text(cut, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-001",)))
    [read] = result.inputs
    assert read.error is not None
    assert read.error.endswith(": document 2 (lines 7-18) not assessed")
    assert read.additional_errors[-1].endswith(": document 3 (lines 20-30) not assessed")
