"""AWS services a mapped checkov check judges, read as their Terraform twins' canonical kinds:
DocumentDB and Neptune clusters, Timestream databases, Kinesis data and video streams,
CloudFront distributions, Lambda function URLs and permissions, Amazon MQ brokers, DAX and
MemoryDB clusters, AppSync caches, Keyspaces tables, CloudTrail event data stores, Redshift
Serverless namespaces and FSx file systems.

An absent property takes the default the AWS CloudFormation reference documents (cited per
type); a key is customer-managed only when it names a key the customer manages
(:func:`~gdcc_audit.normalize.cloudformation.values.customer_key`).
"""

from __future__ import annotations

import re
from typing import Any

from gdcc_audit.normalize import db_tls
from gdcc_audit.normalize.cloudformation.aws_data import (
    cluster_audit,
    group_tls,
    log_exports,
    restored_cluster,
    set_decision,
    set_tls,
)
from gdcc_audit.normalize.cloudformation.aws_resource_policies import policy_facets
from gdcc_audit.normalize.cloudformation.cluster_sources import mark_cluster_sources
from gdcc_audit.normalize.cloudformation.types import Mapped, TypeMapper, default
from gdcc_audit.normalize.cloudformation.values import (
    UNKNOWN,
    PartialText,
    ResourceRef,
    all_true,
    as_bool,
    as_int,
    as_list,
    as_str,
    customer_key,
    dig,
    is_known,
)

_CFN = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"


def _document_cluster(props: dict[str, Any]) -> Mapped:
    """``AWS::DocDB::DBCluster`` and ``AWS::Neptune::DBCluster`` (as ``aws_docdb_cluster`` /
    ``aws_neptune_cluster``): storage unencrypted unless ``StorageEncrypted`` is true,
    ``BackupRetentionPeriod`` one day, ``DeletionProtection`` false, no log exports.
    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-docdb-dbcluster.html
    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-neptune-dbcluster.html
    Minor upgrades are set per cluster instance (``normalize/absent.py``)."""
    retention = default(props.get("BackupRetentionPeriod"), 1, as_int)
    encrypted = default(props.get("StorageEncrypted"), False, as_bool)
    mapped = Mapped(
        "database.instance",
        {
            "encrypted_at_rest": encrypted,
            "customer_managed_key": customer_key(props.get("KmsKeyId")),
            "backup_retention_days": retention,
            "backup_enabled": None if retention is None else retention > 0,
            "deletion_protection": default(props.get("DeletionProtection"), False, as_bool),
            "access_logging": log_exports(props.get("EnableCloudwatchLogsExports")),
        },
    )
    if props.get("SnapshotIdentifier") is None and props.get("SourceDBClusterIdentifier") is None:
        # a secondary of a global cluster is encrypted as the global cluster is (created
        # outside CloudFormation: there is no DocDB / Neptune global cluster type), as
        # Terraform's aws_docdb_cluster / aws_neptune_cluster (aws_cluster_sources)
        mark_cluster_sources(mapped, props)
    else:
        # restored from a snapshot or to a point in time of a cluster: encrypted with the
        # KmsKeyId it names, else the snapshot's / source's encryption whatever
        # StorageEncrypted says ("If the snapshot ... is not encrypted, then the restored DB
        # cluster is not encrypted", RestoreDBClusterFromSnapshot KmsKeyId; as Aurora). It
        # PASSed a restore writing StorageEncrypted: true, and one without it was not known
        # without a reason.
        restored_cluster(mapped, props)
    return mapped


def docdb_cluster(props: dict[str, Any]) -> Mapped:
    """``AWS::DocDB::DBCluster``: as :func:`_document_cluster`, plus TLS from its cluster
    parameter group's ``tls`` (enabled by default; the template's group is read when
    resources are linked, ``aws_data.link_parameter_groups``)."""
    mapped = _document_cluster(props)
    set_tls(mapped, group_tls(props, "docdb", "DBClusterParameterGroupName"))
    if mapped.facets.get("access_logging") is True:
        # the audit log export records nothing unless audit_logs is on (disabled by default)
        set_decision(mapped, "access_logging", cluster_audit(props, "docdb"))
    # DocumentDB clusters are reachable only from inside their VPC ("Amazon DocumentDB
    # clusters are deployed within an Amazon VPC ... cannot be accessed directly from outside
    # it", DocumentDB developer guide, "Connecting from outside an Amazon VPC"), as in
    # Terraform's aws_docdb_cluster.
    mapped.facets["public_endpoint"] = False
    return mapped


