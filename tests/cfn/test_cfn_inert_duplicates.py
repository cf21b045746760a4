"""A CloudFormation template with a key written twice only in sections that configure no
resource (the template's ``Metadata``, such as a console parameter label of
``AWS::CloudFormation::Interface``, its ``Description`` or ``Outputs``) is assessed with a
warning: it was not assessed at all (the AWS startup-kit VPC templates label ``SSHFrom``
twice). A key written twice in a resource leaves that resource not assessed (which value
AWS reads is undefined): the rest of the template is assessed (the whole file was not;
serverless-patterns' sam-webapp-cognito writes a cache policy's ``Name`` twice)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

LABELLED_TWICE = """\
Metadata:
  AWS::CloudFormation::Interface:
    ParameterLabels:
      SSHFrom: {default: SSH from}
      SSHFrom: {default: Allowed SSH range}
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration: {Status: Enabled}
"""
IN_A_RESOURCE = """\
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration: {Status: Enabled}
      VersioningConfiguration: {Status: Suspended}
"""


def test_duplicates_that_configure_nothing(tmp_path: Path) -> None:
    (tmp_path / "labelled.yaml").write_text(LABELLED_TWICE, encoding="utf-8")
    (tmp_path / "resource.yaml").write_text(IN_A_RESOURCE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-005",), cache=False))
    found = {Path(i.path).name: i for i in result.inputs}
    labelled, resource = found["labelled.yaml"], found["resource.yaml"]
    assert (labelled.status, labelled.error, labelled.warnings) == (
        InputStatus.ASSESSED,
        None,
        (
            "line 5: Metadata.AWS::CloudFormation::Interface.ParameterLabels.SSHFrom: "
            "duplicate key 'SSHFrom' (first at line 4): in the template's Metadata, which "
            "configures no resource: read keeping the last value, the value at line 4 is "
            "ignored",
        ),
    )
    # its only resource is skipped but read for the secrets written in either value (aws17)
    assert resource.status == InputStatus.PARTIALLY_ASSESSED
    assert [(f.address, f.status) for f in result.findings] == [("Logs", Status.PASS)]


TWO_RESOURCES = """\
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration: {Status: Enabled}
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: data
      BucketName: other-data
"""


def test_a_key_written_twice_in_one_resource_skips_that_resource(tmp_path: Path) -> None:
    (tmp_path / "two.yaml").write_text(TWO_RESOURCES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-005",), cache=False))
    [found] = result.inputs
    assert (found.status, found.line, found.error) == (
        InputStatus.PARTIALLY_ASSESSED,
        10,
        "resource 'Data': key 'BucketName' is written twice (first at line 9); AWS "
        "CloudFormation's handling of a key written twice is undefined, so which value "
        "counts is not known: that resource is skipped (only the secrets written in either "
        "value are reported)",
    )
    assert [(f.address, f.status) for f in result.findings] == [("Logs", Status.PASS)]


SAME_TWICE = """\
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {"InstanceType": {"Type": "String", "Default": "m1.small"}},
  "Mappings": {
    "AWSInstanceType2Arch": {
      "m1.small": {"Arch": "64"},
      "m1.medium": {"Arch": "64"},
      "m1.medium": {"Arch": "64"}
    }
  },
  "Resources": {
    "Logs": {
      "Type": "AWS::S3::Bucket",
      "Properties": {
        "VersioningConfiguration": {"Status": "Enabled"},
        "VersioningConfiguration": {"Status": "Enabled"}
      }
    }
  }
}
"""


def test_a_key_written_twice_with_the_same_value_is_read_once(tmp_path: Path) -> None:
    """Whichever value CloudFormation keeps is the same one: openstack heat-templates'
    ``Rails_Single_Instance.template`` copies an instance type entry in ``Mappings`` and was
    not assessed at all; in a resource, that resource was skipped. Different values still
    skip the resource (above) or refuse the template."""
    (tmp_path / "same.template").write_text(SAME_TWICE, encoding="utf-8")
    (tmp_path / "differ.template").write_text(
        SAME_TWICE.replace('"m1.medium": {"Arch": "64"}\n', '"m1.medium": {"Arch": "32"}\n'),
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-005",), cache=False))
    found = {Path(i.path).name: i for i in result.inputs}
    same, differ = found["same.template"], found["differ.template"]
    assert (same.status, same.error) == (InputStatus.ASSESSED, None)
    assert same.warnings == (
        "line 8: Mappings.AWSInstanceType2Arch.m1.medium: duplicate key 'm1.medium' (first at "
        "line 7): the same value both times, so whichever CloudFormation keeps: read once",
        "line 16: Resources.Logs.Properties.VersioningConfiguration: duplicate key "
        "'VersioningConfiguration' (first at line 15): the same value both times, so "
        "whichever CloudFormation keeps: read once",
    )
    assert differ.status is InputStatus.NOT_ASSESSED
    assert [
        (f.location.file.endswith("same.template"), f.address, f.status)
        for f in result.findings
        if f.location is not None
    ] == [(True, "Logs", Status.PASS)]
