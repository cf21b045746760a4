"""Typed lists (``RoleList``, ``RoleBindingList``, ``ConfigMapList``: what ``kubectl get -o
yaml`` writes, and how kube-prometheus ships its per-namespace Roles) are read item by item,
as ``kind: List`` is. A file holding only typed lists was *not recognised*: the Roles in it
were never judged (a Role reading every Secret of a namespace passed unseen) and the Role a
binding of another file names was "not scanned"."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.kubernetes import is_list, kind_of
from gdcc_audit.settings import Settings

ROLES = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleList
items:
- apiVersion: rbac.authorization.k8s.io/v1
  kind: Role
  metadata:
    name: reader
    namespace: apps
  rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["list"]
- apiVersion: rbac.authorization.k8s.io/v1
  kind: Role
  metadata:
    name: pods
    namespace: apps
  rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get"]
"""

CONFIG = """\
apiVersion: v1
kind: ConfigMapList
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: app
    namespace: apps
  data:
    DB_PASSWORD: "Sup3r-s3cret-Passw0rd!"
"""


def test_typed_lists_are_lists() -> None:
    assert is_list({"apiVersion": "v1", "kind": "ConfigMapList", "items": []})
    assert is_list({"apiVersion": "v1", "kind": "List"})
    assert kind_of({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleList",
                    "items": []}) == "List"
    # A kind named ...List without an items list is an object of that kind (a custom one).
    assert not is_list({"apiVersion": "example.com/v1", "kind": "AllowList", "spec": {}})
    assert kind_of({"apiVersion": "example.com/v1", "kind": "AllowList", "spec": {}}) is None


def test_roles_of_a_role_list_are_judged(tmp_path: Path) -> None:
    (tmp_path / "roles.yaml").write_text(ROLES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-016",)))
    assert [(i.path.rsplit("/", 1)[-1], i.status.value, i.resources) for i in result.inputs] == [
        ("roles.yaml", "assessed", 2)
    ]
    verdicts = sorted(
        (f.address, f.status.value, f.evidence, f.location.start_line) for f in result.findings
    )
    assert verdicts == [
        ("Role/apps/pods", "PASS", {"reads_secrets": False}, 13),
        ("Role/apps/reader", "FAIL", {"reads_secrets": True}, 4),
    ]


def test_config_map_list_items_are_searched_for_secrets(tmp_path: Path) -> None:
    (tmp_path / "config.yaml").write_text(CONFIG, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    assert [(f.address, f.status.value, f.evidence) for f in result.findings] == [
        ("ConfigMap/apps/app", "FAIL", {"paths": ["data.DB_PASSWORD"]})
    ]
