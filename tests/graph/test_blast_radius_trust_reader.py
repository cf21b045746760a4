"""GDCC-GRAPH-006: one reader of a role's trust policy (``grants.trust_of``) for the blast
radius: who may assume the role, by kind of principal.

Two near-copies read it before, differently: ``sts:AssumeRole`` on ``*`` reached every
Terraform role (the one that reads AWS principals saw CloudFormation only) and every role
trusting an identity provider (a ``Federated`` principal was taken as an account's); a role
held to some services by ``iam:PassedToService`` was "not known" when its trust named the
service with ``!Sub ec2.${AWS::URLSuffix}``, under an ``Fn::If``, in a Terraform text longer
than 200 characters, or beside an account id computed at apply time; and it PASSed one
whose trust beside another service names a principal given by a parameter (``"*"`` may be).
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.grants import Trust, trust_of
from gdcc_audit.models.finding import Status
from gdcc_audit.models.location import SourceLocation
from gdcc_audit.models.resource import Resource
from gdcc_audit.settings import Settings

PASSED = "A workload identity's permissions stay within its own system"
EVERYTHING = "a wildcard or administrator permission reaches all {} aws resources"
#: The same, naming the roles that hold the grant, which it may act as (stop 52).
THROUGH = (
    "a wildcard or administrator permission (held by {}, which it may act as) reaches all {} "
    "aws resources"
)
TRUST_NOT_KNOWN = (
    "the trust policy of {}, which it may pass to some services only, is not known from the"
    " input"
)


def _found(tmp_path: Path, name: str, text: str) -> dict[str, tuple[Status, str, object]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    return {
        f.address or "": (f.status, f.message.en, f.evidence.get("acts_as"))
        for f in result.findings
    }


# an administrator role EC2 alone may assume, and one an identity provider's users may
TERRAFORM_ASSUME = """\
resource "aws_iam_role" "admin" {
  name = "svc-admin"
  assume_role_policy = jsonencode({ Statement = [{
    Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" }
  }] })
}
resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.admin.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_role" "assumer" {
  name = "assumer"
  assume_role_policy = jsonencode({ Statement = [{
    Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" }
  }] })
  inline_policy {
    name   = "assume"
    policy = jsonencode({ Statement = [{
      Effect = "Allow", Action = "sts:AssumeRole", Resource = "*"
    }] })
  }
}
"""


def test_terraform_role_trusting_a_service_is_not_assumed(tmp_path: Path) -> None:
    # it was: FAIL, acts as aws_iam_role.admin (a Terraform role was taken as trusting
    # accounts whatever its trust policy)
    assert _found(tmp_path, "main.tf", TERRAFORM_ASSUME) == {
        "aws_iam_role.admin": (Status.FAIL, EVERYTHING.format(2), None),
        "aws_iam_role.assumer": (Status.PASS, PASSED, None),
    }


CLOUDFORMATION_FEDERATED = """\
Resources:
  Provider:
    Type: AWS::IAM::OIDCProvider
    Properties:
      Url: https://token.actions.githubusercontent.com
      ClientIdList: [sts.amazonaws.com]
  DeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Federated: !Ref Provider}
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringLike: {"token.actions.githubusercontent.com:sub": "repo:octo-org/app:*"}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
  Assumer:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: assume
          PolicyDocument:
            Statement: [{Effect: Allow, Action: sts:AssumeRole, Resource: "*"}]
"""


def test_role_trusting_an_identity_provider_is_not_assumed_by_a_principal(
    tmp_path: Path,
) -> None:
    # it was: FAIL, acts as DeployRole ("Federated" was read as an account's principal)
    found = _found(tmp_path, "stack.yaml", CLOUDFORMATION_FEDERATED)
    assert found["Assumer"] == (Status.PASS, PASSED, None)
    assert found["DeployRole"][0] is Status.FAIL


# iam:PassRole held to EC2 on every role; the roles EC2 may assume, written each way
PASSER = """\
  Passer:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: pass
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: iam:PassRole
                Resource: "*"
                Condition: {StringEquals: {"iam:PassedToService": ec2.amazonaws.com}}
