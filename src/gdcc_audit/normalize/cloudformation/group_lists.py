"""CloudFormation security-group lists that mix a group of the template with one that is not
(``normalize/group_lists.py``): ``SecurityGroupIds: [!Ref AppSg, sg-0abc]``, a parameter of
type ``AWS::EC2::SecurityGroup::Id`` or an ``Fn::ImportValue`` beside a ``Ref``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from gdcc_audit.normalize.cloudformation.api_functions import Decide, reference_choices
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.values import ResourceRef
from gdcc_audit.normalize.group_lists import GROUPS_MAYBE, GROUPS_MAYBE_NONE, GROUPS_NOT_IN_SCAN

#: Properties (at any depth) that list or name VPC security groups.
_GROUP_PROPERTIES = frozenset({
    "SecurityGroupIds", "SecurityGroups", "VPCSecurityGroups", "VpcSecurityGroupIds",
    "GroupSet", "AdditionalMasterSecurityGroups", "AdditionalSlaveSecurityGroups",
    "EmrManagedMasterSecurityGroup", "EmrManagedSlaveSecurityGroup",
})  # fmt: skip
_GROUP_TYPES = frozenset({"AWS::EC2::SecurityGroup"})


def _lists(value: Any) -> Iterator[Any]:
    """Every group property value in ``value`` and its nested properties."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key in _GROUP_PROPERTIES:
                yield item
            else:
                yield from _lists(item)
    elif isinstance(value, list):
        for item in value:
            yield from _lists(item)


def link_group_candidates(items: list[Pending], names: frozenset[str], decide: Decide) -> None:
    """Note on each AWS resource the security groups of the template an ``Fn::If`` whose
    condition is not known names in one branch only (``GroupSet: !If [UseOpen, [!Ref Open],
    [!Ref Closed]]``: each was a certain member, a FAIL from a group it may not be in), and
    whether a branch leaves the list empty (``!Ref AWS::NoValue``, ``[]``: the VPC's default
    group then holds it)."""
    by_id = {item.logical_id: item for item in items}
    for item in items:
        if not item.provider_type.startswith("AWS::") or item.provider_type in _GROUP_TYPES:
            continue
        maybe: list[str] = []
        empty = False
        for value in _lists(item.raw):
            sure, every = reference_choices(value, names, decide)
            maybe.extend(
                target for target in sorted(every - sure)
                if (found := by_id.get(target)) is not None and found.provider_type in _GROUP_TYPES
            )
            empty = empty or (bool(every) and _may_be_empty(value, decide))
        if maybe:
            item.found[GROUPS_MAYBE] = list(dict.fromkeys(maybe))
        if empty:
            item.found[GROUPS_MAYBE_NONE] = True


def _may_be_empty(value: Any, decide: Decide, depth: int = 0) -> bool:
    """Whether an ``Fn::If`` whose condition is not known may make the list ``value`` empty
    (a branch ``!Ref AWS::NoValue`` or ``[]``)."""
    if depth > 40 or not isinstance(value, Mapping) or len(value) != 1 or "Fn::If" not in value:
        return False
    branches = value["Fn::If"]
    if not isinstance(branches, list) or len(branches) != 3:
        return False
    taken = decide(branches[0]) if isinstance(branches[0], str) else None
    chosen = branches[1:] if taken is None else [branches[1 if taken else 2]]
    return any(
        branch in ([], {"Ref": "AWS::NoValue"}) or _may_be_empty(branch, decide, depth + 1)
        for branch in chosen
    )


def link_group_lists(items: list[Pending]) -> None:
    """Note on each AWS resource of the template the members of its group lists that are not
    security groups of the template, when a list also names one that is."""
    by_id = {item.logical_id: item for item in items}
    for item in items:
        if not item.provider_type.startswith("AWS::") or item.provider_type in _GROUP_TYPES:
            continue
        missing: list[str] = []
        for value in _lists(item.props):
            members = value if isinstance(value, list) else [value]
            known = [
                m for m in members if isinstance(m, ResourceRef)
                and (target := by_id.get(m.target)) is not None
                and target.provider_type in _GROUP_TYPES
            ]
            if not known or len(known) == len(members):
                continue
            missing.extend(
                m if isinstance(m, str) else getattr(m, "target", "a value not known")
                for m in members if m not in known
            )
        if missing:
            item.found[GROUPS_NOT_IN_SCAN] = list(dict.fromkeys(map(str, missing)))
