"""IAM policies an ``Fn::If`` whose condition is not decided chooses, read branch by branch.

awslabs/aws-cloudformation-templates' ADConnector ``ADConnectorLambdaRole`` lists, among its
inline ``Policies``, ``!If [HasKmsKey, {PolicyName: KMSKeyForSecret, ...}, !Ref
AWS::NoValue]`` on a parameter without a default: the item resolved to a value not known, so
the whole role's grants were not known (GDCC-IAM-005 and GDCC-GRAPH-006 UNKNOWN), though
each deployment holds one of two lists, both written. The properties holding policies
(``Policies``, ``PolicyDocument``, ``ManagedPolicyArns``) are read once for each way the
conditions not decided in them can be together (``branch_secrets.ways``: ``condition_logic``
keeps only the combinations some deployment makes), each ``Fn::If`` taking its condition's
branch, and the role (group, user, policy) is judged on what they give together: a grant by
wildcard or of every action in one of them is the role's (a deployment holds it), none in
any of them is none; the permissions are all the statements read (what any deployment may
hold: a reach counted from them is never too small). A facet some read cannot know stays
not known.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.normalize.cloudformation.branch_secrets import forced, open_ifs, ways
from gdcc_audit.normalize.cloudformation.intrinsics import Resolver
from gdcc_audit.normalize.cloudformation.types import Mapped, TypeMapper

#: Types whose grants are read per branch, and the properties holding them.
_TYPES = frozenset(
    {"AWS::IAM::Role", "AWS::IAM::Group", "AWS::IAM::User", "AWS::IAM::Policy",
     "AWS::IAM::ManagedPolicy"}
)  # fmt: skip
_GRANTING = ("Policies", "PolicyDocument", "ManagedPolicyArns")
#: Facets a grant makes worse when true: true in one read is the resource's.
_WORSE_WHEN_TRUE = ("wildcard_permissions", "admin_privileges")
_PERMISSIONS = ("permissions", "permissions_read", "permissions_unread")


def _either(values: list[Any]) -> bool | None:
    if True in values:
        return True
    return None if any(v is None for v in values) else False


def _union(reads: list[tuple[Any, ...]]) -> tuple[Any, ...]:
    found: dict[Any, None] = {}
    for read in reads:
        found.update(dict.fromkeys(read))
    return tuple(found)


def across_branches(
    type_name: str,
    type_mapper: TypeMapper,
    raw: Any,
    resolver: Resolver,
    parameters: Any,
    mapped: Mapped | None,
) -> Mapped | None:
    """``mapped`` with the grants of its policies read per branch of the ``Fn::If`` not
    decided in them, when some grant facet is not known as resolved."""
    if (
        mapped is None or type_name not in _TYPES or not isinstance(raw, Mapping)
        or all(mapped.facets.get(name) is not None for name in (*_WORSE_WHEN_TRUE, "permissions"))
    ):
        return mapped
    names: dict[str, None] = {}
    for key in _GRANTING:
        open_ifs(raw.get(key), resolver, names)
    if not names:
        return mapped
    reads: list[Mapped] = []
    for way in ways(names, resolver, parameters):
        written = {
            key: forced(value, way, resolver) if key in _GRANTING else value
            for key, value in raw.items()
        }
        props = resolver.resolve(written)
        read = type_mapper(props if isinstance(props, dict) else {})
        if read is None:
            return mapped
        reads.append(read)
    if not reads:
        return mapped
    facets = dict(mapped.facets)
    unknown = dict(mapped.unknown)
    for name in _WORSE_WHEN_TRUE:
        if name in facets:
            facets[name] = _either([read.facets.get(name) for read in reads])
            if facets[name] is not None:
                unknown.pop(name, None)
    permissions = [read.facets.get("permissions") for read in reads]
    if "permissions" in facets and all(p is not None for p in permissions):
        facets["permissions"] = _union([p for p in permissions if p is not None])
        facets.pop("permissions_read", None)
        facets.pop("permissions_unread", None)
        unknown.pop("permissions", None)
    elif all(
        read.facets.get("permissions") is not None or read.facets.get("permissions_read")
        is not None for read in reads
    ) and "permissions" in facets:
        facets["permissions"] = None
        facets["permissions_read"] = _union(
            [read.facets.get("permissions") or read.facets.get("permissions_read") or ()
             for read in reads]
        )
        facets["permissions_unread"] = _union(
            [read.facets.get("permissions_unread") or () for read in reads]
        )
    mapped.facets = facets
    mapped.unknown = unknown
    return mapped


__all__ = ["across_branches"]
