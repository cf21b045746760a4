"""GDCC-SECRET-001 on Terraform arguments that hold secrets whatever they are called: the
write-only twins (``value_wo``, ``password_wo``: Terraform 1.11 write-only arguments exist only
for secrets) and the arguments a provider's schema marks sensitive (``aws_ssm_parameter``
``value``, ``azurerm_key_vault_secret`` ``value``). A literal written in ``value_wo`` PASSed
before (only ``value`` was read)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

RULE = "GDCC-SECRET-001"


def secret_findings(root: Path) -> dict[str, tuple[Status, list[str] | None, str]]:
    """Each GDCC-SECRET-001 finding of ``root`` by address: status, paths and message."""
    result = audit([root], Settings(rule_ids=(RULE,)))
    return {
        f.address or f.resource_name: (f.status, f.evidence.get("paths"), f.message.en)
        for f in result.findings
        if f.rule_id == RULE
    }


WRITE_ONLY = """\
resource "aws_ssm_parameter" "wo" {
  name             = "/app/db"
  type             = "SecureString"
  value_wo         = "ssm-secret-wo"
  value_wo_version = 1
}
resource "aws_ssm_parameter" "ref" {
  name             = "/app/db2"
  type             = "SecureString"
  value_wo         = ephemeral.random_password.db.result
  value_wo_version = 1
}
resource "azurerm_key_vault_secret" "wo" {
  name             = "kv"
  key_vault_id     = "x"
  value_wo         = "kv-secret-wo"
  value_wo_version = 1
}
resource "azurerm_key_vault_secret" "plain" {
  name         = "kv2"
  key_vault_id = "x"
  value        = "kv-secret"
}
resource "aws_db_instance" "wo" {
  engine              = "mysql"
  instance_class      = "db.t3.micro"
  username            = "admin"
  password_wo         = "db-password-wo"
  password_wo_version = 1
}
resource "openstack_keymanager_secret_v1" "s" {
  name    = "s"
  payload = "barbican-payload"
}
resource "openstack_identity_application_credential_v3" "c" {
  name   = "c"
  secret = "app-credential-secret"
}
"""


def test_write_only_and_schema_sensitive_arguments_fail(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(WRITE_ONLY, encoding="utf-8")
    found = {k: v[:2] for k, v in secret_findings(tmp_path).items()}
    assert found == {
        # was PASS: only `value` was read
        "aws_ssm_parameter.wo": (Status.FAIL, ["value_wo"]),
        "aws_ssm_parameter.ref": (Status.PASS, None),
        "azurerm_key_vault_secret.wo": (Status.FAIL, ["value_wo"]),
        "azurerm_key_vault_secret.plain": (Status.FAIL, ["value"]),
        "aws_db_instance.wo": (Status.FAIL, ["password_wo"]),
        "openstack_keymanager_secret_v1.s": (Status.FAIL, ["payload"]),
        "openstack_identity_application_credential_v3.c": (Status.FAIL, ["secret"]),
    }


KINDS = """\
resource "aws_mq_broker" "mq" {
  broker_name        = "mq"
  engine_type        = "ActiveMQ"
  engine_version     = "5.17.6"
  host_instance_type = "mq.t3.micro"
  user {
    username = "admin"
    password = "mq-password-1234"
  }
}
resource "aws_ecs_task_definition" "t" {
  family = "t"
  container_definitions = jsonencode([{
    name  = "app"
    image = "nginx:1.25"
    environment = [
      { name = "DB_PASSWORD", value = "ecs-password" },
      { name = "LOG_LEVEL", value = "debug" },
    ]
    secrets = [{ name = "API_TOKEN", valueFrom = "arn:aws:ssm:ap-southeast-1:1:parameter/t" }]
  }])
}
resource "aws_fsx_ontap_file_system" "fsx" {
  storage_capacity    = 1024
  subnet_ids          = ["s"]
  deployment_type     = "SINGLE_AZ_1"
  throughput_capacity = 128
  preferred_subnet_id = "s"
  fsx_admin_password  = "fsx-admin-1"
}
resource "azurerm_linux_web_app" "wa" {
  name                = "wa"
  location            = "x"
  resource_group_name = "rg"
  service_plan_id     = "p"
  site_config {}
  connection_string {
    name  = "db"
    type  = "SQLAzure"
    value = "Server=tcp:x;Database=d;User ID=u;Password=conn-pass-1;"
  }
}
"""


def test_secret_holders_of_every_kind_are_judged(tmp_path: Path) -> None:
    """A broker's user password, an ECS container's environment pair, an FSx admin password:
    these kinds were not judged by GDCC-SECRET-001 at all (no finding). A block of a
    secret-named list (``connection_string``) has its ``value`` judged, not its ``name`` and
    ``type`` (they were FAILs)."""
    (tmp_path / "main.tf").write_text(KINDS, encoding="utf-8")
    found = {k: v[:2] for k, v in secret_findings(tmp_path).items()}
    assert found == {
        "aws_mq_broker.mq": (Status.FAIL, ["user.0.password"]),
        "aws_ecs_task_definition.t": (
            Status.FAIL, ["container_definitions.0.environment.0.value"]
        ),
        "aws_fsx_ontap_file_system.fsx": (Status.FAIL, ["fsx_admin_password"]),
        "azurerm_linux_web_app.wa": (Status.FAIL, ["connection_string.0.value"]),
    }


def test_name_value_pairs() -> None:
    """A ``{name, value}`` pair is a secret when its name is a secret's; not when its type
    says the value is a store's name (CodeBuild ``PARAMETER_STORE``)."""
    from gdcc_audit.secrets.detect import detect_secrets

    values = {
        "environment_variable": [
            {"name": "GITHUB_TOKEN", "value": "literal-token", "type": "PLAINTEXT"},
            {"name": "DB_PASSWORD", "value": "/app/db", "type": "PARAMETER_STORE"},
            {"name": "REGION", "value": "ap-southeast-1"},
        ],
        "set": [{"name": "auth.password", "value": "helm-value"}],
        "OptionSettings": [
            {"Namespace": "aws:elasticbeanstalk:application:environment",
             "OptionName": "API_KEY", "Value": "eb-key"},
        ],
    }
    assert detect_secrets(values) == (
        "OptionSettings.0.Value", "environment_variable.0.value", "set.0.value"
    )


