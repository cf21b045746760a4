"""AWS managed policies named the way third-party templates name them.

- ``!Sub arn:${AWS::Partition}:iam::aws:policy/...`` (every AWS Quick Start) or another
  partition's ARN is the listed policy: GDCC-IAM-005 was UNKNOWN on such roles.
- ``AmazonSSMManagedInstanceCore`` grants named actions, no wildcard: the table abbreviated
  it to ``ssm:*``, so GDCC-IAM-005 FAILed every instance role using it, and the graph read
  ``ssm:SendCommand`` (run commands on any instance) into it.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.grants import ACT_AS, classify
from gdcc_audit.models.aws_managed_policies import MANAGED
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TRUST = (
    "{Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, "
    "Action: sts:AssumeRole}]}"
)
TEMPLATE = f"""\
Resources:
  SsmRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {TRUST}
      ManagedPolicyArns:
        - !Sub arn:${{AWS::Partition}}:iam::aws:policy/AmazonSSMManagedInstanceCore
  LogsRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {TRUST}
      ManagedPolicyArns:
        - !Sub arn:${{AWS::Partition}}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
  GovAdmin:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {TRUST}
      ManagedPolicyArns: [arn:aws-us-gov:iam::aws:policy/AdministratorAccess]
  SubAdmin:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {TRUST}
      ManagedPolicyArns: [!Sub "arn:${{AWS::Partition}}:iam::aws:policy/AmazonS3FullAccess"]
  Unlisted:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {TRUST}
      ManagedPolicyArns: [!Sub "arn:${{AWS::Partition}}:iam::aws:policy/AmazonSageMakerFullAccess"]
  OwnAccount:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {TRUST}
      ManagedPolicyArns: [!Sub "arn:${{AWS::Partition}}:iam::${{AWS::AccountId}}:policy/Mine"]
"""


def test_partition_written_managed_policies_are_read(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "SsmRole": (Status.PASS, "Permission policies do not grant actions by wildcard"),
        "LogsRole": (Status.PASS, "Permission policies do not grant actions by wildcard"),
        "GovAdmin": (
            Status.FAIL,
            'it grants permissions by wildcard: "AWS managed AdministratorAccess": * on *',
        ),
        "SubAdmin": (
            Status.FAIL,
            'it grants permissions by wildcard: "AWS managed AmazonS3FullAccess": s3:*, '
            "s3-object-lambda:* on *",
        ),
        "Unlisted": (
            Status.UNKNOWN,
            "whether it grants permissions by wildcard is not known from the input",
        ),
        "OwnAccount": (
            Status.UNKNOWN,
            "whether it grants permissions by wildcard is not known from the input",
        ),
    }


def test_ssm_core_policy_lets_no_one_run_commands() -> None:
    (statement,) = MANAGED["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]
    assert not any("*" in action for action in statement.actions)
    assert not statement.allows("ssm:SendCommand")
    assert classify(statement) != ACT_AS
    assert statement.allows("ssm:GetParameters")


EKS_ROLES = f"""\
Resources:
  NodeRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {TRUST}
      ManagedPolicyArns:
        - !Sub arn:${{AWS::Partition}}:iam::aws:policy/AmazonEKSWorkerNodePolicy
        - !Sub arn:${{AWS::Partition}}:iam::aws:policy/AmazonEKS_CNI_Policy
        - !Sub arn:${{AWS::Partition}}:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly
  PodExecutionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {TRUST}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy
"""


def test_eks_node_and_pod_execution_policies_are_read(tmp_path: Path) -> None:
    """The EKS worker node, CNI and Fargate pod execution policies name their actions (no
    wildcard): their roles were UNKNOWN ("not known from the input")."""
    (tmp_path / "template.yaml").write_text(EKS_ROLES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    assert {(f.address, f.status, f.message.en) for f in result.findings} == {
        (name, Status.PASS, "Permission policies do not grant actions by wildcard")
        for name in ("NodeRole", "PodExecutionRole")
    }


MORE_ROLES = f"""\
Resources:
  ClusterRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {TRUST}
      ManagedPolicyArns:
        - !Sub arn:${{AWS::Partition}}:iam::aws:policy/AmazonEKSClusterPolicy
        - !Sub arn:${{AWS::Partition}}:iam::aws:policy/AmazonEKSServicePolicy
        - !Sub arn:${{AWS::Partition}}:iam::aws:policy/AmazonEKSVPCResourceController
  SsmRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {TRUST}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM
      Tags: [{{Key: gdcc:system, Value: app}}]
  Payroll:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: payroll-data
      Tags: [{{Key: gdcc:system, Value: payroll}}]
"""


def test_eks_cluster_and_deprecated_ssm_policies_are_read(tmp_path: Path) -> None:
    """The EKS cluster role's policies and the deprecated AmazonEC2RoleforSSM were not listed:
    their roles were UNKNOWN. AmazonEC2RoleforSSM reads and writes every bucket's objects
    (s3:GetObject, s3:PutObject on *): a role holding it reaches other systems' buckets."""
    (tmp_path / "template.yaml").write_text(MORE_ROLES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005", "GDCC-GRAPH-006")))
    assert {(f.rule_id, f.address, f.status, f.message.en) for f in result.findings} == {
        ("GDCC-IAM-005", "ClusterRole", Status.PASS,
         "Permission policies do not grant actions by wildcard"),
        ("GDCC-IAM-005", "SsmRole", Status.PASS,
         "Permission policies do not grant actions by wildcard"),
        ("GDCC-GRAPH-006", "ClusterRole", Status.PASS,
         "A workload identity's permissions stay within its own system"),
        ("GDCC-GRAPH-006", "SsmRole", Status.FAIL, "reaches resources of other systems: payroll"),
    }


SAMPLE_ROLES = f"""\
Resources:
  ApiLogs:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {TRUST}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs
        - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess
        - arn:aws:iam::aws:policy/AmazonSSMDirectoryServiceAccess
  EcsInstance:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {TRUST}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
  Legacy:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {TRUST}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AWSLambdaExecute]
"""


def test_policies_common_in_samples_are_read(tmp_path: Path) -> None:
    """Were not listed (UNKNOWN): now read; ECS's instance role and AWSLambdaExecute grant
    actions by wildcard (ecs:Submit*, logs:*)."""
    (tmp_path / "template.yaml").write_text(SAMPLE_ROLES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    assert {(f.address, f.status) for f in result.findings} == {
        ("ApiLogs", Status.PASS),
        ("EcsInstance", Status.FAIL),
        ("Legacy", Status.FAIL),
    }
