"""Aurora clusters whose storage encryption another resource decides: a cross-Region read
replica (``aws_rds_cluster.replication_source_identifier``) and a cluster of an Aurora global
database (``global_cluster_identifier`` naming an ``aws_rds_global_cluster``). DocumentDB and
Neptune global clusters (``aws_docdb_global_cluster``, ``aws_neptune_global_cluster``, same
``storage_encrypted`` / ``source_db_cluster_identifier`` arguments) and Neptune replicas
(``aws_neptune_cluster.replication_source_identifier``) are read the same way.

- A replica: "When a KMS key isn't specified in KmsKeyId: If ReplicationSourceIdentifier
  identifies an encrypted source, then Amazon RDS uses the KMS key used to encrypt the
  source. Otherwise, Amazon RDS uses your default KMS key" (CreateDBCluster, KmsKeyId,
  https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html): a
  replica of an encrypted source is encrypted, with the source's key unless ``kms_key_id``
  names one; a replica of an unencrypted source is as its own ``storage_encrypted`` says.
- A global database has one storage encryption setting ("The storage encryption setting for
  the global database cluster", GlobalCluster.StorageEncrypted); CreateGlobalCluster's
  StorageEncrypted "Can't be specified if SourceDBClusterIdentifier is specified. In this
  case, Amazon Aurora uses the setting from the source DB cluster", and the provider's
  ``storage_encrypted`` "The default is false unless source_db_cluster_identifier is
  specified and encrypted" (registry.terraform.io/providers/hashicorp/aws/latest/docs/
  resources/rds_global_cluster).

Both FAILed GDCC-ENC-001 on their own ``storage_encrypted`` default whatever decided it.

An Aurora global database with no source cluster and ``storage_encrypted`` not true: its
clusters are Aurora clusters like any other, encrypted by AWS if created on or after
2026-02-18 (``normalize.aurora_encryption``; CreateGlobalCluster documents no default for
StorageEncrypted). A plan that creates both the cluster and its global database: encrypted
(AWS owned key); elsewhere not known, saying why (it FAILed on the provider default false).
"""

from __future__ import annotations

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize import aurora_encryption
from gdcc_audit.normalize.aurora_encryption import SINCE, is_aurora
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.keyed import customer_key
from gdcc_audit.normalize.terraform.values import block, flag, is_set, text

#: What makes a cluster or an instance take its storage from something else than its own
#: ``storage_encrypted``: such a source is not read further (its encryption is not known).
_DERIVED = (
    "replication_source_identifier", "global_cluster_identifier", "snapshot_identifier",
    "replicate_source_db",
)

#: The global database type each cluster type joins (``global_cluster_identifier``), and
#: the types its ``replication_source_identifier`` may name (DocumentDB has none).
_GLOBALS = {
    "aws_rds_cluster": "aws_rds_global_cluster",
    "aws_docdb_cluster": "aws_docdb_global_cluster",
    "aws_neptune_cluster": "aws_neptune_global_cluster",
}
_REPLICA_SOURCES = {
    "aws_rds_cluster": ["aws_rds_cluster", "aws_db_instance"],
    "aws_neptune_cluster": ["aws_neptune_cluster"],
}


def _own_encryption(source: TfResource) -> bool | None:
    """A source's encryption at rest from its own arguments: ``storage_encrypted`` (Aurora
    Serverless v1: always); None when another resource decides it (a replica, a restore, a
    global database member) or it is not known."""
    v = source.values
    if any(is_set(v, name) is not False for name in _DERIVED) or block(
        v, "restore_to_point_in_time"
    ):
        return None
    if source.type == "aws_rds_cluster" and text(v, "engine_mode") == "serverless":
        return True
    if _aurora_by_date(source):
        # encrypted by AWS if created on or after 2026-02-18 (normalize.aurora_encryption)
        return True if "create" in source.actions else None
    return flag(v, "storage_encrypted", False)


def _aurora_by_date(source: TfResource) -> bool:
    """Whether a source is an Aurora cluster (or may be: engine not known) whose
    ``storage_encrypted`` is not true, so that its encryption depends on when it was
    created (``normalize.aurora_encryption``)."""
    v = source.values
    if source.type != "aws_rds_cluster" or flag(v, "storage_encrypted") is True:
        return False
    engine = v.get("engine")
    return engine is UNKNOWN or is_aurora(text(v, "engine", "aurora"))


