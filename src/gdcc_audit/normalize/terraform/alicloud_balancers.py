"""Alibaba Cloud Application and Network Load Balancers (ALB, NLB): the balancers, their
listeners, server groups and forwarding rules. The graph follows what they forward to
(``graph/alicloud_lb.py``); the balancers and listeners are judged as load balancers.

From the provider's pages (registry.terraform.io/providers/aliyun/alicloud/latest/docs/
resources/):

* ``alicloud_alb_load_balancer`` / ``alicloud_nlb_load_balancer``: ``address_type`` (Required)
  ``Internet`` or ``Intranet``. Their ``security_group_ids`` are not read as filtering what
  reaches them: "By default, whether or not the ALB instance is associated with a security
  group, its listener ports accept all inbound requests. Adding a security group with only
  Allow rules does not change this behavior" (Alibaba Cloud ALB user guide,
  use-alb-security-groups-to-implement-blacklist-and-whitelist-access-policies); deny rules
  are read since stop 51 (:func:`group_denies`): a ``drop`` rule of every address on a
  listener's port closes it to the internet but for the sources ``accept`` rules of higher
  priority admit; anything not known keeps it open (never a PASS for it). An ALB's
  access log is its ``access_log_config`` block (``log_project``, ``log_store``), or an
  ``alicloud_alb_load_balancer_access_log_config_attachment`` naming it; with neither, none
  is written. Protocol and TLS are each listener's.
* ``alicloud_alb_listener``: ``listener_protocol`` HTTP, HTTPS or QUIC (QUIC is TLS 1.3);
  HTTPS with ``security_policy_id`` a system policy (``tls_cipher_policy_1_0`` ...) or an
  ``alicloud_alb_security_policy`` (its ``tls_versions``); left out, "(Optional, Computed)"
  with no default written: not known.
* ``alicloud_nlb_listener``: ``listener_protocol`` TCP, UDP or TCPSSL; TCPSSL with
  ``security_policy_id`` "tls_cipher_policy_1_0 (default)" (resources/nlb_listener). TCP and
  UDP may carry anything (not known), and terminate no TLS.
* An NLB carries no HTTP: no web application firewall is in front of one (GDCC-NET-003 does
  not apply).
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models import cidr
from gdcc_audit.models.resource import DefaultedFacet, Facets
from gdcc_audit.normalize.terraform.common import minimum_tls, port, protocol
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.values import blocks, number, string_list, text

_DOCS = "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/"
NLB_LISTENER_DOC = _DOCS + "nlb_listener"
#: The system TLS policies of ALB and NLB listeners and the lowest version each allows
#: (Alibaba Cloud SLB user guide, tls-security-policies).
SYSTEM_POLICIES = {
    "tls_cipher_policy_1_0": "1.0",
    "tls_cipher_policy_1_1": "1.1",
    "tls_cipher_policy_1_2": "1.2",
    "tls_cipher_policy_1_2_strict": "1.2",
    "tls_cipher_policy_1_2_strict_with_1_3": "1.2",
    "tls_cipher_policy_1_0_to_1_3": "1.0",
}
ALB = "alicloud_alb_load_balancer"
NLB = "alicloud_nlb_load_balancer"
ALB_LOG_ATTACHMENT = "alicloud_alb_load_balancer_access_log_config_attachment"
#: Types whose references to security groups the graph does not read (see above).
BALANCERS = (ALB, NLB)


def _public(r: TfResource) -> bool | None:
    address = text(r.values, "address_type")
    return None if address is None else address.lower() == "internet"


def _alb_logged(r: TfResource, ctx: TfContext) -> bool | None:
    """An ALB's access log: its ``access_log_config`` block or an attachment naming it."""
    found = blocks(r.values, "access_log_config")
    if found is None:
        return None  # a dynamic block
    if found:
        return True
    for attachment in ctx.related([ALB_LOG_ATTACHMENT]):
        named = ctx.referenced(attachment, "load_balancer_id", [ALB])
        if named is r:
            return True
        if named is None:
            return None  # one a value not known names: perhaps this one
    return False


