"""GDCC-SECRET-001: a secret in JSON text (``"password": "x"``, a Terraform
``jsonencode``), an Azure template deployment's parameters (``{"adminPassword": {"value":
...}}``) PASSed; cloud-init ``lock_passwd: true`` and camelCase names that name or describe a
secret (``SecretsManagerSecretId``, ``dbSecretName``, ``passwordLength``) FAILed as secrets."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.secret_names import is_secret_name
from gdcc_audit.settings import Settings

RULE = "GDCC-SECRET-001"

TERRAFORM = """\
resource "aws_instance" "cloudinit" {
  ami           = "ami-1"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #cloud-config
    users:
      - name: app
        lock_passwd: true
        ssh_authorized_keys: ["ssh-ed25519 AAAAC3Nza app"]
  EOT
}
resource "aws_instance" "json" {
  ami           = "ami-1"
  instance_type = "t3.micro"
  user_data     = jsonencode({ db = { host = "db", password = "hunter2x" } })
}
resource "azurerm_resource_group_template_deployment" "arm" {
  name                = "arm"
  resource_group_name = "rg"
  deployment_mode     = "Incremental"
  template_content    = "{}"
  parameters_content = jsonencode({
    adminPassword = { value = "P@ssw0rd1234" }
    vmName        = { value = "vm1" }
    sqlPassword   = { reference = { keyVault = { id = "kv" }, secretName = "sql" } }
  })
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code: {ZipFile: "def handler(e, c): pass"}
      Environment:
        Variables:
          dbSecretName: prod-db
          passwordLength: "32"
          dbPassword: hunter2hunter
"""


def _findings(root: Path) -> dict[str, tuple[Status, list[str] | None]]:
    result = audit([root], Settings(rule_ids=(RULE,)))
    return {
        f.address or f.resource_name: (f.status, f.evidence.get("paths"))
        for f in result.findings
        if f.rule_id == RULE
    }


def test_json_text_and_cloud_init_settings(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    assert _findings(tmp_path) == {
        "aws_instance.cloudinit": (Status.PASS, None),  # was FAIL: lock_passwd: true
        "aws_instance.json": (Status.FAIL, ["user_data"]),  # was PASS
        # was no finding; the Key Vault reference's secretName is no secret
        "azurerm_resource_group_template_deployment.arm": (
            Status.FAIL, ["parameters_content.adminPassword.value"]
        ),
    }


def test_camel_case_names_that_describe_a_secret(tmp_path: Path) -> None:
    (tmp_path / "fn.yaml").write_text(TEMPLATE, encoding="utf-8")
    found = _findings(tmp_path)
    assert list(found.values()) == [(Status.FAIL, ["Environment.Variables.dbPassword"])]
    for name in ("SecretsManagerSecretId", "secretName", "PasswordResetRequired",
                 "GenerateSecretString", "HttpTokens", "kmsEncryptedPassword"):  # fmt: skip
        assert not is_secret_name(name), name
    for name in ("MasterUserPassword", "apiKey", "DBPassword", "SecretString", "AuthToken"):
        assert is_secret_name(name), name


SUB_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DBPassword: {Type: String, NoEcho: true}
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      UserData:
        Fn::Base64: !Sub |
          #!/bin/bash
          mysql -h ${Db.Endpoint.Address} -u admin -pS3cretPw1 -e 'select 1'
  Ref:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      UserData:
        Fn::Base64: !Join ["", ["mysql -h ", !GetAtt Db.Endpoint.Address, " -p", !Ref DBPassword]]
  Joined:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      UserData:
        Fn::Base64: !Join ["", ["echo 'root:Cl0udPw!' | chpasswd; ", !GetAtt Db.Endpoint.Port]]
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      MasterUsername: admin
      MasterUserPassword: !Ref DBPassword
"""


def test_cloudformation_text_written_around_deployment_values(tmp_path: Path) -> None:
    """``!Sub`` / ``!Join`` user data with a value made at deployment in it is UNKNOWN once
    resolved: a literal password written around it PASSed. The parts not known (a
    ``NoEcho`` parameter without default, an attribute) are never secrets."""
    (tmp_path / "web.yaml").write_text(SUB_TEMPLATE, encoding="utf-8")
    assert _findings(tmp_path) == {
        "Web": (Status.FAIL, ["UserData"]),
        "Ref": (Status.PASS, None),
        "Joined": (Status.FAIL, ["UserData"]),
        "Db": (Status.PASS, None),
    }
