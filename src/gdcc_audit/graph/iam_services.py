"""The IAM service whose actions act on an AWS resource of a configuration, by its type.

GDCC-GRAPH-006 scopes a wildcard grant limited to a few services (``s3:Get*``, ``s3:List*``
on ``*``: the managed policy ``AmazonS3ReadOnlyAccess``) to the resources of those services:
an S3 action acts on buckets and objects, never on a queue or a database ("Actions, resources,
and condition keys for AWS services": each service prefix's actions name only the resource
types that service defines; Service Authorization Reference,
docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).

A CloudFormation type ``AWS::<Service>::<Type>`` names its service; its IAM prefix is the
service's name in lower case (``AWS::S3::Bucket``: ``s3``) except where the prefix differs
(:data:`_CFN`: ``AWS::EFS`` is ``elasticfilesystem``, ``AWS::StepFunctions`` ``states``).
A Terraform type ``aws_<service>_<type>`` names the provider's service package, the IAM
prefix in most cases (``aws_sqs_queue``: ``sqs``); :data:`_TERRAFORM` lists the types whose
prefix differs, longest first (the EC2 networking types, ``aws_db_*`` for ``rds``,
``aws_lb*`` for ``elasticloadbalancing``, ``aws_cloudwatch_log_*`` for ``logs``).
"""

from __future__ import annotations

import functools

from gdcc_audit.models.resource import Resource

#: CloudFormation service names whose IAM prefix is not the name in lower case (Service
#: Authorization Reference: "service prefix" of each service).
_CFN: dict[str, str] = {
    "efs": "elasticfilesystem", "elasticsearch": "es", "opensearchservice": "es",
    "kinesisfirehose": "firehose", "stepfunctions": "states", "certificatemanager": "acm",
    "apigatewayv2": "apigateway", "elasticloadbalancingv2": "elasticloadbalancing",
    "emr": "elasticmapreduce", "msk": "kafka", "amazonmq": "mq", "docdb": "rds",
    "neptune": "rds", "applicationautoscaling": "application-autoscaling",
    "networkfirewall": "network-firewall", "route53resolver": "route53resolver",
    "kinesisanalytics": "kinesisanalytics", "kinesisanalyticsv2": "kinesisanalytics",
    "elasticbeanstalk": "elasticbeanstalk", "directoryservice": "ds",
    "cloud9": "cloud9", "sesv2": "ses", "iot": "iot", "wafv2": "wafv2",
    "opensearchserverless": "aoss", "redshiftserverless": "redshift-serverless",
    "memorydb": "memorydb", "dax": "dax", "appsync": "appsync", "wafregional": "waf-regional",
    "accessanalyzer": "access-analyzer", "codestarconnections": "codestar-connections",
    "location": "geo", "pinpoint": "mobiletargeting", "s3objectlambda": "s3-object-lambda",
    "s3outposts": "s3-outposts", "docdbelastic": "docdb-elastic", "cognito": "cognito-idp",
}  # fmt: skip

#: Types of the AWS Serverless Application Model and the service they become.
_SERVERLESS: dict[str, str] = {
    "Function": "lambda", "LayerVersion": "lambda", "SimpleTable": "dynamodb",
    "Api": "apigateway", "HttpApi": "apigateway", "StateMachine": "states",
    "Application": "cloudformation", "GraphQLApi": "appsync", "Connector": "iam",
}

