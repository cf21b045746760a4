"""A CloudFormation resource with a key written twice and no Type (or Properties that are no
mapping) crashed the mapper's read of written-twice resources for their secrets (KeyError
'Type', found by tests/hardening/test_fuzz_properties.py): the whole file's mapping was lost
to "internal error while mapping it". Such a body is no resource: the loader's error says it
is skipped, and the template's other resources are judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings


@pytest.mark.parametrize("body", [
    '{"Properties": {"X": 1}, "Properties": {"X": 2}}',
    '{"Type": "AWS::S3::Bucket", "Properties": 1, "Properties": 2}',
])
def test_a_written_twice_body_that_is_no_resource_does_not_crash(
    tmp_path: Path, body: str
) -> None:
    (tmp_path / "t.json").write_text(
        '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {'
        '"A": {"Type": "AWS::S3::Bucket"}, "B": ' + body + "}}",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    (read,) = result.inputs
    assert not any("internal error" in e for e in read.additional_errors), read
    assert read.error is not None
    assert "written twice" in read.error
    assert [f.address for f in result.findings] == ["A"]
