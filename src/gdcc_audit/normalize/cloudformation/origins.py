"""Where a CloudFormation property's value is written when a parameter gives it: the
parameter's ``Default``, or the line of the parent stack that passes it (``nesting``): the
line a user changes (a FAIL says ``value set at FILE:LINE``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gdcc_audit.load.interface import Document
from gdcc_audit.load.yamltree import escape
from gdcc_audit.normalize.nested_outputs import ORIGINS, OUTPUTS, output_origin
from gdcc_audit.normalize.stacks import conditional, output_origins, parameter_paths

#: ``Document.meta`` key of where each value a parent passes is written: name -> ``file:line``.
PASSED_AT = "cloudformation_passed_parameters_at"


def parameter_origins(
    document: Document, raw: Any, decide: Callable[[str], bool | None] | None = None
) -> dict[str, str]:
    """Properties (nested ones as ``ResourcesVpcConfig.EndpointPublicAccess``) written as
    ``Ref`` to a parameter whose default gives their value, with the ``file:line`` of that
    default (of the value a parent stack passes, for a nested template: ``nesting``), or as
    ``Fn::GetAtt`` of a nested stack's output (``Child.Outputs.Name``: where the child writes
    that output's value, :func:`outputs_origins`); with
    ``decide`` (a named condition's value), a property ``Fn::If`` chooses also names the
    defaults of the parameters its condition reads."""
    parameters = document.data.get("Parameters")
    read = isinstance(parameters, Mapping) or bool(document.meta.get(ORIGINS))
    if not isinstance(raw, Mapping) or not read or not document.lines:
        return {}
    origin = parameter_origin(document)
    choose = conditional(
        document.data.get("Conditions"), "Fn::If", "Ref",
        lambda name: decide(name) if isinstance(name, str) else None,
    ) if decide is not None else None
    return parameter_paths(raw, "Ref", origin, choose=choose, attribute=_read_output(document))


def _read_output(document: Document) -> tuple[str, Callable[[Any], str | None]] | None:
    """``parameter_paths``' ``attribute`` for ``document``: where the nested stack output an
    ``Fn::GetAtt`` reads (``[Child, Outputs.Name]`` or ``Child.Outputs.Name``) is written."""
    outputs: Mapping[str, Mapping[str, str]] | None = document.meta.get(ORIGINS)
    if not outputs:
        return None

    def where(arg: Any) -> str | None:
        if isinstance(arg, str):
            arg = arg.split(".", 1)
        if not isinstance(arg, list) or len(arg) != 2 or not isinstance(arg[1], str):
            return None
        attribute = arg[1].split(".", 1)
        if len(attribute) != 2 or attribute[0] != "Outputs":
            return None
        return output_origin(outputs, [arg[0], attribute[1]])

    return "Fn::GetAtt", where


def outputs_origins(document: Document) -> dict[str, str]:
    """Output name -> where the value of each of a child template's ``Outputs`` is written
    (a parameter read whole: its default, or the parent line passing it; a nested stack's
    output; a plain value: the output's own line)."""
    origin = parameter_origin(document)
    attribute = _read_output(document)
    return output_origins(
        document, "Outputs", "Value",
        lambda raw: parameter_paths(raw, "Ref", origin, max_depth=1, attribute=attribute),
    )


def parameter_origin(document: Document) -> Callable[[str], str | None]:
    """Where the value of a template's parameter is written: the ``file:line`` of the value
    a parent stack passes (``nesting``), else of its ``Default``; None when neither."""
    passed: Mapping[str, str] = document.meta.get(PASSED_AT) or {}
    parameters = document.data.get("Parameters")
    lines = document.lines

    def origin(name: str) -> str | None:
        if passed.get(name):
            return passed[name]
        spec = parameters.get(name) if isinstance(parameters, Mapping) else None
        if isinstance(spec, Mapping) and "Default" in spec and lines:
            line = lines.line_of(f"/Parameters/{escape(name)}/Default")
            return f"{document.path}:{line}" if line is not None else None
        return None

    return origin


def text_values(document: Document) -> tuple[dict[str, str], Callable[[str], str | None]]:
    """What a ``Fn::Sub`` / ``Fn::Join`` of ``document`` may write into a text, for
    ``sub_origins``: each parameter's ``Default`` (``${Name}``) and each nested stack's output
    that is a plain value (``${Child.Outputs.Name}``), as text; and where each is written
    (:func:`parameter_origin`; an output: :func:`outputs_origins` of its template)."""
    parameters = document.data.get("Parameters")
    found = {
        str(name): str(spec["Default"]) for name, spec in parameters.items()
        if isinstance(spec, Mapping) and isinstance(spec.get("Default"), str | int | float)
        and str(spec["Default"])
    } if isinstance(parameters, Mapping) else {}
    outputs: Mapping[str, Mapping[str, Any]] = document.meta.get(OUTPUTS) or {}
    places: Mapping[str, Mapping[str, str]] = document.meta.get(ORIGINS) or {}
    for logical_id, values in outputs.items():
        for name, value in values.items():
            if isinstance(value, str | int | float) and not isinstance(value, bool) and str(value):
                found[f"{logical_id}.Outputs.{name}"] = str(value)
    parameter = parameter_origin(document)

    def origin(name: str) -> str | None:
        logical_id, dot, output = name.partition(".Outputs.")
        return output_origin(places, [logical_id, output]) if dot else parameter(name)

    return found, origin
