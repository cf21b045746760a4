"""The execution role the AWS SAM transform creates for a function or state machine.

An ``AWS::Serverless::Function`` without ``Role`` gets an ``AWS::IAM::Role`` named
``<FunctionId>Role`` from the transform, holding what its ``Policies`` give ("If the Role
property is set, this property is ignored"; a string is an AWS managed policy name or ARN, a
mapping with ``Statement`` an inline policy, a mapping with one key a policy template), plus
``AWSLambdaBasicExecutionRole``, ``AWSXrayWriteOnlyAccess`` when ``Tracing`` is set,
``AWSLambdaVPCAccessExecutionRole`` when ``VpcConfig`` is, and what its dead-letter queue, its
asynchronous destinations and its poll-based event sources need.
https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html
An ``AWS::Serverless::StateMachine`` with ``Policies`` (and no ``Role``) gets one the same way,
with ``AWSXrayWriteOnlyAccess`` when ``Tracing.Enabled`` is true.
https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-statemachine.html

That role is mapped here as the ``AWS::IAM::Role`` the transform writes, and judged by the
rules every role of the template gets (GDCC-IAM-005, GDCC-IAM-008, GDCC-GRAPH-006): a function
given ``AdministratorAccess`` or ``Action: "*"`` was judged by no IAM rule at all.

Policy templates are expanded as the SAM policy template list documents them
(https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-template-list.html),
for the templates listed in ``_TEMPLATES``; any other template leaves the role's permissions
not known, with the template named (never "grants nothing").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gdcc_audit.load.interface import Document
from gdcc_audit.models.aws_managed_policies import AWS_POLICY_ARN, MANAGED
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.cloudformation.aws_identity import iam_role
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.intrinsics import references
from gdcc_audit.normalize.cloudformation.policy import ADMIN_POLICY_ARNS, managed_arn
from gdcc_audit.normalize.cloudformation.types import Mapped
from gdcc_audit.normalize.cloudformation.values import (
    NO_VALUE,
    UNKNOWN,
    PartialText,
    ResourceRef,
    declared_at,
)

FUNCTION = "AWS::Serverless::Function"
STATE_MACHINE = "AWS::Serverless::StateMachine"
OWNERS = frozenset({FUNCTION, STATE_MACHINE})

_ARN = AWS_POLICY_ARN
_BASIC = _ARN + "service-role/AWSLambdaBasicExecutionRole"
_XRAY = _ARN + "AWSXrayWriteOnlyAccess"
_VPC = _ARN + "service-role/AWSLambdaVPCAccessExecutionRole"

#: Poll-based event sources: the AWS managed policy SAM adds to the function's role.
_EVENT_POLICIES = {
    "Kinesis": _ARN + "service-role/AWSLambdaKinesisExecutionRole",
    "DynamoDB": _ARN + "service-role/AWSLambdaDynamoDBExecutionRole",
    "SQS": _ARN + "service-role/AWSLambdaSQSQueueExecutionRole",
    "MSK": _ARN + "service-role/AWSLambdaMSKExecutionRole",
}
#: Poll-based sources whose statements SAM writes itself (no AWS managed policy): the
#: secret of their BASIC_AUTH access configuration and the broker / cluster they read
#: (samtranslator ``eventsources/pull.py``, ``MQ`` and ``DocumentDB``).
_SECRET_EVENTS = frozenset({"MQ", "DocumentDB"})
#: The network interface actions a DocumentDB source is given on ``*``.
_ENI_ACTIONS = (
    "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface",
    "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
)
#: Event sources that add nothing to the function's role (they grant the source the right to
#: invoke the function, with a permission or a role of their own).
_PUSH_EVENTS = frozenset({
    "Api", "HttpApi", "S3", "SNS", "Schedule", "ScheduleV2", "CloudWatchEvent",
    "EventBridgeRule", "CloudWatchLogs", "IoTRule", "AlexaSkill", "Cognito",
})
#: Destination type -> the action SAM grants the role on it (dead-letter queue, asynchronous
#: invocation destinations, a poll-based source's on-failure destination).
_SEND = {
    "SQS": "sqs:SendMessage",
    "SNS": "sns:Publish",
    "Lambda": "lambda:InvokeFunction",
    "EventBridge": "events:PutEvents",
}

_P = "arn:${AWS::Partition}:"
_RA = "${AWS::Region}:${AWS::AccountId}:"

#: Policy templates of the SAM policy template list: their statements as (actions, resource
#: patterns); ``<Name>`` is the template's parameter ``Name``.
_TEMPLATES: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = {
    "SQSPollerPolicy": ((
        ("sqs:ChangeMessageVisibility", "sqs:ChangeMessageVisibilityBatch", "sqs:DeleteMessage",
         "sqs:DeleteMessageBatch", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"),
        (_P + "sqs:" + _RA + "<QueueName>",),
    ),),
    "SQSSendMessagePolicy": ((("sqs:SendMessage*",), (_P + "sqs:" + _RA + "<QueueName>",)),),
    "SNSPublishMessagePolicy": ((("sns:Publish",), (_P + "sns:" + _RA + "<TopicName>",)),),
    "SNSCrudPolicy": ((
        ("sns:ListSubscriptionsByTopic", "sns:CreateTopic", "sns:SetTopicAttributes",
         "sns:Subscribe", "sns:Publish"),
        (_P + "sns:" + _RA + "<TopicName>*",),
    ),),
    "LambdaInvokePolicy": ((
        ("lambda:InvokeFunction",), (_P + "lambda:" + _RA + "function:<FunctionName>*",),
    ),),
    "CloudWatchDescribeAlarmHistoryPolicy": ((("cloudwatch:DescribeAlarmHistory",), ("*",)),),
    "CloudWatchPutMetricPolicy": ((("cloudwatch:PutMetricData",), ("*",)),),
    "CloudWatchDashboardPolicy": ((
        ("cloudwatch:GetDashboard", "cloudwatch:ListDashboards", "cloudwatch:PutDashboard",
         "cloudwatch:ListMetrics"), ("*",),
    ),),
    "EC2DescribePolicy": ((("ec2:DescribeRegions", "ec2:DescribeInstances"), ("*",)),),
    "AMIDescribePolicy": ((("ec2:DescribeImages",), (_P + "ec2:" + _RA + "image/*",)),),
    "CloudFormationDescribeStacksPolicy": ((
        ("cloudformation:DescribeStacks",), (_P + "cloudformation:" + _RA + "stack/*",),
    ),),
    "DynamoDBCrudPolicy": ((
        ("dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Scan",
         "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem",
         "dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem"),
        (_P + "dynamodb:" + _RA + "table/<TableName>",
         _P + "dynamodb:" + _RA + "table/<TableName>/index/*"),
    ),),
    "DynamoDBReadPolicy": ((
        ("dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem",
         "dynamodb:DescribeTable"),
        (_P + "dynamodb:" + _RA + "table/<TableName>",
         _P + "dynamodb:" + _RA + "table/<TableName>/index/*"),
    ),),
    "DynamoDBWritePolicy": ((
        ("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"),
        (_P + "dynamodb:" + _RA + "table/<TableName>",
         _P + "dynamodb:" + _RA + "table/<TableName>/index/*"),
    ),),
    "DynamoDBReconfigurePolicy": ((
        ("dynamodb:UpdateTable",), (_P + "dynamodb:" + _RA + "table/<TableName>",),
    ),),
    "DynamoDBStreamReadPolicy": (
        (("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"),
         (_P + "dynamodb:" + _RA + "table/<TableName>/stream/<StreamName>",)),
        (("dynamodb:ListStreams",), (_P + "dynamodb:" + _RA + "table/<TableName>/stream/*",)),
    ),
    "S3ReadPolicy": ((
        ("s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetObjectVersion",
         "s3:GetLifecycleConfiguration"),
        (_P + "s3:::<BucketName>", _P + "s3:::<BucketName>/*"),
    ),),
    "S3CrudPolicy": ((
        ("s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:GetObjectVersion",
         "s3:PutObject", "s3:PutObjectAcl", "s3:GetLifecycleConfiguration",
         "s3:PutLifecycleConfiguration", "s3:DeleteObject"),
        (_P + "s3:::<BucketName>", _P + "s3:::<BucketName>/*"),
    ),),
    "S3FullAccessPolicy": (
        (("s3:GetObject", "s3:GetObjectAcl", "s3:GetObjectVersion", "s3:PutObject",
          "s3:PutObjectAcl", "s3:DeleteObject", "s3:DeleteObjectTagging",
          "s3:DeleteObjectVersionTagging", "s3:GetObjectTagging", "s3:GetObjectVersionTagging",
          "s3:PutObjectTagging", "s3:PutObjectVersionTagging"),
         (_P + "s3:::<BucketName>/*",)),
        (("s3:ListBucket", "s3:GetBucketLocation", "s3:GetLifecycleConfiguration",
          "s3:PutLifecycleConfiguration"),
         (_P + "s3:::<BucketName>",)),
    ),
    "VPCAccessPolicy": ((
        ("ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
         "ec2:DescribeNetworkInterfaces", "ec2:DetachNetworkInterface"), ("*",),
    ),),
    "KinesisStreamReadPolicy": (
        (("kinesis:ListStreams", "kinesis:DescribeLimits"),
         (_P + "kinesis:" + _RA + "stream/*",)),
        (("kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
          "kinesis:GetShardIterator"),
         (_P + "kinesis:" + _RA + "stream/<StreamName>",)),
    ),
    "KinesisCrudPolicy": ((
        ("kinesis:AddTagsToStream", "kinesis:CreateStream",
         "kinesis:DecreaseStreamRetentionPeriod", "kinesis:DeleteStream",
         "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetShardIterator",
         "kinesis:IncreaseStreamRetentionPeriod", "kinesis:ListTagsForStream",
         "kinesis:MergeShards", "kinesis:PutRecord", "kinesis:PutRecords", "kinesis:SplitShard",
         "kinesis:RemoveTagsFromStream"),
        (_P + "kinesis:" + _RA + "stream/<StreamName>",),
    ),),
    "KMSDecryptPolicy": ((("kms:Decrypt",), (_P + "kms:" + _RA + "key/<KeyId>",)),),
    "KMSEncryptPolicy": ((("kms:Encrypt",), (_P + "kms:" + _RA + "key/<KeyId>",)),),
    "AWSSecretsManagerGetSecretValuePolicy": ((
        ("secretsmanager:GetSecretValue",), ("<SecretArn>",),
    ),),
    "SSMParameterReadPolicy": (
        (("ssm:DescribeParameters",), ("*",)),
        (("ssm:GetParameters", "ssm:GetParameter", "ssm:GetParametersByPath"),
         (_P + "ssm:" + _RA + "parameter/<ParameterName>",)),
    ),
    "StepFunctionsExecutionPolicy": ((
        ("states:StartExecution",),
        (_P + "states:" + _RA + "stateMachine:<StateMachineName>",),
    ),),
    "SESSendBouncePolicy": ((
        ("ses:SendBounce",), (_P + "ses:" + _RA + "identity/<IdentityName>",),
    ),),
    "SESCrudPolicy": ((
        ("ses:GetIdentityVerificationAttributes", "ses:SendEmail", "ses:SendRawEmail",
         "ses:VerifyEmailIdentity"),
        (_P + "ses:" + _RA + "identity/<IdentityName>",),
    ),),
    "ElasticsearchHttpPostPolicy": ((
        ("es:ESHttpPost", "es:ESHttpPut"), (_P + "es:" + _RA + "domain/<DomainName>/*",),
    ),),
    "FilterLogEventsPolicy": ((
        ("logs:FilterLogEvents",),
        (_P + "logs:" + _RA + "log-group:<LogGroupName>:log-stream:*",),
    ),),
    "FirehoseWritePolicy": ((
        ("firehose:PutRecord", "firehose:PutRecordBatch"),
        (_P + "firehose:" + _RA + "deliverystream/<DeliveryStreamName>",),
    ),),
    "FirehoseCrudPolicy": ((
        ("firehose:CreateDeliveryStream", "firehose:DeleteDeliveryStream",
         "firehose:DescribeDeliveryStream", "firehose:PutRecord", "firehose:PutRecordBatch",
         "firehose:UpdateDestination"),
        (_P + "firehose:" + _RA + "deliverystream/<DeliveryStreamName>",),
    ),),
    "CodePipelineLambdaExecutionPolicy": ((
        ("codepipeline:PutJobSuccessResult", "codepipeline:PutJobFailureResult"), ("*",),
    ),),
    "EKSDescribePolicy": ((("eks:DescribeCluster", "eks:ListClusters"), ("*",)),),
    "RekognitionDetectOnlyPolicy": ((
        ("rekognition:DetectFaces", "rekognition:DetectLabels",
         "rekognition:DetectModerationLabels", "rekognition:DetectText"), ("*",),
    ),),
    "RekognitionLabelsPolicy": ((
        ("rekognition:DetectLabels", "rekognition:DetectModerationLabels"), ("*",),
    ),),
    "TextractPolicy": ((("textract:*",), ("*",)),),
    "EventBridgePutEventsPolicy": ((
        ("events:PutEvents",), (_P + "events:" + _RA + "event-bus/<EventBusName>",),
    ),),
    "S3WritePolicy": ((
        ("s3:PutObject", "s3:PutObjectAcl", "s3:PutLifecycleConfiguration"),
        (_P + "s3:::<BucketName>", _P + "s3:::<BucketName>/*"),
    ),),
    "ComprehendBasicAccessPolicy": ((
        ("comprehend:BatchDetectKeyPhrases", "comprehend:DetectDominantLanguage",
         "comprehend:DetectEntities", "comprehend:BatchDetectEntities",
         "comprehend:DetectKeyPhrases", "comprehend:DetectSentiment",
         "comprehend:BatchDetectDominantLanguage", "comprehend:BatchDetectSentiment"), ("*",),
    ),),
    "SSMParameterWithSlashPrefixReadPolicy": (
        (("ssm:DescribeParameters",), ("*",)),
        (("ssm:GetParameters", "ssm:GetParameter", "ssm:GetParametersByPath"),
         (_P + "ssm:" + _RA + "parameter<ParameterName>",)),
    ),
    "StepFunctionsExecutionPolicy_v2": ((
        ("states:StartExecution", "states:StartSyncExecution"),
        (_P + "states:" + _RA + "stateMachine:<StateMachineName>",),
    ),),
    "EcsRunTaskPolicy": ((
        ("ecs:RunTask",), (_P + "ecs:" + _RA + "task-definition/<TaskDefinition>",),
    ),),
}

_PARAMETER = re.compile(r"<(\w+)>")


def _fill(pattern: str, params: Any) -> Any:
    """A resource pattern with the template's parameters put in: text when each is text, the
    template's resource when the one parameter names it, else not known."""
    names = _PARAMETER.findall(pattern)
    if not names:
        return pattern
    if not isinstance(params, Mapping):
        return UNKNOWN
    values = [params.get(name) for name in names]
    refs = [v for v in values if isinstance(v, ResourceRef)]
    if refs:
        return refs[0] if len(set(names)) == 1 else UNKNOWN
    texts: dict[str, str] = {}
    for name, value in zip(names, values, strict=True):
        if isinstance(value, PartialText):
            texts[name] = value.text
        elif isinstance(value, str | int):
            texts[name] = str(value)
        else:
            return UNKNOWN
    return _PARAMETER.sub(lambda m: texts[m.group(1)], pattern)


