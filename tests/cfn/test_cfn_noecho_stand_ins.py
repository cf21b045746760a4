"""A ``NoEcho`` parameter (Heat: ``hidden``) whose ``Default`` is a stand-in (``none``,
``null``, ``empty``) holds no secret written in the template: awslabs'
community/codestar/python-webservice-lambda defaults its ``RepositoryToken`` to ``none``, and
its ``AWS::CodeStar::SeedRepository`` and pipeline FAILed GDCC-SECRET-001
(``normalize.cloudformation.noecho.defaulted_secrets``). A real default still FAILs."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  RepositoryToken:
    Type: String
    NoEcho: true
    Default: none
  DbPassword:
    Type: String
    NoEcho: true
    Default: Hunter22pw
Resources:
  Seed:
    Type: AWS::CodeStar::GitHubRepository
    Properties:
      RepositoryName: app
      RepositoryOwner: me
      RepositoryAccessToken: !Ref RepositoryToken
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      MasterUsername: admin
      MasterUserPassword: !Ref DbPassword
"""


def test_a_stand_in_default_is_no_secret(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    # the repository is judged only when a secret is written in it: no finding
    assert found == {
        "Db": ("FAIL", "a secret is written in plain text at 'MasterUserPassword' "
                       f"(value set at {tmp_path / 't.yaml'}:10)"),
    }