def docdb_instance(props: dict[str, Any]) -> Mapped:
    """``AWS::DocDB::DBInstance`` (as ``aws_docdb_cluster_instance``): a member of its
    ``DBClusterIdentifier`` cluster, where storage, keys, backups, TLS and logs are judged
    (``normalize.absent``); reachable only from inside its VPC, as its cluster."""
    return Mapped("database.instance", {"public_access": False, "public_endpoint": False})


def neptune_instance(props: dict[str, Any]) -> Mapped:
    """``AWS::Neptune::DBInstance`` (as ``aws_neptune_cluster_instance``): a member of its
    ``DBClusterIdentifier`` cluster, where storage, keys, backups, IAM sign-in and logs are
    judged (``normalize.absent``); minor upgrades are set per instance ("The default value is
    true", ``AutoMinorVersionUpgrade``). Public endpoints are set per instance too
    (``PubliclyAccessible``, from engine 1.4.6): "By default, new Neptune databases are created
    with public endpoints disabled" (Neptune user guide, neptune-public-endpoints).
    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-neptune-dbinstance.html"""
    public = default(props.get("PubliclyAccessible"), False, as_bool)
    return Mapped(
        "database.instance",
        {
            "public_access": public,
            "public_endpoint": public,
            "auto_patching": default(props.get("AutoMinorVersionUpgrade"), True, as_bool),
        },
    )


def neptune_cluster(props: dict[str, Any]) -> Mapped:
    """``AWS::Neptune::DBCluster``: as :func:`_document_cluster`; HTTPS only from engine
    1.0.4.0 on (``normalize.db_tls.neptune``)."""
    mapped = _document_cluster(props)
    set_tls(mapped, db_tls.neptune(as_str(props.get("EngineVersion"))))
    if mapped.facets.get("access_logging") is True:
        # the audit log export records nothing unless neptune_enable_audit_log is 1 (0 by
        # default)
        set_decision(mapped, "access_logging", cluster_audit(props, "neptune"))
    return mapped


def timestream_database(props: dict[str, Any]) -> Mapped:
    """``AWS::Timestream::Database``: always encrypted; "If the KmsKeyId is not specified, the
    database will be encrypted with a Timestream managed KMS key located in your account"
    (an AWS managed key, not the customer's).
    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-timestream-database.html"""
    return Mapped(
        "database.instance",
        {"encrypted_at_rest": True, "customer_managed_key": customer_key(props.get("KmsKeyId"))},
    )


def kinesis_stream(props: dict[str, Any]) -> Mapped:
    """``AWS::Kinesis::Stream``: without ``StreamEncryption`` the stream is not encrypted;
    ``EncryptionType`` ``KMS`` with ``KeyId`` (``alias/aws/kinesis`` is the AWS managed key).
    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-kinesis-stream-streamencryption.html
    A stream is shared outside its account only by a resource policy
    (``AWS::Kinesis::ResourcePolicy``, folded in by ``mapper.link``): none grants nothing."""
    config = props.get("StreamEncryption")
    if config is None:
        return Mapped(
            "messaging.stream",
            {"encrypted_at_rest": False, "customer_managed_key": False, "public_access": False},
        )
    kind = as_str(dig(config, "EncryptionType"))
    if kind is None:
        return Mapped("messaging.stream", {"public_access": False})
    encrypted = kind.upper() == "KMS"
    return Mapped(
        "messaging.stream",
        {
            "encrypted_at_rest": encrypted,
            "customer_managed_key": customer_key(dig(config, "KeyId")) if encrypted else False,
            "public_access": False,
        },
    )


_CLOUDFRONT_TLS = re.compile(r"^TLSv1(?:\.([0-3]))?(?:_\d{4})?$")


def cloudfront_tls(policy: Any) -> str | None:
    """The lowest TLS version of a CloudFront security policy (``TLSv1``, ``TLSv1_2016``:
    1.0; ``TLSv1.2_2021``: 1.2; ``SSLv3``: 0.3); ``None`` when not readable."""
    name = as_str(policy)
    if name is None:
        return None
    if name.strip().upper() == "SSLV3":
        return "0.3"
    match = _CLOUDFRONT_TLS.match(name.strip())
    if match is None:
        return None
    return f"1.{match.group(1) or '0'}"


