"""AWS operations: audit trails, log groups, backup plans, clusters, functions, detectors."""

from __future__ import annotations

from typing import Any

from gdcc_audit.normalize import step_functions
from gdcc_audit.normalize.absent import HTTP_API_WAF
from gdcc_audit.normalize.cloudformation import rest_api
from gdcc_audit.normalize.cloudformation.aws_resource_policies import policy_facets
from gdcc_audit.normalize.cloudformation.types import (
    FOREVER_DAYS,
    Mapped,
    TypeMapper,
    default,
    kind_only,
)
from gdcc_audit.normalize.cloudformation.values import (
    UNKNOWN,
    PartialText,
    as_bool,
    as_int,
    as_list,
    customer_key,
    dig,
    is_known,
)
from gdcc_audit.normalize.containers import camel, task_facets

_AUDIT_LOG_TYPES = frozenset({"api", "audit", "authenticator"})


def cloudtrail(props: dict[str, Any]) -> Mapped:
    key = props.get("KMSKeyId")
    return Mapped(
        "logging.audit_trail",
        {
            "enabled": as_bool(props.get("IsLogging")),
            "multi_region": default(props.get("IsMultiRegionTrail"), False, as_bool),
            "log_integrity": default(props.get("EnableLogFileValidation"), False, as_bool),
            "encrypted_at_rest": True,  # trail files are SSE-S3 encrypted when no key is given
            "customer_managed_key": customer_key(key),
        },
    )


def log_group(props: dict[str, Any]) -> Mapped:
    """``AWS::Logs::LogGroup``. Tamper resistance (GDCC-LOG-003) is ``DeletionProtectionEnabled``,
    as Terraform's ``deletion_protection_enabled`` (terraform/aws_logging.log_group): "By
    default, deletion protection is not enabled" (CloudWatch Logs, protecting log groups from
    deletion)."""
    return Mapped(
        "logging.log_group",
        {
            "log_retention_days": default(props.get("RetentionInDays"), FOREVER_DAYS, as_int),
            "encrypted_at_rest": True,
            "customer_managed_key": customer_key(props.get("KmsKeyId")),
            "log_integrity": default(props.get("DeletionProtectionEnabled"), False, as_bool),
        },
    )


def backup_plan(props: dict[str, Any]) -> Mapped:
    rules = as_list(dig(props, "BackupPlan", "BackupPlanRule"))
    days: list[int | None] = []
    for rule in rules or []:
        delete_after = dig(rule, "Lifecycle", "DeleteAfterDays")
        days.append(FOREVER_DAYS if delete_after is None else as_int(delete_after))
    retention = None if rules is None or not days or None in days else min(
        d for d in days if d is not None
    )
    return Mapped(
        "backup.plan",
        {
            "backup_enabled": None if rules is None else bool(rules),
            "backup_retention_days": retention,
        },
    )


def eks_cluster(props: dict[str, Any]) -> Mapped:
    vpc = props.get("ResourcesVpcConfig")
    enabled = as_list(dig(props, "Logging", "ClusterLogging", "EnabledTypes"))
    logging: bool | None = None
    if enabled is not None:
        names = {dig(item, "Type") for item in enabled}
        logging = None if not all(isinstance(n, str) for n in names) else bool(
            names & _AUDIT_LOG_TYPES
        )
    encryption = as_list(props.get("EncryptionConfig"))
    return Mapped(
        "container.cluster",
        {
            "public_endpoint": default(dig(vpc, "EndpointPublicAccess"), True, as_bool),
            "access_logging": logging,
            "encrypted_at_rest": True,  # EKS encrypts its etcd volumes
            "customer_managed_key": None if encryption is None else bool(encryption),
        },
    )


def lambda_function(props: dict[str, Any]) -> Mapped:
    key = props.get("KmsKeyArn")
    return Mapped(
        "compute.function",
        {"customer_managed_key": customer_key(key)},
    )


