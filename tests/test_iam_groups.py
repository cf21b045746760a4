"""An IAM user holds what its groups grant. A user in a group with ``AdministratorAccess``
attached, or with an inline ``*`` on ``*``, was judged as holding no privilege: GDCC-IAM-002
PASS "Every privileged user account has MFA" (Terraform ``aws_iam_group_membership`` /
``aws_iam_user_group_membership`` and CloudFormation ``AWS::IAM::UserToGroupAddition`` were
not read). A group that is not in the input grants what is not known. CloudFormation groups
are judged as the policies they hold (GDCC-IAM-005)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_iam_user" "alice" { name = "alice" }
resource "aws_iam_user" "bob" { name = "bob" }
resource "aws_iam_user" "carol" { name = "carol" }
resource "aws_iam_user" "dave" { name = "dave" }
resource "aws_iam_user" "erin" { name = "erin" }

resource "aws_iam_group" "admins" { name = "admins" }
resource "aws_iam_group_membership" "admins" {
  name  = "admins"
  group = aws_iam_group.admins.name
  users = [aws_iam_user.alice.name]
}
resource "aws_iam_group_policy_attachment" "admin" {
  group      = aws_iam_group.admins.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_group" "ops" { name = "ops" }
resource "aws_iam_group_policy" "ops" {
  group  = aws_iam_group.ops.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
resource "aws_iam_user_group_membership" "bob" {
  user   = aws_iam_user.bob.name
  groups = [aws_iam_group.ops.name]
}

resource "aws_iam_group" "readers" { name = "readers" }
resource "aws_iam_group_policy" "readers" {
  group  = aws_iam_group.readers.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::docs/*" }]
  })
}
resource "aws_iam_user_group_membership" "carol" {
  user   = aws_iam_user.carol.name
  groups = [aws_iam_group.readers.name]
}

# a group created outside this configuration
resource "aws_iam_user_group_membership" "dave" {
  user   = aws_iam_user.dave.name
  groups = ["existing-admins"]
}
"""

CFN = """\
Resources:
  Admins:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
  Ops:
    Type: AWS::IAM::Group
  OpsPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: all
      Groups: [!Ref Ops]
      PolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Action: "*", Resource: "*"}]
  Readers:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: read
          PolicyDocument:
            Version: "2012-10-17"
            Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::docs/*"}]
  Alice:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref Admins]
  Bob:
    Type: AWS::IAM::User
  BobInOps:
    Type: AWS::IAM::UserToGroupAddition
    Properties:
      GroupName: !Ref Ops
      Users: [!Ref Bob]
  Carol:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref Readers]
  Dave:
    Type: AWS::IAM::User
    Properties:
      Groups: [existing-admins]
  Erin:
    Type: AWS::IAM::User
"""

PASS = "it has no administrator privileges"
NO_MFA = "whether MFA is required is not known from the input"
ADMIN_NOT_KNOWN = "whether it has administrator privileges is not known from the input"


def _iam(path: Path) -> dict[tuple[str, str], tuple[Status, str, object]]:
    result = audit([path], Settings(rule_ids=("GDCC-IAM-002", "GDCC-IAM-005")))
    return {
        (f.address or "", f.rule_id): (
            f.status, f.message.en, f.evidence.get("admin_privileges", "-")
        )
        for f in result.findings
    }


def test_terraform_users_hold_their_groups_grants(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    found = _iam(tmp_path)
    users = {k[0]: v for k, v in found.items() if k[1] == "GDCC-IAM-002"}
    assert users == {
        "aws_iam_user.alice": (Status.UNKNOWN, NO_MFA, True),  # AdministratorAccess
        "aws_iam_user.bob": (Status.UNKNOWN, NO_MFA, True),  # * on *
        "aws_iam_user.carol": (Status.PASS, PASS, False),  # s3:GetObject only
        "aws_iam_user.dave": (Status.UNKNOWN, ADMIN_NOT_KNOWN, None),  # group not in scan
        "aws_iam_user.erin": (Status.PASS, PASS, False),  # in no group
    }
    assert found[("aws_iam_group_policy.ops", "GDCC-IAM-005")][0] is Status.FAIL


def test_cloudformation_users_hold_their_groups_grants(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(CFN, encoding="utf-8")
    found = _iam(tmp_path)
    users = {k[0]: v for k, v in found.items() if k[1] == "GDCC-IAM-002"}
    assert users == {
        "Alice": (Status.UNKNOWN, NO_MFA, True),
        "Bob": (Status.UNKNOWN, NO_MFA, True),  # added by an AWS::IAM::UserToGroupAddition
        "Carol": (Status.PASS, PASS, False),
        "Dave": (Status.UNKNOWN, ADMIN_NOT_KNOWN, None),
        "Erin": (Status.PASS, PASS, False),
    }
    groups = {k[0]: v[:2] for k, v in found.items() if k[1] == "GDCC-IAM-005"}
    wildcard = "it grants permissions by wildcard"
    assert groups == {
        "Admins": (
            Status.FAIL,
            f'{wildcard}: "AWS managed AdministratorAccess": * on *',
        ),
        "Ops": (Status.FAIL, wildcard),  # the AWS::IAM::Policy attached to it
        "OpsPolicy": (Status.FAIL, f"{wildcard}: * on *"),
        "Readers": (Status.PASS, "Permission policies do not grant actions by wildcard"),
    }
    # the addition is folded into its user, not a resource of its own
    assert "BobInOps" not in {k[0] for k in found}


CANDIDATES = """\
variable "x" {
  type = bool
}
resource "aws_iam_user" "alice" { name = "alice" }
resource "aws_iam_user" "bob" { name = "bob" }
resource "aws_iam_user" "carol" { name = "carol" }
resource "aws_iam_group" "admins" { name = "admins" }
resource "aws_iam_group" "readers" { name = "readers" }
resource "aws_iam_group_policy_attachment" "admin" {
  group      = aws_iam_group.admins.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_group_membership" "admins" {
  name  = "admins"
  group = aws_iam_group.admins.name
  users = [var.x ? aws_iam_user.alice.name : aws_iam_user.bob.name]
}
resource "aws_iam_user_group_membership" "carol" {
  user   = aws_iam_user.carol.name
  groups = [var.x ? aws_iam_group.admins.name : aws_iam_group.readers.name]
}
"""


def test_a_member_a_value_not_known_chooses_is_only_a_candidate(tmp_path: Path) -> None:
    """``users = [var.x ? alice : bob]`` made both administrators, ``groups = [var.x ?
    admins : readers]`` made carol one (each candidate was a certain member): now whether
    each holds administrator privileges is not known, naming the membership."""
    (tmp_path / "main.tf").write_text(CANDIDATES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-002",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    either = ("aws_iam_group_membership.admins sets it on this resource or on another one, "
              "chosen by a value not known before apply")
    assert found == {
        "aws_iam_user.alice": (Status.UNKNOWN, f"{ADMIN_NOT_KNOWN}: {either}"),
        "aws_iam_user.bob": (Status.UNKNOWN, f"{ADMIN_NOT_KNOWN}: {either}"),
        "aws_iam_user.carol": (
            Status.UNKNOWN,
            f"{ADMIN_NOT_KNOWN}: aws_iam_user_group_membership.carol may or may not add it to "
            "aws_iam_group.admins or aws_iam_group.readers (groups a value not known before "
            "apply chooses)",
        ),
    }
