"""Data-protection checks that need more than one facet: residency and key ownership."""

from __future__ import annotations

from typing import Any

from gdcc_audit.evaluate.checks.governance import effective_confidentiality
from gdcc_audit.evaluate.engine import effective_classification, effective_personal_data
from gdcc_audit.evaluate.rule import (
    Outcome,
    RuleContext,
    failed,
    not_applicable,
    passed,
    reads,
    unknown,
)
from gdcc_audit.models.common import Classification, Level, Text
from gdcc_audit.models.reason_words import item_th
from gdcc_audit.models.resource import Resource
from gdcc_audit.normalize.arm_types import azurerm_equivalent
from gdcc_audit.normalize.data_tls import DATA_TLS_SETTING_TYPES, no_setting_read


@reads("region")
def data_in_thailand(resource: Resource, context: RuleContext) -> Outcome:
    """Non-public or personal data sits in a region located in Thailand.

    The region is judged with ``settings.region_in_thailand(provider, region)``; the list of
    Thai regions is configurable (``--thai-region PROVIDER:REGION``). GDCC's own cloud counts
    as Thai. Data classified ``public`` and holding no personal data may sit anywhere
    (NOT_APPLICABLE). A region outside Thailand whose data class is not known is UNKNOWN.
    For ``system`` resources the system's declared provider and region are used.
    """
    provider = resource.provider
    region = resource.facets.region
    in_thailand = context.settings.region_in_thailand(provider, region)
    classification = effective_classification(resource, context.tenant, context.system)
    personal = effective_personal_data(resource, context.tenant, context.system)
    if classification == Classification.PUBLIC and personal is False:
        return not_applicable(
            Text(
                en="public data without personal data may be stored outside Thailand",
                th="ข้อมูลสาธารณะที่ไม่มีข้อมูลส่วนบุคคลจัดเก็บนอกประเทศไทยได้",
            )
        )
    if in_thailand is None:
        return unknown(
            Text(en="the region is not known", th="ไม่ทราบภูมิภาค (region) ที่จัดเก็บข้อมูล"),
            provider=provider,
            region=region,
        )
    if in_thailand:
        return passed(provider=provider, region=region)
    if classification is None and not personal:
        return unknown(
            Text(
                en=f"{provider} region {region} is outside Thailand; the data class is not known",
                th=f"ภูมิภาค {region} ของ {provider} อยู่นอกประเทศไทย และไม่ทราบชั้นข้อมูล",
            ),
            provider=provider,
            region=region,
        )
    level = Classification(classification) if classification is not None else None
    what_en = "personal data" if personal or level is None else level.data_text("en")
    what_th = "ข้อมูลส่วนบุคคล" if personal or level is None else level.data_text("th")
    return failed(
        Text(
            en=f"{what_en} is stored in {provider} region {region}, outside Thailand",
            th=f"{what_th} จัดเก็บอยู่ในภูมิภาค {region} ของ {provider} ซึ่งอยู่นอกประเทศไทย",
        ),
        provider=provider,
        region=region,
    )


