"""CloudFormation intrinsic functions, resolved as far as the template alone allows.

Parameters take their ``Default`` (or UNKNOWN), conditions are evaluated when their inputs are
known, ``Ref``/``Fn::GetAtt`` to a resource become a :class:`ResourceRef`, and anything that
depends on the deployment (account, region, imported values) is UNKNOWN — never a guess.
Text built with pseudo parameters (``Fn::Sub: arn:aws:iam::${AWS::AccountId}:root``) is a
:class:`PartialText`: not known, but its written parts are kept for the readers whose question
they answer (a principal naming the own account is not public).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from gdcc_audit.models.resource import Reference
from gdcc_audit.normalize.cloudformation.resolving import (
    MAX_TEXT,
    TemplateResolver,
    children,
    logic,
)
from gdcc_audit.normalize.cloudformation.values import (
    NO_VALUE,
    PSEUDO_SHAPES,
    UNKNOWN,
    PartialText,
    ResourceRef,
    VpcRange,
    as_int,
    as_str,
    concatenate,
    is_known,
)
from gdcc_audit.normalize.nested_outputs import (
    candidate_targets,
    known,
    parameter_targets,
    targets,
)

#: Pseudo parameters. Only ``AWS::NoValue`` has a value known before deployment; the text
#: ones (:data:`PSEUDO_SHAPES`) resolve to a :class:`PartialText`, so a string built from
#: them keeps its written parts.
PSEUDO_PARAMETERS = frozenset(
    {
        "AWS::AccountId",
        "AWS::NotificationARNs",
        "AWS::Partition",
        "AWS::Region",
        "AWS::StackId",
        "AWS::StackName",
        "AWS::URLSuffix",
    }
)
#: Types whose ``Ref`` returns the resource's ARN, the identity a policy names it by: "When you
#: pass the logical ID of this resource to the intrinsic Ref function, Ref returns the ARN"
#: (AWS::IAM::SAMLProvider and AWS::IAM::OIDCProvider return values). ``!Ref Saml`` is read as
#: ``!GetAtt Saml.Arn``: a role trusting ``Federated: !Ref Saml`` trusts that one provider.
_REF_IS_ARN = frozenset({"AWS::IAM::SAMLProvider", "AWS::IAM::OIDCProvider"})
#: ``Fn::GetAtt`` attributes that return a property as the template writes it: "CidrBlock: The
#: primary IPv4 CIDR block for the VPC" (AWS::EC2::VPC return values); "CidrBlock: The IPv4
#: CIDR blocks that are assigned to the subnet" (AWS::EC2::Subnet return values). A security
#: group rule open to ``!GetAtt Vpc.CidrBlock`` is open to that range, as Terraform reads
#: ``aws_vpc.main.cidr_block``. (type, attribute) -> property.
_ECHOED = {
    ("AWS::EC2::VPC", "CidrBlock"): "CidrBlock",
    ("AWS::EC2::Subnet", "CidrBlock"): "CidrBlock",
}
_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")


@dataclass(frozen=True)
class SubVariable:
    """A ``${Name}`` of an ``Fn::Sub`` template (a parameter, resource, pseudo parameter,
    ``Resource.Attribute`` or a variable of the Sub's own map)."""

    name: str


def split_sub(arg: Any) -> tuple[Mapping[str, Any], str, list[str | SubVariable]] | None:
    """An ``Fn::Sub`` argument as its variable map (as written), its template text and the
    template's parts: literal text (``${!Literal}`` written as ``${Literal}``) and variables;
    None when the template is not a string."""
    variables: Mapping[str, Any] = {}
    if isinstance(arg, list) and len(arg) == 2 and isinstance(arg[1], Mapping):
        variables, arg = arg[1], arg[0]
    if not isinstance(arg, str):
        return None
    parts: list[str | SubVariable] = []
    start = 0
    for match in _SUB_VARIABLE.finditer(arg):
        parts.append(arg[start : match.start()])
        start = match.end()
        name = match.group(1)
        parts.append("${" + name[1:] + "}" if name.startswith("!") else SubVariable(name))
    parts.append(arg[start:])
    return variables, arg, parts
_MAX_DEPTH = 64
#: How a dynamic reference to a plain Systems Manager parameter starts.
_SSM_REFERENCE = "{{resolve:ssm:"


def parameter_value(spec: Any) -> Any:
    """The value of a parameter declared as ``spec`` (its ``Default``, typed), or UNKNOWN.
    An ``AWS::SSM::Parameter::Value<...>`` parameter's value is the one Systems Manager holds
    under the name written (not known statically)."""
    if not isinstance(spec, Mapping) or "Default" not in spec:
        return UNKNOWN
    default = spec["Default"]
    kind = str(spec.get("Type", ""))
    if kind.startswith("AWS::SSM::Parameter::Value<"):
        return UNKNOWN
    if kind == "CommaDelimitedList" or (kind.startswith("List<") and isinstance(default, str)):
        return [item.strip() for item in str(default).split(",")]
    if kind == "Number" and isinstance(default, str):
        number = as_int(default)
        if number is not None:
            return number
        try:
            return float(default)
        except ValueError:
            return default
    return default


class Resolver(TemplateResolver):
    """Resolves intrinsic functions of one template."""

    def __init__(self, template: Mapping[str, Any], overrides: Mapping[str, Any] | None = None):
        super().__init__(
            template,
            parameters="Parameters",
            resources="Resources",
            conditions="Conditions",
            parameter_value=parameter_value,
            overrides=overrides,
        )
        #: Exports of other templates of the scan, by name (``Fn::ImportValue``:
        #: ``cloudformation.exports``).
        self.imports: Mapping[str, Any] = {}
        #: Imports named after another nested stack's name, by their argument as written
        #: (``cloudformation.exports.BY_STACK``).
        self.imports_written: Mapping[str, Any] = {}
        #: Systems Manager parameters another template of the scan writes, by name: a
        #: property that is a dynamic reference ``{{resolve:ssm:NAME}}`` is that value
        #: (``cloudformation.ssm_links``).
        self.ssm: Mapping[str, Any] = {}
        specs = template.get("Resources")
        self._specs: Mapping[str, Any] = specs if isinstance(specs, Mapping) else {}
        declared = template.get("Parameters")
        #: The template's parameter declarations as written (their constraints).
        self.parameter_specs: Mapping[str, Any] = declared if isinstance(declared, Mapping) else {}
        mappings = template.get("Mappings")
        self.mappings: Mapping[str, Any] = mappings if isinstance(mappings, Mapping) else {}

    # -- conditions -------------------------------------------------------------------------

    def condition(self, name: str) -> bool | None:
        """The value of a named condition; ``None`` when it depends on unknown inputs."""
        return self._named_condition(name, lambda spec: self._truth(self.resolve(spec)))

    @staticmethod
    def _truth(value: Any) -> bool | None:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {"true", "false"}:
            return value.lower() == "true"
        return None

    # -- values -----------------------------------------------------------------------------

    def resolve(self, value: Any, depth: int = 0) -> Any:
        """``value`` with every intrinsic function replaced by its result (or UNKNOWN)."""
        if depth > _MAX_DEPTH:
            return UNKNOWN
        if isinstance(value, Mapping):
            if len(value) == 1:
                key = next(iter(value))
                if key in {"Ref", "Condition"} or str(key).startswith("Fn::"):
                    return self._function(str(key), value[key], depth + 1)
            result: dict[str, Any] = {}
            for k, v in value.items():
                resolved = self.resolve(v, depth + 1)
                if resolved is not NO_VALUE:
                    result[str(k)] = resolved
            return result
        if isinstance(value, list):
            items = [self.resolve(v, depth + 1) for v in value]
            return [item for item in items if item is not NO_VALUE]
        if self.ssm and isinstance(value, str) and value.startswith(_SSM_REFERENCE):
            return self.dynamic(value)
        return value

    def dynamic(self, text: str) -> Any:
        """A property written as one dynamic reference to a plain Systems Manager parameter
        (``{{resolve:ssm:/network/vpc-id}}``, no version: the value it holds now) that
        another template of the scan writes: that value; else the text as written."""
        name = text[len(_SSM_REFERENCE):-2] if text.endswith("}}") else ""
        if not name or ":" in name or "{" in name:
            return text
        return known(self.ssm.get(name, text))

    def _function(self, name: str, arg: Any, depth: int) -> Any:
        handler = _FUNCTIONS.get(name)
        if handler is None:
            return UNKNOWN  # Fn::GetAZs, Fn::ImportValue, Fn::Cidr, Fn::Transform...
        return handler(self, arg, depth)

    def imported(self, arg: Any, depth: int = 0) -> Any:
        """The value of ``Fn::ImportValue arg``: the export of that name of the one template
        of the scan that exports it; UNKNOWN otherwise."""
        name = self.resolve(arg, depth)
        if isinstance(name, str):
            return known(self.imports.get(name, UNKNOWN))
        if self.imports_written:
            written = json.dumps(arg, sort_keys=True, default=str)
            return known(self.imports_written.get(written, UNKNOWN))
        return UNKNOWN

    def ref(self, name: Any) -> Any:
        """The value of ``Ref name``."""
        if not isinstance(name, str):
            return UNKNOWN
        if name == "AWS::NoValue":
            return NO_VALUE
        if name in self.parameters:
            return self.parameters[name]
        if name in self.resources:
            spec = self._specs.get(name)
            if isinstance(spec, Mapping) and spec.get("Type") in _REF_IS_ARN:
                return ResourceRef(name, "Arn")
            return ResourceRef(name)
        if name in PSEUDO_SHAPES:
            return PartialText.pseudo(name)
        return UNKNOWN

    def attribute_text(self, target: str, attribute: str) -> Any:
        """The value of ``${Target.Attribute}`` in ``Fn::Sub``: not known before deployment,
        except a nested stack's output the child gives (``${Network.Outputs.VpcCidr}``)."""
        name = _output_name(attribute)
        outputs = self.outputs.get(target)
        if outputs is None or name is None:
            return UNKNOWN
        return known(outputs.get(name, UNKNOWN))

    def _sub(self, arg: Any, depth: int) -> Any:
        split = split_sub(arg)
        if split is None:
            return UNKNOWN
        written, template, parts = split
        variables = {str(k): self.resolve(v, depth) for k, v in written.items()}
        pieces: list[str | PartialText] = []
        length = len(template)
        for part in parts:
            if isinstance(part, str):
                pieces.append(part)
                continue
            name = part.name
            if name in variables:
                value = variables[name]
            elif "." in name and name.split(".", 1)[0] in self.resources:
                value = self.attribute_text(*name.split(".", 1))
            else:
                value = self.ref(name)
            text = value if isinstance(value, PartialText) else (
                as_str(value) if is_known(value) else None
            )
            if text is None:
                return UNKNOWN
            length += len(text)
            if length > MAX_TEXT:  # stopped building at the cap
                self.allow_text(length, "Fn::Sub")  # records why
                return UNKNOWN
            pieces.append(text)
        result = concatenate(pieces)
        return result if self.allow_text(len(result), "Fn::Sub") else UNKNOWN

    def _join(self, arg: Any, depth: int) -> Any:
        if not isinstance(arg, list) or len(arg) != 2:
            return UNKNOWN
        delimiter, items = self.resolve(arg[0], depth), self.resolve(arg[1], depth)
        if not isinstance(delimiter, str) or not isinstance(items, list):
            return UNKNOWN
        texts: list[str | PartialText] = []
        for item in items:
            text = item if isinstance(item, PartialText) else (
                as_str(item) if is_known(item) else None
            )
            if text is None:
                return UNKNOWN
            texts.extend((delimiter, text) if texts else (text,))
        length = sum(len(t) for t in texts)
        if not self.allow_text(length, "Fn::Join"):
            return UNKNOWN
        return concatenate(texts)

    def _select(self, arg: Any, depth: int) -> Any:
        if not isinstance(arg, list) or len(arg) != 2:
            return UNKNOWN
        index, items = as_int(self.resolve(arg[0], depth)), self.resolve(arg[1], depth)
        if index is None or not isinstance(items, list) or not 0 <= index < len(items):
            return UNKNOWN
        return items[index]

    def _split(self, arg: Any, depth: int) -> Any:
        if not isinstance(arg, list) or len(arg) != 2:
            return UNKNOWN
        delimiter, text = self.resolve(arg[0], depth), self.resolve(arg[1], depth)
        if not isinstance(delimiter, str) or not delimiter or not isinstance(text, str):
            return UNKNOWN
        return text.split(delimiter)

    def _find_in_map(self, arg: Any, depth: int) -> Any:
        if not isinstance(arg, list) or len(arg) not in (3, 4):
            return UNKNOWN
        keys = [self.resolve(a, depth) for a in arg[:3]]
        if not all(isinstance(k, str | int) and not isinstance(k, bool) for k in keys):
            return UNKNOWN
        found: Any = self.mappings
        for key in keys:
            found = found.get(str(key)) if isinstance(found, Mapping) else None
            if found is None:
                break
        if found is None:
            default = arg[3] if len(arg) == 4 else None
            if isinstance(default, Mapping) and "DefaultValue" in default:
                return self.resolve(default["DefaultValue"], depth)
            return UNKNOWN
        return self.resolve(found, depth)

    def map_choices(self, arg: Any) -> list[Any] | None:
        """Every value ``Fn::FindInMap`` ``arg`` may give when a key is not known (``!Ref
        AWS::Region``): the entries of every row a top-level key not known may pick, under
        the second key or every one; None when the map's name is not known, a key is not
        text or the argument is malformed."""
        if not isinstance(arg, list) or len(arg) not in (3, 4):
            return None
        name, *keys = (self.resolve(a) for a in arg[:3])
        table = self.mappings.get(name) if isinstance(name, str) else None
        if not isinstance(table, Mapping):
            return None
        known = [str(k) if isinstance(k, str | int) and not isinstance(k, bool) else None
                 for k in keys]
        if any(k is None and is_known(k_raw) for k, k_raw in zip(known, keys, strict=True)):
            return None  # a key resolved to something that is not text
        rows = [table.get(known[0])] if known[0] is not None else list(table.values())
        found: list[Any] = []
        for row in rows:
            if not isinstance(row, Mapping):
                continue
            entries = [row.get(known[1])] if known[1] is not None else list(row.values())
            found += [self.resolve(e) for e in entries if e is not None]
        return found

    def _if(self, arg: Any, depth: int) -> Any:
        if not isinstance(arg, list) or len(arg) != 3 or not isinstance(arg[0], str):
            return UNKNOWN
        chosen = self.condition(arg[0])
        if chosen is None:
            return UNKNOWN
        return self.resolve(arg[1] if chosen else arg[2], depth)

    def _equals(self, arg: Any, depth: int) -> Any:
        if not isinstance(arg, list) or len(arg) != 2:
            return UNKNOWN
        left, right = self.resolve(arg[0], depth), self.resolve(arg[1], depth)
        if isinstance(left, PartialText) and isinstance(right, str | int | float):
            left, right = right, left
        if isinstance(right, PartialText) and isinstance(left, str | int | float):
            # a text with pseudo parameters (``arn:aws:iam::${AWS::AccountId}:role/x``) is
            # not a text its written parts cannot make (``''``): no pseudo parameter is empty
            text = as_str(left)
            return False if text is not None and not _may_be(right, text) else UNKNOWN
        if not _comparable(left) or not _comparable(right):
            return UNKNOWN
        return _canonical(left) == _canonical(right)

    def _logic(self, name: str, arg: Any, depth: int) -> Any:
        items = arg if isinstance(arg, list) else [arg]
        values = [self._truth(self.resolve(item, depth)) for item in items]
        return logic(name.removeprefix("Fn::").lower(), values)

    def _get_att(self, arg: Any, depth: int) -> Any:
        if isinstance(arg, str):
            arg = arg.split(".", 1)
        if not isinstance(arg, list) or len(arg) != 2 or arg[0] not in self.resources:
            return UNKNOWN
        name = _output_name(arg[1])
        outputs = self.outputs.get(arg[0])
        if outputs is not None and name is not None:  # a nested stack's output, in the child
            return known(outputs.get(name, UNKNOWN))
        echoed = self._echoed(arg[0], arg[1], depth)
        if echoed is not None:
            return echoed
        spec = self._specs.get(arg[0])
        if (arg[1] == "CidrBlock" and isinstance(spec, Mapping)
                and (str(spec.get("Type")), "CidrBlock") in _ECHOED):
            return VpcRange(arg[0], "CidrBlock")
        return self._attribute_ref(arg[0], arg[1], depth)

    def _echoed(self, target: str, attribute: Any, depth: int) -> Any:
        """The value of an attribute that returns a property the template writes (a VPC's
        ``CidrBlock``), resolved; ``None`` when the attribute is not one or not written."""
        spec = self._specs.get(target)
        if not isinstance(spec, Mapping) or not isinstance(attribute, str):
            return None
        prop = _ECHOED.get((str(spec.get("Type")), attribute))
        props = spec.get("Properties")
        if prop is None or not isinstance(props, Mapping) or props.get(prop) is None:
            return None
        value = self.resolve(props[prop], depth)
        return value if isinstance(value, str) else None

    def _condition_value(self, arg: Any, depth: int) -> Any:
        value = self.condition(arg) if isinstance(arg, str) else None
        return UNKNOWN if value is None else value

    def _length(self, arg: Any, depth: int) -> Any:
        value = self.resolve(arg, depth)
        return len(value) if isinstance(value, list) else UNKNOWN

    def _base64(self, arg: Any, depth: int) -> Any:
        # The encoded text is of no use to a rule; the plain text is (secrets in user data).
        return self.resolve(arg, depth)


def _may_be(partial: PartialText, text: str) -> bool:
    """Whether ``text`` may be the value of ``partial`` (each pseudo parameter some
    non-empty text)."""
    pattern = ".+".join(re.escape(piece) for piece in partial.known)
    return re.fullmatch(pattern, text, re.DOTALL) is not None


def _comparable(value: Any) -> bool:
    if isinstance(value, list):
        return all(_comparable(v) for v in value)
    return isinstance(value, str | int | float | bool) or value is None


def _canonical(value: Any) -> Any:
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    return as_str(value)


_FUNCTIONS: dict[str, Any] = {
    "Ref": lambda r, a, d: r.ref(r.resolve(a, d) if not isinstance(a, str) else a),
    "Condition": Resolver._condition_value,
    "Fn::GetAtt": lambda r, a, d: r._get_att(a, d),
    "Fn::Sub": Resolver._sub,
    "Fn::Join": Resolver._join,
    "Fn::Select": Resolver._select,
    "Fn::Split": Resolver._split,
    "Fn::FindInMap": Resolver._find_in_map,
    "Fn::If": Resolver._if,
    "Fn::Equals": Resolver._equals,
    "Fn::And": lambda r, a, d: r._logic("Fn::And", a, d),
    "Fn::Or": lambda r, a, d: r._logic("Fn::Or", a, d),
    "Fn::Not": lambda r, a, d: r._logic("Fn::Not", a, d),
    "Fn::Length": Resolver._length,
    "Fn::Base64": Resolver._base64,
    "Fn::ImportValue": lambda r, a, d: r.imported(a, d),
}


def _output_name(attribute: Any) -> str | None:
    """The output an attribute of a nested stack names (``Outputs.SubnetId``), if any."""
    if isinstance(attribute, str) and attribute.startswith("Outputs."):
        return attribute.removeprefix("Outputs.")
    return None


def references(
    value: Any,
    resources: frozenset[str],
    path: str = "",
    in_function: bool = False,
    outputs: Mapping[str, Mapping[str, Any]] | None = None,
    parameters: Mapping[str, Any] | None = None,
    imported: Callable[[Any], Any] | None = None,
    dynamic: Callable[[str], Any] | None = None,
) -> Iterator[Reference]:
    """References to other resources written anywhere in ``value`` (Ref, GetAtt, Sub), with the
    dotted path of the property that holds them (a function's argument list adds no index);
    ``!GetAtt Stack.Outputs.Name`` of a nested stack's output that is a resource of the child
    (``outputs``, as :attr:`Resolver.outputs`), ``Ref`` of a parameter a parent passes a
    resource of the scan to (``parameters``, the resolver's), and ``Fn::ImportValue`` of an
    export that is one (``imported``: :meth:`Resolver.imported`) and a dynamic reference to a
    Systems Manager parameter whose value is one (``dynamic``: :meth:`Resolver.dynamic`)
    refer to that resource."""
    if isinstance(value, str):
        if dynamic is not None and value.startswith(_SSM_REFERENCE):
            for target_id in targets(dynamic(value)):
                yield Reference(target=target_id, attribute=path or "(value)")
        return
    if isinstance(value, Mapping) and len(value) == 1:
        key, arg = next(iter(value.items()))
        target: str | None = None
        if key == "Fn::ImportValue" and imported is not None:
            for target_id in targets(imported(arg)):
                yield Reference(target=target_id, attribute=path or "(value)")
            return
        passed = parameter_targets(parameters, [arg]) if key == "Ref" and parameters else []
        for target_id in passed:
            yield Reference(target=target_id, attribute=path or "(value)")
        if passed:
            return
        if key == "Ref" and isinstance(arg, str):
            target = arg
        elif key == "Fn::GetAtt":
            parts = arg.split(".", 1) if isinstance(arg, str) else arg
            first = parts[0] if isinstance(parts, list) and parts else None
            named = outputs.get(first) if outputs and isinstance(first, str) else None
            output = _output_name(parts[1]) if named and len(parts) == 2 else None
            found_value = named.get(output) if named and output is not None else None
            # an output an Fn::If not decided chooses: each option, perhaps (candidates.py
            # notes them in REFERENCES_MAYBE)
            linked = targets(found_value) or candidate_targets(found_value)
            for found in linked:
                yield Reference(target=found, attribute=path or "(value)")
            if linked:
                return
            target = first if isinstance(first, str) else None
        elif key == "Fn::Sub":
            text = arg[0] if isinstance(arg, list) and arg else arg
            if isinstance(text, str):
                for name in _SUB_VARIABLE.findall(text):
                    base = name.split(".", 1)[0]
                    if base in resources:
                        yield Reference(target=base, attribute=path or "(value)")
        if target is not None and target in resources:
            yield Reference(target=target, attribute=path or "(value)")
            return
    for child, child_path, child_in_function in children(value, path, in_function, _is_function):
        yield from references(
            child, resources, child_path, child_in_function, outputs, parameters, imported,
            dynamic,
        )


def _is_function(key: str) -> bool:
    return key.startswith("Fn::") or key == "Ref"