#: Terraform type prefixes whose IAM prefix is not the word after ``aws_`` (the Terraform
#: AWS provider's resource types; the EC2 API's VPC, subnet, gateway, route, volume, key
#: pair, image and launch template resources are all ``ec2``).
_TERRAFORM: tuple[tuple[str, str], ...] = tuple(sorted((
    ("aws_instance", "ec2"), ("aws_vpc", "ec2"), ("aws_subnet", "ec2"),
    ("aws_security_group", "ec2"), ("aws_vpc_security_group", "ec2"),
    ("aws_route", "ec2"), ("aws_route53", "route53"), ("aws_network_", "ec2"),
    ("aws_eip", "ec2"), ("aws_nat_gateway", "ec2"), ("aws_internet_gateway", "ec2"),
    ("aws_egress_only_internet_gateway", "ec2"), ("aws_ebs_", "ec2"),
    ("aws_volume_attachment", "ec2"), ("aws_launch_template", "ec2"),
    ("aws_launch_configuration", "autoscaling"), ("aws_ami", "ec2"), ("aws_key_pair", "ec2"),
    ("aws_placement_group", "ec2"), ("aws_spot_", "ec2"), ("aws_vpn_", "ec2"),
    ("aws_customer_gateway", "ec2"), ("aws_flow_log", "ec2"), ("aws_default_", "ec2"),
    ("aws_main_route_table_association", "ec2"), ("aws_snapshot_create_volume_permission",
                                                  "ec2"),
    ("aws_prefix_list", "ec2"), ("aws_db_", "rds"), ("aws_docdb", "rds"),
    ("aws_neptune", "rds"), ("aws_lb", "elasticloadbalancing"),
    ("aws_alb", "elasticloadbalancing"), ("aws_elb", "elasticloadbalancing"),
    ("aws_app_cookie_stickiness_policy", "elasticloadbalancing"),
    ("aws_lb_cookie_stickiness_policy", "elasticloadbalancing"),
    ("aws_load_balancer_", "elasticloadbalancing"), ("aws_proxy_protocol_policy",
                                                     "elasticloadbalancing"),
    ("aws_cloudwatch_log_", "logs"), ("aws_cloudwatch_query_definition", "logs"),
    ("aws_cloudwatch_event_", "events"), ("aws_cloudwatch_", "cloudwatch"),
    ("aws_efs_", "elasticfilesystem"), ("aws_elasticsearch_", "es"),
    ("aws_opensearch_", "es"), ("aws_opensearchserverless_", "aoss"),
    ("aws_kinesis_firehose", "firehose"), ("aws_kinesis_analytics", "kinesisanalytics"),
    ("aws_kinesisanalyticsv2", "kinesisanalytics"), ("aws_sfn_", "states"),
    ("aws_msk_", "kafka"), ("aws_mskconnect_", "kafkaconnect"),
    ("aws_emr_", "elasticmapreduce"), ("aws_emrserverless_", "emr-serverless"),
    ("aws_api_gateway_", "apigateway"), ("aws_apigatewayv2_", "apigateway"),
    ("aws_s3control_", "s3"), ("aws_s3outposts_", "s3-outposts"), ("aws_acmpca_", "acm-pca"),
    ("aws_appautoscaling_", "application-autoscaling"), ("aws_cognito_user", "cognito-idp"),
    ("aws_cognito_resource_server", "cognito-idp"), ("aws_cognito_identity_provider",
                                                     "cognito-idp"),
    ("aws_cognito_identity_pool", "cognito-identity"), ("aws_elastic_beanstalk_",
                                                        "elasticbeanstalk"),
    ("aws_sesv2_", "ses"), ("aws_networkfirewall_", "network-firewall"),
    ("aws_route53_resolver_", "route53resolver"), ("aws_dx_", "directconnect"),
    ("aws_directory_service_", "ds"), ("aws_ec2_", "ec2"), ("aws_ecrpublic_", "ecr-public"),
    ("aws_secretsmanager_", "secretsmanager"), ("aws_redshiftserverless_",
                                                "redshift-serverless"),
    ("aws_lambda_", "lambda"), ("aws_iam_", "iam"), ("aws_ssm_", "ssm"),
    ("aws_vpclattice_", "vpc-lattice"), ("aws_transfer_", "transfer"),
    ("aws_serverlessapplicationrepository_", "serverlessrepo"),
    ("aws_service_discovery_", "servicediscovery"), ("aws_ssoadmin_", "sso"),
    ("aws_accessanalyzer_", "access-analyzer"), ("aws_location_", "geo"),
    ("aws_pinpoint_", "mobiletargeting"), ("aws_wafregional_", "waf-regional"),
), key=lambda pair: -len(pair[0])))  # fmt: skip


def iam_service(resource: Resource) -> str | None:
    """The IAM service prefix of an AWS resource of a configuration (``aws_s3_bucket``,
    ``AWS::S3::Bucket``: ``s3``); None when its type names none (a tenant manifest's
    resource, a type of another provider)."""
    if resource.provider != "aws" or resource.origin == "gdcc-tenant":
        return None
    return _of_type(resource.provider_type)


@functools.lru_cache(maxsize=2048)
def _of_type(provider_type: str) -> str | None:
    if provider_type.startswith("AWS::"):
        parts = provider_type.split("::")
        if len(parts) < 3:
            return None
        if parts[1] == "Serverless":
            return _SERVERLESS.get(parts[2])
        name = parts[1].lower()
        if name == "cognito" and parts[2].startswith("IdentityPool"):
            return "cognito-identity"
        return _CFN.get(name, name)
    if provider_type.startswith("aws_"):
        for prefix, service in _TERRAFORM:
            if provider_type.startswith(prefix):
                return service
        word = provider_type[4:].split("_", 1)[0]
        return word or None
    return None
