"""Five AWS managed policies met in aws-security-reference-architecture-examples were not
listed (``models/aws_managed_policies.py``), so the roles holding them were GDCC-IAM-005 /
GDCC-GRAPH-006 UNKNOWN "managed policy ... not known": EC2InstanceProfileForImageBuilder and
service-role/EC2ImageBuilderLifecycleExecutionPolicy (an AMI bakery), AmazonSSMManagedEC2Instance
DefaultPolicy (Default Host Management Configuration), service-role/AmazonSecurityLake
MetastoreManager and AmazonSecurityLakeAdministrator. Listed from the AWS Managed Policy
Reference (default versions): the first four name their actions (PASS); the administrator
policy grants ``securitylake:*`` and ``s3:Get*`` / ``s3:List*`` (FAIL naming them). The
baseline writes the metastore policy ``AmazonSecurityLakeMetaStoreManager`` (another case):
IAM names are unique whatever their case, so it is that policy.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TEMPLATE = """\
Resources:
ROLES"""
ROLE = """\
  NAME:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Action: sts:AssumeRole, Principal: {Service: SERVICE}}
      ManagedPolicyArns:
        - !Sub arn:${AWS::Partition}:iam::aws:policy/POLICY
"""
ROLES = {
    "ImageBuilderRole": ("ec2.amazonaws.com", "EC2InstanceProfileForImageBuilder"),
    "LifecycleRole": (
        "imagebuilder.amazonaws.com", "service-role/EC2ImageBuilderLifecycleExecutionPolicy"
    ),
    "HostRole": ("ssm.amazonaws.com", "AmazonSSMManagedEC2InstanceDefaultPolicy"),
    "MetastoreRole": ("lambda.amazonaws.com", "service-role/AmazonSecurityLakeMetaStoreManager"),
    "LakeAdminRole": ("lambda.amazonaws.com", "AmazonSecurityLakeAdministrator"),
}
NAMED = ("PASS", "Permission policies do not grant actions by wildcard")


def test_the_security_baselines_managed_policies_are_read(tmp_path: Path) -> None:
    # it was: each role IAM-005 UNKNOWN "whether it grants permissions by wildcard is not
    # known from the input" (and GRAPH-006 UNKNOWN naming the managed policy)
    roles = "".join(
        ROLE.replace("NAME", name).replace("SERVICE", service).replace("POLICY", policy)
        for name, (service, policy) in ROLES.items()
    )
    (tmp_path / "roles.yaml").write_text(TEMPLATE.replace("ROLES", roles), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005", "GDCC-GRAPH-006")))
    found = {(f.address, f.rule_id): (f.status.value, f.message.en) for f in result.findings}
    for name in ("ImageBuilderRole", "LifecycleRole", "HostRole", "MetastoreRole"):
        assert found[(name, "GDCC-IAM-005")] == NAMED
        assert found[(name, "GDCC-GRAPH-006")][0] == "PASS"
    status, message = found[("LakeAdminRole", "GDCC-IAM-005")]
    assert status == "FAIL"
    assert message.startswith(
        'it grants permissions by wildcard: "AWS managed AmazonSecurityLakeAdministrator":'
        " securitylake:* on *"
    )
    assert "s3:Get*, s3:List* on arn:aws:s3:::aws-security-data-lake-*" in message
    assert found[("LakeAdminRole", "GDCC-GRAPH-006")][0] == "FAIL"


def test_the_glue_service_role_policy_is_read(tmp_path: Path) -> None:
    # it was: IAM-005 UNKNOWN (serverless-patterns' s3-trigger-lambda-glue-workflow-terraform
    # gives its Glue role service-role/AWSGlueServiceRole, v5: glue:* on *)
    role = ROLE.replace("NAME", "GlueRole").replace("SERVICE", "glue.amazonaws.com").replace(
        "POLICY", "service-role/AWSGlueServiceRole"
    )
    (tmp_path / "roles.yaml").write_text(TEMPLATE.replace("ROLES", role), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    (found,) = result.findings
    assert (found.status.value, found.message.en) == (
        "FAIL",
        'it grants permissions by wildcard: "AWS managed AWSGlueServiceRole": glue:* on *',
    )
