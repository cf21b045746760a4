"""OpenStack (openstack; the basis of many private government clouds): Nova instances, Cinder
volumes, Neutron networks, subnets, security groups and rules, floating IPs and routers,
Swift containers, Trove databases, Octavia listeners, Keystone users and application
credentials, Barbican secrets.

Encryption of Cinder volumes depends on the volume type's encryption spec, which Terraform
does not show on the volume: ``encrypted_at_rest`` is ``None`` unless the volume type is an
``openstack_blockstorage_volume_type_v3`` in the document with an ``encryption`` extra spec.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import (
    PORT_GROUPS,
    PORT_NETWORKS,
    DefaultedFacet,
    Facets,
    IngressRule,
    Reference,
)
from gdcc_audit.normalize import glance, magnum, swift_acl
from gdcc_audit.normalize.defaults import nova_ephemeral_root
from gdcc_audit.normalize.group_lists import unsecured_ingress
from gdcc_audit.normalize.keystone import ADMIN_ROLES
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
from gdcc_audit.normalize.terraform.huaweicloud import address_group_sources, neutron_rule
from gdcc_audit.normalize.terraform.public_address import no_association
from gdcc_audit.normalize.terraform.values import blocks, flag, is_set, string_list, text
from gdcc_audit.normalize.trove import trove_private
from gdcc_audit.normalize.user_data_login import password_login
from gdcc_audit.secrets.detect import detect_secrets

GROUPS = ("openstack_networking_secgroup_v2",)


PORT = "openstack_networking_port_v2"
#: Resources that give a port a floating IP (``port_id``).
PORT_FLOATING_IPS = ("openstack_networking_floatingip_associate_v2",
                     "openstack_networking_floatingip_v2")
PORT_GROUP_ASSOCIATIONS = ("openstack_networking_port_secgroup_associate_v2",)


def block_ports(
    r: TfResource, ctx: TfContext
) -> tuple[list[TfResource], list[TfResource], bool]:
    """The ports of the scan an instance's ``network`` blocks attach: those a block's value
    is, those it may be (a condition not known chooses), and whether every block's port is
    known. A block's value is read first: ``element(openstack_networking_port_v2.p.*.id,
    count.index)`` names every instance of ``p`` but is the one of the server's own index
    (instance 1 is not attached to port 0, and a floating IP on port 0 is not its)."""
    networks = blocks(r.values, "network")
    if networks is None:
        return [], [], False
    certain: list[TfResource] = []
    maybe: list[TfResource] = []
    complete = True
    for index, item in enumerate(networks):
        if item.get("port") in (None, ""):
            continue
        attribute = f"network.{index}.port"
        found = ctx.referenced(r, attribute, [PORT])
        if found is not None:
            certain.extend([found] if found not in certain else [])
            continue
        complete = False  # a port of a module output, an input, or one of several
        maybe.extend(p for p in ctx.candidates(r, attribute, [PORT]) if p not in maybe)
    return certain, [p for p in maybe if p not in certain], complete


def instance_ports(r: TfResource, ctx: TfContext) -> tuple[list[TfResource], bool]:
    """The ports of the scan an instance's ``network`` blocks attach or may attach, and
    whether those are all the ports it names (a port of a module output or an input is not
    known)."""
    certain, maybe, complete = block_ports(r, ctx)
    return certain + maybe, complete


def port_groups(port: TfResource, ctx: TfContext) -> list[TfResource] | None:
    """The security groups of the scan a port is in: its ``security_group_ids`` and those
    ``openstack_networking_port_secgroup_associate_v2`` adds (all, even with ``enforce``:
    more groups admit more); ``[]`` for none (Neutron's default group); None when a group is
    not in the scan, or port security is off or ``no_security_groups`` set (no group)."""
    v = port.values
    if flag(v, "port_security_enabled", True) is not True or flag(
        v, "no_security_groups", False
    ) is not False:
        return None
    certain, maybe = ctx.naming(ctx.related(PORT_GROUP_ASSOCIATIONS), "port_id", [PORT], port)
    if maybe:
        return None  # an association that may be this port's: its groups may admit more
    holders = [port, *certain]
    found: list[TfResource] = []
    for holder in holders:
        written = holder.values.get("security_group_ids")
        if written in (None, []):
            continue
        groups = ctx.referenced_all(holder, "security_group_ids", GROUPS)
        if written is UNKNOWN or not isinstance(written, list) or len(groups) < len(written):
            return None
        found.extend(g for g in groups if g not in found)
    return found


def port_references(
    r: TfResource, ctx: TfContext, attributes: dict[str, Any], references: tuple[Reference, ...]
) -> tuple[Reference, ...]:
    """An instance attached to ports: the ports' security groups become its references (ports
    are not canonical resources, so the graph would not see them), and ``PORT_GROUPS`` says
    whether its ports leave it in the project's default group (``graph.defaults``)."""
    ports, complete = instance_ports(r, ctx)
    if not ports and complete:
        return references
    added: list[Reference] = []
    default = complete
    for attached in ports:
        groups = port_groups(attached, ctx)
        if groups is None:
            default = False
            continue
        if groups:
            default = False
        added.extend(Reference(target=g.address, attribute="network.port") for g in groups)
    # the ports' networks and subnets, so the graph knows which network the server sits in
    # ("any internal address" spans connected networks only: graph/islands.py); None when
    # a port's network is not one of the scan
    placed: list[str] | None = []
    for attached in ports:
        found = [n.address for n in (*ctx.referenced_all(attached, "network_id", [NETWORK]),
                                     *ctx.referenced_all(attached, "fixed_ip", [SUBNET]))
                 if n.mode == "managed"]
        if not found or placed is None:
            placed = None
        else:
            placed.extend(found)
    if ports and complete and placed:
        attributes[PORT_NETWORKS] = placed
    attributes[PORT_GROUPS] = "default" if default else "other"
    return tuple(dict.fromkeys(references + tuple(added)))