def _source_key(source: TfResource, ctx: TfContext) -> bool | None:
    """Whether a source's KMS key is the customer's (``kms_key_id``; a reference to a key
    resource counts, one to an AWS managed alias does not)."""
    # extras imports aws_compute, which imports this module
    from gdcc_audit.normalize.terraform.extras import (
        references_aws_managed_key,
        references_customer_key,
    )

    key = customer_key(source.values, "kms_key_arn" if "kms_key_arn" in source.values else (
        "kms_key_id"
    ))
    if key is None and references_customer_key(source, ctx):
        return True
    if key is None and references_aws_managed_key(source, ctx):
        return False
    return key


def _named(r: TfResource, attribute: str) -> str | None:
    """What ``attribute`` names when no resource of the scan is found: its literal value or
    the reference it is written with."""
    value = r.values.get(attribute)
    if isinstance(value, str) and value:
        return value
    return next((ref.target for ref in r.references if ref.attribute == attribute), None)


def sourced_encryption(
    r: TfResource, ctx: TfContext, encrypted: bool | None, key: bool | None
) -> tuple[bool | None, bool | None]:
    """Encryption at rest and customer key of an ``aws_rds_cluster`` created empty (not
    restored, not Serverless v1), from ``encrypted`` / ``key`` as its own arguments say: a
    global database member's from its global database, a cross-Region replica's from its
    source (module docstring); else unchanged."""
    glob = ctx.referenced(r, "global_cluster_identifier", [_GLOBALS[r.type]])
    if glob is not None or _names_one(r, "global_cluster_identifier"):
        return _global_member(r, ctx, glob, encrypted), key
    types = _REPLICA_SOURCES.get(r.type)
    if not types:
        return encrypted, key
    source = ctx.referenced(r, "replication_source_identifier", types)
    if source is not None or _names_one(r, "replication_source_identifier"):
        return _replica(r, ctx, source, encrypted, key)
    return encrypted, key


def is_sourced(r: TfResource, ctx: TfContext) -> bool:
    """Whether a cluster created empty takes its storage encryption from another one: a
    global database member or a cross-Region replica (as :func:`sourced_encryption` reads
    them)."""
    if ctx.referenced(r, "global_cluster_identifier", [_GLOBALS[r.type]]) is not None:
        return True
    if _names_one(r, "global_cluster_identifier"):
        return True
    types = _REPLICA_SOURCES.get(r.type)
    return bool(types) and (
        ctx.referenced(r, "replication_source_identifier", types or []) is not None
        or _names_one(r, "replication_source_identifier")
    )


def _names_one(r: TfResource, attribute: str) -> bool:
    """Whether ``attribute`` names something: a value, or a reference to a resource (known
    only at apply time: ``aws_rds_cluster_instance.x[0].identifier``); an input variable or
    local that is not known may be null (a module's optional argument)."""
    if is_set(r.values, attribute) is True:
        return True
    return any(
        ref.attribute == attribute and not ref.target.startswith(("var.", "local."))
        for ref in r.references
    )


def _global_setting(glob: TfResource, ctx: TfContext) -> tuple[bool | None, Text]:
    """A global database's storage encryption and what says it (or why it is not known)."""
    v = glob.values
    by_date = _global_by_date(glob)
    if by_date is not None:
        return None, aurora_encryption.global_by_date(
            glob.address, "storage_encrypted", written_false=by_date
        )
    if is_set(v, "storage_encrypted") is not False:
        return flag(v, "storage_encrypted"), Text(
            en=f"{glob.address} storage_encrypted", th=f"storage_encrypted ของ {glob.address}"
        )
    if is_set(v, "source_db_cluster_identifier") is not False:
        member_types = [t for t, g in _GLOBALS.items() if g == glob.type]
        source = ctx.referenced(glob, "source_db_cluster_identifier", member_types)
        if source is None:
            named = _named(glob, "source_db_cluster_identifier") or "its source DB cluster"
            return None, Text(
                en=f"it takes the setting of its source DB cluster {named}, which is not in "
                "the scan",
                th=f"ใช้ค่าของ DB cluster ต้นทาง {named} ซึ่งไม่อยู่ในการสแกน",
            )
        return _own_encryption(source), Text(
            en=f"the setting of its source DB cluster {source.address}",
            th=f"ค่าของ DB cluster ต้นทาง {source.address}",
        )
    return False, Text(
        en=f"{glob.address} storage_encrypted not set: false",
        th=f"ไม่ได้กำหนด storage_encrypted ของ {glob.address}: false",
    )