def _viewer_tls(certificate: Any) -> str | None:
    """``ViewerCertificate``: none, or ``CloudFrontDefaultCertificate: true``, serves the
    ``*.cloudfront.net`` certificate, which accepts TLSv1 ("If the distribution uses the
    CloudFront domain name ... CloudFront automatically sets the security policy to TLSv1");
    a custom certificate without ``MinimumProtocolVersion`` takes the API default ``TLSv1``.
    A certificate block naming no certificate of its own (no ``AcmCertificateArn`` nor
    ``IamCertificateId``) can only serve the default one: TLSv1 whatever version it writes.
    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-viewercertificate.html"""
    if certificate is None:
        return "1.0"
    if not isinstance(certificate, dict):
        return None
    if as_bool(certificate.get("CloudFrontDefaultCertificate")) is True:
        return "1.0"
    if certificate.get("AcmCertificateArn") is None and certificate.get("IamCertificateId") is None:
        return "1.0"  # no certificate of its own: only the *.cloudfront.net one can serve
    version = certificate.get("MinimumProtocolVersion")
    return "1.0" if version is None else cloudfront_tls(version)


def cloudfront_distribution(props: dict[str, Any]) -> Mapped:
    """``AWS::CloudFront::Distribution`` (as ``aws_cloudfront_distribution``): viewers only
    over HTTPS unless a cache behaviour allows ``allow-all``, minimum TLS, WAF, logging;
    always reachable from the internet.
    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-distributionconfig.html"""
    config = props.get("DistributionConfig")
    if not isinstance(config, dict):
        return Mapped("network.api_gateway", {"public_endpoint": True})
    behaviours = [config.get("DefaultCacheBehavior")]
    ordered = as_list(config.get("CacheBehaviors"))
    secure: bool | None = None
    if ordered is not None:
        policies = [as_str(dig(b, "ViewerProtocolPolicy")) for b in behaviours + ordered]
        secure = all_true(None if p is None else p != "allow-all" for p in policies)
    return Mapped(
        "network.api_gateway",
        {
            "encrypted_in_transit": secure,
            "tls_min_version": _viewer_tls(config.get("ViewerCertificate")),
            "waf_enabled": written(config.get("WebACLId")),
            "access_logging": written(config.get("Logging")),
            "public_endpoint": True,
        },
    )


def written(value: Any) -> bool | None:
    """Whether an optional property is written (a reference counts; an unknown value not)."""
    if value is None or value == "":
        return False
    return True if is_known(value) or isinstance(value, ResourceRef | dict | PartialText) else None


def url_public(props: dict[str, Any]) -> bool | None:
    """``AWS::Lambda::Url``: ``AuthType: NONE`` lets anyone invoke the function ("NONE ...
    Lambda won't perform IAM authentication"; required property).
    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-url.html"""
    auth = as_str(props.get("AuthType"))
    return None if auth is None else auth.upper() == "NONE"


def permission_public(props: dict[str, Any]) -> bool | None:
    """``AWS::Lambda::Permission``: ``Principal: "*"`` without ``SourceAccount``/``SourceArn``
    (or a ``PrincipalOrgID``) lets anyone invoke the function.
    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-permission.html"""
    limits = [written(props.get(p)) for p in ("SourceAccount", "SourceArn", "PrincipalOrgID")]
    if any(limit is True for limit in limits):
        return False  # only that source, whatever the principal (one not known too)
    principal = props.get("Principal")
    if principal is UNKNOWN or isinstance(principal, ResourceRef):
        return None
    if principal != "*":
        return False
    return None if any(limit is None for limit in limits) else True


def lambda_url(props: dict[str, Any]) -> Mapped:
    """A function URL standing alone (its function not in the template): judged as the
    function it opens; one in the template is folded into its function (``mapper.link``)."""
    return Mapped("compute.function", {"public_access": url_public(props)})


def lambda_permission(props: dict[str, Any]) -> Mapped:
    """A permission standing alone, like :func:`lambda_url`."""
    return Mapped("compute.function", {"public_access": permission_public(props)})


def _mq_directory(value: Any) -> bool | None:
    """``AuthenticationStrategy``: ``LDAP`` is a directory, ``SIMPLE`` ("The default is
    SIMPLE", Amazon MQ API reference) is not; anything else is not known."""
    strategy = default(value, "SIMPLE", as_str)
    if strategy is None:
        return None
    return {"LDAP": True, "SIMPLE": False}.get(strategy.upper())