def template_document(name: str, params: Any) -> dict[str, Any] | None:
    """The policy document a SAM policy template expands to; ``None`` when it is not one
    listed here."""
    found = _TEMPLATES.get(name)
    if found is None:
        return None
    return {
        "Statement": [
            {
                "Sid": name,  # names the template in a finding's evidence
                "Effect": "Allow",
                "Action": list(actions),
                "Resource": [_fill(pattern, params) for pattern in patterns],
            }
            for actions, patterns in found
        ]
    }


def _managed_arn(name: str) -> str:
    """The ARN of an AWS managed policy SAM is given by name (``AdministratorAccess``,
    ``AWSLambdaExecute``): the listed policy of that name, else ``arn:aws:iam::aws:policy/``
    with the name (not listed: its grants are not known)."""
    for arn in MANAGED:
        if arn.rsplit("/", 1)[-1] == name:
            return arn
    return _ARN + name


def _statement(action: str | list[str], resource: Any) -> dict[str, Any]:
    return {
        "Statement": [{
            "Effect": "Allow",
            "Action": action,
            "Resource": UNKNOWN if resource is None else resource,
        }]
    }


class _Role:
    """The parts of the generated role, with what could not be read."""

    def __init__(self) -> None:
        self.arns: list[Any] = []
        self.documents: list[Any] = []
        self.unread: list[str] = []

    def policy(self, item: Any) -> None:
        """One entry of ``Policies``."""
        if isinstance(item, str):
            self.arns.append(managed_arn(item) if item.startswith("arn:") else _managed_arn(item))
        elif isinstance(item, PartialText):
            arn = managed_arn(item)
            self.arns.append(
                arn if isinstance(arn, str) else item.text if item.text.startswith("arn:")
                else UNKNOWN
            )
        elif isinstance(item, Mapping) and "Statement" in item:
            self.documents.append(item)
        elif isinstance(item, Mapping) and len(item) == 1:
            name, params = next(iter(item.items()))
            document = template_document(str(name), params)
            if document is None:
                self.documents.append(UNKNOWN)
                self.unread.append(f"policy template {name}")
            else:
                self.documents.append(document)
        elif isinstance(item, ResourceRef):
            # a managed policy of the template (aws_identity.carry_managed reads it)
            self.arns.append(item)
            self.unread.append(f"managed policy {item.target}")
        elif item is not NO_VALUE:
            self.documents.append(UNKNOWN)
            self.unread.append("a Policies entry whose value is not known")

    def destination(self, where: str, config: Any) -> None:
        """A destination SAM grants the role a send action on (``Type`` and ``TargetArn`` /
        ``Destination``)."""
        if config is None:
            return
        kind = config.get("Type") if isinstance(config, Mapping) else UNKNOWN
        if kind is None:
            return  # no Type: SAM adds no policy
        action = _SEND.get(kind) if isinstance(kind, str) else None
        if action is None:
            self.documents.append(UNKNOWN)
            self.unread.append(f"the permissions {where} adds")
            return
        target = config.get("TargetArn", config.get("Destination"))
        self.documents.append(_statement(action, target))

    def event(self, name: str, spec: Any) -> None:
        """One entry of a function's ``Events``: a poll-based source adds its AWS managed
        policy and a send action on its on-failure destination."""
        kind = spec.get("Type") if isinstance(spec, Mapping) else None
        if kind in _PUSH_EVENTS:
            return
        if kind in _EVENT_POLICIES:
            self.arns.append(_EVENT_POLICIES[str(kind)])
            props = spec.get("Properties")
            config = props.get("DestinationConfig") if isinstance(props, Mapping) else None
            on_failure = config.get("OnFailure") if isinstance(config, Mapping) else None
            self.destination(f"event {name}", on_failure)
            if kind == "MSK":
                self._msk_certificate(props)
            return
        if kind in _SECRET_EVENTS and isinstance(spec.get("Properties"), Mapping):
            props = spec["Properties"]
            config = props.get("DestinationConfig")
            on_failure = config.get("OnFailure") if isinstance(config, Mapping) else None
            self.destination(f"event {name}", on_failure)
            self._secret_event(str(kind), props)
            return
        self.documents.append(UNKNOWN)
        self.unread.append(f"the permissions event {name} ({kind}) adds")

    def _secret_event(self, kind: str, props: Mapping[str, Any]) -> None:
        """An MQ or DocumentDB source: the statements samtranslator's ``MQ`` / ``DocumentDB``
        event sources write (``get_policy_statements``): the secret of its ``BASIC_AUTH``
        access configuration, the broker or cluster it reads, and ``kms:Decrypt`` on
        ``SecretsManagerKmsKeyId``."""
        uri: Any = UNKNOWN
        configs = props.get("SourceAccessConfigurations")
        if isinstance(configs, list):
            uri = next(
                (c.get("URI") for c in configs if isinstance(c, Mapping)
                 and c.get("Type") == "BASIC_AUTH"),
                UNKNOWN,
            )
        self.documents.append(_statement("secretsmanager:GetSecretValue", uri))
        if kind == "MQ":
            self.documents.append(_statement("mq:DescribeBroker", props.get("Broker")))
        else:
            rds = _P + "rds:" + _RA
            self.documents.append(
                _statement("rds:DescribeDBClusterParameters", rds + "cluster-pg:*")
            )
            self.documents.append(_statement("rds:DescribeDBSubnetGroups", rds + "subgrp:*"))
            self.documents.append(_statement("rds:DescribeDBClusters", props.get("Cluster")))
            self.documents.append(_statement(list(_ENI_ACTIONS), "*"))
        key = props.get("SecretsManagerKmsKeyId")
        if key is not None:
            target = _P + "kms:" + _RA + f"key/{key}" if isinstance(key, str) else UNKNOWN
            self.documents.append(_statement("kms:Decrypt", target))

    def _msk_certificate(self, props: Any) -> None:
        """An MSK source with a ``CLIENT_CERTIFICATE_TLS_AUTH`` access configuration: SAM adds
        ``secretsmanager:GetSecretValue`` on its ``URI``; one not known may."""
        configs = props.get("SourceAccessConfigurations") if isinstance(props, Mapping) else None
        if configs is None:
            return
        if not isinstance(configs, list):
            self.documents.append(UNKNOWN)
            self.unread.append("the SourceAccessConfigurations of an MSK event")
            return
        for conf in configs:
            kind = conf.get("Type") if isinstance(conf, Mapping) else UNKNOWN
            if kind == "CLIENT_CERTIFICATE_TLS_AUTH":
                self.documents.append(_statement("secretsmanager:GetSecretValue", conf.get("URI")))
                return
            if not isinstance(kind, str):
                self.documents.append(UNKNOWN)
                self.unread.append("the SourceAccessConfigurations of an MSK event")
                return

    def managed(self) -> None:
        """Name the AWS managed policies whose grants are not listed."""
        for arn in self.arns:
            if isinstance(arn, str) and arn not in MANAGED and arn not in ADMIN_POLICY_ARNS:
                self.unread.append(f"managed policy {arn.rsplit('/', 1)[-1]}")