def _new_by_default(r: TfResource, glob: TfResource) -> bool:
    """Whether the plan creates both ``r`` and its Aurora global database, which has no
    source cluster and whose ``storage_encrypted`` is not true (not set, false, or known only
    at apply): ``r`` is a new Aurora cluster, encrypted by AWS if by nothing else."""
    v = glob.values
    return (
        "create" in r.actions
        and "create" in glob.actions
        and glob.type == "aws_rds_global_cluster"
        and is_set(v, "source_db_cluster_identifier") is False
        and flag(v, "storage_encrypted") is not True
    )


def _global_by_date(glob: TfResource) -> bool | None:
    """Whether an Aurora global database (``aws_rds_global_cluster``) with no source cluster
    writes ``storage_encrypted = false`` (False: it writes none; None: it writes true, a value
    not known, or has a source), so that its clusters are encrypted by AWS only if created on
    or after 2026-02-18 (``normalize.aurora_encryption``). DocumentDB and Neptune global
    clusters keep the provider default false."""
    v = glob.values
    if glob.type != "aws_rds_global_cluster":
        return None
    if is_set(v, "source_db_cluster_identifier") is not False:
        return None
    written = is_set(v, "storage_encrypted")
    if written is False:
        return False
    return True if flag(v, "storage_encrypted") is False else None


def _global_member(
    r: TfResource, ctx: TfContext, glob: TfResource | None, own: bool | None
) -> bool | None:
    """A cluster of a global database is encrypted as the global database is; its own
    ``storage_encrypted = true`` against an unencrypted global database is not known (the
    two must agree: a global database has one setting)."""
    if glob is None:
        if own is True:
            return True
        named = _named(r, "global_cluster_identifier") or "its global database"
        return _unknown(r, ctx, Text(
            en=(
                "a cluster of a global database is encrypted as the global database is, and "
                f"{named} is not in the scan"
            ),
            th=f"คลัสเตอร์ของ global database เข้ารหัสตาม global database และ {named} "
            "ไม่อยู่ในการสแกน",
        ))
    setting, said = _global_setting(glob, ctx)
    if setting is None and own is not True and _new_by_default(r, glob):
        ctx.written_by_another(r, "encrypted_at_rest")
        ctx.note(r, "encrypted_at_rest", True, because=aurora_encryption.new_global_member(
            glob.address, _global_by_date(glob) is True
        ))
        return True
    if setting is None and own is True and _global_by_date(glob) is not None and not (
        _new_by_default(r, glob)
    ):
        # as against a global database that is not encrypted: the two must agree
        return _unknown(r, ctx, Text(
            en=(
                "it writes storage_encrypted = true but whether its global database "
                f"{glob.address} is encrypted is not known ({said.en}); a global database "
                "has one storage encryption setting"
            ),
            th=f"กำหนด storage_encrypted = true แต่ไม่ทราบว่า global database {glob.address} "
            f"เข้ารหัสหรือไม่ ({said.th}) global database มีการตั้งค่าการเข้ารหัสเพียงค่าเดียว",
        ))
    if setting is None:
        if own is True:
            return True
        return _unknown(r, ctx, Text(
            en=(
                "a cluster of a global database is encrypted as the global database "
                f"{glob.address} is, and whether it is encrypted is not known ({said.en})"
            ),
            th=f"คลัสเตอร์ของ global database เข้ารหัสตาม global database {glob.address} "
            f"และไม่ทราบว่าเข้ารหัสหรือไม่ ({said.th})",
        ))
    if own is True and setting is False:
        return _unknown(r, ctx, Text(
            en=(
                "it writes storage_encrypted = true but its global database "
                f"{glob.address} is not encrypted ({said.en}); a global database has one "
                "storage encryption setting"
            ),
            th=f"กำหนด storage_encrypted = true แต่ global database {glob.address} ไม่เข้ารหัส "
            f"({said.th}) global database มีการตั้งค่าการเข้ารหัสเพียงค่าเดียว",
        ))
    ctx.written_by_another(r, "encrypted_at_rest")
    ctx.note(r, "encrypted_at_rest", setting, because=Text(
        en=(
            f"a cluster of a global database is encrypted as the global database "
            f"{glob.address} is: {said.en}"
        ),
        th=f"คลัสเตอร์ของ global database เข้ารหัสตาม global database {glob.address}: "
        f"{said.th}",
    ))
    return setting


