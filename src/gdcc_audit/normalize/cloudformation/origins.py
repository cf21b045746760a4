"""Where a CloudFormation property's value is written when a parameter gives it: the
parameter's ``Default``, or the line of the parent stack that passes it (``nesting``): the
line a user changes (a FAIL says ``value set at FILE:LINE``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gdcc_audit.load.interface import Document
from gdcc_audit.load.yamltree import escape
from gdcc_audit.normalize.stacks import conditional, parameter_paths

#: ``Document.meta`` key of where each value a parent passes is written: name -> ``file:line``.
PASSED_AT = "cloudformation_passed_parameters_at"


def parameter_origins(
    document: Document, raw: Any, decide: Callable[[str], bool | None] | None = None
) -> dict[str, str]:
    """Properties (nested ones as ``ResourcesVpcConfig.EndpointPublicAccess``) written as
    ``Ref`` to a parameter whose default gives their value, with the ``file:line`` of that
    default (of the value a parent stack passes, for a nested template: ``nesting``); with
    ``decide`` (a named condition's value), a property ``Fn::If`` chooses also names the
    defaults of the parameters its condition reads."""
    parameters = document.data.get("Parameters")
    if not isinstance(raw, Mapping) or not isinstance(parameters, Mapping) or not document.lines:
        return {}
    origin = parameter_origin(document)
    choose = conditional(
        document.data.get("Conditions"), "Fn::If", "Ref",
        lambda name: decide(name) if isinstance(name, str) else None,
    ) if decide is not None else None
    return parameter_paths(raw, "Ref", origin, choose=choose)


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
