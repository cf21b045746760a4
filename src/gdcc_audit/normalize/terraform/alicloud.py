"""Alibaba Cloud (alicloud): OSS buckets and their ACL resources, ApsaraDB RDS instances,
ActionTrail trails, ECS security groups and their rules, ECS disks, KMS keys, the RAM
account password policy, ApsaraDB for MongoDB instances.

Defaults are the provider's documented ones (registry.terraform.io/providers/aliyun/alicloud):
an OSS bucket's ``acl`` is ``private``, with no ``server_side_encryption_rule``, ``versioning``
or ``logging`` block none of them is on, and without a bucket policy plain HTTP is served;
an RDS instance's ``security_ips`` is ``["127.0.0.1"]``, ``tde_status`` and ``ssl_action`` are
off; a trail records every region
(``trail_region = "All"``) and is on (``status = "Enable"``).

ECS security group rules (resources/security_group_rule): ``policy`` defaults to ``accept``;
``cidr_ip`` "The default value is 0.0.0.0/0 (which means no restriction will be applied)";
``port_range`` is ``from/to`` (``-1/-1``, the default, for every port of ``all``, ``icmp`` and
``gre``). A ``drop`` rule is not read as a deny that could shadow an ``accept`` of lower
priority: such a rule is still reported (never a PASS for a port an accept opens).
A disk is unencrypted unless ``encrypted = true`` (resources/disk, default false); encrypted
without ``kms_key_id`` it uses the service key of ECS, not one of the tenant's. A KMS key's
``automatic_rotation`` defaults to ``Disabled`` and its ``status`` to ``Enabled``
(resources/kms_key). The RAM password policy's ``minimum_password_length`` defaults to 12
(resources/ram_account_password_policy).
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models import cidr
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import (
    ALICLOUD_GROUP_PORTS,
    ALICLOUD_IPV4_GATEWAY,
    ALICLOUD_IPV4_GATEWAY_ACTIVE,
    ALICLOUD_LISTENER_ADMITS,
    ALICLOUD_LISTENER_GROUP_NOT_KNOWN,
    ALICLOUD_SCALING_BALANCERS,
    ALICLOUD_SCALING_GROUPS,
    ALICLOUD_SERVER_PORTS,
    REFERENCES_MAYBE,
    DefaultedFacet,
    Facets,
    IngressRule,
    Reference,
)
from gdcc_audit.normalize.group_lists import GROUPS_NOT_IN_SCAN
from gdcc_audit.normalize.launch_templates import from_template
from gdcc_audit.normalize.terraform import (
    alicloud_ack,
    alicloud_balancers,
    alicloud_dnat,
    alicloud_kvstore,
)
from gdcc_audit.normalize.terraform.alicloud_templates import (
    LAUNCH_TEMPLATE_DOC,
    LAUNCH_TEMPLATE_TYPES,
    LAUNCHED_TYPES,
    group_version_unread,
    instance_template,
    template_unknown,
    version_taken,
)
from gdcc_audit.normalize.terraform.common import (
    group_sources,
    minimum_tls,
    port,
    protocol,
    rule,
    sources,
)
from gdcc_audit.normalize.terraform.context import (
    CompanionFn,
    Contribution,
    MapFn,
    Mapped,
    TfContext,
)
from gdcc_audit.normalize.terraform.policy import (
    grants_public_plainly,
    policy_value,
    refuses_plain_http,
)
from gdcc_audit.normalize.terraform.public_address import no_association
from gdcc_audit.normalize.terraform.values import (
    block,
    blocks,
    flag,
    is_set,
    is_written,
    number,
    string_list,
    text,
)

_PUBLIC_ACLS = frozenset({"public-read", "public-read-write"})
#: Listening port of each RDS engine (the whitelist admits clients to it).
_ENGINE_PORTS = {
    "mysql": 3306,
    "mariadb": 3306,
    "postgresql": 5432,
    "sqlserver": 1433,
    "ppas": 5432,
}


def oss_policy_public(policy: Any) -> bool | None:
    """Whether an OSS bucket policy (the bucket's ``policy`` or an
    ``alicloud_oss_bucket_policy``) lets anyone in: a statement allowing ``Principal: ["*"]``
    ("authorize anonymous users", Alibaba Cloud OSS, Bucket policy); with a ``Condition``
    (Alibaba's own keys: ``acs:SourceIp``, ``acs:SourceVpc``) not known
    (``policy.grants_public_plainly``)."""
    return grants_public_plainly(policy)


def oss_bucket(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_oss_bucket``: canned ACL and bucket policy (``policy``: :func:`oss_policy_public`;
    it was not read, a bucket its policy opens to anyone PASSed GDCC-DATA-001),
    server-side encryption (KMS with a key of the tenant's, or AES256), versioning, access
    logging."""
    v = r.values
    acl = text(v, "acl", "private")
    policy = policy_value(r)
    grants = [None if acl is None else acl in _PUBLIC_ACLS,
              None if policy is UNKNOWN else oss_policy_public(policy)]
    sse = block(v, "server_side_encryption_rule")
    algorithm = None if sse is None else text(sse, "sse_algorithm") if sse else ""
    versioning = block(v, "versioning")
    status = None if versioning is None else text(versioning, "status", "") if versioning else ""
    return "storage.bucket", Facets(
        public_access=True if True in grants else (None if None in grants else False),
        encrypted_at_rest=None if algorithm is None else algorithm != "",
        customer_managed_key=None
        if algorithm is None or sse is None
        # (a key not known is not "no key": ``is True`` read it False, a wrong FAIL)
        else algorithm == "KMS" and is_set(sse, "kms_master_key_id"),
        versioning=None if status is None else status == "Enabled",
        access_logging=is_set(v, "logging"),
        # OSS serves HTTP and HTTPS alike unless a bucket policy denies acs:SecureTransport
        # false (OSS_HTTPS_DOC) to everyone, for every action, on the bucket and its objects
        encrypted_in_transit=refuses_plain_http(policy, v.get("bucket")),
        region=text(v, "region"),
    )


def _public_acl(values: Any) -> bool | None:
    acl = text(values, "acl", "private")
    return None if acl is None else acl in _PUBLIC_ACLS


def oss_bucket_acl(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``alicloud_oss_bucket_acl``: the bucket's canned ACL, set by a resource of its own (the
    bucket's ``acl`` argument is deprecated for it). A public ACL here makes the bucket public
    whatever the bucket block says."""
    target = ctx.referenced(r, "bucket", ["alicloud_oss_bucket"])
    if target is None:
        return []
    public = _public_acl(r.values)

    def merge(f: Facets) -> dict[str, Any]:
        current = f.public_access
        if current is True or public is True:
            return {"public_access": True}
        if current is None or public is None:
            return {"public_access": None}
        return {"public_access": False}

    return [Contribution(target.address, r.address, merge=merge)]


def oss_bucket_policy(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``alicloud_oss_bucket_policy`` (resources/oss_bucket_policy, "Authorization policy of a
    bucket"): a policy letting anyone in makes the bucket public (:func:`oss_policy_public`);
    whether it refuses plain HTTP (``policy.refuses_plain_http``) is the bucket's: it is
    written after the bucket (it names it), over the bucket's own ``policy``."""
    target = ctx.referenced(r, "bucket", ["alicloud_oss_bucket"])
    if target is None:
        return []
    policy = policy_value(r)
    public = None if policy is UNKNOWN else oss_policy_public(policy)
    refuses = refuses_plain_http(policy, target.values.get("bucket"))

    def merge(f: Facets) -> dict[str, Any]:
        found: dict[str, Any] = {"encrypted_in_transit": refuses}
        if f.public_access is not True and public is not False:
            found["public_access"] = public
        return found

    return [Contribution(target.address, r.address, merge=merge)]


#: Alibaba Cloud Config, oss-bucket-only-https-enabled: a bucket is compliant when its policy
#: denies access over HTTP; "If the bucket policy of an OSS bucket does not deny access over
#: HTTP, the evaluation result is also Incompliant".
OSS_HTTPS_DOC = "https://www.alibabacloud.com/help/en/cloud-config/latest/oss-bucket-only-https-enabled"


def _whitelist(value: Any, groups: Any) -> tuple[str, ...] | None:
    """The whitelist as CIDRs and the ECS security groups named (``alicloud_kvstore.admitted``):
    the default whitelist, 127.0.0.1, admits no client ("no devices can access the
    instance"); the groups' instances may connect too."""
    return alicloud_kvstore.admitted(value, groups)


#: ApsaraDB RDS gives an instance internal endpoints only; an Internet endpoint is allocated
#: on request ("Apply for or release a public endpoint"), in Terraform by an
#: ``alicloud_db_connection`` ("Provides an RDS connection resource to allocate an Internet
#: connection string for RDS instance", resources/db_connection).
DB_CONNECTIONS = ("alicloud_db_connection",)
DB_CONNECTION_DOC = (
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/db_connection"
)
#: "Each DB instance has a backup policy" (resources/db_backup_policy): backups are on, and
#: ``backup_retention_period`` "Valid values: [7-730]. Default to 7" (``retention_period``
#: before 1.69.0); a policy cannot turn data backups off.
DB_BACKUP_POLICIES = ("alicloud_db_backup_policy",)
DB_BACKUP_POLICY_DOC = (
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/"
    "db_backup_policy"
)


def _db_public(r: TfResource, ctx: TfContext) -> bool | None:
    """An RDS instance is public when an ``alicloud_db_connection`` of the root allocates it an
    Internet connection string; with none that may in a wholly scanned root, it has internal
    endpoints only."""
    certain, maybe = ctx.naming(ctx.related(DB_CONNECTIONS), "instance_id", [r.type], r)
    if certain:
        named = ", ".join(c.address for c in certain)
        ctx.note(r, "public_endpoint", True, because=Text(
            en=f"{named} allocates it an Internet connection string ({DB_CONNECTION_DOC})",
            th=f"{named} จัดสรร connection string สำหรับอินเทอร์เน็ตให้ ({DB_CONNECTION_DOC})",
        ))
        return True
    return no_association(r, ctx, [m.address for m in maybe], "Internet connection string")


def _db_backups(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``backup_enabled`` / ``backup_retention_days`` from the ``alicloud_db_backup_policy``
    naming the instance, else the instance's default policy (on, seven days); not known when
    a policy may name it or its retention is not known."""
    certain, maybe = ctx.naming(ctx.related(DB_BACKUP_POLICIES), "instance_id", [r.type], r)
    if maybe or len(certain) > 1:
        return {}
    if not certain:
        default = DefaultedFacet(attribute="alicloud_db_backup_policy", doc=DB_BACKUP_POLICY_DOC)
        ctx.note(r, "backup_enabled", True, default)
        ctx.note(r, "backup_retention_days", 7, default)
        return {"backup_enabled": True, "backup_retention_days": 7}
    values = certain[0].values
    name = "backup_retention_period" if "backup_retention_period" in values else "retention_period"
    days = number(values, name, 7)
    return {"backup_enabled": True, "backup_retention_days": days}


def _disk_key(value: Any) -> bool | None:
    """Whether ``encryption_key`` encrypts the instance's cloud disks: "The key id of the KMS.
    Used for encrypting a disk if not null" (resources/db_instance; PostgreSQL also takes
    ``ServiceKey`` and ``disabled``); None when not known."""
    if value is UNKNOWN:
        return None
    if value in (None, ""):
        return False
    return str(value).strip().lower() != "disabled"


def db_instance(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_db_instance``: IP whitelist, TDE or cloud disk encryption
    (``encryption_key``), SSL; public through an ``alicloud_db_connection``; backups by its
    backup policy."""
    v = r.values
    engine = (text(v, "engine") or "").lower()
    listening = _ENGINE_PORTS.get(engine)
    allowed = _whitelist(v.get("security_ips"), v.get("security_group_ids"))
    ingress = (
        None
        if allowed is None
        else (
            IngressRule(
                protocol="tcp" if listening else "all",
                from_port=listening or 0,
                to_port=listening or 65535,
                sources=allowed,
            ),
        )
    )
    tde = text(v, "tde_status", "Disabled")
    at_rest = None if tde is None else tde.lower() == "enabled"
    disk = _disk_key(v.get("encryption_key"))
    if disk is True or (at_rest is False and disk is None):
        at_rest = disk
    ssl = text(v, "ssl_action", "Close")
    # auto_upgrade_minor_version: Auto or Manual. Absent, the provider computes it, and its
    # documentation has said "Default to Manual" (1.62) and given no default since: the
    # value is not known (registry.terraform.io/providers/aliyun/alicloud/latest/docs/
    # resources/db_instance#auto_upgrade_minor_version).
    upgrade = text(v, "auto_upgrade_minor_version")
    if upgrade is None:
        ctx.note(r, "auto_patching", None, unknown=_UPGRADE_NOT_KNOWN if v.get(
            "auto_upgrade_minor_version") is None else _UPGRADE_INPUT)
    return "database.instance", Facets(
        ingress=ingress,
        encrypted_at_rest=at_rest,
        encrypted_in_transit=None if ssl is None else ssl.lower() in {"open", "update"},
        auto_patching=None if upgrade is None else upgrade.lower() == "auto",
        region=text(v, "region"),
        public_endpoint=_db_public(r, ctx),
        **_db_backups(r, ctx),
    )


#: Why an ApsaraDB RDS instance's minor-version upgrades are not known (``db_instance`` above).
_UPGRADE_NOT_KNOWN = Text(
    en="auto_upgrade_minor_version is not written, and the provider computes it with no "
    "documented default (registry.terraform.io/providers/aliyun/alicloud/latest/docs/"
    "resources/db_instance#auto_upgrade_minor_version)",
    th="ไม่ได้กำหนด auto_upgrade_minor_version และ provider คำนวณค่าเองโดยไม่มีค่าเริ่มต้นที่ระบุไว้ "
    "(registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/"
    "db_instance#auto_upgrade_minor_version)",
)
_UPGRADE_INPUT = Text(
    en="auto_upgrade_minor_version is not known from the input",
    th="ไม่ทราบค่า auto_upgrade_minor_version จากข้อมูลนำเข้า",
)


def _sg_rule(values: Any) -> tuple[IngressRule, ...]:
    """The inbound permission of one ``alicloud_security_group_rule`` (empty for egress or
    ``drop``)."""
    kind = values.get("type")
    policy = values.get("policy", "accept")
    if kind is UNKNOWN or policy is UNKNOWN:
        return (IngressRule(protocol="unknown", sources=None),)
    if str(kind).lower() != "ingress" or str(policy).lower() != "accept":
        return ()
    origins: tuple[str, ...] | None
    cidr, ipv6, group, prefixes = (
        values.get(name)
        for name in ("cidr_ip", "ipv6_cidr_ip", "source_security_group_id", "prefix_list_id")
    )
    if all(value is None or value == "" for value in (cidr, ipv6, group, prefixes)):
        origins = ("0.0.0.0/0",)  # the documented default of cidr_ip
    else:
        # a prefix list holds the tenant's own ranges; an unknown id is a list, never the
        # internet (as an unknown group id is a group)
        addresses = sources(cidr, ipv6)
        origins = (
            None
            if addresses is None
            else addresses + (group_sources(group) or ()) + (group_sources(prefixes, "pl") or ())
        )
    proto = protocol(values.get("ip_protocol"))
    ports = values.get("port_range", "-1/-1")
    if ports is UNKNOWN:
        return (rule(proto, None, None, origins),)
    low, _, high = str(ports).strip().partition("/")
    if low.strip() == "-1":  # every port of the protocol (all, icmp, gre)
        return (rule(proto, 0, 65535, origins),)
    return (rule(proto, port(low), port(high or low), origins),)


def security_group(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_security_group``: a new group admits nothing from outside; with
    ``inner_access_policy = "Accept"`` (the default of a basic group) its members reach each
    other (resources/security_group)."""
    inner = text(r.values, "inner_access_policy", "Accept")
    if inner is None:
        return "network.security_group", Facets()
    same_group = IngressRule(protocol="all", from_port=0, to_port=65535, sources=("self",))
    return "network.security_group", Facets(
        ingress=(same_group,) if inner.lower() == "accept" else ()
    )


def security_group_rule(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``alicloud_security_group_rule`` adds to its group when the group is in the input."""
    target = ctx.referenced(r, "security_group_id", ["alicloud_security_group"])
    if target is None:
        return []
    return [Contribution(target.address, r.address, {"ingress": _sg_rule(r.values)})]


def standalone_rule(r: TfResource, ctx: TfContext) -> Mapped:
    """A rule whose group is not in the input is judged alone."""
    return "network.security_group", Facets(ingress=_sg_rule(r.values))


#: alicloud_ecs_disk (resources/ecs_disk): ``encrypted`` "Specifies whether to encrypt the
#: disk. Default value: false" (as alicloud_disk, its former name).
ECS_DISK_DOC = (
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/ecs_disk"
)
_DISK_DEFAULT_ENCRYPTION_UNLESS = Text(
    en="the disk is still encrypted if the account's default disk encryption is on in the "
    "region (alicloud_ecs_disk_encryption_by_default), which is not in the input",
    th="ดิสก์ยังคงเข้ารหัสหากบัญชีเปิดการเข้ารหัสดิสก์โดยปริยายใน region นั้น "
    "(alicloud_ecs_disk_encryption_by_default) ซึ่งไม่ปรากฏในข้อมูลนำเข้า",
)


def disk(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_ecs_disk`` (and ``alicloud_disk``, its former name): encrypted only with
    ``encrypted = true`` (default false: noted, with the account-default caveat); a disk made
    from a snapshot takes the snapshot's encryption when the argument is absent (not known
    here)."""
    v = r.values
    from_snapshot = is_set(v, "snapshot_id")
    if from_snapshot is not False and v.get("encrypted") is None:
        return "storage.volume", Facets()
    encrypted = flag(v, "encrypted", False)
    if v.get("encrypted") is None:
        ctx.note(r, "encrypted_at_rest", False, DefaultedFacet(
            attribute="encrypted", doc=ECS_DISK_DOC, unless=_DISK_DEFAULT_ENCRYPTION_UNLESS,
        ))
    key = is_set(v, "kms_key_id")
    return "storage.volume", Facets(
        encrypted_at_rest=encrypted,
        customer_managed_key=None if encrypted is None else False if encrypted is False else key,
    )


#: alicloud_instance (provider schema, resource_alicloud_instance.go; resources/instance):
#: ``allocate_public_ip`` "has been deprecated ... Setting 'internet_max_bandwidth_out' larger
#: than 0 will allocate public ip for instance"; a data disk's ``encrypted`` has ``Default:
#: false``; ``system_disk_encrypted`` is not sent when absent, and ECS then creates the system
#: disk unencrypted ("SystemDisk.Encrypted ... Default value: false", ECS API RunInstances)
#: unless the account's default disk encryption is on in the region
#: (``alicloud_ecs_disk_encryption_by_default``), which a root may not declare.
ECS_INSTANCE_DOC = (
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/instance"
)
ECS_RUN_INSTANCES_DOC = (
    "https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-runinstances"
)
_ECS_DEFAULT_ENCRYPTION_UNLESS = Text(
    en="the disk is still encrypted if the account's default disk encryption is on in the "
    "region (alicloud_ecs_disk_encryption_by_default), or its image is encrypted; neither "
    "is in the input",
    th="ดิสก์ยังคงเข้ารหัสหากบัญชีเปิดการเข้ารหัสดิสก์โดยปริยายใน region นั้น "
    "(alicloud_ecs_disk_encryption_by_default) หรืออิมเมจเข้ารหัสไว้ ซึ่งไม่ปรากฏในข้อมูลนำเข้า",
)
#: EIP associations (``instance_id``: the ECS instance, balancer, NAT gateway or interface it
#: binds the address to).
EIP_ASSOCIATIONS = ("alicloud_eip_association",)


#: Elastic network interfaces and their attachments to ECS instances
#: (``alicloud_ecs_network_interface_attachment``: ``network_interface_id``, ``instance_id``).
ENI_TYPES = ("alicloud_ecs_network_interface", "alicloud_network_interface")
ENI_ATTACHMENTS = ("alicloud_ecs_network_interface_attachment",
                   "alicloud_network_interface_attachment")
#: What else an EIP association binds (its ``instance_type``: ``EcsInstance`` by default,
#: ``SlbInstance``, ``Nat``, ``HaVip``, ``NetworkInterface``; resources/eip_association).
EIP_OTHER_TARGETS = ("alicloud_slb_load_balancer", "alicloud_slb", "alicloud_nat_gateway",
                     "alicloud_havip", "alicloud_vpc_havip")


def attached_enis(r: TfResource, ctx: TfContext) -> tuple[list[TfResource], list[TfResource]]:
    """The network interfaces of the root attached to the ECS instance ``r`` (an
    ``alicloud_ecs_network_interface_attachment`` naming both), and those an attachment may
    attach to it (its instance not known)."""
    certain: list[TfResource] = []
    maybe: list[TfResource] = []
    for attachment in ctx.related(ENI_ATTACHMENTS):
        eni = ctx.referenced(attachment, "network_interface_id", ENI_TYPES)
        if eni is None:
            continue
        instance = ctx.referenced(attachment, "instance_id", [r.type])
        if instance is r:
            certain.append(eni)
        elif instance is None and attachment.values.get("instance_id") not in (None, ""):
            maybe.append(eni)
    return certain, maybe


def _eip_target(item: TfResource, r: TfResource, ctx: TfContext,
                enis: tuple[list[TfResource], list[TfResource]]) -> bool | None:
    """Whether an EIP association binds its address to ``r``: naming it, or a network
    interface attached to it (``enis``: :func:`attached_enis`); False when it names another
    resource of the root (an instance, interface, balancer, NAT gateway, HaVip) or nothing;
    None when not known (a literal id, one of several)."""
    target = ctx.referenced(item, "instance_id", [r.type])
    if target is r:
        return True
    if target is not None:
        return False
    eni = ctx.referenced(item, "instance_id", ENI_TYPES)
    if eni is not None:
        return True if eni in enis[0] else None if eni in enis[1] else False
    havip = ctx.referenced(item, "instance_id", HAVIP_TYPES)
    if havip is not None:
        return _havip_holder(item, havip, r, ctx)
    if ctx.referenced(item, "instance_id", EIP_OTHER_TARGETS) is not None:
        return False
    return False if item.values.get("instance_id") in (None, "") else None


#: A high-availability virtual IP: "a private IP address that can be ... associated with ECS
#: instances ... and EIPs"; the ECS instance holding it (of those an ``alicloud_havip_attachment``
#: binds: either, after a failover) answers on the EIP associated with it (VPC user guide,
#: "HaVip overview": HAVIP_DOC).
HAVIP_TYPES = ["alicloud_havip"]
HAVIP_ATTACHMENTS = ("alicloud_havip_attachment",)
HAVIP_DOC = "https://www.alibabacloud.com/help/en/vpc/user-guide/havip-overview"


def _havip_holder(item: TfResource, havip: TfResource, r: TfResource,
                  ctx: TfContext) -> bool | None:
    """Whether an EIP association binding its EIP to ``havip`` reaches the ECS instance
    ``r``: an ``alicloud_havip_attachment`` binds the HaVip to it (``ha_vip_id`` or the
    deprecated ``havip_id``; ``instance_id``), saying so; None when an attachment of the HaVip
    names an instance not known; False otherwise. (The EIP was read as bound to the HaVip
    alone: the instances behind it had no public address, a wrong PASS.)"""
    maybe = False
    for attachment in ctx.related(list(HAVIP_ATTACHMENTS)):
        named = (ctx.referenced(attachment, "ha_vip_id", HAVIP_TYPES)
                 or ctx.referenced(attachment, "havip_id", HAVIP_TYPES))
        if named is not havip:
            continue
        holder = ctx.referenced(attachment, "instance_id", [r.type])
        if holder is r:
            ctx.note(r, "public_endpoint", True, because=Text(
                en=f"{item.address} binds an EIP to HaVip {havip.address}, which "
                f"{attachment.address} binds to it ({HAVIP_DOC})",
                th=f"{item.address} ผูก EIP กับ HaVip {havip.address} ซึ่ง {attachment.address} "
                f"ผูกกับเครื่องนี้ ({HAVIP_DOC})",
            ))
            return True
        if holder is None and attachment.values.get("instance_id") not in (None, ""):
            maybe = True  # a literal id, an input: perhaps this instance
    return None if maybe else False


def _eip_bound(r: TfResource, ctx: TfContext) -> bool | None:
    """True when an ``alicloud_eip_association`` of the root names ``r`` or a network
    interface attached to it; False when none may and the whole root was scanned
    (``public_address.no_association``); None otherwise."""
    undecided: list[str] = []
    enis = attached_enis(r, ctx)
    for item in ctx.related(EIP_ASSOCIATIONS):
        bound = _eip_target(item, r, ctx, enis)
        if bound:
            return True
        if bound is None:
            undecided.append(item.address)
    return no_association(r, ctx, undecided, "EIP")


def eni_groups(r: TfResource, ctx: TfContext) -> list[TfResource]:
    """The security groups of the network interfaces of the root attached to the ECS
    instance ``r``: they filter what reaches it through them (an EIP bound to one)."""
    found: list[TfResource] = []
    for eni in attached_enis(r, ctx)[0]:
        for group in ctx.referenced_all(eni, "security_group_ids", ["alicloud_security_group"]):
            if group not in found:
                found.append(group)
    return found


def _ecs_public(r: TfResource, ctx: TfContext) -> bool | None:
    """An ECS instance's public address: one of its own (``internet_max_bandwidth_out`` above
    0, or the deprecated ``allocate_public_ip``; left out on an instance created from a launch
    template, the template's: :func:`alicloud_templates.instance_template`), else an EIP
    association naming it."""
    v = r.values
    if flag(v, "allocate_public_ip", False) is True:
        return True
    bandwidth = v.get("internet_max_bandwidth_out")
    named, template = instance_template(r, ctx) if bandwidth is None else (False, None)
    if bandwidth is UNKNOWN or (named and template is None):
        own: bool | None = None  # chosen at apply, or by a launch template not in the input
    else:
        holder = template if template is not None else r
        written = number(holder.values, "internet_max_bandwidth_out", 0)
        own = None if written is None else written > 0
    if own:
        if template is not None:
            ctx.written_by_another(r, "public_endpoint")
            ctx.note(r, "public_endpoint", True, because=from_template(template.address))
        return True
    bound = _eip_bound(r, ctx)
    if bound:
        return True
    if named and template is None:
        ctx.note(r, "public_endpoint", None, unknown=template_unknown(r, ctx))
    elif template is not None and own is False and bound is False:
        ctx.written_by_another(r, "public_endpoint")
        ctx.note(r, "public_endpoint", False, because=_template_and_no_eip(template))
    return None if own is None else bound


def _template_and_no_eip(template: TfResource) -> Text:
    """Why an instance created from ``template`` has no public address: the template gives it
    no public bandwidth, and no EIP association of the scan names it."""
    bandwidth = template.values.get("internet_max_bandwidth_out")
    given = ("internet_max_bandwidth_out = 0" if bandwidth is not None
             else "no internet_max_bandwidth_out (default 0)")
    return Text(
        en=f"its launch template {template.address} gives it {given}, and no EIP association "
        "of the scanned configuration names it",
        th=f"launch template {template.address} กำหนด {given} และไม่มีการผูก EIP "
        "ในการตั้งค่าที่ตรวจที่ชี้มายังทรัพยากรนี้",
    )


def _ecs_encrypted(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether the system disk and every ``data_disks`` block are encrypted
    (:func:`_disks_encrypted`). Created from a launch template: the disks it does not write
    are the template's (:func:`alicloud_templates.instance_template`): with neither
    ``system_disk_encrypted`` nor ``data_disks``, the template's disks; with only some, a
    FAIL of its own stands, and a PASS only when the template adds no data disk; a template
    not in the input: not known."""
    v = r.values
    named, template = instance_template(r, ctx)
    if not named:
        return _disks_encrypted(r, ctx, "data_disks", (ECS_RUN_INSTANCES_DOC, ECS_INSTANCE_DOC),
                                shown=_system_disk_shown(r))
    if v.get("system_disk_encrypted") is None and v.get("data_disks") in (None, []):
        if template is None:
            ctx.note(r, "encrypted_at_rest", None, unknown=template_unknown(r, ctx))
            return None
        given = ecs_launch_template(template, ctx)[1].encrypted_at_rest
        ctx.written_by_another(r, "encrypted_at_rest")
        ctx.note(r, "encrypted_at_rest", given, because=from_template(template.address))
        return given
    if v.get("system_disk_encrypted") is None:
        return None  # the system disk is the template's
    own = _disks_encrypted(r, ctx, "data_disks", (ECS_RUN_INSTANCES_DOC, ECS_INSTANCE_DOC),
                           shown=_system_disk_shown(r))
    if own is False or (own and template is not None
                        and template.values.get("data_disks") in (None, [])):
        return own
    return None


def _system_disk_shown(r: TfResource) -> str | None:
    """An instance set has no argument for its system disk's encryption: the provider leaves
    RunInstances' ``SystemDisk.Encrypted`` out (its default then)."""
    return "SystemDisk.Encrypted" if r.type == "alicloud_ecs_instance_set" else None


def _disks_encrypted(
    r: TfResource, ctx: TfContext, data_disks: str, docs: tuple[str, str],
    system_disk: str = "system_disk_encrypted", shown: str | None = None,
) -> bool | None:
    """Whether the system disk and every ``data_disks`` block of an ECS instance, a scaling
    configuration or a launch template are encrypted; an argument left out is the provider's
    default (not encrypted: noted, with the account-default caveat for the system disk); a
    data disk made from a snapshot has the snapshot's encryption: not known. ``docs``: the
    pages of the system disk's and the data disks' defaults; ``system_disk``: the argument of
    the system disk's encryption (a launch template's ``system_disk.encrypted``); ``shown``: its
    name in the finding when the resource has no such argument."""
    v = r.values
    holder, _, name = system_disk.rpartition(".")
    written = block(v, holder) if holder else v
    system = None if written is None else flag(written, name, False)
    if system is False:
        if written is not None and written.get(name) is None:
            ctx.note(r, "encrypted_at_rest", False, DefaultedFacet(
                attribute=shown or system_disk, doc=docs[0],
                unless=_ECS_DEFAULT_ENCRYPTION_UNLESS,
            ))
        return False
    disks = blocks(v, data_disks)
    for disk in disks or ():
        encrypted = flag(disk, "encrypted", False)
        if disk.get("encrypted") is None and is_set(disk, "snapshot_id") is not False:
            encrypted = None  # made from a snapshot: the snapshot's encryption
        if encrypted is False:
            if disk.get("encrypted") is None:
                ctx.note(r, "encrypted_at_rest", False, DefaultedFacet(
                    attribute=f"{data_disks}.encrypted", doc=docs[1],
                ))
            return False
        if encrypted is None:
            system = None
    return None if system is None or disks is None else True


#: Words of the names of Linux images (Alibaba Cloud public images: ``ubuntu_22_04_x64_…``,
#: ``aliyun_3_x64_…``, ``centos_7_9_…``; an ``alicloud_images`` lookup's ``name_regex``).
_LINUX_IMAGES = ("ubuntu", "centos", "debian", "aliyun", "alinux", "anolis", "rocky",
                 "almalinux", "rhel", "redhat", "suse", "opensuse", "fedora", "coreos",
                 "freebsd", "euleros")
#: "Creating Linux instances with password logon" is creating them with a custom password
#: (Alibaba Cloud ECS, Prohibit RAM users from creating Linux instances using password
#: logon: the ``ecs:PasswordCustomized`` condition); "ECS instances do not have a default
#: password" (Manage instance logon credentials); "After binding the SSH key pair, the
#: username and password verification method will be disabled" (API AttachKeyPair).
ECS_LOGIN_DOC = (
    "https://www.alibabacloud.com/help/en/ecs/user-guide/"
    "prohibit-ram-users-from-creating-linux-instances-using-password-login"
)


def _linux_image(r: TfResource, ctx: TfContext) -> bool:
    """Whether the instance's image is known to be a Linux one: a literal ``image_id`` naming
    a Linux distribution, or an ``alicloud_images`` lookup with ``os_type = "linux"`` or a
    ``name_regex`` naming one."""
    image = r.values.get("image_id")
    named: list[Any] = [image]
    if not isinstance(image, str):
        found = ctx.referenced(r, "image_id", ["alicloud_images"])
        if found is None:
            return False
        os_type = found.values.get("os_type")
        if isinstance(os_type, str):
            return os_type.lower() == "linux"
        named = [found.values.get("name_regex"), found.values.get("image_name")]
    return any(isinstance(n, str) and any(w in n.lower() for w in _LINUX_IMAGES)
               for n in named)


def _ecs_password_login(r: TfResource, ctx: TfContext, key: str = "key_name") -> bool | None:
    """True when a Linux instance is created with a login password of its own (``password``
    or ``kms_encrypted_password``) and no key pair (``key``: a launch template's
    ``key_pair_name``), which would disable password log-in (:data:`ECS_LOGIN_DOC`); None
    otherwise (a key pair, no password, an image not known to be Linux: its user data may
    still say, ``extras.server_user_data``). An instance created from a launch template takes
    the password, key pair and image it does not write from the template (not known when the
    template is not in the input)."""
    named, template = instance_template(r, ctx) if r.type in LAUNCHED_TYPES else (False, None)
    holders = [r] if template is None else [r, template]
    keys = [key] if template is None else [key, "key_pair_name"]
    password = [is_set(h.values, k) for h in holders
                for k in ("password", "kms_encrypted_password")]
    if True not in password or any(is_set(h.values, k) is not False
                                   for h, k in zip(holders, keys, strict=True)):
        return None
    if named and template is None:
        return None  # the template not read may give a key pair
    if template is not None and flag(template.values, "password_inherit", False) is not False:
        return None
    image = r if r.values.get("image_id") is not None or template is None else template
    return True if _linux_image(image, ctx) else None


def ecs_instance(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_instance`` (ECS): public by its own bandwidth or an EIP association, disks
    encrypted only when written so, password log-in when a Linux instance gets a password and
    no key pair (its user data: ``extras.server_user_data``). The instances of an
    ``alicloud_ecs_instance_set`` (RunInstances for ``amount`` of them: resources/ecs_instance_set;
    key pair ``key_pair_name``; no user data nor system disk encryption of its own, so the
    template's or the defaults) and of an ``alicloud_auto_provisioning_group`` (every setting
    its launch template's: resources/auto_provisioning_group) are read the same way; neither
    was judged (their instances had no finding)."""
    return "compute.instance", Facets(
        public_endpoint=_ecs_public(r, ctx),
        encrypted_at_rest=_ecs_encrypted(r, ctx),
        password_auth=_ecs_password_login(
            r, ctx, key="key_pair_name" if r.type == "alicloud_ecs_instance_set" else "key_name"),
    )


#: Auto Scaling, CreateScalingConfiguration: ``InternetMaxBandwidthOut`` (the instances'
#: public bandwidth; above 0 each instance gets a public IP address, as an ECS instance's
#: ``internet_max_bandwidth_out``) "Default value: 0"; ``SystemDisk.Encrypted`` and
#: ``DataDisk.N.Encrypted`` default to false (provider docs, ess_scaling_configuration:
#: data_disk ``encrypted`` "Default value: false").
ESS_CONFIGURATION_DOC = (
    "https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/"
    "api-ess-2022-02-22-createscalingconfiguration"
)


def ess_scaling_configuration(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_ess_scaling_configuration``: the ECS instances its scaling group launches,
    read as an ECS instance (as an AWS launch template or a Huawei Cloud Auto Scaling
    configuration): each gets a public IP address when ``internet_max_bandwidth_out`` is
    above 0 (0 when not written: :data:`ESS_CONFIGURATION_DOC`), in its security groups
    (``security_group_id`` / ``security_group_ids``), disks encrypted only when written so,
    password log-in as an ECS instance's (``password_inherit``: the image's password, not
    known); its user data is read by ``extras``. It was read by no rule."""
    return _launched_instances(r, ctx, ESS_CONFIGURATION_DOC, "data_disk")


def _launched_instances(
    r: TfResource, ctx: TfContext, doc: str, data_disks: str,
    system_disk: str = "system_disk_encrypted", key: str = "key_name",
) -> Mapped:
    """The ECS instances a scaling configuration or a launch template launches (``doc``: the
    API page giving its defaults): a public IP address when ``internet_max_bandwidth_out`` is
    above 0 (0 when not written), disks encrypted only when written so (``data_disks``: the
    data-disk blocks' name; ``system_disk``: the system disk's argument), password log-in as an
    ECS instance's (``key``: the key pair's argument; ``password_inherit``: the image's
    password, not known)."""
    v = r.values
    bandwidth = v.get("internet_max_bandwidth_out")
    written = None if bandwidth is UNKNOWN else number(v, "internet_max_bandwidth_out", 0)
    if bandwidth is None:
        ctx.note(r, "public_endpoint", False, DefaultedFacet(
            attribute="internet_max_bandwidth_out", doc=doc,
        ))
    inherit = flag(v, "password_inherit", False)
    return "compute.instance", Facets(
        public_endpoint=None if written is None else written > 0,
        encrypted_at_rest=_disks_encrypted(r, ctx, data_disks, (doc, doc), system_disk=system_disk),
        password_auth=None if inherit is not False else _ecs_password_login(r, ctx, key=key),
    )


#: ECS CreateLaunchTemplate (``alicloud_templates.LAUNCH_TEMPLATE_DOC``):
#: ``InternetMaxBandwidthOut`` (above 0 an instance launched from the template gets a public IP
#: address, as an ECS instance's ``internet_max_bandwidth_out``; left out, 0: no public
#: bandwidth), ``SystemDisk.Encrypted`` / ``DataDisk.N.Encrypted`` "Default value: false" (the
#: provider's alicloud_ecs_launch_template passes them through: ``internet_max_bandwidth_out``,
#: ``system_disk.encrypted``, ``data_disks.encrypted``). The launch templates an
#: ``alicloud_ess_scaling_group`` or an ``alicloud_instance`` launches from:
#: ``LAUNCH_TEMPLATE_TYPES`` (``alicloud_launch_template`` is the former name).


def ecs_launch_template(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_ecs_launch_template`` (and its former name ``alicloud_launch_template``): the
    ECS instances a scaling group naming it in ``launch_template_id`` launches (with no
    scaling configuration it was no node: an SLB forwarding SSH to them PASSed), read as a
    scaling configuration: a public IP address when ``internet_max_bandwidth_out`` is above 0
    (0 when not written: :data:`LAUNCH_TEMPLATE_DOC`), its security groups
    (``security_group_id`` / ``security_group_ids`` / ``network_interfaces``), disks encrypted
    only when written so (``system_disk.encrypted``, ``data_disks.encrypted``), password
    log-in as an ECS instance's (key pair: ``key_pair_name``; ``password_inherit``: the
    image's, not known); its user data is read by ``extras``. A scaling group launching another
    version than its arguments describe (``alicloud_templates.group_version_unread``): not
    known, saying why (was the latest version's: a PASS the older version may not earn)."""
    unread = group_version_unread(r, ctx)
    if unread is not None:  # a scaling group launches another version: its settings not known
        for facet in ("public_endpoint", "encrypted_at_rest", "password_auth"):
            ctx.note(r, facet, None, unknown=unread)
        return "compute.instance", Facets()
    return _launched_instances(
        r, ctx, LAUNCH_TEMPLATE_DOC, "data_disks",
        system_disk="system_disk.encrypted", key="key_pair_name",
    )


#: alicloud_slb_listener (resources/slb_listener): ``tls_cipher_policy`` "Https listener TLS
#: cipher policy. Valid values are tls_cipher_policy_1_0, tls_cipher_policy_1_1,
#: tls_cipher_policy_1_2, tls_cipher_policy_1_2_strict. Default to tls_cipher_policy_1_0";
#: a custom policy is an ``alicloud_slb_tls_cipher_policy`` (its ``tls_versions``).
SLB_LISTENER_DOC = (
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/slb_listener"
)
_SLB_POLICIES = {
    "tls_cipher_policy_1_0": "1.0",
    "tls_cipher_policy_1_1": "1.1",
    "tls_cipher_policy_1_2": "1.2",
    "tls_cipher_policy_1_2_strict": "1.2",
}


def slb_listener(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_slb_listener`` (Classic Load Balancer): ``https`` terminates TLS, with the
    lowest version its cipher policy allows (default TLS 1.0); ``http`` is plain; ``tcp`` /
    ``udp`` may carry anything (not known)."""
    v = r.values
    proto = text(v, "protocol")
    if proto is None or proto.lower() not in ("http", "https"):
        return "network.load_balancer", Facets()
    if proto.lower() == "http":
        return "network.load_balancer", Facets(encrypted_in_transit=False)
    policy = v.get("tls_cipher_policy")
    version: str | None = None
    if policy is None:
        version = _SLB_POLICIES["tls_cipher_policy_1_0"]
        ctx.note(r, "tls_min_version", version,
                 DefaultedFacet(attribute="tls_cipher_policy", doc=SLB_LISTENER_DOC))
    elif isinstance(policy, str) and policy in _SLB_POLICIES:
        version = _SLB_POLICIES[policy]
    else:
        custom = ctx.referenced(r, "tls_cipher_policy", ["alicloud_slb_tls_cipher_policy"])
        versions = None if custom is None else string_list(custom.values, "tls_versions", None)
        version = minimum_tls(versions) if versions else None
    return "network.load_balancer", Facets(encrypted_in_transit=True, tls_min_version=version)


def slb(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_slb_load_balancer`` (and its former name ``alicloud_slb``): ``address_type``
    ``internet`` "allocates a public IP address so that the instance can forward requests
    from the Internet", ``intranet`` an internal one (resources/slb_load_balancer); left out,
    the provider computes it (not known). Its protocols are its listeners'."""
    address = text(r.values, "address_type")
    public = None if address is None else address.lower() == "internet"
    if public is not True and any(  # an EIP bound to an internal balancer: public
        ctx.referenced(item, "instance_id", [r.type]) is r
        for item in ctx.related(EIP_ASSOCIATIONS)
    ):
        public = True
    return "network.load_balancer", Facets(public_endpoint=public)


def slb_backends(r: TfResource, ctx: TfContext) -> Mapped:
    """What a Classic Load Balancer forwards to (``graph/alicloud_lb.py``):
    ``alicloud_slb_backend_server`` / ``alicloud_slb_attachment`` (its default server group,
    reached on each listener's ``backend_port``), ``alicloud_slb_server_group`` (a vServer
    group, its ``servers`` blocks' ``port``), ``alicloud_slb_master_slave_server_group`` (a
    primary/secondary group, read as a vServer group) and
    ``alicloud_slb_server_group_server_attachment`` (one server of a vServer group, on its
    ``port``)."""
    return "network.target_group", Facets()


#: The Classic Load Balancer types (``alicloud_slb`` is the former name).
SLB_TYPES = ("alicloud_slb_load_balancer", "alicloud_slb")


def vpc(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_vpc``: its flow logs are ``alicloud_vpc_flow_log`` resources naming it
    (GDCC-LOG-005, through the graph)."""
    return "network.vpc", Facets()


#: ``models.resource.ALICLOUD_IPV4_GATEWAY``, kept here by its old name; the link behind
#: "activated" is IPV4_GATEWAY_DOC.
IPV4_GATEWAY = ALICLOUD_IPV4_GATEWAY
IPV4_GATEWAY_DOC = (
    "https://www.alibabacloud.com/help/en/vpc/user-guide/create-and-manage-an-ipv4-gateway"
)


def graph_links(r: TfResource, ctx: TfContext, attributes: dict[str, Any],
                references: tuple[Reference, ...]) -> tuple[Reference, ...]:
    """What the graph reads of Alibaba Cloud resources beyond what is written: a VPC's
    active IPv4 gateway (:func:`vpc_attributes`), an ECS instance's attached network
    interfaces' security groups (:func:`eni_groups`) and vSwitches (an EIP bound to an
    interface is routed by the interface's vSwitch: a route table of the instance's own
    vSwitch that does not route to an active IPv4 gateway PASSed an instance reached through
    the interface's), and a scaling configuration's vSwitches: its scaling group's
    ``vswitch_ids`` (:func:`scaling_vswitches`), as its references."""
    if r.type == "alicloud_vpc":
        attributes.update(vpc_attributes(r, ctx))
    elif r.type in ("alicloud_slb_server_group", "alicloud_slb_master_slave_server_group",
                    "alicloud_alb_server_group"):
        servers = blocks(r.values, "servers")  # None: a dynamic block (ports not known)
        if servers is not None:
            attributes[ALICLOUD_SERVER_PORTS] = [port(item.get("port")) for item in servers]
    elif r.type in BALANCER_TYPES:
        # an ALB's / NLB's security groups filter nothing that allow rules do not (module
        # ``alicloud_balancers``): not its groups in the graph
        groups = {g.address for g in ctx.related(["alicloud_security_group"])}
        return tuple(ref for ref in references if ref.target not in groups)
    elif r.type == "alicloud_forward_entry":
        attributes.update(alicloud_dnat.attributes(r, ctx))
    elif r.type == "alicloud_alb_rule" and _group_not_known(r):
        attributes[ALICLOUD_LISTENER_GROUP_NOT_KNOWN] = True
    elif r.type in ("alicloud_slb_listener", "alicloud_alb_listener", "alicloud_nlb_listener"):
        admitted = alicloud_balancers.listener_whitelist(r, ctx)
        denied = (alicloud_balancers.group_denies(r, ctx)
                  if r.type != "alicloud_slb_listener" else None)
        if admitted is None or (denied is not None and _opens(admitted)):
            admitted = denied  # the groups' deny rules close what the ACL leaves open
        if admitted is not None:
            attributes[ALICLOUD_LISTENER_ADMITS] = admitted
        if _group_not_known(r):
            attributes[ALICLOUD_LISTENER_GROUP_NOT_KNOWN] = True
    added: tuple[Reference, ...] = ()
    if r.type in ENI_BACKEND_HOLDERS:
        added = eni_backends(r, ctx, attributes)
    elif r.type in ENI_TYPES and backend_eni(r, ctx) is not None:
        attributes[GROUPS_NOT_IN_SCAN] = [ENI_INSTANCE_GROUPS]
    if r.type in LAUNCHED_TYPES[1:]:
        added = template_placement(r, ctx)
    elif r.type == "alicloud_instance":
        added = tuple(Reference(target=g.address, attribute="network_interface")
                      for g in eni_groups(r, ctx))
        added += tuple(Reference(target=s.address, attribute="network_interface")
                       for eni in attached_enis(r, ctx)[0]
                       for s in ctx.referenced_all(eni, "vswitch_id", ["alicloud_vswitch"]))
        added += tuple(Reference(target=b.address, attribute=ALICLOUD_SCALING_BALANCERS)
                       for b in attached_balancers(r, ctx))
        added += template_placement(r, ctx)
    elif r.type in LAUNCHERS:
        references = _other_version_groups(r, ctx, attributes, references)
        added = tuple(Reference(target=s.address, attribute="scaling_group_id")
                      for s in scaling_vswitches(r, ctx))
        added += tuple(Reference(target=b.address, attribute=ALICLOUD_SCALING_BALANCERS)
                       for b in scaling_balancers(r, ctx))
    if r.type == "alicloud_instance" or r.type in LAUNCHERS:
        joined = scaling_server_groups(r, ctx)
        if joined:
            attributes[ALICLOUD_GROUP_PORTS] = {g.address: p for g, p in joined}
            added += tuple(Reference(target=g.address, attribute=ALICLOUD_SCALING_GROUPS)
                           for g, _ in joined)
    return tuple(dict.fromkeys(references + added)) if added else references


def _other_version_groups(r: TfResource, ctx: TfContext, attributes: dict[str, Any],
                          references: tuple[Reference, ...]) -> tuple[Reference, ...]:
    """A launch template standing for scaling groups that launch another version of it than
    its arguments describe (``alicloud_templates.version_taken``): those instances' security
    groups are not known (``GROUPS_NOT_IN_SCAN``, naming the group and the version), though
    they sit in the group's vSwitches and behind its balancers. The template's own groups are
    left out of the graph when no group it launches for takes the version its arguments
    describe (they stood for the pinned group's instances: FAIL or PASS GDCC-GRAPH-002 on
    the latest version's rules)."""
    if r.type not in LAUNCH_TEMPLATE_TYPES:
        return references
    groups = launching_groups(r, ctx)
    pinned = [(g, shown) for g in groups if (shown := version_taken(g, r)) is not None]
    if not pinned:
        return references
    attributes[GROUPS_NOT_IN_SCAN] = [
        f"those of {shown} of it, which {g.address} launches" for g, shown in pinned
    ]
    if len(pinned) < len(groups):
        return references  # another group launches the arguments' version: its groups stay
    own = {g.address for g in ctx.related(["alicloud_security_group"])}
    return tuple(ref for ref in references if ref.target not in own)


def _group_not_known(r: TfResource) -> bool:
    """Whether a listener's forwarding server group is written with a value not known: an SLB
    listener's ``server_group_id`` / ``master_slave_server_group_id``, an NLB listener's
    ``server_group_id``, an ALB listener's ``default_actions`` (a server group id in its
    ``forward_group_config``, or the blocks themselves: a dynamic block)."""
    if r.type == "alicloud_alb_listener":
        return _holds_unknown(r.values.get("default_actions"))
    if r.type == "alicloud_alb_rule":
        return _holds_unknown(r.values.get("rule_actions"))
    keys = ("server_group_id", "master_slave_server_group_id")
    return any(r.values.get(key) is UNKNOWN for key in keys)


def _holds_unknown(value: Any) -> bool:
    """Whether ``value`` is, or holds among its blocks, a value not known."""
    if value is UNKNOWN:
        return True
    if isinstance(value, dict):
        return any(_holds_unknown(item) for item in value.values())
    if isinstance(value, list):
        return any(_holds_unknown(item) for item in value)
    return False


def _opens(admitted: list[str]) -> bool:
    """Whether a listener admitting ``admitted`` is open to the internet (a wide public range
    among them: ``graph/alicloud_lb.frontend_ports``)."""
    return any(cidr.is_wide_public(source) for source in admitted)


#: Where an ECS instance or its launch template writes its security groups and its vSwitch.
_GROUP_KEYS = ("security_groups", "security_group_id", "security_group_ids")
_VSWITCH_KEYS = ("vswitch_id",)


def template_placement(r: TfResource, ctx: TfContext) -> tuple[Reference, ...]:
    """An ECS instance created from a launch template of the scan
    (:func:`alicloud_templates.instance_template`) that writes no security group (no vSwitch)
    is in the template's: references to them (``security_groups`` / ``vswitch_id``), so the
    graph reads the template's rules and routes. With no group and the template not in the
    input, it has none in the graph: its rules are not known (UNKNOWN, never a PASS)."""
    template = instance_template(r, ctx)[1]
    if template is None:
        return ()
    found: list[Reference] = []
    for keys, types, attribute in (
        (_GROUP_KEYS, ["alicloud_security_group"], "security_groups"),
        (_VSWITCH_KEYS, ["alicloud_vswitch"], "vswitch_id"),
    ):
        if any(is_set(r.values, k) is not False for k in keys) or (
            r.values.get("network_interfaces") not in (None, [])
        ) or (attribute == "vswitch_id" and r.values.get("launch_template_config") is not None):
            continue  # its own: they override the template's
        targets = {t.address for t in ctx.related(types)}
        found += [Reference(target=ref.target, attribute=attribute)
                  for ref in template.references if ref.target in targets]
    return tuple(found)


#: ALB and NLB types (``alicloud_balancers``).
BALANCER_TYPES = ("alicloud_alb_load_balancer", "alicloud_nlb_load_balancer")
#: What names an SLB / ALB / NLB backend server by id: an ECS instance, or an elastic network
#: interface (SLB ``type = "eni"``, ALB / NLB ``server_type = "Eni"``).
ENI_BACKEND_HOLDERS = (
    "alicloud_slb_backend_server", "alicloud_slb_server_group",
    "alicloud_slb_server_group_server_attachment", "alicloud_alb_server_group",
    "alicloud_nlb_server_group_server_attachment",
)
#: Server groups a scaling group's instances join (graph/alicloud_lb.py).
SERVER_GROUP_TYPES = ("alicloud_slb_server_group", "alicloud_alb_server_group",
                      "alicloud_nlb_server_group")


def eni_backends(
    r: TfResource, ctx: TfContext, attributes: dict[str, Any]
) -> tuple[Reference, ...]:
    """A backend named by its network interface is the ECS instance the interface is
    attached to (``alicloud_ecs_network_interface_attachment``; the interface's security
    groups are the instance's too: :func:`eni_groups`): a reference to the instance on the
    path naming the interface (``servers.0.server_id``), so the balancer reaches it on that
    server's port; each instance an attachment may name (one of several a value not known
    chooses: named only perhaps, ``REFERENCES_MAYBE``; was none). An interface attached to
    none of the scan is itself the backend (:func:`backend_eni`: the instance it stands for is
    not known; was dropped silently)."""
    added: list[Reference] = []
    maybe: list[str] = []
    for ref in r.references:
        for eni in ctx.candidates(r, ref.attribute, ENI_TYPES):
            for instance, certain in eni_instances(eni, ctx):
                added.append(Reference(target=instance.address, attribute=ref.attribute))
                if not certain:
                    maybe.append(instance.address)
    if maybe:
        known = attributes.get(REFERENCES_MAYBE)
        attributes[REFERENCES_MAYBE] = list(dict.fromkeys(
            [*(known if isinstance(known, list) else ()), *maybe]))
    return tuple(added)


def eni_instances(eni: TfResource, ctx: TfContext) -> list[tuple[TfResource, bool]]:
    """The ECS instances of the scan an ``alicloud_ecs_network_interface_attachment`` attaches
    ``eni`` to, each with whether for certain (an attachment whose ``instance_id`` a value not
    known chooses among several: each of them, not for certain)."""
    found: list[tuple[TfResource, bool]] = []
    for attachment in ctx.related(ENI_ATTACHMENTS):
        if eni not in ctx.candidates(attachment, "network_interface_id", ENI_TYPES):
            continue
        one = ctx.referenced(attachment, "instance_id", ["alicloud_instance"])
        if one is not None:
            found.append((one, True))
            continue
        found += [(i, False) for i in
                  ctx.candidates(attachment, "instance_id", ["alicloud_instance"])]
    return found


def _eni_named_as_backend(eni: TfResource, ctx: TfContext) -> bool:
    """Whether a balancer's backend (server group, backend server, server attachment)
    names the network interface ``eni``."""
    return any(eni in ctx.candidates(holder, ref.attribute, ENI_TYPES)
               for holder in ctx.related(ENI_BACKEND_HOLDERS) for ref in holder.references)


def _eni_unknown(eni: TfResource) -> Text:
    return Text(
        en=f"{eni.address} is a load balancer's backend attached to no ECS instance of the "
        "scan: the instance it stands for is not in the input",
        th=f"{eni.address} เป็นเซิร์ฟเวอร์ปลายทางของ load balancer ที่ไม่ได้ผูกกับ ECS instance "
        "ใดในข้อมูลที่ตรวจ: instance ที่อยู่เบื้องหลังไม่อยู่ในข้อมูลนำเข้า",
    )


def backend_eni(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``alicloud_ecs_network_interface`` (``alicloud_network_interface``, the former name)
    that a balancer's backend names (SLB ``type = "eni"``, ALB / NLB ``server_type = "Eni"``)
    and no attachment of the scan attaches to an ECS instance of the scan: it stands for the
    instance behind it (a compute instance: what reaches it through the balancer and its own
    security groups, GDCC-GRAPH-002), whose settings are not known, saying why (the backend
    was dropped silently: nothing reported what the balancer reaches). Any other interface
    is read for its instance (:func:`eni_groups`), not judged on its own."""
    if not _eni_named_as_backend(r, ctx) or eni_instances(r, ctx):
        return None
    why = _eni_unknown(r)
    for facet in ("public_endpoint", "encrypted_at_rest", "password_auth", "user_data_secrets"):
        ctx.note(r, facet, None, unknown=why)
    public = True if any(ctx.referenced(item, "instance_id", ENI_TYPES) is r
                         for item in ctx.related(EIP_ASSOCIATIONS)) else None
    return "compute.instance", Facets(public_endpoint=public)


#: Why other paths into the instance a backend interface stands for are not known: its
#: primary interface's security groups (``normalize.group_lists.GROUPS_NOT_IN_SCAN``).
ENI_INSTANCE_GROUPS = "those of the ECS instance it is attached to (not in the scan)"


def _sibling_port(values: dict[str, Any], path: str) -> int | None:
    """The ``port`` beside the argument at ``path`` (``alb_server_group.0.alb_server_group_id``:
    ``alb_server_group[0].port``); None when not written or not known."""
    here: Any = values
    for part in path.split(".")[:-1]:
        if isinstance(here, list) and part.isdigit() and int(part) < len(here):
            here = here[int(part)]
        elif isinstance(here, dict):
            here = here.get(part)
        else:
            return None
    return port(here.get("port")) if isinstance(here, dict) else None


#: Where a scaling group names the server groups its instances join: its own blocks, and the
#: resources attaching groups to it (each with the ``port`` beside the group's id).
_GROUP_BLOCKS = ("alb_server_group", "vserver_groups")
_GROUP_ATTACHMENTS = ("alicloud_ess_server_group_attachment",
                      "alicloud_ess_alb_server_group_attachment",
                      "alicloud_ess_scalinggroup_vserver_groups")


def _groups_joined(group: TfResource, ctx: TfContext) -> list[tuple[TfResource, int | None]]:
    """The server groups a scaling group adds its instances to, each with its port:
    ``alb_server_group`` / ``vserver_groups`` blocks ("the scaling group automatically
    attaches its ECS instances", resources/ess_scaling_group), an
    ``alicloud_ess_server_group_attachment`` (``type`` ALB / NLB, its ``port``), an
    ``alicloud_ess_alb_server_group_attachment`` (``alb_server_group_id``, ``port``) or an
    ``alicloud_ess_scalinggroup_vserver_groups`` naming it."""
    holders: list[tuple[TfResource, tuple[str, ...] | None]] = [(group, _GROUP_BLOCKS)]
    holders += [
        (item, None) for item in ctx.related(_GROUP_ATTACHMENTS)
        if ctx.referenced(item, "scaling_group_id", [group.type]) is group
    ]
    found: list[tuple[TfResource, int | None]] = []
    for holder, names in holders:
        for ref in holder.references:
            if names is not None and ref.attribute.split(".", 1)[0] not in names:
                continue
            for target in ctx.candidates(holder, ref.attribute, SERVER_GROUP_TYPES):
                found.append((target, _sibling_port(holder.values, ref.attribute)))
    return found


def scaling_server_groups(
    r: TfResource, ctx: TfContext
) -> list[tuple[TfResource, int | None]]:
    """The server groups of the scan a scaling configuration's instances, or an ECS instance
    an ``alicloud_ess_attachment`` attaches to a scaling group, join (:func:`_groups_joined`)."""
    groups: list[TfResource] = []
    if r.type in LAUNCHERS:
        groups = launching_groups(r, ctx)
    else:
        for attachment in ctx.related(["alicloud_ess_attachment"]):
            certain, maybe = ctx.listed(attachment, "instance_ids", [r.type])
            if r not in certain + maybe:
                continue
            group = ctx.referenced(attachment, "scaling_group_id", ["alicloud_ess_scaling_group"])
            if group is not None:
                groups.append(group)
    return [joined for group in groups for joined in _groups_joined(group, ctx)]


#: What stands for the ECS instances a scaling group launches: its scaling configuration, or
#: the launch template it names in ``launch_template_id``.
LAUNCHERS = ("alicloud_ess_scaling_configuration", *LAUNCH_TEMPLATE_TYPES)


def launching_groups(r: TfResource, ctx: TfContext) -> list[TfResource]:
    """The ``alicloud_ess_scaling_group`` resources of the scan whose instances ``r`` stands
    for: a scaling configuration's ``scaling_group_id``; the groups naming a launch template
    in ``launch_template_id`` (those that may name it too: a path over-approximated rather
    than missed). A group has one active source (:data:`ESS_SOURCE_DOC`): a configuration
    with ``active = true`` supersedes the group's template, one with ``active = false`` or
    left out (:data:`ESS_ACTIVE_DEFAULT`) launches nothing beside it (both stood for its
    instances: a wrong FAIL through the one not used); not known (a plan's computed value):
    both, over-approximated."""
    if r.type == "alicloud_ess_scaling_configuration":
        group = ctx.referenced(r, "scaling_group_id", ["alicloud_ess_scaling_group"])
        if group is None or (flag(r.values, "active", ESS_ACTIVE_DEFAULT) is False
                             and is_written(group, "launch_template_id") is True):
            return []  # inactive beside the group's launch template: the template launches
        return [group]
    return [g for g in ctx.related(["alicloud_ess_scaling_group"])
            if r in ctx.candidates(g, "launch_template_id", [r.type])
            and not _configuration_active(g, ctx)]


#: alicloud_ess_scaling_configuration ``active``: "Whether active current scaling configuration
#: in the specified scaling group. Default to ``false``"
#: (https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/ess_scaling_configuration):
#: left out beside a group's ``launch_template_id`` the provider does not activate it, and the
#: template stays the group's source.
ESS_ACTIVE_DEFAULT = False

#: Auto Scaling, EnableScalingGroup: "A scaling group can have only one active instance
#: configuration source at a time ... the scaling configuration or launch template specified
#: within your request will supersede the existing scaling configuration or launch template";
#: an ``alicloud_ess_scaling_configuration`` with ``active = true`` is made the group's
#: (ModifyScalingGroup ``ActiveScalingConfigurationId``), after the group was created with its
#: ``launch_template_id``.
ESS_SOURCE_DOC = (
    "https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/"
    "api-ess-2014-08-28-enablescalinggroup"
)


def _configuration_active(group: TfResource, ctx: TfContext) -> bool:
    """Whether a scaling configuration of the scan is made ``group``'s active instance
    configuration source (``active = true``: :data:`ESS_SOURCE_DOC`), so the launch template
    the group names launches none of its instances. With ``active`` left out or not known,
    either may be the source: both stand for its instances, as before (over-approximated)."""
    return any(
        flag(c.values, "active") is True
        and ctx.referenced(c, "scaling_group_id", [group.type]) is group
        for c in ctx.related(["alicloud_ess_scaling_configuration"])
    )


def scaling_vswitches(r: TfResource, ctx: TfContext) -> list[TfResource]:
    """The vSwitches a scaling configuration's (or launch template's) instances are launched
    into: its ``alicloud_ess_scaling_group``s' ``vswitch_ids``, when each of them is a vSwitch
    of the scan (one beyond it may route otherwise: then none, and the route tables decide
    nothing for it)."""
    found: list[TfResource] = []
    for group in launching_groups(r, ctx):
        certain, maybe = ctx.listed(group, "vswitch_ids", ["alicloud_vswitch"])
        written = group.values.get("vswitch_ids")
        if maybe or not isinstance(written, list) or len(certain) != len(written):
            return []
        found += [s for s in certain if s not in found]
    return found


def scaling_balancers(r: TfResource, ctx: TfContext) -> list[TfResource]:
    """The Classic Load Balancers of the scan a scaling configuration's instances are added
    to: its ``alicloud_ess_scaling_group``'s ``loadbalancer_ids`` ("the scaling group will
    add ECS instances to the default server group", resources/ess_scaling_group), those it
    may name too (a value not known chooses: read as named, a path over-approximated rather
    than one missed)."""
    return [b for group in launching_groups(r, ctx) for b in _group_balancers(group, ctx)]


def _group_balancers(group: TfResource, ctx: TfContext) -> list[TfResource]:
    """The Classic Load Balancers of the scan a scaling group's ``loadbalancer_ids`` names
    (those it may name too: read as named, a path over-approximated rather than missed)."""
    certain, maybe = ctx.listed(group, "loadbalancer_ids", list(SLB_TYPES))
    return certain + maybe


def attached_balancers(r: TfResource, ctx: TfContext) -> list[TfResource]:
    """The Classic Load Balancers an ECS instance joins through an ``alicloud_ess_attachment``
    naming it in ``instance_ids``: Auto Scaling adds the ECS instances it attaches to the
    group's load balancers as it does those it creates (resources/ess_attachment: "Attaches
    several ECS instances to a specified scaling group")."""
    found: list[TfResource] = []
    for attachment in ctx.related(["alicloud_ess_attachment"]):
        certain, maybe = ctx.listed(attachment, "instance_ids", [r.type])
        if r not in certain + maybe:
            continue
        group = ctx.referenced(attachment, "scaling_group_id", ["alicloud_ess_scaling_group"])
        if group is not None:
            found += _group_balancers(group, ctx)
    return found


def vpc_attributes(r: TfResource, ctx: TfContext) -> dict[str, str | bool]:
    """The graph's attributes of an ``alicloud_vpc``: :data:`IPV4_GATEWAY` when an
    ``alicloud_vpc_ipv4_gateway`` of the scan names it and is or may be active, and
    ``ALICLOUD_IPV4_GATEWAY_ACTIVE`` when it is for certain (its route tables then decide)."""
    for gateway in ctx.related(["alicloud_vpc_ipv4_gateway"]):
        if gateway.mode != "managed" or ctx.referenced(gateway, "vpc_id", [r.type]) is not r:
            continue
        enabled = gateway.values.get("enabled")
        if enabled is None or enabled is False or str(enabled).lower() == "false":
            continue  # created inactive: the VPC's traffic is not affected
        on = enabled is True or str(enabled).lower() == "true"
        active = "enabled = true" if on else "enabled not known"
        found: dict[str, str | bool] = {IPV4_GATEWAY: f"{gateway.address} ({active})"}
        if on:
            found[ALICLOUD_IPV4_GATEWAY_ACTIVE] = True
        return found
    return {}


def vswitch(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_vswitch`` (a subnet of its ``vpc_id``)."""
    return "network.subnet", Facets()


#: alicloud_log_store (resources/log_store): ``retention_period`` "Default to 30" days
#: (3650: kept for good).
LOG_STORE_DOC = (
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/log_store"
)


def _log_store_days(r: TfResource, ctx: TfContext) -> int | None:
    """The retention of the ``alicloud_log_store`` of the scan the flow log writes to (its
    ``log_store_name`` refers to it); None when that Logstore is not in the scan."""
    store = ctx.target_of(r, "log_store_name", ["alicloud_log_store"])
    if store is None or store.mode != "managed":
        return None
    if store.values.get("retention_period") is None:
        ctx.note(r, "log_retention_days", 30,
                 DefaultedFacet(attribute=f"{store.address}.retention_period", doc=LOG_STORE_DOC))
        return 30
    return number(store.values, "retention_period")


def vpc_flow_log(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_vpc_flow_log``: "it will be active by default" (resources/vpc_flow_log);
    ``status = "Inactive"`` stops it. Its ``resource_id`` is the VPC, vSwitch or ENI whose
    traffic it records; its retention is its Logstore's."""
    status = text(r.values, "status", "Active")
    return "logging.flow_log", Facets(
        enabled=None if status is None else status.lower() == "active",
        log_retention_days=_log_store_days(r, ctx),
    )


def kms_key(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_kms_key``: automatic rotation (symmetric keys only) and key status."""
    v = r.values
    spec = text(v, "key_spec", "Aliyun_AES_256")
    rotation = text(v, "automatic_rotation", "Disabled")
    symmetric = spec is not None and spec.startswith(("Aliyun_AES", "Aliyun_SM4"))
    status = text(v, "status", text(v, "key_state", "Enabled"))
    enabled = flag(v, "is_enabled", True) if status is None else status == "Enabled"
    return "crypto.key", Facets(
        key_rotation=None if rotation is None or not symmetric else rotation == "Enabled",
        enabled=enabled,
    )


def password_policy(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_ram_account_password_policy``: minimum length, 12 when not given."""
    return "identity.account_settings", Facets(
        password_min_length=number(r.values, "minimum_password_length", 12),
    )


def mongodb_instance(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_mongodb_instance`` (ApsaraDB for MongoDB replica sets): transparent data
    encryption only with ``tde_status = "enabled"`` (disabled by default; a key of the
    tenant's with ``encryption_key``), cloud-disk encryption with ``encrypted`` (and
    ``cloud_disk_encryption_key``), SSL only with ``ssl_action`` ``Open`` or ``Update``
    (``Close`` by default), the IP whitelist ``security_ip_list`` (``127.0.0.1`` by default),
    secondary or hidden nodes in another zone (``secondary_zone_id`` / ``hidden_zone_id``;
    without them every node is in ``zone_id``)
    (registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/mongodb_instance)."""
    v = r.values
    tde = text(v, "tde_status", "disabled")
    disk = flag(v, "encrypted", False)
    at_rest = None if tde is None or disk is None else tde.lower() == "enabled" or disk
    own_key = [
        is_set(v, "encryption_key") if tde is not None and tde.lower() == "enabled" else False,
        is_set(v, "cloud_disk_encryption_key") if disk else False,
    ]
    customer_key = (
        None
        if at_rest is None
        else False
        if not at_rest
        else True
        if any(k is True for k in own_key)
        else None
        if any(k is None for k in own_key)
        else False
    )
    ssl = text(v, "ssl_action", "Close")
    allowed = _whitelist(v.get("security_ip_list"), v.get("security_group_id"))
    zones = [is_set(v, "secondary_zone_id"), is_set(v, "hidden_zone_id")]
    return "database.instance", Facets(
        ingress=None
        if allowed is None
        else (IngressRule(protocol="tcp", from_port=27017, to_port=27017, sources=allowed),),
        encrypted_at_rest=at_rest,
        customer_managed_key=customer_key,
        encrypted_in_transit=None if ssl is None else ssl.lower() in {"open", "update"},
        high_availability=True
        if any(z is True for z in zones)
        else None
        if any(z is None for z in zones)
        else False,
        region=text(v, "region"),
    )


def actiontrail(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_actiontrail_trail``: on, every region."""
    v = r.values
    status = text(v, "status", "Enable")
    regions = text(v, "trail_region", "All")
    return "logging.audit_trail", Facets(
        enabled=None if status is None else status == "Enable",
        multi_region=None if regions is None else regions == "All",
    )


MAPPINGS: dict[str, MapFn] = {
    "alicloud_oss_bucket": oss_bucket,
    "alicloud_db_instance": db_instance,
    "alicloud_actiontrail_trail": actiontrail,
    "alicloud_security_group": security_group,
    "alicloud_security_group_rule": standalone_rule,
    "alicloud_disk": disk,
    "alicloud_ecs_disk": disk,
    "alicloud_kms_key": kms_key,
    "alicloud_ram_account_password_policy": password_policy,
    "alicloud_mongodb_instance": mongodb_instance,
    **dict.fromkeys(LAUNCHED_TYPES, ecs_instance),
    "alicloud_ess_scaling_configuration": ess_scaling_configuration,
    **dict.fromkeys(LAUNCH_TEMPLATE_TYPES, ecs_launch_template),
    "alicloud_slb_listener": slb_listener,
    "alicloud_slb_load_balancer": slb,
    "alicloud_slb": slb,
    **dict.fromkeys(
        ("alicloud_slb_backend_server", "alicloud_slb_attachment", "alicloud_slb_server_group",
         "alicloud_slb_master_slave_server_group", "alicloud_slb_server_group_server_attachment"),
        slb_backends),
    "alicloud_vpc": vpc,
    "alicloud_vswitch": vswitch,
    "alicloud_vpc_flow_log": vpc_flow_log,
    **dict.fromkeys(ENI_TYPES, backend_eni),
    **alicloud_ack.MAPPINGS,
}
#: Network interfaces are judged only as a backend standing for an instance not in the scan
#: (:func:`backend_eni`): the others count as not judged, as before.
NOT_JUDGED_WHEN_NONE = frozenset(ENI_TYPES)

#: Rules judged on their own too when their group is one of several (``registry``).
ALONE_WHEN_UNCERTAIN = frozenset({"alicloud_security_group_rule"})
#: Rule companions that add nothing to any group when an argument is written so (an egress
#: rule: ``_sg_rule`` reads inbound permissions only; ``registry``).
ADDS_NOTHING_WHEN = {"alicloud_security_group_rule": ("type", "egress")}

COMPANIONS: dict[str, CompanionFn] = {
    "alicloud_oss_bucket_acl": oss_bucket_acl,
    "alicloud_oss_bucket_policy": oss_bucket_policy,
    "alicloud_security_group_rule": security_group_rule,
}
