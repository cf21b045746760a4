"""``AWS::RDS::DBCluster`` whose storage encryption another resource decides: a cross-Region
read replica (``ReplicationSourceIdentifier``) and a cluster of an Aurora global database
(``GlobalClusterIdentifier``), as Terraform's ``normalize/terraform/aws_cluster_sources.py``
reads them (the AWS documents cited there). Without ``StorageEncrypted: true`` they FAILed
GDCC-ENC-001 on its default whatever decided it: now not known until the template's source
or global database (:func:`link_cluster_sources`) says. An Aurora global database writing no
``StorageEncrypted`` (or false) and no source cluster: its clusters are encrypted by AWS only
if created on or after 2026-02-18, which a template does not tell (they FAILed on the
default false): not known, saying why."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.normalize import aurora_encryption
from gdcc_audit.normalize.cloudformation.types import Mapped
from gdcc_audit.normalize.cloudformation.values import (
    NO_VALUE,
    ResourceRef,
    as_bool,
    as_str,
    is_known,
)

GLOBAL_CLUSTER = "AWS::RDS::GlobalCluster"
_SOURCE_TYPES = ("AWS::RDS::DBCluster", "AWS::RDS::DBInstance")


def _written(value: Any) -> bool:
    return not (value is None or value is NO_VALUE or value == "")


def _label(value: Any) -> str | None:
    """What a property names (a logical id or a literal), None when not known."""
    if isinstance(value, ResourceRef):
        return value.target
    return as_str(value) or None


def _where(label: str | None, prop: str) -> Text:
    """"X is not in the template", or, for a value not known, that it is not known."""
    if label is None:
        return Text(
            en=f"the one {prop} names is not known from the template",
            th=f"ไม่ทราบจาก template ว่า {prop} ระบุสิ่งใด",
        )
    return Text(en=f"{label} is not in the template", th=f"{label} ไม่อยู่ใน template")


def _global_unknown(label: str | None) -> Text:
    where = _where(label, "GlobalClusterIdentifier")
    return Text(
        en=(
            "a cluster of a global database is encrypted as the global database is, and "
            f"{where.en}"
        ),
        th=f"คลัสเตอร์ของ global database เข้ารหัสตาม global database และ {where.th}",
    )


def _replica_unknown(label: str | None) -> Text:
    where = _where(label, "ReplicationSourceIdentifier")
    return Text(
        en=(
            "a replica (ReplicationSourceIdentifier) is encrypted when its source is, and its "
            f"source: {where.en}"
        ),
        th=f"replica (ReplicationSourceIdentifier) เข้ารหัสเมื่อต้นทางเข้ารหัส และต้นทาง: {where.th}",
    )


def _key_unknown(label: str | None) -> Text:
    where = _where(label, "ReplicationSourceIdentifier")
    return Text(
        en=(
            "a replica naming no KmsKeyId uses the key of an encrypted source, and its source: "
            f"{where.en}"
        ),
        th=f"replica ที่ไม่ระบุ KmsKeyId ใช้กุญแจของต้นทางที่เข้ารหัส และต้นทาง: {where.th}",
    )


def _not_known(mapped: Mapped, facet: str, why: Text) -> None:
    mapped.facets[facet] = None
    mapped.no_default.add(facet)
    mapped.unknown[facet] = why


def mark_cluster_sources(mapped: Mapped, props: Mapping[str, Any]) -> None:
    """A cluster created empty that joins a global database, or replicates another cluster,
    without ``StorageEncrypted: true``: its encryption (and a replica's key without
    ``KmsKeyId``) not known before the template is linked."""
    own = as_bool(props.get("StorageEncrypted"))
    glob = props.get("GlobalClusterIdentifier")
    if _written(glob):
        if own is not True:
            _not_known(mapped, "encrypted_at_rest", _global_unknown(_label(glob)))
        return
    source = props.get("ReplicationSourceIdentifier")
    if not _written(source):
        return
    if own is not True:
        _not_known(mapped, "encrypted_at_rest", _replica_unknown(_label(source)))
    if not _written(props.get("KmsKeyId")):
        _not_known(mapped, "customer_managed_key", _key_unknown(_label(source)))


def _encryption_of(item: Any) -> bool | None:
    """An item's encryption at rest as mapped, None when not known."""
    if "encrypted_at_rest" in item.mapped.unknown:
        return None
    value = item.mapped.facets.get("encrypted_at_rest")
    return value if isinstance(value, bool) else None


