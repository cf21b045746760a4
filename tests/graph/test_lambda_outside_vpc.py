"""A Lambda function not connected to a VPC runs in Lambda's own VPC ("Lambda owns this VPC,
which isn't connected to your account's default VPC", Lambda developer guide,
configuration-vpc): it reaches no private address of the tenant. It was a certain member of
"any internal address", so a public function without ``vpc_config`` reached a private
database that admits 0.0.0.0/0 (a wrong FAIL of GDCC-GRAPH-005). A VPC configuration a value
not known writes or leaves out: UNKNOWN. And a SAM function placed by ``Globals.Function.
VpcConfig`` alone was in no security group: a database admitting only that group PASSed."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

PASS = (Status.PASS, "No internet-facing workload can move laterally to a data store's "
        "database port")
FAIL_TF = (Status.FAIL, "a workload reachable from the internet can connect to port 5432: "
           "internet → api (invoked) → db:5432")

TERRAFORM = """\
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
}
resource "aws_security_group" "fn" {
  name   = "fn"
  vpc_id = aws_vpc.main.id
}
resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::123456789012:role/api"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"
  PLACEMENT
}
resource "aws_lambda_function_url" "api" {
  function_name      = aws_lambda_function.api.function_name
  authorization_type = "NONE"
}
resource "aws_db_instance" "db" {
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  db_subnet_group_name   = "private"
  vpc_security_group_ids = [aws_security_group.db.id]
  storage_encrypted      = true
}
variable "in_vpc" {
  type = bool
}
"""


def _lateral(path: Path) -> dict[str, tuple[Status, str]]:
    result = audit([path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    return {f.address or "": (f.status, f.message.en) for f in result.findings}


def _terraform(tmp_path: Path, vpc: str) -> tuple[Status, str]:
    (tmp_path / "main.tf").write_text(TERRAFORM.replace("PLACEMENT", vpc), "utf-8")
    return _lateral(tmp_path)["aws_db_instance.db"]


def test_a_function_without_vpc_config_reaches_no_private_address(tmp_path: Path) -> None:
    assert _terraform(tmp_path, "") == PASS


def test_a_function_in_the_vpc_reaches_what_admits_any_address(tmp_path: Path) -> None:
    vpc = """vpc_config {
    subnet_ids         = [aws_subnet.private.id]
    security_group_ids = [aws_security_group.fn.id]
  }"""
    assert _terraform(tmp_path, vpc) == FAIL_TF


def test_an_empty_subnet_list_connects_no_vpc(tmp_path: Path) -> None:
    """"To disconnect a function from a VPC, specify an empty list for SubnetIds and
    SecurityGroupIds" (Lambda API, VpcConfig)."""
    vpc = "vpc_config {\n    subnet_ids         = []\n    security_group_ids = []\n  }"
    assert _terraform(tmp_path, vpc) == PASS


def test_a_vpc_config_an_input_decides_is_not_known(tmp_path: Path) -> None:
    vpc = """dynamic "vpc_config" {
    for_each = var.in_vpc ? [true] : []
    content {
      subnet_ids         = [aws_subnet.private.id]
      security_group_ids = [aws_security_group.fn.id]
    }
  }"""
    assert _terraform(tmp_path, vpc) == (
        Status.UNKNOWN,
        "a workload reachable from the internet can connect to port 5432 if what is not "
        "known allows it: internet → api (invoked) → db:5432",
    )


CLOUDFORMATION = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  InVpc:
    Type: String
    DEFAULT
Conditions:
  UseVpc: !Equals [!Ref InVpc, "yes"]
GLOBALS
Resources:
  VPC:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Private:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VPC
      CidrBlock: 10.0.2.0/24
  FnSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: fn
      VpcId: !Ref VPC
  DbSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref VPC
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 5432
          ToPort: 5432
          SOURCE
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/api
      Handler: index.handler
      Runtime: python3.12
      InlineCode: "def handler(event, context): return 'ok'"
      FunctionUrlConfig:
        AuthType: NONE
      PLACEMENT
  DB:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      StorageEncrypted: true
      PubliclyAccessible: false
      VPCSecurityGroups: [!Ref DbSG]
"""
_IN_VPC = "VpcConfig: {SubnetIds: [!Ref Private], SecurityGroupIds: [!Ref FnSG]}"
_ANYONE = "CidrIp: 0.0.0.0/0"
FAIL_CFN = (Status.FAIL, "a workload reachable from the internet can connect to port 5432: "
            "internet → Api (invoked) → DB:5432")


def _cloudformation(
    tmp_path: Path, vpc: str, default: str = "", source: str = _ANYONE, globals_: str = ""
) -> tuple[Status, str]:
    text = (CLOUDFORMATION.replace("PLACEMENT", vpc).replace("DEFAULT", default)
            .replace("SOURCE", source).replace("GLOBALS", globals_))
    (tmp_path / "stack.yaml").write_text(text, "utf-8")
    return _lateral(tmp_path)["DB"]


def test_a_cloudformation_function_without_vpc_config(tmp_path: Path) -> None:
    assert _cloudformation(tmp_path, "") == PASS
    assert _cloudformation(tmp_path, _IN_VPC) == FAIL_CFN


def test_a_vpc_config_an_undecided_condition_chooses(tmp_path: Path) -> None:
    vpc = ("VpcConfig: !If [UseVpc, {SubnetIds: [!Ref Private], SecurityGroupIds: "
           "[!Ref FnSG]}, !Ref AWS::NoValue]")
    assert _cloudformation(tmp_path, vpc)[0] is Status.UNKNOWN
    # a parameter default decides it: connected, or not
    assert _cloudformation(tmp_path, vpc, "Default: 'yes'") == FAIL_CFN
    assert _cloudformation(tmp_path, vpc, "Default: 'no'") == PASS


def test_a_sam_function_placed_by_its_globals(tmp_path: Path) -> None:
    """``Globals.Function.VpcConfig`` places every SAM function: the database admitting only
    the functions' group is reached (was PASS: the function was in no group)."""
    globals_ = ("Globals:\n  Function:\n    VpcConfig:\n      SubnetIds: [!Ref Private]\n"
                "      SecurityGroupIds: [!Ref FnSG]")
    assert _cloudformation(
        tmp_path, "", source="SourceSecurityGroupId: !Ref FnSG", globals_=globals_
    ) == FAIL_CFN


def test_a_function_without_vpc_config_reaches_what_the_internet_reaches(
    tmp_path: Path,
) -> None:
    """Its internet access: a publicly accessible database admitting 0.0.0.0/0 is reached
    from it as from the internet (a path an instance of the VPC would give too)."""
    text = TERRAFORM.replace("PLACEMENT", "").replace(
        '  db_subnet_group_name   = "private"\n', "  publicly_accessible    = true\n"
    )
    (tmp_path / "main.tf").write_text(text, "utf-8")
    status, message = _lateral(tmp_path)["aws_db_instance.db"]
    assert status is not Status.PASS
    assert message.endswith("internet → api (invoked) → db:5432")