ORIGINS_ROOT = """\
variable "db_password" {
  type      = string
  sensitive = true
  default   = "Sup3rS3cret!"
}
variable "api_token" {
  type = string
}
variable "no_value" {
  type      = string
  sensitive = true
}
module "app" {
  source      = "./modules/app"
  admin_token = "module-argument-token"
}
resource "aws_db_instance" "var" {
  engine         = "mysql"
  instance_class = "db.t3.micro"
  username       = "admin"
  password       = var.db_password
}
resource "aws_db_instance" "none" {
  engine         = "mysql"
  instance_class = "db.t3.micro"
  username       = "admin"
  password       = var.no_value
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::111122223333:role/r"
  environment {
    variables = {
      API_TOKEN = var.api_token
      LITERAL_PASSWORD = "in-place-literal"
    }
  }
}
"""

ORIGINS_MODULE = """\
variable "admin_token" {
  type = string
}
resource "aws_elasticache_replication_group" "r" {
  replication_group_id = "r"
  description          = "r"
  auth_token           = var.admin_token
}
"""


def test_a_secret_given_through_a_variable_points_at_where_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sensitive variable's literal default, a ``.tfvars`` value, a module argument: the
    FAIL names the line to change (``value set at FILE:LINE``); before, only the resource's
    attribute was named. A variable with no value is no secret written anywhere."""
    (tmp_path / "main.tf").write_text(ORIGINS_ROOT, encoding="utf-8")
    (tmp_path / "terraform.tfvars").write_text('api_token = "tfvars-token"\n', encoding="utf-8")
    (tmp_path / "modules" / "app").mkdir(parents=True)
    (tmp_path / "modules" / "app" / "main.tf").write_text(ORIGINS_MODULE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = secret_findings(Path("."))
    assert found["aws_db_instance.var"] == (
        Status.FAIL, ["password"],
        "a secret is written in plain text at 'password' (value set at ./main.tf:4)",
    )
    assert found["aws_db_instance.none"][0] == Status.PASS
    assert found["aws_lambda_function.f"] == (
        Status.FAIL,
        ["environment.0.variables.API_TOKEN", "environment.0.variables.LITERAL_PASSWORD"],
        "a secret is written in plain text at 'environment.0.variables.API_TOKEN', "
        "'environment.0.variables.LITERAL_PASSWORD' (value set at ./terraform.tfvars:1)",
    )
    assert found["module.app.aws_elasticache_replication_group.r"] == (
        Status.FAIL, ["auth_token"],
        "a secret is written in plain text at 'auth_token' (value set at ./main.tf:15)",
    )


CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DbPassword:
    Type: String
    NoEcho: true
    Default: "ParamDefaultPass1"
  Deployed:
    Type: String
    NoEcho: true
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      MasterUsername: admin
      MasterUserPassword: !Ref DbPassword
  Given:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      MasterUsername: admin
      MasterUserPassword: !Ref Deployed
"""


