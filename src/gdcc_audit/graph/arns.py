"""Which resources of the scan an IAM ``Resource`` pattern covers.

A policy statement names what it grants on either by reference (``ref:`` entries: the
graph resolves them) or by ARN text: ``*``, ``arn:aws:s3:::payroll-*/*``,
``arn:aws:dynamodb:*:*:table/orders``. This module matches ARN text against the AWS resources
of the scan whose ARN form is known, by the name written for them. The ARN forms are those of
the Service Authorization Reference ("Resource types defined by <service>",
docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html);
region and account are not known from the input and match anything.

A resource whose name is not written (generated at deploy time, a key id, an instance id)
is covered by a pattern only when the pattern covers every name (``.../*``, ``*``); a pattern
that names one is *uncertain* (``None``): it may or may not be this resource.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass

from gdcc_audit.models.resource import Resource

__all__ = ["ArnShape", "Form", "actions_on", "covers", "extends", "services", "shape_of"]


@dataclass(frozen=True)
class Form:
    """One ARN form of a resource type: ``{name}`` (region and account as ``*``) filled with
    the written name (``named``) or with a generated id; ``subs``: the separators after which
    its sub-resources' ARNs go on (a bucket's objects after ``/``, a function's versions after
    ``:``), which a pattern may name instead of the resource itself."""

    arn: str
    subs: str = ""
    named: bool = True

    @property
    def service(self) -> str:
        """The service field of the ARN."""
        return self.arn.split(":", 5)[2]

    @property
    def part(self) -> str:
        """The resource part of the ARN (after the account field)."""
        return self.arn.split(":", 5)[5]


@dataclass(frozen=True)
class ArnShape:
    """How a resource type's ARN is written: the IAM service prefixes whose actions act on
    it, the attributes (Terraform, CloudFormation) holding its name and a prefix of a
    generated name, and its ARN forms."""

    services: tuple[str, ...]
    names: tuple[str, ...]
    forms: tuple[Form, ...]
    #: the only actions of those services that act on it (all when empty)
    only: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ("bucket_prefix", "name_prefix")


def _shape(services: str, names: str, *forms: Form, only: tuple[str, ...] = ()) -> ArnShape:
    return ArnShape(tuple(services.split()), tuple(names.split()), forms, only)


_S3 = _shape("s3", "bucket BucketName", Form("arn:aws:s3:::{name}", "/"))
_LOGS = _shape("logs", "name LogGroupName", Form("arn:aws:logs:*:*:log-group:{name}", ":"))
_DYNAMODB = _shape("dynamodb", "name TableName", Form("arn:aws:dynamodb:*:*:table/{name}", "/"))
_SQS = _shape("sqs", "name QueueName", Form("arn:aws:sqs:*:*:{name}"))
_SNS = _shape("sns", "name TopicName", Form("arn:aws:sns:*:*:{name}"))
# "Secrets Manager adds a hyphen and six random characters" to the secret's name in its ARN
_SECRET = _shape("secretsmanager", "name Name",
                 Form("arn:aws:secretsmanager:*:*:secret:{name}", "-"))
_PARAMETER = _shape("ssm", "name Name", Form("arn:aws:ssm:*:*:parameter/{name}"),
                    only=("ssm:*Parameter*",))
_KINESIS = _shape("kinesis", "name Name", Form("arn:aws:kinesis:*:*:stream/{name}", "/"))
_FIREHOSE = _shape("firehose", "name DeliveryStreamName",
                   Form("arn:aws:firehose:*:*:deliverystream/{name}"))
_LAMBDA = _shape("lambda", "function_name FunctionName",
                 Form("arn:aws:lambda:*:*:function:{name}", ":"))
_KMS = _shape("kms", "", Form("arn:aws:kms:*:*:key/{name}", named=False))
# IAM database authentication names the instance's resource id, always generated
_DB_USER = Form("arn:aws:rds-db:*:*:dbuser:{name}", "/", named=False)
_DB = _shape("rds rds-db rds-data", "identifier DBInstanceIdentifier",
             Form("arn:aws:rds:*:*:db:{name}"), _DB_USER)
_CLUSTER = _shape("rds rds-db rds-data", "cluster_identifier DBClusterIdentifier",
                  Form("arn:aws:rds:*:*:cluster:{name}"), _DB_USER)
_EFS = _shape("elasticfilesystem", "",
              Form("arn:aws:elasticfilesystem:*:*:file-system/{name}", named=False))
_SEARCH = _shape("es", "domain_name DomainName", Form("arn:aws:es:*:*:domain/{name}", "/"))
_ECR = _shape("ecr", "name RepositoryName", Form("arn:aws:ecr:*:*:repository/{name}"))
# Run Command and Session Manager act on instances by their EC2 ARN
_INSTANCE = _shape("ec2 ssm ec2-instance-connect", "",
                   Form("arn:aws:ec2:*:*:instance/{name}", named=False),
                   only=("ec2:*", "ec2-instance-connect:*", "ssm:SendCommand",
                         "ssm:StartSession"))
# a security group's rules: whoever may add one may open the group's members to anyone
# (resource type ``security-group`` of the EC2 actions that change rules or delete it)
_SECURITY_GROUP = _shape("ec2", "", Form("arn:aws:ec2:*:*:security-group/{name}", named=False),
                         only=("ec2:AuthorizeSecurityGroup*", "ec2:RevokeSecurityGroup*",
                               "ec2:ModifySecurityGroupRules",
                               "ec2:UpdateSecurityGroupRuleDescriptions*",
                               "ec2:DeleteSecurityGroup"))
# a route table's routes and a network ACL's entries: whoever may change them may send a
# subnet's traffic elsewhere or open it (resource types ``route-table`` and ``network-acl``
# of the EC2 actions that change them)
_ROUTE_TABLE = _shape("ec2", "", Form("arn:aws:ec2:*:*:route-table/{name}", named=False),
                      only=("ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute",
                            "ec2:AssociateRouteTable", "ec2:DisassociateRouteTable",
                            "ec2:ReplaceRouteTableAssociation", "ec2:DeleteRouteTable",
                            "ec2:EnableVgwRoutePropagation", "ec2:DisableVgwRoutePropagation"))
_NETWORK_ACL = _shape("ec2", "", Form("arn:aws:ec2:*:*:network-acl/{name}", named=False),
                      only=("ec2:CreateNetworkAclEntry", "ec2:ReplaceNetworkAclEntry",
                            "ec2:DeleteNetworkAclEntry", "ec2:ReplaceNetworkAclAssociation",
                            "ec2:DeleteNetworkAcl"))
_REDSHIFT = _shape("redshift", "cluster_identifier ClusterIdentifier",
                   Form("arn:aws:redshift:*:*:cluster:{name}"))

#: Resource types by Terraform and CloudFormation type.
_SHAPES: dict[str, ArnShape] = {
    "aws_s3_bucket": _S3, "AWS::S3::Bucket": _S3,
    "aws_cloudwatch_log_group": _LOGS, "AWS::Logs::LogGroup": _LOGS,
    "aws_dynamodb_table": _DYNAMODB, "AWS::DynamoDB::Table": _DYNAMODB,
    "AWS::DynamoDB::GlobalTable": _DYNAMODB, "AWS::Serverless::SimpleTable": _DYNAMODB,
    "aws_sqs_queue": _SQS, "AWS::SQS::Queue": _SQS,
    "aws_sns_topic": _SNS, "AWS::SNS::Topic": _SNS,
    "aws_secretsmanager_secret": _SECRET, "AWS::SecretsManager::Secret": _SECRET,
    "aws_ssm_parameter": _PARAMETER, "AWS::SSM::Parameter": _PARAMETER,
    "aws_kinesis_stream": _KINESIS, "AWS::Kinesis::Stream": _KINESIS,
    "aws_kinesis_firehose_delivery_stream": _FIREHOSE,
    "AWS::KinesisFirehose::DeliveryStream": _FIREHOSE,
    "aws_lambda_function": _LAMBDA, "AWS::Lambda::Function": _LAMBDA,
    "AWS::Serverless::Function": _LAMBDA,
    "aws_kms_key": _KMS, "AWS::KMS::Key": _KMS,
    "aws_db_instance": _DB, "AWS::RDS::DBInstance": _DB,
    "aws_rds_cluster": _CLUSTER, "AWS::RDS::DBCluster": _CLUSTER,
    "aws_efs_file_system": _EFS, "AWS::EFS::FileSystem": _EFS,
    "aws_elasticsearch_domain": _SEARCH, "aws_opensearch_domain": _SEARCH,
    "AWS::Elasticsearch::Domain": _SEARCH, "AWS::OpenSearchService::Domain": _SEARCH,
    "aws_ecr_repository": _ECR, "AWS::ECR::Repository": _ECR,
    "aws_instance": _INSTANCE, "AWS::EC2::Instance": _INSTANCE,
    "aws_security_group": _SECURITY_GROUP, "aws_default_security_group": _SECURITY_GROUP,
    "AWS::EC2::SecurityGroup": _SECURITY_GROUP,
    "aws_route_table": _ROUTE_TABLE, "aws_default_route_table": _ROUTE_TABLE,
    "AWS::EC2::RouteTable": _ROUTE_TABLE,
    "aws_network_acl": _NETWORK_ACL, "aws_default_network_acl": _NETWORK_ACL,
    "AWS::EC2::NetworkAcl": _NETWORK_ACL,
    "aws_redshift_cluster": _REDSHIFT, "AWS::Redshift::Cluster": _REDSHIFT,
}  # fmt: skip

#: A name no written pattern holds: a generated name is matched only by a pattern that
#: matches it too, i.e. one that covers every name.
_GENERATED = "\x00generated"


def shape_of(resource: Resource) -> ArnShape | None:
    """The ARN shape of an AWS resource of a configuration, None for any other."""
    if resource.provider != "aws" or resource.origin == "gdcc-tenant":
        return None
    return _SHAPES.get(resource.provider_type)


def services(actions: Iterable[str]) -> set[str]:
    """The IAM service prefixes of action patterns (``s3:GetObject`` gives ``s3``)."""
    return {a.split(":", 1)[0].lower() for a in actions if ":" in a}


def actions_on(actions: Iterable[str], shape: ArnShape) -> tuple[str, ...]:
    """Those of ``actions`` that act on a resource type (its service's, and of those the
    ones its shape admits)."""
    return tuple(
        a for a in actions
        if a.split(":", 1)[0].lower() in shape.services
        and (not shape.only or any(_overlap(a.lower(), o.lower()) for o in shape.only))
    )


def _overlap(action: str, admitted: str) -> bool:
    """Whether an action pattern and an admitted one share an action (``ssm:*`` and
    ``ssm:SendCommand``; ``ec2:Run*`` and ``ec2:*``)."""
    return fnmatch.fnmatchcase(action, admitted) or fnmatch.fnmatchcase(admitted, action)


def written_name(resource: Resource, shape: ArnShape) -> str | None:
    """The name written for the resource (None when generated at deploy time)."""
    for key in shape.names:
        value = resource.attributes.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def covers(pattern: str, resource: Resource) -> bool | None:
    """Whether an ARN pattern covers the resource or some of its sub-resources (objects,
    streams, versions): True, False, or None when the resource's name is generated and the
    pattern may or may not name it."""
    if pattern == "*":
        return True
    shape = shape_of(resource)
    if shape is None:
        return None
    fields = pattern.split(":", 5)
    if len(fields) < 6 or fields[0] != "arn":
        return None
    # partition, region and account are not known here: only the resource part is compared
    # (IAM wildcards in it match across "/" and ":")
    wanted = fields[5]
    name = written_name(resource, shape)
    prefix = next((v for k in shape.prefixes
                   if isinstance(v := resource.attributes.get(k), str)), "")
    uncertain = False
    for form in shape.forms:
        if not fnmatch.fnmatchcase(form.service, fields[2].lower()):
            continue  # another service's ARN
        known = name if form.named else None
        head = _fill(form.part, known if known is not None else prefix + _GENERATED)
        if fnmatch.fnmatchcase(head, wanted) or any(
            extends(wanted, head + sep) for sep in form.subs
        ):
            return True
        if known is None and extends(wanted, _fill(form.part, prefix)):
            uncertain = True  # some generated name (with its written prefix) may match
    return None if uncertain else False


def extends(pattern: str, text: str) -> bool:
    """Whether some text starting with ``text`` matches the glob ``pattern`` (``*`` any
    run, ``?`` one character)."""
    states = _closure(pattern, {0})
    for char in text:
        states = _closure(pattern, {
            i if pattern[i] == "*" else i + 1
            for i in states
            if i < len(pattern) and pattern[i] in ("*", "?", char)
        })
        if not states:
            return False
    return True


def _closure(pattern: str, states: set[int]) -> set[int]:
    """States reachable by letting each ``*`` match nothing."""
    found = set(states)
    pending = list(states)
    while pending:
        i = pending.pop()
        if i < len(pattern) and pattern[i] == "*" and i + 1 not in found:
            found.add(i + 1)
            pending.append(i + 1)
    return found


def _fill(form: str, name: str) -> str:
    if form.startswith("parameter/") and name.startswith("/"):
        # a parameter named with a path: "arn:aws:ssm:...:parameter/dev/db" (no double slash)
        name = name[1:]
    return form.replace("{name}", name)
