"""AWS data stores: S3, RDS, DynamoDB, ElastiCache, OpenSearch, EFS, EBS, ECR, queues."""

from __future__ import annotations

from typing import Any

from gdcc_audit.normalize.cloudformation.policy import analyse
from gdcc_audit.normalize.cloudformation.types import Mapped, TypeMapper, default, kind_only
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
from gdcc_audit.normalize.defaults import rds_engine_requires_tls

_PUBLIC_ACLS = frozenset({"PublicRead", "PublicReadWrite", "AuthenticatedRead"})


def _present(value: Any) -> bool | None:
    """Whether an optional property is set; ``None`` when it is set to an unknown value."""
    if value is None:
        return False
    # A key named by reference to another resource of the template is set all the same.
    return True if is_known(value) or isinstance(value, dict | ResourceRef | PartialText) else None


def _bucket_public(props: dict[str, Any]) -> bool | None:
    """Whether the bucket's own properties make it public.

    A public canned ACL is the template asking for public access: it FAILs unless the
    template itself sets ``IgnorePublicAcls: true``. The account defaults since April 2023
    (public access blocked, ACLs disabled) only make such a template fail to deploy or push
    its author to relax them; they never turn the declared intent into a PASS. Without a
    public ACL the bucket is public only through a bucket policy, judged when the policy is
    linked to it (``mapper.link``); with no block settings written, the documented defaults
    (all four true) apply.
    https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
    """
    block = props.get("PublicAccessBlockConfiguration")
    ignore_acls = as_bool(dig(block, "IgnorePublicAcls")) if block is not None else None
    acl = props.get("AccessControl")
    if acl is None:
        return False
    if not is_known(acl):
        return False if ignore_acls is True else None
    if isinstance(acl, str) and acl in _PUBLIC_ACLS:
        return ignore_acls is not True
    return False


def s3_bucket(props: dict[str, Any]) -> Mapped:
    rules = as_list(dig(props, "BucketEncryption", "ServerSideEncryptionConfiguration"))
    cmk: bool | None = False
    for rule in rules or []:
        algorithm = dig(rule, "ServerSideEncryptionByDefault", "SSEAlgorithm")
        key = dig(rule, "ServerSideEncryptionByDefault", "KMSMasterKeyID")
        if algorithm is UNKNOWN or isinstance(algorithm, PartialText):
            cmk = None
        elif algorithm in ("aws:kms", "aws:kms:dsse") and key is not None:
            cmk = customer_key(key)
    if rules is None:
        cmk = None
    public = _bucket_public(props)
    logging = props.get("LoggingConfiguration")
    return Mapped(
        "storage.bucket",
        {
            # Since January 2023 every new S3 object is encrypted (SSE-S3) by default.
            "encrypted_at_rest": True,
            "customer_managed_key": cmk,
            "public_access": public,
            "versioning": default(
                dig(props, "VersioningConfiguration", "Status"), False, lambda s: s == "Enabled"
                if is_known(s) else None
            ),
            "access_logging": _present(logging),
        },
    )


def s3_bucket_policy(props: dict[str, Any]) -> Mapped:
    facts = analyse(props.get("PolicyDocument"))
    return Mapped(
        "identity.policy",
        {
            "public_access": facts.public,
            "wildcard_permissions": facts.wildcard,
            "admin_privileges": facts.admin,
        },
    )


def _db_common(props: dict[str, Any], storage_default: bool | None) -> dict[str, Any]:
    retention = default(props.get("BackupRetentionPeriod"), 1, as_int)
    return {
        "encrypted_at_rest": default(props.get("StorageEncrypted"), storage_default, as_bool),
        "customer_managed_key": customer_key(props.get("KmsKeyId")),
        "backup_retention_days": retention,
        "backup_enabled": None if retention is None else retention > 0,
        "deletion_protection": default(props.get("DeletionProtection"), False, as_bool),
    }


