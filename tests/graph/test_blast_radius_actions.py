"""GDCC-GRAPH-006 follows an AWS identity's grants as their actions allow (graph/grants.py).

A role allowed only ``autoscaling:CompleteLifecycleAction`` on an Auto Scaling group reached
the group's instance role and everything that role reaches (widdix ecs/cluster.yaml's
DrainInstanceLambdaRole: FAIL "a wildcard or administrator permission reaches all ..."):
completing a lifecycle action does not give the instances' credentials. ``iam:PassRole`` on
the instance role with ``ec2:RunInstances`` does (it was PASS when the policy was written by a
``data "aws_iam_policy_document"``: its statements named the role but made no edge).
``s3:GetObject`` on a bucket reaches the bucket's data, not its replication role. Actions not
known (a variable, a parameter) leave the identity UNKNOWN, never FAIL or PASS on a guess; a
Deny statement grants nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph import grants
from gdcc_audit.models.finding import Status
from gdcc_audit.models.resource import PolicyStatement
from gdcc_audit.settings import Settings

TERRAFORM = """\
variable "actions" { type = list(string) }
locals {
  trust = { for service in ["ec2", "lambda"] : service => jsonencode({ Statement = [{
    Effect    = "Allow", Action = "sts:AssumeRole"
    Principal = { Service = "${service}.amazonaws.com" }
  }] }) }
}