def _merged(props: Mapping[str, Any], globals_: Any) -> dict[str, Any]:
    """A function's properties with the ``Globals`` it inherits (its own win)."""
    inherited = globals_ if isinstance(globals_, Mapping) else {}
    return {**inherited, **props}


def role_properties(
    kind: str, props: Mapping[str, Any], globals_: Any = None
) -> tuple[dict[str, Any], list[str]] | None:
    """The ``AWS::IAM::Role`` properties SAM writes for a function or state machine, and the
    parts whose permissions are not known; ``None`` when it creates no role."""
    if props.get("Role") not in (None, NO_VALUE):
        return None
    role = _Role()
    policies = props.get("Policies")
    if kind == STATE_MACHINE:
        if policies in (None, NO_VALUE):
            return None
        tracing = props.get("Tracing")
        trust_service = "states.amazonaws.com"
        if isinstance(tracing, Mapping) and tracing.get("Enabled") is True:
            role.arns.append(_XRAY)
        trust: Any = None
    else:
        props = _merged(props, globals_)
        trust_service = "lambda.amazonaws.com"
        trust = props.get("AssumeRolePolicyDocument")
        role.arns.append(_BASIC)
        if props.get("Tracing") not in (None, NO_VALUE):
            role.arns.append(_XRAY)
        if props.get("VpcConfig") not in (None, NO_VALUE):
            role.arns.append(_VPC)
        role.destination("DeadLetterQueue", props.get("DeadLetterQueue"))
        config = props.get("EventInvokeConfig")
        destinations = config.get("DestinationConfig") if isinstance(config, Mapping) else None
        if isinstance(destinations, Mapping):
            for when in ("OnSuccess", "OnFailure"):
                role.destination(f"EventInvokeConfig {when}", destinations.get(when))
        events = props.get("Events")
        if isinstance(events, Mapping):
            for name, spec in events.items():
                role.event(str(name), spec)
        elif events not in (None, NO_VALUE):
            role.documents.append(UNKNOWN)
            role.unread.append("the permissions its Events add")
    items = policies if isinstance(policies, list) else [] if policies is None else [policies]
    for item in items:
        role.policy(item)
    role.managed()
    if trust in (None, NO_VALUE):
        trust = {"Statement": [{
            "Effect": "Allow", "Action": "sts:AssumeRole",
            "Principal": {"Service": trust_service},
        }]}
    return {
        "AssumeRolePolicyDocument": trust,
        "ManagedPolicyArns": role.arns,
        "Policies": [
            {"PolicyName": f"Policy{index}", "PolicyDocument": document}
            for index, document in enumerate(role.documents)
        ],
    }, role.unread