NETWORK = "openstack_networking_network_v2"
SUBNET = "openstack_networking_subnet_v2"


def block_networks(r: TfResource, ctx: TfContext) -> tuple[list[TfResource], bool]:
    """The networks of the scan (resources or data sources) that ``r``'s ``network`` blocks
    name, by reference or by a literal ``name`` (``network { name = "public" }``), and
    whether every block's network was found (False when a block names a network or port
    outside the scan, or the blocks are not known)."""
    items = blocks(r.values, "network")
    if not items:
        return [], False
    found: list[TfResource] = []
    complete = True
    for index, item in enumerate(items):
        targets = (
            ctx.resolve(r, ref.target) for ref in r.references
            if ref.attribute.split(".")[:2] == ["network", str(index)]
        )
        hits = [t for t in targets if t is not None and t.type == NETWORK]
        name = item.get("name")
        if not hits and isinstance(name, str) and name:
            hits = [n for n in ctx.related([NETWORK]) if n.values.get("name") == name]
        complete = complete and bool(hits)
        found.extend(n for n in hits if n not in found)
    return found, complete


def is_external(network: TfResource) -> bool | None:
    """Whether a network of the scan is external: a managed one unless ``external = true``
    (the provider's default: false); a data source by its ``external`` filter (not known
    without one)."""
    return flag(network.values, "external", None if network.mode == "data" else False)


#: Why a server's public address is not known when a network it is on is not in the scan.
_NETWORK_NOT_KNOWN = Text(
    en="a network it is attached to is not in the scan (or not known to be internal): a "
    "server on an external network has a public address",
    th="เครือข่ายที่เชื่อมต่ออยู่ไม่อยู่ในข้อมูลที่ตรวจ (หรือไม่ทราบว่าเป็นเครือข่ายภายใน) "
    "เครื่องที่อยู่บนเครือข่ายภายนอกมีที่อยู่สาธารณะ",
)


def _floating_port(
    item: TfResource, r: TfResource, ports: tuple[list[TfResource], list[TfResource]],
    ctx: TfContext,
) -> bool | None:
    """Whether a floating IP resource names one of the instance's ports (``ports``: those
    its ``network`` blocks attach, and those they may attach), or a ``data
    "openstack_networking_port_v2"`` looked up by the instance's ``device_id`` (the
    provider's own examples associate floating IPs so); False when it names no port or
    another one of the scan, None when which port is not known."""
    if item.values.get("port_id") in (None, ""):
        return False  # a floating IP of the project, associated with nothing here
    port = ctx.referenced(item, "port_id", [PORT])
    if port is None:
        return None
    if port.mode == "data":
        device = ctx.referenced(port, "device_id", [r.type])
        return None if device is None else device.address == r.address
    certain, maybe = ports
    return True if port in certain else None if port in maybe else False


def _floating_instance(item: TfResource, r: TfResource, ctx: TfContext) -> bool | None:
    """Whether an ``openstack_compute_floatingip_associate_v2`` names ``r`` (None: its
    instance is not in the scan)."""
    target = ctx.referenced(item, "instance_id", [r.type])
    if target is None or target.mode == "data":
        return None  # outside the scan, or looked up (it may be this one)
    return target is r


