"""OpenStack resource types (``OS::...``) to canonical kinds and facets.

Used for HOT templates and for the ``OS::`` resources of CloudFormation-format Heat templates.
Facts that depend on the cloud's configuration (volume encryption of an unnamed volume type,
whether a named network is external) are ``None``.
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.models.resource import IngressRule
from gdcc_audit.normalize import glance, swift_acl
from gdcc_audit.normalize.cloudformation.types import Mapped, TypeMapper, default, kind_only
from gdcc_audit.normalize.cloudformation.values import (
    ResourceRef,
    as_bool,
    as_int,
    as_list,
    as_str,
    dig,
    tag_dict,
)
from gdcc_audit.normalize.defaults import nova_ephemeral_root
from gdcc_audit.normalize.keystone import ADMIN_ROLES

_ANY = {"IPv4": "0.0.0.0/0", "IPv6": "::/0"}


def neutron_rule(rule: Any) -> IngressRule | None:
    """One Neutron security-group rule; ``None`` for egress rules or unreadable entries."""
    if not isinstance(rule, dict):
        return None
    direction = rule.get("direction", "ingress")
    if direction != "ingress":
        return None
    protocol = rule.get("protocol")
    proto = "all" if protocol is None else (as_str(protocol) or "unknown").lower()
    proto = {"6": "tcp", "17": "udp", "1": "icmp", "any": "all"}.get(proto, proto)
    low, high = rule.get("port_range_min"), rule.get("port_range_max")
    from_port: int | None
    to_port: int | None
    if proto == "all" or (low is None and high is None and proto in {"tcp", "udp"}):
        from_port, to_port = 0, 65535  # Neutron: no range means every port
    elif proto in {"icmp", "ipv6-icmp", "icmpv6"}:
        from_port = to_port = None
    else:
        from_port, to_port = as_int(low), as_int(high if high is not None else low)
    sources: tuple[str, ...] | None
    # an inline rule of a group says remote_group_id, an OS::Neutron::SecurityGroupRule
    # remote_group (name or id)
    prefix = rule.get("remote_ip_prefix")
    group = rule.get("remote_group_id", rule.get("remote_group"))
    if prefix is not None:
        sources = (prefix,) if isinstance(prefix, str) else None
    elif group is not None or rule.get("remote_mode") == "remote_group_id":
        # remote_mode remote_group_id without an id means "this same group".
        target = group.target if isinstance(group, ResourceRef) else group
        sources = (f"ref:{target}",) if isinstance(target, str) else ("ref:self",)
    else:
        ethertype = rule.get("ethertype", "IPv4")
        any_source = _ANY.get(ethertype) if isinstance(ethertype, str) else None
        sources = (any_source,) if any_source else None  # no remote: anyone
    return IngressRule(protocol=proto, from_port=from_port, to_port=to_port, sources=sources)


def _ingress(rules: Any) -> tuple[IngressRule, ...] | None:
    items = as_list(rules)
    if items is None or not all(isinstance(r, dict) for r in items):
        return None
    return tuple(r for r in (neutron_rule(item) for item in items) if r is not None)


def security_group(props: dict[str, Any]) -> Mapped:
    return Mapped("network.security_group", {"ingress": _ingress(props.get("rules"))})


def security_group_rule(props: dict[str, Any]) -> Mapped:
    rules = _ingress([props])
    return Mapped("network.security_group", {"ingress": rules})


def nova_server(props: dict[str, Any]) -> Mapped:
    networks = as_list(props.get("networks")) or []
    floating = any(dig(n, "floating_ip") is not None for n in networks)
    # Whether a named network is external is the cloud's configuration: unknown unless a
    # floating IP is attached in this template (set here or by the link step).
    mapped = Mapped("compute.instance", {"public_endpoint": True if floating else None})
    mappings = ("block_device_mapping", "block_device_mapping_v2")
    if (
        all(props.get(name) in (None, []) for name in mappings) and "image" in props
    ) or root_from_image(props):
        # booted from an image onto the host's ephemeral storage; a block device mapping
        # may boot it from a volume, whose volume type decides (not known)
        mapped.facets["encrypted_at_rest"] = False
        mapped.defaults["encrypted_at_rest"] = nova_ephemeral_root()
    return mapped


#: Device names of a server's first disk: a legacy mapping there is taken as bootable by
#: Heat's validation (``device_name == 'vda'``), and Nova boots it instead of the image only
#: when the image's root device is that name (not known).
_ROOT_DEVICES = frozenset({"vda", "/dev/vda"})
#: What a block_device_mapping_v2 entry attaches that may boot the server.
_BOOTABLE_SOURCES = ("volume_id", "snapshot_id", "image", "image_id")


def root_from_image(props: dict[str, Any]) -> bool:
    """Whether a server given an ``image`` and block device mappings certainly boots the
    image onto the host (its root disk on the host's ephemeral storage), the mappings being
    other disks. Heat's own validation (nova/server.py ``validate_bdm``,
    ``_build_block_device_mapping_v2``): a ``block_device_mapping_v2`` volume, snapshot or
    image whose ``boot_index`` is not written (Heat gives it 0) or is 0 is a bootable source,
    and a second one beside the image is refused ("Multiple bootable sources"); so with the
    image, every such entry must say another boot index: the root disk is the image's. A
    legacy ``block_device_mapping`` boots the image unless an entry is on the first disk
    (``vda``: Heat takes it as bootable, Nova boots it when the image's root device is that
    name); a device name not known may be that one. Heat refuses both lists together.
    openstack/heat-translator's and rally's servers with an image and volumes were UNKNOWN
    GDCC-CMP-003 (their root disk's encryption the Nova default)."""
    if props.get("image") is None:
        return False
    legacy = as_list(props.get("block_device_mapping")) or []
    v2 = as_list(props.get("block_device_mapping_v2")) or []
    if legacy and v2:
        return False
    for entry in legacy:
        name = entry.get("device_name") if isinstance(entry, dict) else None
        if not isinstance(name, str) or name in _ROOT_DEVICES:
            return False
    for entry in v2:
        if not isinstance(entry, dict):
            return False
        if any(entry.get(key) is not None for key in _BOOTABLE_SOURCES):
            written = entry.get("boot_index")
            index = None if isinstance(written, bool) else as_int(written)
            if index is None or index == 0:
                return False
    return bool(legacy or v2)


def neutron_net(props: dict[str, Any]) -> Mapped:
    # ProviderNet's own router_external (default false), else value_specs router:external
    external = props.get("router_external")
    external = dig(props, "value_specs", "router:external") if external is None else external
    return Mapped("network.vpc", {"public_endpoint": default(external, False, as_bool)})


def router(props: dict[str, Any]) -> Mapped:
    gateway = props.get("external_gateway_info")
    return Mapped("network.router", {"public_endpoint": True if gateway is not None else None})


def cinder_volume(props: dict[str, Any]) -> Mapped:
    return Mapped("storage.volume", {"encrypted_at_rest": None})


def swift_container(props: dict[str, Any]) -> Mapped:
    verdict = swift_acl.judge(props.get("X-Container-Read"), props.get("X-Container-Write"))
    mapped = Mapped("storage.bucket", {"public_access": verdict.public})
    if verdict.because is not None:
        mapped.because["public_access"] = verdict.because
    return mapped


def _listener_tls(props: dict[str, Any]) -> str | None:
    versions = as_list(props.get("tls_versions"))
    if not versions:
        return None
    numbers = sorted(str(v).replace("TLSv", "") for v in versions if isinstance(v, str))
    return numbers[0] if numbers else None


def octavia_listener(props: dict[str, Any]) -> Mapped:
    protocol = as_str(props.get("protocol"))
    facets: dict[str, Any] = {}
    if protocol is not None:
        facets["encrypted_in_transit"] = protocol.upper() in {"TERMINATED_HTTPS", "HTTPS"}
        if protocol.upper() == "TERMINATED_HTTPS":
            facets["tls_min_version"] = _listener_tls(props)
    return Mapped("network.load_balancer", facets)


def keystone_user(props: dict[str, Any]) -> Mapped:
    roles = as_list(props.get("roles"))
    admin: bool | None = None
    if roles is not None:
        names = [dig(r, "role") for r in roles]
        admin = True if any(isinstance(n, str) and n in ADMIN_ROLES for n in names) else (
            False if all(isinstance(n, str) for n in names) else None
        )
    return Mapped(
        "identity.user", {"enabled": default(props.get("enabled"), True, as_bool),
                          "admin_privileges": admin}
    )


def role_assignment(props: dict[str, Any]) -> Mapped:
    mapped = keystone_user(props)
    return Mapped("identity.policy", {"admin_privileges": mapped.facets["admin_privileges"]})


#: Heat's ``OS::Glance::WebImage``: ``visibility`` defaults to ``private``.
HEAT_IMAGE_DOC = (
    "https://docs.openstack.org/heat/latest/template_guide/openstack.html#OS::Glance::WebImage"
)


def glance_image(props: dict[str, Any]) -> Mapped:
    """``OS::Glance::WebImage``: open to every project when ``public`` or ``community``."""
    found = glance.judge(props.get("visibility"), HEAT_IMAGE_DOC)
    mapped = Mapped("compute.image", {"public_access": found.public})
    if found.default is not None:
        mapped.defaults["public_access"] = found.default
    if found.because is not None:
        mapped.because["public_access"] = found.because
    return mapped


def barbican_secret(props: dict[str, Any]) -> Mapped:
    return Mapped("crypto.secret", {})


HEAT_TYPES: dict[str, TypeMapper] = {
    "OS::Nova::Server": nova_server,
    "OS::Neutron::Net": neutron_net,
    "OS::Neutron::ProviderNet": neutron_net,
    "OS::Neutron::Subnet": kind_only("network.subnet"),
    "OS::Neutron::Router": router,
    "OS::Neutron::SecurityGroup": security_group,
    "OS::Neutron::SecurityGroupRule": security_group_rule,
    "OS::Neutron::FloatingIP": kind_only("network.public_ip", public_endpoint=True),
    "OS::Nova::FloatingIP": kind_only("network.public_ip", public_endpoint=True),
    "OS::Cinder::Volume": cinder_volume,
    "OS::Swift::Container": swift_container,
    "OS::Octavia::LoadBalancer": kind_only("network.load_balancer"),
    "OS::Octavia::Listener": octavia_listener,
    "OS::Neutron::LBaaS::LoadBalancer": kind_only("network.load_balancer"),
    "OS::Neutron::LBaaS::Listener": octavia_listener,
    # a pool and its members: what a listener forwards to (graph/network.py)
    "OS::Octavia::Pool": kind_only("network.target_group"),
    "OS::Octavia::PoolMember": kind_only("network.target_group"),
    "OS::Neutron::LBaaS::Pool": kind_only("network.target_group"),
    "OS::Neutron::LBaaS::PoolMember": kind_only("network.target_group"),
    "OS::Keystone::User": keystone_user,
    "OS::Keystone::Role": kind_only("identity.role"),
    "OS::Keystone::UserRoleAssignment": role_assignment,
    "OS::Keystone::GroupRoleAssignment": role_assignment,
    "OS::Barbican::Secret": barbican_secret,
    "OS::Barbican::Order": barbican_secret,
    "OS::Barbican::CertificateContainer": kind_only("crypto.certificate"),
    "OS::Trove::Instance": kind_only("database.instance"),
    "OS::Trove::Cluster": kind_only("database.instance"),
    "OS::Magnum::Cluster": kind_only("container.cluster"),
    "OS::Zaqar::Queue": kind_only("messaging.queue"),
    "OS::Glance::WebImage": glance_image,
    "OS::Aodh::Alarm": kind_only("logging.monitor"),
}


def heat_tags(kind: str, props: dict[str, Any]) -> dict[str, str]:
    """A resource's tags: a server's ``metadata``, another's ``tags``."""
    if kind == "OS::Nova::Server":
        return tag_dict(props.get("metadata"))
    return tag_dict(props.get("tags"))
