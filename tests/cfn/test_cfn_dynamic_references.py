"""CloudFormation dynamic references (``{{resolve:ssm:...}}``, ``{{resolve:secretsmanager:
...}}``, ``{{resolve:ssm-secure:...}}``) are values the deployment fills, never text the
template writes: GDCC-SECRET-001 read one inside a command as a literal password (``mysql
-p{{resolve:...}}``, ``mysqladmin ... password {{resolve:...}}``, a URL's credentials), in user
data, ECS commands and environment values alike. Now only what is written around one counts.
GDCC-CMP-005 still FAILs user data that a Secrets Manager or SSM SecureString reference puts a
secret into (named by service); a plain ``ssm`` String parameter is a reference (an AMI id,
a host name). And user data whose secret two ``Fn::If`` on conditions not decided make
together (one writes ``-p``, the other the password) PASSed: each choice was read beside the
others not known; every combination is read now."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  Env: {Type: String}
  Tier: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDb: !Equals [!Ref Tier, db]
Resources:
  SsmSub:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData:
        Fn::Base64: !Sub |
          #!/bin/bash
          mysql -u admin -p{{resolve:ssm:/app/db-password}} -h db.${AWS::Region}.internal
  SsmPlain:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData:
        Fn::Base64: |
          #!/bin/bash
          mysqladmin -u root password {{resolve:ssm:/app/db-password:3}}
  Vault:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData:
        Fn::Base64: |
          #!/bin/bash
          mysql -u admin -p{{resolve:secretsmanager:Db:SecretString:password}} -e 'select 1'
  Secure:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData:
        Fn::Base64: !Sub |
          #!/bin/bash
          export DB_PASSWORD={{resolve:ssm-secure:/app/db-password:1}}
          echo ${AWS::StackName}
  Written:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData:
        Fn::Base64: !Sub |
          #!/bin/bash
          mysql -u admin -pZq8vLw2Rt5Kp -h {{resolve:ssm:/app/db-host}} ${AWS::Region}
  TwoChoices:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData:
        Fn::Base64:
          Fn::Join:
            - ""
            - - "#!/bin/bash\\nmysql -u admin "
              - !If [IsProd, "-p", "--host=db "]
              - !If [IsDb, "Zq8vLw2Rt5Kp", "--port=3306"]
              - " -e 'select 1'\\n"
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: nginx
          Environment:
            - Name: DATABASE_URL
              Value: postgresql://app:{{resolve:secretsmanager:Db:SecretString:password}}@db/app
          Command: [sh, -c, "mysql -p{{resolve:secretsmanager:Db:SecretString:password}} -e 1"]
"""
SECRET_PASS = (Status.PASS, "No secrets are written in configuration")
USER_DATA_PASS = (Status.PASS, "Instance user data holds no secrets")
WRITTEN = (Status.FAIL, "a secret is written in plain text at 'UserData'")


def test_dynamic_references(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001", "GDCC-CMP-005")))
    found = {(f.address, f.rule_id): (f.status, f.message.en) for f in result.findings}
    assert found == {
        ("SsmSub", "GDCC-SECRET-001"): SECRET_PASS,
        ("SsmSub", "GDCC-CMP-005"): USER_DATA_PASS,
        ("SsmPlain", "GDCC-SECRET-001"): SECRET_PASS,
        ("SsmPlain", "GDCC-CMP-005"): USER_DATA_PASS,
        ("Vault", "GDCC-SECRET-001"): SECRET_PASS,
        ("Vault", "GDCC-CMP-005"): (
            Status.FAIL, "secrets in user data: UserData (Secrets Manager dynamic reference)"
        ),
        ("Secure", "GDCC-SECRET-001"): SECRET_PASS,
        ("Secure", "GDCC-CMP-005"): (
            Status.FAIL, "secrets in user data: UserData (SSM SecureString dynamic reference)"
        ),
        # a literal password beside a reference is still written in the template
        ("Written", "GDCC-SECRET-001"): WRITTEN,
        ("Written", "GDCC-CMP-005"): (Status.FAIL, "secrets in user data: UserData"),
        ("TwoChoices", "GDCC-SECRET-001"): WRITTEN,
        ("TwoChoices", "GDCC-CMP-005"): (Status.FAIL, "secrets in user data: UserData"),
        ("Task", "GDCC-SECRET-001"): SECRET_PASS,
    }