def balancer(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_alb_load_balancer`` / ``alicloud_nlb_load_balancer``: public when
    ``address_type`` is ``Internet``."""
    if r.type == ALB:
        return "network.load_balancer", Facets(
            public_endpoint=_public(r), access_logging=_alb_logged(r, ctx)
        )
    return "network.load_balancer", Facets(public_endpoint=_public(r))


def _policy_version(r: TfResource, ctx: TfContext, default: str | None) -> str | None:
    policy = r.values.get("security_policy_id")
    if policy is None:
        if default is not None:
            ctx.note(r, "tls_min_version", SYSTEM_POLICIES[default],
                     DefaultedFacet(attribute="security_policy_id", doc=NLB_LISTENER_DOC))
            return SYSTEM_POLICIES[default]
        return None
    if isinstance(policy, str) and policy in SYSTEM_POLICIES:
        return SYSTEM_POLICIES[policy]
    custom = ctx.referenced(r, "security_policy_id",
                            ["alicloud_alb_security_policy", "alicloud_nlb_security_policy"])
    versions = None if custom is None else string_list(custom.values, "tls_versions", None)
    return minimum_tls(versions) if versions else None


def alb_listener(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_alb_listener``: HTTP is plain; HTTPS terminates TLS with its security
    policy's lowest version (not known when none is written); QUIC runs on TLS 1.3."""
    protocol = text(r.values, "listener_protocol")
    if protocol is None:
        return "network.load_balancer", Facets()
    if protocol.lower() == "http":
        return "network.load_balancer", Facets(encrypted_in_transit=False)
    if protocol.lower() == "quic":
        return "network.load_balancer", Facets(encrypted_in_transit=True, tls_min_version="1.3")
    return "network.load_balancer", Facets(
        encrypted_in_transit=True, tls_min_version=_policy_version(r, ctx, None)
    )


def nlb_listener(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_nlb_listener``: TCPSSL terminates TLS (security policy
    ``tls_cipher_policy_1_0`` by default); TCP and UDP may carry anything."""
    protocol = text(r.values, "listener_protocol")
    if protocol is None or protocol.lower() != "tcpssl":
        return "network.load_balancer", Facets()
    return "network.load_balancer", Facets(
        encrypted_in_transit=True,
        tls_min_version=_policy_version(r, ctx, "tls_cipher_policy_1_0"),
    )


def forwarding(r: TfResource, ctx: TfContext) -> Mapped:
    """Server groups, their server attachments and forwarding rules: what the balancers
    forward to (``graph/alicloud_lb.py``)."""
    return "network.target_group", Facets()


MAPPINGS: dict[str, MapFn] = {
    ALB: balancer,
    NLB: balancer,
    "alicloud_alb_listener": alb_listener,
    "alicloud_nlb_listener": nlb_listener,
    **dict.fromkeys(
        ("alicloud_alb_server_group", "alicloud_alb_rule", "alicloud_nlb_server_group",
         "alicloud_nlb_server_group_server_attachment", "alicloud_slb_rule"), forwarding),
}


#: Access control lists and what adds entries to them (resources/slb_acl: ``entry_list``
#: blocks, resources/slb_acl_entry_attachment; resources/alb_acl: ``acl_entries`` blocks,
#: resources/alb_acl_entry_attachment).
_ACL_ENTRIES = {
    "alicloud_slb_acl": ("entry_list", "alicloud_slb_acl_entry_attachment"),
    "alicloud_alb_acl": ("acl_entries", "alicloud_alb_acl_entry_attachment"),
}


def _acl_entries(acl: TfResource, ctx: TfContext) -> list[str] | None:
    """The addresses an ACL of the scan lists (its entry blocks and the entry attachments
    naming it); None when one may be missing (a dynamic block, an entry not known, an
    attachment whose ACL a value not known chooses)."""
    name, attachment_type = _ACL_ENTRIES[acl.type]
    found = blocks(acl.values, name)
    if found is None:
        return None
    entries: list[object] = [item.get("entry") for item in found]
    for attachment in ctx.related([attachment_type]):
        named = ctx.referenced(attachment, "acl_id", [acl.type])
        if named is None:
            return None
        if named is acl:
            entries.append(attachment.values.get("entry"))
    if not all(isinstance(e, str) and e for e in entries):
        return None
    return [str(e) for e in entries]


def _acls(r: TfResource, ctx: TfContext, attribute: str, acl_type: str) -> list[TfResource] | None:
    """The ACLs of the scan a listener's ``attribute`` names (a list or one id); None when one
    is not of the scan or not known."""
    value = r.values.get(attribute)
    if isinstance(value, list):
        certain, maybe = ctx.listed(r, attribute, [acl_type])
        return None if maybe or len(certain) != len(value) else certain
    found = ctx.referenced(r, attribute, [acl_type])
    return None if found is None else [found]


def _acl_config(r: TfResource, ctx: TfContext) -> list[TfResource] | None:
    """The whitelist ACLs of an ALB listener's deprecated ``acl_config`` block ("Deprecated
    since v1.163.0", resources/alb_listener: ``acl_type`` ``White`` "Only requests from the IP
    addresses or CIDR blocks in the ACL are forwarded", ``Black`` denies them; the ACLs in its
    ``acl_relations`` blocks' ``acl_id``): [] with no block or a blacklist; None when a
    whitelist's ACLs or the type are not known (was not read: a whitelisted listener was read
    as open to all, a wrong FAIL)."""
    configs = blocks(r.values, "acl_config")
    if configs is None:
        return None  # a dynamic block: perhaps a whitelist of ACLs not known
    found: list[TfResource] = []
    for index, config in enumerate(configs):
        kind = text(config, "acl_type")
        if kind is None and config.get("acl_type") is not None:
            return None  # a whitelist or a blacklist, not known
        if kind is None or kind.lower() != "white":
            continue
        relations = blocks(config, "acl_relations")
        if relations is None:
            return None
        for position, _ in enumerate(relations):
            path = f"acl_config.{index}.acl_relations.{position}.acl_id"
            acl = ctx.referenced(r, path, ["alicloud_alb_acl"])
            if acl is None:
                return None
            found.append(acl)
    return found


def listener_whitelist(r: TfResource, ctx: TfContext) -> list[str] | None:
    """The addresses a listener's whitelist admits, when it has one whose entries are all
    known: an SLB listener with ``acl_status = "on"`` (default ``off``) and ``acl_type =
    "white"`` admits only the entries of its ``acl_ids`` (or deprecated ``acl_id``) ACLs
    (resources/slb_listener); an ALB listener with an ``alicloud_alb_listener_acl_attachment``
    of ``acl_type = "White"`` ("only requests from IP addresses or address segments in the
    selected access control list are forwarded", resources/alb_listener_acl_attachment), or
    a ``White`` ``acl_config`` block (deprecated: :func:`_acl_config`), admits only its ACLs'.
    A blacklist, or none: None (open to all)."""
    acls: list[TfResource] | None = []
    if r.type == "alicloud_slb_listener":
        status, kind = text(r.values, "acl_status", "off"), text(r.values, "acl_type")
        if status is None or status.lower() != "on" or kind is None or kind.lower() != "white":
            return None
        attribute = "acl_ids" if r.values.get("acl_ids") is not None else "acl_id"
        acls = _acls(r, ctx, attribute, "alicloud_slb_acl")
    elif r.type == "alicloud_alb_listener":
        for attachment in ctx.related(["alicloud_alb_listener_acl_attachment"]):
            named = ctx.referenced(attachment, "listener_id", [r.type])
            kind = text(attachment.values, "acl_type")
            if named is None or kind is None:
                return None  # perhaps this listener's, or perhaps a whitelist
            if named is r and kind.lower() == "white" and acls is not None:
                found = _acls(attachment, ctx, "acl_id", "alicloud_alb_acl")
                acls = None if found is None else acls + found
        config = _acl_config(r, ctx)
        if config is None:
            return None
        acls = None if acls is None else acls + config
    else:
        return None
    if not acls:
        return None
    entries: list[str] = []
    for acl in acls:
        listed = _acl_entries(acl, ctx)
        if listed is None:
            return None
        entries += listed
    return entries


#: ECS AuthorizeSecurityGroup: "The valid values of Priority range from 1 to 100. A smaller value
#: indicates a higher priority", "When multiple security group rules have the same priority,
#: drop rules take precedence"; an ``alicloud_security_group_rule``'s ``priority`` "Default
#: value: 1", ``policy`` "Default value: accept", ``cidr_ip`` 0.0.0.0/0 when no source is
#: written (resources/security_group_rule).
RULE_PRIORITY_DOC = (
    "https://www.alibabacloud.com/help/en/ecs/developer-reference/"
    "api-ecs-2014-05-26-authorizesecuritygroup"
)
#: What attaches a security group to an ALB / NLB besides an NLB's ``security_group_ids``.
_GROUP_ATTACHMENTS = {
    ALB: "alicloud_alb_load_balancer_security_group_attachment",
    NLB: "alicloud_nlb_load_balancer_security_group_attachment",
}
_GROUP = ["alicloud_security_group"]
_RULE = ["alicloud_security_group_rule"]


def _balancer_groups(balancer: TfResource, ctx: TfContext) -> list[TfResource] | None:
    """The security groups of the scan an ALB / NLB is in: an NLB's ``security_group_ids``
    and the security group attachments naming it; None when one may be missing (a group not
    of the scan, an attachment whose balancer or group a value not known chooses)."""
    found: list[TfResource] = []
    if balancer.values.get("security_group_ids") not in (None, []):
        certain, maybe = ctx.listed(balancer, "security_group_ids", _GROUP)
        written = balancer.values.get("security_group_ids")
        if maybe or not isinstance(written, list) or len(certain) != len(written):
            return None
        found += certain
    for attachment in ctx.related([_GROUP_ATTACHMENTS[balancer.type]]):
        named = ctx.referenced(attachment, "load_balancer_id", [balancer.type])
        if named is None:
            return None  # perhaps this balancer's
        if named is balancer:
            group = ctx.referenced(attachment, "security_group_id", _GROUP)
            if group is None:
                return None
            found.append(group)
    return found


def _listener_span(r: TfResource) -> tuple[str, int, int] | None:
    """A listener's transport and port range (an NLB listener's ``start_port``-``end_port``
    when ``listener_port`` is 0); None when not known."""
    kind = str(r.values.get("listener_protocol") or "").lower()
    if r.values.get("listener_protocol") is UNKNOWN:
        return None
    transport = "udp" if kind in ("udp", "quic") else "tcp"
    number_ = port(r.values.get("listener_port"))
    if number_ == 0 and r.type == "alicloud_nlb_listener":
        low, high = port(r.values.get("start_port")), port(r.values.get("end_port"))
        return None if low is None or high is None or high < low else (transport, low, high)
    return None if not number_ else (transport, number_, number_)


def _rule_reading(
    rule: dict[str, Any], span: tuple[str, int, int]
) -> tuple[str, int, bool, tuple[str, ...]] | None:
    """An ingress rule read against a listener's span: (policy, priority, whether it covers
    the whole span, its sources); ("", 0, False, ()) when it is another protocol's or port's;
    None when something in it is not known."""
    values = [rule.get(k) for k in ("policy", "priority", "ip_protocol", "port_range", "cidr_ip",
                                    "ipv6_cidr_ip", "source_security_group_id",
                                    "prefix_list_id")]
    if any(v is UNKNOWN for v in values):
        return None
    policy = str(rule.get("policy") or "accept").lower()
    priority = number(rule, "priority", 1)
    proto = protocol(rule.get("ip_protocol"))
    if priority is None or proto is None:
        return None
    if proto not in ("all", span[0]):
        return ("", 0, False, ())
    low_text, _, high_text = str(rule.get("port_range", "-1/-1")).strip().partition("/")
    first, last = (0, 65535) if low_text.strip() == "-1" else (
        port(low_text), port(high_text or low_text))
    if first is None or last is None:
        return None
    low, high = first, last
    if high < span[1] or low > span[2]:
        return ("", 0, False, ())
    sources = tuple(str(rule[k]) for k in ("cidr_ip", "ipv6_cidr_ip") if rule.get(k))
    sources += tuple(f"sg:{rule[k]}" for k in ("source_security_group_id", "prefix_list_id")
                     if rule.get(k))
    return (policy, priority, low <= span[1] and high >= span[2], sources or ("0.0.0.0/0",))


def group_denies(r: TfResource, ctx: TfContext) -> list[str] | None:
    """The sources an ALB / NLB listener admits from the internet when its balancer's security
    groups deny every address on its port: a ``drop`` ingress rule of 0.0.0.0/0 covering the
    listener's port, and the sources of the ``accept`` rules of a higher priority (a smaller
    number; on equal priority the drop wins: :data:`RULE_PRIORITY_DOC`) on that port. None
    when no such rule closes it, or when a group, rule or value may be missing or is not known
    (open to all, as before: "its listener ports accept all inbound requests" without a deny
    rule). Only an IPv4 balancer (``address_ip_version`` left out or ``Ipv4``): an IPv6 client
    is not denied by an IPv4 range."""
    balancer = ctx.referenced(r, "load_balancer_id", [ALB, NLB])
    span = _listener_span(r)
    if balancer is None or span is None:
        return None
    version = balancer.values.get("address_ip_version")
    if version is not None and str(version).lower() != "ipv4":
        return None
    groups = _balancer_groups(balancer, ctx)
    if not groups:
        return None
    readings: list[tuple[str, int, bool, tuple[str, ...]]] = []
    for rule in ctx.related(_RULE):
        group = ctx.referenced(rule, "security_group_id", _GROUP)
        if group is None and any(g in ctx.candidates(rule, "security_group_id", _GROUP)
                                 for g in groups):
            return None  # perhaps one of its groups'
        if group not in groups:
            continue
        kind = rule.values.get("type")
        if kind is UNKNOWN:
            return None
        if str(kind).lower() != "ingress":
            continue
        reading = _rule_reading(rule.values, span)
        if reading is None:
            return None
        readings.append(reading)
    denies = [p for policy, p, whole, sources in readings
              if policy == "drop" and whole and any(cidr.is_any(s) for s in sources)]
    if not denies:
        return None
    first = min(denies)
    admitted: list[str] = []
    for policy, priority, _, sources in readings:
        if policy == "accept" and priority < first:
            admitted += [s for s in sources if s not in admitted]
    return admitted