def state_machine(props: dict[str, Any]) -> Mapped:
    """``AWS::StepFunctions::StateMachine``: an AWS owned key unless ``EncryptionConfiguration``
    has ``Type: CUSTOMER_MANAGED_KMS_KEY`` (``normalize.step_functions``; the label of the
    default is in ``normalize.defaults``)."""
    config = props.get("EncryptionConfiguration")
    key: bool | None = False if config is None else None
    if isinstance(config, dict):
        key = step_functions.customer_key(config.get("Type"))
    return Mapped("compute.function", {"customer_managed_key": key, **step_functions.FACETS})


def sam_state_machine(props: dict[str, Any]) -> Mapped:
    """``AWS::Serverless::StateMachine``: the transform writes no encryption configuration
    (the SAM type has no such property): an AWS owned key, labelled default."""
    return Mapped(
        "compute.function",
        {"customer_managed_key": False, **step_functions.FACETS},
        {"customer_managed_key": step_functions.SAM_OWNED_KEY},
    )


def guardduty_detector(props: dict[str, Any]) -> Mapped:
    enabled = as_bool(props.get("Enable"))
    return Mapped("logging.monitor", {"enabled": enabled, "threat_detection": enabled})


def sam_simple_table(props: dict[str, Any]) -> Mapped:
    """``AWS::Serverless::SimpleTable``: the SAM transform makes an ``AWS::DynamoDB::Table``,
    passing ``SSESpecification`` and ``PointInTimeRecoverySpecification`` "directly to the ...
    property of an AWS::DynamoDB::Table resource"; it has no resource policy or deletion
    protection of its own (DynamoDB's defaults: none, off). Read as that table (a customer key
    or point-in-time recovery written there was a wrong FAIL: the table was "never with a
    customer key, no point-in-time recovery").
    https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-simpletable.html
    """
    from gdcc_audit.normalize.cloudformation.aws_data import dynamodb_table

    passed = ("SSESpecification", "PointInTimeRecoverySpecification")
    return dynamodb_table({key: props[key] for key in passed if key in props})


def backup_vault(props: dict[str, Any]) -> Mapped:
    """``AWS::Backup::BackupVault``: backups are always encrypted; without
    ``EncryptionKeyArn`` AWS Backup uses its AWS managed key ("If you do not specify a key,
    AWS Backup creates a KMS key for you by default",
    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-backupvault.html)."""
    key = props.get("EncryptionKeyArn")
    return Mapped(
        "backup.plan",
        {
            "encrypted_at_rest": True,
            "customer_managed_key": customer_key(key),
            **policy_facets((props.get("AccessPolicy"), "AccessPolicy")),
        },
    )


def _api_stage(setting: str, http_api: bool = False, sam: bool = False) -> TypeMapper:
    """An API Gateway stage (``AWS::ApiGateway::Stage``, ``AWS::ApiGatewayV2::Stage``) or the
    SAM API that makes one: API Gateway serves HTTPS only; access logs are written when
    ``<setting>.DestinationArn`` names a destination, none otherwise ("AccessLogSetting ...
    Specifies settings for logging access in this stage", AWS::ApiGateway::Stage reference,
    docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-stage.html;
    AccessLogSettings for AWS::ApiGatewayV2::Stage and AWS::Serverless::HttpApi). An HTTP or
    WebSocket API (``http_api``) is public and enforces TLS 1.2 on every endpoint, as for
    ``aws_apigatewayv2_stage`` (normalize.api_gateway.HTTP_API_TLS_DOC,
    HTTP_API_ENDPOINTS_DOC). A REST stage's exposure and TLS are those of its REST API's
    default endpoint (``rest_api``), which a SAM ``Api`` (``sam``) writes itself."""

    def mapper(props: dict[str, Any]) -> Mapped:
        destination = dig(props, setting, "DestinationArn")
        if destination is None or destination == "":
            logging: bool | None = False
        else:
            # a log group of the template (GetAtt) or a written ARN; an unresolved value: unknown
            logging = None if destination is UNKNOWN else True
        facets: dict[str, Any] = {"encrypted_in_transit": True, "access_logging": logging}
        if http_api:
            facets.update(public_endpoint=True, tls_min_version="1.2")
            if sam:  # a SAM HttpApi is an HTTP API: no WAF can protect it (HTTP_API_WAF)
                facets["waf_enabled"] = HTTP_API_WAF
            return Mapped("network.api_gateway", facets)
        if not sam:
            # a REST stage: no WAF unless a web ACL association of the template names it
            # (mapper.link), as aws_api_gateway_stage; exposure and TLS are its REST API's
            facets["waf_enabled"] = False
            return Mapped("network.api_gateway", facets)
        # a SAM Api is its REST API and its stage; no WAF unless a web ACL association of the
        # template names its stage (mapper.link)
        found = rest_api.endpoint(props, sam=True)
        facets.update(public_endpoint=found.public, tls_min_version=found.tls, waf_enabled=False)
        return Mapped(
            "network.api_gateway", facets, defaults=found.defaults, unknown=found.unknown
        )

    return mapper


