"""AWS network and compute: security groups, instances, load balancers, VPCs, flow logs."""

from __future__ import annotations

from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.ports import port_number
from gdcc_audit.models.resource import DefaultedFacet, IngressRule
from gdcc_audit.normalize.absent import classic_waf
from gdcc_audit.normalize.api_gateway import DOMAIN_POLICY_UNSET, api_gateway_policy_tls
from gdcc_audit.normalize.cloudformation.types import Mapped, TypeMapper, default, kind_only
from gdcc_audit.normalize.cloudformation.values import (
    ResourceRef,
    VpcRange,
    all_true,
    as_bool,
    as_int,
    as_list,
    as_str,
    dig,
    is_known,
)
from gdcc_audit.normalize.defaults import (
    EBS_BLOCK_DEVICE,
    EBS_DEFAULT_UNLESS,
    EBS_ENCRYPTION,
    ROOT_UNLESS,
    names_root_device,
)
from gdcc_audit.normalize.elb_tls import (
    API_DEFAULT_POLICY,
    API_DEFAULT_TLS,
    CLASSIC_DOC,
    CLASSIC_TLS_PROTOCOLS,
    NEGOTIATION_TYPE,
    lowest_tls,
    negotiation_tls,
    policy_tls,
)
from gdcc_audit.normalize.prefix_lists import outside_why

_PROTOCOLS = {"-1": "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6"}
_ENCRYPTED_LISTENERS = frozenset({"HTTPS", "TLS", "SSL"})


def ingress_rule(rule: Any) -> IngressRule | None:
    """One ``SecurityGroupIngress`` entry (inline or a resource's properties)."""
    if not isinstance(rule, dict):
        return None
    protocol = as_str(rule.get("IpProtocol"))
    protocol = _PROTOCOLS.get(protocol, protocol.lower()) if protocol is not None else "unknown"
    low: int | None
    high: int | None
    if protocol == "all":
        low, high = 0, 65535
    else:
        low, high = port_number(rule.get("FromPort")), port_number(rule.get("ToPort"))
        if protocol in {"icmp", "icmpv6"}:
            low = high = None
        elif low is not None and high is not None and low > high:
            # EC2 refuses a range whose start is above its end: what was meant is not known
            # (FromPort 22, ToPort 0 was read as no port at all and PASSed GDCC-NET-001)
            low = high = None
    found: list[str] = []
    known = True
    for key in ("CidrIp", "CidrIpv6", "SourceSecurityGroupId", "SourcePrefixListId"):
        value = rule.get(key)
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, VpcRange) and key == "CidrIp":
            # a VPC's or subnet's own range, as Terraform's ``aws_vpc.main.cidr_block``
            found.append(f"ref:{value.target}")
        elif key == "SourceSecurityGroupId" and value is not None:
            # a group, never the internet, even when its id is not known (a parameter of type
            # AWS::EC2::SecurityGroup::Id without a default: quickstart-microsoft-
            # activedirectory's CaSG, RDP from DomainMembersSG, was UNKNOWN for GDCC-NET-001)
            found.append(_group_source(value))
        elif value is not None:
            known = False
    name = rule.get("SourceSecurityGroupName")
    if name is not None:
        found.append(f"sg:{name}" if isinstance(name, str) else "sg:?")
    sources = tuple(found) if known else None
    listed = rule.get("SourcePrefixListId")
    if isinstance(listed, str) and listed.startswith("pl-"):
        # a prefix list outside the template: a customer-managed one may hold 0.0.0.0/0
        # (normalize.prefix_lists); was read as a source that is not the internet (PASS)
        return IngressRule(
            protocol=protocol, from_port=low, to_port=high, sources=None,
            unknown_why=outside_why([listed]),
        )
    return IngressRule(
        protocol=protocol,
        from_port=low,
        to_port=high,
        sources=sources,
    )


def ingress_rules(value: Any) -> tuple[IngressRule, ...] | None:
    """All inline ingress rules; ``None`` when the list or any rule is unknown."""
    items = as_list(value)
    if items is None:
        return None
    rules = [ingress_rule(item) for item in items]
    if any(rule is None for rule in rules):
        return None
    return tuple(rule for rule in rules if rule is not None)


