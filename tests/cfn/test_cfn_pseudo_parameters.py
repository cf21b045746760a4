"""CloudFormation text built from pseudo parameters (``${AWS::AccountId}``, ``AWS::Region``,
``AWS::Partition``...) keeps its written parts: a key or bucket policy whose principal is
``arn:aws:iam::${AWS::AccountId}:root`` names the template's own account and is not public
(it used to be UNKNOWN, checkov's CKV_AWS_33 fixture ``Root``), while a value whose unknown
part decides the verdict (an account from a parameter without a default) stays UNKNOWN."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.models.resource import Resource
from iac_helpers import run

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  TrustedAccount: {Type: String}
Resources:
  KeyOwnRoot:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}
            Action: "kms:*"
            Resource: "*"
  KeyOwnAccountRef:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: {AWS: [!Ref "AWS::AccountId", "arn:aws:iam::111122223333:root"]}
            Action: "kms:*"
            Resource: "*"
  KeyJoinedRoot:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Join ["", ["arn:aws:iam::", !Ref "AWS::AccountId", ":root"]]
            Action: "kms:*"
            Resource: "*"
  KeyParameterAccount:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub "arn:aws:iam::${TrustedAccount}:root"}
            Action: "kms:*"
            Resource: "*"
  KeyWildcardRole:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub "arn:aws:iam::${AWS::AccountId}:role/*"}
            Action: "kms:Decrypt"
            Resource: "*"
  KeyStarBesideOwn:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: {AWS: [!Sub "arn:aws:iam::${AWS::AccountId}:root", "*"]}
            Action: "kms:*"
            Resource: "*"
  BucketOwnAccount:
    Type: AWS::S3::Bucket
  BucketOwnAccountPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref BucketOwnAccount
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: "s3:GetObject"
            Resource: !Sub "arn:${AWS::Partition}:s3:::${BucketOwnAccount}/*"
            Condition:
              StringEquals: {"aws:SourceAccount": !Ref "AWS::AccountId"}
  BucketAnyAccount:
    Type: AWS::S3::Bucket
  BucketAnyAccountPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref BucketAnyAccount
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: "s3:GetObject"
            Resource: !Sub "arn:${AWS::Partition}:s3:::${BucketAnyAccount}/*"
            Condition:
              ArnLike: {"aws:PrincipalArn": !Sub "arn:${AWS::Partition}:iam::*:role/ci"}
  Function:
    Type: AWS::Lambda::Function
    Properties: {Runtime: python3.12, Handler: a.b, Role: arn:aws:iam::111122223333:role/r,
                 Code: {ZipFile: "x"}}
  PermissionOwnAccount:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Function
      Action: lambda:InvokeFunction
      Principal: !Ref "AWS::AccountId"
  ServiceFunction:
    Type: AWS::Lambda::Function
    Properties: {Runtime: python3.12, Handler: a.b, Role: arn:aws:iam::111122223333:role/r,
                 Code: {ZipFile: "x"}}
  PermissionServiceFromOwnAccount:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref ServiceFunction
      Action: lambda:InvokeFunction
      Principal: "*"
      SourceAccount: !Ref "AWS::AccountId"
  LogsReader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: !Sub "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*"
"""


@pytest.fixture(scope="module")
def resources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Resource]:
    folder: Path = tmp_path_factory.mktemp("pseudo")
    (folder / "template.yaml").write_text(TEMPLATE)
    found, errors, _ = run(folder / "template.yaml")
    assert errors == []
    return found


@pytest.mark.parametrize(
    ("address", "public"),
    [
        # the own account, written with pseudo parameters: no one else
        ("KeyOwnRoot", False),
        ("KeyOwnAccountRef", False),
        ("KeyJoinedRoot", False),
        # the account is a parameter without a default: it may be "*"
        ("KeyParameterAccount", None),
        # a wildcard in the written part of a principal names no one safely
        ("KeyWildcardRole", True),
        ("KeyStarBesideOwn", True),
        # Principal "*" narrowed to the own account by aws:SourceAccount
        ("BucketOwnAccount", False),
        # an ARN pattern open in the account component narrows nothing
        ("BucketAnyAccount", True),
    ],
)
def test_principals_with_pseudo_parameters(
    resources: dict[str, Resource], address: str, public: bool | None
) -> None:
    assert resources[address].facets.public_access is public


def test_lambda_permission_for_the_own_account(resources: dict[str, Resource]) -> None:
    """``Principal: !Ref AWS::AccountId`` lets only the own account invoke the function, and
    ``Principal: "*"`` with ``SourceAccount: !Ref AWS::AccountId`` only callers acting for
    the own account (both were UNKNOWN)."""
    assert resources["Function"].facets.public_access is False
    assert resources["ServiceFunction"].facets.public_access is False


def test_resource_arn_with_pseudo_parameters_is_not_every_resource(
    resources: dict[str, Resource],
) -> None:
    """``Action: "*"`` on the account's log groups only is a wildcard, not administrator
    rights on everything (it was "not known")."""
    facets = resources["LogsReader"].facets
    assert (facets.wildcard_permissions, facets.admin_privileges) == (True, False)
