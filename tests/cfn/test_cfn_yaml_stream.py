"""A YAML file holding several CloudFormation templates (``---``) was assessed on its first
template alone, in silence: a bucket of the second one that lets public policies in had no
finding. CloudFormation reads one template per file; each further template is now listed as
not assessed, with its line, and the file is partially assessed."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

STREAM = """\
Resources:
  First:
    Type: AWS::S3::Bucket
---
# a comment
Resources:
  Second:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration: {BlockPublicPolicy: false}
---
kind: not-a-template
"""


def test_further_templates_of_a_yaml_stream_are_listed(tmp_path: Path) -> None:
    (tmp_path / "stacks.yaml").write_text(STREAM, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-006",)))
    (item,) = result.inputs
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert item.line == 6
    assert item.error == (
        "YAML document 2 is another CloudFormation template: it is not assessed "
        "(CloudFormation reads one template per file; put each template in a file of its own)"
    )
    assert [(f.address, f.status) for f in result.findings] == [("First", Status.PASS)]


MISPLACED = """\
{
  "Resources": {
    "Table": {
      "Type": "AWS::DynamoDB::Table",
      "Properties": {
        "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": false}
      }
    },
    "AWSTemplateFormatVersion": "2010-09-09"
  }
}
"""


def test_a_misplaced_entry_in_resources_skips_that_entry_only(tmp_path: Path) -> None:
    # was not recognised at all, so the table's disabled recovery had no finding
    (tmp_path / "table.json").write_text(MISPLACED, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-BCK-001",)))
    (item,) = result.inputs
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert item.error == (
        "resource 'AWSTemplateFormatVersion' is not a mapping; that resource is skipped"
    )
    assert [(f.address, f.status, f.message.en) for f in result.findings] == [
        ("Table", Status.FAIL, "backups are off")
    ]
