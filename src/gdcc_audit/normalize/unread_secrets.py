"""Template parameters whose default is a secret no resource reads.

A parameter's ``Default`` (Heat: ``default``) is reported where a resource takes it (the
resource's GDCC-SECRET-001 finding names the default's line as ``value set at``). A secret
written as the default of a parameter that no resource reads (declared and left unused, read
only by ``Outputs`` or a condition) had no finding, though it is a credential committed to
the repository all the same (CIS; ISO/IEC 27001 A.8.12; NIST SP 800-53 IA-5(7), "no embedded
unencrypted static authenticators"). Such a parameter is a secret holder of its own, named
as the template names it, at its default's line. A default is a secret when the parameter
is declared secret (CloudFormation ``NoEcho``, Heat ``hidden``) and its default is a value a
password would be (not empty, a stand-in or a reference: ``noecho.defaulted_secrets``), or
when its name or the value's shape says so (``DBPassword: {Default: hunter2}``). A parameter
of an AWS-specific type (``AWS::SSM::Parameter::Value<String>``: its default names a
parameter; ``AWS::EC2::KeyPair::KeyName``) holds a name, never a secret.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from gdcc_audit.load.interface import Document
from gdcc_audit.load.yamltree import escape
from gdcc_audit.models.resource import Resource
from gdcc_audit.normalize.cloudformation.values import declared_at, location
from gdcc_audit.normalize.defaults import SECRET_ORIGIN
from gdcc_audit.normalize.interface import MapContext, secret_holder
from gdcc_audit.normalize.secret_parameters import cfn_names, hot_names
from gdcc_audit.normalize.stacks import Edge
from gdcc_audit.secrets.detect import detect_secrets
from gdcc_audit.secrets.unread import unread_because

#: The provider types such a parameter is listed under (judged by no rule of its own).
CFN_PARAMETER = "AWS::CloudFormation::Parameter"
HEAT_PARAMETER = "OS::Heat::Parameter"

#: Sections of a template whose reads carry no value into what is deployed.
_CFN_UNREAD = frozenset(
    {"Parameters", "Outputs", "Conditions", "Rules", "Metadata", "Description",
     "AWSTemplateFormatVersion", "HeatTemplateFormatVersion", "Mappings"}
)
_HOT_UNREAD = frozenset(
    {"parameters", "outputs", "conditions", "parameter_groups", "description",
     "heat_template_version"}
)


def _flagged(spec: Mapping[str, Any], key: str) -> bool:
    value = spec.get(key)
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _secret_default(name: str, spec: Mapping[str, Any], flag: str, default: str) -> bool:
    value = spec.get(default)
    if value is None or isinstance(value, bool):
        return False
    kind = spec.get("Type", spec.get("type"))
    if isinstance(kind, str) and kind.startswith("AWS::"):
        return False
    if _flagged(spec, flag) and isinstance(value, str | int | float):
        text = str(value)
        return text.strip() != "" and bool(detect_secrets({"password": text}))
    return bool(detect_secrets({name: value}))


#: ``Document.meta`` key of a nested template (a child some scanned parent deploys): the
#: names of its outputs a resource of a parent reads, straight or through the parent's own
#: outputs that its parents read so (:func:`mark_read_outputs`). A parameter such an output
#: reads reaches that resource, whose own finding reports its secret.
READ_OUTPUTS = "nested_outputs_read"


def _hot_attr_reads(value: Any, found: dict[str, set[str]]) -> None:
    """Add to ``found`` (logical id -> names) what ``value`` reads by ``get_attr: [ID,
    NAME, ...]``: every text after the id (a group's ``outputs_list`` / ``resource.0`` and
    the output's name; dotted ones split)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Mapping):
            read = item.get("get_attr") if len(item) == 1 else None
            if isinstance(read, list) and read and isinstance(read[0], str):
                names = found.setdefault(read[0], set())
                for part in read[1:]:
                    if isinstance(part, str):
                        names.update(part.split("."))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


#: ``${Child.Outputs.Name}`` in an ``Fn::Sub`` text.
_SUB_OUTPUT = re.compile(r"\$\{([A-Za-z0-9]+)\.Outputs\.([A-Za-z0-9_.:-]+)\}")


def _cfn_attr_reads(value: Any, found: dict[str, set[str]]) -> None:
    """Add to ``found`` (logical id -> output names) what ``value`` reads of a nested stack's
    outputs: ``Fn::GetAtt: [ID, Outputs.NAME]``, ``!GetAtt ID.Outputs.NAME``, ``Fn::Sub``'s
    ``${ID.Outputs.NAME}``."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Mapping):
            read = item.get("Fn::GetAtt") if len(item) == 1 else None
            if isinstance(read, str):
                read = read.split(".", 1)
            if (
                isinstance(read, list) and len(read) == 2
                and all(isinstance(r, str) for r in read) and read[1].startswith("Outputs.")
            ):
                found.setdefault(read[0], set()).add(read[1].removeprefix("Outputs."))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and ".Outputs." in item:
            for logical_id, name in _SUB_OUTPUT.findall(item):
                found.setdefault(logical_id, set()).add(name)


def mark_read_outputs(edges: Sequence[Edge], heat: bool) -> None:
    """Write on each child template of ``edges`` the outputs (:data:`READ_OUTPUTS`) that a
    resource of a parent reads (Heat ``get_attr: [child, NAME]``, CloudFormation ``!GetAtt
    Child.Outputs.NAME``), straight or through the parent's own outputs that its parents
    read so. A parameter of the child read only by such an output reaches that resource
    (its finding reports the secret): no holder of its own (a child's hidden default carried
    by an output into a parent's user data was reported twice)."""
    section, unread = ("outputs", _HOT_UNREAD) if heat else ("Outputs", _CFN_UNREAD)
    read_by = _hot_attr_reads if heat else _cfn_attr_reads
    # per parent: what its resources read (logical id -> names), and what each output reads
    in_resources: dict[int, dict[str, set[str]]] = {}
    in_outputs: dict[int, dict[str, dict[str, set[str]]]] = {}
    for edge in edges:
        key = id(edge.parent)
        if key in in_resources:
            continue
        data = edge.parent.data if isinstance(edge.parent.data, Mapping) else {}
        found: dict[str, set[str]] = {}
        read_by({k: v for k, v in data.items() if k not in unread}, found)
        in_resources[key] = found
        outputs = data.get(section)
        by_output: dict[str, dict[str, set[str]]] = {}
        for name, spec in outputs.items() if isinstance(outputs, Mapping) else ():
            by_output[str(name)] = {}
            read_by(spec, by_output[str(name)])
        in_outputs[key] = by_output
    read: dict[int, set[str]] = {}
    changed = True
    while changed:
        changed = False
        for edge in edges:
            if not edge.active:
                continue
            key = id(edge.parent)
            names = set(in_resources[key].get(edge.logical_id, ()))
            for output in read.get(key, ()):
                names |= in_outputs[key].get(output, {}).get(edge.logical_id, set())
            held = read.setdefault(id(edge.child), set())
            if names - held:
                held |= names
                changed = True
    for edge in edges:
        carried = read.get(id(edge.child))
        if carried:
            edge.child.meta[READ_OUTPUTS] = frozenset(carried)
        else:
            edge.child.meta.pop(READ_OUTPUTS, None)


def _holders(
    document: Document,
    context: MapContext,
    section: str,
    unread: frozenset[str],
    names_of: Callable[[Any], Iterable[str]],
    flag: str,
    default: str,
    provider: str,
    provider_type: str,
) -> Iterator[Resource]:
    data = document.data
    parameters = data.get(section) if isinstance(data, Mapping) else None
    if not isinstance(parameters, Mapping) or not parameters:
        return
    candidates = [
        str(name) for name, spec in parameters.items()
        if isinstance(spec, Mapping) and _secret_default(str(name), spec, flag, default)
    ]
    if not candidates:
        return
    read = set(names_of({k: v for k, v in data.items() if k not in unread}))
    # an output a parent's resource reads carries what it reads there (``mark_read_outputs``)
    carried = document.meta.get(READ_OUTPUTS) or ()
    outputs = data.get("outputs" if section == "parameters" else "Outputs")
    if carried and isinstance(outputs, Mapping):
        read.update(names_of([outputs[o] for o in carried if o in outputs]))
    scope = context.file_scope(document.path)
    for name in candidates:
        if name in read:
            continue
        pointer = f"/{section}/{escape(name)}/{default}"
        where = location(document, pointer)
        at = declared_at(document, pointer)
        origins = {SECRET_ORIGIN + default: at} if at is not None else {}
        yield secret_holder(
            context,
            f"{scope}:{section}.{name}",
            (default,),
            name=name,
            provider=provider,
            provider_type=provider_type,
            address=name,
            value_origins=origins,
            decided_by=unread_because(
                "heat_parameter" if provider_type == HEAT_PARAMETER else "cfn_parameter"
            ),
            attributes={"file": os.path.basename(document.path)},
            location=where,
        )


def cloudformation_unread(document: Document, context: MapContext) -> Iterator[Resource]:
    """A secret holder for each parameter of a CloudFormation template (or Heat's
    CloudFormation-like format) whose ``Default`` is a secret that no resource reads (by
    ``Ref`` or ``Fn::Sub``)."""
    yield from _holders(
        document, context, "Parameters", _CFN_UNREAD, cfn_names, "NoEcho", "Default",
        "aws", CFN_PARAMETER,
    )


def heat_unread(document: Document, context: MapContext) -> Iterator[Resource]:
    """A secret holder for each parameter of a HOT template whose ``default`` is a secret
    that no resource reads (by ``get_param``)."""
    yield from _holders(
        document, context, "parameters", _HOT_UNREAD, hot_names, "hidden", "default",
        "openstack", HEAT_PARAMETER,
    )


#: ``Document.meta`` key of a Heat environment file: the paths
#: (``parameter_defaults.IdMAdminPassword``) of the secrets it writes for parameters that no
#: resource of a scanned template reads (:func:`mark_unread_environment_values`).
UNREAD_ENVIRONMENT = "heat_environment_unread"
_ENVIRONMENT_SECTIONS = ("parameter_defaults", "parameters")


def mark_unread_environment_values(
    templates: Sequence[Document], environments: Sequence[Document]
) -> None:
    """Write on each Heat environment file the secrets (:data:`UNREAD_ENVIRONMENT`) it gives
    to parameters that no resource of a scanned template reads (by ``get_param``): declared
    by no template of the scan, or read only by outputs (TripleO's service templates carry
    ``parameter_defaults`` into ``outputs.role_data`` hieradata), such a value had no
    finding. A value given to a parameter some scanned template reads is judged through
    that template (its variants name the environment's line). A value for a parameter a
    template declares ``hidden`` is judged as a password is."""
    reached: set[str] = set()
    hidden: set[str] = set()
    for template in templates:
        data = template.data
        declared = data.get("parameters") if isinstance(data, Mapping) else None
        if not isinstance(declared, Mapping) or not declared:
            continue
        read = set(hot_names({k: v for k, v in data.items() if k not in _HOT_UNREAD}))
        reached.update(str(n) for n in declared if str(n) in read)
        hidden.update(
            str(n) for n, spec in declared.items()
            if isinstance(spec, Mapping) and _flagged(spec, "hidden")
        )
    for environment in environments:
        found: list[str] = []
        data = environment.data
        for section in _ENVIRONMENT_SECTIONS:
            values = data.get(section) if isinstance(data, Mapping) else None
            for name, value in values.items() if isinstance(values, Mapping) else ():
                if str(name) in reached or value is None or isinstance(value, bool):
                    continue
                if str(name) in hidden and isinstance(value, str | int | float):
                    if str(value).strip() and detect_secrets({"password": str(value)}):
                        found.append(f"{section}.{name}")
                    continue
                found.extend(detect_secrets({str(name): value}, path_prefix=section))
        if found:
            environment.meta[UNREAD_ENVIRONMENT] = tuple(sorted(set(found)))
        else:
            environment.meta.pop(UNREAD_ENVIRONMENT, None)


#: The provider type a Heat environment file is listed under (read for secrets only here).
HEAT_ENVIRONMENT = "HeatEnvironment"


def environment_holder(document: Document, context: MapContext) -> Iterator[Resource]:
    """One secret holder for a Heat environment file with secrets no resource reads
    (:data:`UNREAD_ENVIRONMENT`), named ``HeatEnvironment/<file>``, each path's line as
    where its value is set."""
    found: tuple[str, ...] = document.meta.get(UNREAD_ENVIRONMENT) or ()
    if not found:
        return
    # dotted paths to pointers as for a Helm values file (loaded only for such a file)
    from gdcc_audit.normalize.kubernetes.helm_values import pointer_of

    scope = context.file_scope(document.path)
    name = f"{HEAT_ENVIRONMENT}/{scope}"
    origins: dict[str, str] = {}
    first: str | None = None
    for path in found:
        pointer = pointer_of(document.data, path)
        at = declared_at(document, pointer) if pointer is not None else None
        if pointer is None or at is None:
            continue
        origins[SECRET_ORIGIN + path] = at
        first = pointer if first is None else first
    yield secret_holder(
        context,
        f"{scope}:{name}",
        found,
        name=name,
        provider="openstack",
        provider_type=HEAT_ENVIRONMENT,
        address=name,
        value_origins=origins,
        decided_by=unread_because("heat_environment"),
        attributes={"file": os.path.basename(document.path)},
        location=location(document, first or ""),
    )