def test_a_noecho_default_points_at_its_line(tmp_path: Path) -> None:
    template = tmp_path / "t.yaml"
    template.write_text(CFN, encoding="utf-8")
    found = secret_findings(tmp_path)
    assert found["Db"] == (
        Status.FAIL, ["MasterUserPassword"],
        f"a secret is written in plain text at 'MasterUserPassword' (value set at {template}:6)",
    )
    assert found["Given"][0] == Status.PASS


UNJUDGED = """\
resource "google_sql_user" "u" {
  name     = "app"
  instance = "db"
  password = "google-sql-password"
}
resource "aws_dms_endpoint" "e" {
  endpoint_id   = "e"
  endpoint_type = "source"
  engine_name   = "mysql"
  password      = "dms-password"
}
resource "helm_release" "h" {
  name  = "h"
  chart = "c"
  set_sensitive {
    name  = "adminUser"
    value = "helm-sensitive"
  }
}
resource "aws_vpn_connection" "v" {
  customer_gateway_id   = "c"
  type                  = "ipsec.1"
  tunnel1_preshared_key = "vpn-psk-1234"
}
resource "aws_secretsmanager_secret_version" "v" {
  secret_id     = "arn:aws:secretsmanager:ap-southeast-1:111122223333:secret:app"
  secret_string = "untargeted-version"
}
resource "google_sql_user" "ref" {
  name     = "ref"
  instance = "db"
  password = random_password.p.result
}
resource "random_password" "p" {
  length = 16
}
resource "aws_cognito_user_pool_client" "c" {
  name         = "c"
  user_pool_id = "p"
  token_validity_units {
    access_token = "hours"
    id_token     = "hours"
  }
}
resource "aws_cloudwatch_log_metric_filter" "f" {
  name           = "honeytoken_is_used"
  pattern        = ""
  log_group_name = "g"
  metric_transformation {
    name      = "honeytoken_is_used"
    namespace = "n"
    value     = "1"
  }
}
"""


def test_secrets_in_resources_no_rule_judges(tmp_path: Path) -> None:
    """A type gdcc-audit has no rules for (``google_sql_user``, ``aws_dms_endpoint``,
    ``helm_release``, ``aws_vpn_connection``) or a companion whose target is not in the scan
    (a secret version naming its secret by ARN) with a secret written in it FAILs as a secret
    holder (no finding before); without one it is not a resource (still "not judged"). A
    token lifetime unit (``hours``) and a pair counting ``1`` are not secrets."""
    (tmp_path / "main.tf").write_text(UNJUDGED, encoding="utf-8")
    found = {k: v[:2] for k, v in secret_findings(tmp_path).items()}
    assert found == {
        "google_sql_user.u": (Status.FAIL, ["password"]),
        "aws_dms_endpoint.e": (Status.FAIL, ["password"]),
        "helm_release.h": (Status.FAIL, ["set_sensitive.0.value"]),
        "aws_vpn_connection.v": (Status.FAIL, ["tunnel1_preshared_key"]),
        "aws_secretsmanager_secret_version.v": (Status.FAIL, ["secret_string"]),
    }
    result = audit([tmp_path], Settings(rule_ids=(RULE,)))
    kinds = {r.address: r.kind for r in result.resources}
    assert kinds["google_sql_user.u"] == "other.secret_holder"


CFN_UNJUDGED = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AdminPassword:
    Type: String
    NoEcho: true
    Default: "Default-Admin-1"
Resources:
  Directory:
    Type: AWS::DirectoryService::MicrosoftAD
    Properties:
      Name: corp.example.com
      Password: "Directory-Literal-1"
      VpcSettings: {SubnetIds: [a, b], VpcId: v}
  Nested:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://example.com/t.yaml
      Parameters:
        Upstream: !Ref AdminPassword
  Quiet:
    Type: AWS::DirectoryService::MicrosoftAD
    Properties:
      Name: corp2.example.com
      Password: "{{resolve:secretsmanager:ad:SecretString:password}}"
      VpcSettings: {SubnetIds: [a, b], VpcId: v}