def mq_broker(props: dict[str, Any]) -> Mapped:
    """``AWS::AmazonMQ::Broker`` (as ``aws_mq_broker``): without ``EncryptionOptions`` an
    AWS owned key (``EncryptionOptions``: AWS owned unless ``UseAwsOwnedKey`` is false), automatic
    minor upgrades off unless ``AutoMinorVersionUpgrade`` is true (the API default),
    ``PubliclyAccessible`` required.
    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-amazonmq-broker.html"""
    options = props.get("EncryptionOptions")
    cmk: bool | None = False
    if options is not None:
        # "UseAwsOwnedKey ... Set to true by default, if no value is provided"; false with no
        # KmsKeyId: "Amazon MQ will use a default CMK" (the AWS managed aws/mq key)
        owned = default(dig(options, "UseAwsOwnedKey"), True, as_bool)
        if owned is not False:
            cmk = None if owned is None else False
        else:
            cmk = customer_key(dig(options, "KmsKeyId"))
    return Mapped(
        "messaging.queue",
        {
            "encrypted_at_rest": True,
            "customer_managed_key": cmk,
            "auto_patching": default(props.get("AutoMinorVersionUpgrade"), False, as_bool),
            "public_endpoint": as_bool(props.get("PubliclyAccessible")),
            # no resource policy: clients sign in as broker users (as aws_mq_broker)
            "public_access": False,
            # every broker endpoint is TLS; LDAP users are directory identities, SIMPLE (the
            # default) broker users are not (as aws_mq_broker, normalize/terraform/keyed.py)
            "encrypted_in_transit": True,
            "directory_auth": _mq_directory(props.get("AuthenticationStrategy")),
        },
    )


def msk_cluster(props: dict[str, Any]) -> Mapped:
    """``AWS::MSK::Cluster`` (as ``aws_msk_cluster``): always encrypted at rest (the AWS
    managed key unless ``EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId``); TLS only when
    ``ClientBroker`` is ``TLS`` (the default) and ``InCluster`` true (the default); public when
    ``BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type`` is ``SERVICE_PROVIDED_EIPS``
    ("DISABLED means that public access is turned off"; absent: off); IAM sign-in when
    ``ClientAuthentication.Sasl.Iam.Enabled`` and no ``Unauthenticated``. Its cluster policy
    (``AWS::MSK::ClusterPolicy``) of the template is folded in by ``mapper.link``; without
    one only the account's IAM identities get in (as ``aws_msk_cluster``).
    https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html;
    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-msk-cluster-publicaccess.html"""
    transit = dig(props, "EncryptionInfo", "EncryptionInTransit")
    client = default(dig(transit, "ClientBroker") if transit else None, "TLS", as_str)
    in_cluster = default(dig(transit, "InCluster") if transit else None, True, as_bool)
    in_transit = None if client is None or in_cluster is None else (
        client.upper() == "TLS" and in_cluster
    )
    access = default(
        dig(props, "BrokerNodeGroupInfo", "ConnectivityInfo", "PublicAccess", "Type"),
        "DISABLED",
        as_str,
    )
    auth = props.get("ClientAuthentication")
    directory: bool | None = False
    if auth is not None:
        iam = default(dig(auth, "Sasl", "Iam", "Enabled"), False, as_bool)
        anonymous = default(dig(auth, "Unauthenticated", "Enabled"), False, as_bool)
        directory = None if iam is None or anonymous is None else iam and not anonymous
    key = dig(props, "EncryptionInfo", "EncryptionAtRest", "DataVolumeKMSKeyId")
    public = None if access is None else access.upper() == "SERVICE_PROVIDED_EIPS"
    return Mapped(
        "messaging.queue",
        {
            "encrypted_at_rest": True,
            "customer_managed_key": False if key is None else customer_key(key),
            "encrypted_in_transit": in_transit,
            "public_endpoint": public,
            "directory_auth": directory,
            "public_access": False,
            "public_grants": (),
        },
    )


def msk_serverless_cluster(props: dict[str, Any]) -> Mapped:
    """``AWS::MSK::ServerlessCluster`` (as ``aws_msk_serverless_cluster``): IAM sign-in
    ("MSK Serverless requires IAM access control for all clusters"), TLS, a private endpoint
    and a service-managed key always; docs.aws.amazon.com/msk/latest/developerguide/
    serverless.html."""
    return Mapped(
        "messaging.queue",
        {
            "encrypted_at_rest": True,
            "customer_managed_key": False,
            "encrypted_in_transit": True,
            "public_endpoint": False,
            "directory_auth": True,
            "public_access": False,
            "public_grants": (),
        },
    )