#: Everything to every address: the rule AWS creates when a template lists no egress rule.
ALLOW_ALL_OUT = (
    IngressRule(protocol="all", from_port=0, to_port=65535, sources=("0.0.0.0/0", "::/0")),
)


def egress_rule(rule: Any) -> IngressRule | None:
    """One ``SecurityGroupEgress`` entry; its destinations are kept as the rule's sources."""
    if not isinstance(rule, dict):
        return None
    return ingress_rule(
        {**rule, "SourceSecurityGroupId": rule.get("DestinationSecurityGroupId"),
         "SourcePrefixListId": rule.get("DestinationPrefixListId")}
    )


def security_group(props: dict[str, Any]) -> Mapped:
    rules = ingress_rules(props.get("SecurityGroupIngress"))
    written = props.get("SecurityGroupEgress")
    egress: tuple[IngressRule, ...] | None = ALLOW_ALL_OUT
    if written is not None:
        items = as_list(written)
        found = [egress_rule(item) for item in items or []]
        egress = None if items is None or any(r is None for r in found) else tuple(
            r for r in found if r is not None
        )
    return Mapped("network.security_group", {"ingress": rules, "egress": egress})


def security_group_ingress(props: dict[str, Any]) -> Mapped:
    rule = ingress_rule(props)
    return Mapped("network.security_group", {"ingress": (rule,) if rule else None})


def _interfaces_public(interfaces: list[Any]) -> bool | None:
    """Whether network interfaces get a public IP: one that asks for it does; all refusing
    it do not; otherwise their subnets decide (not known here)."""
    flags = [as_bool(dig(i, "AssociatePublicIpAddress")) for i in interfaces]
    if any(f is True for f in flags):
        return True
    return False if flags and all(f is False for f in flags) else None


def ec2_instance(props: dict[str, Any]) -> Mapped:
    interfaces = as_list(props.get("NetworkInterfaces"))
    public: bool | None = None
    if interfaces:
        public = _interfaces_public(interfaces)
    elif all(props.get(key) is None for key in ("NetworkInterfaces", "SubnetId", "LaunchTemplate")):
        # No subnet at all: launched into the default VPC's default subnet, which assigns a
        # public IPv4 address (documented; see normalize.defaults).
        public = True
    mapped = Mapped(
        "compute.instance",
        {
            # With a subnet and no explicit interface, the subnet decides (graph stage).
            "public_endpoint": public,
        },
    )
    return _with_volumes(mapped, props.get("BlockDeviceMappings"))


def _group_source(value: Any) -> str:
    """A source that can only be a security group: never the internet, even unknown."""
    if isinstance(value, ResourceRef):
        return f"ref:{value.target}"
    return value if isinstance(value, str) else "sg:unknown"


def eks_nodegroup(props: dict[str, Any]) -> Mapped:
    """``AWS::EKS::Nodegroup``, read as ``aws_eks_node_group``: the port EKS opens on its
    nodes. "If you specify an Amazon EC2 SSH key but don't specify a source security group
    when you create a managed node group, then the port on the nodes is opened to the
    internet (0.0.0.0/0)": port 22, 3389 for Windows nodes (AWS::EKS::Nodegroup RemoteAccess,
    SourceSecurityGroups). Without ``RemoteAccess`` EKS opens no port of its own (a launch
    template may add groups: its inbound rules are then not known). Was not mapped: an SSH
    port opened to the internet that way had no finding."""
    access = props.get("RemoteAccess")
    ingress: tuple[IngressRule, ...] | None
    if access is None:
        ingress = () if props.get("LaunchTemplate") is None else None
    elif not isinstance(access, dict):
        ingress = None
    else:
        listed = access.get("SourceSecurityGroups")
        items = as_list(listed)
        groups = ("sg:unknown",) if items is None else tuple(_group_source(g) for g in items)
        ami = as_str(props.get("AmiType"))
        port = None if ami is None and props.get("AmiType") is not None else (
            3389 if ami is not None and ami.upper().startswith("WINDOWS") else 22
        )
        ingress = (
            IngressRule(
                protocol="tcp", from_port=port, to_port=port, sources=groups or ("0.0.0.0/0",)
            ),
        )
    return Mapped("compute.instance", {"ingress": ingress})