def rds_instance(props: dict[str, Any]) -> Mapped:
    engine = as_str(props.get("Engine"))
    aurora = engine is not None and engine.startswith("aurora")
    facets = _db_common(props, None if aurora else False)
    if aurora:
        # Storage, its key, backups and deletion protection of Aurora belong to the DB
        # cluster ("Amazon Aurora: Not applicable", AWS::RDS::DBInstance reference): not
        # judged on the instance (see normalize/absent.py).
        for name in (
            "encrypted_at_rest",
            "customer_managed_key",
            "backup_retention_days",
            "backup_enabled",
            "deletion_protection",
        ):
            facets[name] = None
    public = props.get("PubliclyAccessible")
    if public is None:
        # AWS: false when a DB subnet group is named, otherwise it depends on the default VPC.
        facets["public_endpoint"] = False if props.get("DBSubnetGroupName") is not None else None
    else:
        facets["public_endpoint"] = as_bool(public)
    facets["high_availability"] = default(props.get("MultiAZ"), False, as_bool)
    facets["auto_patching"] = default(props.get("AutoMinorVersionUpgrade"), True, as_bool)
    facets["encrypted_in_transit"] = _rds_requires_tls(props, engine)
    return Mapped("database.instance", facets)


def _rds_requires_tls(props: dict[str, Any], engine: str | None) -> bool | None:
    """With no DB parameter group (or an AWS ``default.*`` one) the engine's default group
    decides whether TLS is required; a group of the template or outside it is not read."""
    group = props.get("DBParameterGroupName")
    version = as_str(props.get("EngineVersion"))
    if group is None:
        return rds_engine_requires_tls(engine, version)
    named = as_str(group)
    if named is not None and named.startswith("default."):
        return rds_engine_requires_tls(engine, version, family=named)
    return None


def rds_cluster(props: dict[str, Any]) -> Mapped:
    facets = _db_common(props, False)
    if props.get("SnapshotIdentifier") is not None and props.get("StorageEncrypted") is None:
        facets["encrypted_at_rest"] = None  # inherited from the snapshot
    facets["public_endpoint"] = default(props.get("PubliclyAccessible"), None, as_bool)
    engine = as_str(props.get("Engine"))
    if engine is not None and not engine.startswith("aurora"):
        # A Multi-AZ DB cluster (mysql / postgres) upgrades minor versions itself unless
        # AutoMinorVersionUpgrade is false ("Default: true"); Aurora sets it per instance.
        facets["auto_patching"] = default(props.get("AutoMinorVersionUpgrade"), True, as_bool)
    return Mapped("database.instance", facets)