def _global_by_date(props: Mapping[str, Any]) -> bool | None:
    """Whether an ``AWS::RDS::GlobalCluster`` (Aurora only) with no
    ``SourceDBClusterIdentifier`` writes ``StorageEncrypted: false`` (False: it writes none;
    None: true, a value not known, or a source): its clusters are then encrypted by AWS only
    if created on or after 2026-02-18 (``normalize.aurora_encryption``; CreateGlobalCluster
    documents no default). A template does not say when they were created."""
    if _written(props.get("SourceDBClusterIdentifier")):
        return None
    stored = props.get("StorageEncrypted")
    if not _written(stored):
        return False
    return True if is_known(stored) and as_bool(stored) is False else None


def _global_setting(
    logical_id: str, props: Mapping[str, Any], by_id: Mapping[str, Any]
) -> tuple[bool | None, Text]:
    """A global database's storage encryption, and what says it."""
    by_date = _global_by_date(props)
    if by_date is not None:
        return None, aurora_encryption.global_by_date(
            logical_id, "StorageEncrypted", written_false=by_date
        )
    if _written(props.get("StorageEncrypted")):
        return as_bool(props.get("StorageEncrypted")), Text(
            en=f"{logical_id} StorageEncrypted", th=f"StorageEncrypted ของ {logical_id}"
        )
    source = props.get("SourceDBClusterIdentifier")
    if _written(source):
        item = by_id.get(source.target) if isinstance(source, ResourceRef) else None
        if item is None or item.provider_type != "AWS::RDS::DBCluster":
            where = _where(_label(source), "SourceDBClusterIdentifier")
            return None, Text(
                en=f"it takes the setting of its source DB cluster: {where.en}",
                th=f"ใช้ค่าของ DB cluster ต้นทาง: {where.th}",
            )
        return _encryption_of(item), Text(
            en=f"the setting of its source DB cluster {item.logical_id}",
            th=f"ค่าของ DB cluster ต้นทาง {item.logical_id}",
        )
    return False, Text(
        en=f"{logical_id} StorageEncrypted not set: false",
        th=f"ไม่ได้กำหนด StorageEncrypted ของ {logical_id}: false",
    )


def _decide(item: Any, facet: str, value: bool, because: Text) -> None:
    item.mapped.facets[facet] = value
    item.mapped.unknown.pop(facet, None)
    item.mapped.no_default.discard(facet)
    item.mapped.written.add(facet)
    item.mapped.because[facet] = because


def link_cluster_sources(
    items: list[Any], globals_: Mapping[str, tuple[str, dict[str, Any]]]
) -> None:
    """Give each cluster of a global database of the template (``!Ref``) the global
    database's encryption, and each replica of a cluster or instance of the template its
    source's (with the source's key when it names no ``KmsKeyId``)."""
    by_id = {item.logical_id: item for item in items}
    for item in items:
        if item.provider_type != "AWS::RDS::DBCluster":
            continue
        glob = item.props.get("GlobalClusterIdentifier")
        if isinstance(glob, ResourceRef):
            if glob.target in globals_:
                _global_member(item, glob.target, globals_[glob.target][1], by_id)
            continue
        if _written(glob):
            continue
        source = item.props.get("ReplicationSourceIdentifier")
        found = by_id.get(source.target) if isinstance(source, ResourceRef) else None
        if found is not None and found.provider_type in _SOURCE_TYPES:
            _replica(item, found)