"""

ADMIN = """\
  {name}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
{statements}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
"""


def _stack(statements: str) -> str:
    return "Conditions:\n  Prod: !Equals [!Ref AWS::Region, us-east-1]\nResources:\n" + (
        PASSER + ADMIN.format(name="Admin", statements=statements)
    )


def test_service_named_with_the_url_suffix(tmp_path: Path) -> None:
    # it was: UNKNOWN "the permissions of Passer are not known" (the name not read)
    found = _found(tmp_path, "stack.yaml", _stack(
        "          - Effect: Allow\n"
        "            Principal: {Service: !Sub \"ec2.${AWS::URLSuffix}\"}\n"
        "            Action: sts:AssumeRole\n"
    ))
    assert found["Passer"] == (Status.FAIL, THROUGH.format("Admin", 2), ["Admin"])


def test_service_named_under_a_condition(tmp_path: Path) -> None:
    # it was: UNKNOWN (an ``Fn::If`` statement was not read): either branch may be deployed
    found = _found(tmp_path, "stack.yaml", _stack(
        "          - !If\n"
        "            - Prod\n"
        "            - {Effect: Allow, Principal: {Service: ec2.amazonaws.com},"
        " Action: sts:AssumeRole}\n"
        "            - !Ref AWS::NoValue\n"
    ))
    assert found["Passer"] == (Status.FAIL, THROUGH.format("Admin", 2), ["Admin"])


def test_service_beside_a_principal_not_known(tmp_path: Path) -> None:
    # the written service is EC2: passed, whatever the other principal is (as before)
    found = _found(tmp_path, "stack.yaml", "Parameters:\n  Trusted: {Type: String}\n" + _stack(
        "          - {Effect: Allow, Principal: {Service: ec2.amazonaws.com},"
        " Action: sts:AssumeRole}\n"
        "          - {Effect: Allow, Principal: !Ref Trusted, Action: sts:AssumeRole}\n"
    ))
    assert found["Passer"] == (Status.FAIL, THROUGH.format("Admin", 2), ["Admin"])


def test_only_another_service_beside_a_principal_not_known(tmp_path: Path) -> None:
    # Lambda is written, and the other principal (a parameter: "*" or a mapping naming EC2)
    # may let EC2 in: not known. It was PASS (a principal given by ``Ref`` was skipped). The
    # message names the role whose trust is not known, not Passer's permissions (read).
    found = _found(tmp_path, "stack.yaml", "Parameters:\n  Trusted: {Type: String}\n" + _stack(
        "          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com},"
        " Action: sts:AssumeRole}\n"
        "          - {Effect: Allow, Principal: !Ref Trusted, Action: sts:AssumeRole}\n"
    ))
    assert found["Passer"] == (Status.UNKNOWN, TRUST_NOT_KNOWN.format("Admin"), None)


TERRAFORM_PASS = """\
data "aws_caller_identity" "current" {}
resource "aws_iam_role" "passer" {
  name = "passer"
  assume_role_policy = jsonencode({ Statement = [{
    Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" }
  }] })
  inline_policy {
    name   = "pass"
    policy = jsonencode({ Statement = [{
      Effect = "Allow", Action = "iam:PassRole", Resource = "*"
      Condition = { StringEquals = { "iam:PassedToService" = "ec2.amazonaws.com" } }
    }] })
  }
}
resource "aws_iam_role" "nodes" {
  name = "nodes"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EC2AssumeRole"
      Effect    = "Allow"
      Action    = ["sts:AssumeRole", "sts:TagSession"]
      Principal = { Service = ["ec2.amazonaws.com", "ssm.amazonaws.com"] }
      Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
    }]
  })
}
resource "aws_iam_role_policy_attachment" "nodes" {
  role       = aws_iam_role.nodes.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_role" "functions" {
  name = "functions"
  assume_role_policy = jsonencode({ Statement = [{
    Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" }
    Condition = { StringEquals = {
      "aws:SourceAccount" = data.aws_caller_identity.current.account_id
    } }
  }] })
}
resource "aws_iam_role_policy_attachment" "functions" {
  role       = aws_iam_role.functions.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
"""


def test_terraform_trust_read_whole(tmp_path: Path) -> None:
    # a trust text longer than 200 characters (it was cut, then not read) trusting EC2:
    # passed; one trusting Lambda with an account id computed at apply time (it was left
    # out): not passed. It was UNKNOWN "the permissions of aws_iam_role.passer ...".
    found = _found(tmp_path, "main.tf", TERRAFORM_PASS)
    assert found["aws_iam_role.passer"] == (
        Status.FAIL, THROUGH.format("aws_iam_role.nodes", 3), ["aws_iam_role.nodes"]
    )


def _role(document: object) -> Resource:
    return Resource(
        id="r", kind="identity.role", name="r", provider="aws",
        provider_type="AWS::IAM::Role", location=SourceLocation(file="stack.yaml"),
        attributes={"AssumeRolePolicyDocument": document},
    )


def test_trust_by_kind_of_principal() -> None:
    def statement(principal: object, **more: object) -> dict[str, object]:
        return {"Statement": [{"Effect": "Allow", "Principal": principal,
                               "Action": "sts:AssumeRole", **more}]}

    assert trust_of(_role(statement({"Service": ["EC2.amazonaws.com"]}))) == Trust(
        services=frozenset({"ec2.amazonaws.com"})
    )
    assert trust_of(_role(statement({"AWS": {"Fn::GetAtt": ["Op", "Arn"]}}))) == Trust(
        accounts=True
    )
    # "*": anyone, the services too; held to an organisation's principals: accounts only
    assert trust_of(_role(statement("*"))) == Trust(
        any_service=True, accounts=True, federated=True
    )
    assert trust_of(_role(statement(
        "*", Condition={"StringEquals": {"aws:PrincipalOrgID": "o-1"}}
    ))) == Trust(accounts=True, federated=True)
    # a service whose name is not known is still a service, not an account's principal
    unnamed = trust_of(_role(statement({"Service": {"Ref": "Service"}})))
    assert unnamed.service_unread
    assert not unnamed.admits_accounts()
    assert unnamed.admits_service(["ec2.amazonaws.com"]) is None
    # a principal not known may be anyone
    assert trust_of(_role(statement({"Ref": "Trusted"}))).admits_accounts()
    # sts:TagSession alone lets no one assume the role; a Deny lets no one in
    assert trust_of(_role({"Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:root"},
         "Action": "sts:TagSession"},
        {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"},
    ]})) == Trust()
    assert trust_of(_role(None)).admits_accounts()
