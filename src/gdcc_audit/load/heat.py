"""Loader for OpenStack Heat Orchestration Templates (HOT: ``heat_template_version``).

CloudFormation-format Heat templates go through the CloudFormation loader instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.interface import Claim, Document, Loader, ParsedFile, load_templates
from gdcc_audit.load.yamltree import LocatedDocument, escape

if TYPE_CHECKING:
    from gdcc_audit.settings import Settings

FORMAT = "heat"
#: Heat environment files (``openstack stack create -e env.yaml``): read for the templates their
#: ``resource_registry`` maps resource types to and the parameter values they set
#: (``normalize.heat.nesting``, ``normalize.heat.environments``).
ENVIRONMENT = "heat_environment"
#: The sections read: an environment holds one of them as a mapping.
_READ_KEYS = ("resource_registry", "parameters", "parameter_defaults")
#: The sections of an environment file (Heat "Environments" guide).
_ENVIRONMENT_KEYS = frozenset(
    {"parameters", "parameter_defaults", "resource_registry", "encrypted_param_names",
     "event_sinks", "parameter_merge_strategies"}
)  # fmt: skip


def is_heat(data: Any) -> bool:
    """A HOT template names its ``heat_template_version`` at the top."""
    return isinstance(data, Mapping) and "heat_template_version" in data


def is_environment(data: Any) -> bool:
    """A Heat environment: only environment sections, a ``resource_registry``,
    ``parameters`` or ``parameter_defaults`` mapping among them."""
    return (
        isinstance(data, Mapping)
        and any(isinstance(data.get(k), Mapping) for k in _READ_KEYS)
        and all(isinstance(k, str) and k in _ENVIRONMENT_KEYS for k in data)
    )


def check_template(path: str, doc: LocatedDocument) -> InputError | None:
    """The first structural problem of a HOT template, with its line; ``None`` when sound."""
    resources = doc.data.get("resources")
    if resources is None:
        return None  # a template of parameters and outputs only is valid
    if not isinstance(resources, Mapping):
        return InputError(path, "resources must be a mapping", doc.line_of("/resources"))
    for name, resource in resources.items():
        pointer = f"/resources/{escape(name)}"
        if not isinstance(resource, Mapping):
            return InputError(
                path, f"resource {name!r} is not a mapping", doc.line_of(pointer), field=name
            )
        kind = resource.get("type")
        if not isinstance(kind, str) or not kind:
            return InputError(
                path,
                f"resource {name!r} has no type" if kind is None
                else f"resource {name!r} has a type that is not a string",
                doc.line_of(pointer + "/type"),
                field=f"{name}.type",
            )
    return None


class HeatLoader(Loader):
    """Reads HOT templates and environment files with a resource registry; one document per
    file."""

    name = "heat"

    def recognise(self, parsed: ParsedFile) -> bool:
        return any(is_heat(d.data) or is_environment(d.data) for d in parsed.documents)

    def load(self, claims: Sequence[Claim], settings: Settings) -> Iterator[Document | InputError]:
        templates = [
            c for c in claims if c.parsed and any(is_heat(d.data) for d in c.parsed.documents)
        ]
        chosen = {id(c) for c in templates}
        yield from load_templates(templates, FORMAT, is_heat, check_template)
        environments = [c for c in claims if id(c) not in chosen]
        yield from load_templates(environments, ENVIRONMENT, is_environment, lambda _p, _d: None)
