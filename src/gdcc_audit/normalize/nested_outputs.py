"""The outputs of a nested template of the scan, as its parent reads them (CloudFormation
``!GetAtt Child.Outputs.Name``, Heat ``get_attr: [child, name]``).

A child's output is resolved in the child (with the parameters its parents pass): a plain
value is that value in the parent (a CIDR, a port); a resource of the child (``Ref``,
``get_resource``, an attribute of it) is a :class:`ChildResource`, which the parent's mapper
turns into a reference to that resource's canonical id, so the graph links the parent's
server to the security group or subnet the child returns. What the child cannot know stays
UNKNOWN. A parent resource deploying several templates (a type several environments map)
gets an output only when every one of them gives the same.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gdcc_audit.normalize.cloudformation.values import UNKNOWN, PartialText, ResourceRef
from gdcc_audit.normalize.interface import canonical_id
from gdcc_audit.normalize.tags import read_tags

if TYPE_CHECKING:
    from gdcc_audit.load.interface import Document
    from gdcc_audit.normalize.interface import MapContext

#: ``Document.meta`` key of a parent's nested stacks' outputs: logical id -> output name ->
#: value (plain, UNKNOWN, or :class:`ChildResource`, in lists and maps too).
OUTPUTS = "nested_stack_outputs"


@dataclass(frozen=True)
class ChildResource:
    """A resource of a nested template that an output returns."""

    path: str
    logical_id: str
    provider_type: str
    tags: tuple[tuple[str, str], ...] = ()

    def target(self, context: MapContext) -> str:
        """Its canonical id, as ``build.to_resource`` makes it (same tenant and scan root as
        the parent: related templates are one tenant's)."""
        system = read_tags(dict(self.tags)).system or context.default_system
        tenant = context.tenant.id if context.tenant else None
        name = f"{context.file_scope(self.path)}:{self.logical_id}"
        return canonical_id(tenant, system, self.provider_type, name)


def exported(value: Any, resource: Callable[[str], ChildResource | None]) -> Any:
    """An output's value resolved in the child, as the parent reads it: a reference to a
    resource of the child is that resource (``resource``: the child's resource of a logical
    id, None when it is not one the scan maps), text with a part not known is UNKNOWN."""
    if isinstance(value, ResourceRef):
        found = resource(value.target)
        return found if found is not None else UNKNOWN
    if isinstance(value, PartialText):
        return UNKNOWN
    if isinstance(value, list):
        return [exported(v, resource) for v in value]
    if isinstance(value, Mapping):
        return {k: exported(v, resource) for k, v in value.items()}
    return value


def record(parent: Document, logical_id: str, outputs: Mapping[str, Any]) -> None:
    """Write on ``parent`` the ``outputs`` of the template its resource ``logical_id``
    deploys; a second template of the same resource keeps only the outputs they agree on."""
    found = parent.meta.setdefault(OUTPUTS, {})
    known = found.get(logical_id)
    if known is None:
        found[logical_id] = dict(outputs)
        return
    found[logical_id] = {
        name: value if outputs.get(name, UNKNOWN) == value else UNKNOWN
        for name, value in known.items()
    }


def for_context(document: Document, context: MapContext) -> dict[str, dict[str, Any]]:
    """The outputs written on ``document`` with each child resource as a reference to its
    canonical id."""
    found: Mapping[str, Mapping[str, Any]] = document.meta.get(OUTPUTS) or {}
    return {
        logical_id: {name: _referenced(value, context) for name, value in outputs.items()}
        for logical_id, outputs in found.items()
    }


def _referenced(value: Any, context: MapContext) -> Any:
    if isinstance(value, ChildResource):
        return ResourceRef(value.target(context))
    if isinstance(value, list):
        return [_referenced(v, context) for v in value]
    if isinstance(value, Mapping):
        return {k: _referenced(v, context) for k, v in value.items()}
    return value


def output(outputs: Mapping[str, Any], path: list[Any]) -> Any:
    """The value at ``path`` (an output's name, then keys or indexes into it) of a child's
    ``outputs``; UNKNOWN when it is not there."""
    found: Any = outputs
    for step in path:
        index = step if isinstance(step, int) else None
        if isinstance(step, str) and step.isdigit():
            index = int(step)
        if isinstance(found, Mapping) and isinstance(step, str) and step in found:
            found = found[step]
        elif isinstance(found, list) and index is not None and 0 <= index < len(found):
            found = found[index]
        else:
            return UNKNOWN
    return found


def targets(value: Any) -> list[str]:
    """The canonical ids a value read from an output refers to (for the resource's
    references)."""
    if isinstance(value, ResourceRef):
        return [value.target]
    if isinstance(value, list):
        return [t for v in value for t in targets(v)]
    return []
