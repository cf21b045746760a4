"""A List (``kind: List``, or a typed list) with one item that cannot be assessed (no kind,
not an object, no ``metadata.name``, containers that are not a list) loses that item only:
kubectl applies a List item by item. The whole List was *not assessed* ("a List item has no
kind"), so a Pod sharing the host's network beside the broken item was never judged; now the
file is partially assessed, each broken item named with its line, and the rest judged. A
binding lost this way still makes what it names not known (tests/test_lost_parts.py)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

LIST = """\
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: agent, namespace: apps}
  spec:
    hostNetwork: true
    containers: [{name: c, image: "nginx:1.25"}]
- 42
- apiVersion: v1
  kind: Pod
  spec:
    containers: [{name: c, image: "nginx:1.25"}]
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: apps}
  spec:
    template:
      spec:
        containers: nginx
-
"""


def test_the_other_items_are_judged(tmp_path: Path) -> None:
    (tmp_path / "list.yaml").write_text(LIST, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-004",)))
    [read] = result.inputs
    assert (read.status.value, read.resources, read.line, read.error) == (
        "partially_assessed", 1, 10, "a List item has no kind"
    )
    assert read.additional_errors == (
        "line 11: Pod has no metadata.name",
        "line 21: items.3.spec.template.spec.containers should be a list: not assessed",
    )
    assert [(f.address, f.status.value, f.message.en, f.location.start_line)
            for f in result.findings] == [
        ("Pod/apps/agent", "FAIL", "the pod shares the host's namespaces: hostNetwork", 4)
    ]


def test_a_list_with_every_item_broken_is_not_assessed(tmp_path: Path) -> None:
    (tmp_path / "list.yaml").write_text(
        "apiVersion: v1\nkind: List\nitems:\n- 42\n- kind: Pod\n", encoding="utf-8"
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-004",)))
    [read] = result.inputs
    assert (read.status.value, read.resources, read.line, read.error) == (
        "not_assessed", 0, 4, "a List item has no kind"
    )
    assert read.additional_errors == ("line 5: Pod has no metadata.name",)
    assert not result.findings