def launch_configuration(props: dict[str, Any]) -> Mapped:
    """``AWS::AutoScaling::LaunchConfiguration``: the volumes every instance it launches gets
    (its ``BlockDeviceMappings`` read as an instance's; none: the AMI's, no encryption asked
    for, as ``aws_launch_configuration`` without ``root_block_device``), and whether they get a
    public IP (``AssociatePublicIpAddress``; not written: their subnets decide)."""
    public = as_bool(props.get("AssociatePublicIpAddress"))
    return _with_volumes(
        Mapped("compute.image", {"public_endpoint": public}), props.get("BlockDeviceMappings")
    )


def autoscaling_group(props: dict[str, Any]) -> Mapped:
    """``AWS::AutoScaling::AutoScalingGroup``: the instances it launches, for the resource
    graph (security groups and public IP setting from its launch template or configuration,
    subnets from ``VPCZoneIdentifier``). Without ``VPCZoneIdentifier`` its ``AvailabilityZones``
    are "used for launching into the default VPC subnet in each Availability Zone" (template
    reference, aws-resource-autoscaling-autoscalinggroup), and a default subnet assigns public
    IPv4 addresses (docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html): public there,
    else not known (its subnets decide in the graph; with neither property the group cannot
    be created)."""
    default_subnets = props.get("VPCZoneIdentifier") is None and props.get(
        "AvailabilityZones"
    ) is not None
    return Mapped("compute.scaling_group", {"public_endpoint": True if default_subnets else None})


def launch_template(props: dict[str, Any]) -> Mapped:
    """``AWS::EC2::LaunchTemplate``: the volumes of ``LaunchTemplateData`` (none written: the
    AMI's, no encryption asked for, as ``aws_launch_template`` without
    ``block_device_mappings``)."""
    interfaces = as_list(dig(props, "LaunchTemplateData", "NetworkInterfaces"))
    # the instances' public IP: their interfaces' setting, else their subnets' (not known)
    public = _interfaces_public(interfaces) if interfaces else None
    return _with_volumes(
        Mapped("compute.image", {"public_endpoint": public}),
        dig(props, "LaunchTemplateData", "BlockDeviceMappings"),
    )


def _with_volumes(mapped: Mapped, mappings: Any) -> Mapped:
    """``mapped`` with ``encrypted_at_rest`` of these block device mappings, labelled when a
    default decided it. No mappings leave it to the defaults table (normalize.defaults)."""
    encrypted, label = _instance_volumes(as_list(mappings))
    mapped.facets["encrypted_at_rest"] = encrypted
    if label is not None and encrypted is False:
        mapped.defaults["encrypted_at_rest"] = label
    return mapped


_ROOT_LABEL = DefaultedFacet(
    attribute="BlockDeviceMappings (root device)", doc=EBS_ENCRYPTION, unless=ROOT_UNLESS
)
#: An ``Ebs`` mapping without ``Encrypted`` nor ``SnapshotId`` makes a new, empty volume: "If
#: you omit this parameter, it defaults to false (unencrypted)" (EC2 API reference,
#: EbsBlockDevice), unless the account encrypts new volumes by default.
_EBS_LABEL = DefaultedFacet(
    attribute="BlockDeviceMappings.Ebs.Encrypted",
    doc=EBS_BLOCK_DEVICE,
    unless=EBS_DEFAULT_UNLESS,
)


def _mapping_encrypted(mapping: Any) -> tuple[bool | None, bool]:
    """One ``Ebs`` mapping's encryption, and whether the default decided it: written, the
    value; not written, a snapshot's (``SnapshotId``, the AMI's for the root device: not
    known) or, for a new volume, unencrypted by default."""
    ebs = dig(mapping, "Ebs")
    if isinstance(ebs, dict) and ebs.get("Encrypted") is None:
        if ebs.get("SnapshotId") is not None:
            return None, False
        return False, True
    return as_bool(dig(ebs, "Encrypted")), False


