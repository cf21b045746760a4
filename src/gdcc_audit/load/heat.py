"""Loader for OpenStack Heat Orchestration Templates (HOT: ``heat_template_version``).

CloudFormation-format Heat templates go through the CloudFormation loader instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.interface import Claim, Document, Loader, ParsedFile, load_templates
from gdcc_audit.load.lost import META_KEY as LOST_KEY
from gdcc_audit.load.lost import LostPart, template_names
from gdcc_audit.load.template_formats import HEAT, HEAT_ENVIRONMENT
from gdcc_audit.load.yamltree import LocatedDocument, escape

if TYPE_CHECKING:
    from gdcc_audit.settings import Settings

FORMAT = HEAT
#: Heat environment files (``openstack stack create -e env.yaml``): read for the templates their
#: ``resource_registry`` maps resource types to and the parameter values they set
#: (``normalize.heat.nesting``, ``normalize.heat.environments``).
ENVIRONMENT = HEAT_ENVIRONMENT
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
    """The structural problem that keeps a whole HOT template from being read, with its
    line (``resources`` not a mapping); ``None`` when its resources can be read, each on
    its own (:func:`readable_and_lost`)."""
    resources = doc.data.get("resources")
    if resources is None or isinstance(resources, Mapping):
        return None  # a template of parameters and outputs only is valid
    return InputError(path, "resources must be a mapping", doc.line_of("/resources"))


def _resource_problem(
    path: str, doc: LocatedDocument, name: str, resource: Any
) -> InputError | None:
    """Why one resource of a HOT template cannot be read (not a mapping, no ``type``), with
    its line: that resource is skipped, the others are assessed."""
    pointer = f"/resources/{escape(name)}"
    if not isinstance(resource, Mapping):
        return InputError(
            path, f"resource {name!r} is not a mapping; that resource is skipped",
            doc.line_of(pointer), field=name,
        )
    kind = resource.get("type")
    if isinstance(kind, str) and kind:
        return None
    return InputError(
        path,
        (f"resource {name!r} has no type" if kind is None
         else f"resource {name!r} has a type that is not a string")
        + "; that resource is skipped",
        doc.line_of(pointer + "/type") or doc.line_of(pointer),
        field=f"{name}.type",
    )


def readable_and_lost(
    path: str, doc: LocatedDocument
) -> tuple[dict[str, Any], list[InputError], list[LostPart]]:
    """The resources of a HOT template that can be read, one error per resource skipped,
    and what each skipped one names (``get_resource`` / ``get_attr``: their verdicts may
    change without it, ``load.lost``)."""
    resources: Mapping[str, Any] = doc.data.get("resources") or {}
    ids = [str(k) for k in resources]
    kept: dict[str, Any] = {}
    errors: list[InputError] = []
    lost: list[LostPart] = []
    for key, body in resources.items():
        name = str(key)
        problem = _resource_problem(path, doc, name, body)
        if problem is None:
            kept[key] = body
            continue
        errors.append(problem)
        names = template_names(body, [i for i in ids if i != name])
        if names:
            line = doc.line_of(f"/resources/{escape(name)}") or problem.line or 1
            lost.append(LostPart(path, line, names))
    return kept, errors, lost


def _load_templates(claims: Sequence[Claim]) -> Iterator[Document | InputError]:
    """One document per HOT template: a resource that cannot be read is reported with its
    line and skipped, the rest assessed (the file is then partially assessed)."""
    for claim in claims:
        assert claim.parsed is not None  # templates are always claimed from parsed files
        path = str(claim.path)
        doc = next(d for d in claim.parsed.documents if is_heat(d.data))
        problem = check_template(path, doc)
        if problem is not None:
            yield problem
            continue
        resources, errors, lost = readable_and_lost(path, doc)
        yield from errors  # errors first, then the document: partially assessed
        if not errors:
            yield Document(path, FORMAT, doc.data, claim.parsed.sha256, doc)
            continue
        if not resources:
            continue
        data = {**doc.data, "resources": resources}
        meta: dict[str, Any] = {LOST_KEY: lost} if lost else {}
        yield Document(path, FORMAT, data, claim.parsed.sha256, doc, meta)


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
        yield from _load_templates(templates)
        environments = [c for c in claims if id(c) not in chosen]
        yield from load_templates(environments, ENVIRONMENT, is_environment, lambda _p, _d: None)
