"""An Elastic IP on a network interface attached to an instance by an
``AWS::EC2::NetworkInterfaceAttachment`` (GDCC-CMP-001). ``mapper.link`` gives a public IP to
the instance an ``AWS::EC2::EIP`` / ``AWS::EC2::EIPAssociation`` names (``InstanceId``) or whose
``NetworkInterfaces`` hold the interface it names (``NetworkInterfaceId``); an interface
attached by a separate attachment resource was not followed, and the instance PASSed "Instances
have no public IP address" with an Elastic IP on its second interface. "You can associate an
Elastic IP address with any instance or network interface" (Amazon EC2 user guide, "Elastic IP
addresses").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import EXISTS_MAYBE
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.values import ResourceRef

ATTACHMENT = "AWS::EC2::NetworkInterfaceAttachment"
_ADDRESSES = ("AWS::EC2::EIP", "AWS::EC2::EIPAssociation")
_INSTANCE = "AWS::EC2::Instance"


def link_attached_interfaces(
    items: list[Pending], attachments: Mapping[str, tuple[str, dict[str, Any]]]
) -> None:
    """Give a public IP to the instance an attachment of the template attaches an interface
    with an Elastic IP to (``attachments``: ``mapper.template_resources`` of
    :data:`ATTACHMENT`)."""
    hosts: dict[str, list[str]] = {}
    for _, props in attachments.values():
        card, host = props.get("NetworkInterfaceId"), props.get("InstanceId")
        if isinstance(card, ResourceRef) and isinstance(host, ResourceRef):
            hosts.setdefault(card.target, []).append(host.target)
    if not hosts:
        return
    by_id = {item.logical_id: item for item in items}
    for item in items:
        card = item.props.get("NetworkInterfaceId") if item.provider_type in _ADDRESSES else None
        if not isinstance(card, ResourceRef):
            continue
        for logical_id in hosts.get(card.target, ()):
            instance = by_id.get(logical_id)
            if instance is not None and instance.provider_type == _INSTANCE:
                give_address(item, instance)


#: How the reason an Elastic IP that may not be created gives begins (:func:`give_address`).
_PERHAPS = "an Elastic IP that may not be created"


def give_address(address: Pending, instance: Pending) -> None:
    """The instance has the public address of the Elastic IP ``address`` associates with it;
    only perhaps when the Elastic IP may not be created where the instance is (its
    ``EXISTS_MAYBE``: a ``Condition`` not decided, not the instance's): not known then,
    unless something else makes it public (it was public for certain, a FAIL of GDCC-CMP-001
    and GDCC-GRAPH-002 the deployment without the Elastic IP does not have)."""
    mapped = instance.mapped
    why = address.found.get(EXISTS_MAYBE)
    if isinstance(why, str) and why != instance.found.get(EXISTS_MAYBE):
        if mapped.facets.get("public_endpoint") is True:
            return
        mapped.facets["public_endpoint"] = None
        mapped.defaults.pop("public_endpoint", None)
        mapped.unknown["public_endpoint"] = Text(
            en=f"{_PERHAPS} ({address.logical_id}: {why}) is associated with it",
            th=f"มี Elastic IP ที่อาจไม่ถูกสร้าง ({address.logical_id}: {why}) ผูกกับเครื่องนี้",
        )
        return
    mapped.facets["public_endpoint"] = True
    mapped.defaults.pop("public_endpoint", None)
    mapped.written.add("public_endpoint")
    mapped.unknown.pop("public_endpoint", None)


def perhaps_public(instance: Pending) -> bool:
    """Whether only an Elastic IP that may not be created makes the instance public
    (:func:`give_address`): a subnet that assigns no public IP does not make it private."""
    why = instance.mapped.unknown.get("public_endpoint")
    return isinstance(why, Text) and why.en.startswith(_PERHAPS)