#: The least TLS version an AppSync API accepts: "Transport Layer Security (TLS). We require
#: TLS 1.2 and recommend TLS 1.3" (AppSync developer guide, infrastructure-security.html),
#: and "AWS AppSync APIs support only TLS 1.2 and TLS 1.3 for custom domain names" (AppSync
#: Events guide, event-api-custom-domains.html). GDCC-ENC-005 was UNKNOWN "the minimum TLS
#: version is not known" on every GraphQL API (a SAM ``AWS::Serverless::GraphQLApi`` too).
APPSYNC_TLS = "1.2"


def appsync_api(props: dict[str, Any]) -> Mapped:
    """``AWS::AppSync::GraphQLApi``: HTTPS only; request logs when ``LogConfig`` names a
    CloudWatch Logs role; public unless ``Visibility: PRIVATE`` ("If no value is provided,
    the visibility will be set to GLOBAL by default", AWS::AppSync::GraphQLApi reference,
    docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-appsync-graphqlapi.html).
    No WAF unless an ``AWS::WAFv2::WebACLAssociation`` of the template names it (mapper.link).
    TLS 1.2 at least, on its own endpoint and a custom domain alike (``APPSYNC_TLS``)."""
    role = dig(props, "LogConfig", "CloudWatchLogsRoleArn")
    logging: bool | None = role not in (None, "")
    if role is UNKNOWN:
        logging = None
    visibility = default(props.get("Visibility"), "GLOBAL", lambda v: v if is_known(v) else None)
    public = visibility.upper() != "PRIVATE" if isinstance(visibility, str) else None
    return Mapped(
        "network.api_gateway",
        {
            "encrypted_in_transit": True,
            "tls_min_version": APPSYNC_TLS,
            "access_logging": logging,
            "waf_enabled": False,
            "public_endpoint": public,
        },
    )


#: What stands for the CloudWatch Logs role the SAM transform makes for a GraphQL API.
_SAM_LOG_ROLE = "role made by the SAM transform"


def sam_graphql_api(props: dict[str, Any]) -> Mapped:
    """``AWS::Serverless::GraphQLApi`` (was not mapped: "not judged", while the
    ``AWS::AppSync::GraphQLApi`` it expands to FAILed GDCC-NET-003): read as that API.
    ``Logging``: "GraphQLApi will not include logging if and only if the user explicitly sets
    Logging as false boolean"; absent, ``true`` or a mapping, the transform writes a
    ``LogConfig`` with the ``CloudWatchLogsRoleArn`` given or a role it creates
    (samtranslator ``SamGraphQLApi._parse_logging_properties``). ``Visibility`` is passed as
    written."""
    logging = props.get("Logging")
    api = {key: value for key, value in props.items() if key != "Logging"}
    if logging is UNKNOWN:
        api["LogConfig"] = {"CloudWatchLogsRoleArn": UNKNOWN}
    elif logging is not False:
        role = dig(logging, "CloudWatchLogsRoleArn") if isinstance(logging, dict) else None
        api["LogConfig"] = {"CloudWatchLogsRoleArn": role or _SAM_LOG_ROLE}
    return appsync_api(api)


