"""Launch templates named by their name rather than their id.

A launch template specification may give ``LaunchTemplateName`` instead of
``LaunchTemplateId`` (instances, Auto Scaling groups and their mixed-instances policies, spot
and EC2 fleets, Batch compute environments; an EKS node group writes ``Name``): "You must
specify either the LaunchTemplateId or the LaunchTemplateName" (AWS::AutoScaling::
AutoScalingGroup LaunchTemplateSpecification). A name written the way a launch template of the
same template writes its own ``LaunchTemplateName`` (the same text, or the same ``Fn::Sub`` of
pseudo parameters such as ``${AWS::StackName}-web``) is that template, the only one of that
name in the account and Region. The resource gets a reference to it, as ``!Ref Template`` in
``LaunchTemplateId`` gives: the graph reads the template's security groups and public IP
setting for its instances and the mapper the user data and metadata options an instance takes
from it. Before, such a resource was read as launched from a template outside the input
(GDCC-CMP-002/005 and GDCC-NET-001 UNKNOWN on the instance, the group's network not known).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from gdcc_audit.models.resource import Reference
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.values import PartialText

TEMPLATE = "AWS::EC2::LaunchTemplate"
#: The key naming a launch template by name, per type that writes it otherwise.
_NAME_KEY = {"AWS::EKS::Nodegroup": "Name"}
_KEY = "LaunchTemplateName"


def _named(value: Any, key: str, path: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted path, value) of each ``key`` inside a ``LaunchTemplate`` or
    ``LaunchTemplateSpecification`` mapping of ``value`` (lists add no index)."""
    if isinstance(value, Mapping):
        for name, child in value.items():
            where = f"{path}.{name}" if path else str(name)
            if name == key and path.rsplit(".", 1)[-1] in (
                "LaunchTemplate", "LaunchTemplateSpecification"
            ):
                yield where, child
            else:
                yield from _named(child, key, where)
    elif isinstance(value, list):
        for child in value:
            yield from _named(child, key, path)


def _name(value: Any) -> str | PartialText | None:
    """A launch template name that can be compared: known text, or text built from pseudo
    parameters (the same in every resource of one stack)."""
    return value if isinstance(value, str | PartialText) else None


def link_launch_template_names(items: list[Pending]) -> None:
    """Give each resource that names a launch template of the template by its name a
    reference to it (attribute: the property path); a name two templates write, or none
    does, names nothing of the scan."""
    by_name: dict[str | PartialText, list[str]] = {}
    for item in items:
        name = _name(item.props.get(_KEY)) if item.provider_type == TEMPLATE else None
        if name is not None:
            by_name.setdefault(name, []).append(item.logical_id)
    if not by_name:
        return
    for item in items:
        if item.provider_type == TEMPLATE:
            continue
        for path, value in _named(item.props, _NAME_KEY.get(item.provider_type, _KEY)):
            name = _name(value)
            found = by_name.get(name) if name is not None else None
            if found is None or len(found) != 1:
                continue
            reference = Reference(target=found[0], attribute=path)
            if reference not in item.references:
                item.references.append(reference)


def named_template(item: Pending, by_id: Mapping[str, Pending]) -> Pending | None:
    """The launch template of the template that ``item``'s own ``LaunchTemplate`` names by
    name (:func:`link_launch_template_names`), if any."""
    wanted = f"LaunchTemplate.{_NAME_KEY.get(item.provider_type, _KEY)}"
    for reference in item.references:
        if reference.attribute == wanted:
            found = by_id.get(reference.target)
            if found is not None and found.provider_type == TEMPLATE:
                return found
    return None
