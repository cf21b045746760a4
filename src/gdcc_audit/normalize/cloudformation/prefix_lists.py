"""Managed prefix lists of the template in security group rules (GDCC-NET-001).

"A prefix list is a set of one or more CIDR blocks" and a security group rule that names one
applies to each of its CIDRs (Amazon VPC user guide, "Managed prefix lists"). A rule whose
``SourcePrefixListId`` (``DestinationPrefixListId`` for egress) is a ``Ref`` to an
``AWS::EC2::PrefixList`` of the template was not known (GDCC-NET-001 UNKNOWN, even for a list
holding ``0.0.0.0/0``): it is now read as one rule per CIDR of the list's ``Entries`` when
every entry's ``Cidr`` is written. A list outside the template (a ``pl-`` id) is not known:
``aws_network.ingress_rule`` says why (``normalize.prefix_lists``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.normalize.cloudformation.aws_network import (
    ingress_rule,
    security_group,
)
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.values import ResourceRef

PREFIX_LIST = "AWS::EC2::PrefixList"
_GROUP = "AWS::EC2::SecurityGroup"
_INGRESS = "AWS::EC2::SecurityGroupIngress"
_RULES = (("SecurityGroupIngress", "SourcePrefixListId"),
          ("SecurityGroupEgress", "DestinationPrefixListId"))


def list_cidrs(found: Mapping[str, tuple[str, dict[str, Any]]]) -> dict[str, tuple[str, ...]]:
    """Logical id -> the CIDRs of each prefix list of the template whose entries are known
    (``found``: ``mapper.template_resources`` of :data:`PREFIX_LIST`)."""
    out: dict[str, tuple[str, ...]] = {}
    for logical_id, (_, props) in found.items():
        entries = props.get("Entries", [])
        if not isinstance(entries, list):
            continue
        cidrs = [entry.get("Cidr") if isinstance(entry, Mapping) else None for entry in entries]
        if all(isinstance(cidr, str) and cidr for cidr in cidrs):
            out[logical_id] = tuple(str(cidr) for cidr in cidrs)
    return out


def _expand(rule: Any, key: str, lists: Mapping[str, tuple[str, ...]]) -> list[Any]:
    """A rule naming a prefix list of the template: one rule per CIDR of the list."""
    value = rule.get(key) if isinstance(rule, Mapping) else None
    if not isinstance(value, ResourceRef) or value.target not in lists:
        return [rule]
    rest = {k: v for k, v in rule.items() if k != key}
    return [
        {**rest, "CidrIpv6" if ":" in cidr else "CidrIp": cidr} for cidr in lists[value.target]
    ]


def resolve_prefix_lists(items: list[Pending], lists: Mapping[str, tuple[str, ...]]) -> None:
    """Read the prefix lists of the template in its security groups' inline rules and in its
    ``AWS::EC2::SecurityGroupIngress`` resources (before ``mapper.link`` folds them)."""
    if not lists:
        return
    for item in items:
        if item.provider_type == _GROUP:
            props = dict(item.props)
            for prop, key in _RULES:
                rules = props.get(prop)
                if isinstance(rules, list):
                    props[prop] = [one for rule in rules for one in _expand(rule, key, lists)]
            if props != item.props:
                facets = security_group(props).facets
                item.mapped.facets["ingress"] = facets.get("ingress")
                item.mapped.facets["egress"] = facets.get("egress")
        elif item.provider_type == _INGRESS:
            expanded = _expand(item.props, "SourcePrefixListId", lists)
            if expanded != [item.props]:
                rules = [ingress_rule(rule) for rule in expanded]
                item.mapped.facets["ingress"] = (
                    None if any(r is None for r in rules) else tuple(r for r in rules if r)
                )
