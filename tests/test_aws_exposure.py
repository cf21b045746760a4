"""AWS services public by a setting of their own (normalize/terraform/aws_exposure.py,
normalize/cloudformation/aws_exposure.py): App Runner services (public endpoint by default,
GDCC-CMP-011), Lightsail instances (always a public IP, GDCC-CMP-001), Lightsail databases
(public mode, off by default, GDCC-NET-002) and CloudFormation Lightsail buckets (access rules,
GDCC-DATA-001). None of them was read before (no finding: listed as not judged)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_apprunner_service" "public" {
  service_name = "public"
  source_configuration {
    image_repository {
      image_identifier      = "public.ecr.aws/aws-containers/hello-app-runner:latest"
      image_repository_type = "ECR_PUBLIC"
    }
  }
}

resource "aws_apprunner_service" "private" {
  service_name = "private"
  source_configuration {
    image_repository {
      image_identifier      = "public.ecr.aws/aws-containers/hello-app-runner:latest"
      image_repository_type = "ECR_PUBLIC"
    }
  }
  network_configuration {
    ingress_configuration {
      is_publicly_accessible = false
    }
  }
}

resource "aws_lightsail_instance" "web" {
  name              = "web"
  availability_zone = "us-east-1a"
  blueprint_id      = "amazon_linux_2"
  bundle_id         = "nano_2_0"
}

resource "aws_lightsail_database" "private" {
  name                 = "private"
  availability_zone    = "us-east-1a"
  master_database_name = "db"
  master_password      = var.password
  master_username      = "admin"
  blueprint_id         = "mysql_8_0"
  bundle_id            = "micro_1_0"
}

resource "aws_lightsail_database" "public" {
  name                 = "public"
  availability_zone    = "us-east-1a"
  master_database_name = "db"
  master_password      = var.password
  master_username      = "admin"
  blueprint_id         = "mysql_8_0"
  bundle_id            = "micro_1_0"
  publicly_accessible  = true
}

variable "password" {
  type      = string
  sensitive = true
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  PublicService:
    Type: AWS::AppRunner::Service
    Properties:
      SourceConfiguration:
        ImageRepository:
          ImageIdentifier: public.ecr.aws/aws-containers/hello-app-runner:latest
          ImageRepositoryType: ECR_PUBLIC
  PrivateService:
    Type: AWS::AppRunner::Service
    Properties:
      SourceConfiguration:
        ImageRepository:
          ImageIdentifier: public.ecr.aws/aws-containers/hello-app-runner:latest
          ImageRepositoryType: ECR_PUBLIC
      NetworkConfiguration:
        IngressConfiguration:
          IsPubliclyAccessible: false
  Web:
    Type: AWS::Lightsail::Instance
    Properties: {InstanceName: web, BlueprintId: amazon_linux_2, BundleId: nano_2_0}
  PrivateDb:
    Type: AWS::Lightsail::Database
    Properties:
      RelationalDatabaseName: private
      RelationalDatabaseBlueprintId: mysql_8_0
      RelationalDatabaseBundleId: micro_2_0
      MasterDatabaseName: db
      MasterUsername: admin
  PublicDb:
    Type: AWS::Lightsail::Database
    Properties:
      RelationalDatabaseName: public
      RelationalDatabaseBlueprintId: mysql_8_0
      RelationalDatabaseBundleId: micro_2_0
      MasterDatabaseName: db
      MasterUsername: admin
      PubliclyAccessible: true
  PublicBucket:
    Type: AWS::Lightsail::Bucket
    Properties:
      BucketName: public-bucket
      BundleId: small_1_0
      AccessRules: {GetObject: public}
  PrivateBucket:
    Type: AWS::Lightsail::Bucket
    Properties: {BucketName: private-bucket, BundleId: small_1_0}
  OverridableBucket:
    Type: AWS::Lightsail::Bucket
    Properties:
      BucketName: overridable-bucket
      BundleId: small_1_0
      AccessRules: {GetObject: private, AllowPublicOverrides: true}
"""

RULES = ("GDCC-CMP-001", "GDCC-CMP-011", "GDCC-NET-002", "GDCC-DATA-001", "GDCC-DATA-005")


def _found(tmp_path: Path, name: str, text: str) -> dict[tuple[str, str], tuple[Status, str]]:
    (tmp_path / name).write_text(text)
    result = audit([tmp_path], Settings(rule_ids=RULES, cache=False))
    assert result.not_judged == {}
    return {
        (f.rule_id, f.address or f.resource_name or ""): (f.status, f.message.en)
        for f in result.findings
        if f.status is not Status.NOT_APPLICABLE
    }