def role_id(logical_id: str) -> str:
    """The logical id SAM gives the role it creates for ``logical_id``."""
    return f"{logical_id}Role"


def generated_ids(resources: Mapping[str, Any]) -> frozenset[str]:
    """Logical ids of the roles the transform may add to the template (so that a ``Ref`` or
    ``Fn::GetAtt`` to ``<FunctionId>Role`` is read as that resource)."""
    found: set[str] = set()
    for logical_id, spec in resources.items():
        if not isinstance(spec, Mapping) or spec.get("Type") not in OWNERS:
            continue
        props = spec.get("Properties")
        if isinstance(props, Mapping) and "Role" in props:
            continue
        name = role_id(str(logical_id))
        if name not in resources:
            found.add(name)
    return frozenset(found)


def _reason(owner: str, unread: list[str]) -> Text:
    parts = ", ".join(dict.fromkeys(unread))
    return Text(
        en=f"the role SAM creates for {owner} holds permissions not read ({parts})",
        th=f"บทบาทที่ SAM สร้างให้ {owner} มีสิทธิ์ที่ไม่ได้อ่าน ({parts})",
    )


@dataclass(frozen=True)
class Owner:
    """A SAM function or state machine of the template, as the transform reads it."""

    logical_id: str
    kind: str
    props: Mapping[str, Any]
    raw: Any
    pointer: str
    tags: Mapping[str, str]


