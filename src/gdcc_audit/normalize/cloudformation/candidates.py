"""CloudFormation resources a resource names only in one branch of an ``Fn::If`` whose
condition is not known (``SubnetId: !If [IsPublic, !Ref PublicSubnet, !Ref PrivateSubnet]``,
``TargetGroupArn: !If [UseBlue, !Ref Blue, !Ref Green]``): each is a candidate, not certain
(``REFERENCES_MAYBE``, as a Terraform argument a value not known chooses). The graph then
takes the subnet, target group, target or listener so named as a maybe: placement, public
address, route, forwarding. Before, both branches were certain: an instance that may sit in
the private subnet was certainly in the public one (GDCC-GRAPH-002 FAIL). A condition the
template decides (a parameter's default) names its branch for certain."""

from __future__ import annotations

from gdcc_audit.models.resource import REFERENCES_MAYBE
from gdcc_audit.normalize.cloudformation.api_functions import Decide, has_if, reference_choices
from gdcc_audit.normalize.cloudformation.build import Pending


def link_reference_candidates(
    items: list[Pending], names: frozenset[str], decide: Decide
) -> None:
    """Note on each resource the resources of the template (``names``) it names only through
    an ``Fn::If`` not decided, and by no other property (``REFERENCES_MAYBE``)."""
    for item in items:
        if not has_if(item.raw):
            continue
        sure, every = reference_choices(item.raw, names, decide)
        maybe = sorted(every - sure - {item.logical_id})
        if maybe:
            item.found[REFERENCES_MAYBE] = maybe
