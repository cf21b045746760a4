"""Nested Heat stacks whose template is in the scan: the child is judged with what its parents
pass, as ``normalize.cloudformation.nesting`` does for CloudFormation (the matching, merging
and ordering both use are ``normalize.stacks``).

A resource deploys another template (a nested stack) when its ``type`` is a template file or
URL (``type: lib/server.yaml``, ``type: https://.../server.yaml``), when an
``OS::Heat::ResourceGroup``'s ``resource_def`` or an ``OS::Heat::AutoScalingGroup``'s
``resource`` has such a type (every member is a copy), or when an ``OS::Heat::Stack``'s
``template`` is ``get_file`` of a file; also when its type is a name an environment file of
the scan maps to a template in its ``resource_registry`` (``"My::Server": lib/server.yaml``,
a path relative to the environment file; every template an environment of the scan maps the
name to is a child). The resource's ``properties`` (the group definition's,
the stack's ``parameters``) are the child's parameters: its ``default`` holds only for a
parameter they do not set (Heat template guide, "Template composition": "the properties of
the resource are passed as parameters of the nested template").

Where the child is: a path is relative to the parent (as ``openstack stack create`` reads
it); a URL is matched against the scanned templates' paths by its last segments
(``find_template``: two segments, or the file name alone in the parent's folder).

What the child is given: each property as the parent resolves it (with what its own parents
pass), typed by the child's ``parameters`` declaration; a resource of the parent (or a
sibling's output that is one) is that resource (``nested_outputs``); UNKNOWN, never the
child's default, when the parent cannot know it (its own parameter without a default, text
with a part not known), when the child's ``allowed_values`` / ``allowed_pattern`` constraint
refuses it, and for text holding a ResourceGroup's index variable (``%index%``: each member
has its own). A child several parents use gets a value only when they all give the same; a
resource whose ``condition`` is false (with what the parent is passed) deploys nothing. The
children's outputs are read back into the parent (``get_attr``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.heat import ENVIRONMENT
from gdcc_audit.load.interface import Document
from gdcc_audit.load.yamltree import escape
from gdcc_audit.normalize.cloudformation.values import (
    UNKNOWN,
    PartialText,
    ResourceRef,
    as_int,
    is_known,
)
from gdcc_audit.normalize.heat import environments as env
from gdcc_audit.normalize.heat.intrinsics import HotResolver, parameter_value
from gdcc_audit.normalize.heat.origins import parameter_origins
from gdcc_audit.normalize.heat.types import HEAT_TYPES, heat_tags
from gdcc_audit.normalize.nested_outputs import OUTPUTS, TemplateResource, exported
from gdcc_audit.normalize.stacks import (
    Edge,
    collect_outputs,
    find_template,
    output_origins,
    parents_first,
    propagate,
    warnings,
)
from gdcc_audit.normalize.unread_secrets import mark_read_outputs

#: ``Document.meta`` key of a child's parameters its parents pass: name -> typed value.
PASSED = "heat_passed_parameters"
#: ``Document.meta`` key of where each passed value is written: name -> ``file:line``.
PASSED_AT = "heat_passed_parameters_at"
#: ``Document.meta`` key of the ports of a parent a child is passed (``port: {get_resource:
#: bastion_port}``, openshift-on-openstack's bastion): the port (a ``TemplateResource``) ->
#: its properties as the child reads them (its groups and network: the parent's resources),
#: with :data:`FLOATING_IPS`. Ports are no canonical resources: the child's servers read
#: their filtering, placement and floating IPs from these, as from a port of their own.
PASSED_PORTS = "heat_passed_ports"
#: The key of a passed port's properties naming the parent's floating IPs associated with it
#: (``port_id`` of an ``OS::Neutron::FloatingIP`` / ``FloatingIPAssociation`` of the parent
#: created whatever its parameters are).
FLOATING_IPS = "gdcc:floating_ips"
#: The port type passed to a child with its properties.
PORT = "OS::Neutron::Port"
#: ``Document.meta`` key of a parent's nested stacks whose template is scanned: logical id ->
#: the child's path.
CHILDREN = "heat_nested_children"
#: ``Document.meta`` key of a template's resource types an environment of the scan maps to a
#: template: type -> the template as the first such environment writes it.
REGISTERED = "heat_registered_types"
#: Heat groups that make copies of one resource definition: the type -> its property.
GROUPS = {"OS::Heat::AutoScalingGroup": "resource", "OS::Heat::ResourceGroup": "resource_def"}
_TEMPLATE_SUFFIXES = (".yaml", ".yml", ".template", ".json", ".hot")
#: ``OS::Heat::ResourceGroup``'s ``index_var`` default (Heat resource types reference).
_INDEX_VAR = "%index%"


def is_template(kind: Any) -> bool:
    """Whether a resource ``type`` names a template file or URL."""
    return isinstance(kind, str) and ("://" in kind or kind.endswith(_TEMPLATE_SUFFIXES))


@dataclass(frozen=True)
class Nested:
    """What a resource deploys from another template."""

    #: The template as written: a ``type``, or the file ``get_file`` names.
    location: str
    #: The properties passed as the child's parameters (as written), and their pointer below
    #: the resource.
    properties: Any
    pointer: str
    #: A ResourceGroup's index variable (replaced by each member's index).
    index_var: str | None = None
    #: The group type whose members are copies of the template, if any.
    group: str | None = None


def nested(spec: Mapping[str, Any], registered: Collection[str] = ()) -> Nested | None:
    """The template a resource (its ``spec`` in ``resources``) deploys, if it deploys one
    (``registered``: the types environments map to templates)."""
    kind, props = spec.get("type"), spec.get("properties")
    props = props if isinstance(props, Mapping) else {}
    if not isinstance(kind, str):
        return None
    if kind in GROUPS:
        inner = props.get(GROUPS[kind])
        made = inner.get("type") if isinstance(inner, Mapping) else None
        if not isinstance(inner, Mapping) or not isinstance(made, str):
            return None  # a type from a parameter: not known
        if not (is_template(made) or made in registered):
            return None
        index = props.get("index_var", _INDEX_VAR) if kind == "OS::Heat::ResourceGroup" else None
        return Nested(
            str(made),
            inner.get("properties"),
            f"/properties/{GROUPS[kind]}/properties",
            index if isinstance(index, str) and index else None,
            kind,
        )
    if kind == "OS::Heat::Stack":
        template = props.get("template")
        path = template.get("get_file") if isinstance(template, Mapping) else None
        if isinstance(path, str) and isinstance(template, Mapping) and len(template) == 1:
            return Nested(path, props.get("parameters"), "/properties/parameters")
        return None
    if is_template(kind) or kind in registered:
        return Nested(str(kind), props, "/properties")
    return None


#: A registered type -> each template it is mapped to: (as written, the scanned template or
#: None, how it was found).
_Registry = dict[str, list[tuple[str, Document | None, str]]]


def _registry(
    environments: Sequence[Document],
    by_path: Mapping[str, Document],
    real: Callable[[str], str],
) -> _Registry:
    """The types the ``environments``' ``resource_registry`` maps to a template file or URL
    (a path is relative to the environment file; ``real``: the relate's real paths).
    Per-resource entries (``resources:``) and wildcards are not read; types mapped to
    built-in types are read by ``environments`` (each such environment is a read of the
    template: ``environments.retyped``)."""
    found: _Registry = {}
    for environment in environments:
        registry = environment.data.get("resource_registry")
        for name, target in registry.items() if isinstance(registry, Mapping) else ():
            if not isinstance(name, str) or "*" in name or not is_template(target):
                continue
            child = find_template(real(environment.path), [target], by_path, "entry", real)
            how = f"the environment {environment.path} maps its type {name!r} to {target!r}"
            if child is not None and "://" in target:
                how += f" ({child[1]})"
            entries = found.setdefault(name, [])
            if child is None or all(c is not child[0] for _, c, _ in entries):
                entries.append((target, child[0] if child else None, how))
    return found


@dataclass
class _HeatEdge(Edge):
    nested: Nested | None = None
    #: A group's member count, when known (``_pass``).
    members: int | None = None


def relate(documents: Sequence[Document]) -> list[InputError]:
    """Write on each child template of ``documents`` the parameters its parents pass
    (:data:`PASSED`, :data:`PASSED_AT`) and on each parent the children found
    (:data:`CHILDREN`); a warning on each child says which parent and how it was found."""
    templates = [d for d in documents if d.format != ENVIRONMENT]
    known: dict[str, str] = {}

    def real(path: str) -> str:  # each path's real path once per relate
        found = known.get(path)
        if found is None:
            found = known[path] = os.path.realpath(path)
        return found

    by_path = {real(d.path): d for d in templates}
    registry = _registry([d for d in documents if d.format == ENVIRONMENT], by_path, real)
    edges: list[Edge] = [
        edge for d in templates for edge in _edges(d, by_path, registry, real)
    ]

    def default(child: Document, name: str) -> Any:
        declared = child.data.get("parameters")
        return parameter_value(declared.get(name) if isinstance(declared, Mapping) else None)

    def pass_all(parent: Document, outgoing: list[Edge]) -> None:
        resolver = HotResolver(parent.data, parent.meta.get(PASSED))
        resolver.outputs = parent.meta.get(OUTPUTS) or {}
        for edge in outgoing:
            if isinstance(edge, _HeatEdge):
                _pass(edge, resolver)

    propagate(templates, edges, default, (PASSED, PASSED_AT), pass_all)
    if collect_outputs(templates, edges, _child_outputs, _reads_outputs, _outputs_origins):
        # again: a sibling's output may be passed to a child
        propagate(templates, edges, default, (PASSED, PASSED_AT), pass_all)
        collect_outputs(templates, edges, _child_outputs, _reads_outputs, _outputs_origins)
    # a child's parameter read by an output a parent's resource reads reaches that resource
    mark_read_outputs(edges, heat=True)

    def find(environment: Document, target: str) -> Document | None:
        if not is_template(target):
            return None
        found = find_template(real(environment.path), [target], by_path, "entry", real)
        return found[0] if found is not None else None

    setting = env.environments([d for d in documents if d.format == ENVIRONMENT], find, real)
    if setting:
        _variants(templates, edges, setting)
        for document in templates:  # a value an environment writes twice: its first one
            held = env.ignored(document, setting, document.meta.get(PASSED), _allowed)
            if held:
                document.meta[env.IGNORED] = held
    return warnings(edges, "properties")


def _variants(
    templates: Sequence[Document], edges: Sequence[Edge], setting: Sequence[env.Setting]
) -> None:
    """Write on each template what each environment for it changes (:data:`env.VARIANTS`),
    parents first: a value a parent passes that an environment changes is the child's
    variant too."""
    inherited: dict[int, dict[str, env.Values]] = {}
    outgoing: dict[int, list[_HeatEdge]] = {}
    for edge in edges:
        if isinstance(edge, _HeatEdge) and edge.active:
            outgoing.setdefault(id(edge.parent), []).append(edge)
    named = env.index(setting)
    for document in parents_first(templates, edges):
        passed = document.meta.get(PASSED)
        found = env.own(document, setting, passed, _allowed, named)
        env.merge(found, inherited.get(id(document), {}))
        if not found:
            continue
        document.meta[env.VARIANTS] = found
        for edge in outgoing.get(id(document), ()):
            for path, values in found.items():
                resolver = HotResolver(document.data, {**(passed or {}), **values.values})
                resolver.outputs = document.meta.get(OUTPUTS) or {}
                read = replace(edge, passed={}, at={})
                _pass(read, resolver)
                changed = env.Values()
                origins = parameter_origins(
                    document, edge.nested.properties if edge.nested else None,
                    document.meta.get(PASSED_AT), values.at,
                )
                for name, value in read.passed.items() if read.active else ():
                    if name in edge.passed and value != edge.passed[name]:
                        changed.values[name] = value
                        changed.at[name] = origins.get(name, read.at[name])
                if changed.values:
                    env.merge(inherited.setdefault(id(edge.child), {}), {path: changed})


#: Members of a group whose outputs are read one by one (``resource.N``); a larger group's
#: members are read as lists only.
_MAX_MEMBERS = 64


def _reads_outputs(edge: Edge, outputs: dict[str, Any]) -> dict[str, Any] | None:
    """What the parent's ``get_attr`` of the edge's resource reads: the child's outputs; for
    a group whose member count is known (every member a copy of the child: Heat template
    guide, ``OS::Heat::ResourceGroup`` attributes), ``outputs_list`` (name -> one value per
    member), ``attributes`` (name -> member index -> value) and ``resource.N`` (member N's
    outputs). None: not read (a group of members not known: its attributes stay unknown)."""
    if not isinstance(edge, _HeatEdge) or edge.nested is None:
        return None
    if edge.nested.group is None:
        return outputs
    count = edge.members
    if count is None:
        return None
    found: dict[str, Any] = {
        "outputs_list": {name: [value] * count for name, value in outputs.items()},
        "attributes": {
            name: {str(i): value for i in range(count)} for name, value in outputs.items()
        },
    }
    for index in range(min(count, _MAX_MEMBERS)):
        found[f"resource.{index}"] = outputs
    return found


def _resources_of(
    document: Document, resolver: HotResolver,
    ports: dict[TemplateResource, Any] | None = None,
) -> Callable[[str], TemplateResource | None]:
    """The template's resource of a logical id, as another template refers to it (None: not
    a resource the scan maps: a group, a nested stack; a port unless ``ports`` is given: then
    the port, its properties as the other template reads them added to ``ports``)."""
    resources = document.data.get("resources")
    resources = resources if isinstance(resources, Mapping) else {}

    def resource(logical_id: str) -> TemplateResource | None:
        spec = resources.get(logical_id)
        if not isinstance(spec, Mapping):
            return None
        kind = spec.get("type")
        # a port that may not be created (a ``condition``): not passed (UNKNOWN, as before)
        port = ports is not None and kind == PORT and "condition" not in spec
        if kind not in HEAT_TYPES and not port:
            return None
        current = resolver.current
        resolver.current = (logical_id, f"/resources/{escape(logical_id)}")
        props = resolver.resolve(spec.get("properties") or {})
        resolver.current = current
        tags = heat_tags(str(kind), props) if isinstance(props, dict) else {}
        found = TemplateResource(document.path, logical_id, str(kind), tuple(sorted(tags.items())))
        if port and ports is not None and found not in ports and isinstance(props, Mapping):
            ports[found] = None  # (a port's properties name no port: no loop)
            ports[found] = {
                **exported(props, resource), FLOATING_IPS: _floating_ips(resources, logical_id)
            }
        return found

    return resource


def _floating_ips(resources: Mapping[str, Any], port: str) -> list[str]:
    """The floating IPs of a template associated with its port ``port`` (``port_id:
    {get_resource: port}``), each created whatever the template is passed (no
    ``condition``)."""
    found: list[str] = []
    for logical_id, spec in resources.items():
        if not isinstance(spec, Mapping) or "condition" in spec or spec.get("type") not in (
            "OS::Neutron::FloatingIP", "OS::Neutron::FloatingIPAssociation"
        ):
            continue
        props = spec.get("properties")
        named = props.get("port_id") if isinstance(props, Mapping) else None
        if isinstance(named, Mapping) and named.get("get_resource") == port:
            found.append(str(logical_id))
    return found


def _child_outputs(child: Document) -> dict[str, Any]:
    """A child template's outputs, resolved with what its parents pass."""
    specs = child.data.get("outputs")
    if not isinstance(specs, Mapping):
        return {}
    resolver = HotResolver(child.data, child.meta.get(PASSED))
    resolver.outputs = child.meta.get(OUTPUTS) or {}
    resource = _resources_of(child, resolver)
    found: dict[str, Any] = {}
    for name, spec in specs.items():
        written = spec.get("value") if isinstance(spec, Mapping) else None
        resolver.current = ("", f"/outputs/{escape(str(name))}")
        found[str(name)] = exported(resolver.resolve(written), resource)
    return found


