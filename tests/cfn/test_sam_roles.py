"""The execution role the SAM transform creates for a function or state machine
(``<Id>Role``) holds what its ``Policies`` give and is judged as any role of the template: a
function given ``AdministratorAccess``, an inline ``Action: "*"`` or a wildcard policy template
had no IAM verdict at all."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.cloudformation.sam_roles import role_properties, template_document
from gdcc_audit.normalize.cloudformation.values import UNKNOWN, ResourceRef
from gdcc_audit.settings import Settings

TEMPLATE = """\
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Tracing: Active
Resources:
  Admin:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      CodeUri: src/
      Policies: AdministratorAccess
  Star:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      CodeUri: src/
      Policies:
        - Statement:
            - {Effect: Allow, Action: "*", Resource: "*"}
  Scoped:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      CodeUri: src/
      Policies:
        - DynamoDBCrudPolicy: {TableName: !Ref Table}
        - S3ReadPolicy: {BucketName: reports}
      Events:
        Jobs:
          Type: SQS
          Properties: {Queue: arn:aws:sqs:ap-southeast-7:123456789012:jobs}
  Texts:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      CodeUri: src/
      Policies:
        - TextractPolicy: {}
  Future:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      CodeUri: src/
      Policies:
        - NotYetReadPolicy: {Name: x}
  Own:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      CodeUri: src/
      Role: arn:aws:iam::123456789012:role/own
      Policies: AdministratorAccess
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: s3://defs/flow.json
      Policies:
        - LambdaInvokePolicy: {FunctionName: !Ref Scoped}
  Table:
    Type: AWS::Serverless::SimpleTable
  Widen:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: widen
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: "s3:*", Resource: "*"}
      Roles: [!Ref TextsRole]
