"""``AWS::ElastiCache::ReplicationGroup`` client authentication (GDCC-DB-006) and IAM sign-in
(GDCC-DB-001) read further:

- an empty ``AuthToken`` (written ``""``, or a parameter whose default is ``""``) PASSed "AuthToken
  is set" (wrong PASS): an empty token is no token (tokens have 16 to 128 characters);
- an ``AuthToken`` from a parameter with no default was UNKNOWN "a value not known": the
  parameter's ``MinLength`` / ``AllowedPattern`` / ``AllowedValues`` decide whether it can be
  left empty (a blank parameter is an empty string): if not, PASS; if so, UNKNOWN saying why;
- GDCC-DB-001 of a cache naming a user group of the template was UNKNOWN with no reason: IAM
  when the group lists a user whose ``AuthenticationMode`` is ``iam``, FAIL when every user it
  lists is the template's and none is, UNKNOWN saying why for a group not in the template."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

_GROUP = """\
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: cache
      Engine: redis
      CacheNodeType: cache.t3.micro
      TransitEncryptionEnabled: true
"""

TOKENS = f"""\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Token:
    Type: String
    NoEcho: true
  EmptyDefault:
    Type: String
    NoEcho: true
    Default: ""
  LongToken:
    Type: String
    NoEcho: true
    MinLength: 16
  PatternToken:
    Type: String
    NoEcho: true
    AllowedPattern: "[a-zA-Z0-9]{{16,128}}"
Resources:
  Blank:
{_GROUP}      AuthToken: ""
  EmptyByDefault:
{_GROUP}      AuthToken: !Ref EmptyDefault
  Long:
{_GROUP}      AuthToken: !Ref LongToken
  Pattern:
{_GROUP}      AuthToken: !Ref PatternToken
  Plain:
{_GROUP}      AuthToken: !Ref Token
"""

NO_TOKEN = "clients connect without authenticating (AuthToken is empty, which is no token, and "


def _found(tmp_path: Path, text: str, rule: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / "template.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=(rule,)))
    return {f.address or "": (f.status, f.message.en) for f in result.findings}


def test_tokens(tmp_path: Path) -> None:
    assert _found(tmp_path, TOKENS, "GDCC-DB-006") == {
        "Blank": (Status.FAIL, NO_TOKEN + "UserGroupIds is not set)"),
        "EmptyByDefault": (Status.FAIL, NO_TOKEN + "UserGroupIds is not set)"),
        "Long": (
            Status.PASS,
            "Caches require clients to authenticate (AuthToken is the parameter LongToken, "
            "which has no default and cannot be empty (MinLength 16): the stack is not created "
            "without a token)",
        ),
        "Pattern": (
            Status.PASS,
            "Caches require clients to authenticate (AuthToken is the parameter PatternToken, "
            "which has no default and cannot be empty (AllowedPattern [a-zA-Z0-9]{16,128}): "
            "the stack is not created without a token)",
        ),
        "Plain": (
            Status.UNKNOWN,
            "whether clients must authenticate is not known from the input: AuthToken is the "
            "parameter Token, which has no default: a value is asked for when the stack is "
            "created, but a blank one is an empty string and no token, and no MinLength, "
            "AllowedPattern or AllowedValues of the parameter rules that out",
        ),
    }


GROUPS = f"""\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Closed:
    Type: AWS::ElastiCache::User
    Properties:
      UserId: closed-default
      UserName: default
      Engine: redis
      AccessString: "off ~* +@all"
      NoPasswordRequired: true
  App:
    Type: AWS::ElastiCache::User
    Properties:
      UserId: app
      UserName: app
      Engine: redis
      AccessString: "on ~app:* +@read"
      AuthenticationMode:
        Type: iam
  IamGroup:
    Type: AWS::ElastiCache::UserGroup
    Properties:
      UserGroupId: iam
      Engine: redis
      UserIds: [!Ref Closed, app]
  PasswordGroup:
    Type: AWS::ElastiCache::UserGroup
    Properties:
      UserGroupId: password
      Engine: redis
      UserIds: [!Ref Closed]
  MixedGroup:
    Type: AWS::ElastiCache::UserGroup
    Properties:
      UserGroupId: mixed
      Engine: redis
      UserIds: [!Ref Closed, reporting]
  WithIam:
{_GROUP}      UserGroupIds: [!Ref IamGroup]
  WithoutIam:
{_GROUP}      UserGroupIds: [!Ref PasswordGroup]
  UserOutside:
{_GROUP}      UserGroupIds: [!Ref MixedGroup]
  GroupOutside:
{_GROUP}      UserGroupIds: [g-outside]
  Serverless:
    Type: AWS::ElastiCache::ServerlessCache
    Properties:
      ServerlessCacheName: serverless
      Engine: valkey
      UserGroupId: !Ref IamGroup
"""

NOT_KNOWN = "whether IAM / directory authentication is on is not known from the input: "


def test_iam_users_of_user_groups(tmp_path: Path) -> None:
    assert _found(tmp_path, GROUPS, "GDCC-DB-001") == {
        "WithIam": (
            Status.PASS,
            "Databases authenticate users through the directory (IAM / Entra ID) (its user "
            "group holds users that sign in with IAM (IamGroup: App))",
        ),
        "Serverless": (
            Status.PASS,
            "Databases authenticate users through the directory (IAM / Entra ID) (its user "
            "group holds users that sign in with IAM (IamGroup: App))",
        ),
        "WithoutIam": (
            Status.FAIL,
            "IAM / directory authentication is off (no user of its user group signs in with "
            "IAM (AuthenticationMode Type iam): PasswordGroup: Closed)",
        ),
        "UserOutside": (
            Status.UNKNOWN,
            NOT_KNOWN + "its user group lists users that are not in the template (reporting): "
            "whether they sign in with IAM is not known",
        ),
        "GroupOutside": (
            Status.UNKNOWN,
            NOT_KNOWN + "whether a user of its user group (UserGroupIds) signs in with IAM is "
            "not known: the group is not in the template",
        ),
    }