def _outputs_origins(child: Document) -> dict[str, str]:
    """Output name -> where the value of each of a child template's ``outputs`` is written
    (a parameter read whole: its default, or the parent's property passing it; a nested
    template's output, ``get_attr: [child, name]``; a plain value: the output's own line)."""
    passed = child.meta.get(PASSED_AT)
    return output_origins(
        child, "outputs", "value", lambda raw: parameter_origins(child, raw, passed)
    )


def _edges(
    document: Document,
    by_path: Mapping[str, Document],
    registry: _Registry,
    real: Callable[[str], str],
) -> Iterator[_HeatEdge]:
    resources = document.data.get("resources")
    if not isinstance(resources, Mapping):
        return
    parent = real(document.path)
    for logical_id, spec in resources.items():
        if not isinstance(spec, Mapping):
            continue
        found = nested(spec, registry)
        if found is None:
            continue  # a condition is read with what the parent is passed (``_pass``)
        if found.location in registry:
            entries = registry[found.location]
            document.meta.setdefault(REGISTERED, {})[found.location] = entries[0][0]
            children = [(c, how) for _, c, how in entries if c is not None]
        else:
            child = find_template(parent, [found.location], by_path, "type", real)
            children = [child] if child is not None else []
        pointer = f"/resources/{escape(str(logical_id))}"
        line = document.lines.line_of(pointer) if document.lines else None
        for child_document, how in children:
            document.meta.setdefault(CHILDREN, {})[str(logical_id)] = child_document.path
            yield _HeatEdge(document, str(logical_id), child_document, how, line, nested=found)