def _instance_volumes(mappings: list[Any] | None) -> tuple[bool | None, DefaultedFacet | None]:
    """``encrypted_at_rest`` of an instance's volumes, and the default that decided it (if
    one did). Mappings that name no root device leave the root volume as the AMI gives it:
    unencrypted by the EBS default (a wrong PASS before: an encrypted ``/dev/sdb`` alone
    passed the instance). A device name that is not known may be the root one: UNKNOWN then,
    unless a written volume already fails. A root-device mapping without ``Encrypted`` keeps
    the AMI snapshot's encryption: unencrypted unless that snapshot is (was UNKNOWN)."""
    if not mappings:
        return None, None
    with_ebs = [m for m in mappings if dig(m, "Ebs") is not None]
    written: list[bool | None] = []
    defaulted: list[bool] = []
    for m in with_ebs:
        value, by_default = _mapping_encrypted(m)
        if by_default and names_root_device([dig(m, "DeviceName")]):
            # the root volume is made from the AMI's root snapshot
            written.append(False)
            defaulted.append(True)
            continue
        written.append(value)
        defaulted.append(by_default)
    explicit_false = any(v is False and not d for v, d in zip(written, defaulted, strict=True))
    root_defaulted = any(
        d and names_root_device([dig(m, "DeviceName")])
        for m, d in zip(with_ebs, defaulted, strict=True)
    )
    label = None if explicit_false else (_ROOT_LABEL if root_defaulted else _EBS_LABEL)
    root = names_root_device([dig(m, "DeviceName") for m in mappings])
    if root:
        value = all_true(written)
        return value, label if value is False else None
    if any(value is False for value in written):
        return False, label
    return (False, _ROOT_LABEL) if root is False else (None, None)


def load_balancer_v2(props: dict[str, Any]) -> Mapped:
    attributes = {
        dig(a, "Key"): dig(a, "Value") for a in as_list(props.get("LoadBalancerAttributes")) or []
    }
    scheme = props.get("Scheme")
    # Type absent: "application" (AWS::ElasticLoadBalancingV2::LoadBalancer, Type). An
    # application load balancer has a WAF only through a web ACL association, folded in by
    # the mapper when the template has one (as aws_lb in Terraform); network and gateway
    # load balancers have no WAF at all (normalize.absent).
    lb_type = default(props.get("Type"), "application", lambda t: t if is_known(t) else None)
    return Mapped(
        "network.load_balancer",
        {
            "public_endpoint": default(
                scheme, True, lambda s: s != "internal" if is_known(s) else None
            ),
            "waf_enabled": False if lb_type == "application" else None,
            "access_logging": default(attributes.get("access_logs.s3.enabled"), False, as_bool),
            "deletion_protection": default(
                attributes.get("deletion_protection.enabled"), False, as_bool
            ),
        },
    )


def _redirects_to_https(actions: Any) -> bool:
    listed = as_list(actions) or []
    return bool(listed) and all(
        dig(a, "Type") == "redirect" and dig(a, "RedirectConfig", "Protocol") == "HTTPS"
        for a in listed
    )


def listener_v2(props: dict[str, Any]) -> Mapped:
    protocol = as_str(props.get("Protocol"))
    facets: dict[str, Any] = {}
    if protocol is None:
        facets["encrypted_in_transit"] = None
    elif protocol.upper() in _ENCRYPTED_LISTENERS:
        facets["encrypted_in_transit"] = True
        policy = props.get("SslPolicy")
        # Unset: the API's default policy, TLS 1.0 and later (only the console picks TLS 1.2)
        facets["tls_min_version"] = policy_tls(API_DEFAULT_POLICY if policy is None else policy)
    else:
        facets["encrypted_in_transit"] = _redirects_to_https(props.get("DefaultActions"))
    return Mapped("network.load_balancer", facets)


