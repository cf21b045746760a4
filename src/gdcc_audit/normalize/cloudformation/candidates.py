"""CloudFormation resources a resource names only in one branch of an ``Fn::If`` whose
condition is not known (``SubnetId: !If [IsPublic, !Ref PublicSubnet, !Ref PrivateSubnet]``,
``TargetGroupArn: !If [UseBlue, !Ref Blue, !Ref Green]``): each is a candidate, not certain
(``REFERENCES_MAYBE``, as a Terraform argument a value not known chooses). The graph then
takes the subnet, target group, target or listener so named as a maybe: placement, public
address, route, forwarding. Before, both branches were certain: an instance that may sit in
the private subnet was certainly in the public one (GDCC-GRAPH-002 FAIL). A condition the
template decides (a parameter's default) names its branch for certain, and the other branch
names nothing."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from gdcc_audit.models.resource import PLACED_OUTSIDE_SCAN, REFERENCES_MAYBE
from gdcc_audit.normalize.cloudformation.api_functions import Decide, has_if, reference_choices
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.intrinsics import references
from gdcc_audit.normalize.nested_outputs import Candidates, candidate_targets, targets


def link_reference_candidates(
    items: list[Pending],
    names: frozenset[str],
    decide: Decide,
    found: dict[tuple[int, str], Any] | None = None,
    **links: Any,
) -> None:
    """Note on each resource the resources of the template (``names``) it names only through
    an ``Fn::If`` not decided, and by no other property (``REFERENCES_MAYBE``). ``links``:
    the resolver's ``outputs``, ``parameters`` and ``imported``: a branch reading a nested
    stack's output (``!GetAtt Net.Outputs.PublicSubnetId``), a parameter a parent passes a
    resource to or an import names that resource of another template (by canonical id);
    it was certain. ``found``: what one read of the template found per resource (a
    function of its properties as written and the read's resolver), for its copies the
    read carries again (``mapper._read``: resources only a false condition creates)."""
    for item in items:
        key = (id(item.raw), item.logical_id)
        kept = found.get(key) if found is not None else None
        if kept is None:
            kept = (item.raw, _candidates(item, names, decide, links))
            if found is not None:
                found[key] = kept  # (the properties kept alive with what was found)
        maybe, open_, untaken = kept[1]
        if untaken:
            item.references[:] = [
                r for r in item.references if (r.target, r.attribute) not in untaken
            ]
        if maybe:
            item.found[REFERENCES_MAYBE] = maybe
            if open_:
                item.found[PLACED_OUTSIDE_SCAN] = [
                    *item.found.get(PLACED_OUTSIDE_SCAN, []),
                    *(f"{key}: an Fn::If not decided may choose a subnet not in the scan"
                      for key in open_),
                ]


def _candidates(
    item: Pending, names: frozenset[str], decide: Decide, links: dict[str, Any]
) -> tuple[list[str], list[str], set[tuple[str, str]]]:
    """What :func:`link_reference_candidates` finds in one resource's properties as written:
    the resources it names only perhaps, its subnet properties left open, and the references
    only a branch decided against writes."""
    chosen = set(_chosen_outputs(item.raw, links.get("outputs") or {}))
    if not has_if(item.raw) and not chosen:
        return [], [], set()
    sure, every = reference_choices(item.raw, names, decide, **links)
    untaken = _untaken(item, names, every, links) if has_if(item.raw) else set()
    maybe = sorted((every - sure - {item.logical_id}) | chosen)
    open_ = sorted(set(_open_subnets(item.raw, names, decide, links))) if maybe else []
    return maybe, open_, untaken


#: Properties that place a resource in subnets.
_SUBNET_KEYS = frozenset({"SubnetId", "SubnetIds", "Subnets", "VPCZoneIdentifier"})


def _open_subnets(value: Any, names: frozenset[str], decide: Decide, links: dict[str, Any],
                  depth: int = 0) -> Iterator[str]:
    """The subnet properties (``SubnetId``...) one of whose options an ``Fn::If`` not decided
    chooses (or a nested stack's output such an ``Fn::If`` gives) names no subnet of the scan
    (``!Ref SubnetId`` without a value, a literal id, ``AWS::NoValue``): the resource may sit
    there, so its subnets of the scan are not all its placement. Its candidate subnets were
    its whole placement: ``!If [C, !GetAtt Net.Outputs.PrivateSubnetId, !Ref SubnetId]``
    PASSed GDCC-GRAPH-002 (the parameter's subnet may be public)."""
    if depth > 40:
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key in _SUBNET_KEYS and _leaves_open(item, names, decide, links):
                yield str(key)
            elif not str(key).startswith("Fn::"):
                yield from _open_subnets(item, names, decide, links, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _open_subnets(item, names, decide, links, depth + 1)


def _leaves_open(value: Any, names: frozenset[str], decide: Decide, links: dict[str, Any],
                 depth: int = 0, chosen: bool = False) -> bool:
    """Whether an option an undecided ``Fn::If`` (``chosen``: inside one) gives ``value``
    names no resource of the scan."""
    if depth > 40:
        return False
    if isinstance(value, list):
        return any(_leaves_open(v, names, decide, links, depth + 1, chosen) for v in value)
    branches = value.get("Fn::If") if isinstance(value, Mapping) and len(value) == 1 else None
    if isinstance(branches, list) and len(branches) == 3:
        taken = decide(branches[0]) if isinstance(branches[0], str) else None
        if taken is not None:
            return _leaves_open(branches[1 if taken else 2], names, decide, links, depth + 1,
                                chosen)
        return any(_leaves_open(b, names, decide, links, depth + 1, True)
                   for b in branches[1:])
    output = _output_value(value, links.get("outputs") or {})
    if isinstance(output, Candidates):
        return any(not targets(o) for o in output.options)
    return chosen and not any(True for _ in references(value, names, **links))


def _output_value(value: Any, outputs: Mapping[str, Mapping[str, Any]]) -> Any:
    """The nested stack output ``value`` reads (``!GetAtt Net.Outputs.X``), else None."""
    arg = value.get("Fn::GetAtt") if isinstance(value, Mapping) and len(value) == 1 else None
    parts = arg.split(".", 1) if isinstance(arg, str) else arg
    if not (isinstance(parts, list) and len(parts) == 2 and isinstance(parts[0], str)
            and isinstance(parts[1], str) and parts[1].startswith("Outputs.")):
        return None
    named = outputs.get(parts[0])
    return named.get(parts[1].removeprefix("Outputs.")) if named is not None else None


def _chosen_outputs(value: Any, outputs: Mapping[str, Mapping[str, Any]],
                    depth: int = 0) -> Iterator[str]:
    """The canonical ids of the options of each nested stack's output ``value`` reads
    (``!GetAtt Net.Outputs.SubnetId``) that an ``Fn::If`` the child cannot decide chooses
    (``nested_outputs.Candidates``): each only perhaps the one named. Before, the parent read
    such an output as not known: no reference ("public exposure not known")."""
    if depth > 40 or not outputs:
        return
    if isinstance(value, Mapping):
        if len(value) == 1 and "Fn::GetAtt" in value:
            yield from candidate_targets(_output_value(value, outputs))
            return
        for item in value.values():
            yield from _chosen_outputs(item, outputs, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _chosen_outputs(item, outputs, depth + 1)


def _untaken(
    item: Pending, names: frozenset[str], every: set[str], links: dict[str, Any]
) -> set[tuple[str, str]]:
    """The references only a branch the template decides against writes, to drop
    (``SubnetId: !If [IsPublic, !Ref PublicSubnet, !Ref PrivateSubnet]`` with ``Public``
    defaulting to false names PrivateSubnet alone, as the resolved properties do): every
    branch was a certain reference, so an instance in the private subnet FAILed
    GDCC-GRAPH-002 through the public one."""
    written = list(references(item.raw, names, **links))
    return {(r.target, r.attribute) for r in written if r.target not in every}