def _global_member(
    item: Any, logical_id: str, props: Mapping[str, Any], by_id: Mapping[str, Any]
) -> None:
    setting, said = _global_setting(logical_id, props, by_id)
    own = as_bool(item.props.get("StorageEncrypted")) is True
    if setting is None and own and _global_by_date(props) is not None:
        # as against a global database that is not encrypted: the two must agree
        _not_known(item.mapped, "encrypted_at_rest", Text(
            en=(
                "it writes StorageEncrypted: true but whether its global database "
                f"{logical_id} is encrypted is not known ({said.en}); a global database has "
                "one storage encryption setting"
            ),
            th=f"กำหนด StorageEncrypted: true แต่ไม่ทราบว่า global database {logical_id} "
            f"เข้ารหัสหรือไม่ ({said.th}) global database มีการตั้งค่าการเข้ารหัสเพียงค่าเดียว",
        ))
        return
    if setting is None:
        if not own:
            item.mapped.unknown["encrypted_at_rest"] = Text(
                en=(
                    "a cluster of a global database is encrypted as the global database "
                    f"{logical_id} is, and whether it is encrypted is not known ({said.en})"
                ),
                th=f"คลัสเตอร์ของ global database เข้ารหัสตาม global database {logical_id} "
                f"และไม่ทราบว่าเข้ารหัสหรือไม่ ({said.th})",
            )
        return
    if own and setting is False:
        _not_known(item.mapped, "encrypted_at_rest", Text(
            en=(
                f"it writes StorageEncrypted: true but its global database {logical_id} is "
                f"not encrypted ({said.en}); a global database has one storage encryption "
                "setting"
            ),
            th=f"กำหนด StorageEncrypted: true แต่ global database {logical_id} ไม่เข้ารหัส "
            f"({said.th}) global database มีการตั้งค่าการเข้ารหัสเพียงค่าเดียว",
        ))
        return
    _decide(item, "encrypted_at_rest", setting, Text(
        en=(
            f"a cluster of a global database is encrypted as the global database "
            f"{logical_id} is: {said.en}"
        ),
        th=f"คลัสเตอร์ของ global database เข้ารหัสตาม global database {logical_id}: {said.th}",
    ))


def _replica(item: Any, source: Any) -> None:
    state = _encryption_of(source)
    label = source.logical_id
    if state is None:
        why = Text(
            en=(
                "a replica (ReplicationSourceIdentifier) is encrypted when its source is, and "
                f"whether {label} is encrypted is not known"
            ),
            th=f"replica (ReplicationSourceIdentifier) เข้ารหัสเมื่อต้นทางเข้ารหัส และไม่ทราบว่า "
            f"{label} เข้ารหัสหรือไม่",
        )
        if "encrypted_at_rest" in item.mapped.unknown:
            item.mapped.unknown["encrypted_at_rest"] = why
        return
    own_key = "customer_managed_key" not in item.mapped.unknown
    if state is False:
        # its own StorageEncrypted (not written: false) and the default key decide
        if "encrypted_at_rest" in item.mapped.unknown:
            _decide(item, "encrypted_at_rest", False, Text(
                en=f"its source {label} is not encrypted and StorageEncrypted is not true",
                th=f"ต้นทาง {label} ไม่เข้ารหัส และ StorageEncrypted ไม่ใช่ true",
            ))
        if not own_key:
            _decide(item, "customer_managed_key", False, Text(
                en=f"its source {label} is not encrypted: the default KMS key",
                th=f"ต้นทาง {label} ไม่เข้ารหัส: ใช้กุญแจ KMS ค่าเริ่มต้น",
            ))
        return
    if "encrypted_at_rest" in item.mapped.unknown:
        _decide(item, "encrypted_at_rest", True, Text(
            en=f"a replica of the encrypted {source.provider_type.split('::')[-1]} {label} is "
            "encrypted",
            th=f"replica ของ {label} ที่เข้ารหัสจะเข้ารหัสด้วย",
        ))
    if not own_key:
        key = source.mapped.facets.get("customer_managed_key")
        if "customer_managed_key" in source.mapped.unknown or not isinstance(key, bool):
            item.mapped.unknown["customer_managed_key"] = Text(
                en=(
                    "a replica naming no KmsKeyId uses the key of its source, and the key of "
                    f"{label} is not known"
                ),
                th=f"replica ที่ไม่ระบุ KmsKeyId ใช้กุญแจของต้นทาง และไม่ทราบกุญแจของ {label}",
            )
            return
        _decide(item, "customer_managed_key", key, Text(
            en=f"a replica naming no KmsKeyId uses the KMS key of its source {label}",
            th=f"replica ที่ไม่ระบุ KmsKeyId ใช้กุญแจ KMS ของต้นทาง {label}",
        ))
