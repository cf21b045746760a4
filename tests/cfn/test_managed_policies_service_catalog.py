"""AWS managed policies met in aws-samples/aws-service-catalog-reference-architectures were
not listed (``models/aws_managed_policies.py``), so the roles holding them were GDCC-IAM-005 /
GDCC-GRAPH-006 UNKNOWN "managed policy ... not known": AmazonSSMFullAccess (the patching
instance role of the EC2 / Linux / Windows products), service-role/
AmazonSSMMaintenanceWindowRole, the Elastic Beanstalk instance policies, the Service Catalog
end-user policies, AWSMarketplaceFullAccess and AWSPrivateMarketplaceAdminFullAccess. Listed
from the AWS Managed Policy Reference (default versions, checked against zoph-io/MAMIP's
copies): ``ssm:*`` / ``logs:*``, ``s3:Get*`` on ``elasticbeanstalk-*``, ``ecs:Submit*``,
``aws-marketplace:*`` FAIL; the end-user and maintenance window policies name their actions
(PASS), but the maintenance window role's ``ssm:SendCommand`` on ``*`` runs commands on the
patched instance, so it acts as that instance's role (GDCC-GRAPH-006 FAIL)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Instance:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      IamInstanceProfile: !Ref InstanceProfile
  InstanceProfile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [!Ref InstancePatchingRole]
  InstancePatchingRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Action: sts:AssumeRole, Principal: {Service: ec2.amazonaws.com}}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonSSMFullAccess
  MaintenanceWindowRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Action: sts:AssumeRole, Principal: {Service: ssm.amazonaws.com}}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole
  WebTierRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Action: sts:AssumeRole, Principal: {Service: ec2.amazonaws.com}}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AWSElasticBeanstalkWebTier
        - arn:aws:iam::aws:policy/AWSElasticBeanstalkMulticontainerDocker
        - arn:aws:iam::aws:policy/AWSElasticBeanstalkWorkerTier
  EndUser:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Action: sts:AssumeRole, Principal:
              {AWS: "arn:aws:iam::111122223333:root"}}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AWSServiceCatalogEndUserFullAccess
        - arn:aws:iam::aws:policy/AWSServiceCatalogEndUserReadOnlyAccess
        - arn:aws:iam::aws:policy/AWSPrivateMarketplaceAdminFullAccess
  MarketplaceAdmin:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Action: sts:AssumeRole, Principal:
              {AWS: "arn:aws:iam::111122223333:root"}}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AWSMarketplaceFullAccess
"""

EVERYTHING = "a wildcard or administrator permission reaches all 6 aws resources"


def test_listed_from_the_reference(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005", "GDCC-GRAPH-006")))
    found = {
        (f.rule_id, f.address): (f.status.value, f.message.en, f.evidence.get("acts_as"))
        for f in result.findings
    }
    passes = ("PASS", "Permission policies do not grant actions by wildcard", None)
    assert found[("GDCC-IAM-005", "InstancePatchingRole")] == (
        "FAIL",
        'it grants permissions by wildcard: "AWS managed AmazonSSMFullAccess": logs:*, ssm:*, '
        "ec2messages:* on *",
        None,
    )
    assert found[("GDCC-IAM-005", "MaintenanceWindowRole")] == passes
    assert found[("GDCC-IAM-005", "EndUser")] == passes
    assert found[("GDCC-IAM-005", "MarketplaceAdmin")] == (
        "FAIL",
        'it grants permissions by wildcard: "AWS managed AWSMarketplaceFullAccess": '
        "aws-marketplace:*, cloudformation:List* on *",
        None,
    )
    status, message, _ = found[("GDCC-IAM-005", "WebTierRole")]
    assert status == "FAIL"
    assert '"AWS managed AWSElasticBeanstalkWebTier": s3:Get*, s3:List* on ' in message
    # ssm:SendCommand on * runs commands on the instance whose role holds ssm:*
    # (the grant is the instance role's: named since stop 52)
    assert found[("GDCC-GRAPH-006", "MaintenanceWindowRole")] == (
        "FAIL",
        EVERYTHING.replace(
            "permission ", "permission (held by InstancePatchingRole, which it may act as) "
        ),
        ["InstancePatchingRole"],
    )
    assert found[("GDCC-GRAPH-006", "EndUser")][0] == "PASS"
