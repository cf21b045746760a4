"""Launch configurations and templates whose Auto Scaling group launches into the default
subnets (GDCC-CMP-001).

An ``AWS::AutoScaling::AutoScalingGroup`` without ``VPCZoneIdentifier`` launches into "the
default VPC subnet in each Availability Zone" (template reference), and "Instances that you
launch into a default subnet receive both a public IPv4 address and a private IPv4 address"
(docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html). A launch configuration or
template that leaves the public IP to the subnet (``AssociatePublicIpAddress`` not written)
was UNKNOWN ("whether instances launched from it get a public IP address is not known"); when
a group of the template launches it so, its instances get one: FAIL, naming the group.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.values import ResourceRef

_GROUP = "AWS::AutoScaling::AutoScalingGroup"
_CONFIGURATION = "AWS::AutoScaling::LaunchConfiguration"
_TEMPLATE = "AWS::EC2::LaunchTemplate"


def _launched(group: Pending) -> list[tuple[str, str]]:
    """(logical id, type) of the launch configuration and templates a group names."""
    found: list[tuple[str, str]] = []
    name = group.props.get("LaunchConfigurationName")
    if isinstance(name, ResourceRef):
        found.append((name.target, _CONFIGURATION))
    specs: list[Any] = [group.props.get("LaunchTemplate")]
    policy = group.props.get("MixedInstancesPolicy")
    if isinstance(policy, Mapping) and isinstance(policy.get("LaunchTemplate"), Mapping):
        specs.append(policy["LaunchTemplate"].get("LaunchTemplateSpecification"))
    for spec in specs:
        if isinstance(spec, Mapping):
            for key in ("LaunchTemplateId", "LaunchTemplateName"):
                ref = spec.get(key)
                if isinstance(ref, ResourceRef):
                    found.append((ref.target, _TEMPLATE))
    return found


def _leaves_it_to_the_subnet(item: Pending) -> bool:
    """Whether the configuration or template writes nothing about a public IP."""
    if item.provider_type == _CONFIGURATION:
        return item.props.get("AssociatePublicIpAddress") is None
    data = item.props.get("LaunchTemplateData")
    cards = data.get("NetworkInterfaces") if isinstance(data, Mapping) else None
    if cards is None:
        return isinstance(data, Mapping) or data is None
    return isinstance(cards, list) and all(
        isinstance(card, Mapping) and card.get("AssociatePublicIpAddress") is None
        for card in cards
    )


def link_default_subnet_launchers(items: list[Pending]) -> None:
    """Give a public IP to the instances of the launch configurations and templates that a
    group of the template launches into the default subnets (module docstring)."""
    by_id = {item.logical_id: item for item in items}
    groups: dict[str, list[str]] = {}
    for group in items:
        if group.provider_type != _GROUP or group.mapped.facets.get("public_endpoint") is not True:
            continue
        for logical_id, kind in _launched(group):
            launcher = by_id.get(logical_id)
            if launcher is not None and launcher.provider_type == kind:
                groups.setdefault(logical_id, []).append(group.logical_id)
    for logical_id, names in groups.items():
        launcher = by_id[logical_id]
        if launcher.mapped.facets.get("public_endpoint") is not None:
            continue
        if not _leaves_it_to_the_subnet(launcher):
            continue
        launcher.mapped.facets["public_endpoint"] = True
        launcher.mapped.written.add("public_endpoint")
        launcher.mapped.unknown.pop("public_endpoint", None)
        launcher.mapped.because["public_endpoint"] = Text(
            en=f"{', '.join(names)} launches its instances into the default subnets (no "
            "VPCZoneIdentifier), which give them public IPv4 addresses",
            th=f"{', '.join(names)} สร้าง instance ใน default subnet (ไม่ได้กำหนด "
            "VPCZoneIdentifier) ซึ่งกำหนด public IPv4 ให้",
        )