resource "aws_iam_role" "instance" {
  name               = "instance"
  assume_role_policy = local.trust["ec2"]
}
resource "aws_iam_role_policy" "instance" {
  role   = aws_iam_role.instance.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
resource "aws_iam_instance_profile" "instance" {
  role = aws_iam_role.instance.name
}
resource "aws_launch_template" "web" {
  iam_instance_profile { arn = aws_iam_instance_profile.instance.arn }
}
resource "aws_autoscaling_group" "web" {
  min_size           = 1
  max_size           = 2
  availability_zones = ["ap-southeast-7a"]
  launch_template { id = aws_launch_template.web.id }
}
resource "aws_s3_bucket" "data" {
  bucket = "data"
  replication_configuration {
    role = aws_iam_role.instance.arn
    rules {
      status = "Enabled"
      destination { bucket = "arn:aws:s3:::copy" }
    }
  }
}

resource "aws_iam_role" "hook" {
  name               = "hook"
  assume_role_policy = local.trust["lambda"]
}
resource "aws_iam_role_policy" "hook" {
  role = aws_iam_role.hook.id
  policy = jsonencode({ Statement = [{
    Effect   = "Allow"
    Action   = ["autoscaling:CompleteLifecycleAction", "autoscaling:RecordLifecycleActionHeartbeat"]
    Resource = aws_autoscaling_group.web.arn
  }] })
}

resource "aws_iam_role" "launcher" {
  name               = "launcher"
  assume_role_policy = local.trust["lambda"]
}
data "aws_iam_policy_document" "launch" {
  statement {
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.instance.arn]
  }
  statement {
    actions   = ["ec2:RunInstances"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "launch" {
  policy = data.aws_iam_policy_document.launch.json
}
resource "aws_iam_role_policy_attachment" "launch" {
  role       = aws_iam_role.launcher.name
  policy_arn = aws_iam_policy.launch.arn
}

resource "aws_iam_role" "reader" {
  name               = "reader"
  assume_role_policy = local.trust["lambda"]
}
resource "aws_iam_role_policy" "reader" {
  role = aws_iam_role.reader.id
  policy = jsonencode({ Statement = [{
    Effect   = "Allow"
    Action   = "s3:GetObject"
    Resource = "${aws_s3_bucket.data.arn}/*"
  }] })
}

resource "aws_iam_role" "scaler" {
  name               = "scaler"
  assume_role_policy = local.trust["lambda"]
}
resource "aws_iam_role_policy" "scaler" {
  role = aws_iam_role.scaler.id
  policy = jsonencode({ Statement = [{
    Effect   = "Allow"
    Action   = var.actions
    Resource = aws_autoscaling_group.web.arn
  }] })
}
"""

CLOUDFORMATION = """\
Parameters:
  Actions: {Type: CommaDelimitedList}
Resources:
  InstanceRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: admin
          PolicyDocument:
            Statement: [{Effect: Allow, Action: "*", Resource: "*"}]
  InstanceProfile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [!Ref InstanceRole]
  LaunchTemplate:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        IamInstanceProfile: {Arn: !GetAtt InstanceProfile.Arn}
  Group:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties:
      MinSize: "1"
      MaxSize: "2"
      AvailabilityZones: [ap-southeast-7a]
      LaunchTemplate:
        LaunchTemplateId: !Ref LaunchTemplate
        Version: !GetAtt LaunchTemplate.LatestVersionNumber
  Data:
    Type: AWS::S3::Bucket
    Properties:
      ReplicationConfiguration:
        Role: !GetAtt InstanceRole.Arn
        Rules:
          - Status: Enabled
            Destination: {Bucket: arn:aws:s3:::copy}
  HookRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: hook
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action:
                  - autoscaling:CompleteLifecycleAction
                  - autoscaling:RecordLifecycleActionHeartbeat
                Resource: !Sub "arn:${AWS::Partition}:autoscaling:${AWS::Region}:\\
                  ${AWS::AccountId}:autoScalingGroup:*:autoScalingGroupName/${Group}"
  LauncherRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: launch
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: iam:PassRole, Resource: !GetAtt InstanceRole.Arn}
              - {Effect: Allow, Action: ec2:RunInstances, Resource: "*"}
  ReaderRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: read
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: s3:GetObject, Resource: !Sub "${Data.Arn}/*"}
  GuardedRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: guarded
          PolicyDocument:
            Statement:
              - {Effect: Deny, Action: iam:PassRole, Resource: !GetAtt InstanceRole.Arn}
              - {Effect: Allow, Action: autoscaling:DescribeAutoScalingGroups, Resource: "*"}
  ScalerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: scale
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: !Ref Actions
                Resource: !Sub "arn:aws:autoscaling:::autoScalingGroupName/${Group}"
"""

Found = dict[str, tuple[Status, str, dict[str, object]]]


def _found(tmp_path: Path, name: str, text: str) -> Found:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    return {f.address or "": (f.status, f.message.en, f.evidence) for f in result.findings}


PASSED = "A workload identity's permissions stay within its own system"


def test_terraform_grants_are_followed_as_their_actions_allow(tmp_path: Path) -> None:
    found = _found(tmp_path, "main.tf", TERRAFORM)
    everything = "a wildcard or administrator permission reaches all 13 aws resources"
    assert found == {
        "aws_iam_role.instance": (
            Status.FAIL, everything, {"reaches_resources": 13, "reaches_systems": []},
        ),
        # the group and the policy itself; not the group's instance role
        "aws_iam_role.hook": (
            Status.PASS, PASSED, {"reaches_resources": 2, "reaches_systems": []},
        ),
        # the administrator grant is the instance role's, which it may pass: named (stop 52)
        "aws_iam_role.launcher": (
            Status.FAIL, everything.replace(
                "permission ", "permission (held by aws_iam_role.instance, which it may act as) "
            ),
            {"reaches_resources": 13, "reaches_systems": [],
             "acts_as": ["aws_iam_role.instance"]},
        ),
        "aws_iam_role.reader": (
            Status.PASS, PASSED,
            {"reaches_resources": 2, "reaches_systems": [],
             "reaches_data": ["aws_s3_bucket.data"]},
        ),
        "aws_iam_role.scaler": (
            Status.UNKNOWN,
            "the permissions of aws_iam_role.scaler, aws_iam_role_policy.scaler are not known "
            "from the input",
            {"reaches_resources": 1, "reaches_systems": [],
             "permissions_not_known": ["aws_iam_role.scaler", "aws_iam_role_policy.scaler"]},
        ),
    }


def test_cloudformation_grants_are_followed_as_their_actions_allow(tmp_path: Path) -> None:
    found = _found(tmp_path, "stack.yaml", CLOUDFORMATION)
    everything = "a wildcard or administrator permission reaches all 9 aws resources"
    assert found == {
        "InstanceRole": (Status.FAIL, everything, {"reaches_resources": 9, "reaches_systems": []}),
        "HookRole": (Status.PASS, PASSED, {"reaches_resources": 1, "reaches_systems": []}),
        "LauncherRole": (
            Status.FAIL, everything.replace(
                "permission ", "permission (held by InstanceRole, which it may act as) "
            ),
            {"reaches_resources": 9, "reaches_systems": [], "acts_as": ["InstanceRole"]},
        ),
        "ReaderRole": (
            Status.PASS, PASSED,
            {"reaches_resources": 1, "reaches_systems": [], "reaches_data": ["Data"]},
        ),
        # a Deny names the instance role: no grant on it
        "GuardedRole": (Status.PASS, PASSED, {"reaches_resources": 0, "reaches_systems": []}),
        "ScalerRole": (
            Status.UNKNOWN, "the permissions of ScalerRole are not known from the input",
            {"reaches_resources": 0, "reaches_systems": [],
             "permissions_not_known": ["ScalerRole"]},
        ),
    }


@pytest.mark.parametrize(
    ("actions", "not_action", "reach"),
    [
        (("iam:PassRole",), False, grants.ACT_AS),
        (("iam:Pass*",), False, grants.ACT_AS),
        (("*",), False, grants.ACT_AS),
        (("lambda:*",), False, grants.ACT_AS),
        (("ECS:runtask",), False, grants.ACT_AS),  # IAM compares actions without case
        (("s3:GetObject", "s3:ListBucket"), False, grants.DATA),
        (("secretsmanager:GetSecretValue",), False, grants.DATA),
        (("autoscaling:CompleteLifecycleAction",), False, grants.CONTROL),
        (("ec2:Describe*", "autoscaling:SetDesiredCapacity"), False, grants.CONTROL),
        # every action except IAM's: ec2:RunInstances is still allowed
        (("iam:*",), True, grants.ACT_AS),
        ((), False, grants.NONE),
    ],
)
def test_action_classes(actions: tuple[str, ...], not_action: bool, reach: grants.Reach) -> None:
    statement = PolicyStatement(actions=actions, not_action=not_action, resources=("*",))
    assert grants.classify(statement) is reach


def test_an_unknown_grant_is_not_outweighed_by_a_weaker_known_one() -> None:
    assert grants.strongest([grants.CONTROL, grants.UNKNOWN]) is grants.UNKNOWN
    assert grants.strongest([grants.ACT_AS, grants.UNKNOWN]) is grants.ACT_AS
    assert grants.strongest([grants.DATA, grants.CONTROL]) is grants.DATA
    assert grants.strongest([]) is grants.NONE


def test_the_written_statement_a_reference_lies_in() -> None:
    written = {"Policies": [{"PolicyDocument": {"Statement": [
        {"Fn::If": ["Prod", {"Effect": "Allow", "Action": "s3:GetObject",
                             "Resource": {"Ref": "Bucket"}}, {"Ref": "AWS::NoValue"}]},
        {"Effect": "Deny", "Action": ["iam:PassRole"], "Resource": {"Ref": "Role"}},
    ]}}]}
    path = "Policies.0.PolicyDocument.Statement"
    first = grants.raw_statement(written, f"{path}.0.Fn::If.1.Resource")
    assert first is not None
    assert grants.written_reach(first) is grants.DATA
    second = grants.raw_statement(written, f"{path}.1.Resource")
    assert second is not None
    assert grants.written_reach(second) is grants.NONE  # a Deny grants nothing
    assert grants.raw_statement(written, "Policies.0.PolicyName") is None
    assert grants.written_reach({"Action": {"Ref": "Actions"}}) is grants.UNKNOWN