def role_mapper(kind: str, globals_: Any, props: dict[str, Any]) -> Mapped | None:
    """The role SAM creates for a function or state machine of ``props``, mapped."""
    found = role_properties(kind, props, globals_)
    return None if found is None else iam_role(found[0])


def generated_role(
    document: Document, owner: Owner, globals_: Any, resources: frozenset[str]
) -> Pending | None:
    """The role SAM creates for the function or state machine ``owner`` (``None`` when it
    names its own ``Role``)."""
    name = role_id(owner.logical_id)
    if name not in resources:
        return None
    found = role_properties(owner.kind, owner.props, globals_)
    if found is None:
        return None
    props, unread = found
    mapped = iam_role(props)
    if unread:
        reason = _reason(owner.logical_id, unread)
        for facet in ("wildcard_permissions", "admin_privileges", "permissions"):
            mapped.unknown[facet] = reason
        mapped.facets.pop("permissions_read", None)  # more than managed policies not read
        mapped.facets.pop("permissions_unread", None)
    raw = owner.raw if isinstance(owner.raw, Mapping) else {}
    written = {"Policies": raw["Policies"]} if "Policies" in raw else {}
    pointer = owner.pointer + ("/Properties/Policies" if written else "")
    return Pending(
        logical_id=name,
        provider="aws",
        provider_type="AWS::IAM::Role",
        mapped=mapped,
        props=props,
        raw={
            **written,
            "ManagedPolicyArns": [a for a in props["ManagedPolicyArns"] if isinstance(a, str)],
        },
        pointer=pointer,
        references=[
            r for r in references(written, resources) if r.target != owner.logical_id
        ],
        tags=dict(owner.tags),  # SAM tags the role with the function's tags
        at=declared_at(document, pointer),
    )
