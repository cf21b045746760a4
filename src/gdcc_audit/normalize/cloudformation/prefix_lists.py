"""Managed prefix lists of the template in security group rules (GDCC-NET-001).

"A prefix list is a set of one or more CIDR blocks" and a security group rule that names one
applies to each of its CIDRs (Amazon VPC user guide, "Managed prefix lists"). A rule whose
``SourcePrefixListId`` (``DestinationPrefixListId`` for egress) is a ``Ref`` to an
``AWS::EC2::PrefixList`` of the template was not known (GDCC-NET-001 UNKNOWN, even for a list
holding ``0.0.0.0/0``): it is now read as one rule per CIDR of the list's ``Entries`` when
every entry's ``Cidr`` is written. A list outside the template (a ``pl-`` id) is not known:
``aws_network.ingress_rule`` says why (``normalize.prefix_lists``).

CloudFront's origin-facing list (``com.amazonaws.global.cloudfront.origin-facing``) has an id
of its own in each Region, and CloudFormation cannot look a list up by name: a template names
it by a ``pl-…`` id, a parameter, a ``Mappings`` table by Region or a custom resource that
looks it up. Such a rule was UNKNOWN (a list outside the template). When the template itself
says the id is CloudFront's list — a parameter whose description or name says CloudFront, a
``Fn::FindInMap`` (or a literal id of a row) of a table or key named for CloudFront whose
entries are all ``pl-`` ids, a rule whose own ``Description`` says CloudFront and whose source
is such an id, a custom resource whose properties name the list — the rule is
read as admitting that list (``cloudfront_lists``), as Terraform reads a
``data "aws_ec2_managed_prefix_list"`` looked up by that name; otherwise it stays UNKNOWN
with the id named. Since stop 49 the same words read the other AWS-managed lists
(``names_list``): a list's name written out (``com.amazonaws.${AWS::Region}.s3``, read
``com.amazonaws.<region>.s3``), "Lattice" for VPC Lattice's (``graph/lattice.py``); words
naming two lists name none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from gdcc_audit.normalize.cloudformation.aws_network import (
    ingress_rule,
    security_group,
)
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.values import ResourceRef

PREFIX_LIST = "AWS::EC2::PrefixList"
#: The name of CloudFront's origin-facing list, which a rule found to name it admits.
CLOUDFRONT_LIST = "com.amazonaws.global.cloudfront.origin-facing"
#: Stands for the Region of a list's name a template writes with one not known
#: (``${AWS::Region}``) or not at all ("VPC Lattice"), as the Amazon VPC user guide writes it.
_SOME_REGION = "<region>"
#: VPC Lattice's list (``graph/lattice.py``): a template names it by a ``pl-`` id only.
LATTICE_LIST = f"com.amazonaws.{_SOME_REGION}.vpc-lattice"
_CUSTOM = "AWS::CloudFormation::CustomResource"
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


#: An AWS-managed list's name written in a text (``com.amazonaws.us-east-1.vpc-lattice``,
#: ``com.amazonaws.${AWS::Region}.s3``): its Region (or ``global``) and its service.
_MANAGED_NAME = re.compile(r"com\.amazonaws\.([^\s.]+)\.([a-z0-9][a-z0-9.-]*[a-z0-9])")


def _list_name(region: str, service: str) -> str:
    """A list's name as written, its Region ``<region>`` where not known (``${AWS::Region}``)."""
    return f"com.amazonaws.{_SOME_REGION if '$' in region else region}.{service}"


def _said(*texts: Any) -> str | None:
    """The AWS-managed list ``texts`` (names, descriptions) say a ``pl-`` id is: a list's
    name written out, CloudFront (``CLOUDFRONT_LIST``), VPC Lattice
    (``com.amazonaws.<region>.vpc-lattice``); None when they say none, or more than one."""
    written: dict[str, str] = {}  # service -> the name written out
    named: dict[str, str] = {}  # service -> the list a word names (a name written wins)
    for text in texts:
        if not isinstance(text, str):
            continue
        for region, service in _MANAGED_NAME.findall(text):
            written[service] = _list_name(region, service)
        lowered = text.lower()
        if "cloudfront" in lowered:
            named["cloudfront.origin-facing"] = CLOUDFRONT_LIST
        if "lattice" in lowered:
            named["vpc-lattice"] = LATTICE_LIST
    said = set({**named, **written}.values())
    return said.pop() if len(said) == 1 else None


def _rows_said(mappings: Mapping[str, Any], value: str) -> str | None:
    """The list ``value`` (a ``pl-`` id) is by the table or key naming the rows it is in."""
    said = {
        _said(name, key)
        for name, table in mappings.items()
        for row in (table.values() if isinstance(table, Mapping) else ())
        for key, entry in (row.items() if isinstance(row, Mapping) else ())
        if entry == value
    }
    return said.pop() if len(said) == 1 else None


