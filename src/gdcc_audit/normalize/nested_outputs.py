"""Values that cross from one template of the scan to another: a nested template's outputs
as its parent reads them (CloudFormation ``!GetAtt Child.Outputs.Name``, Heat ``get_attr:
[child, name]``), and a resource of a parent (or of a sibling, through its output) passed to
a child as a parameter.

A child's output is resolved in the child (with the parameters its parents pass): a plain
value is that value in the parent (a CIDR, a port); a resource of the child (``Ref``,
``get_resource``, an attribute of it) is a :class:`TemplateResource`, and so is a parent's
resource it passes to a child (``SecurityGroup: !Ref WebGroup``, ``network: {get_resource:
net}``). The mapper of the template reading it turns it into a reference to that resource's
canonical id, so the graph links the server to the security group or subnet of the other
template. What cannot be known stays UNKNOWN. A parent resource deploying several templates
(a type several environments map) gets an output only when every one of them gives the same.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from gdcc_audit.normalize.cloudformation.values import UNKNOWN, PartialText, ResourceRef
from gdcc_audit.normalize.interface import canonical_id
from gdcc_audit.normalize.tags import read_tags

if TYPE_CHECKING:
    from gdcc_audit.load.interface import Document
    from gdcc_audit.normalize.interface import MapContext

#: ``Document.meta`` key of a parent's nested stacks' outputs: logical id -> output name ->
#: value (plain, UNKNOWN, or :class:`TemplateResource`, in lists and maps too).
OUTPUTS = "nested_stack_outputs"
#: ``Document.meta`` key of where the values of a parent's nested stacks' outputs are written:
#: logical id -> output name -> ``file:line`` (the child's parameter default, the line a
#: parent above passes it at, or the output's own literal value): the line a user changes
#: when a parent's resource reads the output (``value set at``).
ORIGINS = "nested_stack_output_origins"


@dataclass(frozen=True)
class TemplateResource:
    """A resource of another template of the scan (a child's output, a parent's parameter)."""

    path: str
    logical_id: str
    provider_type: str
    tags: tuple[tuple[str, str], ...] = ()
    #: The attribute read (``get_attr``, ``Fn::GetAtt``); None: the resource (its id).
    attribute: str | None = None

    def target(self, context: MapContext) -> str:
        """Its canonical id, as ``build.to_resource`` makes it (same tenant and scan root as
        the parent: related templates are one tenant's)."""
        system = read_tags(dict(self.tags)).system or context.default_system
        tenant = context.tenant.id if context.tenant else None
        name = f"{context.file_scope(self.path)}:{self.logical_id}"
        return canonical_id(tenant, system, self.provider_type, name)


@dataclass(frozen=True)
class Candidates:
    """An output whose value an ``Fn::If`` the child cannot decide chooses (``Value: !If
    [IsPublic, !Ref PublicSubnet, !Ref PrivateSubnet]``, the condition on a parameter no
    parent passes and without a default): each option one it may be. A reader naming it
    refers to each resource option only perhaps (``REFERENCES_MAYBE``); a resolved value it
    stays UNKNOWN (:func:`known`)."""

    options: tuple[Any, ...]


def known(value: Any) -> Any:
    """``value`` as a resolved property sees it: :class:`Candidates` are UNKNOWN."""
    return UNKNOWN if isinstance(value, Candidates) else value


def exported(value: Any, resource: Callable[[str], TemplateResource | None]) -> Any:
    """A value resolved in one template, as another reads it: a reference to a resource of
    the template is that resource (``resource``: the template's resource of a logical id,
    None when it is not one the scan maps), text with a part not known is UNKNOWN."""
    if isinstance(value, ResourceRef):
        found = resource(value.target)
        return UNKNOWN if found is None else replace(found, attribute=value.attribute)
    if isinstance(value, PartialText):
        return UNKNOWN
    if isinstance(value, Candidates):
        return Candidates(tuple(exported(v, resource) for v in value.options))
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


def record_origins(parent: Document, logical_id: str, origins: Mapping[str, str]) -> None:
    """Write on ``parent`` where the outputs of the template its resource ``logical_id``
    deploys are written (:data:`ORIGINS`); a second template of the same resource keeps only
    the places they agree on."""
    found = parent.meta.setdefault(ORIGINS, {})
    known = found.get(logical_id)
    found[logical_id] = dict(origins) if known is None else {
        name: where for name, where in known.items() if origins.get(name) == where
    }


def output_origin(outputs: Mapping[str, Mapping[str, str]], path: Any) -> str | None:
    """Where the value of a nested stack's output is written (``outputs``: a parent's
    :data:`ORIGINS`; ``path``: the logical id, then the output's name)."""
    if not isinstance(path, list | tuple) or len(path) < 2:
        return None
    logical_id, name = path[0], path[1]
    if not isinstance(logical_id, str) or not isinstance(name, str):
        return None
    return outputs.get(logical_id, {}).get(name)


def for_context(document: Document, context: MapContext) -> dict[str, dict[str, Any]]:
    """The outputs written on ``document`` with each child resource as a reference to its
    canonical id."""
    found: Mapping[str, Mapping[str, Any]] = document.meta.get(OUTPUTS) or {}
    return {
        logical_id: {name: in_context(value, context) for name, value in outputs.items()}
        for logical_id, outputs in found.items()
    }


def in_context(value: Any, context: MapContext) -> Any:
    """``value`` with each :class:`TemplateResource` as a reference to its canonical id."""
    if isinstance(value, TemplateResource):
        return ResourceRef(value.target(context), value.attribute)
    if isinstance(value, Candidates):
        return Candidates(tuple(in_context(v, context) for v in value.options))
    if isinstance(value, list):
        return [in_context(v, context) for v in value]
    if isinstance(value, Mapping):
        return {k: in_context(v, context) for k, v in value.items()}
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


def parameter_targets(parameters: Mapping[str, Any], path: list[Any]) -> list[str]:
    """The canonical ids a parameter (``path``: its name, then keys or indexes) refers to: a
    resource of another template passed to this one (:func:`in_context` values)."""
    if not path or not isinstance(path[0], str) or path[0] not in parameters:
        return []
    return targets(output(parameters, path))


def targets(value: Any) -> list[str]:
    """The canonical ids a value read from an output refers to (for the resource's
    references); a :class:`Candidates` output's options only perhaps
    (:func:`candidate_targets`)."""
    if isinstance(value, ResourceRef):
        return [value.target]
    if isinstance(value, list):
        return [t for v in value for t in targets(v)]
    return []


def candidate_targets(value: Any) -> list[str]:
    """The canonical ids the options of a :class:`Candidates` output refer to."""
    if isinstance(value, Candidates):
        return [t for v in value.options for t in targets(v)]
    return []