"""


def _findings(tmp_path: Path) -> dict[tuple[str, str | None], tuple[Status, str, int | None]]:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005", "GDCC-IAM-008")))
    return {
        (f.rule_id, f.address): (f.status, f.message.en, f.location.start_line)
        for f in result.findings
    }


def test_generated_roles_are_judged_by_the_iam_rules(tmp_path: Path) -> None:
    found = _findings(tmp_path)
    wildcard = "it grants permissions by wildcard: "
    # named by the id SAM gives the role, at the line of the Policies that decide it
    assert found[("GDCC-IAM-005", "AdminRole")] == (
        Status.FAIL, wildcard + '"AWS managed AdministratorAccess": * on *', 12
    )
    assert found[("GDCC-IAM-005", "StarRole")] == (Status.FAIL, wildcard + "* on *", 19)
    # documented template expansions with named actions only; the SQS event's managed policy
    # and the X-Ray policy Globals' Tracing adds are read
    assert found[("GDCC-IAM-005", "ScopedRole")][0] == Status.PASS
    assert found[("GDCC-IAM-005", "FlowRole")][0] == Status.PASS
    # an AWS::IAM::Policy attached with Ref to the generated role widens it
    assert found[("GDCC-IAM-005", "TextsRole")] == (
        Status.FAIL, wildcard + '"TextractPolicy": textract:* on *; policy Widen: s3:* on *', 41
    )
    status, message, line = found[("GDCC-IAM-005", "FutureRole")]
    assert (status, line) == (Status.UNKNOWN, 49)
    assert message == (
        "whether it grants permissions by wildcard is not known from the input: the role SAM "
        "creates for Future "
        "holds permissions not read (policy template NotYetReadPolicy)"
    )
    # a function naming its own Role gets no generated role: its Policies are ignored
    assert not any(address == "OwnRole" for _, address in found)
    # the default trust lets only the Lambda / Step Functions service assume the role
    assert found[("GDCC-IAM-008", "AdminRole")][0] == Status.PASS
    assert found[("GDCC-IAM-008", "FlowRole")][0] == Status.PASS


def test_template_wildcard_action_fails(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(
        TEMPLATE.replace("TextractPolicy: {}", "SQSSendMessagePolicy: {QueueName: q}")
        .replace("Roles: [!Ref TextsRole]", "Roles: [!Ref OwnRole]"),
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    texts = next(f for f in result.findings if f.address == "TextsRole")
    # sqs:SendMessage* is a wildcard action, as in any other role
    assert texts.status == Status.FAIL
    assert texts.evidence["statements"] == [
        '"SQSSendMessagePolicy": sqs:SendMessage* on '
        "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:q"
    ]


def test_role_properties_read_as_sam_writes_them() -> None:
    props, unread = role_properties(
        "AWS::Serverless::Function",
        {
            "Policies": ["AmazonS3ReadOnlyAccess", {"SQSPollerPolicy": {"QueueName": "q"}}],
            "VpcConfig": {"SubnetIds": ["s"]},
            "DeadLetterQueue": {"Type": "SNS", "TargetArn": "arn:aws:sns:r:1:dlq"},
            "Events": {"Stream": {"Type": "Kinesis", "Properties": {}},
                       "Web": {"Type": "Api", "Properties": {}},
                       "Kafka": {"Type": "SelfManagedKafka", "Properties": {}}},
        },
    ) or ({}, [])
    assert props["ManagedPolicyArns"] == [
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole",
        "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
    ]
    documents = [p["PolicyDocument"] for p in props["Policies"]]
    assert documents[0] == {"Statement": [
        {"Effect": "Allow", "Action": "sns:Publish", "Resource": "arn:aws:sns:r:1:dlq"}
    ]}
    assert documents[1] is UNKNOWN  # the self-managed Kafka source's statements
    assert documents[2]["Statement"][0]["Resource"] == [
        "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:q"
    ]
    assert unread == ["the permissions event Kafka (SelfManagedKafka) adds"]
    trust = props["AssumeRolePolicyDocument"]["Statement"][0]
    assert trust["Principal"] == {"Service": "lambda.amazonaws.com"}
    # a state machine without Policies (it must then name a Role) gets none
    assert role_properties("AWS::Serverless::StateMachine", {}) is None
    assert role_properties("AWS::Serverless::Function", {"Role": "arn:aws:iam::1:role/r"}) is None


def test_template_parameters() -> None:
    document = template_document("DynamoDBReadPolicy", {"TableName": ResourceRef("Table")})
    assert document is not None
    assert document["Statement"][0]["Resource"] == [ResourceRef("Table"), ResourceRef("Table")]
    missing = template_document("S3ReadPolicy", {})
    assert missing is not None
    assert missing["Statement"][0]["Resource"] == [UNKNOWN, UNKNOWN]
    assert template_document("NoSuchPolicy", {}) is None


def test_msk_event_and_newer_templates() -> None:
    props, unread = role_properties(
        "AWS::Serverless::Function",
        {
            "Policies": [{"EventBridgePutEventsPolicy": {"EventBusName": "orders"}}],
            "Events": {"Kafka": {"Type": "MSK", "Properties": {
                "SourceAccessConfigurations": [
                    {"Type": "CLIENT_CERTIFICATE_TLS_AUTH", "URI": "arn:aws:secretsmanager:s"},
                ],
            }}},
        },
    ) or ({}, ["no role"])
    assert unread == []
    assert props["ManagedPolicyArns"] == [
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaMSKExecutionRole",
    ]
    documents = [p["PolicyDocument"] for p in props["Policies"]]
    assert documents == [
        {"Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                        "Resource": "arn:aws:secretsmanager:s"}]},
        {"Statement": [{
            "Sid": "EventBridgePutEventsPolicy", "Effect": "Allow",
            "Action": ["events:PutEvents"],
            "Resource": ["arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}"
                         ":event-bus/orders"],
        }]},
    ]


def test_mq_and_documentdb_events() -> None:
    """MQ and DocumentDB sources add the statements the transform writes (the role was
    UNKNOWN "the permissions event ... adds": 12 roles in aws-samples/serverless-patterns)."""
    secret = {"SourceAccessConfigurations": [
        {"Type": "BASIC_AUTH", "URI": "arn:aws:secretsmanager:ap-southeast-7:1:secret:mq"},
    ]}
    props, unread = role_properties(
        "AWS::Serverless::Function",
        {"Events": {
            "Broker": {"Type": "MQ", "Properties": {
                **secret, "Broker": "arn:aws:mq:ap-southeast-7:1:broker:b", "Queues": ["q"],
                "SecretsManagerKmsKeyId": "k1",
            }},
            "Docs": {"Type": "DocumentDB", "Properties": {
                **secret, "Cluster": "arn:aws:rds:ap-southeast-7:1:cluster:c",
                "DatabaseName": "d", "CollectionName": "c",
            }},
        }},
    ) or ({}, ["no role"])
    assert unread == []
    statements = [p["PolicyDocument"]["Statement"][0] for p in props["Policies"]]
    assert [(s["Action"], s["Resource"]) for s in statements] == [
        ("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:ap-southeast-7:1:secret:mq"),
        ("mq:DescribeBroker", "arn:aws:mq:ap-southeast-7:1:broker:b"),
        ("kms:Decrypt", "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/k1"),
        ("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:ap-southeast-7:1:secret:mq"),
        ("rds:DescribeDBClusterParameters",
         "arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster-pg:*"),
        ("rds:DescribeDBSubnetGroups",
         "arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:subgrp:*"),
        ("rds:DescribeDBClusters", "arn:aws:rds:ap-southeast-7:1:cluster:c"),
        (["ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
          "ec2:DeleteNetworkInterface", "ec2:DescribeVpcs", "ec2:DescribeSubnets",
          "ec2:DescribeSecurityGroups"], "*"),
    ]
    # an access configuration not known leaves the secret not known (never "none")
    props, unread = role_properties(
        "AWS::Serverless::Function",
        {"Events": {"Broker": {"Type": "MQ", "Properties": {"Broker": "b"}}}},
    ) or ({}, ["no role"])
    assert props["Policies"][0]["PolicyDocument"]["Statement"][0]["Resource"] is UNKNOWN
