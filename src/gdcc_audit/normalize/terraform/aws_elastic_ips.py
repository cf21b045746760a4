"""Elastic IP addresses on EC2 instances (GDCC-CMP-001 and the resource graph's internet edges).

An ``aws_eip`` whose ``instance`` names an instance, or whose ``network_interface`` names a
network interface of one, and an ``aws_eip_association`` (``instance_id`` /
``network_interface_id``) give that instance a public IPv4 address: "An Elastic IP address is
a static, public IPv4 address ... You can associate an Elastic IP address with any instance or
network interface in any VPC in your account" (Amazon EC2 user guide, "Elastic IP addresses").
The instance had ``public_endpoint`` from its own settings only, so one in a private subnet
with an Elastic IP PASSed GDCC-CMP-001 ("Instances have no public IP address"), and the graph
did not reach it from the internet. The CloudFormation mapper did this already for
``AWS::EC2::EIP`` / ``AWS::EC2::EIPAssociation`` ``InstanceId``.

An interface is an instance's when the instance's ``network_interface`` block names it, or an
``aws_network_interface_attachment`` (or the interface's own ``attachment`` block) attaches it
to the instance. An address whose instance or interface is one of several a value not known
chooses makes each candidate's public IP not known, never certain. The Elastic IP itself stays
mapped (``network.public_ip``, ``ALSO_MAPPED``).
"""

from __future__ import annotations

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.terraform.context import CompanionFn, Contribution, MapFn, TfContext
from gdcc_audit.normalize.terraform.uncertain import may_configure
from gdcc_audit.normalize.terraform.values import blocks

_INSTANCES = ("aws_instance", "aws_spot_instance_request")
_INTERFACE = ("aws_network_interface",)
_ATTACHMENT = "aws_network_interface_attachment"


def _interface_instances(
    interface: TfResource, ctx: TfContext
) -> tuple[list[TfResource], list[TfResource]]:
    """The instances ``interface`` is attached to, and those it may be (a value not known
    chooses between several interfaces)."""
    certain: list[TfResource] = []
    maybe: list[TfResource] = []
    for kind in _INSTANCES:
        for instance in ctx.by_type.get(kind, ()):
            for index, _ in enumerate(blocks(instance.values, "network_interface") or ()):
                path = f"network_interface.{index}.network_interface_id"
                said = ctx.may_designate(instance, path, _INTERFACE, interface)
                if said:
                    certain.append(instance)
                elif said is None:
                    maybe.append(instance)
    for attachment in ctx.by_type.get(_ATTACHMENT, ()):
        said = ctx.may_designate(attachment, "network_interface_id", _INTERFACE, interface)
        if said is False:
            continue
        host = ctx.target_of(attachment, "instance_id", _INSTANCES)
        if host is not None:
            (certain if said else maybe).append(host)
    for index, _ in enumerate(blocks(interface.values, "attachment") or ()):
        host = ctx.target_of(interface, f"attachment.{index}.instance", _INSTANCES)
        if host is not None:
            certain.append(host)
    return certain, maybe


def _elastic_ip(instance_attr: str, interface_attr: str) -> CompanionFn:
    """An Elastic IP (or its association) onto the instance it names, directly or through a
    network interface."""

    def companion(r: TfResource, ctx: TfContext) -> list[Contribution]:
        certain: list[TfResource] = []
        maybe: list[TfResource] = []
        instance = ctx.target_of(r, instance_attr, _INSTANCES)
        if instance is not None:
            certain.append(instance)
        interface = ctx.target_of(r, interface_attr, _INTERFACE)
        if interface is not None:
            found, doubtful = _interface_instances(interface, ctx)
            certain += found
            maybe += doubtful
        update = {"public_endpoint": True}
        if _expansion(r) is not None:  # it may not be created where the instance is
            maybe += [i for i in certain if _expansion(i) != _expansion(r)]
            certain = [i for i in certain if _expansion(i) == _expansion(r)]
        sure = list(dict.fromkeys(i.address for i in certain))
        made = [Contribution(address, r.address, update) for address in sure]
        why = may_configure(r.address) if _expansion(r) is None else _may_be_created(r)
        made += [
            Contribution(address, r.address, update, uncertain=why)
            for address in dict.fromkeys(i.address for i in maybe)
            if address not in sure
        ]
        return made

    return companion


def _expansion(resource: TfResource) -> tuple[str | None, tuple[str, ...]] | None:
    """What decides whether a resource whose ``count`` / ``for_each`` is not known is created
    (its module and the values its expansion reads: ``EXISTS_MAYBE``); None when it is
    known. Two resources with the same are created together."""
    if resource.index is not UNKNOWN or resource.mode != "managed":
        return None
    return resource.module, tuple(resource.expansion_refs)


def _may_be_created(address: TfResource) -> Text:
    """Why an instance's public IP is not known: an Elastic IP whose ``count`` / ``for_each``
    is not known may not be created where it is (it was public for certain)."""
    reads = ", ".join(address.expansion_refs)
    where = f" (reads {reads})" if reads else ""
    return Text(
        en=f"{address.address} may not be created (count / for_each not known{where}) and "
        "gives it a public IP",
        th=f"{address.address} อาจไม่ถูกสร้าง (ไม่ทราบ count / for_each{where}) "
        "และให้ public IP แก่ทรัพยากรนี้",
    )


COMPANIONS: dict[str, CompanionFn] = {
    "aws_eip": _elastic_ip("instance", "network_interface"),
    "aws_eip_association": _elastic_ip("instance_id", "network_interface_id"),
}
#: The Elastic IP is judged on its own too (``network.public_ip``).
ALSO_MAPPED = frozenset({"aws_eip"})
MAPPINGS: dict[str, MapFn] = {}
