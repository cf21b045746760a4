"""AWS networking: VPCs, subnets, security groups and their rule resources, load balancers,
listeners, CloudFront, API Gateway stages, elastic IPs and gateways."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from gdcc_audit.load.terraform.values import VPC_RANGE_MARK, VPC_RANGES_MARK
from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet, Facets, IngressRule
from gdcc_audit.normalize import cdn_origins
from gdcc_audit.normalize.absent import HTTP_API_WAF, classic_waf
from gdcc_audit.normalize.api_gateway import (
    API_OUTSIDE,
    DEFAULT_ENDPOINT_OFF,
    DOMAIN_POLICY_UNSET,
    METHODS_IN_BODY,
    POLICY_IN_BODY,
    REST_API_TLS_DOC,
    api_gateway_policy_tls,
    open_method,
    rest_api_outside,
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
from gdcc_audit.normalize.prefix_lists import AWS_MANAGED_PREFIX, aws_managed, with_outside
from gdcc_audit.normalize.terraform.common import (
    group_sources,
    port,
    protocol,
    rule,
    sources,
    tls_version,
    with_written_sources,
)
from gdcc_audit.normalize.terraform.context import (
    CompanionFn,
    Contribution,
    MapFn,
    Mapped,
    TfContext,
    known,
)
from gdcc_audit.normalize.terraform.rule_origins import inline_set_at
from gdcc_audit.normalize.terraform.values import block, blocks, flag, is_set, text

GROUPS = ("aws_security_group", "aws_default_security_group")


def _ingress_block(item: Mapping[str, Any]) -> tuple[IngressRule, ...]:
    """An inline ``ingress``/``egress`` block or a rule resource (for egress, the sources
    are the destinations); the sources written beside ones not known count apart
    (``with_written_sources``)."""
    lists = (
        item.get("cidr_blocks"),
        item.get("ipv6_cidr_blocks"),
        item.get("prefix_list_ids"),
        group_sources(item.get("security_groups")),
        group_sources(item.get("source_security_group_id")),
    )
    origins = sources(*lists)
    if origins is not None and flag(item, "self", False):
        origins = (*origins, "self")
    found = rule(
        protocol(item.get("protocol")),
        port(item.get("from_port")),
        port(item.get("to_port")),
        origins,
    )
    return with_written_sources(found, *lists)


_PREFIX_LISTS = ("aws_ec2_managed_prefix_list",)
_PREFIX_ENTRY = "aws_ec2_managed_prefix_list_entry"


def _list_cidrs(prefix_list: TfResource, ctx: TfContext) -> list[str] | None:
    """The CIDRs of a managed prefix list of the scan: its ``entry`` blocks and the
    ``aws_ec2_managed_prefix_list_entry`` resources naming it; None when one is not known."""
    entries = blocks(prefix_list.values, "entry")
    if entries is None:
        return None
    cidrs: list[Any] = [entry.get("cidr") for entry in entries]
    for item in ctx.by_type.get(_PREFIX_ENTRY, ()):
        said = ctx.may_designate(item, "prefix_list_id", _PREFIX_LISTS, prefix_list)
        if said is None:
            return None
        if said:
            cidrs.append(item.values.get("cidr"))
    if not all(isinstance(cidr, str) and cidr for cidr in cidrs):
        return None
    return [str(cidr) for cidr in cidrs]


def resolved_prefix_lists(owner: TfResource, path: str, value: Any, ctx: TfContext) -> Any:
    """``value`` (prefix list ids written at ``path`` of ``owner``) with the ids of managed
    prefix lists of the scan replaced by their CIDRs: "A prefix list is a set of one or more
    CIDR blocks" and a rule naming one applies to each (Amazon VPC user guide, "Managed prefix
    lists"). Only when each id not known is a reference to one such list whose entries are all
    known (a list holding 0.0.0.0/0 opens the port to the internet; was UNKNOWN); else as
    written (not known stays not known)."""
    items = value if isinstance(value, list) else [value]
    missing = sum(1 for item in items if item is UNKNOWN)
    if not missing:
        return value
    written = [ref for ref in owner.references if ref.attribute == path]
    lists = ctx.referenced_all(owner, path, _PREFIX_LISTS)
    if len(written) != missing or len(lists) != missing:
        return value
    cidrs: list[str] = []
    for prefix_list in lists:
        found = _list_cidrs(prefix_list, ctx)
        if found is None:
            return value
        cidrs += found
    return [item for item in items if item is not UNKNOWN] + cidrs


def _list_reference(owner: TfResource, target: str, ctx: TfContext) -> str | None:
    """What a reference naming a prefix list the scan does not resolve to CIDRs is: the name
    of an AWS-managed list (a ``data "aws_ec2_managed_prefix_list"`` looked up by a
    ``com.amazonaws.`` name or name filter, any ``data "aws_prefix_list"``: DescribePrefixLists
    "describes available Amazon Web Services services in a prefix list format", or a gateway
    VPC endpoint's ``prefix_list_id``) as ``aws-managed:NAME``, else the label of a list
    outside the scan (``outside:LABEL``: an input, a lookup by id, a module output); None for
    one the scan holds (its entries not known: left as it was)."""
    label = target.removesuffix(".id").removesuffix(".prefix_list_id")
    found = ctx.resolve(owner, label)
    if found is None:
        return f"outside:{label}"
    if found.type == "aws_vpc_endpoint":
        return f"aws-managed:{found.values.get('service_name') or label}"
    if found.mode != "data":
        return None
    written = found.values.get("name")
    name = _managed_name(written, found.shapes.get("name"))
    if found.type == "aws_prefix_list":
        return f"aws-managed:{name or (written if isinstance(written, str) else label)}"
    if found.type != "aws_ec2_managed_prefix_list":
        return f"outside:{label}"
    if name is not None:
        return f"aws-managed:{name}"
    for index, item in enumerate(blocks(found.values, "filter") or []):
        values = item.get("values")
        if item.get("name") != "prefix-list-name" or not isinstance(values, list) or not values:
            continue
        names = [
            _managed_name(v, found.shapes.get(f"filter.{index}.values.{i}"))
            for i, v in enumerate(values)
        ]
        if all(names):
            return f"aws-managed:{names[0]}"
    return f"outside:{label}"


#: Stands for the Region of an AWS-managed list's name written with one not known
#: (``com.amazonaws.${var.region}.s3``), as the Amazon VPC user guide writes it.
_SOME_REGION = "<region>"


def _managed_name(value: Any, shape: str | None) -> str | None:
    """The name of an AWS-managed prefix list that ``value`` (a list name, perhaps written
    in part: ``shape``) is, else None. A name whose Region is not known
    (``com.amazonaws.${var.region}.vpc-lattice``, ``…${data.aws_region.current.name}.s3``:
    the aws-samples VPC Lattice blueprints' shape) is still AWS's list of the service written
    after it (a customer-managed list's name "cannot start with com.amazonaws.":
    CreateManagedPrefixList, Amazon EC2 API reference), read ``com.amazonaws.<region>.SERVICE``
    (``graph/service_lists.service_of``); one whose service part is not known stays None."""
    if isinstance(value, str):
        return value if aws_managed(value) else None
    if value is not UNKNOWN or not aws_managed(shape):
        return None
    region, _, service = str(shape)[len(AWS_MANAGED_PREFIX):].partition(".")
    if UNKNOWN_TEXT not in region or not service or UNKNOWN_TEXT in service:
        return None
    return f"{AWS_MANAGED_PREFIX}{_SOME_REGION}.{service}"


def _outside_lists(
    owner: TfResource, path: str, value: Any, ctx: TfContext
) -> tuple[Any, list[str]]:
    """``value`` (prefix list ids at ``path``, those of the scan already read as CIDRs)
    without the lists outside the scan (a ``pl-`` id, an input, a lookup by id:
    ``normalize.prefix_lists``), and their labels; AWS-managed lists kept by name (a service's
    ranges, not the internet). Items not known whose references cannot all be told stay."""
    items = value if isinstance(value, list) else [value]
    kept: list[Any] = []
    labels: list[str] = []
    for item in items:
        if isinstance(item, str) and item.startswith("pl-"):
            labels.append(item)
        elif item is not UNKNOWN:
            kept.append(item)
    missing = sum(1 for item in items if item is UNKNOWN)
    if missing:
        refs = [ref.target for ref in owner.references if ref.attribute == path]
        told = [_list_reference(owner, target, ctx) for target in refs]
        if len(refs) == missing and all(told):
            for said in told:
                what, _, label = str(said).partition(":")
                (kept if what == "aws-managed" else labels).append(label)
        elif labels:
            kept += [UNKNOWN] * missing
        else:
            return value, []
    elif not labels:
        return value, []
    if isinstance(value, list):
        return kept, labels
    return (kept[0] if kept else None), labels


#: Source arguments of AWS security group rules that may read a VPC's own range.
_RANGE_KEYS = ("cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6")


def _with_vpc_ranges(owner: TfResource, path: str, item: Mapping[str, Any]) -> Mapping[str, Any]:
    """``item`` whose address sources not known that are a VPC's or subnet's own range
    (``cidr_blocks = [data.aws_vpc.this.cidr_block]``: ``load.terraform.values.VpcRange``)
    read as ``ref:<that VPC or subnet>``: a range of the VPC's own addresses (IPv4 /16 to
    /28, IPv6 /44 to /64), never the internet (packets from the internet keep their public
    source address). A source that may be such a range or another value (a condition,
    ``coalesce`` with an input) stays not known."""
    if not any(
        shape.startswith((VPC_RANGE_MARK, VPC_RANGES_MARK)) for shape in owner.shapes.values()
    ):
        return item
    changed = dict(item)
    for key in _RANGE_KEYS:
        value = item.get(key)
        shape = owner.shapes.get(f"{path}{key}", "") if value is UNKNOWN else ""
        if shape.startswith(VPC_RANGES_MARK) and key.endswith("_blocks"):
            # the VPC's ranges, however many (``cidr_block_associations[*].cidr_block``)
            changed[key] = ["ref:" + shape[len(VPC_RANGES_MARK):]]
        elif value is UNKNOWN:
            changed[key] = _range_source(owner, f"{path}{key}", value)
        elif isinstance(value, list):
            changed[key] = [
                _range_source(owner, f"{path}{key}.{i}", v) for i, v in enumerate(value)
            ]
    return changed


def _range_source(owner: TfResource, path: str, value: Any) -> Any:
    """``ref:<VPC or subnet>`` for a value not known that is its own range, else ``value``."""
    shape = owner.shapes.get(path) if value is UNKNOWN else None
    if shape is None or not shape.startswith(VPC_RANGE_MARK):
        return value
    return "ref:" + shape[len(VPC_RANGE_MARK):]


#: Group source arguments of AWS security group rules.
_GROUP_KEYS = ("security_groups", "source_security_group_id", "referenced_security_group_id")


def _with_cloudfront_group(
    owner: TfResource, path: str, item: Mapping[str, Any], ctx: TfContext
) -> Mapping[str, Any]:
    """``item`` whose group sources not known that are CloudFront's VPC origins group —
    a ``data "aws_security_group"`` looked up by the name CloudFront gives it (``name`` or a
    ``group-name`` filter): "CloudFront-VPCOrigins-Service-SG", CloudFront developer guide,
    private-content-vpc-origins — read as ``cdn_origins.VPC_ORIGINS_GROUP`` (CloudFront's
    VPC origin interfaces, nothing else)."""
    changed: dict[str, Any] | None = None
    for key in _GROUP_KEYS:
        value = item.get(key)
        items = value if isinstance(value, list) else [value]
        if UNKNOWN not in items:
            continue
        refs = [ref.target for ref in owner.references if ref.attribute == f"{path}{key}"]
        if len(refs) != 1 or sum(1 for i in items if i is UNKNOWN) != 1:
            continue
        found = ctx.resolve(owner, refs[0].removesuffix(".id"))
        if found is None or found.mode != "data" or found.type != "aws_security_group":
            continue
        names = [found.values.get("name")] + [
            v for f in blocks(found.values, "filter") or []
            if f.get("name") == "group-name" and isinstance(f.get("values"), list)
            for v in f["values"]
        ]
        if cdn_origins.VPC_ORIGINS_GROUP not in names:
            continue
        mark = cdn_origins.VPC_ORIGINS_GROUP
        changed = changed if changed is not None else dict(item)
        changed[key] = [mark if i is UNKNOWN else i for i in items] if isinstance(
            value, list) else mark
    return changed if changed is not None else item


def _with_lists(
    owner: TfResource, path: str, item: Mapping[str, Any], key: str, ctx: TfContext
) -> tuple[Mapping[str, Any], list[str]]:
    """``item`` whose prefix list ids at ``key`` are resolved (:func:`resolved_prefix_lists`),
    without the lists outside the scan, and their labels (:func:`_outside_lists`)."""
    item = _with_cloudfront_group(owner, path, item, ctx)
    value = item.get(key)
    if value is None:
        return item, []
    resolved = resolved_prefix_lists(owner, f"{path}{key}", value, ctx)
    left, labels = _outside_lists(owner, f"{path}{key}", resolved, ctx)
    return (item if left is value else {**item, key: left}), labels


def _inline_items(
    r: TfResource, ctx: TfContext
) -> list[tuple[Mapping[str, Any], list[str]]] | None:
    """A security group's inline ``ingress`` blocks with their prefix lists read, each with
    the labels of the lists outside the scan; None when the blocks are not known."""
    written = blocks(r.values, "ingress")
    if written is None:
        return None
    return [
        _with_lists(r, f"ingress.{index}.", _with_vpc_ranges(r, f"ingress.{index}.", item),
                    "prefix_list_ids", ctx)
        for index, item in enumerate(written)
    ]


def inline_ingress(r: TfResource, ctx: TfContext) -> list[tuple[int, IngressRule]] | None:
    """The rules of a security group's inline ``ingress`` blocks, each with the index of
    the block it comes from (a block may give two: ``with_outside``); None when the blocks
    are not known."""
    items = _inline_items(r, ctx)
    if items is None:
        return None
    return [
        (index, x.model_copy(update={"set_at": at}) if at else x)
        for index, ((i, labels), at) in enumerate(
            zip(items, inline_set_at(r, "ingress", len(items)), strict=True)
        )
        for x in with_outside(_ingress_block(i), labels)
    ]


def inline_blocks(r: TfResource, ctx: TfContext) -> list[int] | None:
    """For each rule of a security group's inline ``ingress`` blocks, in order, the index of
    the block it comes from (:func:`inline_ingress` without where values are set)."""
    items = _inline_items(r, ctx)
    if items is None:
        return None
    return [
        index
        for index, (item, labels) in enumerate(items)
        for _ in with_outside(_ingress_block(item), labels)
    ]


def security_group(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_security_group`` / ``aws_default_security_group`` with inline ``ingress`` blocks
    (managed prefix lists of the scan read as their CIDRs).

    Rule resources that point at the group are added in the mapper's second pass.
    """
    inline = inline_ingress(r, ctx)
    # Terraform removes the allow-all egress rule AWS creates: no block, no outbound rule.
    outbound = blocks(r.values, "egress")
    out = None if outbound is None else [
        _with_lists(r, f"egress.{index}.", _with_vpc_ranges(r, f"egress.{index}.", item),
                    "prefix_list_ids", ctx)
        for index, item in enumerate(outbound)
    ]
    return "network.security_group", Facets(
        ingress=None if inline is None else tuple(x for _, x in inline),
        egress=None if out is None else tuple(
            x for i, labels in out for x in with_outside(_ingress_block(i), labels)
        ),
        default_deny=None,
    )


def _rule_direction(r: TfResource) -> str | None:
    """``ingress`` or ``egress``; ``None`` when the type of a rule resource is not known."""
    if r.type == "aws_security_group_rule":
        kind = r.values.get("type")
        return kind if kind in ("ingress", "egress") else None
    return "egress" if r.type == "aws_vpc_security_group_egress_rule" else "ingress"


def _names_own_group(r: TfResource, key: str) -> bool:
    """Whether a rule resource's source group ``key`` is the group the rule belongs to
    (``referenced_security_group_id = each.value.self ? aws_security_group.this[0].id :
    ...`` with ``security_group_id = aws_security_group.this[0].id``): the group admits its
    own members. Its id is known only after apply, and a reference of a rule to its own
    group is not a link to another group, so the source was not resolved (UNKNOWN)."""
    own = r.designated.get("security_group_id")
    return own is not None and r.designated.get(key) == own


def _rule_of(r: TfResource, ctx: TfContext | None = None) -> tuple[IngressRule, ...]:
    """The rule of a security group rule resource (either direction); with ``ctx``, managed
    prefix lists of the scan read as their CIDRs."""
    v: Mapping[str, Any] = _with_vpc_ranges(r, "", r.values)
    labels: list[str] = []
    if ctx is not None:
        v, labels = _with_lists(r, "", v, "prefix_list_ids", ctx)
        v, more = _with_lists(r, "", v, "prefix_list_id", ctx)
        labels += more
    if r.type == "aws_security_group_rule":
        if _names_own_group(r, "source_security_group_id"):
            v = {**v, "source_security_group_id": None, "self": True}
        return with_outside(_ingress_block(v), labels)
    lists = (
        v.get("cidr_ipv4"),
        v.get("cidr_ipv6"),
        v.get("prefix_list_id"),
        ("self",) if _names_own_group(r, "referenced_security_group_id")
        else group_sources(v.get("referenced_security_group_id")),
    )
    found = rule(
        protocol(v.get("ip_protocol")), port(v.get("from_port")), port(v.get("to_port")),
        sources(*lists),
    )
    return with_outside(with_written_sources(found, *lists), labels)


def _rule_facets(r: TfResource, ctx: TfContext) -> dict[str, tuple[IngressRule, ...] | None]:
    direction = _rule_direction(r)
    if direction is None:  # either way: an inbound rule of unknown reach, outbound not known
        return {"ingress": (IngressRule(protocol="unknown", sources=None),)}
    other = "egress" if direction == "ingress" else "ingress"
    return {direction: _rule_of(r, ctx), other: ()}


def security_group_rule(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """A rule resource contributes its rule to the group it names."""
    group = ctx.referenced(r, "security_group_id", GROUPS)
    if group is None:
        return []
    found = _rule_facets(r, ctx)
    if "egress" not in found:
        found = {**found, "egress": None}
    return [Contribution(group.address, r.address, found)]


def standalone_rule(r: TfResource, ctx: TfContext) -> Mapped:
    """A rule whose group is not in the document is judged as a group of one rule (its other
    direction not known: the group's other rules are elsewhere)."""
    direction = _rule_direction(r)
    found = _rule_facets(r, ctx)
    return "network.security_group", Facets(
        ingress=found.get("ingress", ()),
        egress=found["egress"] if direction == "egress" else None,
    )


def vpc(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_vpc`` / ``aws_default_vpc``; flow logs are found through the graph."""
    return "network.vpc", Facets()


def subnet(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_subnet``: does it hand out public IPs."""
    return "network.subnet", Facets(
        public_access=flag(r.values, "map_public_ip_on_launch", False),
    )


def load_balancer(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_lb`` / ``aws_alb``: exposure, access logs, deletion protection.

    Encryption in transit is a property of the listeners (mapped separately).
    """
    v = r.values
    internal = flag(v, "internal", False)
    logs = block(v, "access_logs")
    waf = ctx.related(["aws_wafv2_web_acl_association", "aws_wafregional_web_acl_association"])
    # an association that may name this balancer or another one: not known
    protected = ctx.any_designates(waf, "resource_arn", ["aws_lb", "aws_alb"], r)
    lb_type = text(v, "load_balancer_type", "application")
    return "network.load_balancer", Facets(
        public_endpoint=None if internal is None else not internal,
        access_logging=None if logs is None else bool(logs) and flag(logs, "enabled", False),
        deletion_protection=flag(v, "enable_deletion_protection", False),
        waf_enabled=protected if protected is not False else (
            False if lb_type == "application" else None
        ),
        encrypted_in_transit=None,
    )


def listener(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_lb_listener``: HTTPS/TLS, or HTTP that only redirects to HTTPS."""
    v = r.values
    proto = text(v, "protocol", "HTTP")
    if proto is None:
        return "network.load_balancer", Facets()
    proto = proto.upper()
    if proto in {"HTTPS", "TLS"}:
        # Without ssl_policy the API applies its default (TLS 1.0 and later; only the console
        # picks a TLS 1.2 policy): elb_tls.API_DEFAULT_POLICY
        policy = v.get("ssl_policy")
        tls = policy_tls(API_DEFAULT_POLICY if policy is None else policy)
        return "network.load_balancer", Facets(encrypted_in_transit=True, tls_min_version=tls)
    actions = blocks(v, "default_action")
    if actions is None:
        return "network.load_balancer", Facets()
    redirect = [block(a, "redirect") for a in actions if a.get("type") == "redirect"]
    if redirect and all(
        item is not None and str(item.get("protocol", "")).upper() == "HTTPS" for item in redirect
    ):
        return "network.load_balancer", Facets(encrypted_in_transit=True)
    if proto in {"TCP", "UDP", "TCP_UDP", "GENEVE"}:
        return "network.load_balancer", Facets(encrypted_in_transit=None)
    return "network.load_balancer", Facets(encrypted_in_transit=False)


_CLASSIC_POLICY_TYPES = ("aws_load_balancer_listener_policy", "aws_lb_ssl_negotiation_policy")
_CLASSIC_UNKNOWN_POLICY = Text(
    en="a listener policy of this load balancer cannot be read: its TLS versions are not known",
    th="อ่าน listener policy ของ load balancer นี้ไม่ได้ จึงไม่ทราบเวอร์ชัน TLS",
)


def classic_elb(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_elb``: every listener HTTPS/SSL, the lowest TLS version they accept; no WAF can
    protect it (``classic_waf``)."""
    v = r.values
    listeners = blocks(v, "listener")
    logs = block(v, "access_logs")
    protocols: list[str | None] = [None]
    if listeners is None:
        secure = None
    else:
        protocols = [text(i, "lb_protocol") for i in listeners]
        secure = (
            None
            if any(p is None for p in protocols)
            else all(str(p).upper() in {"HTTPS", "SSL"} for p in protocols)
        )
    internal = flag(v, "internal", False)
    return "network.load_balancer", Facets(
        waf_enabled=classic_waf(protocols),
        encrypted_in_transit=secure,
        public_endpoint=None if internal is None else not internal,
        access_logging=None if logs is None else bool(logs) and flag(logs, "enabled", True),
        tls_min_version=_classic_tls(r, ctx, listeners or []),
    )


def _classic_tls(
    r: TfResource, ctx: TfContext, listeners: Sequence[Mapping[str, Any]]
) -> str | None:
    """The lowest TLS version the HTTPS / SSL listeners of a Classic Load Balancer accept: the
    negotiation policy attached to each listener's port (``aws_load_balancer_listener_policy``
    naming ``aws_load_balancer_policy`` resources, or ``aws_lb_ssl_negotiation_policy``), else
    the API's default policy. ``None`` when a port or a policy is not known, or when a policy
    of the root may be this load balancer's but cannot be told."""
    secure = [
        i for i in listeners if str(text(i, "lb_protocol") or "").upper() in CLASSIC_TLS_PROTOCOLS
    ]
    if not secure:
        return None  # no TLS listener (NOT_APPLICABLE), or protocols not known
    by_port: dict[str, list[str | None]] = {}
    for policy in ctx.related(_CLASSIC_POLICY_TYPES):
        listener_policy = policy.type == "aws_load_balancer_listener_policy"
        attribute = "load_balancer_name" if listener_policy else "load_balancer"
        elb = ctx.referenced(policy, attribute, ["aws_elb"])
        if elb is None and known(policy.values.get(attribute)):
            continue  # names a load balancer outside the scan
        if elb is not None and elb is not r:
            continue
        port = policy.values.get("load_balancer_port" if listener_policy else "lb_port")
        if elb is None or not known(port):
            # may be this load balancer's, or on a port that cannot be told
            ctx.note(r, "tls_min_version", None, unknown=_CLASSIC_UNKNOWN_POLICY)
            return None
        versions = by_port.setdefault(str(port), [])
        if listener_policy:
            versions.extend(_listener_policy_tls(policy, r, ctx))
        else:
            versions.append(negotiation_tls(_attributes(policy.values, "attribute")))
    found: list[str | None] = []
    defaulted = False
    for item in secure:
        port = item.get("lb_port")
        attached = by_port.get(str(port))
        if not known(port):
            found.append(None)
        elif attached is None:
            found.append(API_DEFAULT_TLS)
            defaulted = True
        else:
            # one negotiation policy per listener; anything else is not readable
            found.append(attached[0] if len(attached) == 1 else None)
    lowest = lowest_tls(found)
    if lowest is None:
        ctx.note(r, "tls_min_version", None, unknown=_CLASSIC_UNKNOWN_POLICY)
    elif defaulted and lowest == API_DEFAULT_TLS:
        default = DefaultedFacet(attribute="aws_load_balancer_listener_policy", doc=CLASSIC_DOC)
        ctx.note(r, "tls_min_version", lowest, default)
    return lowest


def _attributes(values: Mapping[str, Any], key: str) -> dict[str, Any]:
    """Name to value of the ``policy_attribute`` / ``attribute`` blocks of a policy."""
    found: dict[str, Any] = {}
    for item in blocks(values, key) or []:
        name = item.get("name")
        if isinstance(name, str):
            found[name] = item.get("value")
    return found


def _listener_policy_tls(policy: TfResource, elb: TfResource, ctx: TfContext) -> list[str | None]:
    """TLS versions of the negotiation policies an ``aws_load_balancer_listener_policy`` sets
    on its port (other policy types there are left out); ``[None]`` when one is not found."""
    names = policy.values.get("policy_names")
    if not isinstance(names, list | tuple | set | frozenset):
        return [None]
    candidates = [
        p
        for p in ctx.related(["aws_load_balancer_policy"])
        if ctx.referenced(p, "load_balancer_name", ["aws_elb"]) is elb
    ]
    found: list[str | None] = []
    for name in names:
        match = [p for p in candidates if known(name) and p.values.get("policy_name") == name]
        kind = match[0].values.get("policy_type_name") if len(match) == 1 else None
        if not known(kind):
            return [None]
        if kind == NEGOTIATION_TYPE:
            found.append(negotiation_tls(_attributes(match[0].values, "policy_attribute")))
    return found or [None]


def cloudfront(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_cloudfront_distribution``: viewer protocol, minimum TLS, WAF, logging."""
    v = r.values
    behaviours = blocks(v, "default_cache_behavior")
    ordered = blocks(v, "ordered_cache_behavior")
    if behaviours is None or ordered is None:
        secure = None
    else:
        policies = [text(b, "viewer_protocol_policy") for b in behaviours + ordered]
        secure = (
            None if any(p is None for p in policies) else all(p != "allow-all" for p in policies)
        )
    certificate = block(v, "viewer_certificate")
    if certificate is None:
        tls = None
    elif not certificate or flag(certificate, "cloudfront_default_certificate", False):
        tls = "1.0"  # the default certificate allows TLSv1
    elif all(certificate.get(k) is None for k in ("acm_certificate_arn", "iam_certificate_id")):
        # no certificate of its own: only the *.cloudfront.net one can serve, for which
        # "CloudFront automatically sets the security policy to TLSv1 regardless of the value
        # that you set" (CloudFront API, ViewerCertificate MinimumProtocolVersion)
        tls = "1.0"
    else:
        tls = tls_version(certificate.get("minimum_protocol_version", "TLSv1"))
    return "network.api_gateway", Facets(
        encrypted_in_transit=secure,
        tls_min_version=tls,
        waf_enabled=is_set(v, "web_acl_id"),
        access_logging=is_set(v, "logging_config"),
        public_endpoint=True,
    )


_WAF_ASSOCIATIONS = ["aws_wafv2_web_acl_association", "aws_wafregional_web_acl_association"]

def _rest_api_tls(stage: TfResource, api: TfResource, ctx: TfContext) -> str | None:
    """The minimum TLS version of a REST API's default (``execute-api``) endpoint, which
    serves every stage: its ``security_policy``, else the documented default of its endpoint
    type (``REST_API_TLS_DOC``; no ``endpoint_configuration`` is EDGE). A default endpoint
    turned off, a policy set in an OpenAPI ``body``, or an endpoint type not known: ``None``.
    """
    v = api.values
    disabled = flag(v, "disable_execute_api_endpoint", False)
    if disabled is not False:
        ctx.note(stage, "tls_min_version", None, unknown=DEFAULT_ENDPOINT_OFF)
        return None
    policy = v.get("security_policy")
    if policy is not None:
        return api_gateway_policy_tls(policy)
    body = v.get("body")
    if body is not None and (
        not isinstance(body, str)
        or "x-amazon-apigateway-security-policy" in body
        or "disableExecuteApiEndpoint" in body
    ):
        ctx.note(stage, "tls_min_version", None, unknown=POLICY_IN_BODY)
        return None
    endpoint = blocks(v, "endpoint_configuration")
    if endpoint is None:
        return None
    types: Any = endpoint[0].get("types") if endpoint else ["EDGE"]
    if not isinstance(types, list) or not types or not all(known(t) for t in types):
        return None
    tls = "1.2" if any(str(t).upper() == "PRIVATE" for t in types) else "1.0"
    default = DefaultedFacet(attribute="security_policy", doc=REST_API_TLS_DOC)
    ctx.note(stage, "tls_min_version", tls, default)
    return tls


def _maybe_other_api(address: str) -> Text:
    """Why the open methods of an API are not known: ``address``, open to any caller, is of
    this API or of another one, as a value not known before apply chooses."""
    return Text(
        en=f"{address} lets any caller in and belongs to this API or to another one, chosen "
        "by a value not known before apply",
        th=f"{address} ให้ผู้เรียกใดก็ได้เข้าถึง และเป็นของ API นี้หรือ API อื่น "
        "ซึ่งเลือกด้วยค่าที่ไม่ทราบก่อน apply",
    )


def _rest_methods(api: TfResource, ctx: TfContext) -> tuple[tuple[str, ...] | None, Text | None]:
    """The methods of a REST API any caller may invoke (``api_gateway.open_method``), from the
    ``aws_api_gateway_method`` resources of the scan that name it; an OpenAPI ``body`` may
    define others: not known."""
    if api.values.get("body") is not None:
        return None, METHODS_IN_BODY
    found: list[str] = []
    for method in ctx.related(["aws_api_gateway_method"]):
        hit = ctx.may_designate(method, "rest_api_id", [api.type], api)
        if hit is False:
            continue
        v = method.values
        verb = text(v, "http_method") or "?"
        resource = ctx.referenced(method, "resource_id", ["aws_api_gateway_resource"])
        part = None if resource is None else text(resource.values, "path_part")
        path = f" /{part}" if part else ""
        opened = open_method(
            v.get("authorization"), v.get("http_method"), f"{verb}{path} ({method.address})",
            v.get("api_key_required", False),
        )
        if opened and hit is None:
            return None, _maybe_other_api(method.address)
        if opened is None:
            return None, None
        if opened:
            found.append(str(opened))
    return tuple(found), None


def _http_routes(api: TfResource, ctx: TfContext) -> tuple[tuple[str, ...] | None, Text | None]:
    """The routes of an HTTP / WebSocket API any caller may invoke: ``authorization_type``
    defaults to NONE (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/
    apigatewayv2_route); a WebSocket API authorizes on its ``$connect`` route only. A
    quick-create ``target`` makes a ``$default`` route with no authorization."""
    v = api.values
    if v.get("body") is not None:
        return None, METHODS_IN_BODY
    found: list[str] = []
    if v.get("target") is not None:
        found.append(f"$default ({api.address}: quick-create target)")
    websocket = text(v, "protocol_type", "HTTP") == "WEBSOCKET"
    for route in ctx.related(["aws_apigatewayv2_route"]):
        hit = ctx.may_designate(route, "api_id", [api.type], api)
        if hit is False:
            continue
        key = text(route.values, "route_key")
        if key is None:
            return None, None
        if websocket and key != "$connect":
            continue
        opened = open_method(
            text(route.values, "authorization_type", "NONE"),
            key.split(" ", 1)[0],
            f"{key} ({route.address})",
        )
        if opened and hit is None:
            return None, _maybe_other_api(route.address)
        if opened is None:
            return None, None
        if opened:
            found.append(str(opened))
    return tuple(found), None


def api_stage(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_api_gateway_stage`` / ``aws_apigatewayv2_stage``: access logs, WAF (API Gateway
    only serves HTTPS).

    A REST API stage (``aws_api_gateway_stage``) has a WAF when a web ACL association of the
    scan names it (``resource_arn``), as for load balancers, and none otherwise. It is public
    unless its REST API's ``endpoint_configuration.types`` is ``PRIVATE``; without the block
    the API is edge-optimised ("If unspecified, defaults to EDGE",
    registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_rest_api).
    A REST API outside the scan leaves exposure unknown. HTTP and WebSocket API stages are
    public (``HTTP_API_ENDPOINTS_DOC``). An HTTP or WebSocket API stage cannot take an AWS WAF
    web ACL (``absent.HTTP_API_WAF``): no WAF (a WebSocket one was UNKNOWN).
    Minimum TLS: 1.2 for HTTP and WebSocket API stages (enforced on every endpoint); for a REST
    API stage, the policy of its REST API's default endpoint (``_rest_api_tls``), which every
    stage answers on; custom domain names are judged on their own resources.
    """
    v = r.values
    public: bool | None = None
    waf: bool | None = True if is_set(v, "web_acl_arn") else None
    # HTTP and WebSocket API endpoints always enforce TLS_1_2 (api_gateway.HTTP_API_TLS_DOC),
    # and are public: neither API type has a private endpoint (HTTP_API_ENDPOINTS_DOC)
    tls: str | None = "1.2"
    methods: tuple[str, ...] | None = None
    why: Text | None = API_OUTSIDE
    if r.type == "aws_apigatewayv2_stage":
        public = True
        api = ctx.referenced(r, "api_id", ["aws_apigatewayv2_api"])
        if api is not None:
            methods, why = _http_routes(api, ctx)
            if text(api.values, "protocol_type") in ("HTTP", "WEBSOCKET"):
                # no WAF can protect an HTTP or WebSocket API (absent.HTTP_API_WAF)
                waf = HTTP_API_WAF
    else:
        tls = None
        associations = ctx.related(_WAF_ASSOCIATIONS)
        if waf is None:
            waf = ctx.any_designates(associations, "resource_arn", [r.type], r)
        api = ctx.referenced(r, "rest_api_id", ["aws_api_gateway_rest_api"])
        if api is not None:
            endpoint = blocks(api.values, "endpoint_configuration")
            if endpoint == []:
                public = True  # no block: EDGE
            elif endpoint and isinstance(endpoint[0].get("types"), list):
                named = [str(t).upper() for t in endpoint[0]["types"]]
                public = "PRIVATE" not in named if named else None
            tls = _rest_api_tls(r, api, ctx)
            methods, why = _rest_methods(api, ctx)
        else:
            named = sorted({f.target for f in r.references if f.attribute == "rest_api_id"})
            written = v.get("rest_api_id")
            said = ", ".join(named) or (written if isinstance(written, str) else "(not known)")
            ctx.note(r, "public_endpoint", None, unknown=rest_api_outside(said))
    if why is not None:
        ctx.note(r, "unauthenticated_methods", None, unknown=why)
    return "network.api_gateway", Facets(
        encrypted_in_transit=True,
        tls_min_version=tls,
        access_logging=is_set(v, "access_log_settings"),
        waf_enabled=waf,
        public_endpoint=public,
        unauthenticated_methods=methods,
    )


def api_domain_name(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_api_gateway_domain_name`` / ``aws_apigatewayv2_domain_name``: a custom domain
    name, served over HTTPS only, whose ``security_policy`` sets the minimum TLS version of
    every API mapped to it (``api_gateway_policy_tls``). A REST custom domain without one is
    not known (the API reference gives no default); an HTTP/WebSocket custom domain's policy
    sits in ``domain_name_configuration`` ("Valid values: TLS_1_2"). Public unless a REST
    custom domain's ``endpoint_configuration.types`` is ``PRIVATE`` (without the block:
    EDGE). WAF and access logs belong to the stages mapped to it (``normalize.absent``).
    """
    v = r.values
    public: bool | None = True
    policy: Any = None
    readable = True
    if r.type == "aws_apigatewayv2_domain_name":
        config = blocks(v, "domain_name_configuration")
        readable = config is not None  # a dynamic block not known
        policy = config[0].get("security_policy") if config else None
    else:
        policy = v.get("security_policy")
        endpoint = blocks(v, "endpoint_configuration")
        if endpoint is None:
            public = None
        elif endpoint:
            types = endpoint[0].get("types")
            if isinstance(types, list) and types and all(known(t) for t in types):
                public = not any(str(t).upper() == "PRIVATE" for t in types)
            else:
                public = None
    tls = api_gateway_policy_tls(policy)
    if policy is None and readable:
        ctx.note(r, "tls_min_version", None, unknown=DOMAIN_POLICY_UNSET)
    return "network.api_gateway", Facets(
        encrypted_in_transit=True, tls_min_version=tls, public_endpoint=public
    )


def appsync_api(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_appsync_graphql_api``: a GraphQL endpoint, served over HTTPS only.

    Its request logs go to CloudWatch when ``log_config`` names a CloudWatch Logs role, none
    without the block. It has a WAF when an ``aws_wafv2_web_acl_association`` of the scan
    names it, none otherwise. It is public unless ``visibility = "PRIVATE"`` ("If no value is
    provided, the visibility will be set to GLOBAL by default",
    registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/appsync_graphql_api).
    It accepts TLS 1.2 at least ("We require TLS 1.2 and recommend TLS 1.3", AppSync developer
    guide, infrastructure-security.html; custom domains "support only TLS 1.2 and TLS 1.3",
    as CloudFormation's ``AWS::AppSync::GraphQLApi``: GDCC-ENC-005 was UNKNOWN).
    """
    v = r.values
    log = blocks(v, "log_config")
    visibility = text(v, "visibility", "GLOBAL")
    associations = ctx.related(["aws_wafv2_web_acl_association"])
    role = None if log is None else bool(log) and is_set(log[0], "cloudwatch_logs_role_arn")
    return "network.api_gateway", Facets(
        encrypted_in_transit=True,
        tls_min_version="1.2",
        access_logging=role,
        waf_enabled=ctx.any_designates(associations, "resource_arn", [r.type], r),
        public_endpoint=None if visibility is None else visibility.upper() != "PRIVATE",
    )


def client_vpn_endpoint(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_ec2_client_vpn_endpoint`` (was not mapped): a remote-access VPN endpoint. Its
    connection log (``connection_log_options.enabled``, a required block) is its access log
    (GDCC-LOG-007; AWS Security Hub EC2.51). Its authentication, split tunnel and transport
    are not judged: no GDCC rule asks for them (docs/iac.md)."""
    log = block(r.values, "connection_log_options")
    return "network.vpn_endpoint", Facets(
        access_logging=None if log is None else flag(log, "enabled"))


def elastic_ip(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_eip``."""
    return "network.public_ip", Facets(public_endpoint=True)


def gateway(r: TfResource, ctx: TfContext) -> Mapped:
    """Internet / NAT gateways and routers."""
    return "network.router", Facets()


MAPPINGS: dict[str, MapFn] = {
    "aws_security_group": security_group,
    "aws_default_security_group": security_group,
    "aws_security_group_rule": standalone_rule,
    "aws_vpc_security_group_ingress_rule": standalone_rule,
    "aws_vpc_security_group_egress_rule": standalone_rule,
    "aws_vpc": vpc,
    "aws_default_vpc": vpc,
    "aws_subnet": subnet,
    "aws_lb": load_balancer,
    "aws_alb": load_balancer,
    "aws_lb_listener": listener,
    "aws_alb_listener": listener,
    "aws_elb": classic_elb,
    "aws_cloudfront_distribution": cloudfront,
    "aws_api_gateway_stage": api_stage,
    "aws_apigatewayv2_stage": api_stage,
    "aws_api_gateway_domain_name": api_domain_name,
    "aws_apigatewayv2_domain_name": api_domain_name,
    "aws_appsync_graphql_api": appsync_api,
    "aws_ec2_client_vpn_endpoint": client_vpn_endpoint,
    "aws_eip": elastic_ip,
    "aws_internet_gateway": gateway,
    "aws_nat_gateway": gateway,
}

COMPANIONS: dict[str, CompanionFn] = {
    "aws_security_group_rule": security_group_rule,
    "aws_vpc_security_group_ingress_rule": security_group_rule,
    "aws_vpc_security_group_egress_rule": security_group_rule,
}