def msk_cluster_policy(props: dict[str, Any]) -> Mapped:
    """``AWS::MSK::ClusterPolicy`` whose cluster is not in the template (``ClusterArn``), judged
    as that cluster for whom its ``Policy`` lets in (as ``aws_msk_cluster_policy``); folded
    into a cluster of the template by ``mapper.link``."""
    return Mapped("messaging.queue", policy_facets((props.get("Policy"), "Policy")))


#: DAX has no database users or passwords: "Both services use AWS Identity and Access
#: Management (IAM) to implement their respective security policies" ("DAX access control",
#: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.access-control.html):
#: a client is let in by the IAM policies on the cluster's dax:* actions, as a DynamoDB
#: table's (``aws_data.IAM_ONLY``). GDCC-DB-001 was UNKNOWN on every DAX cluster.
DAX_IAM_AUTH = True


def dax_cluster(props: dict[str, Any]) -> Mapped:
    """``AWS::DAX::Cluster``: server-side encryption off unless ``SSESpecification.SSEEnabled``
    (an AWS key: ``SSESpecification`` names none);
    ``ClusterEndpointEncryptionType`` ``NONE`` unless ``TLS``.
    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dax-cluster.html"""
    endpoint = default(props.get("ClusterEndpointEncryptionType"), "NONE", as_str)
    return Mapped(
        "database.instance",
        {
            "encrypted_at_rest": default(
                dig(props, "SSESpecification", "SSEEnabled"), False, as_bool
            ),
            # SSESpecification has no key to choose: never a customer-managed key
            "customer_managed_key": False,
            "encrypted_in_transit": None if endpoint is None else endpoint.upper() == "TLS",
            # no database users: every DAX API call is authorized by IAM (DAX_IAM_AUTH)
            "directory_auth": DAX_IAM_AUTH,
        },
    )


def appsync_cache(props: dict[str, Any]) -> Mapped:
    """``AWS::AppSync::ApiCache``: at-rest and in-transit encryption off unless enabled.
    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-appsync-apicache.html"""
    return Mapped(
        "database.instance",
        {
            "encrypted_at_rest": default(props.get("AtRestEncryptionEnabled"), False, as_bool),
            "encrypted_in_transit": default(props.get("TransitEncryptionEnabled"), False, as_bool),
            "customer_managed_key": False,  # the cache has no key to choose
        },
    )


def memorydb_cluster(props: dict[str, Any]) -> Mapped:
    """``AWS::MemoryDB::Cluster`` (as ``aws_memorydb_cluster``): always encrypted at rest (an
    AWS owned key unless ``KmsKeyId``), TLS on unless ``TLSEnabled`` is false, automatic minor
    upgrades on unless ``AutoMinorVersionUpgrade`` is false.
    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-memorydb-cluster.html"""
    return Mapped(
        "database.instance",
        {
            "encrypted_at_rest": True,
            "customer_managed_key": customer_key(props.get("KmsKeyId")),
            "encrypted_in_transit": default(props.get("TLSEnabled"), True, as_bool),
            "auto_patching": default(props.get("AutoMinorVersionUpgrade"), True, as_bool),
        },
    )


def keyspaces_table(props: dict[str, Any]) -> Mapped:
    """``AWS::Cassandra::Table``: always encrypted; ``EncryptionSpecification.EncryptionType``
    is ``AWS_OWNED_KMS_KEY`` unless ``CUSTOMER_MANAGED_KMS_KEY`` (with ``KmsKeyIdentifier``).
    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cassandra-table-encryptionspecification.html"""
    spec = props.get("EncryptionSpecification")
    kind = default(dig(spec, "EncryptionType"), "AWS_OWNED_KMS_KEY", as_str)
    cmk: bool | None = None if kind is None else kind == "CUSTOMER_MANAGED_KMS_KEY"
    if cmk:
        cmk = customer_key(dig(spec, "KmsKeyIdentifier"))
    # "Amazon Keyspaces only accepts secure connections using Transport Layer Security"
    # (https://docs.aws.amazon.com/keyspaces/latest/devguide/encryption-in-transit.html)
    return Mapped(
        "database.instance",
        {"encrypted_at_rest": True, "customer_managed_key": cmk, "encrypted_in_transit": True},
    )


def _always_encrypted(kind: str, key: str, doc: str) -> TypeMapper:
    """A type AWS always encrypts, with an AWS managed or owned key unless ``key`` names a
    customer key (``doc``: its CloudFormation reference page)."""

    def mapper(props: dict[str, Any]) -> Mapped:
        return Mapped(
            kind, {"encrypted_at_rest": True, "customer_managed_key": customer_key(props.get(key))}
        )

    mapper.__doc__ = f"Always encrypted; ``{key}`` a customer key or not. {_CFN}{doc}"
    return mapper


