"""CloudFormation ``NoEcho`` parameters given a ``Default``: the default is a secret written in
the template itself (the template declares the value secret), whatever property takes it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from gdcc_audit.normalize.secret_parameters import cloudformation_secrets, secret_names
from gdcc_audit.normalize.stacks import parameter_paths
from gdcc_audit.secrets.detect import detect_secrets

_MAX_DEPTH = 64


def defaulted_secrets(
    parameters: Any, flag: str = "NoEcho", default: str = "Default"
) -> frozenset[str]:
    """Names of the ``NoEcho`` parameters (Heat: ``hidden``, ``default``) whose default is a
    value a secret's name would hold as a secret: not empty, nor a stand-in (``none``,
    ``null``, ``empty``: awslabs' codestar templates default a ``NoEcho`` GitHub token to
    ``none``, which FAILed), a reference or a hash."""
    if not isinstance(parameters, Mapping):
        return frozenset()
    return frozenset(
        name
        for name in secret_names(parameters, flag)
        if isinstance(parameters[name], Mapping)
        and isinstance(parameters[name].get(default), str | int | float)
        and not isinstance(parameters[name][default], bool)
        and str(parameters[name][default]).strip() != ""
        and bool(detect_secrets({"password": str(parameters[name][default])}))
    )


def hidden_default_paths(raw: Any, parameters: Any) -> tuple[str, ...]:
    """Paths of the raw properties of a Heat resource that take a ``hidden`` parameter with a
    ``default`` by ``get_param`` (the HOT counterpart of :func:`default_secret_paths`)."""
    names = defaulted_secrets(parameters, "hidden", "default")
    if not names or not isinstance(raw, Mapping):
        return ()
    found = parameter_paths(raw, "get_param", lambda n: "" if n in names else None, _MAX_DEPTH)
    return tuple(sorted(found))


def default_secret_paths(raw: Any, parameters: Any) -> tuple[str, ...]:
    """Paths (``Environment.Variables.TOKEN``) of the raw properties that take a ``NoEcho``
    parameter with a ``Default`` by ``Ref`` or ``Fn::Sub``."""
    names = defaulted_secrets(parameters)
    if not names or not isinstance(raw, Mapping):
        return ()
    only = {n: parameters[n] for n in names}
    return tuple(sorted(set(_paths(raw, only, "", 0))))


def _paths(value: Any, parameters: Mapping[str, Any], path: str, depth: int) -> Iterator[str]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, Mapping):
        key = next(iter(value)) if len(value) == 1 else None
        if isinstance(key, str) and (key == "Ref" or key.startswith("Fn::")):
            if cloudformation_secrets(value, parameters):
                yield path
            return
        for key, item in value.items():
            yield from _paths(item, parameters, f"{path}.{key}" if path else str(key), depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            inner = f"{path}.{index}" if path else str(index)
            yield from _paths(item, parameters, inner, depth + 1)


#: Attributes whose value is a secret the service makes (CloudFormation resource reference,
#: ``AWS::IAM::AccessKey`` "SecretAccessKey: Returns the secret access key for the specified
#: AWS::IAM::AccessKey resource"; ``AWS::IAM::ServiceSpecificCredential`` ``ServicePassword``).
_SECRET_ATTRIBUTES: dict[str, frozenset[str]] = {
    "AWS::IAM::AccessKey": frozenset({"SecretAccessKey"}),
    "AWS::IAM::ServiceSpecificCredential": frozenset({"ServicePassword"}),
}
_SUB_ATTRIBUTE = re.compile(r"\$\{([^!}.]+)\.([^}]+)\}")


def published_secrets(outputs: Any, logical_id: str, provider_type: str) -> tuple[str, ...]:
    """``Outputs.NAME`` of each stack output whose value takes a secret attribute of the
    resource ``logical_id`` (``!GetAtt Key.SecretAccessKey``, ``${Key.SecretAccessKey}``):
    an output is shown in plain text to anyone who may describe the stack (``NoEcho`` does not
    mask outputs), so the secret is published by the template."""
    attributes = _SECRET_ATTRIBUTES.get(provider_type)
    if not attributes or not isinstance(outputs, Mapping):
        return ()
    return tuple(
        f"Outputs.{name}"
        for name, output in outputs.items()
        if isinstance(output, Mapping)
        and any(
            target == logical_id and attribute in attributes
            for target, attribute in _attributes_read(output.get("Value"), 0)
        )
    )


def _attributes_read(value: Any, depth: int) -> Iterator[tuple[str, str]]:
    """``(resource, attribute)`` of each ``Fn::GetAtt`` (list or dotted form) and
    ``Fn::Sub`` ``${X.Attr}`` in ``value``."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key == "Fn::GetAtt":
                if isinstance(item, list) and len(item) == 2 and all(
                    isinstance(p, str) for p in item
                ):
                    yield item[0], item[1]
                elif isinstance(item, str) and "." in item:
                    target, attribute = item.split(".", 1)
                    yield target, attribute
            elif key == "Fn::Sub":
                text = item[0] if isinstance(item, list) and item else item
                if isinstance(text, str):
                    yield from _SUB_ATTRIBUTE.findall(text)
                if isinstance(item, list):
                    yield from _attributes_read(item[1:], depth + 1)
            else:
                yield from _attributes_read(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _attributes_read(item, depth + 1)