def _pass(edge: _HeatEdge, resolver: HotResolver) -> None:
    """What ``edge``'s parent passes, resolved (``resolver`` is the parent's)."""
    assert edge.nested is not None
    pointer = f"/resources/{escape(edge.logical_id)}"
    resolver.current = (edge.logical_id, pointer)
    spec = edge.parent.data["resources"][edge.logical_id]
    condition = spec.get("condition")
    edge.members = _members(spec, resolver)
    if (condition is not None and resolver.condition(condition) is False) or edge.members == 0:
        edge.active = False  # not deployed (with what the parent is passed)
        return
    written = edge.nested.properties
    values = resolver.resolve(written) if written is not None else {}
    declared = edge.child.data.get("parameters")
    if not isinstance(declared, Mapping):
        return
    if not isinstance(values, Mapping):  # the whole map not known: every parameter unknown
        edge.passed = dict.fromkeys(map(str, declared), UNKNOWN)
        return
    lines = edge.parent.lines
    ports: dict[TemplateResource, Any] = {}
    resource = _resources_of(edge.parent, resolver, ports)
    # ``allowed: { get_param: access }``: where the parent's own parameter is written (its
    # default, or its own parent's line), the line a user changes
    upstream = parameter_origins(edge.parent, written, edge.parent.meta.get(PASSED_AT))
    for name, value in values.items():
        if name not in declared:
            continue
        passed = exported(value, resource)  # a resource of the parent: that resource
        edge.passed[name] = _typed(passed, declared[name], edge.nested.index_var)
        at = f"{pointer}{edge.nested.pointer}/{escape(name)}"
        line = lines.line_of(at) if lines else None
        edge.at[name] = upstream.get(name) or f"{edge.parent.path}:{line or edge.line or 1}"
    if ports:
        edge.child.meta.setdefault(PASSED_PORTS, {}).update(ports)


