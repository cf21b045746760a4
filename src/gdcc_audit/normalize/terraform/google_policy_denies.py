"""Deny rules of a Google firewall policy that take precedence over its allow rules.

Within one policy, rules are evaluated by priority, lowest number first, and "the first rule
that matches the traffic" decides (a ``deny`` stops evaluation; cloud.google.com/firewall/
docs/firewall-policies-overview, "Rule evaluation order"). So an ``allow`` rule never admits
what a deny rule of the same policy with a lower priority number matches: whatever reaches the
allow has matched no earlier rule. A deny bounds an allow here only when that is sure: it is
an enabled ingress rule of the same policy, with a known lower priority number, no target
restriction (``target_secure_tags``, ``target_service_accounts``, ``target_resources``: it
must apply to every instance the allow governs), no source network filter (which narrows its
match), and its ``src_ip_ranges`` contain every source of the allow (a named source, a tag or
an FQDN only when it denies all IPv4 and all IPv6 addresses). The ports it matches are then
cut from the allow's (``all`` protocols cut everything; the same protocol cuts its range,
which may split the allow in two). Anything not known leaves the allow as it is: an
over-approximation, never a path removed on a guess.
"""

from __future__ import annotations

from collections.abc import Iterable

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models import cidr
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import IngressRule
from gdcc_audit.normalize.terraform.common import sources
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.google import allow_rules
from gdcc_audit.normalize.terraform.values import block, blocks, flag, text

#: What restricts a rule to some instances, or narrows its sources (both must match).
_NARROWING = ("target_secure_tags", "target_service_accounts", "target_resources")
_NARROWING_MATCH = ("src_networks", "src_network_scope")


def _priority(r: TfResource) -> int | None:
    value = r.values.get("priority")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _deny_rules(deny: TfResource) -> list[IngressRule]:
    """The traffic a deny rule matches, as ingress rules; empty when it is not a sure,
    unrestricted ingress deny."""
    v = deny.values
    direction, action = text(v, "direction"), text(v, "action")
    if direction is None or action is None or direction.upper() != "INGRESS":
        return []
    if action.lower() != "deny" or flag(v, "disabled", False) is not False:
        return []
    if any(v.get(key) not in (None, [], "") for key in _NARROWING):
        return []
    match = block(v, "match")
    if not match or any(match.get(key) not in (None, [], "") for key in _NARROWING_MATCH):
        return []
    ranges = sources(match.get("src_ip_ranges"))
    configs = blocks(match, "layer4_configs")
    if not ranges or configs is None:
        return []
    return [
        x
        for item in configs
        for x in allow_rules({"protocol": item.get("ip_protocol"), "ports": item.get("ports")},
                             ranges)
    ]


def _covers_sources(deny: IngressRule, allowed: tuple[str, ...] | None) -> bool:
    """Whether the deny's ranges hold every source of the allow."""
    if allowed is None or not deny.sources:
        return False
    whole = {n.version for n in map(cidr.parse, deny.sources)
             if n is not None and n.prefixlen == 0}
    for source in allowed:
        if cidr.parse(source) is None:
            if whole != {4, 6}:
                return False
            continue
        if not any(cidr.contains(d, source) is True for d in deny.sources):
            return False
    return True


def _cut(allow: IngressRule, deny: IngressRule) -> list[IngressRule] | None:
    """What of ``allow`` is left once ``deny`` is taken out (its sources held by the deny);
    None when the deny takes nothing out surely."""
    if deny.protocol == "all":
        return []
    low, high, first, last = allow.from_port, allow.to_port, deny.from_port, deny.to_port
    if low is None or high is None or first is None or last is None:
        return None
    if deny.protocol != allow.protocol or last < low or first > high:
        return None
    left: list[IngressRule] = []
    if first > low:
        left.append(allow.model_copy(update={"to_port": first - 1}))
    if last < high:
        left.append(allow.model_copy(update={"from_port": last + 1}))
    return left


def bounded(
    r: TfResource, ctx: TfContext, policy_types: tuple[str, ...], rules: Iterable[IngressRule]
) -> tuple[tuple[IngressRule, ...], Text | None]:
    """The allow rule ``r``'s ingress ``rules`` less what deny rules of its policy evaluated
    before it match, and why when something was cut."""
    kept = tuple(rules)
    priority = _priority(r)
    policy = ctx.referenced(r, "firewall_policy", policy_types)
    if priority is None or policy is None:
        return kept, None
    cut_by: list[str] = []
    for other in ctx.related((r.type,)):
        earlier = _priority(other)
        if other is r or earlier is None or earlier >= priority:
            continue
        if ctx.referenced(other, "firewall_policy", policy_types) is not policy:
            continue
        for deny in _deny_rules(other):
            left: list[IngressRule] = []
            for allow in kept:
                rest = _cut(allow, deny) if _covers_sources(deny, allow.sources) else None
                left.extend([allow] if rest is None else rest)
                if rest is not None and other.address not in cut_by:
                    cut_by.append(other.address)
            kept = tuple(left)
    if not cut_by:
        return kept, None
    named = ", ".join(cut_by)
    return kept, Text(
        en=f"deny rules evaluated before it ({named}) match part or all of what it allows",
        th=f"กฎ deny ที่ประเมินก่อน ({named}) ตรงกับทราฟฟิกบางส่วนหรือทั้งหมดที่กฎนี้อนุญาต",
    )
