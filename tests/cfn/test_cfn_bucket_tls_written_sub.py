"""GDCC-DATA-008 on an S3 bucket whose policy's ``aws:SecureTransport`` Deny names its
``Resource`` with ``Fn::Sub`` over a variable map or a ``Ref`` to the bucket
(aws-samples/aws-cloudformation-security-automation-for-wazuh ``rWebContentS3Policy``:
``!Sub ["arn:${Partition}:s3:::${rWebContentBucket}", {Partition: !If [GovCloudCondition,
aws-us-gov, aws]}]``): the variables were read as parameters (any text, a wildcard too), so
whether the Deny takes in every object was not known: UNKNOWN "whether only encrypted
connections (TLS) are accepted is not known". A variable of the map written in every branch,
a pseudo parameter and a ``Ref`` to a resource of the template (a bucket's name) hold no
wildcard: a Deny naming the bucket alone leaves its objects served over HTTP (FAIL), one
naming ``.../*`` takes them in (PASS). A custom resource's value or a parameter stays
UNKNOWN."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Name: {Type: String}
Conditions:
  GovCloud: !Equals [!Ref "AWS::Partition", aws-us-gov]
Resources:
  Custom:
    Type: AWS::CloudFormation::CustomResource
    Properties: {ServiceToken: arn:aws:lambda:us-east-1:111122223333:function:x}
"""


def _bucket(name: str, resource: str) -> str:
    return f"""\
  {name}:
    Type: AWS::S3::Bucket
  {name}Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref {name}
      PolicyDocument:
        Statement:
          - Sid: EnforceSecureTransport
            Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource: {resource}
            Condition: {{Bool: {{"aws:SecureTransport": "false"}}}}
"""


_SUB_MAP = (
    '!Sub ["arn:${{Partition}}:s3:::${{{name}}}{tail}", '
    "{{Partition: !If [GovCloud, aws-us-gov, aws]}}]"
)


def _found(tmp_path: Path) -> dict[str | None, tuple[str, str]]:
    text = TEMPLATE + "".join(
        (
            _bucket("BucketOnly", _SUB_MAP.format(name="BucketOnly", tail="")),
            _bucket("Objects", "[" + _SUB_MAP.format(name="Objects", tail="") + ", "
                    + _SUB_MAP.format(name="Objects", tail="/*") + "]"),
            _bucket("PseudoBucketOnly", '!Sub "arn:${AWS::Partition}:s3:::${PseudoBucketOnly}"'),
            _bucket("FromCustom", '!Sub "arn:aws:s3:::${Custom}"'),
            _bucket("FromParameter", '!Sub "arn:aws:s3:::${Name}"'),
        )
    )
    (tmp_path / "buckets.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-008",)))
    return {f.address: (f.status.value, f.message.en) for f in result.findings}


def test_a_deny_on_the_bucket_alone_fails(tmp_path: Path) -> None:
    found = _found(tmp_path)
    for address in ("BucketOnly", "PseudoBucketOnly"):
        assert found[address] == ("FAIL", "unencrypted connections are accepted"), address
    assert found["Objects"][0] == "PASS"


def test_a_value_that_may_be_a_wildcard_stays_unknown(tmp_path: Path) -> None:
    found = _found(tmp_path)
    for address in ("FromCustom", "FromParameter"):
        assert found[address] == (
            "UNKNOWN",
            "whether only encrypted connections (TLS) are accepted is not known from the input",
        ), address