def _network_public(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether a ``network`` block puts the instance on an external network of the scan
    (True); False when every block's network is a network of the scan that is not external
    (a block with only a port of the scan counts as that port's network); None otherwise
    (a network outside the scan may be an external one, a server on it gets a public
    address)."""
    networks, complete = block_networks(r, ctx)
    external = [is_external(n) for n in networks]
    if True in external:
        return True
    if not complete:
        ports, all_ports = instance_ports(r, ctx)
        items = blocks(r.values, "network") or []
        on_ports = [ctx.referenced(p, "network_id", [NETWORK]) for p in ports]
        if not (items and all_ports and len(ports) == len(items) and None not in on_ports):
            return None
        external += [is_external(n) for n in on_ports if n is not None]
        if True in external:
            return True
    return False if all(e is False for e in external) else None


def _unsecured(r: TfResource, ctx: TfContext) -> list[str]:
    """The ports (or networks, for a block without a port) of an instance's ``network`` blocks
    that turn port security off, when every block does: Neutron applies no security group to
    such a port ("port_security_enabled ... disables security groups"; a port that does not
    say takes its network's setting). ``[]`` when a block keeps it, names something outside
    the scan, or says so through a value not known (it stays UNKNOWN, as before)."""
    items = blocks(r.values, "network")
    if not items:
        return []
    found: list[str] = []
    for index, item in enumerate(items):
        holder: TfResource | None = None
        setting: bool | None = True
        network: TfResource | None = None
        if item.get("port") not in (None, ""):
            holder = ctx.referenced(r, f"network.{index}.port", [PORT])
            if holder is None:
                return []
            setting = flag(holder.values, "port_security_enabled", None)
            if holder.values.get("port_security_enabled") in (None, ""):
                network = ctx.referenced(holder, "network_id", [NETWORK])
                setting = None if network is None else flag(
                    network.values, "port_security_enabled", True
                )
        else:
            network = ctx.referenced(r, f"network.{index}.uuid", [NETWORK])
            holder = network
            setting = None if network is None else flag(
                network.values, "port_security_enabled", True
            )
        if setting is not False or holder is None:
            return []
        found.append(holder.address)
    return found


def instance(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_compute_instance_v2``: a floating IP associated with it or with one of
    its ports, or a network block on an external network of the scan, makes it public;
    none in a wholly scanned root (``public_address``), no public address."""
    certain, maybe, _ = block_ports(r, ctx)
    ports = certain + maybe
    found: dict[str, bool | None] = {
        item.address: _floating_instance(item, r, ctx)
        for item in ctx.related(["openstack_compute_floatingip_associate_v2"])
    }
    found.update(
        (item.address, _floating_port(item, r, (certain, maybe), ctx))
        for item in ctx.related(PORT_FLOATING_IPS)
    )
    on_network = _network_public(r, ctx)
    public: bool | None
    if on_network or True in found.values():
        public = True
    elif on_network is None:
        public = None
        ctx.note(r, "public_endpoint", None, unknown=_NETWORK_NOT_KNOWN)
    else:
        undecided = [address for address, bound in found.items() if bound is None]
        # a port that accepts traffic for other addresses (a VIP moved by keepalived)
        # receives what a floating IP on that address's port sends
        claims = bool(found) and any(
            blocks(p.values, "allowed_address_pairs") != [] for p in ports
        )
        public = no_association(
            r, ctx, sorted(found) if claims else undecided, "floating IP", claims=claims
        )
    devices = blocks(r.values, "block_device")
    encrypted: bool | None = None
    imaged = devices == [] and any(
        is_set(r.values, n) is not False for n in ("image_id", "image_name")
    )  # written, a value not known included
    if imaged or (devices and all(text(d, "destination_type") == "local" for d in devices)):
        # booted from an image onto the host's ephemeral storage (no block device, or only
        # local ones); one of destination "volume" is a Cinder volume whose type decides
        encrypted = False
        ctx.note(r, "encrypted_at_rest", False, nova_ephemeral_root())
    unsecured = _unsecured(r, ctx)
    return "compute.instance", Facets(
        public_endpoint=public,
        encrypted_at_rest=encrypted,
        password_auth=password_login(r.values.get("user_data")),
        # no security group filters its ports: everything from anywhere (NO_PORT_SECURITY)
        ingress=unsecured_ingress(unsecured) if unsecured else None,
    )


def _spec_on(value: Any) -> bool:
    """Whether a volume type extra spec value turns its setting on (``true``, ``<is> True``)."""
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower().removeprefix("<is>").strip() in (
        "true", "1", "yes", "on"
    )


def volume(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_blockstorage_volume_v3``: encrypted when its volume type of the document
    has a backend encryption extra spec turned on (``netapp_flexvol_encryption = "true"``).
    Cinder's own volume encryption is an encryption type of the volume type, which the
    provider cannot write: anything else leaves it unknown, and a spec naming encryption
    with a false value is no encryption (it was read as encrypted by its key alone)."""
    kind = ctx.referenced(r, "volume_type", ["openstack_blockstorage_volume_type_v3"])
    if kind is None:
        return "storage.volume", Facets()
    specs = kind.values.get("extra_specs")
    if specs is UNKNOWN or not isinstance(specs, dict):
        return "storage.volume", Facets()
    encrypted = any("encrypt" in str(k).lower() and _spec_on(v) for k, v in specs.items())
    return "storage.volume", Facets(encrypted_at_rest=encrypted or None)


def network(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_networking_network_v2``: external networks face the internet."""
    external = flag(r.values, "external", False)
    return "network.vpc", Facets(public_access=external)


def subnet(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_networking_subnet_v2``."""
    return "network.subnet", Facets()


def security_group(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_networking_secgroup_v2``: default rules allow only egress."""
    return "network.security_group", Facets(ingress=())


def compute_secgroup(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_compute_secgroup_v2`` (legacy Nova groups) with inline ``rule`` blocks."""
    items = blocks(r.values, "rule")
    if items is None:
        return "network.security_group", Facets()
    rules: list[IngressRule] = []
    for index, item in enumerate(items):
        origins = sources(item.get("cidr"))
        group = item.get("from_group_id")
        if origins is not None and group not in (None, ""):
            # a group, never the internet: the group of the scan it names, else sg:unknown
            named = _block_group(r, ctx, f"rule.{index}.from_group_id")
            origins = (*origins, *((named,) if named else group_sources(group) or ()))
        if item.get("self") is True:
            origins = None if origins is None else (*origins, "self")
        rules.append(
            rule(
                protocol(item.get("ip_protocol")),
                port(item.get("from_port")),
                port(item.get("to_port")),
                origins,
            )
        )
    return "network.security_group", Facets(ingress=tuple(rules))


def _block_group(r: TfResource, ctx: TfContext, attribute: str) -> str | None:
    """The source a block's group attribute (``rule.0.from_group_id``) names when it is a
    group of the scan: ``self`` for ``r`` itself, else ``ref:<address>``."""
    for ref in r.references:
        if ref.attribute != attribute:
            continue
        found = ctx.resolve(r, ref.target)
        if found is not None and found.type in (*GROUPS, "openstack_compute_secgroup_v2"):
            return "self" if found is r else f"ref:{found.address}"
    return None


def _remote_group(r: TfResource, ctx: TfContext, owner: TfResource | None) -> str | None:
    """The source a rule's ``remote_group_id`` names when it is a group of the scan: ``self``
    for the rule's own group (its members admit each other), else ``ref:<address>``; None
    otherwise (``sg:unknown`` then, a group, never the internet)."""
    group = ctx.referenced(r, "remote_group_id", GROUPS)
    if group is None:
        return None
    return "self" if group is owner else f"ref:{group.address}"


def secgroup_rule(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``openstack_networking_secgroup_rule_v2`` adds to its group."""
    target = ctx.referenced(r, "security_group_id", GROUPS)
    if target is None or target.mode != "managed":
        return []  # a group looked up by a data source: the rule stands alone
    ingress = neutron_rule(r.values, _remote_group(r, ctx, target), address_group_sources(r, ctx))
    return [Contribution(target.address, r.address, {"ingress": ingress})]


def standalone_rule(r: TfResource, ctx: TfContext) -> Mapped:
    """A rule whose group is not in the document."""
    ingress = neutron_rule(r.values, _remote_group(r, ctx, None), address_group_sources(r, ctx))
    return "network.security_group", Facets(ingress=ingress)


def floating_ip(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_networking_floatingip_v2``."""
    return "network.public_ip", Facets(public_endpoint=True)


def router(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_networking_router_v2``: an external gateway connects it to the internet."""
    return "network.router", Facets(public_endpoint=is_set(r.values, "external_network_id"))


def container(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_objectstorage_container_v1``: public by its read or write ACL
    (``normalize.swift_acl``)."""
    acl = swift_acl.judge(r.values.get("container_read"), r.values.get("container_write"))
    if acl.because is not None:
        ctx.note(r, "public_access", acl.public, because=acl.because)
    versioning = r.values.get("versioning")
    return "storage.bucket", Facets(
        public_access=acl.public,
        versioning=None
        if versioning is UNKNOWN
        else bool(versioning)
        if versioning is not None
        else is_set(r.values, "versioning_legacy"),
    )


TEMPLATE = "openstack_containerinfra_clustertemplate_v1"
#: The provider sends ``floating_ip_enabled``, ``master_lb_enabled`` and ``tls_disabled`` of a
#: cluster template as ``false`` when they are not written (``d.Get(...).(bool)`` in
#: resourceContainerInfraClusterTemplateV1Create), so Magnum's own default (floating IPs on)
#: does not apply to a template made by Terraform.
TF_TEMPLATE_DOC = (
    "https://github.com/terraform-provider-openstack/terraform-provider-openstack/blob/main/"
    "openstack/resource_openstack_containerinfra_clustertemplate_v1.go"
)


def _cluster_setting(r: TfResource, template: TfResource | None, name: str) -> magnum.Setting:
    """A Magnum cluster's boolean setting: its own (written), else its template's (written,
    or false as the provider sends it); not known when the template is not in the scan."""
    own = flag(r.values, name)
    if own is not None or r.values.get(name) is UNKNOWN:
        return magnum.Setting(own)
    if template is None:
        return magnum.Setting(None)
    written = flag(template.values, name)
    if written is not None or template.values.get(name) is UNKNOWN:
        return magnum.Setting(written)
    return magnum.Setting(False, DefaultedFacet(attribute=name, doc=TF_TEMPLATE_DOC))


def _cluster_labels(r: TfResource, template: TfResource | None) -> dict[str, Any] | None:
    """The labels Magnum gives the cluster: its own (with the template's under them when
    ``merge_labels``), else the template's; None when not known."""
    own = r.values.get("labels")
    below = None if template is None else template.values.get("labels", {})
    below = {} if below is None else below
    if own is None:
        return below if template is not None and isinstance(below, dict) else None
    if not isinstance(own, dict):
        return None
    merge = flag(r.values, "merge_labels", False)
    if merge is None or (merge and not isinstance(below, dict)):
        return None
    return {**below, **own} if merge else dict(own)


def container_cluster(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_containerinfra_cluster_v1`` (Magnum): exposure and network policy from its
    own settings over its ``cluster_template_id`` template's (``normalize.magnum``)."""
    template = ctx.referenced(r, "cluster_template_id", [TEMPLATE])
    if template is not None and template.mode != "managed":
        template = None  # a data source looks up a template whose settings are not written
    driver: magnum.Setting = magnum.Setting(None)
    if template is not None:
        written = template.values.get("network_driver")
        driver = (
            magnum.Setting(None, magnum.NETWORK_DRIVER_DEFAULT) if written is None
            else magnum.Setting(None if written is UNKNOWN else written)
        )
    labels = _cluster_labels(r, template)
    facts = magnum.judge(
        floating=_cluster_setting(r, template, "floating_ip_enabled"),
        master_lb=_cluster_setting(r, template, "master_lb_enabled"),
        lb_floating_label=magnum.label_flag(labels, magnum.LB_FLOATING_LABEL),
        network_driver=driver,
    )
    for facet, why in facts.defaults.items():
        ctx.note(r, facet, facts.facets[facet], why)
    facts.facets["directory_auth"] = auth = magnum.directory_auth(labels)
    if auth is False:
        ctx.note(r, "directory_auth", False, because=magnum.KEYSTONE_OFF)
    elif labels is not None:
        ctx.note(r, "directory_auth", None, unknown=magnum.KEYSTONE_ON)
    return "container.cluster", Facets(**facts.facets)


#: ``visibility`` defaults to ``private`` in the provider's schema.
TF_IMAGE_DOC = (
    "https://registry.terraform.io/providers/terraform-provider-openstack/openstack/latest/"
    "docs/resources/images_image_v2"
)


def image(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_images_image_v2`` (Glance): open to every project when ``public`` or
    ``community`` (``normalize.glance``)."""
    value = r.values.get("visibility")
    found = glance.ImageVisibility(None) if value is UNKNOWN else glance.judge(value, TF_IMAGE_DOC)
    if found.default is not None:
        ctx.note(r, "public_access", found.public, found.default)
    if found.because is not None:
        ctx.note(r, "public_access", found.public, because=found.because)
    return "compute.image", Facets(public_access=found.public)


def trove(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_db_instance_v1`` (Trove): public only on an external network
    (``normalize.trove``: the provider cannot ask Trove for a floating IP); not known when a
    network block names a network outside the scan, or there is none (Trove's configured
    default networks)."""
    networks, complete = block_networks(r, ctx)
    external = [is_external(n) for n in networks]
    public: bool | None = None
    if True in external:
        public = True
    elif complete and all(e is False for e in external):
        public = False
        why = trove_private(r.type, [n.address for n in networks])
        ctx.note(r, "public_endpoint", False, because=why)
    return "database.instance", Facets(public_endpoint=public)


def listener(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_lb_listener_v2``: TERMINATED_HTTPS (``tls_versions``), or HTTPS, which
    Octavia passes through to the members still encrypted ("Deploy a non-terminated HTTPS
    load balancer", Octavia basic load balancing cookbook: the members' TLS, not the
    listener's, sets the versions); TCP may carry anything."""
    proto = text(r.values, "protocol")
    if proto is None:
        return "network.load_balancer", Facets()
    secure = proto.upper() == "TERMINATED_HTTPS"
    versions = string_list(r.values, "tls_versions", default=None)
    return "network.load_balancer", Facets(
        encrypted_in_transit=None if proto.upper() == "TCP" else secure or proto.upper() == "HTTPS",
        tls_min_version=None if not secure or not versions else minimum_tls(versions),
    )


BALANCER = "openstack_lb_loadbalancer_v2"
LISTENER = "openstack_lb_listener_v2"


def _vip_floating(item: TfResource, r: TfResource, vip: TfResource | None,
                  ctx: TfContext) -> bool | None:
    """Whether a floating IP resource names the balancer's VIP port: its ``vip_port_id``
    (``port_id = openstack_lb_loadbalancer_v2.lb.vip_port_id``), the port of the scan its
    ``vip_port_id`` names, or a port looked up from the balancer; False when it names
    nothing or another resource of the scan; None when what it names is not known (a
    literal port id, an input, a port looked up by a filter)."""
    if item.values.get("port_id") in (None, ""):
        return False  # a floating IP of the project, associated with nothing here
    balancer = ctx.target_of(item, "port_id", [BALANCER])
    if balancer is not None:
        return balancer is r
    port = ctx.referenced(item, "port_id", [PORT])
    if port is not None and port.mode == "managed":
        return port is vip
    if port is not None:
        owners = [ctx.resolve(port, ref.target) for ref in port.references]
        managed = [o for o in owners if o is not None and o.mode == "managed"]
        return None if not managed else (r in managed or (vip is not None and vip in managed))
    named = [ctx.resolve(item, ref.target) for ref in item.references
             if ref.attribute.split(".", 1)[0] == "port_id"]
    if any(n is not None and n.mode == "managed" for n in named):
        return False  # a server's port (network.0.port) or another resource of the scan
    return None


#: Why a balancer's public address is not known when its VIP's network is not in the scan.
_VIP_NETWORK_NOT_KNOWN = Text(
    en="the network of its VIP (vip_subnet_id / vip_network_id / vip_port_id) is not in the "
    "scan (or not known to be internal): a VIP on an external network has a public address",
    th="เครือข่ายของ VIP (vip_subnet_id / vip_network_id / vip_port_id) ไม่อยู่ในข้อมูลที่ตรวจ "
    "(หรือไม่ทราบว่าเป็นเครือข่ายภายใน) VIP ที่อยู่บนเครือข่ายภายนอกมีที่อยู่สาธารณะ",
)


def loadbalancer(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_lb_loadbalancer_v2`` (Octavia): public through a floating IP on its
    VIP port or a VIP on an external network of the scan (``vip_network_id``, the network
    of its ``vip_subnet_id`` or of its ``vip_port_id``); a VIP on internal networks of the
    scan with no floating IP of a wholly scanned root on its port has no public address
    (``public_address``: the VIP is an address of that network, "vip_subnet_id - The subnet
    on which to allocate the Loadbalancer's address", registry.terraform.io/providers/
    terraform-provider-openstack/openstack/latest/docs/resources/lb_loadbalancer_v2); its
    VIP admits each
    listener's ``protocol_port`` from the listener's ``allowed_cidrs`` ("The default is all
    allowed", Octavia API reference; the VIP security group Octavia manages opens only the
    listener ports). No listener of the scan names it: what it admits is not known."""
    subnet = ctx.referenced(r, "vip_subnet_id", [SUBNET])
    vip = ctx.referenced(r, "vip_port_id", [PORT])
    networks = ctx.referenced_all(r, "vip_network_id", [NETWORK]) + (
        ctx.referenced_all(subnet, "network_id", [NETWORK]) if subnet is not None else []
    ) + (ctx.referenced_all(vip, "network_id", [NETWORK]) if vip is not None else [])
    found = {item.address: _vip_floating(item, r, vip, ctx)
             for item in ctx.related(PORT_FLOATING_IPS)}
    external = [is_external(network) for network in networks]
    public: bool | None = None
    if True in found.values() or True in external:
        public = True
    elif not networks or None in external:
        ctx.note(r, "public_endpoint", None, unknown=_VIP_NETWORK_NOT_KNOWN)
    else:
        public = no_association(
            r, ctx, sorted(a for a, bound in found.items() if bound is None), "floating IP"
        )
    rules: list[IngressRule] = []
    listeners, maybe = ctx.naming(ctx.related([LISTENER]), "loadbalancer_id", [BALANCER], r)
    for item in [] if maybe else listeners:
        # a listener that may be this balancer's: what the VIP admits is not known
        number = port(item.values.get("protocol_port"))
        cidrs = item.values.get("allowed_cidrs")
        if number is None:
            rules = []
            break
        if cidrs in (None, []):
            origins: tuple[str, ...] | None = ("0.0.0.0/0", "::/0")
        else:
            origins = sources(cidrs)
        rules.append(IngressRule(protocol="tcp", from_port=number, to_port=number,
                                 sources=origins, declared_by=item.address))
    return "network.load_balancer", Facets(public_endpoint=public, ingress=tuple(rules) or None)


def pool(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_lb_pool_v2`` and its members (``openstack_lb_member_v2``,
    ``openstack_lb_members_v2``): what a listener forwards to (graph/network.py)."""
    return "network.target_group", Facets()


#: Keystone, Multi-Factor Authentication (docs.openstack.org/keystone/latest/admin/
#: multi-factor-authentication.html): "Until these are set the user can authenticate with any
#: one of the enabled auth methods"; "if a user has a ruleset defined as [["password"],
#: ["password", "totp"]] the user may use the password method on it's own".
KEYSTONE_MFA = "https://docs.openstack.org/keystone/latest/admin/multi-factor-authentication.html"


def _one_method(methods: tuple[str, ...]) -> Text:
    named = ", ".join(methods) or "none"
    return Text(
        en=f"a Keystone MFA rule of the user needs one method only ({named}), and Keystone "
        f"gives a token for any one rule ({KEYSTONE_MFA})",
        th=f"กฎ MFA ของ Keystone ของผู้ใช้นี้ต้องการวิธียืนยันตัวตนเพียงวิธีเดียว ({named}) และ Keystone "
        f"ออกโทเคนเมื่อผ่านกฎใดกฎหนึ่ง ({KEYSTONE_MFA})",
    )


_NO_RULES = Text(
    en="MFA is enabled but no multi_factor_auth_rule is written: until rules are set the user "
    "can authenticate with any one of the enabled methods (" + KEYSTONE_MFA + ")",
    th="เปิด MFA แต่ไม่ได้กำหนด multi_factor_auth_rule: หากยังไม่กำหนดกฎ ผู้ใช้ยืนยันตัวตนด้วยวิธีใดวิธีหนึ่ง"
    "ที่เปิดใช้ก็ได้ (" + KEYSTONE_MFA + ")",
)


def _mfa_required(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether Keystone asks the user for two factors: ``multi_factor_auth_enabled`` and every
    ``multi_factor_auth_rule`` naming two methods or more (any one rule suffices for a token:
    a rule of one method, or no rule, is single-factor log-in)."""
    enabled = flag(r.values, "multi_factor_auth_enabled", False)
    if enabled is not True:
        return enabled
    rules = blocks(r.values, "multi_factor_auth_rule")
    if rules is None:
        return None
    if not rules:
        ctx.note(r, "mfa_required", False, because=_NO_RULES)
        return False
    known = True
    for item in rules:
        methods = string_list(item, "rule", default=None)
        if methods is None:
            known = False
        elif len(set(methods)) < 2:
            ctx.note(r, "mfa_required", False, because=_one_method(methods))
            return False
    return True if known else None


ROLE_ASSIGNMENTS = ("openstack_identity_role_assignment_v3",
                    "openstack_identity_inherit_role_assignment_v3")
ROLES = ("openstack_identity_role_v3",)
IDENTITY_GROUPS = ("openstack_identity_group_v3",)


MEMBERSHIPS = ("openstack_identity_user_membership_v3",)
#: Keystone's default roles (``keystone-manage bootstrap``): ``admin`` implies ``member``,
#: which implies ``reader``; only ``admin`` is given administration by the default policies
#: (Keystone admin guide, "Service API protection": KEYSTONE_ROLES).
KEYSTONE_ROLES = "https://docs.openstack.org/keystone/latest/admin/service-api-protection.html"


def _role_name(assignment: TfResource, ctx: TfContext) -> str | None:
    """The name of the role an assignment gives (a role resource or data source of the
    scan with a known ``name``); None when not known."""
    role = ctx.referenced(assignment, "role_id", ROLES)
    name = None if role is None else role.values.get("name")
    return name if isinstance(name, str) and name else None


def _names(item: TfResource, attribute: str, target: TfResource, types: Sequence[str],
           ctx: TfContext) -> bool | None:
    """Whether ``attribute`` of ``item`` names ``target``: True; False when it is not set or
    names another resource of the root (a managed one, or a lookup by another literal
    name); None when it may be ``target`` (an input, a literal id, a lookup not decided)."""
    found = ctx.referenced(item, attribute, types)
    if found is target:
        return True
    if found is not None:
        if found.mode == "managed":
            return False
        looked = found.values.get("name")
        mine = target.values.get("name")
        if isinstance(looked, str) and isinstance(mine, str) and looked != mine:
            return False
        return None
    written = item.values.get(attribute)
    return False if written is None or written == "" else None


def _admin_privileges(r: TfResource, ctx: TfContext) -> bool | None:
    """True when a role assignment of the scan gives the user, or a group it is a member of
    (``openstack_identity_user_membership_v3``), an administrator role. False, noted with
    why, when the user's Terraform root was wholly scanned (``public_address``: the root is
    the configuration, as for floating IPs) and every assignment or membership that may
    name the user or its groups names a role known not to be an administrator's; None,
    noted with why, when one may give one (a role, user or group not known), when the user
    is a member of a group the root does not make (its roles are given elsewhere), or a
    module of the root was not read."""
    groups: list[TfResource] = []
    doubts: list[str] = []
    for membership in ctx.related(MEMBERSHIPS):
        member = _names(membership, "user_id", r, [r.type], ctx)
        if member is False:
            continue
        group = ctx.referenced(membership, "group_id", IDENTITY_GROUPS)
        if member and group is not None and group.mode == "managed":
            groups.append(group)
        else:  # a group made elsewhere (its roles too), or a member not known
            doubts.append(membership.address)
    given: list[str] = []
    for assignment in ctx.related(ROLE_ASSIGNMENTS):
        holders = [_names(assignment, "user_id", r, [r.type], ctx)] + [
            _names(assignment, "group_id", g, IDENTITY_GROUPS, ctx) for g in groups
        ]
        if not groups and assignment.values.get("group_id") not in (None, ""):
            holders.append(False)  # a group's, and the user is in no group of the scan
        if all(h is False for h in holders):
            continue
        name = _role_name(assignment, ctx)
        if name is not None and name in ADMIN_ROLES:
            if True in holders:
                return True
            doubts.append(assignment.address)
        elif name is None:
            doubts.append(assignment.address)
        elif True in holders:
            given.append(name)
    name = r.values.get("name")
    doubts += [  # another root's, naming a user it looks up (not by another literal name)
        f"{item.address} ({item.root})" for item in ctx.document.foreign_associations
        if item.kind == "role" and r.type in item.targets and not (
            item.looked_up is not None and isinstance(name, str)
            and item.looked_up[1] != name
        )
    ]
    if doubts:
        named = ", ".join(sorted(set(doubts)))
        ctx.note(r, "admin_privileges", None, unknown=Text(
            en=f"role assignments or group memberships of the scan may give it a role not "
            f"known to be a non-administrator one: {named}",
            th=f"การมอบบทบาทหรือการเป็นสมาชิกกลุ่มในข้อมูลที่ตรวจอาจให้บทบาทที่ไม่ทราบว่าไม่ใช่"
            f"บทบาทผู้ดูแลระบบแก่ผู้ใช้นี้: {named}",
        ))
        return None
    what = Text(en="a role assignment naming it", th="การมอบบทบาทให้ผู้ใช้นี้")
    gaps = ctx.lost_naming(ROLE_ASSIGNMENTS + MEMBERSHIPS, what) or ctx.gaps_naming(what)
    if gaps is not None:
        ctx.note(r, "admin_privileges", None, unknown=gaps)
        return None
    roles = ", ".join(sorted(set(given)))
    ctx.note(r, "admin_privileges", False, because=Text(
        en=(f"the roles the scanned configuration gives it ({roles}) are not administrator "
            f"roles" if roles else "no role assignment of the scanned configuration gives it "
            "a role")
        + f" and the whole Terraform root was scanned ({KEYSTONE_ROLES}); a role given in "
        "another root, by hand or through a custom policy is not in the input",
        th=(f"บทบาทที่การตั้งค่าที่ตรวจมอบให้ ({roles}) ไม่ใช่บทบาทผู้ดูแลระบบ" if roles
            else "ไม่มีการมอบบทบาทใดในการตั้งค่าที่ตรวจให้ผู้ใช้นี้")
        + f" และได้ตรวจ Terraform root ครบทั้งชุดแล้ว ({KEYSTONE_ROLES}) บทบาทที่มอบใน root "
        "อื่น มอบด้วยมือ หรือผ่าน policy ที่กำหนดเองไม่อยู่ในข้อมูลที่ตรวจ",
    ))
    return False


def user(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_identity_user_v3``: MFA from ``multi_factor_auth_enabled`` and its rules;
    administrator by an admin role assignment of the scan."""
    return "identity.user", Facets(
        enabled=flag(r.values, "enabled", True),
        mfa_required=_mfa_required(r, ctx),
        admin_privileges=_admin_privileges(r, ctx),
    )


def application_credential(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_identity_application_credential_v3``: a long-lived credential; a literal
    ``secret`` is hard-coded (found by the secret scanner: ``sensitive_arguments``)."""
    unrestricted = flag(r.values, "unrestricted", False)
    return "identity.access_key", Facets(enabled=True, admin_privileges=unrestricted)


def ec2_credential(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_identity_ec2_credential_v3``: a long-lived access / secret pair (EC2 and
    S3 APIs) Keystone makes; nothing of it is written in the configuration."""
    return "identity.access_key", Facets(enabled=True, hardcoded_secrets=())


def barbican_secret(r: TfResource, ctx: TfContext) -> Mapped:
    """``openstack_keymanager_secret_v1``: a literal ``payload`` is hard-coded (found by the
    secret scanner: ``sensitive_arguments``)."""
    return "crypto.secret", Facets(encrypted_at_rest=True)


MAPPINGS: dict[str, MapFn] = {
    "openstack_compute_instance_v2": instance,
    "openstack_blockstorage_volume_v3": volume,
    "openstack_blockstorage_volume_v2": volume,
    "openstack_networking_network_v2": network,
    "openstack_networking_subnet_v2": subnet,
    "openstack_networking_secgroup_v2": security_group,
    "openstack_networking_secgroup_rule_v2": standalone_rule,
    "openstack_compute_secgroup_v2": compute_secgroup,
    "openstack_networking_floatingip_v2": floating_ip,
    "openstack_networking_router_v2": router,
    "openstack_objectstorage_container_v1": container,
    "openstack_db_instance_v1": trove,
    "openstack_images_image_v2": image,
    "openstack_containerinfra_cluster_v1": container_cluster,
    "openstack_lb_listener_v2": listener,
    "openstack_lb_loadbalancer_v2": loadbalancer,
    "openstack_lb_pool_v2": pool,
    "openstack_lb_member_v2": pool,
    "openstack_lb_members_v2": pool,
    "openstack_identity_user_v3": user,
    "openstack_identity_application_credential_v3": application_credential,
    "openstack_keymanager_secret_v1": barbican_secret,
    "openstack_identity_ec2_credential_v3": ec2_credential,
}

def db_user(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``openstack_db_user_v1``: a literal ``password`` is a hard-coded secret of its Trove
    instance (it sits in the configuration and the state)."""
    target = ctx.referenced(r, "instance_id", ["openstack_db_instance_v1"])
    if target is None:
        return []
    found = tuple(f"{r.address}.{name}" for name in detect_secrets(r.values))
    return [Contribution(target.address, r.address, {"hardcoded_secrets": found})]


#: Rules judged on their own too when their group is one of several (``registry``).
ALONE_WHEN_UNCERTAIN = frozenset({"openstack_networking_secgroup_rule_v2"})
#: Rule companions that add nothing to any group when an argument is written so (an egress
#: rule: its group's inbound rules are all the mapper reads, ``neutron_rule``), whatever
#: instances an unevaluated ``count`` / ``for_each`` makes (``registry``).
ADDS_NOTHING_WHEN = {"openstack_networking_secgroup_rule_v2": ("direction", "egress")}

COMPANIONS: dict[str, CompanionFn] = {
    "openstack_networking_secgroup_rule_v2": secgroup_rule,
    "openstack_db_user_v1": db_user,
}