def classic_load_balancer(props: dict[str, Any]) -> Mapped:
    listeners = as_list(props.get("Listeners")) or []
    protocols = [as_str(dig(item, "Protocol")) for item in listeners]
    encrypted = all_true(
        [p.upper() in _ENCRYPTED_LISTENERS if p is not None else None for p in protocols]
    )
    mapped = Mapped(
        "network.load_balancer",
        {
            "public_endpoint": default(
                props.get("Scheme"), True, lambda s: s != "internal" if is_known(s) else None
            ),
            "encrypted_in_transit": encrypted,
            "access_logging": default(
                dig(props, "AccessLoggingPolicy", "Enabled"), False, as_bool
            ),
            # no WAF can protect a Classic Load Balancer (normalize.absent.classic_waf)
            "waf_enabled": classic_waf(protocols or [None]),
        },
    )
    _classic_tls(props, listeners, mapped)
    return mapped


_CLASSIC_UNKNOWN_POLICY = Text(
    en="a policy of this load balancer cannot be read: its TLS versions are not known",
    th="อ่าน policy ของ load balancer นี้ไม่ได้ จึงไม่ทราบเวอร์ชัน TLS",
)


def _classic_tls(props: dict[str, Any], listeners: list[Any], mapped: Mapped) -> None:
    """The lowest TLS version the HTTPS / SSL listeners of a Classic Load Balancer accept: the
    ``SSLNegotiationPolicyType`` policy a listener names (``PolicyNames``) or that names its
    port (``LoadBalancerPorts``), else the API's default policy (TLS 1.0)."""
    secure = [
        item
        for item in listeners
        if (as_str(dig(item, "Protocol")) or "").upper() in CLASSIC_TLS_PROTOCOLS
    ]
    if not secure:
        return  # no TLS listener (NOT_APPLICABLE), or protocols not known
    policies = as_list(props.get("Policies"))
    negotiation = []
    for policy in policies or []:
        kind = dig(policy, "PolicyType")
        if not is_known(kind) or not isinstance(kind, str | None):
            policies = None
            break
        if kind == NEGOTIATION_TYPE:
            negotiation.append(policy)
    found: list[str | None] = []
    defaulted = False
    for item in secure:
        port = as_int(dig(item, "LoadBalancerPort"))
        named = as_list(dig(item, "PolicyNames"))
        if policies is None or named is None or port is None:
            found.append(None)
            continue
        chosen = [
            p
            for p in negotiation
            if dig(p, "PolicyName") in named
            or port in [as_int(x) for x in as_list(dig(p, "LoadBalancerPorts")) or []]
        ]
        if not chosen:
            found.append(API_DEFAULT_TLS)
            defaulted = True
        elif len(chosen) == 1:
            found.append(negotiation_tls(_attributes(dig(chosen[0], "Attributes"))))
        else:
            found.append(None)
    lowest = lowest_tls(found)
    mapped.facets["tls_min_version"] = lowest
    if lowest is None:
        mapped.unknown["tls_min_version"] = _CLASSIC_UNKNOWN_POLICY
    elif defaulted and lowest == API_DEFAULT_TLS:
        mapped.defaults["tls_min_version"] = DefaultedFacet(attribute="Policies", doc=CLASSIC_DOC)


def _attributes(value: Any) -> dict[str, Any]:
    """Name to value of a policy's ``Attributes`` list."""
    found: dict[str, Any] = {}
    for item in as_list(value) or []:
        name = dig(item, "Name")
        if isinstance(name, str):
            found[name] = dig(item, "Value")
    return found


def subnet(props: dict[str, Any]) -> Mapped:
    return Mapped(
        "network.subnet",
        {"public_endpoint": default(props.get("MapPublicIpOnLaunch"), False, as_bool)},
    )


def flow_log(props: dict[str, Any]) -> Mapped:
    return Mapped("logging.flow_log", {"enabled": True})


