"""Huawei Cloud (huaweicloud; Bangkok is ap-southeast-2): OBS buckets, RDS, ECS and EVS, VPC,
security groups and rules, EIPs, KMS, CTS, LTS, VPC flow logs, IAM users,
CBR backup policies.

Neutron-style security group rules: no ``remote_ip_prefix`` (and no remote group) means any
address; no protocol means every protocol; no ports mean every port.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets, IngressRule
from gdcc_audit.normalize.terraform.common import (
    group_sources,
    port,
    port_range,
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
    NEVER_EXPIRES_DAYS,
    block,
    blocks,
    flag,
    is_set,
    number,
    string_list,
    text,
)


def obs_bucket(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_obs_bucket``: ``encryption`` with ``sse_algorithm`` kms (KMS key optional)."""
    v = r.values
    acl = text(v, "acl", "private")
    encryption = flag(v, "encryption", False)
    # the inline bucket policy grants as an huaweicloud_obs_bucket_policy does
    policy = policy_value(r)
    grants = [
        None if acl is None else acl in {"public-read", "public-read-write"},
        # OBS's condition keys (SourceIp, Referer) are not read: a public statement with a
        # condition is not known
        None if policy is UNKNOWN else grants_public_plainly(policy),
    ]
    return "storage.bucket", Facets(
        public_access=True if True in grants else (None if None in grants else False),
        encrypted_at_rest=encryption,
        customer_managed_key=None
        if encryption is None
        # (a key not known is not "no key": ``is True`` read it False, a wrong FAIL)
        else encryption and is_set(v, "kms_key_id"),
        versioning=flag(v, "versioning", False),
        access_logging=is_set(v, "logging"),
        # OBS takes HTTP requests unless a bucket policy's SecureTransport condition refuses
        # them (OBS_HTTP_DOC): a Deny on SecureTransport false for everyone, every action, the
        # bucket and its objects (an Allow limited to HTTPS leaves the owner and IAM users on
        # HTTP, stricter than Config's rule, which reads the policy's grants only)
        encrypted_in_transit=refuses_plain_http(policy, v.get("bucket")),
        region=text(v, "region"),
    )


#: Huawei Cloud Config, "OBS Buckets Do Not Allow HTTP Requests" (obs-bucket-ssl-requests-only):
#: "If an OBS bucket allows HTTP requests, this bucket is noncompliant ... To prevent clients
#: from using HTTP to perform OBS operations, you are advised to include the SecureTransport
#: condition in the bucket policy".
OBS_HTTP_DOC = "https://support.huaweicloud.com/intl/en-us/usermanual-rms/rms_05_3046.html"


