"""A KMS key's policy is read with its principals as written, as a role's trust is
(``written_policy.written_principals``). aws-security-reference-architecture-examples' delivery
keys grant ``arn:${AWS::Partition}:iam::${pLogArchiveAccountId}:root`` ``kms:Decrypt``, a
``String`` whose ``AllowedPattern`` refuses ``*`` (CloudFormation refuses the value; IAM refuses
a principal ARN with a wildcard part): GDCC-ENC-006 was UNKNOWN "whether anyone may use the key
is not known from the input" (a key policy's principals were only read resolved, and a
parameter without a default is not known). A parameter whose constraints admit ``*`` may make
the principal everyone and stays not known, in text or whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

KEY = """\
Parameters:
  pLogArchiveAccountId:
    Type: String
    AllowedPattern: ^([\\w.-]{1,900})$|^(\\/[\\w.-]{1,900})*[\\w.-]{1,900}$
  pAny:
    Type: String
Resources:
  DeliveryKey:
    Type: TYPE
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: 2012-10-17
        Statement:
          - Effect: Allow
            Action: kms:*
            Resource: '*'
            Principal:
              AWS: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root
          - Effect: Allow
            Action: kms:Decrypt
            Resource: '*'
            Principal:
              AWS:
                - PRINCIPAL
"""
KEY_PASSED = "Key policies do not let everyone use the key"
KEY_NOT_KNOWN = "whether anyone may use the key is not known from the input"


def _key(tmp_path: Path, principal: str, kind: str = "AWS::KMS::Key") -> tuple:
    text = KEY.replace("PRINCIPAL", principal).replace("TYPE", kind)
    if kind == "AWS::KMS::ReplicaKey":
        text = text.replace("      EnableKeyRotation: true\n", "      PrimaryKeyArn: arn:x\n")
    (tmp_path / "key.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-006",)))
    (found,) = result.findings
    return found.status, found.message.en


@pytest.mark.parametrize("kind", ["AWS::KMS::Key", "AWS::KMS::ReplicaKey"])
@pytest.mark.parametrize("principal", [
    "!Sub arn:${AWS::Partition}:iam::${pLogArchiveAccountId}:root",  # a pattern without '*'
    "!Ref pLogArchiveAccountId",
])
def test_a_key_granting_an_account_parameter_lets_no_one_else_in(
    tmp_path: Path, principal: str, kind: str
) -> None:
    # it was: UNKNOWN, KEY_NOT_KNOWN
    assert _key(tmp_path, principal, kind) == (Status.PASS, KEY_PASSED)


@pytest.mark.parametrize("principal", [
    "!Sub arn:${AWS::Partition}:iam::${pAny}:root",
    "!Sub ${pAny}",
    "!Ref pAny",
])
def test_a_key_granting_a_parameter_that_may_be_a_wildcard_stays_not_known(
    tmp_path: Path, principal: str
) -> None:
    # (a guard: the same on main) the parameter may be "*"
    assert _key(tmp_path, principal) == (Status.UNKNOWN, KEY_NOT_KNOWN)


def test_a_key_granting_everyone_fails(tmp_path: Path) -> None:
    # (a guard: the same on main)
    assert _key(tmp_path, "'*'")[0] is Status.FAIL