def test_terraform_public_by_setting(tmp_path: Path) -> None:
    found = _found(tmp_path, "main.tf", TF)
    assert {k: s for k, (s, _) in found.items()} == {
        ("GDCC-CMP-011", "aws_apprunner_service.public"): Status.FAIL,
        ("GDCC-CMP-011", "aws_apprunner_service.private"): Status.PASS,
        ("GDCC-CMP-001", "aws_lightsail_instance.web"): Status.FAIL,
        ("GDCC-NET-002", "aws_lightsail_database.private"): Status.PASS,
        ("GDCC-NET-002", "aws_lightsail_database.public"): Status.FAIL,
    }
    assert found[("GDCC-CMP-011", "aws_apprunner_service.public")][1] == (
        "anyone on the internet can access it (provider default: "
        "'network_configuration.0.ingress_configuration.0.is_publicly_accessible' not set)"
    )


def test_cloudformation_public_by_setting(tmp_path: Path) -> None:
    found = _found(tmp_path, "template.yaml", TEMPLATE)
    assert {k: s for k, (s, _) in found.items()} == {
        ("GDCC-CMP-011", "PublicService"): Status.FAIL,
        ("GDCC-CMP-011", "PrivateService"): Status.PASS,
        ("GDCC-CMP-001", "Web"): Status.FAIL,
        ("GDCC-NET-002", "PrivateDb"): Status.PASS,
        ("GDCC-NET-002", "PublicDb"): Status.FAIL,
        ("GDCC-DATA-001", "PublicBucket"): Status.FAIL,
        ("GDCC-DATA-001", "PrivateBucket"): Status.PASS,
        ("GDCC-DATA-001", "OverridableBucket"): Status.UNKNOWN,
    }
    assert found[("GDCC-DATA-001", "PublicBucket")][1] == (
        'anyone on the internet can read this store: AccessRules.GetObject "public" lets '
        "everyone read its objects"
    )


#: CodeBuild project visibility (normalize/build_visibility.py): a PUBLIC_READ project's build
#: logs and artifacts are readable by anyone (judged as the data it shares, compute.image, as a
#: Lambda layer permission is); not read before (only its secrets were judged).
CODEBUILD_TF = """\
resource "aws_codebuild_project" "public" {
  name               = "public"
  service_role       = "arn:aws:iam::123456789012:role/build"
  project_visibility = "PUBLIC_READ"
  artifacts { type = "NO_ARTIFACTS" }
  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }
  source {
    type     = "GITHUB"
    location = "https://github.com/example/app.git"
  }
}
resource "aws_codebuild_project" "private" {
  name         = "private"
  service_role = "arn:aws:iam::123456789012:role/build"
  artifacts { type = "NO_ARTIFACTS" }
  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
    environment_variable {
      name  = "DB_PASSWORD"
      value = "Sup3rS3cretPassw0rd!"
    }
  }
  source {
    type     = "GITHUB"
    location = "https://github.com/example/app.git"
  }
}
"""