def obs_policy(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``huaweicloud_obs_bucket_policy`` granting ``*`` makes the bucket public."""
    target = ctx.referenced(r, "bucket", ["huaweicloud_obs_bucket"])
    if target is None:
        return []
    policy = policy_value(r)
    public = None if policy is UNKNOWN else grants_public_plainly(policy)
    refuses = refuses_plain_http(policy, target.values.get("bucket"))

    def merge(facets: Facets) -> dict[str, Any]:
        # written after the bucket (it names it), over the bucket's own policy
        found: dict[str, Any] = {"encrypted_in_transit": refuses}
        if facets.public_access is True or public is False:
            return found
        return {**found, "public_access": public}

    return [Contribution(target.address, r.address, merge=merge)]


def obs_acl(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``huaweicloud_obs_bucket_acl``: ``public_permission`` giving everyone READ or WRITE on
    the bucket, or WRITE_ACP on its ACL, makes the bucket public (READ_ACP only shows the
    ACL)."""
    target = ctx.referenced(r, "bucket", ["huaweicloud_obs_bucket"])
    if target is None:
        return []
    granted = blocks(r.values, "public_permission")
    public: bool | None = None
    if granted is not None:
        lists = [
            string_list(item, key, ())
            for item in granted for key in ("access_to_bucket", "access_to_acl")
        ]
        if all(found is not None for found in lists):
            named = {str(p).upper() for found in lists for p in found or ()}
            public = bool(named & {"READ", "WRITE", "WRITE_ACP"})

    def merge(facets: Facets) -> dict[str, Any]:
        if facets.public_access is True or public is False:
            return {}
        return {"public_access": public}

    return [Contribution(target.address, r.address, merge=merge)]


def rds(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_rds_instance``: disk encryption key, SSL, backups, HA, public EIP."""
    v = r.values
    days = _keep_days(v, 7)
    mode = text(v, "ha_replication_mode")
    zones = v.get("availability_zone")
    return "database.instance", Facets(
        encrypted_at_rest=is_set(v, "volume.0.disk_encryption_id"),
        customer_managed_key=is_set(v, "volume.0.disk_encryption_id"),
        encrypted_in_transit=flag(v, "ssl_enable", False),
        backup_enabled=None if days is None else days > 0,
        backup_retention_days=days,
        # (zones chosen at plan time, e.g. from a data source, are not known)
        high_availability=None
        if v.get("ha_replication_mode") is UNKNOWN or (zones is UNKNOWN and mode is None)
        else mode is not None or (isinstance(zones, list) and len(zones) > 1),
        public_endpoint=bound_eip(r, ctx),
    )


def _keep_days(values: Mapping[str, Any], default: int | None) -> int | None:
    """Days a database's ``backup_strategy`` keeps backups (``default`` without the block)."""
    backup = block(values, "backup_strategy")
    if backup is None:
        return None
    return number(backup, "keep_days", default) if backup else default


def dcs(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_dcs_instance`` (Distributed Cache Service, Redis / Memcached): with no
    ``password`` and no ``access_user`` the provider creates it with password-free access
    (``no_password_access = true`` in its create request: terraform-provider-huaweicloud,
    services/dcs/resource_huaweicloud_dcs_instance.go); SSL only when ``ssl_enable`` is true
    (set after creation when true, else left off). Reached inside its VPC, through its IP
    whitelist or security group; an EIP of its own is not in the resource."""
    v = r.values
    password, user = v.get("password"), v.get("access_user")
    given = [value for value in (password, user) if value is not UNKNOWN]
    auth = True if any(given) else (None if len(given) < 2 else False)
    ssl = flag(v, "ssl_enable", False)
    return "database.instance", Facets(
        auth_required=auth,
        encrypted_in_transit=ssl,
        public_endpoint=bound_eip(r, ctx, decide=False),
        **_dcs_backups(r, ctx),
    )


def _dcs_backups(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """A DCS instance's automatic backups: a ``backup_policy`` whose ``backup_type`` is
    ``auto`` (its default) keeps them ``save_days``; ``manual``, or no policy, makes none
    (provider docs, dcs_instance: backup_policy; single-node instances cannot have one)."""
    policy = block(r.values, "backup_policy")
    if policy is None:
        return {}
    if not policy:
        ctx.note(r, "backup_enabled", False, because=_DCS_NO_POLICY)
        return {"backup_enabled": False, "backup_retention_days": 0}
    kind = text(policy, "backup_type", "auto")
    if kind is None:
        return {}
    if kind.lower() != "auto":
        return {"backup_enabled": False, "backup_retention_days": 0}
    return {"backup_enabled": True, "backup_retention_days": number(policy, "save_days")}


_DCS_NO_POLICY = Text(
    en="no backup_policy: DCS makes no automatic backup without one (single-node instances "
    "cannot have one)",
    th="ไม่มี backup_policy DCS ไม่สำรองข้อมูลอัตโนมัติหากไม่มีนโยบายนี้ (อินสแตนซ์แบบ single-node ตั้งไม่ได้)",
)


def as_configuration(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_as_configuration``: the ECS servers an Auto Scaling group launches from it
    (read as those servers, as an AWS launch template): in ``instance_config``'s security
    groups, with an EIP "automatically assigned to the instance" only when ``public_ip`` is
    set (provider docs, as_configuration), its user data read by ``extras``."""
    config = block(r.values, "instance_config")
    if not config:
        return "compute.instance", Facets()
    public = config.get("public_ip")
    return "compute.instance", Facets(
        public_endpoint=None if public is UNKNOWN else bool(public),
    )


def smn_topic(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_smn_topic``: ``users_publish_allowed`` "*" lets every user publish
    ("``*`` which indicates all users"); "If left empty, that means only the topic creator
    can publish messages" (provider docs, smn_topic)."""
    allowed = r.values.get("users_publish_allowed")
    if allowed is UNKNOWN:
        return "messaging.topic", Facets()
    listed = [a.strip() for a in str(allowed or "").split(",")]
    return "messaging.topic", Facets(public_access="*" in listed)


def dds(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_dds_instance`` (Document Database Service, MongoDB): disk encryption
    with a KMS key when ``disk_encryption_id`` is set (as RDS); SSL "Defaults to true"
    (provider docs, dds_instance); backups from ``backup_strategy.keep_days``; public when an
    EIP is bound (``huaweicloud_dds_instance_eip_associate``)."""
    v = r.values
    days = _keep_days(v, None)
    return "database.instance", Facets(
        encrypted_at_rest=is_set(v, "disk_encryption_id"),
        customer_managed_key=is_set(v, "disk_encryption_id"),
        encrypted_in_transit=flag(v, "ssl", True),
        backup_enabled=None if days is None else days > 0,
        backup_retention_days=days,
        public_endpoint=bound_eip(r, ctx),
    )


def kafka(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_dms_kafka_instance`` (a Kafka broker: kind ``messaging.queue`` as Amazon
    MSK): SASL_SSL "Defaults to false" (provider docs, dms_kafka_instance: ``ssl_enable``;
    ``port_protocol`` takes precedence and is not read here); public when
    ``public_ip_ids`` binds EIPs."""
    v = r.values
    protocols = v.get("port_protocol")
    ssl = None if protocols not in (None, []) else flag(v, "ssl_enable", False)
    eips = v.get("public_ip_ids")
    public = None if eips is UNKNOWN else bool(eips)
    return "messaging.queue", Facets(encrypted_in_transit=ssl, public_endpoint=public)


#: Resources that bind an EIP, with the attributes naming what they bind it to (the
#: provider's docs of each type; a port found by ``data "huaweicloud_networking_port"`` is
#: followed to what it was looked up by).
EIP_ASSOCIATIONS: dict[str, tuple[str, ...]] = {
    "huaweicloud_vpc_eip_associate": ("port_id", "fixed_ip"),
    "huaweicloud_networking_eip_associate": ("port_id",),
    "huaweicloud_compute_eip_associate": ("instance_id",),
    "huaweicloud_global_eip_associate": ("associate_instance",),
    **dict.fromkeys(
        (
            "huaweicloud_rds_instance_eip_associate",
            "huaweicloud_dds_instance_eip_associate",
            "huaweicloud_taurusdb_eip_associate",
            "huaweicloud_gaussdb_mysql_eip_associate",
            "huaweicloud_gaussdb_eip_associate",
            "huaweicloud_gaussdb_opengauss_eip_associate",
            "huaweicloud_gaussdb_redis_eip_associate",
            "huaweicloud_geminidb_eip_bind",
        ),
        ("instance_id",),
    ),
}
#: What an EIP binds, besides ports: servers, databases, balancers, CCE nodes.
HOLDERS = frozenset(
    {"huaweicloud_compute_instance", "huaweicloud_rds_instance", "huaweicloud_dds_instance",
     "huaweicloud_dcs_instance", "huaweicloud_taurusdb_instance",
     "huaweicloud_gaussdb_mysql_instance", "huaweicloud_gaussdb_instance",
     "huaweicloud_gaussdb_opengauss_instance", "huaweicloud_gaussdb_redis_instance",
     "huaweicloud_geminidb_instance", "huaweicloud_cce_node", "huaweicloud_elb_loadbalancer",
     "huaweicloud_lb_loadbalancer"}
)


def bound_to(item: TfResource, r: TfResource, ctx: TfContext) -> bool | None:
    """Whether EIP association ``item`` binds ``r``: True, False (it names another resource
    of the scan), None (its target cannot be told)."""
    targets: list[TfResource] = []
    for ref in item.references:
        if ref.attribute.split(".", 1)[0] in EIP_ASSOCIATIONS[item.type]:
            found = ctx.resolve(item, ref.target)
            if found is not None:
                targets.append(found)
    if not targets:
        return None
    if any(target.address == r.address for target in targets):
        return True
    for target in targets:
        if target.mode == "data":
            # what a data source finds (the provider's own example: the port looked up by
            # ``fixed_ip = huaweicloud_rds_instance.test.fixed_ip``): the resource it is looked
            # up by, when that is a server or database of the scan; else not known
            looked = [ctx.resolve(target, ref.target) for ref in target.references]
            if any(f is not None and f.address == r.address for f in looked):
                return True
            if not any(f is not None and f.mode == "managed" and f.type in HOLDERS
                       for f in looked):
                return None
        elif any(ctx.resolve(r, ref.target) is target for ref in r.references):
            return True  # a port of the scan that ``r`` is attached to
        elif _base(target.address) == _base(r.address):
            return None  # another instance of the same block: which index is not told
    return False


def _base(address: str) -> str:
    return address.split("[", 1)[0]


def bound_eip(r: TfResource, ctx: TfContext, decide: bool = True) -> bool | None:
    """True when an EIP association of the root binds ``r``; False when none may and the
    whole root was scanned (``public_address.no_association``; not when ``decide`` is off);
    None otherwise."""
    undecided = []
    found = ctx.related(EIP_ASSOCIATIONS)
    for item in found:
        bound = bound_to(item, r, ctx)
        if bound:
            return True
        if bound is None:
            undecided.append(item.address)
    if not decide:
        return None
    # a virtual IP (``huaweicloud_networking_vip_associate``) moves between the ports it
    # names: an EIP bound to it reaches whichever holds it
    claims = bool(found) and bool(ctx.related(["huaweicloud_networking_vip_associate"]))
    return no_association(
        r, ctx, sorted(i.address for i in found) if claims else undecided, "EIP", claims=claims
    )


def own_address(r: TfResource, ctx: TfContext, name: str) -> bool | None:
    """Whether ``name`` (``eip_id``, ``ipv4_eip_id``, ``bandwidth``) is set: a value not known
    that refers to a resource of the scan (``huaweicloud_vpc_eip.e.id``) is set, that resource
    exists; one from an input may be null (not known)."""
    found = is_set(r.values, name)
    if found is None and any(
        ref.attribute.split(".", 1)[0] == name
        and (target := ctx.resolve(r, ref.target)) is not None and target.mode == "managed"
        for ref in r.references
    ):
        return True
    return found


#: The group Huawei Cloud puts an ECS in when it names none, and the data source that finds
#: groups by name: "If you did not create any security groups, the system automatically creates
#: a default security group ... The default security group is named default"
#: (support.huaweicloud.com/intl/en-us/usermanual-ecs/ecs_03_0603.html).
DEFAULT_GROUP = "default"
GROUP_LOOKUP = "huaweicloud_networking_secgroup"
#: ``Resource.attributes`` key of an ``huaweicloud_networking_secgroup_rule`` whose group is
#: looked up by a data source: ``yes`` (named ``default``: the project's default group),
#: ``maybe`` (a name not known); read by ``graph.defaults``.
DEFAULT_GROUP_RULE = "adds_to_default_group"


#: Data sources finding a security group by name, per rule type (Huawei Cloud, OpenStack:
#: both projects' default group is named ``default``).
GROUP_LOOKUPS = {
    "huaweicloud_networking_secgroup_rule": GROUP_LOOKUP,
    "huaweicloud_networking_secgroup_rule_v2": "huaweicloud_networking_secgroup_v2",
    "openstack_networking_secgroup_rule_v2": "openstack_networking_secgroup_v2",
}


def _looked_up_default(found: TfResource | None, lookup: str = GROUP_LOOKUP) -> bool | None:
    """Whether ``found`` is a data source finding the group named ``default`` (None: a group
    data source whose name is not known; False: anything else)."""
    if found is None or found.mode != "data" or found.type != lookup:
        return False
    name = found.values.get("name")
    if name is UNKNOWN or (name is None and found.values.get("secgroup_id") is None):
        return None
    return name == DEFAULT_GROUP


def ecs_groups(r: TfResource, ctx: TfContext) -> str:
    """``default`` when an ECS is in its project's default security group: it names none
    (``security_group_ids`` / ``security_groups`` unwritten or empty: the ECS API binds the
    default group, support.huaweicloud.com/intl/en-us/api-ecs/ecs_02_0101.html), or names only
    ``default`` (by name, or a data source looking it up); ``other`` otherwise."""
    ids, names = r.values.get("security_group_ids"), r.values.get("security_groups")
    if ids in (None, []) and names in (None, []):
        return DEFAULT_GROUP
    if ids in (None, []) and isinstance(names, list) and all(n == DEFAULT_GROUP for n in names):
        return DEFAULT_GROUP
    if isinstance(ids, list) and ids:
        targets = [ctx.resolve(r, ref.target) for ref in r.references
                   if ref.attribute.split(".", 1)[0] == "security_group_ids"]
        if len(targets) >= len(ids) and all(_looked_up_default(t) is True for t in targets):
            return DEFAULT_GROUP
    return "other"


def default_group_rule(r: TfResource, ctx: TfContext) -> str | None:
    """``yes`` / ``maybe`` when a standalone rule's group is a data source finding the group
    named ``default`` / a group whose name is not known (``DEFAULT_GROUP_RULE``)."""
    for ref in r.references:
        if ref.attribute.split(".", 1)[0] == "security_group_id":
            found = _looked_up_default(ctx.resolve(r, ref.target), GROUP_LOOKUPS[r.type])
            if found is not False:
                return "yes" if found else "maybe"
    return None


#: Words of Linux image names and the Linux ``os`` values of an image lookup
#: (data-sources/images_image: "Windows, Ubuntu, RedHat, SUSE, CentOS, Debian, OpenSUSE,
#: Oracle Linux, Fedora, Other, CoreOS, or EulerOS").
_LINUX_IMAGES = ("ubuntu", "centos", "debian", "euleros", "openeuler", "huawei cloud euleros",
                 "hce", "redhat", "rhel", "suse", "opensuse", "oracle linux", "fedora",
                 "coreos", "rocky", "almalinux")
_IMAGE_LOOKUPS = ("huaweicloud_images_image", "huaweicloud_images_images")


def _linux_image(r: TfResource, ctx: TfContext) -> bool:
    """Whether the server's image is known to be a Linux one: a literal ``image_name``, or an
    image lookup whose ``os``, ``name`` or ``name_regex`` names a Linux distribution."""
    named: list[Any] = [r.values.get("image_name")]
    if not isinstance(named[0], str):
        found = ctx.referenced(r, "image_id", _IMAGE_LOOKUPS)
        if found is None:
            return False
        named = [found.values.get(k) for k in ("os", "name", "name_regex")]
        os_type = named[0]
        if isinstance(os_type, str) and os_type.lower() in ("windows", "other"):
            return False
    return any(isinstance(n, str) and any(w in n.lower() for w in _LINUX_IMAGES)
               for n in named)


def _password_login(r: TfResource, ctx: TfContext) -> bool | None:
    """True when a Linux server gets an ``admin_pass`` and no ``key_pair``: "adminPass:
    Specifies the initial login password of the administrator account for logging in to an
    ECS using password authentication" (Huawei Cloud ECS API, Creating an ECS); None
    otherwise (a key pair, no password, an image not known to be Linux: its user data may
    still say, ``extras.server_user_data``)."""
    if is_set(r.values, "admin_pass") is not True or is_set(r.values, "key_pair") is not False:
        return None
    return True if _linux_image(r, ctx) else None


def ecs(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_compute_instance``: system disk KMS key, EIP binding, password log-in
    (:func:`_password_login`)."""
    v = r.values
    kms = is_set(v, "system_disk_kms_key_id")
    # an EIP of its own ("eip_id", or one the provider assigns from "eip_type"/"bandwidth")
    own = [own_address(r, ctx, name) for name in ("eip_id", "eip_type", "bandwidth")]
    bound = bound_eip(r, ctx)
    public = True if True in own or bound else (None if None in own else bound)
    return "compute.instance", Facets(
        encrypted_at_rest=kms,
        customer_managed_key=kms,
        public_endpoint=public,
        password_auth=_password_login(r, ctx),
    )


def evs(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_evs_volume``: encrypted when it has a KMS key."""
    kms = is_set(r.values, "kms_id")
    return "storage.volume", Facets(encrypted_at_rest=kms, customer_managed_key=kms)


def vpc(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_vpc``."""
    return "network.vpc", Facets()


def subnet(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_vpc_subnet``."""
    return "network.subnet", Facets()


def eip(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_vpc_eip``."""
    return "network.public_ip", Facets(public_endpoint=True)


def security_group(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_networking_secgroup``: unless ``delete_default_rules``, the default rules
    allow inbound traffic from members of the same group only."""
    deleted = flag(r.values, "delete_default_rules", False)
    if deleted is None:
        return "network.security_group", Facets()
    same_group = IngressRule(protocol="all", from_port=0, to_port=65535, sources=("self",))
    return "network.security_group", Facets(ingress=() if deleted else (same_group,))


#: IP address groups a rule's ``remote_address_group_id`` may name: Huawei Cloud's
#: (resources/vpc_address_group: ``addresses`` "a single IP address, IP address range or IP
#: address CIDR", or ``ip_extra_set`` blocks' ``ip``; ``ip_version`` 4 by default) and
#: OpenStack's (resources/networking_address_group_v2: ``addresses``, CIDRs).
ADDRESS_GROUPS = ("huaweicloud_vpc_address_group", "openstack_networking_address_group_v2")


def _cidrs(item: str) -> list[str] | None:
    """An address group entry as CIDRs: ``10.0.0.0/8``, ``192.168.10.10`` (one host) or
    ``192.168.1.1-192.168.1.50`` (a range); None when it is none of them."""
    try:
        if "-" in item:
            first, last = (ipaddress.ip_address(p.strip()) for p in item.split("-", 1))
            return [str(n) for n in ipaddress.summarize_address_range(first, last)]
        return [str(ipaddress.ip_network(item.strip(), strict=False))]
    except (TypeError, ValueError):
        return None


def group_addresses(group: TfResource) -> tuple[str, ...] | None:
    """The ranges an address group holds (empty: none), as CIDRs; None when one is not
    known."""
    items: Iterable[Any]
    extra = blocks(group.values, "ip_extra_set")
    if extra is None:
        return None
    listed = group.values.get("addresses")
    if listed is UNKNOWN or (listed is None and not extra):
        items = [] if listed is None else [UNKNOWN]
    else:
        items = [*(listed or ()), *(b.get("ip") for b in extra)]
    found: list[str] = []
    for item in items:
        ranges = _cidrs(item) if isinstance(item, str) else None
        if ranges is None:
            return None
        found.extend(ranges)
    return tuple(found)


def address_group_sources(r: TfResource, ctx: TfContext) -> tuple[str, ...] | None:
    """What a rule's ``remote_address_group_id`` admits: the ranges of the address group of
    the scan it names; None when it names none (an id, an input, a data source: its
    addresses are not in the input) or one of its entries is not known."""
    group = ctx.referenced(r, "remote_address_group_id", ADDRESS_GROUPS)
    if group is None or group.mode != "managed":
        return None
    return group_addresses(group)


def neutron_rule(
    values: Mapping[str, Any], remote_group: str | None = None,
    address_group: tuple[str, ...] | None = None,
) -> tuple[IngressRule, ...]:
    """The inbound rules of one Neutron-style rule (Huawei Cloud, OpenStack): empty for egress
    or deny rules; one per port range of Huawei's ``ports = "22,80-90"``. ``remote_group`` is
    the source ``remote_group_id`` names when the caller resolved it (``self``, ``ref:...``);
    ``address_group`` the ranges of the address group ``remote_address_group_id`` names
    (:func:`address_group_sources`; None: not known, an id is no address)."""
    direction = values.get("direction")
    action = values.get("action", "allow")
    if direction is UNKNOWN or action is UNKNOWN:
        return (IngressRule(protocol="unknown", sources=None),)
    if str(direction).lower() != "ingress" or str(action).lower() != "allow":
        return ()
    remote = values.get("remote_ip_prefix")
    group = values.get("remote_group_id")
    addresses = values.get("remote_address_group_id")
    origins: tuple[str, ...] | None
    if all(v in (None, "") for v in (remote, group, addresses)):
        ipv6 = str(values.get("ethertype", "IPv4")).lower() == "ipv6"
        origins = ("::/0" if ipv6 else "0.0.0.0/0",)
    else:
        # a remote group is a group even when its id is computed (``sg:unknown``, resolved
        # by the graph through the rule's reference), never the internet; an address
        # group's addresses are its ranges when the caller read them, else not known
        listed = None if addresses in (None, "") else (
            UNKNOWN if address_group is None else address_group
        )
        named = sources(remote, listed)
        groups = (remote_group,) if remote_group else group_sources(None if group == "" else group)
        origins = None if named is None or groups is None else (*named, *groups)
    proto = protocol(values.get("protocol"))
    ports = values.get("ports")
    if ports is UNKNOWN:
        return (rule(proto, None, None, origins),)
    if isinstance(ports, str | int) and str(ports).strip():
        return tuple(rule(proto, *port_range(p), origins) for p in str(ports).split(","))
    low, high = values.get("port_range_min"), values.get("port_range_max")
    if low is None and high is None and proto != "all":
        return (rule(proto, 0, 65535, origins),)
    return (rule(proto, port(low), port(high), origins),)


#: Security groups, and the former names the provider still accepts
#: (``huaweicloud_networking_secgroup_v2`` / ``_rule_v2``: the same arguments; the modules of
#: terraform-huaweicloud-modules write them).
SECURITY_GROUPS = ("huaweicloud_networking_secgroup", "huaweicloud_networking_secgroup_v2")


def secgroup_rule(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``huaweicloud_networking_secgroup_rule`` adds to its group."""
    target = ctx.referenced(r, "security_group_id", SECURITY_GROUPS)
    if target is None or target.mode != "managed":
        return []  # a group looked up by a data source: the rule stands alone
    ingress = neutron_rule(r.values, address_group=address_group_sources(r, ctx))
    return [Contribution(target.address, r.address, {"ingress": ingress})]


def standalone_rule(r: TfResource, ctx: TfContext) -> Mapped:
    """A rule whose group is not in the document."""
    ingress = neutron_rule(r.values, address_group=address_group_sources(r, ctx))
    return "network.security_group", Facets(ingress=ingress)


def kms_key(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_kms_key``: rotation "The default value is **false**"; a Huawei KMS key
    has no resource policy (the resource has none; ``huaweicloud_kms_grant`` names one user
    or account): only its account's IAM users and named grantees can use it."""
    ctx.note(r, "public_access", False, because=_KMS_NO_POLICY)
    imported = text(r.values, "origin", "kms") == "external"  # cannot rotate (absent.py)
    return "crypto.key", Facets(
        key_rotation=None if imported else flag(r.values, "rotation_enabled", False),
        enabled=flag(r.values, "is_enabled", True),
        public_access=False,
    )


_KMS_NO_POLICY = Text(
    en="a Huawei Cloud KMS key has no key policy: only IAM users of its account and the user "
    "or account a grant names can use it",
    th="กุญแจ KMS ของ Huawei Cloud ไม่มี key policy ใช้ได้เฉพาะผู้ใช้ IAM ของบัญชีและผู้ใช้หรือบัญชีที่ grant ระบุ",
)


def cts_tracker(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_cts_tracker``: on, file validation, KMS; traces kept as long as the
    OBS bucket of the scan it transfers them to keeps them (``obs_retention``)."""
    v = r.values
    bucket = ctx.referenced(r, "bucket_name", ["huaweicloud_obs_bucket"])
    return "logging.audit_trail", Facets(
        enabled=flag(v, "enabled", True),
        log_integrity=flag(v, "validate_file", False),
        customer_managed_key=is_set(v, "kms_id"),
        multi_region=None,
        log_retention_days=None if bucket is None else obs_retention(bucket),
    )


def obs_retention(bucket: TfResource) -> int | None:
    """Days an OBS bucket keeps objects: the shortest ``expiration.days`` of its enabled
    ``lifecycle_rule`` blocks (any prefix: the shortest may apply), kept for good without
    one (provider docs, obs_bucket: objects are deleted only by an expiration rule)."""
    rules = blocks(bucket.values, "lifecycle_rule")
    if rules is None:
        return None
    days: list[int] = []
    for item in rules:
        enabled = flag(item, "enabled", None)
        if enabled is None:
            return None
        expiration = blocks(item, "expiration")
        if not enabled or expiration == []:
            continue
        found = [number(e, "days") for e in expiration or [{}]]
        if expiration is None or None in found:
            return None
        days.extend(d for d in found if d is not None)
    return min(days) if days else NEVER_EXPIRES_DAYS


def lts_group(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_lts_group``: ``ttl_in_days`` (required by the provider)."""
    return "logging.log_group", Facets(log_retention_days=number(r.values, "ttl_in_days"))


def flow_log(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_vpc_flow_log``: retention of its LTS group when in the document."""
    group = ctx.referenced(r, "log_group_id", ["huaweicloud_lts_group"])
    return "logging.flow_log", Facets(
        enabled=flag(r.values, "enabled", True),
        log_retention_days=None if group is None else number(group.values, "ttl_in_days"),
    )


def iam_user(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_identity_user``: login protection is not in the user resource."""
    return "identity.user", Facets(enabled=flag(r.values, "enabled", True))


def cbr_policy(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_cbr_policy``: ``time_period`` days, or kept (count-based) when absent."""
    v = r.values
    kind = text(v, "type", "backup")
    days = number(v, "time_period")
    if days is None and v.get("time_period") is None and v.get("backup_quantity") is None:
        days = NEVER_EXPIRES_DAYS
    return "backup.plan", Facets(
        backup_enabled=None if kind is None else flag(v, "enabled", True),
        backup_retention_days=days,
    )


MAPPINGS: dict[str, MapFn] = {
    "huaweicloud_obs_bucket": obs_bucket,
    "huaweicloud_rds_instance": rds,
    "huaweicloud_dcs_instance": dcs,
    "huaweicloud_smn_topic": smn_topic,
    "huaweicloud_as_configuration": as_configuration,
    # the provider's former name, the same resource (provider.go: as.ResourceASConfiguration);
    # terraform-huaweicloud-autoscaling writes it
    "huaweicloud_as_configuration_v1": as_configuration,
    "huaweicloud_dds_instance": dds,
    "huaweicloud_dms_kafka_instance": kafka,
    "huaweicloud_compute_instance": ecs,
    "huaweicloud_evs_volume": evs,
    "huaweicloud_vpc": vpc,
    "huaweicloud_vpc_subnet": subnet,
    "huaweicloud_vpc_eip": eip,
    "huaweicloud_networking_secgroup": security_group,
    "huaweicloud_networking_secgroup_rule": standalone_rule,
    "huaweicloud_networking_secgroup_v2": security_group,
    "huaweicloud_networking_secgroup_rule_v2": standalone_rule,
    "huaweicloud_kms_key": kms_key,
    "huaweicloud_cts_tracker": cts_tracker,
    "huaweicloud_lts_group": lts_group,
    "huaweicloud_vpc_flow_log": flow_log,
    "huaweicloud_identity_user": iam_user,
    "huaweicloud_cbr_policy": cbr_policy,
}

#: Rules judged on their own too when their group is one of several (``registry``).
ALONE_WHEN_UNCERTAIN = frozenset(
    {"huaweicloud_networking_secgroup_rule", "huaweicloud_networking_secgroup_rule_v2"}
)
#: Rule companions that add nothing to any group when an argument is written so (an egress
#: rule: ``neutron_rule`` reads inbound rules only; ``registry``).
ADDS_NOTHING_WHEN = {
    "huaweicloud_networking_secgroup_rule": ("direction", "egress"),
    "huaweicloud_networking_secgroup_rule_v2": ("direction", "egress"),
}

COMPANIONS: dict[str, CompanionFn] = {
    "huaweicloud_obs_bucket_policy": obs_policy,
    "huaweicloud_obs_bucket_acl": obs_acl,
    "huaweicloud_networking_secgroup_rule": secgroup_rule,
    "huaweicloud_networking_secgroup_rule_v2": secgroup_rule,
}
