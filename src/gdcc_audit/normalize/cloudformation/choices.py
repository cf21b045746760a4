"""CloudFormation parameters a deployment gives one of their ``AllowedValues`` (Heat: an
``allowed_values`` constraint): the other ways a template is read (``Resource.variants``,
``normalize.variants``).

- A parameter **without a** ``Default`` has no value until deployment: the template is read
  with each of its allowed values (every combination, for several such parameters: choices).
  The verdict is the one every value gives; else UNKNOWN naming each (as before, when the
  value was simply not known, minus the UNKNOWN where the value does not matter).
- A parameter **with a** ``Default``: the default is the documented deploy value and decides
  the verdict, but the template is also read with each other allowed value, one parameter at
  a time (alternatives): a verdict another value would change says it rests on the default,
  where that is written, and what the other value gives ("a deployment passing IsPublic =
  'true' ... FAIL").

Only parameters the resources or conditions use (``Ref``, ``${Name}`` in ``Fn::Sub``; Heat
``get_param``; a Heat ``boolean`` is allowed ``true`` and ``false``), that a parent stack
does not pass, with at most :data:`MAX_ALLOWED` allowed values (a list of instance types is
not tried); at most :data:`MAX_READS` reads of each kind per template (choices beyond it:
not tried, the value stays not known; alternatives beyond it: the first parameters' only).
Heat: choices only when no environment file of the scan sets the template's parameters
(``heat.combinations``: those are the ways it is deployed).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.load.interface import Document
from gdcc_audit.load.yamltree import escape
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.cloudformation import intrinsics
from gdcc_audit.normalize.cloudformation.values import UNKNOWN
from gdcc_audit.normalize.heat import intrinsics as hot

#: A parameter with more allowed values than this is not tried value by value.
MAX_ALLOWED = 8
#: Most reads of a template of each kind (choices, alternatives) besides its own.
MAX_READS = 16
_SUB_NAME = re.compile(r"\$\{([A-Za-z0-9_]+)\}")


@dataclass(frozen=True)
class Dialect:
    """How a template format declares and reads parameters."""

    #: The sections: parameters, resources, conditions; a declaration's default key.
    sections: tuple[str, str, str]
    default: str
    reference: str
    #: A declaration's allowed values (None: not constrained so).
    allowed: Callable[[Mapping[str, Any]], Any]
    #: A declaration's value (its default, typed), or UNKNOWN.
    value: Callable[[Any], Any]
    #: A declaration's ``AllowedPattern`` (None: not constrained so, or not this format).
    pattern: Callable[[Mapping[str, Any]], Any] = lambda _spec: None
    #: A resource's type and properties keys.
    resource_keys: tuple[str, str] = ("Type", "Properties")


def _heat_allowed(spec: Mapping[str, Any]) -> Any:
    constraints = spec.get("constraints")
    found = [c["allowed_values"] for c in constraints if isinstance(c, Mapping)
             and isinstance(c.get("allowed_values"), list)] if isinstance(constraints, list) else []
    if not found and str(spec.get("type", "")).lower() == "boolean":
        return [True, False]  # a boolean parameter takes one of two values
    return found[0] if len(found) == 1 else None


CLOUDFORMATION = Dialect(
    ("Parameters", "Resources", "Conditions"), "Default", "Ref",
    lambda spec: spec.get("AllowedValues"), intrinsics.parameter_value,
    lambda spec: spec.get("AllowedPattern"),
)

#: Values tried, as other allowed values, for a parameter with a ``Default`` constrained by
#: an ``AllowedPattern`` instead of ``AllowedValues``: the address ranges that open a rule
#: to everyone, each when the pattern admits it (quickstart-linux-bastion's
#: ``RemoteAccessCIDR``, default ``disabled-onlyssmaccess``, pattern "disabled-onlyssmaccess
#: or x.x.x.x/x": its PASS of GDCC-NET-001 did not say the default decided it, while any CIDR
#: opens port 22). Other values a pattern admits are not known: not tried.
PATTERN_PROBES = ("0.0.0.0/0", "::/0")


def _pattern_values(spec: Mapping[str, Any], dialect: Dialect) -> list[Any] | None:
    """The default and the :data:`PATTERN_PROBES` a parameter's ``AllowedPattern`` admits
    (CloudFormation matches the whole value), for a parameter with a default and a pattern
    but no allowed values; None when there is none to try, or the pattern admits a plain
    word too (a name's pattern: the parameter is no address range)."""
    pattern = dialect.pattern(spec)
    default = spec.get(dialect.default)
    kind = spec.get("Type")
    if (
        not isinstance(pattern, str) or default is None or isinstance(default, list | dict)
        or (isinstance(kind, str) and ("List" in kind or "::" in kind))
    ):
        return None
    try:
        compiled = re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return None  # a Java-only construct: not tried
    if compiled.fullmatch("name") is not None:
        return None  # a pattern admitting plain words (".*") constrains no address
    probes = [p for p in PATTERN_PROBES if p != str(default) and compiled.fullmatch(p)]
    return [default, *probes] if probes else None
HEAT = Dialect(
    ("parameters", "resources", "conditions"), "default", "get_param", _heat_allowed,
    hot.parameter_value, resource_keys=("type", "properties"),
)

#: Properties whose value nothing reads, by resource type: no type mapper, absent-facet or
#: default step, link step (launch_subnets, ecs_hosts, elastic_ips ...), macro rewrite or
#: rule reads the value of an instance's type, image or key pair name (OS::Nova::Server reads
#: only whether ``image`` is written, which no allowed value changes). A parameter written
#: only there (heat-templates: InstanceType 131 of 255 other reads) is not read again with
#: its other allowed values: each such read gave the same resources as the default's.
INERT_PROPERTIES: dict[str, frozenset[str]] = {
    "AWS::EC2::Instance": frozenset({"InstanceType", "ImageId", "KeyName"}),
    "AWS::AutoScaling::LaunchConfiguration": frozenset({"InstanceType", "ImageId", "KeyName"}),
    "OS::Nova::Server": frozenset({"flavor", "key_name", "image"}),
}


@dataclass
class Read:
    """The template read with these parameter values."""

    label: Text
    values: dict[str, Any]
    #: For an alternative: the default it replaces, and where it is written.
    instead: Text | None = None
    set_at: dict[str, str] = field(default_factory=dict)


def _inert(template: Mapping[str, Any], dialect: Dialect) -> dict[str, set[str]]:
    """The parameters every reference to which (``Ref``, ``${Name}``, ``get_param``) lies in
    a property of :data:`INERT_PROPERTIES` of its resource's type, with those properties.
    A reference anywhere else (another property, ``UserData``, a resource's ``Metadata`` or
    ``Condition``, the ``Conditions``, ``Outputs``, ``Rules`` or ``Metadata`` sections, a
    whole ``Properties`` written by a function) makes the parameter not inert."""
    places: dict[str, set[str]] = {}
    elsewhere: set[str] = set()

    def walk(value: Any, prop: str | None) -> None:
        _inert_walk(value, prop, dialect.reference, places, elsewhere)

    kind_key, props_key = dialect.resource_keys
    for section, content in template.items():
        if section == dialect.sections[0]:
            continue  # the declarations themselves
        if section != dialect.sections[1] or not isinstance(content, Mapping):
            walk(content, None)
            continue
        for resource in content.values():
            if not isinstance(resource, Mapping):
                walk(resource, None)
                continue
            inert = INERT_PROPERTIES.get(str(resource.get(kind_key)), frozenset())
            for key, value in resource.items():
                if key == props_key and inert and isinstance(value, Mapping):
                    for prop, item in value.items():
                        walk(item, prop if prop in inert else None)
                else:
                    walk(value, None)
    return {name: props for name, props in places.items() if name not in elsewhere}


def _inert_walk(
    value: Any, prop: str | None, reference: str, places: dict[str, set[str]],
    elsewhere: set[str],
) -> None:
    """:func:`_inert`'s walk: each parameter ``value`` refers to, under ``prop`` (None:
    elsewhere). A module function: a closure calling itself left a reference cycle for each
    template read, kept until the scan's collection."""
    if isinstance(value, Mapping):
        ref = value.get(reference)
        ref = ref[0] if isinstance(ref, list) and ref else ref
        if isinstance(ref, str):
            _found(ref, prop, places, elsewhere)
        for item in value.values():
            _inert_walk(item, prop, reference, places, elsewhere)
    elif isinstance(value, list):
        for item in value:
            _inert_walk(item, prop, reference, places, elsewhere)
    elif isinstance(value, str) and "${" in value:
        for name in _SUB_NAME.findall(value):
            _found(name, prop, places, elsewhere)


def _found(
    name: str, prop: str | None, places: dict[str, set[str]], elsewhere: set[str]
) -> None:
    if prop is None:
        elsewhere.add(name)
    else:
        places.setdefault(name, set()).add(prop)


def _secret_shaped(values: list[Any], props: set[str]) -> bool:
    """Whether a value, under one of ``props`` or any name, reads as a secret."""
    from gdcc_audit.secrets.detect import detect_secrets

    return any(
        detect_secrets({prop: value})
        for value in values
        for prop in (*sorted(props), "value")
    )


def _used(template: Mapping[str, Any], dialect: Dialect) -> set[str]:
    """The names the resources and conditions refer to (``Ref``, ``Fn::Sub`` variables,
    ``get_param``)."""
    found: set[str] = set()
    _used_walk(template.get(dialect.sections[1]), dialect.reference, found)
    _used_walk(template.get(dialect.sections[2]), dialect.reference, found)
    return found


def _used_walk(value: Any, reference: str, found: set[str]) -> None:
    """:func:`_used`'s walk (a module function, as :func:`_inert_walk`)."""
    if isinstance(value, Mapping):
        ref = value.get(reference)
        ref = ref[0] if isinstance(ref, list) and ref else ref
        if isinstance(ref, str):
            found.add(ref)
        for item in value.values():
            _used_walk(item, reference, found)
    elif isinstance(value, list):
        for item in value:
            _used_walk(item, reference, found)
    elif isinstance(value, str) and "${" in value:
        found.update(_SUB_NAME.findall(value))


#: The last template's used names: :func:`choices` and :func:`alternatives` ask for the same
#: template one after the other (the template is held, so its id is not reused meanwhile).
_LAST_USED: list[tuple[Mapping[str, Any], Dialect, set[str]]] = []


def _used_once(template: Mapping[str, Any], dialect: Dialect) -> set[str]:
    """:func:`_used`, walked once for the two questions a mapper asks of one template."""
    if _LAST_USED and _LAST_USED[0][0] is template and _LAST_USED[0][1] is dialect:
        return _LAST_USED[0][2]
    found = _used(template, dialect)
    _LAST_USED[:] = [(template, dialect, found)]
    return found


#: Types whose ``CidrBlock`` is the range of a network: a VPC takes /16 to /28, a subnet a
#: part of it, never 0.0.0.0/0.
_NETWORK_TYPES = ("AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::VPCCidrBlock")


def _network_ranges(template: Mapping[str, Any]) -> set[str]:
    """The parameters a VPC or subnet of the template takes as its ``CidrBlock``
    (``!Ref VpcCIDR``): a parameter constrained only by a pattern is not tried with
    :data:`PATTERN_PROBES` then (awslabs cfn-endpoint templates' ``VpcCIDR``, also an SG
    rule's source: "a deployment with VpcCIDR = '0.0.0.0/0'" could not be deployed)."""
    resources = template.get("Resources")
    found: set[str] = set()
    for resource in resources.values() if isinstance(resources, Mapping) else ():
        if not isinstance(resource, Mapping) or resource.get("Type") not in _NETWORK_TYPES:
            continue
        props = resource.get("Properties")
        block = props.get("CidrBlock") if isinstance(props, Mapping) else None
        ref = block.get("Ref") if isinstance(block, Mapping) else None
        if isinstance(ref, str):
            found.add(ref)
    return found


def _allowed(
    document: Document, passed: Mapping[str, Any], dialect: Dialect
) -> Iterator[tuple[str, Any, list[Any]]]:
    """Each parameter tried: name, declaration, its allowed values (typed)."""
    declared = document.data.get(dialect.sections[0])
    if not isinstance(declared, Mapping):
        return
    found = [
        (name, spec, allowed)
        for name, spec in declared.items()
        if isinstance(spec, Mapping) and name not in passed
        and isinstance(
            allowed := dialect.allowed(spec) or _pattern_values(spec, dialect), list
        )
        and 1 < len(allowed) <= MAX_ALLOWED
    ]
    if not found:  # the template is walked only when a parameter has allowed values
        return
    used = _used_once(document.data, dialect)
    ranges = _network_ranges(document.data) if dialect is CLOUDFORMATION else set()
    for name, spec, allowed in found:
        if name not in used or (name in ranges and not dialect.allowed(spec)):
            continue
        typed = [dialect.value({**spec, dialect.default: a}) for a in allowed]
        if any(t is UNKNOWN for t in typed):
            continue
        yield str(name), spec, typed


def shown(value: Any) -> str:
    """A parameter value as a deployment passes it (text: CloudFormation parameters are
    strings; a YAML ``true`` is ``'true'``)."""
    if isinstance(value, bool):
        value = str(value).lower()
    if isinstance(value, list):
        value = ",".join(map(str, value))
    return repr(str(value))


def _shown(values: Mapping[str, Any]) -> str:
    return ", ".join(f"{name} = {shown(value)}" for name, value in values.items())


def _label(values: Mapping[str, Any]) -> Text:
    shown = _shown(values)
    return Text(en=f"with {shown}", th=f"เมื่อกำหนด {shown}")


def choices(
    document: Document, passed: Mapping[str, Any], dialect: Dialect = CLOUDFORMATION
) -> list[Read]:
    """Every combination of the allowed values of the parameters without a default (none
    when there are more than :data:`MAX_READS`)."""
    tried = [(n, values) for n, spec, values in _allowed(document, passed, dialect)
             if dialect.default not in spec]
    if not tried:
        return []
    count = 1
    for _, values in tried:
        count *= len(values)
    if count > MAX_READS:
        return []
    names = [n for n, _ in tried]
    found: list[Read] = []
    for combination in itertools.product(*(values for _, values in tried)):
        given = dict(zip(names, combination, strict=True))
        found.append(Read(_label(given), given))
    return found


def alternatives(
    document: Document, passed: Mapping[str, Any], dialect: Dialect = CLOUDFORMATION
) -> list[Read]:
    """Each other allowed value of each parameter with a default, one at a time (the first
    :data:`MAX_READS`)."""
    found: list[Read] = []
    lines = document.lines
    section = dialect.sections[0]
    inert: dict[str, set[str]] | None = None
    skipped = 0  # reads of inert parameters: not made, but counted as before
    for name, spec, values in _allowed(document, passed, dialect):
        default = dialect.value(spec)
        if dialect.default not in spec or default is UNKNOWN:
            continue
        if inert is None:
            inert = _inert(document.data, dialect)
        if name in inert and not _secret_shaped([default, *values], inert[name]):
            # read again, it gives the default's resources: its reads take their place in
            # MAX_READS (the parameters after it keep theirs) but are not made
            skipped += sum(1 for value in values if value != default)
            if len(found) + skipped >= MAX_READS:
                return found
            continue
        pointer = f"/{section}/{escape(name)}/{dialect.default}"
        line = lines.line_of(pointer) if lines else None
        at = f"{document.path}:{line or 1}"
        instead = Text(
            en=f"the default of the parameter {name} ({shown(default)}, value set at {at})",
            th=f"ค่าเริ่มต้นของพารามิเตอร์ {name} ({shown(default)} กำหนดไว้ที่ {at})",
        )
        for value in values:
            if value == default:
                continue
            if len(found) + skipped == MAX_READS:
                return found
            found.append(Read(_label({name: value}), {name: value}, instead, {name: at}))
    return found