def _pl_ids(value: Any, parameters: Mapping[str, Any], resolver: Any) -> bool:
    """Whether ``value`` (as written) gives a ``pl-`` id: a literal one, a parameter whose
    default (if any) is one, a ``Fn::FindInMap`` whose entries all are."""
    if isinstance(value, str):
        return value.startswith("pl-")
    if not isinstance(value, Mapping) or len(value) != 1:
        return False
    (function, arg), = value.items()
    if function == "Ref" and isinstance(arg, str) and isinstance(parameters.get(arg), Mapping):
        default = parameters[arg].get("Default")
        return default is None or (isinstance(default, str) and default.startswith("pl-"))
    if function == "Fn::FindInMap" and isinstance(arg, list) and len(arg) >= 3:
        choices = resolver.map_choices(arg)
        return bool(choices) and all(isinstance(c, str) and c.startswith("pl-")
                                     for c in choices)
    return False


def names_list(value: Any, template: Mapping[str, Any], resolver: Any,
               said: Any = None) -> str | None:
    """The AWS-managed list ``value`` (a ``SourcePrefixListId`` as written) is by what the
    template says of it (the module docstring: CloudFront's, VPC Lattice's, or one whose
    name the template writes out), else None; ``said``: the rule's own ``Description``
    ("Allow HTTP from com.amazonaws.global.cloudfront.origin-facing", the shape of
    aws-cloudformation-templates' Solutions, whose ``Mappings`` table of the ids by Region is
    named ``Prefixes``): a rule saying a list names it when its source is a ``pl-`` id."""
    parameters = template.get("Parameters")
    parameters = parameters if isinstance(parameters, Mapping) else {}
    mappings = template.get("Mappings")
    mappings = mappings if isinstance(mappings, Mapping) else {}
    resources = template.get("Resources")
    resources = resources if isinstance(resources, Mapping) else {}
    if _said(said) and _pl_ids(value, parameters, resolver):
        return _said(said)
    if isinstance(value, str):
        return _rows_said(mappings, value) if value.startswith("pl-") else None
    if not isinstance(value, Mapping) or len(value) != 1:
        return None
    (function, arg), = value.items()
    if function == "Ref" and isinstance(arg, str) and arg in parameters:
        spec = parameters[arg]
        spec = spec if isinstance(spec, Mapping) else {}
        default = spec.get("Default")
        if default is None or (isinstance(default, str) and default.startswith("pl-")):
            return _said(arg, spec.get("Description"))
        return None
    if function == "Fn::FindInMap" and isinstance(arg, list) and len(arg) >= 3:
        choices = resolver.map_choices(arg)
        if choices and all(isinstance(c, str) and c.startswith("pl-") for c in choices):
            return _said(arg[0], arg[2])
        return None
    target = arg[0] if function == "Fn::GetAtt" and isinstance(arg, list) and arg else (
        arg.split(".", 1)[0] if function == "Fn::GetAtt" and isinstance(arg, str) else
        arg if function == "Ref" else None)
    spec = resources.get(target) if isinstance(target, str) else None
    if not isinstance(spec, Mapping):
        return None
    kind = spec.get("Type")
    if not isinstance(kind, str) or not (kind.startswith("Custom::") or kind == _CUSTOM):
        return None
    names = {_list_name(region, service) for region, service in _MANAGED_NAME.findall(
        json.dumps(spec.get("Properties"), default=str))}
    return names.pop() if len(names) == 1 else None


def _marked(raw: Any, resolved: Any, key: str, template: Mapping[str, Any],
            resolver: Any) -> Any:
    """``resolved`` (a rule) with its ``key`` the AWS-managed list's name when ``raw`` (the
    rule as written) names that list (:func:`names_list`); else as it is."""
    if not isinstance(raw, Mapping) or not isinstance(resolved, Mapping) or key not in raw:
        return resolved
    name = names_list(raw[key], template, resolver, raw.get("Description"))
    return resolved if name is None else {**resolved, key: name}


def cloudfront_lists(items: list[Pending], template: Mapping[str, Any], resolver: Any) -> None:
    """Read the rules of the template's security groups (inline) and
    ``AWS::EC2::SecurityGroupIngress`` resources that name CloudFront's origin-facing list
    (:func:`names_list`) as admitting it (before ``mapper.link`` folds them)."""
    for item in items:
        if item.provider_type == _GROUP and isinstance(item.raw, Mapping):
            written = item.raw.get("SecurityGroupIngress")
            rules = item.props.get("SecurityGroupIngress")
            if not isinstance(written, list) or not isinstance(rules, list) or len(
                written
            ) != len(rules):
                continue  # (an Fn::If or AWS::NoValue dropped a rule: not lined up)
            marked = [_marked(w, r, "SourcePrefixListId", template, resolver)
                      for w, r in zip(written, rules, strict=True)]
            if marked != rules:
                item.props = {**item.props, "SecurityGroupIngress": marked}
                item.mapped.facets["ingress"] = security_group(item.props).facets.get("ingress")
        elif item.provider_type == _INGRESS:
            marked_rule = _marked(item.raw, item.props, "SourcePrefixListId", template, resolver)
            if marked_rule is not item.props:
                item.props = dict(marked_rule)
                rule = ingress_rule(marked_rule)
                item.mapped.facets["ingress"] = None if rule is None else (rule,)
