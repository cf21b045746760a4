"""Heat environment files' parameter values (``parameters``, ``parameter_defaults``): which
templates of the scan they are for, and the values each gives them.

A template may be deployed with an environment (``openstack stack create -t T -e E``) or
without; which one is not written anywhere. So a template is judged with its own values and
with each environment of the scan that is for it and sets one of its parameters to another
value (``Resource.variants``, ``normalize.variants``): every way gives the same verdict ->
that verdict; one FAILs -> FAIL naming the environment; else UNKNOWN.

An environment is for a template when:

- its ``resource_registry`` maps a type the template's resources use (the type exists only
  with that environment), or maps a type to the template (a nested template deployed with
  it);
- or it sits in the template's folder, in a direct subfolder of it (``environments/``,
  ``env/``), or in a folder above it (an environment at a project's root).

Heat applies ``parameters`` to the top template only and ``parameter_defaults`` to every
template of the stack whose parameter is not passed by its parent (Heat template guide,
"Environments": "parameter_defaults ... are passed to all nested stacks"). A value the
template's constraints refuse is not deployed and is not a variant. A parent's value that an
environment changes reaches its children: they get the variant too (``inherit``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from gdcc_audit.load.interface import Document
from gdcc_audit.load.yamltree import escape
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.cloudformation.values import UNKNOWN
from gdcc_audit.normalize.heat.builtin import heat_built_in
from gdcc_audit.normalize.heat.intrinsics import parameter_value

#: ``Document.meta`` key of a template's variants: environment path(s) -> :class:`Values`.
VARIANTS = "heat_environment_variants"
#: The label of a template read with its own values (and what its parents pass).
AS_WRITTEN = Text(
    en="with the template's own parameter values",
    th="เมื่อใช้ค่าพารามิเตอร์ของเทมเพลตเอง",
)
_SECTIONS = ("parameter_defaults", "parameters")


@dataclass
class Values:
    """What one environment changes in one template: parameter -> typed value, and where."""

    values: dict[str, Any] = field(default_factory=dict)
    at: dict[str, str] = field(default_factory=dict)
    #: The parameters it sets back to the template's own value (an environment given after
    #: another that changed them restores them).
    kept: set[str] = field(default_factory=set)
    #: The resource types its registry maps to what they deploy (a custom type to a
    #: built-in one, a built-in one overridden): name -> that type or template.
    types: dict[str, str] = field(default_factory=dict)


def label(paths: Sequence[str]) -> Text:
    """How a variant is deployed: with these environment files."""
    files = ", ".join(paths)
    many = len(paths) > 1
    return Text(
        en=f"with the environment file{'s' if many else ''} {files}",
        th=f"เมื่อใช้ไฟล์ environment {files}",
    )


@dataclass
class Setting:
    """An environment file that sets parameter values or maps custom types to built-in
    ones."""

    document: Document
    #: The custom resource types its registry maps to a template or to a built-in type
    #: (not Heat's own types it overrides), and the templates' real paths.
    types: frozenset[str]
    targets: frozenset[str]
    #: The real path of its folder (computed once: it is asked for every template).
    folder: str = ""
    #: The custom types its registry maps to a built-in type, and Heat's own types it
    #: overrides (:func:`built_in_mappings`): name -> what it deploys.
    retypes: Mapping[str, str] = field(default_factory=dict)


def built_in_mappings(registry: Any) -> dict[str, str]:
    """The entries of a ``resource_registry`` that change what a type deploys: a custom type
    (no wildcard; TripleO's ``OS::TripleO::…`` names are custom types too:
    ``builtin.heat_built_in``) mapped to one of Heat's own types, or one of Heat's own types
    overridden ("Override a resource with a custom resource", Heat's Environments guide:
    ``"OS::Networking::FloatingIP": "OS::Nova::FloatingIP"``, or a template file) by another
    built-in type, a template or a custom type: name -> what it deploys. A chain from a
    custom type to another custom type is not read (the template it ends in is a nested
    stack: ``nesting``)."""
    found: dict[str, str] = {}
    entries = list(registry.items()) if isinstance(registry, Mapping) else []
    # ``resources: {NAME: {TYPE: TARGET}}``: for the resources of that name only (hooks and
    # restricted actions beside them map no type)
    per_resource = registry.get("resources") if isinstance(registry, Mapping) else None
    for resource, mapped in per_resource.items() if isinstance(per_resource, Mapping) else ():
        if isinstance(resource, str) and "*" not in resource and isinstance(mapped, Mapping):
            entries.extend((f"{resource}{PER_RESOURCE}{name}", target)
                           for name, target in mapped.items()
                           if isinstance(name, str) and name not in _NOT_TYPES)
    for name, target in entries:
        if not isinstance(name, str) or "*" in name or not isinstance(target, str):
            continue
        kind = type_of(name)
        if heat_built_in(kind) and target.strip() and target != kind:
            found[name] = target  # an override of a built-in type
        elif not heat_built_in(kind) and heat_built_in(target):
            found[name] = target
    return found


#: Between a resource's name and a type in a key of :func:`built_in_mappings` (an entry of
#: the registry's ``resources`` section: that resource's type only).
PER_RESOURCE = "\x1f"
#: Keys of a ``resources`` entry that are no type (Heat's Environments guide, "Pause stack
#: creation, update or deletion on a given resource").
_NOT_TYPES = frozenset({"hooks", "restricted_actions"})


def type_of(key: str) -> str:
    """The type a key of :func:`built_in_mappings` maps (without its resource's name)."""
    return key.rpartition(PER_RESOURCE)[2]


#: For each of ``_SECTIONS``: parameter name -> the positions of the environments (in the
#: scan's list) whose section sets it.
Index = tuple[dict[Any, list[int]], ...]


def index(environments: Sequence[Setting]) -> Index:
    """Which environments set each parameter name, per section (:data:`Index`)."""
    found: Index = tuple({} for _ in _SECTIONS)
    for position, environment in enumerate(environments):
        for section, names in zip(_SECTIONS, found, strict=True):
            values = environment.document.data.get(section)
            for name in values if isinstance(values, Mapping) else ():
                names.setdefault(name, []).append(position)
    return found


def _used_types(template: Document) -> set[str]:
    """The resource types a template's resources use (a group's member type too)."""
    found: set[str] = set()
    resources = template.data.get("resources")
    for spec in resources.values() if isinstance(resources, Mapping) else ():
        if not isinstance(spec, Mapping):
            continue
        found.add(str(spec.get("type")))
        props = spec.get("properties")
        for key in ("resource_def", "resource"):
            inner = props.get(key) if isinstance(props, Mapping) else None
            if isinstance(inner, Mapping) and isinstance(inner.get("type"), str):
                found.add(inner["type"])
    return found


def _for(environment: Setting, path: str, used: set[str]) -> bool:
    """Whether ``environment`` is for the template whose real path is ``path`` (module
    docstring)."""
    if environment.types & used or path in environment.targets:
        return True
    here = os.path.dirname(path)
    there = environment.folder
    return there == here or os.path.dirname(there) == here or here.startswith(there + os.sep)


def _written(environment: Document, section: str, name: str) -> str:
    lines = environment.lines
    line = lines.line_of(f"/{section}/{escape(name)}") if lines else None
    return f"{environment.path}:{line or 1}"


def own(
    template: Document,
    environments: Sequence[Setting],
    passed: Mapping[str, Any] | None,
    allowed: Callable[[Any, Any], bool],
    named: Index | None = None,
) -> dict[str, Values]:
    """What each environment for ``template`` changes in it (``passed``: what its parents
    pass, None for a top template; ``allowed``: whether its constraints accept a value;
    ``named``: ``index(environments)``, computed once for every template)."""
    declared = template.data.get("parameters")
    declared = declared if isinstance(declared, Mapping) else {}
    if not environments:
        return {}
    used = _used_types(template)
    found: dict[str, Values] = {}
    sections = _SECTIONS if passed is None else _SECTIONS[:1]
    named = index(environments) if named is None else named
    # the environments whose sections set one of its parameters, or that map a type it uses
    # to a built-in type, in the scan's order
    setting = sorted({
        *(position for names in named[:len(sections)] for name in declared
          for position in names.get(name, ())),
        *(position for position, e in enumerate(environments)
          if e.retypes and not used.isdisjoint(map(type_of, e.retypes))),
    })
    path: str | None = None  # the template's real path, once one environment sets a name
    for environment in (environments[position] for position in setting):
        data = environment.document.data
        if path is None:
            path = os.path.realpath(template.path)
        if not _for(environment, path, used):
            continue
        changed = Values()
        for section in sections:  # ``parameters`` after ``parameter_defaults``: it wins
            values = data.get(section)
            for name, value in values.items() if isinstance(values, Mapping) else ():
                spec = declared.get(name)
                if spec is None or (passed is not None and name in passed):
                    continue
                typed = parameter_value({**(spec if isinstance(spec, Mapping) else {}),
                                         "default": value})
                if typed is UNKNOWN or not allowed(typed, spec):
                    continue  # Heat refuses it: not a way the template is deployed
                if typed == parameter_value(spec):
                    changed.values.pop(name, None)
                    changed.at.pop(name, None)
                    changed.kept.add(str(name))
                    continue
                changed.kept.discard(str(name))
                changed.values[name] = typed
                changed.at[name] = _written(environment.document, section, str(name))
        # the registry is the whole stack's: a nested template's types too
        changed.types = {k: v for k, v in environment.retypes.items() if type_of(k) in used}
        if changed.values or changed.types:
            found[environment.document.path] = changed
    return found


#: ``Document.meta`` key of a template's values that an environment for it writes twice
#: (``parameters: {db_password: X, ..., db_password: Y}``): Heat keeps the last, the first is
#: in the file all the same. ``(FILE:LINE of the ignored value, parameter -> value)`` each,
#: read by the mapper for the secrets written in it only (as a template's own ignored
#: values: ``load.ignored_values``).
IGNORED = "heat_environment_ignored"


def ignored(
    template: Document,
    environments: Sequence[Setting],
    passed: Mapping[str, Any] | None,
    allowed: Callable[[Any, Any], bool],
) -> list[tuple[str, dict[str, Any]]]:
    """The values an environment for ``template`` sets in a ``parameters`` or
    ``parameter_defaults`` key written twice and the reading ignores (the first), each with
    its line: what :data:`IGNORED` holds. A value the template would not take (a parameter
    it does not declare, one its parent passes, one its constraints refuse) is left out, as
    :func:`own` leaves it out."""
    found: list[tuple[str, dict[str, Any]]] = []
    for environment in environments:
        lines = environment.document.lines
        for duplicate in lines.duplicates if lines is not None else ():
            tokens = duplicate.pointer.split("/")[1:]
            if duplicate.same or len(tokens) != 2 or tokens[0] not in _SECTIONS:
                continue
            section, name = tokens[0], tokens[1].replace("~1", "/").replace("~0", "~")
            values = environment.document.data.get(section)
            if not isinstance(values, Mapping) or name not in values:
                continue
            data = {section: {name: duplicate.dropped}}
            shadow = replace(environment, document=replace(environment.document, data=data))
            changed = own(template, [shadow], passed, allowed).get(environment.document.path)
            if changed is not None and name in changed.values:
                found.append((
                    f"{environment.document.path}:{duplicate.first_line}",
                    {name: changed.values[name]},
                ))
    return found


def environments(
    documents: Sequence[Document],
    find: Callable[[Document, str], Document | None],
    real: Callable[[str], str] | None = None,
) -> list[Setting]:
    """The environment files of ``documents`` that set parameter values or map a custom
    type to a built-in one, with the types their registry maps to templates and those
    templates (``find``: the scanned template an
    entry names; ``real``: ``os.path.realpath``, or a caller's memo of it)."""
    real_path = real or os.path.realpath

    found: list[Setting] = []
    for document in documents:
        registry = document.data.get("resource_registry")
        retypes = built_in_mappings(registry)
        if not retypes and not any(isinstance(document.data.get(s), Mapping)
                                   and document.data[s] for s in _SECTIONS):
            continue
        types: set[str] = set()
        targets: set[str] = set()
        for name, target in registry.items() if isinstance(registry, Mapping) else ():
            child = find(document, target) if isinstance(target, str) else None
            if isinstance(name, str) and child is not None:
                types.add(name)
                targets.add(real_path(child.path))
        folder = os.path.dirname(real_path(document.path))
        # a template using a type only the environment defines is for it; one using a type
        # of Heat's own that it overrides is not for that alone (the type is there anyway)
        defined = frozenset(
            type_of(t) for t in types | set(retypes) if not heat_built_in(type_of(t))
        )
        found.append(Setting(document, defined, frozenset(targets), folder, retypes))
    return found


def merge(into: dict[str, Values], more: Mapping[str, Values]) -> None:
    """Add ``more`` to ``into`` (per environment: a template's own values win)."""
    for path, values in more.items():
        known = into.setdefault(path, Values())
        for name, value in values.values.items():
            if name not in known.values:
                known.values[name] = value
                known.at[name] = values.at[name]


def retyped(template: Document, types: Mapping[str, str]) -> tuple[Document, set[str]]:
    """``template`` with its resources (and group members) of a type of ``types`` given
    what an environment maps it to (a resource's own entry, ``NAME`` + :data:`PER_RESOURCE`
    + type, first; group members by type only), and the logical ids so changed (the
    properties as written are the same objects: only the ``type`` is another)."""
    resources = template.data.get("resources")
    if not isinstance(resources, Mapping) or not types:
        return template, set()
    changed: dict[str, Any] = {}
    for logical_id, spec in resources.items():
        if not isinstance(spec, Mapping):
            continue
        kind = spec.get("type")
        own = types.get(f"{logical_id}{PER_RESOURCE}{kind}") if isinstance(kind, str) else None
        if own is not None or (isinstance(kind, str) and kind in types):
            changed[logical_id] = {**spec, "type": own or types[str(kind)]}
            continue
        props = spec.get("properties")
        for key in ("resource_def", "resource"):
            inner = props.get(key) if isinstance(props, Mapping) else None
            made = inner.get("type") if isinstance(inner, Mapping) else None
            if (isinstance(props, Mapping) and isinstance(inner, Mapping)
                    and isinstance(made, str) and made in types):
                member = {**inner, "type": types[made]}
                changed[logical_id] = {**spec, "properties": {**props, key: member}}
    if not changed:
        return template, set()
    data = {**template.data, "resources": {
        k: changed.get(k, v) for k, v in resources.items()  # the template's order
    }}
    return replace(template, data=data), {str(k) for k in changed}