def fsx_file_system(props: dict[str, Any]) -> Mapped:
    """``AWS::FSx::FileSystem``: always encrypted (an AWS managed key unless ``KmsKeyId``);
    never public: FSx takes no resource-based policy and is reached only through its network
    interfaces in the VPC (as Terraform's FSx types: ``normalize.terraform.keyed._FSX``).
    https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-fsx-filesystem.html"""
    return Mapped(
        "storage.file_share",
        {
            "encrypted_at_rest": True,
            "customer_managed_key": customer_key(props.get("KmsKeyId")),
            "public_access": False,
        },
    )


#: CloudFormation reference pages of the types above (for the defaults table).
DOCS = {
    "AWS::DocDB::DBCluster": _CFN + "aws-resource-docdb-dbcluster.html",
    "AWS::Neptune::DBCluster": _CFN + "aws-resource-neptune-dbcluster.html",
    "AWS::Neptune::DBInstance": _CFN + "aws-resource-neptune-dbinstance.html",
    "AWS::Kinesis::Stream": _CFN + "aws-properties-kinesis-stream-streamencryption.html",
    "AWS::CloudFront::Distribution": _CFN
    + "aws-properties-cloudfront-distribution-viewercertificate.html",
}

def ecs_service(props: dict[str, Any]) -> Mapped:
    """``AWS::ECS::Service``: its running tasks, for the resource graph. ``awsvpc`` tasks get
    ``NetworkConfiguration.AwsvpcConfiguration``'s groups and subnets and a public IP only
    with ``AssignPublicIp: ENABLED`` (default DISABLED: CloudFormation template reference,
    aws-properties-ecs-service-awsvpcconfiguration); without it they use their hosts' network,
    whose exposure is not known here."""
    config = dig(props, "NetworkConfiguration", "AwsvpcConfiguration")
    if not isinstance(config, dict):
        return Mapped("container.service", {"public_endpoint": None})
    assign = as_str(config.get("AssignPublicIp", "DISABLED"))
    return Mapped(
        "container.service",
        {"public_endpoint": None if assign is None else assign.upper() == "ENABLED"},
    )


TYPES: dict[str, TypeMapper] = {
    "AWS::DocDB::DBCluster": docdb_cluster,
    "AWS::DocDB::DBInstance": docdb_instance,
    "AWS::Neptune::DBCluster": neptune_cluster,
    "AWS::Neptune::DBInstance": neptune_instance,
    "AWS::Timestream::Database": timestream_database,
    "AWS::Kinesis::Stream": kinesis_stream,
    "AWS::ECS::Service": ecs_service,
    "AWS::CloudFront::Distribution": cloudfront_distribution,
    "AWS::Lambda::Url": lambda_url,
    "AWS::Lambda::Permission": lambda_permission,
    "AWS::AmazonMQ::Broker": mq_broker,
    "AWS::MSK::Cluster": msk_cluster,
    "AWS::MSK::ServerlessCluster": msk_serverless_cluster,
    "AWS::MSK::ClusterPolicy": msk_cluster_policy,
    "AWS::DAX::Cluster": dax_cluster,
    "AWS::AppSync::ApiCache": appsync_cache,
    "AWS::MemoryDB::Cluster": memorydb_cluster,
    "AWS::Cassandra::Table": keyspaces_table,
    # "If you don't specify a key, Kinesis Video Streams uses the aws/kinesisvideo key"
    "AWS::KinesisVideo::Stream": _always_encrypted(
        "messaging.stream", "KmsKeyId", "aws-resource-kinesisvideo-stream.html"
    ),
    # Event data stores are encrypted with an AWS owned key unless KmsKeyId is given
    "AWS::CloudTrail::EventDataStore": _always_encrypted(
        "logging.audit_trail", "KmsKeyId", "aws-resource-cloudtrail-eventdatastore.html"
    ),
    # Serverless namespaces: an AWS owned key unless KmsKeyId is given
    "AWS::RedshiftServerless::Namespace": _always_encrypted(
        "database.instance", "KmsKeyId", "aws-resource-redshiftserverless-namespace.html"
    ),
    # FSx encrypts every file system at rest; aws/fsx unless KmsKeyId is given
    "AWS::FSx::FileSystem": fsx_file_system,
}
