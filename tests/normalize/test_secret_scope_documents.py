"""GDCC-SECRET-001 wrong FAIL found in AWS SRA (stop 52): the Bedrock solution passes each
config rule's parameters to its custom resource as a JSON document, one of them under a
secret's name (``SRA-BEDROCK-CHECK-KB-VECTOR-STORE-SECRET``: the rule checks vector store
secrets). The document says where the rule applies (``deploy``, ``accounts``, ``regions``,
``input_params``): account ids and Region codes are no credentials, but they made the whole
value "a secret written in plain text". A document with a credential in it still FAILs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.secrets.detect import detect_secrets
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  pStoreSecretRuleParams:
    Type: String
    Default: 'DOCUMENT'
Resources:
  rRuleFunction:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::111122223333:role/rule-setup
      Code:
        ZipFile: "def handler(event, context): pass"
  rRuleSetup:
    Type: Custom::RuleSetup
    Properties:
      ServiceToken: !GetAtt rRuleFunction.Arn
      CHECK-STORE-SECRET: !Ref pStoreSecretRuleParams
"""

SCOPE = ('{"deploy": "true", "accounts": ["111122223333", "444455556666"], '
         '"regions": ["us-west-2", "ap-southeast-7"], "input_params": {}}')


def _secret_001(tmp_path: Path, document: str) -> list[tuple[Status, str]]:
    """The custom resource's GDCC-SECRET-001 findings (a custom resource has one only when
    a secret is found in it)."""
    (tmp_path / "template.yaml").write_text(TEMPLATE.replace("DOCUMENT", document),
                                            encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    return [(f.status, f.message.en) for f in result.findings if f.address == "rRuleSetup"]


def test_a_rule_scope_document_under_a_secret_name_is_no_secret(tmp_path: Path) -> None:
    """Was FAIL "a secret is written in plain text at 'CHECK-STORE-SECRET' (value set at
    template.yaml:5)"."""
    assert _secret_001(tmp_path, SCOPE) == []


def test_a_password_in_the_document_still_fails(tmp_path: Path) -> None:
    document = SCOPE.replace('"input_params": {}', '"input_params": {"password": "Kq7-vR2x!mZ"}')
    ((status, message),) = _secret_001(tmp_path, document)
    assert status is Status.FAIL
    assert message.startswith(
        "a secret is written in plain text at 'CHECK-STORE-SECRET.input_params.password' "
        "(value set at "
    )


@pytest.mark.parametrize(
    ("document", "found"),
    [
        ({"accounts": ["111122223333"], "regions": ["us-west-2"]}, ()),
        ({"account_id": "111122223333", "region": "us-gov-west-1"}, ()),
        # the name must say accounts / Regions: a 12-digit value elsewhere is still one
        ({"pin": "111122223333"}, ("store_secret",)),
        ({"regions": ["my-secret-1x"]}, ("store_secret",)),
        ({"accounts": ["Hunter22pw"]}, ("store_secret",)),
        ({"accounts": ["111122223333"], "token": "Hunter22pwXy"}, ("store_secret.token",)),
    ],
)
def test_accounts_and_regions_are_no_credentials(
    document: dict[str, object], found: tuple[str, ...]
) -> None:
    assert detect_secrets({"store_secret": json.dumps(document)}) == found