#: Pseudo parameters that never hold a ``/``: an image whose last written piece has one is
#: known from its repository name on (a registry host built from the account and Region).
_HOST_PSEUDOS = frozenset({"AWS::AccountId", "AWS::Region", "AWS::URLSuffix", "AWS::Partition"})


def _image(container: Any) -> Any:
    """A container with an image such as ``${AWS::AccountId}.dkr.ecr.${AWS::Region}.
    ${AWS::URLSuffix}/app:1.4`` (what the CDK writes) given as that text: its repository and
    tag are written, only the registry host is known at deployment."""
    if not isinstance(container, dict):
        return container
    image = container.get("Image")
    if (
        isinstance(image, PartialText)
        and set(image.holes) <= _HOST_PSEUDOS
        and "/" in image.known[-1]
    ):
        return {**container, "Image": image.text}
    return container


def ecs_task_definition(props: dict[str, Any]) -> Mapped:
    """``AWS::ECS::TaskDefinition``: its containers judged as a pod's (privileged, root user,
    read-only root file system, capabilities, host namespaces, mutable image tags), with
    the ECS API's defaults (see :mod:`gdcc_audit.normalize.containers`)."""
    definitions = props.get("ContainerDefinitions")
    if isinstance(definitions, list):
        definitions = [_image(container) for container in definitions]
    modes = {"networkMode": props.get("NetworkMode"), "pidMode": props.get("PidMode"),
             "ipcMode": props.get("IpcMode")}  # fmt: skip
    volumes = props.get("Volumes")
    host_paths = [
        dig(volume, "Host", "SourcePath")
        for volume in (volumes if isinstance(volumes, list) else [])
        if isinstance(volume, dict) and dig(volume, "Host", "SourcePath") is not None
    ]
    facets, defaults, undetermined = task_facets(
        camel(definitions) if isinstance(definitions, list) else None, modes, host_paths,
        is_known,
    )
    return Mapped("container.task", facets, defaults, undetermined=undetermined)


TYPES: dict[str, TypeMapper] = {
    "AWS::CloudTrail::Trail": cloudtrail,
    "AWS::Logs::LogGroup": log_group,
    "AWS::Backup::BackupPlan": backup_plan,
    "AWS::Backup::BackupVault": backup_vault,
    "AWS::EKS::Cluster": eks_cluster,
    "AWS::ECS::Cluster": kind_only("container.cluster"),
    "AWS::ECS::TaskDefinition": ecs_task_definition,
    "AWS::Lambda::Function": lambda_function,
    # The SAM transform's common types, read as what they expand to.
    "AWS::Serverless::Function": lambda_function,
    "AWS::StepFunctions::StateMachine": state_machine,
    "AWS::Serverless::StateMachine": sam_state_machine,
    "AWS::Serverless::SimpleTable": sam_simple_table,
    "AWS::Serverless::Api": _api_stage("AccessLogSetting", sam=True),
    "AWS::Serverless::HttpApi": _api_stage("AccessLogSettings", http_api=True, sam=True),
    "AWS::Serverless::GraphQLApi": sam_graphql_api,
    # a WebSocket API and its stage (the transform writes AWS::ApiGatewayV2::Api WEBSOCKET and
    # a Stage with the AccessLogSettings): judged as that stage (its routes: api_methods)
    "AWS::Serverless::WebSocketApi": _api_stage("AccessLogSettings", http_api=True),
    "AWS::ApiGateway::Stage": _api_stage("AccessLogSetting"),
    "AWS::ApiGatewayV2::Stage": _api_stage("AccessLogSettings", http_api=True),
    "AWS::AppSync::GraphQLApi": appsync_api,
    # folded into the resource it protects (mapper.link), never listed on its own
    "AWS::WAFv2::WebACLAssociation": kind_only("network.api_gateway"),
    "AWS::WAFRegional::WebACLAssociation": kind_only("network.api_gateway"),
    "AWS::GuardDuty::Detector": guardduty_detector,
    "AWS::CloudWatch::Alarm": kind_only("logging.monitor"),
}
