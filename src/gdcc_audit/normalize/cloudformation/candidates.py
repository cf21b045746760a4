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

from typing import Any

from gdcc_audit.models.resource import REFERENCES_MAYBE
from gdcc_audit.normalize.cloudformation.api_functions import Decide, has_if, reference_choices
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.intrinsics import references


def link_reference_candidates(
    items: list[Pending], names: frozenset[str], decide: Decide, **links: Any
) -> None:
    """Note on each resource the resources of the template (``names``) it names only through
    an ``Fn::If`` not decided, and by no other property (``REFERENCES_MAYBE``). ``links``:
    the resolver's ``outputs``, ``parameters`` and ``imported``: a branch reading a nested
    stack's output (``!GetAtt Net.Outputs.PublicSubnetId``), a parameter a parent passes a
    resource to or an import names that resource of another template (by canonical id);
    it was certain."""
    for item in items:
        if not has_if(item.raw):
            continue
        sure, every = reference_choices(item.raw, names, decide, **links)
        _drop_untaken(item, names, every, links)
        maybe = sorted(every - sure - {item.logical_id})
        if maybe:
            item.found[REFERENCES_MAYBE] = maybe


def _drop_untaken(
    item: Pending, names: frozenset[str], every: set[str], links: dict[str, Any]
) -> None:
    """Drop the references only a branch the template decides against writes
    (``SubnetId: !If [IsPublic, !Ref PublicSubnet, !Ref PrivateSubnet]`` with ``Public``
    defaulting to false names PrivateSubnet alone, as the resolved properties do): every
    branch was a certain reference, so an instance in the private subnet FAILed
    GDCC-GRAPH-002 through the public one."""
    written = list(references(item.raw, names, **links))
    untaken = {(r.target, r.attribute) for r in written if r.target not in every}
    if untaken:
        item.references[:] = [
            r for r in item.references if (r.target, r.attribute) not in untaken
        ]