@reads("encrypted_at_rest", "customer_managed_key")
def customer_managed_key_for_sensitive(resource: Resource, context: RuleContext) -> Outcome:
    """Stores of confidential or personal data are encrypted with customer-managed keys.

    Applies when the confidentiality level of the store's category (its own, else its
    system's) is at least ``medium``, **or** the store holds personal data; otherwise
    NOT_APPLICABLE. Key ownership protects confidentiality, so integrity and availability
    levels do not bring a store into scope. A store not encrypted at all FAILs too.
    A ``backup.plan`` that is a plan or policy (it states backups or retention but no
    encryption) holds no data: NOT_APPLICABLE; its vault is the store judged.
    """
    facets = resource.facets
    if (
        resource.kind == "backup.plan"
        and facets.encrypted_at_rest is None
        and facets.customer_managed_key is None
        and (facets.backup_enabled is not None or facets.backup_retention_days is not None)
    ):
        return not_applicable(
            Text(
                en="a backup plan or policy holds no data; the vault that stores backups is judged",
                th="แผนหรือนโยบายสำรองข้อมูลไม่ได้จัดเก็บข้อมูล ให้ตรวจ vault ที่เก็บข้อมูลสำรองแทน",
            )
        )
    level = effective_confidentiality(resource, context)
    personal = effective_personal_data(resource, context.tenant, context.system)
    medium = level is not None and level.rank >= Level.MEDIUM.rank
    if not medium and personal is not True:
        return not_applicable(
            Text(
                en="neither personal data nor confidentiality rated medium or high",
                th="ไม่มีข้อมูลส่วนบุคคลและระดับด้านความลับไม่ถึงระดับปานกลาง",
            )
        )
    if facets.encrypted_at_rest is False:
        return failed(
            Text(en="the store is not encrypted at rest", th="ไม่มีการเข้ารหัสข้อมูลขณะจัดเก็บ"),
            encrypted_at_rest=False,
        )
    if facets.customer_managed_key is None:
        return unknown(
            Text(
                en="whether a customer-managed key is used is not known",
                th="ไม่ทราบว่าใช้กุญแจที่หน่วยงานบริหารจัดการเองหรือไม่",
            ),
            # named so the engine adds why, when the mapper knows (Resource.unknown)
            customer_managed_key=None,
        )
    if not facets.customer_managed_key:
        return failed(
            Text(
                en="encrypted with a provider-managed key, not a customer-managed key",
                th="เข้ารหัสด้วยกุญแจของผู้ให้บริการ ไม่ใช่กุญแจที่หน่วยงานบริหารจัดการเอง",
            ),
            customer_managed_key=False,
        )
    return passed(customer_managed_key=True)


_NO_GRANTS_READ = Text(
    en="no grant that could open this database's data to everyone is read for its type (its "
    "network exposure is judged by GDCC-NET-002)",
    th="ไม่มีการอ่านสิทธิ์ที่อาจเปิดข้อมูลของฐานข้อมูลประเภทนี้ให้ทุกคนเข้าถึงได้ "
    "(การเปิดสู่เครือข่ายสาธารณะตรวจโดย GDCC-NET-002)",
)
_NO_VOLUME_GRANTS_READ = Text(
    en="no grant that could open this volume's data to everyone is read for its type (a "
    "volume's data is shared through its snapshots and images, judged on their own)",
    th="ไม่มีการอ่านสิทธิ์ที่อาจเปิดข้อมูลของ volume ประเภทนี้ให้ทุกคนเข้าถึงได้ "
    "(ข้อมูลของ volume ถูกแบ่งปันผ่าน snapshot และ image ซึ่งตรวจแยกต่างหาก)",
)
_NO_VAULT_POLICY_READ = Text(
    en="no grant that could open this backup vault or plan to everyone is read for its type "
    "(AWS Backup vault access policies are read)",
    th="ไม่มีการอ่านสิทธิ์ที่อาจเปิด backup vault หรือแผนสำรองข้อมูลประเภทนี้ให้ทุกคนเข้าถึงได้ "
    "(อ่านนโยบายการเข้าถึงของ AWS Backup vault)",
)
#: Kinds judged only where their type's grants are read (``public_grants`` is not None).
_JUDGED_BY_GRANTS = {
    "database.instance": _NO_GRANTS_READ,
    "storage.volume": _NO_VOLUME_GRANTS_READ,
    "backup.plan": _NO_VAULT_POLICY_READ,
}


