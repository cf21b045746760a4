"""AWS data stores: S3, RDS, DynamoDB, ElastiCache, OpenSearch, EFS, EBS, ECR, queues."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeGuard

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet, Reference
from gdcc_audit.normalize import aoss, aurora_encryption, db_tls, elasticache_serverless
from gdcc_audit.normalize.aurora_encryption import is_aurora
from gdcc_audit.normalize.aws_sharing import ECR_PUBLIC, layer_grant, layer_public
from gdcc_audit.normalize.cloudformation.aws_resource_policies import (
    fold_grants,
    fold_secret_policy,
    policy_facets,
    search_facets,
    secret_policy,
)
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.cluster_sources import mark_cluster_sources
from gdcc_audit.normalize.cloudformation.policy import analyse
from gdcc_audit.normalize.cloudformation.sub_json import written_sub_json
from gdcc_audit.normalize.cloudformation.types import Mapped, TypeMapper, default, kind_only
from gdcc_audit.normalize.cloudformation.values import (
    NO_VALUE,
    UNKNOWN,
    PartialText,
    ResourceRef,
    all_true,
    as_bool,
    as_int,
    as_list,
    as_str,
    cluster_member,
    customer_key,
    dig,
    is_known,
)
from gdcc_audit.normalize.db_logs import exports_record_access
from gdcc_audit.normalize.defaults import (
    PITR_DEFAULT_DAYS,
    SEARCH_SNAPSHOT_DAYS,
    SEARCH_SNAPSHOTS_DEFAULT,
    pitr_days,
)
from gdcc_audit.normalize.dynamodb_transport import (
    DEFAULT,
    STREAMED_DEFAULT,
    covers_table,
    https_only,
)

MOUNT_TARGET = "AWS::EFS::MountTarget"
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


_BLOCK_SETTINGS = ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls",
                   "RestrictPublicBuckets")  # fmt: skip


def _public_access_block(props: dict[str, Any]) -> bool | None:
    """Whether all four Block Public Access settings are on; a setting left out is false (the
    configuration replaces the whole block, as PutPublicAccessBlock does). Not written: left
    to the defaults table (on for every new bucket since April 2023, labelled)."""
    block = props.get("PublicAccessBlockConfiguration")
    if block is None or not isinstance(block, dict):
        return None
    settings = [default(block.get(name), False, as_bool) for name in _BLOCK_SETTINGS]
    if any(value is False for value in settings):
        return False
    return None if any(value is None for value in settings) else True


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
            "public_access_block": _public_access_block(props),
            # HTTP is accepted unless an AWS::S3::BucketPolicy denies aws:SecureTransport
            # false (mapper.link reads the policies that name the bucket).
            "encrypted_in_transit": False,
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


#: The properties that make an ``AWS::RDS::DBInstance`` a read replica of another instance
#: (or of a Multi-AZ DB cluster).
_REPLICA_SOURCES = (
    "SourceDBInstanceIdentifier", "SourceDbiResourceId", "SourceDBClusterIdentifier"
)


def _source_kind(props: Mapping[str, Any]) -> str:
    """What a read replica's source is: a Multi-AZ DB cluster (``SourceDBClusterIdentifier``)
    or a DB instance."""
    value = props.get("SourceDBClusterIdentifier")
    return "DB cluster" if _written(value) else "DB instance"


def _replica_source(props: Mapping[str, Any]) -> Any:
    """What a read replica names as its source DB instance, else None."""
    for name in _REPLICA_SOURCES:
        value = props.get(name)
        if value is not None and value is not NO_VALUE:
            return value
    return None


#: What a DB instance may be restored from, besides a read replica's source: a DB snapshot,
#: a Multi-AZ DB cluster snapshot, or the automated backups of an instance (a point-in-time
#: restore); each keeps that one's encryption (it FAILed on the StorageEncrypted default).
_RESTORED_FROM = (
    ("DBSnapshotIdentifier", "DB snapshot"),
    ("DBClusterSnapshotIdentifier", "DB cluster snapshot"),
    ("SourceDBInstanceAutomatedBackupsArn", "automated backups"),
)


#: "RDS creates read replicas with backups disabled" (CreateDBInstanceReadReplica,
#: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html)
REPLICA_BACKUPS = Text(
    en="RDS creates read replicas with backups disabled (CreateDBInstanceReadReplica) and "
    "BackupRetentionPeriod is not set",
    th="RDS สร้าง read replica โดยปิดการสำรองข้อมูลอัตโนมัติ (CreateDBInstanceReadReplica) "
    "และไม่ได้กำหนด BackupRetentionPeriod",
)


def _replica_backups(mapped: Mapped) -> None:
    """A read replica that writes no ``BackupRetentionPeriod`` has no automated backups
    (:data:`REPLICA_BACKUPS`): it PASSed GDCC-BCK-001 on the one-day default of an instance
    created empty."""
    mapped.facets["backup_retention_days"] = 0
    mapped.facets["backup_enabled"] = False
    for facet in ("backup_retention_days", "backup_enabled"):
        mapped.because[facet] = REPLICA_BACKUPS
        mapped.written.add(facet)


def _snapshot(props: Mapping[str, Any]) -> str | None:
    """What an instance is restored from ("DB snapshot my-snapshot", "automated backups
    arn:..."), else None."""
    for name, kind in _RESTORED_FROM:
        value = props.get(name)
        if value is None or value is NO_VALUE or value == "":
            continue
        label = value.target if isinstance(value, ResourceRef) else as_str(value) or name
        return f"{kind} {label}"
    return None


def _source_not_read(source: Any, kind: str = "DB instance") -> Text:
    """Why a read replica's encryption at rest is not known: its source (a ``kind``) is not
    read."""
    label = source.target if isinstance(source, ResourceRef) else as_str(source)
    named = f"its source {kind} {label}" if label else f"its source {kind}"
    return Text(
        en=(
            f"a read replica is encrypted as its source {kind} is (StorageEncrypted is "
            f"not read on a replica), and {named} is not in the template"
        ),
        th=(
            f"read replica เข้ารหัสตาม {kind} ต้นทาง (ไม่อ่าน StorageEncrypted ของ replica) "
            f"และ {kind} ต้นทาง{' ' + label if label else ''} ไม่อยู่ใน template"
        ),
    )


def _written(value: Any) -> bool:
    """Whether a property is written (a value, or one not known from the template)."""
    return not (value is None or value is NO_VALUE or value == "")


def _point_in_time(props: Mapping[str, Any]) -> bool:
    """Whether an instance naming a source (``SourceDBInstanceIdentifier``, ...) is a
    point-in-time restore of it (``UseLatestRestorableTime: true`` or a ``RestoreTime``),
    not a read replica: "RestoreTime ... Can't be specified if the UseLatestRestorableTime
    parameter is enabled" (AWS::RDS::DBInstance). Its encryption is the source's too
    (RestoreDBInstanceToPointInTime takes no StorageEncrypted); only the words differ."""
    return as_bool(props.get("UseLatestRestorableTime")) is True or _written(
        props.get("RestoreTime")
    )


def _as_restore(reason: Text) -> Text:
    """A read replica's reason worded for a point-in-time restore."""
    return Text(
        en=reason.en.replace("a read replica", "a point-in-time restore").replace(
            "on a replica", "on a restore"
        ),
        th=reason.th.replace("read replica", "การกู้คืน ณ จุดเวลา").replace(
            "ของ replica", "ของการกู้คืน"
        ),
    )


def _key_source_not_read(source: Any, kind: str = "DB instance") -> Text:
    """Why the key of a read replica naming no ``KmsKeyId`` is not known: its source's (a
    ``kind``)."""
    label = source.target if isinstance(source, ResourceRef) else as_str(source)
    return Text(
        en=(
            f"a read replica naming no KmsKeyId uses the key of its source {kind}"
            f"{' ' + label if label else ''}, which is not in the template"
        ),
        th=(
            f"read replica ที่ไม่ระบุ KmsKeyId ใช้กุญแจของ {kind} ต้นทาง"
            f"{' ' + label if label else ''} ซึ่งไม่อยู่ใน template"
        ),
    )


def _same_region(props: Mapping[str, Any], source: Any) -> bool:
    """Whether a read replica is certainly in its source's Region: a source of the template
    (a stack is in one Region), or one named by identifier, not ARN (a cross-Region source
    is named by its ARN), and no ``SourceRegion``."""
    if _written(props.get("SourceRegion")):
        return False
    if isinstance(source, ResourceRef):
        return True
    return isinstance(source, str) and bool(source) and not source.startswith("arn:")


def _source_label(source: Any) -> str:
    return source.target if isinstance(source, ResourceRef) else as_str(source) or ""


def _written_key_not_read(kind: str, label: str, why_en: str, why_th: str = "") -> Text:
    """Why the ``KmsKeyId`` a read replica in its source's Region writes does not decide:
    the source's key is used, and ``label`` (the source, a ``kind``) ``why``."""
    th = why_th or "ซึ่งไม่อยู่ใน template"
    return Text(
        en=(
            f"a read replica in the Region of its source {kind} is encrypted with the "
            "source's KMS key (CreateDBInstanceReadReplica), so the KmsKeyId written here "
            f"may not be the key used, and its source {label} {why_en}".replace("  ", " ")
        ),
        th=(
            f"read replica ใน Region เดียวกับ {kind} ต้นทางเข้ารหัสด้วยกุญแจ KMS ของต้นทาง "
            "(CreateDBInstanceReadReplica) จึงอาจไม่ได้ใช้ KmsKeyId ที่เขียนไว้ และต้นทาง "
            f"{label} {th}".replace("  ", " ")
        ),
    )


def rds_instance(props: dict[str, Any]) -> Mapped:
    engine = as_str(props.get("Engine"))
    aurora = cluster_member(props)
    facets = _db_common(props, None if aurora else False)
    source = _replica_source(props)
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
    # Not written: the API decides by the VPC's internet gateway (db_exposure, which reads
    # the template's subnet group and VPC)
    facets["public_endpoint"] = as_bool(props.get("PubliclyAccessible"))
    facets["high_availability"] = default(props.get("MultiAZ"), False, as_bool)
    facets["auto_patching"] = default(props.get("AutoMinorVersionUpgrade"), True, as_bool)
    mapped = Mapped("database.instance", facets)
    if source is not None and not aurora:
        # A read replica's encryption is its source's: "If you specify the
        # SourceDBInstanceIdentifier or SourceDbiResourceId property, don't specify this
        # property. The value is inherited from the source DB instance" (StorageEncrypted,
        # https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/
        # aws-resource-rds-dbinstance.html). A replica writing StorageEncrypted: true PASSed
        # whatever its source (link_read_replicas reads a source of the template).
        facets["encrypted_at_rest"] = None
        mapped.no_default.add("encrypted_at_rest")
        mapped.unknown["encrypted_at_rest"] = _source_not_read(source, _source_kind(props))
        if _written(props.get("KmsKeyId")) is False:
            # "A read replica in the same Amazon Web Services Region is always encrypted with
            # the same KMS key as the source DB instance" (CreateDBInstanceReadReplica,
            # KmsKeyId; CloudFormation: "The value is inherited from the source DB
            # instance"): its source's key (GDCC-ENC-002 FAILed it on the absent KmsKeyId).
            facets["customer_managed_key"] = None
            mapped.no_default.add("customer_managed_key")
            mapped.unknown["customer_managed_key"] = _key_source_not_read(
                source, _source_kind(props)
            )
        elif (
            facets["customer_managed_key"] is not None
            and not _point_in_time(props)
            and _same_region(props, source)
        ):
            # The same, though the template writes a key ("If you create an encrypted read
            # replica in the same Amazon Web Services Region ... don't specify a value for
            # this parameter"): it decides only when the source's key agrees
            # (link_read_replicas); a customer key written on the replica of an AWS managed
            # key's source PASSed GDCC-ENC-002.
            facets["customer_managed_key"] = None
            mapped.no_default.add("customer_managed_key")
            mapped.unknown["customer_managed_key"] = _written_key_not_read(
                _source_kind(props), _source_label(source), "which is not in the template"
            )
        if _point_in_time(props):
            for facet in ("encrypted_at_rest", "customer_managed_key"):
                if facet in mapped.unknown:
                    mapped.unknown[facet] = _as_restore(mapped.unknown[facet])
        elif props.get("BackupRetentionPeriod") is None:
            _replica_backups(mapped)
    elif _snapshot(props) is not None and not aurora and facets["encrypted_at_rest"] is not True:
        # Restored from a snapshot: "If you specify the DBSnapshotIdentifier and the specified
        # snapshot is encrypted, don't specify this property. The value is inherited from the
        # snapshot" (StorageEncrypted); an unencrypted snapshot stays so unless StorageEncrypted
        # is true. Not written (or false): the snapshot's, not known (it FAILed on the default).
        facets["encrypted_at_rest"] = None
        mapped.no_default.add("encrypted_at_rest")
        mapped.unknown["encrypted_at_rest"] = Text(
            en=(
                f"it is restored from the {_snapshot(props)}, whose encryption it "
                "keeps when StorageEncrypted is not true"
            ),
            th=(
                f"กู้คืนจาก {_snapshot(props)} และคงการเข้ารหัสของต้นทางนั้น "
                "เมื่อ StorageEncrypted ไม่ใช่ true"
            ),
        )
    if not aurora:
        # an instance of a DB cluster takes TLS from its cluster's parameter group
        # (require_secure_transport / rds.force_ssl are cluster parameters): judged on the
        # cluster (normalize/absent.py). Its own group's engine default FAILed it
        # (aws-refarch-wordpress' Aurora instances, whatever the cluster's group said).
        set_tls(mapped, group_tls(props, engine, "DBParameterGroupName"))
        set_connection_logging(mapped, engine, named_group(props, "DBParameterGroupName"))
    return mapped


#: The types a read replica's source may be: a DB instance, or a Multi-AZ DB cluster
#: (``SourceDBClusterIdentifier``: "The identifier of the Multi-AZ DB cluster that will act
#: as the source for the read replica", AWS::RDS::DBInstance).
_REPLICA_SOURCE_TYPES = ("AWS::RDS::DBInstance", "AWS::RDS::DBCluster")


def link_read_replicas(items: list[Any]) -> None:
    """A read replica whose source is a DB instance of the template (``!Ref Source``) is
    encrypted at rest as that source is, told in the finding (it FAILed on its own
    ``StorageEncrypted`` default when the source was encrypted)."""
    by_id = {item.logical_id: item for item in items}
    for item in items:
        if item.provider_type != "AWS::RDS::DBInstance":
            continue
        value = _replica_source(item.props)
        source = by_id.get(value.target) if isinstance(value, ResourceRef) else None
        if source is None or source.provider_type not in _REPLICA_SOURCE_TYPES:
            continue
        kind = "DB cluster" if source.provider_type == "AWS::RDS::DBCluster" else "DB instance"
        written = item.props.get("KmsKeyId")
        if "customer_managed_key" in item.mapped.unknown and _written(written):
            _agreed_key(item, source, kind, customer_key(written))
        elif "customer_managed_key" in item.mapped.unknown:
            _replica_key(item, source, kind)
        if "encrypted_at_rest" not in item.mapped.unknown:
            continue  # an Aurora member: its cluster's storage
        _from_source(item, source, "encrypted_at_rest", unknown=Text(
            en=(
                f"a read replica is encrypted as its source {kind} is, and whether "
                f"{source.logical_id} is encrypted is not known"
            ),
            th=(
                f"read replica เข้ารหัสตาม {kind} ต้นทาง และไม่ทราบว่า "
                f"{source.logical_id} เข้ารหัสหรือไม่"
            ),
        ), because=Text(
            en=f"a read replica is encrypted as its source {kind} {source.logical_id} is",
            th=f"read replica เข้ารหัสตาม {kind} ต้นทาง {source.logical_id}",
        ))
        if "encrypted_at_rest" not in item.mapped.unknown:
            item.references.append(
                Reference(target=source.logical_id, attribute=_REPLICA_SOURCES[0])
            )


def _replica_key(item: Any, source: Any, kind: str) -> None:
    """The key of a read replica naming no ``KmsKeyId``: its source's (a ``kind``), told in
    the finding."""
    _from_source(item, source, "customer_managed_key", unknown=Text(
        en=(
            f"a read replica uses the KMS key of its source {kind}, and the key of "
            f"{source.logical_id} is not known"
        ),
        th=(
            f"read replica ใช้กุญแจ KMS ของ {kind} ต้นทาง และไม่ทราบกุญแจของ "
            f"{source.logical_id}"
        ),
    ), because=Text(
        en=f"a read replica uses the KMS key of its source {kind} {source.logical_id}",
        th=f"read replica ใช้กุญแจ KMS ของ {kind} ต้นทาง {source.logical_id}",
    ))


def _agreed_key(item: Any, source: Any, kind: str, written: bool | None) -> None:
    """The key of a read replica that writes ``KmsKeyId`` (``written``: a customer key or
    not) in the Region of its ``source`` of the template: decided when the source's key
    says the same, else not known, saying what the source's key is."""
    theirs = source.mapped.facets.get("customer_managed_key")
    if theirs is not None and theirs == written:
        item.mapped.facets["customer_managed_key"] = written
        del item.mapped.unknown["customer_managed_key"]
        return
    if theirs is None:
        why = ("whose key is not known", "ซึ่งไม่ทราบกุญแจ")
    elif theirs:
        why = ("is encrypted with a customer managed key", "เข้ารหัสด้วยกุญแจที่ลูกค้าจัดการ")
    else:
        why = ("is encrypted with an AWS managed key", "เข้ารหัสด้วยกุญแจที่ AWS จัดการ")
    item.mapped.unknown["customer_managed_key"] = _written_key_not_read(
        kind, source.logical_id, *why
    )


def _from_source(item: Any, source: Any, facet: str, *, unknown: Text, because: Text) -> None:
    """A replica's ``facet`` taken from its ``source`` (``because`` says so in the finding);
    still not known, for the reason ``unknown``, when the source's is not known."""
    if _point_in_time(item.props):
        unknown, because = _as_restore(unknown), _as_restore(because)
    value = source.mapped.facets.get(facet)
    if value is None:
        item.mapped.unknown[facet] = unknown
        return
    item.mapped.facets[facet] = value
    del item.mapped.unknown[facet]
    item.mapped.because[facet] = because


def set_decision(mapped: Mapped, facet: str, decision: db_tls.Tls) -> None:
    """Give a decision read from a parameter group to one facet, with the default that
    decided or why it stays unknown."""
    mapped.facets[facet] = decision.required
    mapped.defaults.pop(facet, None)
    mapped.unknown.pop(facet, None)
    if decision.default is not None:
        mapped.defaults[facet] = decision.default
    if decision.unknown is not None:
        mapped.unknown[facet] = decision.unknown


def set_connection_logging(
    mapped: Mapped, engine: str | None, group: db_tls.Group, *more: db_tls.Group
) -> None:
    """A PostgreSQL database's connection logging from its parameter group
    (``db_tls.connection_logging``; Terraform: ``aws_compute._connection_logging``); other
    engines, and Aurora instances (their cluster's group holds the defaults): nothing."""
    found, _ = db_tls.engine_of(engine)
    if found not in ("postgres", "aurora-postgresql"):
        return
    doc = db_tls.POSTGRES_LOG_DOC if found == "postgres" else db_tls.AURORA_POSTGRES_LOG_DOC
    decision, off = db_tls.connection_logging([group, *more], doc)
    set_decision(mapped, "connection_logging", decision)
    mapped.facets["connection_logging_off"] = off


def named_group(props: dict[str, Any], prop: str) -> db_tls.Group:
    """The parameter group ``prop`` names, before the template's groups are read: the
    engine's default group (none, or an AWS ``default.*`` one), else a group not in the
    template (:func:`link_parameter_groups` reads one that is)."""
    value = props.get(prop)
    named = as_str(value)
    if value is None:
        return db_tls.Group({}, None, prop)
    if named is not None and named.lower().startswith("default."):
        return db_tls.Group({}, named, prop)
    label = value.target if isinstance(value, ResourceRef) else named or prop
    outside = db_tls.outside_scan(label, "the logging parameters")
    return db_tls.Group(None, label, prop, unknown=outside.unknown)


def set_tls(mapped: Mapped, decision: db_tls.Tls) -> None:
    """Give a database's TLS decision to its mapped facets (:func:`set_decision`)."""
    set_decision(mapped, "encrypted_in_transit", decision)


def log_exports(value: Any) -> bool | None:
    """``EnableCloudwatchLogsExports``: whether the exported log types record access (absent:
    none; an error or slow-query log alone does not)."""
    exports = as_list(value)
    if exports is None:
        return None
    names = [name for name in exports if isinstance(name, str)]
    if exports_record_access(names):
        return True
    return None if len(names) < len(exports) else False


def cluster_audit(props: dict[str, Any], engine: str) -> db_tls.Tls:
    """Whether a DocumentDB or Neptune cluster that exports its audit log records audit
    events, before the template's parameter groups are read: its default group (audit off),
    or a group not in the template (:func:`link_parameter_groups` reads one that is)."""
    prop = "DBClusterParameterGroupName"
    group = props.get(prop)
    named = as_str(group)
    if group is None or (named is not None and named.lower().startswith("default.")):
        return db_tls.cluster_audit(engine, {}, None, prop)
    parameter = db_tls.audit_parameter(engine)
    if isinstance(group, ResourceRef):
        return db_tls.outside_scan(group.target, parameter)
    return db_tls.outside_scan(named or prop, parameter)


def group_tls(props: dict[str, Any], engine: str | None, prop: str) -> db_tls.Tls:
    """With no parameter group (``prop`` not written) or an AWS ``default.*`` one, the
    engine's default group decides; a group of the template is read when resources are linked
    (:func:`link_parameter_groups`); any other is not in the scan."""
    group = props.get(prop)
    version = as_str(props.get("EngineVersion"))
    if group is None:
        return db_tls.without_group(engine, version, prop)
    named = as_str(group)
    if named is not None and named.lower().startswith("default."):
        return db_tls.from_group(engine, version, named, {}, named)
    if isinstance(group, ResourceRef):
        return db_tls.outside_scan(group.target)
    if named is None:
        return db_tls.Tls(
            None,
            unknown=Text(
                en=f"{prop} is not known before the stack is deployed",
                th=f"ไม่ทราบค่า {prop} ก่อนการ deploy stack",
            ),
        )
    return db_tls.outside_scan(named)


def _cluster_origin(props: Mapping[str, Any]) -> tuple[str, str] | None:
    """What a DB cluster is restored or copied from (``SnapshotIdentifier``,
    ``SourceDBClusterIdentifier``), in English and Thai, else None."""
    for name, en, th in (
        ("SnapshotIdentifier", "restored from the snapshot", "กู้คืนจาก snapshot"),
        ("SourceDBClusterIdentifier", "copied from the DB cluster", "คัดลอกจาก DB cluster"),
    ):
        value = props.get(name)
        if value is None or value is NO_VALUE or value == "":
            continue
        label = value.target if isinstance(value, ResourceRef) else as_str(value) or name
        return f"{en} {label}", f"{th} {label}"
    return None


def restored_cluster(mapped: Mapped, props: Mapping[str, Any]) -> None:
    """A DB cluster restored from a snapshot or copied from another cluster keeps that one's
    encryption and key unless ``KmsKeyId`` names one: "If you specify the SnapshotIdentifier
    or SourceDBClusterIdentifier property, don't specify this property. The value is
    inherited from the snapshot or source DB cluster" (StorageEncrypted,
    aws-resource-rds-dbcluster.html); RestoreDBClusterFromSnapshot and
    RestoreDBClusterToPointInTime take no StorageEncrypted, and encrypt with the KmsKeyId
    given. Without a key: not known (a copy FAILed on the default; a restore writing
    StorageEncrypted: true PASSed)."""
    origin = _cluster_origin(props)
    if origin is None:
        return
    if _written(props.get("KmsKeyId")):
        mapped.facets["encrypted_at_rest"] = True
        mapped.because["encrypted_at_rest"] = Text(
            en=f"it is {origin[0]} and encrypted with the KmsKeyId it names",
            th=f"{origin[1]} และเข้ารหัสด้วยกุญแจที่ KmsKeyId ระบุ",
        )
        return
    for facet, en, th in (
        ("encrypted_at_rest", "encryption", "การเข้ารหัส"),
        ("customer_managed_key", "KMS key", "กุญแจ KMS"),
    ):
        mapped.facets[facet] = None
        mapped.no_default.add(facet)
        mapped.unknown[facet] = Text(
            en=f"it is {origin[0]}, whose {en} it keeps when KmsKeyId is not set",
            th=f"{origin[1]} และคง{th}ของต้นทางนั้นเมื่อไม่กำหนด KmsKeyId",
        )


def _aurora_by_date(mapped: Mapped, props: Mapping[str, Any]) -> None:
    """An Aurora cluster created empty (no global database, no replica source) whose
    ``StorageEncrypted`` is not true: encrypted by AWS if created on or after 2026-02-18,
    not before, and a template does not say when (``normalize.aurora_encryption``); it
    FAILed on the StorageEncrypted default. A Multi-AZ DB cluster (engine mysql / postgres)
    keeps the default (false)."""
    if any(_written(props.get(name)) for name in (
        "GlobalClusterIdentifier", "ReplicationSourceIdentifier"
    )):
        return  # its source decides (cluster_sources)
    stored = props.get("StorageEncrypted")
    if _written(stored) and (not is_known(stored) or as_bool(stored) is not False):
        return  # true, or not known from the template
    engine = props.get("Engine")
    engine_known = _written(engine) and is_known(engine) and as_str(engine) is not None
    if engine_known and not is_aurora(as_str(engine)):
        return
    mode = props.get("EngineMode")
    if _written(mode) and is_known(mode) and as_str(mode) == "serverless":
        # Aurora Serverless v1: "the cluster volume is always encrypted. You can choose the
        # encryption key, but you can't disable encryption" (Aurora User Guide,
        # aurora-serverless.html), as the Terraform reader has it
        mapped.facets["encrypted_at_rest"] = True
        return
    mapped.facets["encrypted_at_rest"] = None
    mapped.no_default.add("encrypted_at_rest")
    mapped.unknown["encrypted_at_rest"] = aurora_encryption.creation_not_known(
        "StorageEncrypted", written_false=_written(stored), engine_known=engine_known
    )


def rds_cluster(props: dict[str, Any]) -> Mapped:
    facets = _db_common(props, False)
    facets["public_endpoint"] = default(props.get("PubliclyAccessible"), None, as_bool)
    engine = as_str(props.get("Engine"))
    if engine is not None and not engine.startswith("aurora"):
        # A Multi-AZ DB cluster (mysql / postgres) upgrades minor versions itself unless
        # AutoMinorVersionUpgrade is false ("Default: true"); Aurora sets it per instance.
        facets["auto_patching"] = default(props.get("AutoMinorVersionUpgrade"), True, as_bool)
    mapped = Mapped("database.instance", facets)
    restored_cluster(mapped, props)
    if _cluster_origin(props) is None:
        mark_cluster_sources(mapped, props)
        _aurora_by_date(mapped, props)
    set_tls(mapped, group_tls(props, engine, "DBClusterParameterGroupName"))
    set_connection_logging(mapped, engine, named_group(props, "DBClusterParameterGroupName"))
    return mapped


#: DynamoDB has no database users or passwords: every request is signed by an IAM identity
#: ("Identity and Access Management for Amazon DynamoDB",
#: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/security-iam.html), as
#: ``aws_dynamodb_table`` is read in Terraform (``iam_only``).
IAM_ONLY = True


def _pitr_days(spec: Any, enabled: bool | None) -> int | None:
    """Days of continuous backups: ``RecoveryPeriodInDays``, 35 when not written (Terraform's
    ``pitr_days``, same documented default), 0 when recovery is off."""
    days = default(dig(spec, "RecoveryPeriodInDays"), PITR_DEFAULT_DAYS, as_int)
    return pitr_days(enabled, days)


def _set_transport(
    mapped: Mapped, table: list[Any], stream: list[Any] | None, name: Any = None
) -> Mapped:
    """A DynamoDB table's TLS (``normalize/dynamodb_transport.py``): every policy of the
    table, and of its stream when one is on (``stream`` not None), must deny plain HTTP to
    the table itself (``name``: its ``TableName``; not only its indexes)."""
    covers = covers_table(as_str(name) if is_known(name) else None, None)
    found = https_only([*table, *(stream or [])], covers)
    mapped.facets["encrypted_in_transit"] = found
    if found is False:
        mapped.defaults["encrypted_in_transit"] = DEFAULT if stream is None else STREAMED_DEFAULT
    return mapped


def _streamed(props: dict[str, Any]) -> bool:
    """Whether a table's stream is on (a ``StreamSpecification`` is written)."""
    return props.get("StreamSpecification") not in (None, NO_VALUE)


def dynamodb_table(props: dict[str, Any]) -> Mapped:
    sse = props.get("SSESpecification")
    spec = props.get("PointInTimeRecoverySpecification")
    enabled = default(dig(spec, "PointInTimeRecoveryEnabled"), False, as_bool)
    stream = [dig(props, "StreamSpecification", "ResourcePolicy", "PolicyDocument")]
    return _set_transport(_dynamodb_table(props, sse, spec, enabled),
                          [dig(props, "ResourcePolicy", "PolicyDocument")],
                          stream if _streamed(props) else None, props.get("TableName"))


def _dynamodb_table(props: dict[str, Any], sse: Any, spec: Any, enabled: bool | None) -> Mapped:
    return Mapped(
        "database.instance",
        {
            "encrypted_at_rest": True,  # DynamoDB always encrypts, with an AWS owned key by default
            "directory_auth": IAM_ONLY,
            "customer_managed_key": customer_key(dig(sse, "KMSMasterKeyId")),
            "backup_enabled": enabled,
            "backup_retention_days": _pitr_days(spec, enabled),
            "deletion_protection": default(props.get("DeletionProtectionEnabled"), False, as_bool),
            # a resource policy on the table or its stream may let everyone in; none: only
            # the account's IAM identities
            **policy_facets(
                (dig(props, "ResourcePolicy", "PolicyDocument"), "ResourcePolicy"),
                (
                    dig(props, "StreamSpecification", "ResourcePolicy", "PolicyDocument"),
                    "StreamSpecification.ResourcePolicy",
                ),
            ),
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
    mapped = Mapped(
        "database.instance",
        {
            "encrypted_at_rest": True,  # DynamoDB always encrypts, with an AWS owned key by default
            "directory_auth": IAM_ONLY,
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
            # each replica's resource policy, and its stream's, may let everyone in
            **_replica_policies(rows, unknown_rows),
        },
    )
    # every replica is a table of its own, on its Region's endpoints
    tables = [dig(r, "ResourcePolicy", "PolicyDocument") for r in rows]
    streams = [dig(r, "ReplicaStreamSpecification", "ResourcePolicy", "PolicyDocument")
               for r in rows]
    _set_transport(mapped, tables, streams if _streamed(props) else None, props.get("TableName"))
    if unknown_rows and mapped.facets["encrypted_in_transit"] is not False:
        mapped.facets["encrypted_in_transit"] = None
        mapped.defaults.pop("encrypted_in_transit", None)
    return mapped


def _replica_policies(rows: list[dict[str, Any]], unknown_rows: bool) -> dict[str, Any]:
    """``public_access`` / ``public_grants`` of a global table from its replicas'
    ``ResourcePolicy`` and ``ReplicaStreamSpecification.ResourcePolicy``; a replica list that
    cannot be read leaves it unknown."""
    documents: list[tuple[Any, str]] = []
    for index, row in enumerate(rows):
        where = f"Replicas[{index}]"
        documents.append((dig(row, "ResourcePolicy", "PolicyDocument"), f"{where}.ResourcePolicy"))
        documents.append(
            (
                dig(row, "ReplicaStreamSpecification", "ResourcePolicy", "PolicyDocument"),
                f"{where}.ReplicaStreamSpecification.ResourcePolicy",
            )
        )
    facets = policy_facets(*documents)
    if unknown_rows and facets["public_access"] is not True:
        return {"public_access": None, "public_grants": ("Replicas not readable",)}
    return facets


def _replication_group_auth(props: dict[str, Any]) -> tuple[bool | None, Text]:
    """Whether clients of a replication group authenticate: an ``AuthToken`` (a value from a
    parameter or a secret reference is still a token); ``UserGroupIds``: not known (a client
    that does not sign in is the group's default user, not read here,
    ``normalize/terraform/elasticache_groups.py``); neither: Redis OSS / Valkey AUTH is off."""
    written = props.get("AuthToken")
    # an empty token (a literal "", a parameter whose default is "") is no token: tokens have
    # 16 to 128 characters (AWS::ElastiCache::ReplicationGroup AuthToken); it PASSed
    empty = written == ""
    token, groups = _present(None if empty else written), props.get("UserGroupIds")
    if token is True:
        return True, Text(en="AuthToken is set", th="กำหนด AuthToken")
    if groups not in (None, [], ""):
        return None, elasticache_serverless.default_user_not_read("UserGroupIds")
    if token is None:
        # a parameter or condition may leave it empty or unset (a parameter with no default:
        # ``auth_token``, which reads its constraints)
        return None, Text(
            en="AuthToken is a value not known from the template",
            th="AuthToken เป็นค่าที่ไม่ทราบจาก template",
        )
    if empty:
        return False, Text(
            en="AuthToken is empty, which is no token, and UserGroupIds is not set",
            th="AuthToken เป็นค่าว่างซึ่งไม่ใช่ token และไม่ได้กำหนด UserGroupIds",
        )
    return False, Text(
        en="neither AuthToken nor UserGroupIds is set",
        th="ไม่ได้กำหนดทั้ง AuthToken และ UserGroupIds",
    )


def elasticache_replication_group(props: dict[str, Any]) -> Mapped:
    """A secondary of a Global Datastore (``GlobalReplicationGroupId``) leaves the encryption
    the datastore sets unread (``normalize/absent.py``). Client authentication
    (:func:`_replication_group_auth`) was not read: GDCC-DB-006 UNKNOWN without a reason."""
    retention = default(props.get("SnapshotRetentionLimit"), 0, as_int)
    own = props.get("GlobalReplicationGroupId") in (None, "")
    auth, why = _replication_group_auth(props)
    mapped = Mapped(
        "database.instance",
        {
            "auth_required": auth,
            "encrypted_at_rest": default(props.get("AtRestEncryptionEnabled"), False, as_bool)
            if own
            else None,
            "encrypted_in_transit": default(props.get("TransitEncryptionEnabled"), False, as_bool)
            if own
            else None,
            "customer_managed_key": customer_key(props.get("KmsKeyId")),
            "backup_retention_days": retention,
            "backup_enabled": None if retention is None else retention > 0,
            "high_availability": default(props.get("MultiAZEnabled"), False, as_bool),
            "auto_patching": default(props.get("AutoMinorVersionUpgrade"), True, as_bool),
            "public_endpoint": False,  # ElastiCache is reachable from inside its VPC only
        },
    )
    if auth is None:
        mapped.unknown["auth_required"] = why
    else:
        mapped.because["auth_required"] = why
    if props.get("UserGroupIds") not in (None, [], ""):
        # decided when the group is the template's (``elasticache_groups``)
        mapped.unknown["directory_auth"] = Text(
            en="whether a user of its user group (UserGroupIds) signs in with IAM is not "
            "known: the group is not in the template",
            th="ไม่ทราบว่าผู้ใช้ใน user group (UserGroupIds) ลงชื่อเข้าใช้ด้วย IAM หรือไม่ "
            "เพราะ user group ไม่อยู่ใน template",
        )
    return mapped


def _cache_zones(props: dict[str, Any]) -> bool | None:
    """Whether a cache cluster's nodes run in more than one zone: ``AZMode: cross-az``. "If
    the AZMode and PreferredAvailabilityZones are not specified, ElastiCache assumes single-az
    mode" (ElastiCache API, CreateCacheCluster AZMode); zones listed without a mode are left
    unknown."""
    mode = props.get("AZMode")
    if mode is None:
        return False if props.get("PreferredAvailabilityZones") is None else None
    return mode == "cross-az" if isinstance(mode, str) else None


def elasticache_cluster(props: dict[str, Any]) -> Mapped:
    """``AWS::ElastiCache::CacheCluster``, as Terraform's ``aws_elasticache_cluster``. It has
    no ``AuthToken`` nor user group (a replication group's): clients never authenticate.
    ``AutoMinorVersionUpgrade`` is read when written (it was not: GDCC-DB-002 UNKNOWN for a
    cluster writing ``true``); the CreateCacheCluster reference states no default for it, so
    a cluster without it stays not known."""
    retention = default(props.get("SnapshotRetentionLimit"), 0, as_int)
    return Mapped(
        "database.instance",
        {
            "encrypted_at_rest": False,  # a single cache cluster has no at-rest encryption option
            "encrypted_in_transit": default(props.get("TransitEncryptionEnabled"), False, as_bool),
            "public_endpoint": False,  # ElastiCache is reachable from inside its VPC only
            "backup_retention_days": retention,
            "backup_enabled": None if retention is None else retention > 0,
            "high_availability": _cache_zones(props),
            "auth_required": False,
            "directory_auth": False,  # no user group, so no IAM user (ELASTICACHE_IAM_AUTH)
            "auto_patching": as_bool(props.get("AutoMinorVersionUpgrade")),
        },
    )


def elasticache_serverless_cache(props: dict[str, Any]) -> Mapped:
    """``AWS::ElastiCache::ServerlessCache``, as Terraform's
    ``aws_elasticache_serverless_cache`` (``normalize.elasticache_serverless``): always
    encrypted at rest (the customer's key with ``KmsKeyId``) and in transit, patched by AWS,
    reachable from its VPC only; clients authenticate only through ``UserGroupId`` (RBAC): off
    without one, not known with one (whether its default user takes a password is not read
    here), and IAM sign-in likewise (``normalize/defaults.py``). Automatic snapshots: not
    known without ``SnapshotRetentionLimit`` (no documented default)."""
    group = _present(props.get("UserGroupId"))
    retention = as_int(props.get("SnapshotRetentionLimit"))
    mapped = Mapped(
        "database.instance",
        {
            "encrypted_at_rest": True,
            "encrypted_in_transit": True,
            "customer_managed_key": customer_key(props.get("KmsKeyId")),
            "auto_patching": True,
            "public_endpoint": False,
            "public_access": False,
            # with a user group: whether its default user takes a password is not read
            "auth_required": False if group is False else None,
            "backup_retention_days": retention,
            "backup_enabled": None if retention is None else retention > 0,
        },
    )
    mapped.because.update({
        "encrypted_at_rest": elasticache_serverless.AT_REST,
        "encrypted_in_transit": elasticache_serverless.IN_TRANSIT,
        "auto_patching": elasticache_serverless.PATCHED,
        "public_endpoint": elasticache_serverless.PRIVATE,
    })
    if group is False:
        mapped.because["auth_required"] = elasticache_serverless.no_user_group("UserGroupId")
    elif group is True:
        mapped.unknown["auth_required"] = elasticache_serverless.default_user_not_read(
            "UserGroupId"
        )
        mapped.unknown["directory_auth"] = Text(
            en="whether a user of its user group (UserGroupId) signs in with IAM is not read "
            "from the template",
            th="ไม่ได้อ่านจาก template ว่าผู้ใช้ใน user group (UserGroupId) ลงชื่อเข้าใช้ด้วย IAM หรือไม่",
        )
    if props.get("SnapshotRetentionLimit") is None:
        mapped.unknown["backup_enabled"] = elasticache_serverless.snapshots_not_known(
            "SnapshotRetentionLimit"
        )
    return mapped


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
            # every domain takes automated snapshots, kept 14 days (was UNKNOWN)
            "backup_enabled": True,
            "backup_retention_days": SEARCH_SNAPSHOT_DAYS,
            **search_facets(props),
        },
        defaults={
            "backup_enabled": SEARCH_SNAPSHOTS_DEFAULT,
            "backup_retention_days": SEARCH_SNAPSHOTS_DEFAULT,
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


AOSS_COLLECTION = "AWS::OpenSearchServerless::Collection"
#: OpenSearch Serverless policy types, folded into the collections they match (mapper.link).
AOSS_POLICIES = {
    "AWS::OpenSearchServerless::SecurityPolicy": "Type",
    "AWS::OpenSearchServerless::AccessPolicy": "Type",
}


def aoss_collection(props: dict[str, Any]) -> Mapped:
    """``AWS::OpenSearchServerless::Collection``: what every collection has; its exposure and
    key come from the policies of the template that match its name (``link_collections``)."""
    replicas = props.get("StandbyReplicas")
    return Mapped(
        "database.instance",
        {
            # every collection is encrypted at rest (an AWS owned key or a KMS key); every
            # endpoint speaks TLS 1.2; callers are IAM or SAML identities; AWS upgrades it
            # (normalize.aoss cites the pages)
            "encrypted_at_rest": True,
            "encrypted_in_transit": True,
            "tls_min_version": "1.2",
            "directory_auth": True,
            "auto_patching": True,
            # "Automatic hourly backups" (developerguide/serverless-snapshots.html)
            "backup_enabled": True,
            # no documented default for an absent StandbyReplicas in CloudFormation
            "high_availability": replicas == "ENABLED" if isinstance(replicas, str) else None,
        },
    )


def aoss_policy(props: dict[str, Any]) -> Mapped:
    """An OpenSearch Serverless security or data access policy: read for the collections it
    matches (``link_collections``), not judged on its own."""
    return Mapped("aoss.policy", {})


def _own_key(props: dict[str, Any]) -> bool | None:
    """The collection's own ``EncryptionConfig``: it "takes precedence over the security
    policy configuration" (AWS::OpenSearchServerless::Collection)."""
    config = props.get("EncryptionConfig")
    if not isinstance(config, dict):
        return None
    owned = config.get("AWSOwnedKey")
    key = config.get("KmsKeyArn")
    if owned is True:
        return False
    return True if isinstance(key, str) and key else None


def link_collections(items: list[Pending]) -> list[Pending]:
    """Give each OpenSearch Serverless collection the facets of the template's policies that
    match its name (``normalize.aoss``); the policies are folded (not listed)."""
    policies = [i for i in items if i.provider_type in AOSS_POLICIES]
    read: list[aoss.Policy] = []
    for item in policies:
        kind = item.props.get("Type")
        document = aoss.decode(item.props.get("Policy"))
        if document is None:  # JSON text in Fn::Sub around a value not known (an endpoint id)
            document = written_sub_json(item.raw, "Policy")
        if item.provider_type == "AWS::OpenSearchServerless::AccessPolicy":
            kind = "data"
        elif kind not in ("network", "encryption"):
            kind = "network" if isinstance(document, list) else "encryption"
        read.append(aoss.Policy(item.logical_id, str(kind), document))
    collections = [i for i in items if i.provider_type == AOSS_COLLECTION]
    for item in collections:
        name = item.props.get("Name")
        facts = aoss.judge(name, read, _own_key(item.props))
        facets = item.mapped.facets
        for facet in ("public_endpoint", "public_access", "customer_managed_key"):
            facets[facet] = getattr(facts, facet)
        facets["public_grants"] = facts.public_grants
        item.mapped.because.update(facts.because)
        item.mapped.unknown.update(facts.unknown)
    return [i for i in items if i.provider_type not in AOSS_POLICIES]


def efs_file_system(props: dict[str, Any]) -> Mapped:
    return Mapped(
        "storage.file_share",
        {
            "encrypted_at_rest": default(props.get("Encrypted"), False, as_bool),
            "customer_managed_key": customer_key(props.get("KmsKeyId")),
            "backup_enabled": default(
                dig(props, "BackupPolicy", "Status"), False, lambda s: s == "ENABLED"
            ),
            # no FileSystemPolicy: EFS's default policy (clients that reach a mount target)
            **policy_facets((props.get("FileSystemPolicy"), "FileSystemPolicy")),
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


def ecr_public_repository(props: dict[str, Any]) -> Mapped:
    """``AWS::ECR::PublicRepository``: public by design (``aws_sharing.ECR_PUBLIC``); its
    ``RepositoryPolicyText`` only grants pushing."""
    return Mapped("container.registry", {"public_access": True, "public_grants": (ECR_PUBLIC,)})


def _account_text(principal: Any) -> TypeGuard[PartialText]:
    """Whether a principal is text of pseudo parameters with no wildcard written
    (``!Ref AWS::AccountId``, ``arn:${AWS::Partition}:iam::${AWS::AccountId}:root``): some
    account's id or ARN, never ``*`` (sessions-with-aws-sam's layers-repo shares its layers
    with ``Principal: !Ref AWS::AccountId``: GDCC-DATA-001 was UNKNOWN "Principal or
    OrganizationId not known")."""
    return isinstance(principal, PartialText) and not principal.has_wildcard()


def layer_permission(props: dict[str, Any]) -> Mapped:
    """``AWS::Lambda::LayerVersionPermission``: who may download a layer version
    (``aws_sharing.layer_public``), judged on its own as ``compute.image``."""
    principal, organization = props.get("Principal"), props.get("OrganizationId")
    if _account_text(principal):
        principal = principal.shape()  # (an account id: never "*")
    if not is_known(principal) or (organization is not None and not is_known(organization)):
        facets: dict[str, Any] = {
            "public_access": None,
            "public_grants": ("Principal or OrganizationId not known",),
        }
    elif layer_public(principal, organization):
        grant = layer_grant(None, 'Principal "*" without OrganizationId')
        facets = {"public_access": True, "public_grants": (grant,)}
    else:
        facets = {"public_access": False, "public_grants": ()}
    return Mapped("compute.image", facets)


def event_bus_policy(props: dict[str, Any]) -> Mapped:
    """``AWS::Events::EventBusPolicy`` (as Terraform's ``aws_cloudwatch_event_bus_policy``,
    GDCC-MSG-002) whose bus is not in the template (``fold_bus_policy`` folds the others)."""
    return Mapped("messaging.topic", bus_policy_facets(props))


def bus_policy_facets(props: Mapping[str, Any], policy: str | None = None) -> dict[str, Any]:
    """``public_access`` / ``public_grants`` of an ``AWS::Events::EventBusPolicy``: its
    ``Statement``, or the older ``Principal`` / ``Action`` / ``Condition`` properties
    (``Principal: "*"`` without a ``Condition``: every AWS account). ``policy``: the policy's
    name, given when its grants are the bus's."""
    statement = props.get("Statement")
    if statement is not None:
        return policy_facets(({"Statement": statement}, policy or "Statement"))
    by = "" if policy is None else f" ({policy})"
    principal, condition = props.get("Principal"), props.get("Condition")
    if _account_text(principal):
        principal = principal.shape()  # (an account id: never "*")
    if not is_known(principal):
        return {"public_access": None, "public_grants": (f"Principal not known{by}",)}
    if principal == "*" and condition is None:
        grant = f'Principal "*" without a Condition allows every AWS account{by}'
        return {"public_access": True, "public_grants": (grant,)}
    return {"public_access": False, "public_grants": ()}


def fold_bus_policy(item: Pending, items: list[Pending], named: Pending | None) -> bool:
    """Fold an ``AWS::Events::EventBusPolicy`` into the template's bus its ``EventBusName``
    names (``named``: by ``Ref`` / ``GetAtt``; else the one bus whose ``Name`` is that literal
    name): its grants are the bus's, judged there by GDCC-MSG-002. True when folded."""
    bus = named if named is not None and named.provider_type == EVENT_BUS else None
    value = item.props.get("EventBusName")
    if bus is None and named is None and isinstance(value, str) and value:
        name = value.rsplit("/", 1)[-1]
        found = [
            one for one in items
            if one.provider_type == EVENT_BUS and one.props.get("Name") == name
        ]
        bus = found[0] if len(found) == 1 else None
    if bus is None:
        return False
    where = item.logical_id if item.at is None else f"{item.logical_id} at {item.at}"
    return fold_grants(item, bus, bus_policy_facets(item.props, where))


EVENT_BUS = "AWS::Events::EventBus"
BUS_POLICY = "AWS::Events::EventBusPolicy"


def event_bus(props: dict[str, Any]) -> Mapped:
    """``AWS::Events::EventBus`` (as Terraform's ``aws_cloudwatch_event_bus``): always
    encrypted at rest, with an AWS owned key unless ``KmsKeyIdentifier`` names one
    (``defaults.EVENTBRIDGE_KEY_DOC``); who may use it: its ``Policy`` and the
    ``AWS::Events::EventBusPolicy`` resources naming it (``mapper.link`` folds them in); none:
    the account alone."""
    policy = props.get("Policy")
    facets = (
        policy_facets((policy, "Policy"))
        if policy is not None
        else {"public_access": False, "public_grants": ()}
    )
    return Mapped(
        "messaging.topic",
        {
            "encrypted_at_rest": True,
            "customer_managed_key": customer_key(props.get("KmsKeyIdentifier")),
            **facets,
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
    # never public: a stream takes no resource-based policy, only IAM identities write to it
    # (as aws_kinesis_firehose_delivery_stream: normalize.terraform.keyed.FIREHOSE_NOT_PUBLIC)
    if config is None:
        return Mapped("messaging.stream", {
            "encrypted_at_rest": False, "customer_managed_key": False, "public_access": False
        })
    if not isinstance(config, dict):
        return Mapped("messaging.stream", {"public_access": False})
    key_type = as_str(config.get("KeyType", "AWS_OWNED_CMK"))
    cmk = None if key_type is None else key_type == "CUSTOMER_MANAGED_CMK"
    if cmk:
        cmk = customer_key(config.get("KeyARN"))
    return Mapped("messaging.stream", {
        "encrypted_at_rest": True, "customer_managed_key": cmk, "public_access": False
    })


def queue_policy(props: dict[str, Any]) -> Mapped:
    """``AWS::SQS::QueuePolicy``: judged as the queue it names when that queue is not in the
    template (``mapper.link`` folds it into queues that are)."""
    return Mapped("messaging.queue", {"public_access": analyse(props.get("PolicyDocument")).public})


def stream_policy(props: dict[str, Any]) -> Mapped:
    """``AWS::Kinesis::ResourcePolicy`` (``ResourcePolicy`` on the stream or consumer
    ``ResourceArn``), like ``queue_policy``."""
    return Mapped(
        "messaging.stream", {"public_access": analyse(props.get("ResourcePolicy")).public}
    )


def topic_policy(props: dict[str, Any]) -> Mapped:
    """``AWS::SNS::TopicPolicy``, like ``queue_policy``."""
    return Mapped("messaging.topic", {"public_access": analyse(props.get("PolicyDocument")).public})


#: A cluster restored from a snapshot (``SnapshotIdentifier``) that writes no ``Encrypted``:
#: RestoreFromClusterSnapshot takes no Encrypted parameter, so the snapshot's encryption holds.
REDSHIFT_RESTORED = Text(
    en="the cluster is restored from a snapshot (SnapshotIdentifier) and Encrypted is not "
    "set: it is encrypted as the snapshot is, which the template does not show",
    th="คลัสเตอร์กู้คืนจาก snapshot (SnapshotIdentifier) และไม่ได้กำหนด Encrypted "
    "จึงเข้ารหัสตาม snapshot ซึ่งเทมเพลตไม่ได้แสดง",
)


def redshift_cluster(props: dict[str, Any]) -> Mapped:
    """``AWS::Redshift::Cluster``. ``PubliclyAccessible`` absent: not public; ``Encrypted``
    absent: encrypted ("Default: true"; "If you set the value on this parameter to false, the
    request will fail": CreateCluster and the CloudFormation reference, since January 2025),
    both labelled in normalize/defaults.py; a cluster restored from a snapshot without
    ``Encrypted`` is encrypted as its snapshot is (not known)."""
    restored = props.get("SnapshotIdentifier") is not None and props.get("Encrypted") is None
    mapped = Mapped(
        "database.instance",
        {
            "encrypted_at_rest": None
            if restored
            else default(props.get("Encrypted"), True, as_bool),
            "customer_managed_key": customer_key(props.get("KmsKeyId")),
            "public_endpoint": default(props.get("PubliclyAccessible"), None, as_bool),
            "access_logging": _present(props.get("LoggingProperties")),
            # auto_patching: not read (normalize.absent.REDSHIFT_RELEASES: every patch
            # release is applied; AllowVersionUpgrade is about major versions)
            "directory_auth": True,  # IAM sign-in on every cluster (db_tls.REDSHIFT_IAM)
        },
    )
    mapped.because["directory_auth"] = db_tls.REDSHIFT_IAM
    if restored:
        mapped.unknown["encrypted_at_rest"] = REDSHIFT_RESTORED
        mapped.no_default.add("encrypted_at_rest")
    # TLS: require_ssl of its cluster parameter group (read when the template has it)
    set_tls(mapped, group_tls(props, "redshift", "ClusterParameterGroupName"))
    return mapped


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


def dms_replication_instance(props: dict[str, Any]) -> Mapped:
    """``AWS::DMS::ReplicationInstance``, read as ``aws_dms_replication_instance``: its storage
    is always encrypted (the account's DMS key unless ``KmsKeyId`` names another, DMS API
    CreateReplicationInstance). Without ``PubliclyAccessible`` it gets a public IP address:
    the API default is true (labelled in normalize/defaults.py), where the Terraform provider
    sends false. ``AutoMinorVersionUpgrade`` and ``MultiAZ`` are read when written; the
    CloudFormation reference states no default for either."""
    return Mapped(
        "database.instance",
        {
            "encrypted_at_rest": True,
            "customer_managed_key": customer_key(props.get("KmsKeyId")),
            "public_endpoint": as_bool(props.get("PubliclyAccessible")),
            "auto_patching": as_bool(props.get("AutoMinorVersionUpgrade")),
            "high_availability": as_bool(props.get("MultiAZ")),
        },
    )


ROTATION_SCHEDULE = "AWS::SecretsManager::RotationSchedule"
#: A secret is rotated only once rotation is configured for it: DescribeSecret
#: ``RotationEnabled`` "Specifies whether automatic rotation is turned on for this secret. If
#: the secret has never been configured for rotation, Secrets Manager returns null. To turn on
#: rotation, use RotateSecret" (what an ``AWS::SecretsManager::RotationSchedule`` does).
SECRET_ROTATION = DefaultedFacet(
    attribute=ROTATION_SCHEDULE,
    doc="https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html",
    unless=Text(
        en="rotation is on if it was turned on outside the template (a rotation schedule of "
        "another stack, the console or the API)",
        th="การหมุนเวียนเปิดอยู่หากเปิดไว้นอกเทมเพลต (rotation schedule ของ stack อื่น "
        "คอนโซล หรือ API)",
    ),
)


def secrets_manager_secret(props: dict[str, Any]) -> Mapped:
    """``AWS::SecretsManager::Secret``: not rotated (:data:`SECRET_ROTATION`, labelled
    "default") unless an ``AWS::SecretsManager::RotationSchedule`` of the template names it
    (:func:`fold_secret_companion`; rotation was not known, GDCC-SECRET-002 UNKNOWN on every secret,
    as Terraform reads ``aws_secretsmanager_secret_rotation``). Its policy is an
    ``AWS::SecretsManager::ResourcePolicy`` (mapper.link folds it in)."""
    return Mapped(
        "crypto.secret",
        {
            "customer_managed_key": customer_key(props.get("KmsKeyId")),
            "public_access": False,
            "public_grants": (),
            "key_rotation": False,
        },
        defaults={"key_rotation": SECRET_ROTATION},
    )


#: What configures a secret from beside it (``SecretId``).
SECRET_COMPANIONS = frozenset({ROTATION_SCHEDULE, "AWS::SecretsManager::ResourcePolicy"})


def fold_secret_companion(item: Pending, secret: Pending | None) -> bool:
    """Fold a rotation schedule or a secret policy into the template's secret it names; True
    when the companion is then not listed on its own. A rotation schedule turns rotation on
    and never stands alone (one for a secret outside the template says nothing of the scan);
    a policy is judged alone when its secret is not in the template."""
    if item.provider_type != ROTATION_SCHEDULE:
        return fold_secret_policy(item, secret)
    if secret is not None and secret.provider_type == "AWS::SecretsManager::Secret":
        secret.mapped.facets["key_rotation"] = True
        secret.mapped.defaults.pop("key_rotation", None)
        secret.references.append(Reference(target=item.logical_id, attribute="rotation"))
        secret.merged_from.append(item.logical_id)
    return True


TYPES: dict[str, TypeMapper] = {
    "AWS::S3::Bucket": s3_bucket,
    "AWS::DMS::ReplicationInstance": dms_replication_instance,
    "AWS::S3::BucketPolicy": s3_bucket_policy,
    "AWS::RDS::DBInstance": rds_instance,
    "AWS::RDS::DBCluster": rds_cluster,
    # judged on their own in link_parameter_groups (they also decide their databases' facets)
    "AWS::DocDB::DBClusterParameterGroup": kind_only("database.parameter_group"),
    "AWS::Redshift::ClusterParameterGroup": kind_only("database.parameter_group"),
    "AWS::Neptune::DBClusterParameterGroup": kind_only("database.parameter_group"),
    "AWS::DynamoDB::Table": dynamodb_table,
    "AWS::DynamoDB::GlobalTable": dynamodb_global_table,
    "AWS::ElastiCache::ReplicationGroup": elasticache_replication_group,
    "AWS::ElastiCache::CacheCluster": elasticache_cluster,
    "AWS::ElastiCache::ServerlessCache": elasticache_serverless_cache,
    "AWS::OpenSearchService::Domain": opensearch_domain,
    AOSS_COLLECTION: aoss_collection,
    **dict.fromkeys(AOSS_POLICIES, aoss_policy),
    "AWS::Elasticsearch::Domain": search_domain,
    "AWS::EFS::FileSystem": efs_file_system,
    # folded into its file system (mapper.link): its subnet and security groups are how the
    # file system is reached
    MOUNT_TARGET: kind_only("storage.file_share"),
    # folded into its bucket (mapper.link, s3_access_points.py): a way into its data
    "AWS::S3::AccessPoint": kind_only("storage.bucket"),
    "AWS::EC2::Volume": ebs_volume,
    "AWS::ECR::Repository": ecr_repository,
    "AWS::ECR::PublicRepository": ecr_public_repository,
    "AWS::Events::EventBus": event_bus,
    "AWS::Events::EventBusPolicy": event_bus_policy,
    "AWS::Lambda::LayerVersionPermission": layer_permission,
    "AWS::SQS::Queue": sqs_queue,
    "AWS::SQS::QueuePolicy": queue_policy,
    "AWS::SNS::Topic": sns_topic,
    "AWS::SNS::TopicPolicy": topic_policy,
    "AWS::Kinesis::ResourcePolicy": stream_policy,
    "AWS::KinesisFirehose::DeliveryStream": firehose,
    "AWS::Redshift::Cluster": redshift_cluster,
    "AWS::RDS::DBSnapshot": kind_only("storage.snapshot"),
    "AWS::QLDB::Ledger": qldb_ledger,
    "AWS::SecretsManager::Secret": secrets_manager_secret,
    # folded into its secret (mapper.link): it turns rotation on
    ROTATION_SCHEDULE: kind_only("crypto.secret"),
    "AWS::SecretsManager::ResourcePolicy": secret_policy,
    "AWS::CertificateManager::Certificate": kind_only("crypto.certificate"),
}


#: Parameter group types -> the family property, and database type -> (the property naming
#: its group, the group's type).
PARAMETER_GROUPS = {
    "AWS::RDS::DBParameterGroup": "Family",
    "AWS::RDS::DBClusterParameterGroup": "Family",
    "AWS::DocDB::DBClusterParameterGroup": "Family",
    "AWS::Neptune::DBClusterParameterGroup": "Family",
    "AWS::Redshift::ClusterParameterGroup": "ParameterGroupFamily",
}
_GROUP_OF = {
    "AWS::RDS::DBInstance": ("DBParameterGroupName", "AWS::RDS::DBParameterGroup"),
    "AWS::RDS::DBCluster": ("DBClusterParameterGroupName", "AWS::RDS::DBClusterParameterGroup"),
    "AWS::DocDB::DBCluster": (
        "DBClusterParameterGroupName",
        "AWS::DocDB::DBClusterParameterGroup",
    ),
    "AWS::Neptune::DBCluster": (
        "DBClusterParameterGroupName",
        "AWS::Neptune::DBClusterParameterGroup",
    ),
    "AWS::Redshift::Cluster": (
        "ClusterParameterGroupName",
        "AWS::Redshift::ClusterParameterGroup",
    ),
}
#: The property giving a parameter group its name (it is stored in lower case).
_GROUP_NAME = {
    "AWS::RDS::DBParameterGroup": "DBParameterGroupName",
    "AWS::RDS::DBClusterParameterGroup": "DBClusterParameterGroupName",
    "AWS::DocDB::DBClusterParameterGroup": "Name",
    "AWS::Neptune::DBClusterParameterGroup": "Name",
    "AWS::Redshift::ClusterParameterGroup": "ParameterGroupName",
}


def _group_parameters(props: dict[str, Any]) -> dict[str, str | None] | None:
    """``Parameters`` (a JSON object name -> value; Redshift: a list of ``ParameterName`` /
    ``ParameterValue``) as name -> text; ``None`` when unknown."""
    found = props.get("Parameters")
    if found is None:
        return {}
    if isinstance(found, list):
        listed: dict[str, str | None] = {}
        for item in found:
            name = dig(item, "ParameterName") if isinstance(item, dict) else None
            if not isinstance(name, str):
                return None
            value = item.get("ParameterValue")
            listed[name.strip().lower()] = as_str(value) if is_known(value) else None
        return listed
    if not isinstance(found, dict):
        return None
    return {
        str(name).strip().lower(): as_str(value) if is_known(value) else None
        for name, value in found.items()
    }


def _replica_read(
    item: Any, depth: int, by_id: dict[str, Any], found: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """:func:`_replica_properties` for one item, its sources read first (a module function,
    not a closure: a recursive closure is a reference cycle, tests/test_loader_cycles.py)."""
    own: dict[str, Any] = item.props
    if item.logical_id in found or depth > 8:
        return found.get(item.logical_id, own)
    value = _replica_source(item.props)
    if (
        item.provider_type != "AWS::RDS::DBInstance" or value is None
        or cluster_member(item.props) or _written(value) is False
    ):
        return own
    source = by_id.get(value.target) if isinstance(value, ResourceRef) else None
    props = dict(item.props)
    if source is not None and source.provider_type == "AWS::RDS::DBInstance":
        held = _replica_read(source, depth + 1, by_id, found)
        for name in ("Engine", "EngineVersion"):
            if props.get(name) is None and held.get(name) is not None:
                props[name] = held[name]
        if (
            props.get("DBParameterGroupName") is None
            and held.get("DBParameterGroupName") is not None
            and not _point_in_time(item.props)
            and _same_region(item.props, value)
        ):
            props["DBParameterGroupName"] = held["DBParameterGroupName"]
    if item.props.get("Engine") is None:
        engine = props.get("Engine")
        item.found["engine"] = engine if isinstance(engine, str) else None
    found[item.logical_id] = props
    return props


def _replica_properties(items: list[Any]) -> dict[str, dict[str, Any]]:
    """For each RDS read replica (or point-in-time restore) of the template, by logical id:
    its properties with what it does not write taken from its source, to read its engine and
    parameter group from. "The new DB instance that is created as a read replica has the same
    engine as the source", and "If you do not specify a value for DBParameterGroupName, then
    Amazon RDS uses the DBParameterGroup of the source DB instance for a same Region read
    replica, or the default DBParameterGroup for the specified DB engine for a cross-Region
    read replica" (CreateDBInstanceReadReplica, RDS API Reference; a point-in-time restore
    takes the engine's default group, RestoreDBInstanceToPointInTime). A replica writing no
    ``Engine`` of a source not in the template has an engine not known (``engine`` None:
    GDCC-DB-004 was NOT_APPLICABLE "not a PostgreSQL database"). A replica is judged on its
    own group alone when it names one. Terraform: ``aws_compute._group_holder``."""
    by_id = {item.logical_id: item for item in items}
    found: dict[str, dict[str, Any]] = {}
    for item in items:
        _replica_read(item, 0, by_id, found)
    return found


def link_parameter_groups(
    items: list[Any], groups: dict[str, tuple[str, dict[str, Any]]]
) -> None:
    """Read the template's parameter group each database names (by ``Ref`` or by the group's
    name) for whether it requires TLS: its parameter as written, else the engine's default
    (the instance's ``Engine``, else the group's ``Family``). ``groups`` maps logical id ->
    (type, resolved properties). A read replica is read with its source's engine and group
    when it writes none (:func:`_replica_properties`)."""
    replicas = _replica_properties(items)
    for item in items:
        held = replicas.get(item.logical_id)
        if held is not None:
            # its mapping read its own (absent) engine and group: read them again
            engine = as_str(held.get("Engine"))
            set_tls(item.mapped, group_tls(held, engine, "DBParameterGroupName"))
            set_connection_logging(item.mapped, engine, named_group(held, "DBParameterGroupName"))
        props = held if held is not None else item.props
        engine = _STANDALONE.get(item.provider_type)
        if engine is not None:  # a group judged on its own (db_tls.parameter_group)
            tls, audit = db_tls.parameter_group(
                engine,
                as_str(item.props.get(PARAMETER_GROUPS[item.provider_type])),
                _group_parameters(item.props),
                item.logical_id,
            )
            if tls is not None:
                set_tls(item.mapped, tls)
            if audit is not None:
                set_decision(item.mapped, "access_logging", audit)
            continue
        found = _GROUP_OF.get(item.provider_type)
        if found is None:
            continue
        prop, group_type = found
        target = _template_group(props.get(prop), group_type, groups)
        if target is None:
            continue
        engine = as_str(props.get("Engine"))
        kind, props = groups[target]
        audited = _AUDITED.get(item.provider_type)
        if item.provider_type == "AWS::RDS::DBInstance" and cluster_member(item.props):
            continue  # an Aurora instance's TLS is its cluster's (normalize/absent.py)
        if item.provider_type != "AWS::Neptune::DBCluster":  # Neptune: HTTPS only
            decision = db_tls.from_group(
                _ENGINE_OF.get(item.provider_type, engine),
                as_str((held or item.props).get("EngineVersion")),
                as_str(props.get(PARAMETER_GROUPS[kind])),
                _group_parameters(props),
                str(target),
            )
            set_tls(item.mapped, decision)
        if item.provider_type in ("AWS::RDS::DBInstance", "AWS::RDS::DBCluster"):
            set_connection_logging(
                item.mapped, engine, db_tls.Group(_group_parameters(props), str(target), prop)
            )
        if audited is not None and (
            log_exports(item.props.get("EnableCloudwatchLogsExports")) is True
        ):
            audit = db_tls.cluster_audit(audited, _group_parameters(props), str(target), prop)
            set_decision(item.mapped, "access_logging", audit)
        item.references.append(Reference(target=str(target), attribute=prop))


def _template_group(
    value: Any, group_type: str, groups: dict[str, tuple[str, dict[str, Any]]]
) -> str | None:
    """The logical id of the template's group of ``group_type`` that ``value`` names (by
    ``Ref`` or by the group's name), else None."""
    target: str | None = None
    if isinstance(value, ResourceRef):
        target = value.target
    elif isinstance(value, str):
        target = next(
            (
                logical_id
                for logical_id, (kind, props) in groups.items()
                if kind == group_type
                and isinstance(props.get(_GROUP_NAME[kind]), str)
                and props[_GROUP_NAME[kind]].lower() == value.lower()
            ),
            None,
        )
    group = groups.get(target) if target is not None else None
    return target if group is not None and group[0] == group_type else None


def _group_of(
    props: dict[str, Any], prop: str, groups: dict[str, tuple[str, dict[str, Any]]]
) -> db_tls.Group:
    """The RDS parameter group ``prop`` names, read from the template when it is there."""
    group_type = "AWS::RDS::DBParameterGroup" if prop == "DBParameterGroupName" else (
        "AWS::RDS::DBClusterParameterGroup"
    )
    target = _template_group(props.get(prop), group_type, groups)
    if target is None:
        return named_group(props, prop)
    return db_tls.Group(_group_parameters(groups[target][1]), target, prop)


def link_aurora_instances(
    items: list[Any], groups: dict[str, tuple[str, dict[str, Any]]]
) -> None:
    """An Aurora PostgreSQL ``AWS::RDS::DBInstance``'s connection logging: its own DB
    parameter group first, then its cluster's group, which holds the instances' defaults
    (as Terraform's ``aws_rds_cluster_instance``)."""
    by_id = {item.logical_id: item for item in items}
    for item in items:
        engine = as_str(item.props.get("Engine"))
        if item.provider_type != "AWS::RDS::DBInstance" or not (engine or "").startswith(
            "aurora-postgresql"
        ):
            continue
        value = item.props.get("DBClusterIdentifier")
        cluster = by_id.get(value.target) if isinstance(value, ResourceRef) else None
        if cluster is None or cluster.provider_type != "AWS::RDS::DBCluster":
            label = as_str(value) or "DBClusterIdentifier"
            outside = db_tls.outside_scan(label, "the logging parameters", "cluster")
            cluster_group = db_tls.Group(
                None, label, "DBClusterIdentifier", unknown=outside.unknown
            )
        else:
            cluster_group = _group_of(cluster.props, "DBClusterParameterGroupName", groups)
        set_connection_logging(
            item.mapped, engine, _group_of(item.props, "DBParameterGroupName", groups),
            cluster_group,
        )


#: Cluster types whose engine is the type itself, and those that record audit events only
#: when their cluster parameter group turns them on.
_ENGINE_OF = {"AWS::DocDB::DBCluster": "docdb", "AWS::Redshift::Cluster": "redshift"}
_AUDITED = {"AWS::DocDB::DBCluster": "docdb", "AWS::Neptune::DBCluster": "neptune"}
#: Parameter groups that are resources of their own (kind database.parameter_group) -> the
#: engine they configure.
_STANDALONE = {
    "AWS::DocDB::DBClusterParameterGroup": "docdb",
    "AWS::Redshift::ClusterParameterGroup": "redshift",
    "AWS::Neptune::DBClusterParameterGroup": "neptune",
}