def _members(spec: Mapping[str, Any], resolver: HotResolver) -> int | None:
    """How many members an ``OS::Heat::ResourceGroup`` makes (``count``, default 1: Heat
    resource types reference), or an ``OS::Heat::AutoScalingGroup`` whose ``min_size`` and
    ``max_size`` are equal (otherwise it scales: not known). None: not known, or not a
    group."""
    props = spec.get("properties")
    props = props if isinstance(props, Mapping) else {}
    kind = spec.get("type")
    if kind == "OS::Heat::ResourceGroup":
        count = resolver.resolve(props.get("count", 1))
        return as_int(count) if is_known(count) else None
    if kind == "OS::Heat::AutoScalingGroup":
        low, high = (resolver.resolve(props.get(k)) for k in ("min_size", "max_size"))
        if is_known(low) and is_known(high) and as_int(low) == as_int(high):
            return as_int(low)
    return None


def _plain(value: Any, index_var: str | None) -> Any:
    """``value`` as the child reads it: what only the parent's stack knows (an attribute not
    read, text with a part not known) and text a group member fills with its index are
    UNKNOWN; a resource of the scan stays that resource."""
    if isinstance(value, ResourceRef | PartialText):
        return UNKNOWN
    if isinstance(value, str) and index_var is not None and index_var in value:
        return UNKNOWN
    if isinstance(value, list):
        return [_plain(v, index_var) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v, index_var) for k, v in value.items()}
    return value