CODEBUILD_CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Public:
    Type: AWS::CodeBuild::Project
    Properties:
      ServiceRole: arn:aws:iam::123456789012:role/build
      Visibility: PUBLIC_READ
      Artifacts: {Type: NO_ARTIFACTS}
      Environment:
        {ComputeType: BUILD_GENERAL1_SMALL, Image: aws/codebuild/standard:7.0,
         Type: LINUX_CONTAINER}
      Source: {Type: GITHUB, Location: https://github.com/example/app.git}
  Private:
    Type: AWS::CodeBuild::Project
    Properties:
      ServiceRole: arn:aws:iam::123456789012:role/build
      Artifacts: {Type: NO_ARTIFACTS}
      Environment:
        {ComputeType: BUILD_GENERAL1_SMALL, Image: aws/codebuild/standard:7.0,
         Type: LINUX_CONTAINER}
      Source: {Type: GITHUB, Location: https://github.com/example/app.git}
"""


def test_codebuild_visibility(tmp_path: Path) -> None:
    (tmp_path / "tf").mkdir()
    (tmp_path / "cfn").mkdir()
    found = _found(tmp_path / "tf", "main.tf", CODEBUILD_TF)
    assert {k: s for k, (s, _) in found.items()} == {
        ("GDCC-DATA-001", "aws_codebuild_project.public"): Status.FAIL,
        ("GDCC-DATA-001", "aws_codebuild_project.private"): Status.PASS,
    }
    assert found[("GDCC-DATA-001", "aws_codebuild_project.public")][1] == (
        'anyone on the internet can read this store: project_visibility "PUBLIC_READ" lets '
        "anyone read its build logs and artifacts"
    )
    found = _found(tmp_path / "cfn", "template.yaml", CODEBUILD_CFN)
    assert {k: s for k, (s, _) in found.items()} == {
        ("GDCC-DATA-001", "Public"): Status.FAIL,
        ("GDCC-DATA-001", "Private"): Status.PASS,
    }


#: An App Runner service is never in a VPC security group of the account (graph/defaults.py
#: NEVER_IN_VPC_GROUP): read as a possible member of the default VPC's default group, it made
#: a database there UNKNOWN ("internet → Service → Db:3306").
APP_RUNNER_AND_DB = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Service:
    Type: AWS::AppRunner::Service
    Properties:
      SourceConfiguration:
        ImageRepository:
          ImageIdentifier: public.ecr.aws/aws-containers/hello-app-runner:latest
          ImageRepositoryType: ECR_PUBLIC
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      MasterUsername: admin
      ManageMasterUserPassword: true
  Transfer:
    Type: AWS::Transfer::Server
"""


def test_app_runner_is_in_no_default_group(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(APP_RUNNER_AND_DB)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004", "GDCC-GRAPH-005"),
                                        cache=False))
    found = {(f.rule_id, f.resource_name): f for f in result.findings}
    assert found[("GDCC-GRAPH-004", "Db")].status is Status.PASS
    assert found[("GDCC-GRAPH-005", "Db")].status is Status.PASS
    assert "Service" not in found[("GDCC-GRAPH-004", "Db")].message.en


#: Lightsail instance firewalls (normalize/lightsail_ports.py): every blueprint's default
#: firewall opens SSH (22) and HTTP (80) to all addresses, so an instance whose ports the scan
#: does not write FAILs GDCC-NET-001 (was UNKNOWN: "inbound rules are not known");
#: aws_lightsail_instance_public_ports / Networking.Ports replace the defaults.
LIGHTSAIL_PORTS_TF = """\
resource "aws_lightsail_instance" "default" {
  name              = "default"
  availability_zone = "us-east-1a"
  blueprint_id      = "amazon_linux_2"
  bundle_id         = "nano_2_0"
}
resource "aws_lightsail_instance" "closed" {
  name              = "closed"
  availability_zone = "us-east-1a"
  blueprint_id      = "amazon_linux_2"
  bundle_id         = "nano_2_0"
}
resource "aws_lightsail_instance_public_ports" "closed" {
  instance_name = aws_lightsail_instance.closed.name
  port_info {
    protocol  = "tcp"
    from_port = 443
    to_port   = 443
    cidrs     = ["0.0.0.0/0"]
  }
  port_info {
    protocol  = "tcp"
    from_port = 22
    to_port   = 22
    cidrs     = ["203.0.113.0/24"]
  }
}
resource "aws_lightsail_instance" "open" {
  name              = "open"
  availability_zone = "us-east-1a"
  blueprint_id      = "windows_server_2019"
  bundle_id         = "nano_2_0"
}
resource "aws_lightsail_instance_public_ports" "open" {
  instance_name = "open"
  port_info {
    protocol  = "tcp"
    from_port = 3389
    to_port   = 3389
  }
}
"""

LIGHTSAIL_PORTS_CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Default:
    Type: AWS::Lightsail::Instance
    Properties: {InstanceName: default, BlueprintId: amazon_linux_2, BundleId: nano_2_0}
  Closed:
    Type: AWS::Lightsail::Instance
    Properties:
      InstanceName: closed
      BlueprintId: amazon_linux_2
      BundleId: nano_2_0
      Networking:
        Ports:
          - {Protocol: tcp, FromPort: 443, ToPort: 443, Cidrs: [0.0.0.0/0]}
          - {Protocol: tcp, FromPort: 22, ToPort: 22, Cidrs: [203.0.113.0/24]}
"""


def test_lightsail_firewalls(tmp_path: Path) -> None:
    def run(folder: Path, name: str, text: str) -> dict[str, tuple[Status, str]]:
        folder.mkdir()
        (folder / name).write_text(text)
        result = audit([folder], Settings(rule_ids=("GDCC-NET-001",), cache=False))
        assert result.not_judged == {}
        return {f.address or f.resource_name: (f.status, f.message.en) for f in result.findings}

    found = run(tmp_path / "tf", "main.tf", LIGHTSAIL_PORTS_TF)
    assert {a: s for a, (s, _) in found.items()} == {
        "aws_lightsail_instance.default": Status.FAIL,
        "aws_lightsail_instance.closed": Status.PASS,
        # a port entry without addresses: who it admits is not known
        "aws_lightsail_instance.open": Status.UNKNOWN,
    }
    assert found["aws_lightsail_instance.default"][1] == (
        "port 22 is open to the whole internet (0.0.0.0/0); opened by the Lightsail default "
        "firewall"
    )
    found = run(tmp_path / "cfn", "template.yaml", LIGHTSAIL_PORTS_CFN)
    assert {a: s for a, (s, _) in found.items()} == {
        "Default": Status.FAIL,
        "Closed": Status.PASS,
    }
