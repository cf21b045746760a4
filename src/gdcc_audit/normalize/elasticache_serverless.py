"""ElastiCache Serverless caches (Terraform ``aws_elasticache_serverless_cache``,
CloudFormation ``AWS::ElastiCache::ServerlessCache``): what the service fixes whatever the
configuration says. They were not read at all (no finding on a cache holding data).

- Encryption at rest: "Serverless caches are always encrypted at rest. The value is
  sse-elasticache if an ElastiCache service-managed key is used, or sse-kms if a
  customer-managed KMS key is used" (ElastiCache API reference, ServerlessCache
  StorageEncryptionType): the customer's key only with ``kms_key_id`` / ``KmsKeyId``.
- Encryption in transit: "All serverless caches have in-transit encryption enabled"
  (ElastiCache user guide, in-transit-encryption.html).
- Client authentication: "RBAC is also the only way to control access to serverless caches"
  (ElastiCache user guide, Clusters.RBAC.html): without a user group (``user_group_id`` /
  ``UserGroupId``, Valkey and Redis OSS only) clients connect without authenticating; with
  one, a client that does not sign in is the group's default user
  (``normalize/terraform/elasticache_groups.py``); IAM sign-in needs a user group holding an
  IAM user (``normalize.defaults.ELASTICACHE_IAM_AUTH``).
- Patching: "ElastiCache Serverless automatically applies the latest minor and patch software
  version to your cache ... No action is required on your end" (VersionManagement.html).
- Network: a serverless cache has endpoints in the subnets of its VPC only (``subnet_ids``,
  ``security_group_ids``), as every ElastiCache cache ("designed to be accessed from within an
  Amazon VPC"): no public endpoint.
- Automatic snapshots: CreateServerlessCache states no default for SnapshotRetentionLimit;
  a cache that does not write it is not known.
"""

from __future__ import annotations

from gdcc_audit.models.common import Text

API = "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ServerlessCache.html"
TRANSIT = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html"
RBAC = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html"
VERSIONS = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/VersionManagement.html"

AT_REST = Text(
    en=f"serverless caches are always encrypted at rest ({API}, StorageEncryptionType)",
    th=f"แคชแบบ serverless เข้ารหัสข้อมูลขณะจัดเก็บเสมอ ({API}, StorageEncryptionType)",
)
IN_TRANSIT = Text(
    en=f"all serverless caches have in-transit encryption enabled ({TRANSIT})",
    th=f"แคชแบบ serverless ทุกตัวเปิดการเข้ารหัสระหว่างรับส่งเสมอ ({TRANSIT})",
)
PATCHED = Text(
    en=(
        "ElastiCache Serverless automatically applies the latest minor and patch software "
        f"version ({VERSIONS})"
    ),
    th=f"ElastiCache Serverless ติดตั้งเวอร์ชันย่อยและแพตช์ล่าสุดให้อัตโนมัติ ({VERSIONS})",
)
PRIVATE = Text(
    en="a serverless cache has endpoints in the subnets of its VPC only",
    th="แคชแบบ serverless มี endpoint เฉพาะใน subnet ของ VPC ของตนเท่านั้น",
)


def no_user_group(attribute: str) -> Text:
    """Why clients of a serverless cache without a user group do not authenticate."""
    return Text(
        en=(
            f"{attribute} is not set, and a user group (RBAC) is the only way to control "
            f"access to a serverless cache ({RBAC})"
        ),
        th=(
            f"ไม่ได้กำหนด {attribute} และ user group (RBAC) เป็นวิธีเดียวในการควบคุมการเข้าถึง"
            f"แคชแบบ serverless ({RBAC})"
        ),
    )


def default_user_not_read(attribute: str) -> Text:
    """Why it is not known whether clients of a cache with a user group authenticate (the
    group, or its default user, is not in the input): one that does not sign in is the
    group's default user."""
    return Text(
        en=(
            f"a client that does not sign in is the default user of the user group "
            f"{attribute} names, which is not in the input; ElastiCache's own (user ID "
            f"default) takes no password ({RBAC})"
        ),
        th=(
            f"ไคลเอนต์ที่ไม่ลงชื่อเข้าใช้คือผู้ใช้ default ของ user group ที่ {attribute} ระบุ "
            f"ซึ่งไม่อยู่ในข้อมูลนำเข้า และผู้ใช้ default ของ ElastiCache เองไม่ต้องใช้รหัสผ่าน ({RBAC})"
        ),
    )


def group_not_known(attribute: str) -> Text:
    """Why it is not known whether clients of a serverless cache authenticate."""
    return Text(
        en=(
            f"{attribute} is a value not known from the input, and without a user group "
            "clients connect without authenticating"
        ),
        th=(
            f"{attribute} เป็นค่าที่ไม่ทราบจากข้อมูลนำเข้า และหากไม่มี user group "
            "ไคลเอนต์เชื่อมต่อได้โดยไม่ต้องยืนยันตัวตน"
        ),
    )


def snapshots_not_known(attribute: str) -> Text:
    """Why a serverless cache's automatic snapshots are not known."""
    return Text(
        en=(
            f"{attribute} is not set and CreateServerlessCache states no default for "
            "SnapshotRetentionLimit"
        ),
        th=(
            f"ไม่ได้กำหนด {attribute} และ CreateServerlessCache ไม่ได้ระบุค่าเริ่มต้นของ "
            "SnapshotRetentionLimit"
        ),
    )