def _typed(value: Any, spec: Any, index_var: str | None) -> Any:
    """A passed value typed by the child's declaration ``spec``; UNKNOWN when not known or
    refused by its constraints."""
    value = _plain(value, index_var)
    kind = str(spec.get("type", "string")).lower() if isinstance(spec, Mapping) else "string"
    if value is UNKNOWN or (kind == "string" and isinstance(value, list | Mapping)):
        return UNKNOWN
    if kind == "string" and isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, TemplateResource):  # an id: text, or a list of one
        if kind not in ("string", "comma_delimited_list"):
            return UNKNOWN
        value = [value] if kind == "comma_delimited_list" else value
    typed = parameter_value({**(spec if isinstance(spec, Mapping) else {}), "default": value})
    return typed if _allowed(typed, spec) else UNKNOWN


def _allowed(value: Any, spec: Any) -> bool:
    """Whether Heat accepts ``value`` for a parameter declared as ``spec``: in its
    ``allowed_values`` and matching its ``allowed_pattern`` (each item of a list). A value it
    refuses is not the one deployed."""
    constraints = spec.get("constraints") if isinstance(spec, Mapping) else None
    items = value if isinstance(value, list) else [value]
    known = [
        i for i in items
        if i is not UNKNOWN and not isinstance(i, Mapping | list | TemplateResource)
    ]
    for constraint in constraints if isinstance(constraints, list) else ():
        if not isinstance(constraint, Mapping):
            continue
        allowed = constraint.get("allowed_values")
        if isinstance(allowed, list):
            names = {str(a) for a in allowed}
            if any(str(i) not in names for i in known):
                return False
        pattern = constraint.get("allowed_pattern")
        if isinstance(pattern, str):
            try:
                compiled = re.compile(pattern)
            except re.error:
                continue
            if any(compiled.fullmatch(str(i)) is None for i in known):
                return False
    return True
