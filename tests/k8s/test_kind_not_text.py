"""A List item whose ``kind`` is not text (a YAML tag such as ``!Ref ServiceAccount`` read as a
mapping) crashed the loader while it collected the names a lost object configures
(``TypeError: unhashable type: 'dict'``), losing the whole scan; the fuzz test found it."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.kubernetes import object_names
from gdcc_audit.settings import Settings

MANIFEST = """\
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: {Ref: ServiceAccount}
    metadata: {name: odd}
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: bind, namespace: apps}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
    subjects: [{kind: ServiceAccount, name: app, namespace: apps}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: app, namespace: apps}
"""


def test_a_kind_that_is_not_text_configures_nothing() -> None:
    names = object_names(
        {"kind": "List", "items": [{"kind": {"Ref": "RoleBinding"}, "subjects": ["x"]}]}
    )
    assert names == ()


def test_the_rest_of_the_file_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "list.yaml").write_text(MANIFEST, encoding="utf-8")
    result = audit([tmp_path], Settings())
    (entry,) = result.inputs
    assert entry.status.value == "partially_assessed"
    assert "ServiceAccount/apps/app" in {r.address for r in result.resources}
