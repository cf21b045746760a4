"""GDCC-LOG-001 on a CloudFormation ``AWS::CloudTrail::Trail`` or ``AWS::EC2::FlowLog`` was
always "log retention is not known". As for Terraform's trails and flow logs
(``normalize.log_retention``), the records are kept where they are delivered: the template's
``AWS::S3::Bucket`` keeps objects until an enabled ``LifecycleConfiguration`` rule covering
every object expires them; an ``AWS::Logs::LogGroup`` without ``RetentionInDays`` never
expires them; a trail with a log group too is kept as long as the longer copy. A rule with a
``Prefix`` (which objects it covers is not compared) or a bucket outside the template: still
UNKNOWN."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  ArchiveBucket:
    Type: AWS::S3::Bucket
    Properties:
      LifecycleConfiguration:
        Rules:
          - Id: archive
            Status: Enabled
            Transitions: [{StorageClass: GLACIER, TransitionInDays: 30}]
            NoncurrentVersionExpiration: {NoncurrentDays: 30}
          - Id: off
            Status: Disabled
            ExpirationInDays: 7
  ShortBucket:
    Type: AWS::S3::Bucket
    Properties:
      LifecycleConfiguration:
        Rules:
          - Status: Enabled
            ExpirationInDays: 30
  PrefixBucket:
    Type: AWS::S3::Bucket
    Properties:
      LifecycleConfiguration:
        Rules:
          - Status: Enabled
            Prefix: tmp/
            ExpirationInDays: 30
  Forever:
    Type: AWS::Logs::LogGroup
  Month:
    Type: AWS::Logs::LogGroup
    Properties: {RetentionInDays: 30}
  ArchiveTrail:
    Type: AWS::CloudTrail::Trail
    Properties: {IsLogging: true, S3BucketName: !Ref ArchiveBucket}
  ShortTrail:
    Type: AWS::CloudTrail::Trail
    Properties: {IsLogging: true, S3BucketName: !Ref ShortBucket}
  BothTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: !Ref ShortBucket
      CloudWatchLogsLogGroupArn: !GetAtt Forever.Arn
      CloudWatchLogsRoleArn: arn:aws:iam::123456789012:role/trail
  PrefixTrail:
    Type: AWS::CloudTrail::Trail
    Properties: {IsLogging: true, S3BucketName: !Ref PrefixBucket}
  OutsideTrail:
    Type: AWS::CloudTrail::Trail
    Properties: {IsLogging: true, S3BucketName: audit-bucket-of-another-account}
  BucketFlow:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: vpc-0abc
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: !GetAtt ShortBucket.Arn
  PrefixedFlow:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: vpc-0abc
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: !Sub "${ArchiveBucket.Arn}/flows/"
  GroupFlow:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: vpc-0abc
      ResourceType: VPC
      TrafficType: ALL
      LogGroupName: !Ref Month
      DeliverLogsPermissionArn: arn:aws:iam::123456789012:role/flows
"""


def test_trails_and_flow_logs_kept_as_their_bucket_and_log_group_keep_them(
    tmp_path: Path,
) -> None:
    (tmp_path / "logging.yaml").write_text(TEMPLATE)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-LOG-001",)))
    found = {
        f.address: (f.status.value, f.message.en)
        for f in result.findings
        if f.address.endswith(("Trail", "Flow"))
    }
    assert found["ArchiveTrail"] == (
        "PASS",
        "Logs and traffic data are kept for at least 90 days (its bucket ArchiveBucket has "
        "no lifecycle rule expiring objects: S3 keeps an object until it is deleted)",
    )
    assert found["ShortTrail"] == (
        "FAIL",
        "log retention is 30 days; at least 90 days required (a lifecycle rule of its bucket "
        "ShortBucket expires objects after 30 days)",
    )
    assert found["BothTrail"] == (
        "PASS",
        "Logs and traffic data are kept for at least 90 days (its CloudWatch log group "
        "Forever keeps the events it delivers)",
    )
    assert found["PrefixTrail"][0] == "UNKNOWN"
    assert found["OutsideTrail"][0] == "UNKNOWN"
    assert found["BucketFlow"][0] == "FAIL"
    assert "ShortBucket expires objects after 30 days" in found["BucketFlow"][1]
    assert found["PrefixedFlow"][0] == "PASS"
    assert "its bucket ArchiveBucket has no lifecycle rule" in found["PrefixedFlow"][1]
    assert found["GroupFlow"][0] == "FAIL"
    assert found["GroupFlow"][1].startswith("log retention is 30 days")
    thai = {f.address: f.message.th for f in result.findings}
    assert "กฎ lifecycle ของบักเก็ต ShortBucket" in thai["ShortTrail"]


NAMED = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Archive:
    Type: AWS::S3::Bucket
    Properties: {BucketName: audit-archive}
  Flows:
    Type: AWS::Logs::LogGroup
    Properties: {LogGroupName: vpc-flows, RetentionInDays: 30}
  NamedTrail:
    Type: AWS::CloudTrail::Trail
    Properties: {IsLogging: true, S3BucketName: audit-archive}
  NamedBucketFlow:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: vpc-0abc
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: arn:aws:s3:::audit-archive/flows/
  NamedGroupFlow:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: vpc-0abc
      ResourceType: VPC
      TrafficType: ALL
      LogGroupName: vpc-flows
      DeliverLogsPermissionArn: arn:aws:iam::123456789012:role/flows
"""


def test_a_literal_name_is_the_templates_bucket_or_log_group_of_that_name(
    tmp_path: Path,
) -> None:
    # it was: each UNKNOWN "log retention is not known" (a literal name was never matched)
    (tmp_path / "logging.yaml").write_text(NAMED)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-LOG-001",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    kept = (
        "PASS",
        "Logs and traffic data are kept for at least 90 days (its bucket Archive has no "
        "lifecycle rule expiring objects: S3 keeps an object until it is deleted)",
    )
    assert found["NamedTrail"] == kept
    assert found["NamedBucketFlow"] == kept
    assert found["NamedGroupFlow"][0] == "FAIL"
    assert found["NamedGroupFlow"][1].startswith("log retention is 30 days")
