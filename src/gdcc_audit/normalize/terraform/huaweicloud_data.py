"""Huawei Cloud databases and file systems the base module does not map: TaurusDB (GaussDB
for MySQL), GaussDB (openGauss), GeminiDB (GaussDB NoSQL: Redis, Cassandra, Mongo, Influx)
and SFS Turbo file systems.

Defaults are the provider's documented ones (``normalize.defaults``, pages under
registry.terraform.io/providers/huaweicloud/huaweicloud/latest/docs/resources/): automated
backups are on when ``backup_strategy.keep_days`` is not written ("If this parameter is not
transferred, the automated backup policy is enabled by default. Backup files are stored for
seven days by default"; 0 turns them off); every instance asks for a ``password``; a
database is public only through an EIP bound to it (``huaweicloud.bound_eip``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.huaweicloud import bound_eip
from gdcc_audit.normalize.terraform.values import block, flag, is_set, number, text

#: Backups kept when ``keep_days`` is not written (TaurusDB and GeminiDB pages: "Backup
#: files are stored for seven days by default"); the GaussDB page says only that backups are
#: on (``None``: the days are not known).
_SEVEN_DAYS = 7


def _backups(values: Mapping[str, Any], default_days: int | None) -> dict[str, Any]:
    """``backup_enabled`` / ``backup_retention_days`` from ``backup_strategy.keep_days``:
    on by default, off at 0."""
    strategy = block(values, "backup_strategy")
    if strategy is None:
        return {}
    days = number(strategy, "keep_days", default_days) if strategy else default_days
    written = strategy.get("keep_days") if strategy else None
    if written is UNKNOWN or (written is not None and days is None):
        return {}
    return {"backup_enabled": days is None or days > 0, "backup_retention_days": days}


def taurusdb(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_taurusdb_instance`` / ``huaweicloud_gaussdb_mysql_instance`` (TaurusDB,
    GaussDB for MySQL): SSL "Defaults to **true**" (``ssl_option``); backups; public through
    an EIP (``huaweicloud_taurusdb_eip_associate`` / ``gaussdb_mysql_eip_associate``). Data
    at rest cannot be encrypted through the resource (only its backups: ``encryption_status``
    of ``backup_strategy``), so that stays unknown."""
    v = r.values
    return "database.instance", Facets(
        encrypted_in_transit=flag(v, "ssl_option", True),
        public_endpoint=bound_eip(r, ctx),
        **_backups(v, _SEVEN_DAYS),
    )


def gaussdb(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_gaussdb_instance`` / ``huaweicloud_gaussdb_opengauss_instance``: disks
    encrypted with a KMS key only with ``disk_encryption_id`` (or transparent data encryption,
    ``kms_tde_switch``); backups on by default; public through an EIP
    (``huaweicloud_gaussdb_eip_associate``)."""
    v = r.values
    keys = [is_set(v, "disk_encryption_id"), is_set(v, "kms_tde_switch")]
    encrypted = True if True in keys else (None if None in keys else False)
    return "database.instance", Facets(
        encrypted_at_rest=encrypted,
        customer_managed_key=encrypted,
        public_endpoint=bound_eip(r, ctx),
        **_backups(v, None),
    )


def geminidb(r: TfResource, ctx: TfContext) -> Mapped:
    """GeminiDB (GaussDB NoSQL): ``huaweicloud_gaussdb_redis_instance``,
    ``_cassandra_instance``, ``_mongo_instance``, ``_influx_instance`` (``ssl``: "Defaults to
    **false**") and ``huaweicloud_geminidb_instance`` (``ssl_option`` on / off, no default
    documented: unknown when not written); backups on by default, seven days; the password
    is required ("Required"), so clients authenticate; public through an EIP
    (``huaweicloud_gaussdb_redis_eip_associate``, ``huaweicloud_geminidb_eip_bind``)."""
    v = r.values
    if r.type == "huaweicloud_geminidb_instance":
        option = text(v, "ssl_option")
        ssl = None if option is None else option.lower() == "on"
        engine = text(block(v, "datastore") or {}, "type")
        redis = None if engine is None else engine.lower() == "redis"
    else:
        ssl = flag(v, "ssl", False)
        redis = r.type == "huaweicloud_gaussdb_redis_instance"
    return "database.instance", Facets(
        encrypted_in_transit=ssl,
        # a cache-like engine asks for the required password (GDCC-DB-006); the others are
        # not caches
        auth_required=True if redis else None,
        public_endpoint=bound_eip(r, ctx),
        **_backups(v, _SEVEN_DAYS),
    )


def sfs_turbo(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_sfs_turbo``: encrypted with a KMS key only with ``crypt_key_id`` ("the ID
    of a KMS key to encrypt the file system"; none: not encrypted)."""
    key = is_set(r.values, "crypt_key_id")
    ctx.note(r, "public_access", False, because=_VPC_ONLY)
    return "storage.file_share", Facets(
        encrypted_at_rest=key, customer_managed_key=key, public_access=False
    )


#: SFS Turbo is mounted over NFS inside its VPC: the resource requires ``vpc_id``,
#: ``subnet_id`` and ``security_group_id`` and has no public access setting (provider docs,
#: sfs_turbo); who reaches it is its security group's business (the graph).
_VPC_ONLY = Text(
    en="an SFS Turbo file system is shared inside its VPC only, through its security group "
    "(it has no public access setting)",
    th="ระบบไฟล์ SFS Turbo แชร์ภายใน VPC ของตนผ่าน security group เท่านั้น (ไม่มีการตั้งค่าเข้าถึงแบบสาธารณะ)",
)


MAPPINGS: dict[str, MapFn] = {
    "huaweicloud_taurusdb_instance": taurusdb,
    "huaweicloud_gaussdb_mysql_instance": taurusdb,
    "huaweicloud_gaussdb_instance": gaussdb,
    "huaweicloud_gaussdb_opengauss_instance": gaussdb,
    "huaweicloud_gaussdb_redis_instance": geminidb,
    "huaweicloud_gaussdb_cassandra_instance": geminidb,
    "huaweicloud_gaussdb_mongo_instance": geminidb,
    "huaweicloud_gaussdb_influx_instance": geminidb,
    "huaweicloud_geminidb_instance": geminidb,
    "huaweicloud_sfs_turbo": sfs_turbo,
}