"""


def test_cloudformation_secret_holders(tmp_path: Path) -> None:
    """A type no CloudFormation mapper reads, a nested stack passed a ``NoEcho`` default:
    secret holders (no finding before); a dynamic reference is none."""
    template = tmp_path / "t.yaml"
    template.write_text(CFN_UNJUDGED, encoding="utf-8")
    found = secret_findings(tmp_path)
    assert found == {
        "Directory": (
            Status.FAIL, ["Password"], "a secret is written in plain text at 'Password'"
        ),
        "Nested": (
            Status.FAIL, ["Parameters.Upstream"],
            "a secret is written in plain text at 'Parameters.Upstream' "
            f"(value set at {template}:6)",
        ),
    }


HEAT_UNJUDGED = """\
heat_template_version: 2018-08-31
resources:
  db:
    type: OS::Zun::Container
    properties:
      image: mysql:5.7
      environment:
        MYSQL_ROOT_PASSWORD: rootpass
        MYSQL_DATABASE: wordpress
  quiet:
    type: OS::Zun::Container
    properties:
      image: nginx:1.25
      environment: {LOG_LEVEL: debug}
"""


def test_heat_secret_holders(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(HEAT_UNJUDGED, encoding="utf-8")
    found = {k: v[:2] for k, v in secret_findings(tmp_path).items()}
    assert found == {"db": (Status.FAIL, ["environment.MYSQL_ROOT_PASSWORD"])}


OUTPUTS = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Key:
    Type: AWS::IAM::AccessKey
    Properties: {UserName: bob}
  Quiet:
    Type: AWS::IAM::AccessKey
    Properties: {UserName: alice}
Outputs:
  KeyId:
    Value: !Ref Key
  Secret:
    Value: !GetAtt Key.SecretAccessKey
  Line:
    Value: !Sub "aws_secret_access_key=${Key.SecretAccessKey}"
"""


def test_a_secret_published_in_stack_outputs(tmp_path: Path) -> None:
    """An access key's secret put into a stack output is shown in plain text to anyone who
    may describe the stack (``NoEcho`` does not mask outputs): it FAILs on the key (PASSed);
    the key id alone is no secret."""
    (tmp_path / "t.yaml").write_text(OUTPUTS, encoding="utf-8")
    found = {k: v[:2] for k, v in secret_findings(tmp_path).items()}
    assert found == {
        "Key": (Status.FAIL, ["Outputs.Line", "Outputs.Secret"]),
        "Quiet": (Status.PASS, None),
    }


HIDDEN = """\
heat_template_version: 2018-08-31
parameters:
  db_pass:
    type: string
    hidden: true
    default: "Heat-Hidden-Default-1"
  given:
    type: string
    hidden: true
resources:
  server:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      metadata: {db: {get_param: db_pass}}
  other:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      metadata: {db: {get_param: given}}
"""


def test_a_hidden_heat_default_taken_by_any_property(tmp_path: Path) -> None:
    """A ``hidden`` Heat parameter given a ``default`` is a secret written in the template,
    whatever property takes it (as a CloudFormation ``NoEcho`` default; PASSed under a name
    that does not say secret); without a default nothing is written."""
    (tmp_path / "t.yaml").write_text(HIDDEN, encoding="utf-8")
    found = {k: v[:2] for k, v in secret_findings(tmp_path).items()}
    assert found == {
        "server": (Status.FAIL, ["metadata.db"]),
        "other": (Status.PASS, None),
    }


CFN_INIT = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DBPassword:
    Type: String
    NoEcho: true
    Default: "Init-Default-Pass1"
  Given:
    Type: String
    NoEcho: true
Resources:
  Web:
    Type: AWS::EC2::Instance
    Metadata:
      AWS::CloudFormation::Init:
        config:
          files:
            /etc/my.cnf:
              content: "[client]\\npassword=Init-Literal-Pass1\\n"
          commands:
            setdb:
              command: !Sub "mysqladmin -u root password '${DBPassword}'"
    Properties:
      ImageId: ami-1
      InstanceType: t3.micro
  Quiet:
    Type: AWS::EC2::Instance
    Metadata:
      AWS::CloudFormation::Init:
        config:
          commands:
            setdb:
              command: !Sub "mysqladmin -u root password '${Given}'"
    Properties:
      ImageId: ami-1
      InstanceType: t3.micro