def api_domain_name(props: dict[str, Any]) -> Mapped:
    """``AWS::ApiGateway::DomainName`` (as ``aws_api_gateway_domain_name``): served over HTTPS
    only; ``SecurityPolicy`` is the minimum TLS of every API mapped to it (not written: not
    known, ``DOMAIN_POLICY_UNSET``); public unless ``EndpointConfiguration.Types`` is
    ``PRIVATE`` (none: an edge-optimised name). WAF and access logs are the mapped stages'."""
    policy = props.get("SecurityPolicy")
    types = dig(props, "EndpointConfiguration", "Types")
    public: bool | None = True
    if types is not None:
        names = types if isinstance(types, list) else None
        if names and all(isinstance(t, str) for t in names):
            public = not any(t.upper() == "PRIVATE" for t in names)
        else:
            public = None
    unknown = {"tls_min_version": DOMAIN_POLICY_UNSET} if policy is None else {}
    return Mapped(
        "network.api_gateway",
        {
            "encrypted_in_transit": True,
            "tls_min_version": api_gateway_policy_tls(policy),
            "public_endpoint": public,
        },
        unknown=unknown,
    )


def api_domain_name_v2(props: dict[str, Any]) -> Mapped:
    """``AWS::ApiGatewayV2::DomainName``: the lowest ``SecurityPolicy`` of its
    ``DomainNameConfigurations`` (HTTP and WebSocket APIs: "TLS_1_2"); public (an HTTP API
    custom domain is Regional)."""
    configs = props.get("DomainNameConfigurations")
    tls: str | None = None
    unknown: dict[str, Text] = {}
    if isinstance(configs, list) and configs and all(isinstance(c, dict) for c in configs):
        policies = [c.get("SecurityPolicy") for c in configs]
        if any(p is None for p in policies):
            unknown["tls_min_version"] = DOMAIN_POLICY_UNSET
        versions = [api_gateway_policy_tls(p) for p in policies]
        if all(v is not None for v in versions):
            tls = min(v for v in versions if v is not None)
    return Mapped(
        "network.api_gateway",
        {"encrypted_in_transit": True, "tls_min_version": tls, "public_endpoint": True},
        unknown=unknown,
    )


def client_vpn_endpoint(props: dict[str, Any]) -> Mapped:
    """``AWS::EC2::ClientVpnEndpoint`` (was not mapped), read as
    ``aws_ec2_client_vpn_endpoint``: ``ConnectionLogOptions.Enabled`` (required) is its
    access log (GDCC-LOG-007)."""
    return Mapped("network.vpn_endpoint", {
        "access_logging": as_bool(dig(props, "ConnectionLogOptions", "Enabled"))})


TYPES: dict[str, TypeMapper] = {
    "AWS::EC2::ClientVpnEndpoint": client_vpn_endpoint,
    "AWS::EC2::SecurityGroup": security_group,
    "AWS::EC2::SecurityGroupIngress": security_group_ingress,
    "AWS::EC2::Instance": ec2_instance,
    "AWS::EKS::Nodegroup": eks_nodegroup,
    "AWS::EC2::LaunchTemplate": launch_template,
    "AWS::AutoScaling::LaunchConfiguration": launch_configuration,
    "AWS::AutoScaling::AutoScalingGroup": autoscaling_group,
    "AWS::ElasticLoadBalancingV2::LoadBalancer": load_balancer_v2,
    "AWS::ElasticLoadBalancingV2::Listener": listener_v2,
    "AWS::ElasticLoadBalancing::LoadBalancer": classic_load_balancer,
    "AWS::EC2::VPC": kind_only("network.vpc"),
    "AWS::EC2::Subnet": subnet,
    "AWS::EC2::EIP": kind_only("network.public_ip", public_endpoint=True),
    "AWS::EC2::EIPAssociation": kind_only("network.public_ip", public_endpoint=True),
    "AWS::EC2::InternetGateway": kind_only("network.router", public_endpoint=True),
    "AWS::EC2::NatGateway": kind_only("network.router"),
    "AWS::EC2::FlowLog": flow_log,
    "AWS::ApiGateway::RestApi": kind_only("network.api_gateway"),
    "AWS::ApiGatewayV2::Api": kind_only("network.api_gateway"),
    "AWS::ApiGateway::DomainName": api_domain_name,
    "AWS::ApiGatewayV2::DomainName": api_domain_name_v2,
}
