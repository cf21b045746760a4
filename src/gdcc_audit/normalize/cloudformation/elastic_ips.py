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
                instance.mapped.facets["public_endpoint"] = True
                instance.mapped.defaults.pop("public_endpoint", None)
                instance.mapped.written.add("public_endpoint")