def _replica(
    r: TfResource,
    ctx: TfContext,
    source: TfResource | None,
    own: bool | None,
    key: bool | None,
) -> tuple[bool | None, bool | None]:
    """A cross-Region replica: encrypted when its source is (with the source's key unless
    ``kms_key_id`` names one), else as its own ``storage_encrypted`` says."""
    named = source.address if source is not None else (
        _named(r, "replication_source_identifier") or "its source"
    )
    state = None if source is None else _own_encryption(source)
    own_key = any(is_set(r.values, name) is not False for name in ("kms_key_id", "kms_key_arn"))
    if state is None:
        where = "is no DB cluster or DB instance of the scan" if source is None else (
            "is itself a replica, a restore or a global database member"
        )
        where_th = "ไม่ใช่ DB cluster หรือ DB instance ในการสแกน" if source is None else (
            "เป็น replica การกู้คืน หรือสมาชิกของ global database เช่นกัน"
        )
        if source is not None and _aurora_by_date(source):
            where = (
                f"is encrypted by AWS only if created on or after {SINCE} (its "
                "storage_encrypted is not true)"
            )
            where_th = f"เข้ารหัสโดย AWS เฉพาะเมื่อสร้างตั้งแต่ {SINCE} (storage_encrypted ไม่ใช่ true)"
        if own is not True:
            own = _unknown(r, ctx, Text(
                en=(
                    "a replica (replication_source_identifier) is encrypted when its source "
                    f"is, and its source {named} {where}"
                ),
                th=f"replica (replication_source_identifier) เข้ารหัสเมื่อต้นทางเข้ารหัส และ"
                f"ต้นทาง {named} {where_th}",
            ))
        if not own_key:
            ctx.written_by_another(r, "customer_managed_key")
            ctx.note(r, "customer_managed_key", None, unknown=Text(
                en=(
                    "a replica naming no kms_key_id uses the key of an encrypted source, and "
                    f"its source {named} {where}"
                ),
                th=f"replica ที่ไม่ระบุ kms_key_id ใช้กุญแจของต้นทางที่เข้ารหัส และต้นทาง "
                f"{named} {where_th}",
            ))
            key = None
        return own, key
    assert source is not None  # a state is read from a source of the scan
    if state is False:
        return own, key  # its own storage_encrypted (and the default key) decide
    if own is not True:
        ctx.written_by_another(r, "encrypted_at_rest")
        ctx.note(r, "encrypted_at_rest", True, because=Text(
            en=f"a replica of the encrypted DB cluster {source.address} is encrypted",
            th=f"replica ของ DB cluster {source.address} ที่เข้ารหัสจะเข้ารหัสด้วย",
        ))
    if not own_key:
        key = _source_key(source, ctx)
        ctx.written_by_another(r, "customer_managed_key")
        if key is None:
            ctx.note(r, "customer_managed_key", None, unknown=Text(
                en=(
                    "a replica naming no kms_key_id uses the key of its source, and the key "
                    f"of {source.address} is not known"
                ),
                th=f"replica ที่ไม่ระบุ kms_key_id ใช้กุญแจของต้นทาง และไม่ทราบกุญแจของ "
                f"{source.address}",
            ))
        else:
            ctx.note(r, "customer_managed_key", key, because=Text(
                en=(
                    "a replica naming no kms_key_id uses the KMS key of its source "
                    f"{source.address}"
                ),
                th=f"replica ที่ไม่ระบุ kms_key_id ใช้กุญแจ KMS ของต้นทาง {source.address}",
            ))
    return True, key


def _unknown(r: TfResource, ctx: TfContext, why: Text) -> bool | None:
    """Encryption at rest of ``r`` not known, for the reason ``why``: None."""
    ctx.written_by_another(r, "encrypted_at_rest")
    ctx.note(r, "encrypted_at_rest", None, unknown=why)
    value: bool | None = None
    return value
