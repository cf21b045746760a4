"""EKS Auto Mode's cluster role policies (AmazonEKSComputePolicy, AmazonEKSBlockStoragePolicy,
AmazonEKSLoadBalancingPolicy, AmazonEKSNetworkingPolicy: terraform-aws-eks ``compute_config``)
were not listed, so the cluster role was GDCC-IAM-005 / GDCC-GRAPH-006 UNKNOWN "managed
policy ... not known". AmazonEKSComputePolicy's ``iam:PassRole`` on ``*`` is held by an
``iam:PassedToService`` condition to EC2: read away, the graph took it as passing every role
of the account (an administrator role too) and would FAIL GRAPH-006. Now listed from the AWS
Managed Policy Reference with the condition kept (``PolicyStatement.passed_to``): the role
passes only roles EC2 may assume. The same condition in a written policy (Terraform and
CloudFormation) is read the same way; without it, PassRole on ``*`` still reaches the
administrator role (FAIL), and a role EC2 may assume that holds administrator rights is
still reached (FAIL)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.aws_managed_policies import MANAGED
from gdcc_audit.models.resource import passed_to_services
from gdcc_audit.settings import Settings

_ARN = "arn:aws:iam::aws:policy/"
_AUTO = (
    "AmazonEKSComputePolicy", "AmazonEKSBlockStoragePolicy", "AmazonEKSLoadBalancingPolicy",
    "AmazonEKSNetworkingPolicy",
)  # fmt: skip
_RULES = ("GDCC-IAM-005", "GDCC-GRAPH-006")
_WITHIN = "A workload identity's permissions stay within its own system"
_NO_WILDCARD = "Permission policies do not grant actions by wildcard"


def _role(name: str, principal: str) -> str:
    return (
        f'resource "aws_iam_role" "{name}" {{\n'
        f'  name = "{name}"\n'
        "  assume_role_policy = jsonencode({\n"
        '    Version = "2012-10-17"\n'
        '    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",\n'
        f"      Principal = {principal} }}]\n"
        "  })\n"
        "}\n"
    )


def _admin(trusted: str) -> str:
    return _role("admin", trusted) + (
        'resource "aws_iam_role_policy_attachment" "admin" {\n'
        "  role       = aws_iam_role.admin.name\n"
        f'  policy_arn = "{_ARN}AdministratorAccess"\n'
        "}\n"
    )


def _auto_mode(trusted: str) -> str:
    return (
        _role("cluster", '{ Service = "eks.amazonaws.com" }')
        + 'resource "aws_iam_role_policy_attachment" "cluster" {\n'
        + f"  for_each   = toset({list(_AUTO)!r})\n".replace("'", '"')
        + "  role       = aws_iam_role.cluster.name\n"
        + f'  policy_arn = "{_ARN}${{each.value}}"\n'
        + "}\n"
        + _admin(trusted)
    )


def _found(tmp_path: Path, name: str, text: str) -> dict[tuple[str, str | None], tuple[str, str]]:
    folder = tmp_path / name
    folder.mkdir()
    (folder / ("template.yaml" if text.startswith("AWSTemplate") else "main.tf")).write_text(
        text, encoding="utf-8"
    )
    result = audit([folder], Settings(rule_ids=_RULES))
    return {(f.rule_id, f.address): (f.status.value, f.message.en) for f in result.findings}


def test_auto_mode_cluster_role_passes(tmp_path: Path) -> None:
    found = _found(tmp_path, "tf", _auto_mode('{ AWS = "arn:aws:iam::111122223333:root" }'))
    assert found[("GDCC-IAM-005", "aws_iam_role.cluster")] == ("PASS", _NO_WILDCARD)
    assert found[("GDCC-GRAPH-006", "aws_iam_role.cluster")] == ("PASS", _WITHIN)
    assert found[("GDCC-GRAPH-006", "aws_iam_role.admin")][0] == "FAIL"


def test_a_role_ec2_may_assume_is_still_passed(tmp_path: Path) -> None:
    found = _found(tmp_path, "tf", _auto_mode('{ Service = ["ec2.amazonaws.com"] }'))
    # (the grant is the administrator role's, which it may pass: named since stop 52)
    assert found[("GDCC-GRAPH-006", "aws_iam_role.cluster")] == (
        "FAIL",
        "a wildcard or administrator permission (held by aws_iam_role.admin, which it may act "
        "as) reaches all 2 aws resources",
    )


def test_a_role_whose_trust_is_not_read_may_be_passed(tmp_path: Path) -> None:
    """Its trust not known (an input): EC2 may or may not assume it, so the cluster role's
    reach on it is not known (it was read as acting as it: FAIL). The message names the
    role whose trust is not known (it said "the permissions of aws_iam_role.cluster are not
    known", which are read)."""
    text = 'variable "trust" {\n  type = string\n}\n' + _auto_mode("{}").replace(
        "  assume_role_policy = jsonencode({\n"
        '    Version = "2012-10-17"\n'
        '    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",\n'
        "      Principal = {} }]\n"
        "  })\n",
        "  assume_role_policy = var.trust\n",
    )
    assert "var.trust" in text
    found = _found(tmp_path, "tf", text)
    assert found[("GDCC-GRAPH-006", "aws_iam_role.cluster")] == (
        "UNKNOWN",
        "the trust policy of aws_iam_role.admin, which it may pass to some services only, is"
        " not known from the input",
    )


def _written(condition: str) -> str:
    return (
        _role("deployer", '{ Service = "codebuild.amazonaws.com" }')
        + 'resource "aws_iam_role_policy" "deployer" {\n'
        + "  role = aws_iam_role.deployer.id\n"
        + "  policy = jsonencode({\n"
        + '    Version = "2012-10-17"\n'
        + '    Statement = [{ Effect = "Allow", Action = "iam:PassRole",\n'
        + f'      Resource = "arn:aws:iam::*:role/*"{condition} }}]\n'
        + "  })\n"
        + "}\n"
        + _admin('{ AWS = "arn:aws:iam::111122223333:root" }')
    )


def test_written_passed_to_service_condition_terraform(tmp_path: Path) -> None:
    held = _found(tmp_path, "held", _written(
        ', Condition = { StringEquals = { "iam:PassedToService" = "lambda.amazonaws.com" } }'
    ))
    assert held[("GDCC-GRAPH-006", "aws_iam_role.deployer")] == ("PASS", _WITHIN)
    free = _found(tmp_path, "free", _written(""))
    assert free[("GDCC-GRAPH-006", "aws_iam_role.deployer")] == (
        "FAIL",
        "a wildcard or administrator permission (held by aws_iam_role.admin, which it may act "
        "as) reaches all 3 aws resources",
    )


TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Deployer:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: {Service: codebuild.amazonaws.com}
      Policies:
        - PolicyName: pass
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: iam:PassRole
                Resource: "*"
                Condition:
                  StringLike: {"iam:PassedToService": "lambda.*"}
  Admin:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: {AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
  Worker:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: {Service: [lambda.amazonaws.com]}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonS3FullAccess]
"""


def test_written_passed_to_service_condition_cloudformation(tmp_path: Path) -> None:
    found = _found(tmp_path, "cfn", TEMPLATE)
    # the admin role is not passed (Lambda may not assume it); the worker Lambda may assume
    # is: its S3 wildcard is the deployer's reach
    assert found[("GDCC-GRAPH-006", "Deployer")] == (
        "FAIL",
        "a wildcard permission may act on every resource of services s3, s3-object-lambda, "
        'none of them in the scan: "AWS managed AmazonS3FullAccess": s3:*, s3-object-lambda:* '
        "on * (held by Worker, which it may act as)",
    )
    unconditioned = TEMPLATE.replace(
        "                Condition:\n"
        '                  StringLike: {"iam:PassedToService": "lambda.*"}\n',
        "",
    )
    free = _found(tmp_path, "cfn-free", unconditioned)
    assert free[("GDCC-GRAPH-006", "Deployer")] == (
        "FAIL",
        "a wildcard or administrator permission (held by Admin, which it may act as) reaches "
        "all 3 aws resources",
    )


def test_passed_to_read_from_the_condition() -> None:
    assert passed_to_services(
        {"StringEquals": {"iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"]}}
    ) == ("ec2.amazonaws.com", "ec2.amazonaws.com.cn")
    assert passed_to_services({"StringLike": {"IAM:PassedToService": "Lambda.*"}}) == ("lambda.*",)
    # a negated or IfExists operator, a value not known: no bound
    assert passed_to_services({"StringNotEquals": {"iam:PassedToService": "ec2"}}) is None
    assert passed_to_services({"StringEqualsIfExists": {"iam:PassedToService": "ec2"}}) is None
    assert passed_to_services({"StringEquals": {"iam:PassedToService": "<<gdcc-unknown>>"}}) is None
    compute = MANAGED[_ARN + "AmazonEKSComputePolicy"]
    passing = [s for s in compute if s.allows("iam:PassRole")]
    assert [(s.resources, s.passed_to) for s in passing] == [
        (("*",), ("ec2.amazonaws.com", "ec2.amazonaws.com.cn"))
    ]
    for name in _AUTO:
        assert not any("*" in a for s in MANAGED[_ARN + name] for a in s.actions), name
    # met in the stop-48 sweep: no wildcard; AWS Backup's PassRole held to GuardDuty
    for name in (
        "service-role/AWSCodeDeployRole", "service-role/AWSBackupServiceRolePolicyForBackup"
    ):
        assert not any("*" in a for s in MANAGED[_ARN + name] for a in s.actions), name
    backup = MANAGED[_ARN + "service-role/AWSBackupServiceRolePolicyForBackup"]
    assert [(s.resources, s.passed_to) for s in backup if s.allows("iam:PassRole")] == [
        (("arn:aws:iam::*:role/*",), ("malware-protection.guardduty.amazonaws.com",))
    ]
    spot = MANAGED[_ARN + "service-role/AmazonEC2SpotFleetTaggingRole"]
    assert [s.passed_to for s in spot if s.allows("iam:PassRole")] == [
        ("ec2.amazonaws.com", "ec2.amazonaws.com.cn")
    ]
    dynamo = MANAGED[_ARN + "AmazonDynamoDBFullAccess"]
    assert [s.passed_to for s in dynamo if s.allows("iam:PassRole")] == [
        ("application-autoscaling.amazonaws.com", "application-autoscaling.amazonaws.com.cn",
         "dax.amazonaws.com")
    ]