def dynamodb_table(props: dict[str, Any]) -> Mapped:
    sse = props.get("SSESpecification")
    return Mapped(
        "database.instance",
        {
            "encrypted_at_rest": True,  # DynamoDB always encrypts, with an AWS owned key by default
            "customer_managed_key": customer_key(dig(sse, "KMSMasterKeyId")),
            "backup_enabled": default(
                dig(props, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"),
                False,
                as_bool,
            ),
            "deletion_protection": default(props.get("DeletionProtectionEnabled"), False, as_bool),
        },
    )


def dynamodb_global_table(props: dict[str, Any]) -> Mapped:
    """``AWS::DynamoDB::GlobalTable``: key, point-in-time recovery and deletion protection are
    set per replica (``Replicas[].SSESpecification.KMSMasterKeyId``,
    ``.PointInTimeRecoverySpecification``, ``.DeletionProtectionEnabled``), not at the top as
    on ``AWS::DynamoDB::Table``; the table holds for each only when every replica does.
    Defaults (AWS::DynamoDB::GlobalTable ReplicaSpecification reference,
    docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-globaltable-replicaspecification.html):
    point-in-time recovery "defaults to point in time recovery disabled for the replica",
    deletion protection off; without ``SSESpecification.SSEEnabled`` the AWS owned key, with
    ``SSEType: KMS`` and no replica key the AWS managed key ``alias/aws/dynamodb``."""
    replicas = as_list(props.get("Replicas"))
    sse_on = default(dig(props, "SSESpecification", "SSEEnabled"), False, as_bool)
    rows = [r for r in replicas or [] if isinstance(r, dict)]
    unknown_rows = replicas is None or len(rows) != len(replicas or [])

    def each(values: list[bool | None]) -> bool | None:
        return None if unknown_rows else all_true(values)

    cmk: bool | None
    if sse_on is False:
        cmk = False
    else:
        keys = each([customer_key(dig(r, "SSESpecification", "KMSMasterKeyId")) for r in rows])
        cmk = False if keys is False else None if sse_on is None else keys
    return Mapped(
        "database.instance",
        {
            "encrypted_at_rest": True,  # DynamoDB always encrypts, with an AWS owned key by default
            "customer_managed_key": cmk,
            "backup_enabled": each(
                [
                    default(
                        dig(r, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"),
                        False,
                        as_bool,
                    )
                    for r in rows
                ]
            ),
            "deletion_protection": each(
                [default(r.get("DeletionProtectionEnabled"), False, as_bool) for r in rows]
            ),
        },
    )


def elasticache_replication_group(props: dict[str, Any]) -> Mapped:
    retention = default(props.get("SnapshotRetentionLimit"), 0, as_int)
    return Mapped(
        "database.instance",
        {
            "encrypted_at_rest": default(props.get("AtRestEncryptionEnabled"), False, as_bool),
            "encrypted_in_transit": default(props.get("TransitEncryptionEnabled"), False, as_bool),
            "customer_managed_key": customer_key(props.get("KmsKeyId")),
            "backup_retention_days": retention,
            "backup_enabled": None if retention is None else retention > 0,
            "high_availability": default(props.get("MultiAZEnabled"), False, as_bool),
            "auto_patching": default(props.get("AutoMinorVersionUpgrade"), True, as_bool),
            "public_endpoint": False,  # ElastiCache is reachable from inside its VPC only
        },
    )


def elasticache_cluster(props: dict[str, Any]) -> Mapped:
    retention = default(props.get("SnapshotRetentionLimit"), 0, as_int)
    return Mapped(
        "database.instance",
        {
            "encrypted_at_rest": False,  # a single cache cluster has no at-rest encryption option
            "encrypted_in_transit": default(props.get("TransitEncryptionEnabled"), False, as_bool),
            "public_endpoint": False,  # ElastiCache is reachable from inside its VPC only
            "backup_retention_days": retention,
            "backup_enabled": None if retention is None else retention > 0,
        },
    )


def tls_version(policy: Any) -> str | None:
    if not isinstance(policy, str):
        return None
    for version in ("1-3", "1-2", "1-1", "1-0"):
        if any(f"{prefix}-{version}" in policy for prefix in ("TLS", "TLS13", "FS")):
            return version.replace("-", ".")
    return None


def _search_tls(policy: Any) -> str | None:
    # Without a TLS policy AWS applies Policy-Min-TLS-1-0-2019-07.
    return "1.0" if policy is None else tls_version(policy)


def search_domain(props: dict[str, Any]) -> Mapped:
    endpoint = props.get("DomainEndpointOptions")
    https = default(dig(endpoint, "EnforceHTTPS"), False, as_bool)
    node = default(dig(props, "NodeToNodeEncryptionOptions", "Enabled"), False, as_bool)
    logs = props.get("LogPublishingOptions")
    audit = dig(logs, "AUDIT_LOGS", "Enabled")
    return Mapped(
        "database.instance",
        {
            "encrypted_at_rest": default(
                dig(props, "EncryptionAtRestOptions", "Enabled"), False, as_bool
            ),
            "customer_managed_key": customer_key(dig(props, "EncryptionAtRestOptions", "KmsKeyId")),
            "encrypted_in_transit": all_true([https, node]),
            "tls_min_version": _search_tls(dig(endpoint, "TLSSecurityPolicy")),
            "public_endpoint": props.get("VPCOptions") is None,
            "access_logging": default(audit, False, as_bool),
            "high_availability": default(
                dig(props, "ClusterConfig", "ZoneAwarenessEnabled")
                if "ClusterConfig" in props
                else dig(props, "ElasticsearchClusterConfig", "ZoneAwarenessEnabled"),
                False,
                as_bool,
            ),
        },
    )


def opensearch_domain(props: dict[str, Any]) -> Mapped:
    """An OpenSearch domain: as an Elasticsearch one, plus automatic service software
    updates, off by default (SoftwareUpdateOptions; AWS::Elasticsearch::Domain has none)."""
    mapped = search_domain(props)
    mapped.facets["auto_patching"] = default(
        dig(props, "SoftwareUpdateOptions", "AutoSoftwareUpdateEnabled"), False, as_bool
    )
    return mapped


def efs_file_system(props: dict[str, Any]) -> Mapped:
    return Mapped(
        "storage.file_share",
        {
            "encrypted_at_rest": default(props.get("Encrypted"), False, as_bool),
            "customer_managed_key": customer_key(props.get("KmsKeyId")),
            "backup_enabled": default(
                dig(props, "BackupPolicy", "Status"), False, lambda s: s == "ENABLED"
            ),
        },
    )


def ebs_volume(props: dict[str, Any]) -> Mapped:
    # Unset, encryption follows the account's "encryption by default" setting: unknown here.
    return Mapped(
        "storage.volume",
        {
            "encrypted_at_rest": default(props.get("Encrypted"), None, as_bool),
            "customer_managed_key": customer_key(props.get("KmsKeyId")),
        },
    )


def ecr_repository(props: dict[str, Any]) -> Mapped:
    """``AWS::ECR::Repository``: its ``RepositoryPolicyText`` lets anyone pull when it grants
    ``*`` (no policy: only the account's own identities)."""
    kind = dig(props, "EncryptionConfiguration", "EncryptionType")
    policy = props.get("RepositoryPolicyText")
    return Mapped(
        "container.registry",
        {
            "encrypted_at_rest": True,
            "customer_managed_key": default(
                kind, False, lambda k: k == "KMS" if is_known(k) else None
            ),
            "public_access": False if policy is None else analyse(policy).public,
        },
    )


def sqs_queue(props: dict[str, Any]) -> Mapped:
    """A queue has no policy of its own in CloudFormation: an ``AWS::SQS::QueuePolicy`` of
    the template that names it adds its grants (``mapper.link``); none grants nothing."""
    key = props.get("KmsMasterKeyId")
    managed = default(props.get("SqsManagedSseEnabled"), True, as_bool)
    return Mapped(
        "messaging.queue",
        {
            "encrypted_at_rest": True if key is not None else managed,
            "customer_managed_key": customer_key(key),
            "public_access": False,
        },
    )


def sns_topic(props: dict[str, Any]) -> Mapped:
    """Like a queue, a topic's grants come from an ``AWS::SNS::TopicPolicy``."""
    key = props.get("KmsMasterKeyId")
    return Mapped(
        "messaging.topic",
        {
            "encrypted_at_rest": _present(key),  # any key, alias/aws/sns included
            "customer_managed_key": customer_key(key),
            "public_access": False,
        },
    )


def firehose(props: dict[str, Any]) -> Mapped:
    """``AWS::KinesisFirehose::DeliveryStream``: server-side encryption is off unless
    ``DeliveryStreamEncryptionConfigurationInput`` is given; ``KeyType`` defaults to
    ``AWS_OWNED_CMK``, and ``CUSTOMER_MANAGED_CMK`` is a customer key only with ``KeyARN``.
    https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-kinesisfirehose-deliverystream-deliverystreamencryptionconfigurationinput.html"""
    config = props.get("DeliveryStreamEncryptionConfigurationInput")
    if config is None:
        return Mapped(
            "messaging.stream", {"encrypted_at_rest": False, "customer_managed_key": False}
        )
    if not isinstance(config, dict):
        return Mapped("messaging.stream", {})
    key_type = as_str(config.get("KeyType", "AWS_OWNED_CMK"))
    cmk = None if key_type is None else key_type == "CUSTOMER_MANAGED_CMK"
    if cmk:
        cmk = customer_key(config.get("KeyARN"))
    return Mapped("messaging.stream", {"encrypted_at_rest": True, "customer_managed_key": cmk})


def queue_policy(props: dict[str, Any]) -> Mapped:
    """``AWS::SQS::QueuePolicy``: judged as the queue it names when that queue is not in the
    template (``mapper.link`` folds it into queues that are)."""
    return Mapped("messaging.queue", {"public_access": analyse(props.get("PolicyDocument")).public})


def topic_policy(props: dict[str, Any]) -> Mapped:
    """``AWS::SNS::TopicPolicy``, like ``queue_policy``."""
    return Mapped("messaging.topic", {"public_access": analyse(props.get("PolicyDocument")).public})


def redshift_cluster(props: dict[str, Any]) -> Mapped:
    return Mapped(
        "database.instance",
        {
            "encrypted_at_rest": default(props.get("Encrypted"), False, as_bool),
            "customer_managed_key": customer_key(props.get("KmsKeyId")),
            "public_endpoint": default(props.get("PubliclyAccessible"), None, as_bool),
            "access_logging": _present(props.get("LoggingProperties")),
            # "AllowVersionUpgrade ... Default: true" (AWS::Redshift::Cluster reference)
            "auto_patching": default(props.get("AllowVersionUpgrade"), True, as_bool),
        },
    )


def qldb_ledger(props: dict[str, Any]) -> Mapped:
    """``AWS::QLDB::Ledger``: always encrypted (an AWS owned key unless ``KmsKey`` names a
    customer key), IAM-signed TLS requests only, ``DeletionProtection`` true when not defined
    (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-qldb-ledger.html)."""
    key = props.get("KmsKey")
    return Mapped(
        "database.instance",
        {
            "encrypted_at_rest": True,
            "customer_managed_key": False if key == "AWS_OWNED_KMS_KEY" else customer_key(key),
            "deletion_protection": default(props.get("DeletionProtection"), True, as_bool),
            "directory_auth": True,
            "encrypted_in_transit": True,
        },
    )


TYPES: dict[str, TypeMapper] = {
    "AWS::S3::Bucket": s3_bucket,
    "AWS::S3::BucketPolicy": s3_bucket_policy,
    "AWS::RDS::DBInstance": rds_instance,
    "AWS::RDS::DBCluster": rds_cluster,
    "AWS::DynamoDB::Table": dynamodb_table,
    "AWS::DynamoDB::GlobalTable": dynamodb_global_table,
    "AWS::ElastiCache::ReplicationGroup": elasticache_replication_group,
    "AWS::ElastiCache::CacheCluster": elasticache_cluster,
    "AWS::OpenSearchService::Domain": opensearch_domain,
    "AWS::Elasticsearch::Domain": search_domain,
    "AWS::EFS::FileSystem": efs_file_system,
    "AWS::EC2::Volume": ebs_volume,
    "AWS::ECR::Repository": ecr_repository,
    "AWS::SQS::Queue": sqs_queue,
    "AWS::SQS::QueuePolicy": queue_policy,
    "AWS::SNS::Topic": sns_topic,
    "AWS::SNS::TopicPolicy": topic_policy,
    "AWS::KinesisFirehose::DeliveryStream": firehose,
    "AWS::Redshift::Cluster": redshift_cluster,
    "AWS::RDS::DBSnapshot": kind_only("storage.snapshot"),
    "AWS::QLDB::Ledger": qldb_ledger,
    "AWS::SecretsManager::Secret": lambda props: Mapped(
        "crypto.secret", {"customer_managed_key": customer_key(props.get("KmsKeyId"))}
    ),
    "AWS::CertificateManager::Certificate": kind_only("crypto.certificate"),
}
