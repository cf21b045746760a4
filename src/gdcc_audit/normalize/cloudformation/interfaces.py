"""An instance that attaches a network interface of the template (``NetworkInterfaces:
[{NetworkInterfaceId: !Ref Eni, DeviceIndex: 0}]``) is in that interface's security groups
and subnet: "GroupSet: The IDs of the security groups associated with this network
interface" and "SubnetId: The ID of the subnet to associate with the network interface"
(``AWS::EC2::NetworkInterface``,
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-networkinterface.html).
The interface is not a resource of its own here, so the instance had no security group:
GDCC-NET-001 "inbound rules are not known" and GDCC-GRAPH-002 UNKNOWN on a bastion whose
interface's group opens SSH to the internet (startup-kit-templates' ``bastion.cfn.yml``).
The instance now refers to them as to groups and a subnet it names itself. An interface
whose ``GroupSet`` is not a list of resources (a parameter, a literal id) or is not written
(the VPC's default group) is left as before: not known.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from gdcc_audit.models.resource import Reference
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.values import ResourceRef

INTERFACE = "AWS::EC2::NetworkInterface"
_INSTANCE = "AWS::EC2::Instance"


def link_interface_cards(
    items: Iterable[Pending], interfaces: Mapping[str, tuple[str, dict[str, Any]]]
) -> None:
    """Give each instance the security groups and subnet of the template's interfaces it
    attaches (``interfaces``: ``mapper.template_resources`` of :data:`INTERFACE`)."""
    if not interfaces:
        return
    for item in items:
        cards = item.props.get("NetworkInterfaces") if item.provider_type == _INSTANCE else None
        for index, card in enumerate(cards if isinstance(cards, list) else ()):
            named = card.get("NetworkInterfaceId") if isinstance(card, Mapping) else None
            if not isinstance(named, ResourceRef) or named.target not in interfaces:
                continue
            for reference in _references(interfaces[named.target][1], index):
                if reference not in item.references:
                    item.references.append(reference)


def _references(props: Mapping[str, Any], index: int) -> list[Reference]:
    """The instance's references to what interface ``props`` places it in (its card
    ``index``): each security group of a ``GroupSet`` of resources, and the subnet."""
    where = f"NetworkInterfaces.{index}"
    found: list[Reference] = []
    groups = props.get("GroupSet")
    if isinstance(groups, list) and groups and all(isinstance(g, ResourceRef) for g in groups):
        found.extend(
            Reference(target=g.target, attribute=f"{where}.GroupSet.{n}")
            for n, g in enumerate(groups)
        )
    subnet = props.get("SubnetId")
    if isinstance(subnet, ResourceRef):
        found.append(Reference(target=subnet.target, attribute=f"{where}.SubnetId"))
    return found
