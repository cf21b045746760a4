"""Amazon Aurora's encryption at rest by default (Terraform ``aws_rds_cluster``,
CloudFormation ``AWS::RDS::DBCluster`` with an Aurora engine).

"All new database clusters created on or after February 18, 2026, in Amazon Aurora are
encrypted at rest ... When creating a new database cluster, Amazon Aurora uses Server-Side
Encryption (SSE) with an AWS-owned key by default" (Aurora User Guide, "Encrypting Amazon
Aurora resources", ``AURORA_ENCRYPTION``). The AWS Database Blog (``AURORA_DEFAULT_BLOG``):
before, "if you created a cluster without specifying the --storage-encrypted parameter or by
specifying --no-storage-encrypted parameter, your database was unencrypted. Now, all new
Aurora clusters will have encryption enabled by default using AWS owned keys, so that
customer data in all new databases is always encrypted": ``storage_encrypted = false`` no
longer leaves a new cluster unencrypted, and an absent one no longer means false.

A cluster created before that date keeps what it was created with, and a configuration does
not say when its cluster was created: only a Terraform plan that creates the cluster (action
``create``) knows it is new. Elsewhere (HCL, CloudFormation, a plan or state of a cluster
that exists) encryption at rest is not known unless ``storage_encrypted`` is true.

A cluster of an Aurora global database whose global database writes no ``storage_encrypted``
(or false) and has no source cluster is such a new cluster too: CreateGlobalCluster's
StorageEncrypted has no documented default, and the global database's clusters are created by
CreateDBCluster like any other (:func:`global_by_date`).

Not changed, as no AWS page says they changed: RDS DB instances ("By default, it isn't
encrypted", CreateDBInstance StorageEncrypted), Multi-AZ DB clusters (engine mysql /
postgres), DocumentDB and Neptune clusters. Aurora Serverless v1 storage was always encrypted.
"""

from __future__ import annotations

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet

AURORA_ENCRYPTION = (
    "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html"
)
AURORA_DEFAULT_BLOG = (
    "https://aws.amazon.com/blogs/database/"
    "use-default-encryption-at-rest-for-new-amazon-aurora-clusters/"
)
#: The first day every new Aurora cluster is encrypted.
SINCE = "2026-02-18"
#: The label of a cluster a plan creates without ``storage_encrypted``: encrypted by AWS.
AURORA_NEW_CLUSTER_DEFAULT = DefaultedFacet(
    attribute="storage_encrypted",
    doc=AURORA_ENCRYPTION,
)


def is_aurora(engine: str | None) -> bool:
    """Whether a written engine is an Aurora one (``aurora``, ``aurora-mysql``,
    ``aurora-postgresql``)."""
    return engine is not None and engine.startswith("aurora")


def new_cluster(attribute: str, written_false: bool) -> Text:
    """Why a cluster the plan creates is encrypted (an AWS owned key)."""
    off = (
        f" ({attribute} = false no longer turns it off)" if written_false else ""
    )
    off_th = f" ({attribute} = false ไม่ได้ปิดการเข้ารหัสอีกต่อไป)" if written_false else ""
    return Text(
        en=(
            "the plan creates this Aurora cluster: AWS encrypts every new Aurora cluster at "
            f"rest with an AWS owned key (clusters created on or after {SINCE}, "
            f"{AURORA_ENCRYPTION}){off}"
        ),
        th=(
            "แผนนี้สร้าง Aurora cluster ใหม่: AWS เข้ารหัสข้อมูลขณะจัดเก็บของ Aurora cluster ใหม่ทุกตัว"
            f"ด้วยกุญแจที่ AWS เป็นเจ้าของ (cluster ที่สร้างตั้งแต่ {SINCE}, "
            f"{AURORA_ENCRYPTION}){off_th}"
        ),
    )


