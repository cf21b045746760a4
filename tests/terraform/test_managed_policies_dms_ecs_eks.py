"""AWS managed policies the terraform-aws-modules dms, ecs, eks / karpenter and emr modules
attach were not listed (``models/aws_managed_policies.py``), so each role holding one was
GDCC-IAM-005 and GDCC-GRAPH-006 UNKNOWN "(managed policy ...) are not known from the input":
DMS's CloudWatch Logs and Redshift S3 roles, ECR pull-only and the minimal EKS node policy (EKS
Auto Mode and karpenter node roles), the EMR autoscaling and v2 service policies, and the ECS
service infrastructure policies (load balancers, volumes, VPC Lattice, express gateway). Each is
listed from the AWS Managed Policy Reference (default version): none grants an action by
wildcard, so the roles PASS both rules (Terraform and CloudFormation); a role holding one
still unlisted stays UNKNOWN, and the DMS Redshift policy's grant keeps its ``dms-*`` buckets."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.aws_managed_policies import MANAGED
from gdcc_audit.settings import Settings

_ARN = "arn:aws:iam::aws:policy/"
_LISTED = {
    "dms_logs": ["service-role/AmazonDMSCloudWatchLogsRole"],
    "dms_s3": ["service-role/AmazonDMSRedshiftS3Role"],
    "auto_node": ["AmazonEC2ContainerRegistryPullOnly", "AmazonEKSWorkerNodeMinimalPolicy"],
    "emr_scaling": ["service-role/AmazonElasticMapReduceforAutoScalingRole"],
    "emr_service": ["service-role/AmazonEMRServicePolicy_v2"],
    "ecs_infra": [
        "AmazonECSInfrastructureRolePolicyForLoadBalancers",
        "service-role/AmazonECSInfrastructureRolePolicyForVolumes",
        "AmazonECSInfrastructureRolePolicyForVpcLattice",
    ],
    "ecs_express": ["service-role/AmazonECSInfrastructureRoleforExpressGatewayServices"],
}


def _terraform() -> str:
    parts = []
    for name, policies in {**_LISTED, "not_listed": ["AWSCodeDeployRoleForLambda"]}.items():
        parts.append(
            f'resource "aws_iam_role" "{name}" {{\n'
            f'  name = "{name}"\n'
            "  assume_role_policy = jsonencode({\n"
            '    Version = "2012-10-17"\n'
            "    Statement = [{\n"
            '      Effect = "Allow", Action = "sts:AssumeRole"\n'
            '      Principal = { Service = "ecs.amazonaws.com" }\n'
            "    }]\n"
            "  })\n"
            "}\n"
        )
        for index, policy in enumerate(policies):
            parts.append(
                f'resource "aws_iam_role_policy_attachment" "{name}_{index}" {{\n'
                f"  role       = aws_iam_role.{name}.name\n"
                f'  policy_arn = "{_ARN}{policy}"\n'
                "}\n"
            )
    return "\n".join(parts)


TEMPLATE = f"""\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  DmsCloudWatchLogsRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: {{Service: dms.amazonaws.com}}
      ManagedPolicyArns:
        - {_ARN}service-role/AmazonDMSCloudWatchLogsRole
        - !Sub "arn:${{AWS::Partition}}:iam::aws:policy/service-role/AmazonDMSRedshiftS3Role"
"""

_PASSES = {
    "GDCC-IAM-005": "Permission policies do not grant actions by wildcard",
    "GDCC-GRAPH-006": "A workload identity's permissions stay within its own system",
}


def _found(tmp_path: Path) -> dict[tuple[str, str | None], tuple[str, str]]:
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(_terraform(), encoding="utf-8")
    (tmp_path / "cfn").mkdir()
    (tmp_path / "cfn" / "dms.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=tuple(_PASSES)))
    return {(f.rule_id, f.address): (f.status.value, f.message.en) for f in result.findings}


def test_roles_holding_the_listed_policies_pass(tmp_path: Path) -> None:
    found = _found(tmp_path)
    for address in [f"aws_iam_role.{name}" for name in _LISTED] + ["DmsCloudWatchLogsRole"]:
        for rule, message in _PASSES.items():
            assert found[(rule, address)] == ("PASS", message), (rule, address)


def test_a_policy_still_not_listed_stays_unknown(tmp_path: Path) -> None:
    found = _found(tmp_path)
    assert found[("GDCC-IAM-005", "aws_iam_role.not_listed")] == (
        "UNKNOWN",
        "whether it grants permissions by wildcard is not known from the input",
    )
    assert found[("GDCC-GRAPH-006", "aws_iam_role.not_listed")] == (
        "UNKNOWN",
        "the permissions of aws_iam_role.not_listed (managed policy "
        f"{_ARN}AWSCodeDeployRoleForLambda) are not known from the input",
    )


def test_listed_as_the_reference_writes_them() -> None:
    redshift = MANAGED[_ARN + "service-role/AmazonDMSRedshiftS3Role"]
    assert [(s.sid, s.resources) for s in redshift] == [
        ("AWS managed AmazonDMSRedshiftS3Role", ("arn:aws:s3:::dms-*",))
    ]
    assert "s3:PutBucketPolicy" in redshift[0].actions
    pull = MANAGED[_ARN + "AmazonEC2ContainerRegistryPullOnly"]
    assert pull[0].actions == (
        "ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
        "ecr:BatchImportUpstreamImage",
    )  # fmt: skip
    emr = MANAGED[_ARN + "service-role/AmazonEMRServicePolicy_v2"]
    passed = {r for s in emr if s.allows("iam:PassRole") for r in s.resources or ()}
    assert passed == {
        "arn:aws:iam::*:role/EMR_AutoScaling_DefaultRole",
        "arn:aws:iam::*:role/EMR_EC2_DefaultRole",
    }


SAMPLES = f"""\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
{"".join(
    f'''  {name}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {{Service: lambda.amazonaws.com}}
            Action: sts:AssumeRole
      ManagedPolicyArns: [{_ARN}{policy}]
'''
    for name, policy in (
        ("EmrService", "service-role/AmazonElasticMapReduceRole"),
        ("Ec2Read", "AmazonEC2ReadOnlyAccess"),
        ("Kinesis", "AmazonKinesisFullAccess"),
        ("Insights", "CloudWatchLambdaInsightsExecutionRolePolicy"),
    )
)}"""


def test_policies_common_in_cloudformation_samples(tmp_path: Path) -> None:
    """aws-cloudformation-templates' EMR service role, Directory Service's EC2 read-only role,
    the Lambda sample's Kinesis role and LMA's Lambda Insights role: IAM-005 was UNKNOWN."""
    (tmp_path / "roles.yaml").write_text(SAMPLES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    grants = "it grants permissions by wildcard: "
    assert found == {
        "EmrService": ("FAIL", grants + '"AWS managed AmazonElasticMapReduceRole": s3:Get*, '
                       "s3:List*, sqs:Delete*, sqs:GetQueue*, application-autoscaling:Describe* "
                       "on *"),
        "Ec2Read": ("FAIL", grants + '"AWS managed AmazonEC2ReadOnlyAccess": ec2:Describe*, '
                    "elasticloadbalancing:Describe*, cloudwatch:Describe*, autoscaling:Describe* "
                    "on *"),
        "Kinesis": ("FAIL", grants + '"AWS managed AmazonKinesisFullAccess": kinesis:* on *'),
        "Insights": ("PASS", _PASSES["GDCC-IAM-005"]),
    }