@reads("public_access")
def storage_not_public(resource: Resource, context: RuleContext) -> Outcome:
    """The bucket, snapshot, share, image, disk or dataset is not readable by the public.

    Open data is meant to be public: a store whose data is classified ``public`` and holds
    no personal data is NOT_APPLICABLE. A store whose classification is not known is judged
    like any other, so an unlabelled public bucket FAILs. ``public_access`` not known is
    UNKNOWN. A database is judged only when its type's grants are read (``public_grants``
    is not ``None``: BigQuery, Bigtable, Spanner, DynamoDB tables, OpenSearch domains); for
    the others a database's ``public_access`` says whether its endpoint is open, which
    GDCC-NET-002 judges. A volume likewise (Compute Engine disks, shared by IAM), and a
    backup vault (AWS Backup vault access policies are read). The grants that make the store
    public are named in the evidence (``granted_by``).
    """
    grants = resource.facets.public_grants
    if grants is None and resource.kind in _JUDGED_BY_GRANTS:
        return not_applicable(_JUDGED_BY_GRANTS[resource.kind])
    classification = effective_classification(resource, context.tenant, context.system)
    personal = effective_personal_data(resource, context.tenant, context.system)
    if classification == Classification.PUBLIC and personal is False:
        return not_applicable(
            Text(
                en="open data: classified public and without personal data",
                th="ข้อมูลเปิด: จัดชั้นเป็นข้อมูลสาธารณะและไม่มีข้อมูลส่วนบุคคล",
            )
        )
    public = resource.facets.public_access
    named: dict[str, Any] = {"granted_by": list(grants)} if grants else {}
    if public is None:
        return unknown(
            Text(en="public access is not known", th="ไม่ทราบว่าเปิดให้สาธารณะเข้าถึงหรือไม่")
            if not grants
            else Text(
                en="public access is not known: " + "; ".join(grants),
                th="ไม่ทราบว่าเปิดให้สาธารณะเข้าถึงหรือไม่: " + "; ".join(map(item_th, grants)),
            ),
            public_access=None,
            **named,
        )
    if public:
        # an endpoint its network rules close to the internet (an Azure storage firewall
        # denying by default, public network access off): "The firewall rules remain in
        # effect and will block anonymous traffic" (learn.microsoft.com/azure/storage/common/
        # storage-network-security): anonymous reads come only from the networks it admits
        who = (
            _ADMITTED_READ if resource.facets.public_endpoint is False else _ANYONE_READS
        )
        return failed(
            who
            if not grants
            else Text(
                en=f"{who.en}: " + "; ".join(grants),
                th=f"{who.th}: " + "; ".join(map(item_th, grants)),
            ),
            public_access=True,
            data_classification=classification.value if classification else None,
            **named,
        )
    return passed(public_access=False)


_ANYONE_READS = Text(
    en="anyone on the internet can read this store",
    th="บุคคลใดบนอินเทอร์เน็ตก็อ่านข้อมูลในที่จัดเก็บนี้ได้",
)
_ADMITTED_READ = Text(
    en="anyone on the networks its network rules admit can read this store without signing "
    "in (its endpoint is closed to the rest of the internet)",
    th="บุคคลใดในเครือข่ายที่กฎเครือข่ายอนุญาตก็อ่านข้อมูลในที่จัดเก็บนี้ได้โดยไม่ต้องลงชื่อเข้าใช้ "
    "(endpoint ปิดไม่ให้ส่วนอื่นของอินเทอร์เน็ตเข้าถึง)",
)


def _version(value: str) -> tuple[int, ...]:
    return tuple(int(p) for p in value.split(".") if p.isdigit())


@reads("tls_min_version")
def data_minimum_tls(resource: Resource, context: RuleContext) -> Outcome:
    """A storage account, database or cache refuses TLS versions older than ``min_version``.

    Judged wherever the minimum TLS version is known; a type whose setting is not read
    (``normalize.data_tls``) is NOT_APPLICABLE with that reason, one whose setting is read but
    not known (a variable, a computed value) is UNKNOWN.
    """
    wanted = str(context.params.get("min_version", "1.2"))
    version = resource.facets.tls_min_version
    if version is None:
        setting_type = azurerm_equivalent(
            resource.provider_type, resource.attributes.get("type")
        ) or resource.provider_type
        if setting_type not in DATA_TLS_SETTING_TYPES:
            return not_applicable(no_setting_read(resource.provider_type))
        return unknown(
            Text(
                en="the minimum TLS version is not known from the input",
                th="ไม่ทราบ TLS เวอร์ชันขั้นต่ำจากข้อมูลนำเข้า",
            ),
            tls_min_version=None,
        )
    if _version(version) >= _version(wanted):
        return passed(tls_min_version=version)
    return failed(
        Text(
            en=f"accepts TLS {version}: the minimum must be TLS {wanted} or later",
            th=f"ยอมรับ TLS {version} ขั้นต่ำต้องเป็น TLS {wanted} ขึ้นไป",
        ),
        tls_min_version=version,
    )