"""


def test_cfn_init_metadata(tmp_path: Path) -> None:
    """cfn-init's files and commands (``Metadata: AWS::CloudFormation::Init``) are read from
    the template by the instance: a password written there, or a ``NoEcho`` default put
    there, is a secret written in the template (they PASSed: only ``Properties`` were read).
    A ``NoEcho`` parameter without a default writes nothing."""
    (tmp_path / "t.yaml").write_text(CFN_INIT, encoding="utf-8")
    found = {k: v[:2] for k, v in secret_findings(tmp_path).items()}
    init = "Metadata.AWS::CloudFormation::Init.config"
    assert found == {
        "Web": (Status.FAIL, [
            f"{init}.commands.setdb.command", f"{init}.files./etc/my.cnf.content"
        ]),
        "Quiet": (Status.PASS, None),
    }


MORE_PROVIDERS = """\
resource "azurerm_container_group" "aci" {
  name                = "aci"
  location            = "eastus"
  resource_group_name = "rg"
  os_type             = "Linux"
  container {
    name   = "app"
    image  = "nginx"
    cpu    = 1
    memory = 1
    environment_variables        = { MODE = "prod" }
    secure_environment_variables = { APP_CONFIG = "x9Kq2mZ7vB4nW1" }
  }
}
resource "azurerm_app_service_certificate" "c" {
  name                = "c"
  resource_group_name = "rg"
  location            = "eastus"
  pfx_blob            = "MIIKcQIBAzCCCjcGCSqGSIb3DQEHAaCCCigEggokMIIKIDCCBNcGCSqGSIb3DQEHBqCC"
}
resource "google_kms_secret_ciphertext" "c" {
  crypto_key = "projects/p/locations/l/keyRings/r/cryptoKeys/k"
  plaintext  = "my-db-password"
}
resource "alicloud_kms_ciphertext" "c" {
  key_id    = "key-1"
  plaintext = "ZXhhbXBsZQ=="
}
resource "github_actions_secret" "s" {
  repository      = "app"
  secret_name     = "DEPLOY_KEY"
  plaintext_value = "ghs-literal-value"
}
resource "vault_approle_auth_backend_role_secret_id" "id" {
  role_name = "app"
  secret_id = "6a174c20-f6de-a53c-74d2-6018fcceff64"
}
resource "vault_generic_endpoint" "u" {
  path      = "auth/userpass/users/u1"
  data_json = "{\\"password\\": \\"changeme\\"}"
}
resource "local_sensitive_file" "cfg" {
  filename = "app.conf"
  content  = "x9Kq2mZ7vB4nW1"
}
resource "alicloud_instance" "kms" {
  instance_type          = "ecs.n4.large"
  image_id               = "ubuntu"
  kms_encrypted_password = "AQICAHj5jPUgYWAnjEXVeSvtg98gusmUcncxTb1pg+/p9W6NOAHd4x"
  kms_encryption_context = { purpose = "login" }
}
"""


def test_schema_sensitive_arguments_of_more_providers(tmp_path: Path) -> None:
    """Arguments these providers mark sensitive whose names do not say so: a literal
    there PASSed or had no finding (``secure_environment_variables`` of an Azure container
    group, a PFX blob, a KMS plaintext, a GitHub Actions secret's ``plaintext_value``, a
    Vault AppRole ``secret_id``). A KMS ciphertext (alicloud ``kms_encrypted_password``) is
    no secret: only the key holder can read it (it FAILed)."""
    (tmp_path / "main.tf").write_text(MORE_PROVIDERS, encoding="utf-8")
    found = {k: v[:2] for k, v in secret_findings(tmp_path).items()}
    assert found == {
        "azurerm_container_group.aci": (
            Status.FAIL, ["container.0.secure_environment_variables.APP_CONFIG"]
        ),
        "azurerm_app_service_certificate.c": (Status.FAIL, ["pfx_blob"]),
        "google_kms_secret_ciphertext.c": (Status.FAIL, ["plaintext"]),
        "alicloud_kms_ciphertext.c": (Status.FAIL, ["plaintext"]),
        "github_actions_secret.s": (Status.FAIL, ["plaintext_value"]),
        "vault_approle_auth_backend_role_secret_id.id": (Status.FAIL, ["secret_id"]),
        "vault_generic_endpoint.u": (Status.FAIL, ["data_json"]),
        "local_sensitive_file.cfg": (Status.FAIL, ["content"]),
        # an ECS instance (judged since sweep13): its KMS ciphertext is no secret
        "alicloud_instance.kms": (Status.PASS, None),
    }
