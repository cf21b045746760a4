"""``choices.choices`` and ``choices.alternatives`` are asked of each template one after the
other (the CloudFormation and Heat mappers); the names its resources and conditions use
(``_used``, a walk over the whole template) are found once for both, not once each
(heat-templates: 98 walks, half of them again). Another template is walked again; the
answers are those of the walk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.load.interface import Document
from gdcc_audit.normalize.cloudformation import choices

TEMPLATE: dict[str, Any] = {
    "Parameters": {
        "Size": {"Type": "String", "Default": "small", "AllowedValues": ["small", "large"]},
        "Zone": {"Type": "String", "AllowedValues": ["a", "b"]},
    },
    "Conditions": {"Big": {"Fn::Equals": [{"Ref": "Size"}, "large"]}},
    "Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {
        "BucketName": {"Fn::Sub": "logs-${Zone}"}}}},
}


def _document(data: dict[str, Any]) -> Document:
    return Document(path=Path("t.yaml"), format="cloudformation", data=data)


def test_one_walk_for_both_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    walked: list[Any] = []
    walk = choices._used

    def counted(template: Any, dialect: Any) -> set[str]:
        walked.append(template)
        return walk(template, dialect)

    monkeypatch.setattr(choices, "_used", counted)
    monkeypatch.setattr(choices, "_LAST_USED", [])
    document = _document(TEMPLATE)
    chosen = choices.choices(document, {})
    others = choices.alternatives(document, {})
    assert [c.values for c in chosen] == [{"Zone": "a"}, {"Zone": "b"}]
    assert [a.values for a in others] == [{"Size": "large"}]
    assert len(walked) == 1  # before: 2
    # another template (equal, not the same): walked again
    again = _document({**TEMPLATE})
    assert [c.values for c in choices.choices(again, {})] == [{"Zone": "a"}, {"Zone": "b"}]
    assert len(walked) == 2
