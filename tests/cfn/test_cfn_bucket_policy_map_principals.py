"""CloudFormation bucket policy principals picked from the template's Mappings by a key not
known (GDCC-DATA-001).

The ELB access-log bucket of aws-cloudformation-templates grants ``s3:PutObject`` to
``!FindInMap [Region2ELBAccountId, !Ref 'AWS::Region', AccountId]``: the region is not known,
but every entry the map may give is an account id, never everyone: PASS (it was UNKNOWN
"statement 1 may allow everyone"). A map one of whose entries is ``*`` is everyone in that
region: still not known.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Mappings:
  Region2ELBAccountId:
    us-east-1: {AccountId: '127311923021'}
    ap-southeast-1: {AccountId: '114774131450'}
  Readers:
    us-east-1: {Who: '127311923021'}
    ap-southeast-7: {Who: '*'}
Resources:
  Logs:
    Type: AWS::S3::Bucket
  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal:
              AWS: !FindInMap [Region2ELBAccountId, !Ref 'AWS::Region', AccountId]
            Action: ['s3:PutObject']
            Resource: !Sub "${Logs.Arn}/AWSLogs/${AWS::AccountId}/*"
  Open:
    Type: AWS::S3::Bucket
  OpenPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Open
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal:
              AWS: [!FindInMap [Readers, !Ref 'AWS::Region', Who]]
            Action: ['s3:GetObject']
            Resource: !Sub "${Open.Arn}/*"
"""


def test_map_principals(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["Logs"] == (Status.PASS, "Storage is not publicly readable")
    assert found["Open"] == (
        Status.UNKNOWN,
        "public access is not known: statement 1 may allow everyone (principal or condition "
        "not known) in OpenPolicy",
    )
