"""Structural surprises are reported with their line (never accepted silently), and a
multi-document file keeps the documents that can be read."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit import audit
from gdcc_audit.models.result import AuditResult, InputFile, InputStatus
from gdcc_audit.settings import Settings

POD = (
    "apiVersion: v1\nkind: Pod\nmetadata: {name: %s}\nspec:\n"
    "  containers: [{name: a, image: nginx}]\n"
)


def _one(tmp_path: Path, name: str, text: str, settings: Settings) -> tuple[InputFile, AuditResult]:
    (tmp_path / name).write_text(text)
    result = audit([tmp_path], settings)
    (item,) = result.inputs
    return item, result


def _names(result: AuditResult) -> list[str]:
    return sorted(r.name for r in result.resources)


def test_multi_document_yaml_keeps_its_valid_documents(tmp_path: Path, settings: Settings) -> None:
    text = "---\n".join(
        [POD % "good1", "- a list document\n", "just a scalar\n", POD % "good2",
         "key: [unclosed\n", POD % "good3"]
    )  # fmt: skip
    item, result = _one(tmp_path, "pods.yaml", text, settings)
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    # the error names the document it loses and its lines (the parser reports the error on
    # the next document's ``---``, line 18)
    assert (item.line, item.error) == (
        18, "invalid YAML: did not find expected ',' or ']': document 5 (line 17) not assessed"
    )
    assert item.additional_errors == (
        "line 7: document 2 is a list, not a Kubernetes object: not assessed",
        "line 9: document 3 is a scalar, not a Kubernetes object: not assessed",
    )
    assert _names(result) == ["default/Pod/good1", "default/Pod/good2", "default/Pod/good3"]


def test_a_too_deep_document_loses_only_itself(tmp_path: Path, settings: Settings) -> None:
    deep = "x: " + "[" * 80 + "]" * 80 + "\n"
    item, result = _one(tmp_path, "pods.yaml", "---\n".join([POD % "a", deep, POD % "b"]),
                        settings)
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert item.error == (
        "nested deeper than 64 levels (the limit for every input file): document 2 (line 7) "
        "not assessed"
    )
    assert item.line == 7
    assert _names(result) == ["default/Pod/a", "default/Pod/b"]


def test_kubernetes_containers_of_the_wrong_type(tmp_path: Path, settings: Settings) -> None:
    text = (
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: "nginx"\n---\n'
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n"
        '    spec:\n      containers:\n        - "just a string"\n---\n' + POD % "ok"
    )
    item, result = _one(tmp_path, "k8s.yaml", text, settings)
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert (item.line, item.error) == (5, "spec.containers should be a list: not assessed")
    assert item.additional_errors == (
        "line 14: spec.template.spec.containers.0 should be an object: not assessed",
    )
    assert _names(result) == ["default/Pod/ok"]


def test_cloudformation_properties_of_the_wrong_type(tmp_path: Path, settings: Settings) -> None:
    text = (
        'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n'
        "    Properties: [1, 2]\n  Ok:\n    Type: AWS::S3::Bucket\n"
    )
    item, result = _one(tmp_path, "t.yaml", text, settings)
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert (item.line, item.error) == (
        5,
        "resource 'B': Properties should be a mapping, not list; that resource is skipped",
    )
    assert [r.name for r in result.resources] == ["Ok"]


def test_plan_resources_that_are_not_a_list(tmp_path: Path, settings: Settings) -> None:
    text = (
        '{"format_version": "1.2", "planned_values": {"root_module": {\n'
        '  "resources": "oops",\n  "child_modules": [{"resources": [42]}]}}}\n'
    )
    item, _ = _one(tmp_path, "plan.json", text, settings)
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert (item.line, item.field, item.error) == (
        2,
        "planned_values.root_module.resources",
        "planned_values.root_module.resources should be a list, not a string: not assessed",
    )
    assert item.additional_errors == (
        "line 3: planned_values.root_module.child_modules.0.resources.0 should be an object, "
        "not a number: not assessed",
    )