def creation_not_known(attribute: str, written_false: bool, engine_known: bool = True) -> Text:
    """Why an Aurora cluster's encryption at rest is not known from its configuration:
    it depends on when the cluster was created. ``engine_known`` False: the engine is not
    known either (a Multi-AZ DB cluster is not encrypted by default)."""
    sep = ": " if attribute[:1].isupper() else " = "  # CloudFormation: StorageEncrypted
    said = f"{attribute}{sep}false" if written_false else f"{attribute} is not set"
    said_th = f"{attribute}{sep}false" if written_false else f"ไม่ได้กำหนด {attribute}"
    before = "one created before is not" if engine_known else (
        "a Multi-AZ DB cluster or one created before is not"
    )
    before_th = "cluster ที่สร้างก่อนหน้านั้นไม่ได้เข้ารหัส" if engine_known else (
        "Multi-AZ DB cluster หรือ cluster ที่สร้างก่อนหน้านั้นไม่ได้เข้ารหัส"
    )
    engine = "" if engine_known else "the engine is not known, and "
    engine_th = "" if engine_known else "ไม่ทราบ engine และ"
    return Text(
        en=(
            f"{said}; {engine}an Aurora cluster is encrypted by AWS if created on or after "
            f"{SINCE} (AWS-owned key), {before}: write {attribute}{sep}true to make it "
            f"certain ({AURORA_ENCRYPTION})"
        ),
        th=(
            f"{said_th} {engine_th}AWS เข้ารหัส Aurora cluster ให้หากสร้างตั้งแต่ {SINCE} "
            f"(กุญแจที่ AWS เป็นเจ้าของ) {before_th}: กำหนด {attribute}{sep}true เพื่อให้แน่นอน "
            f"({AURORA_ENCRYPTION})"
        ),
    )


def global_by_date(label: str, attribute: str, written_false: bool) -> Text:
    """Why a cluster of the Aurora global database ``label`` is encrypted only if created on
    or after :data:`SINCE`: the global database writes no ``attribute`` (or false) and has
    no source cluster."""
    sep = ": " if attribute[:1].isupper() else " = "  # CloudFormation: StorageEncrypted
    said = f"{label} {attribute}{sep}false" if written_false else (
        f"{label} {attribute} is not set"
    )
    said_th = f"{attribute}{sep}false ของ {label}" if written_false else (
        f"ไม่ได้กำหนด {attribute} ของ {label}"
    )
    return Text(
        en=(
            f"{said}: its Aurora clusters are encrypted by AWS if created on or after {SINCE} "
            f"(AWS-owned key), not if created before; write {attribute}{sep}true on {label} "
            f"to make it certain ({AURORA_ENCRYPTION})"
        ),
        th=(
            f"{said_th}: AWS เข้ารหัส Aurora cluster ของ global database นี้ให้หากสร้างตั้งแต่ "
            f"{SINCE} (กุญแจที่ AWS เป็นเจ้าของ) cluster ที่สร้างก่อนหน้านั้นไม่ได้เข้ารหัส: กำหนด "
            f"{attribute}{sep}true ที่ {label} เพื่อให้แน่นอน ({AURORA_ENCRYPTION})"
        ),
    )


def new_global_member(label: str, written_false: bool) -> Text:
    """Why a cluster the plan creates, with the global database ``label`` it joins, is
    encrypted (an AWS owned key)."""
    off = f" ({label} storage_encrypted = false no longer turns it off)" if written_false else ""
    off_th = (
        f" (storage_encrypted = false ของ {label} ไม่ได้ปิดการเข้ารหัสอีกต่อไป)"
        if written_false else ""
    )
    return Text(
        en=(
            f"the plan creates this Aurora cluster and its global database {label}: AWS "
            "encrypts every new Aurora cluster at rest with an AWS owned key (clusters "
            f"created on or after {SINCE}, {AURORA_ENCRYPTION}){off}"
        ),
        th=(
            f"แผนนี้สร้าง Aurora cluster นี้และ global database {label} ใหม่: AWS "
            "เข้ารหัสข้อมูลขณะจัดเก็บของ Aurora cluster ใหม่ทุกตัวด้วยกุญแจที่ AWS เป็นเจ้าของ "
            f"(cluster ที่สร้างตั้งแต่ {SINCE}, {AURORA_ENCRYPTION}){off_th}"
        ),
    )
