"""Which planned string values a plan's configuration reads from another resource's name, id,
ARN or URL (see :mod:`gdcc_audit.secrets.pointer`).

A plan holds values, not expressions: ``triggers = {webhook_secret =
aws_ssm_parameter.s.name}`` is planned as the parameter's name, a literal-looking string
under a secret's name. The plan's ``configuration`` lists, for each argument, the references
its expression makes (``aws_ssm_parameter.s.name``); a string of that argument equal to the
planned value of such a read, of a resource of the same module, is that read: it becomes a
:class:`~gdcc_audit.secrets.pointer.Pointer`. Reads through module inputs or outputs
(``var.config.name``) are not followed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from gdcc_audit.load.terraform.secret_sources import secret_attribute
from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.secrets.pointer import Pointer, pointer_attribute

#: ``aws_ssm_parameter.s.name``, ``aws_ssm_parameter.s[0].name``, ``...["k"].name``
_READ = re.compile(r"^([a-z][\w-]*)\.([\w-]+)(\[[^\]]*\])?\.([\w-]+)$")


def _argument_reads(expr: Any, path: str) -> Iterator[tuple[str, list[str]]]:
    """``(value path, references)`` of each argument expression (blocks walked into)."""
    if isinstance(expr, list):
        for index, item in enumerate(expr):
            yield from _argument_reads(item, f"{path}.{index}" if path else str(index))
        return
    if not isinstance(expr, dict):
        return
    refs = expr.get("references")
    if isinstance(refs, list) and path:
        if "constant_value" not in expr:
            yield path, [str(ref) for ref in refs]
        return
    for key, value in expr.items():
        if key != "constant_value":
            yield from _argument_reads(value, f"{path}.{key}" if path else key)


def configured_reads(module: Any, prefix: str = "") -> dict[str, list[tuple[str, list[str]]]]:
    """Config address (no instance keys) -> its arguments' references, by value path."""
    found: dict[str, list[tuple[str, list[str]]]] = {}
    if not isinstance(module, dict):
        return found
    for resource in module.get("resources") or []:
        if isinstance(resource, dict) and "address" in resource:
            reads = list(_argument_reads(resource.get("expressions") or {}, ""))
            if reads:
                found[prefix + str(resource["address"])] = reads
    for name, call in (module.get("module_calls") or {}).items():
        if isinstance(call, dict):
            found.update(configured_reads(call.get("module"), f"{prefix}module.{name}."))
    return found


def _at(values: Any, path: str) -> tuple[Any, Any] | None:
    """The container and key of ``path`` in ``values``, None when it is not there."""
    parent: Any = None
    key: Any = None
    current = values
    for step in path.split("."):
        parent = current
        if isinstance(current, dict) and step in current:
            key = step
        elif isinstance(current, list) and step.isdigit() and int(step) < len(current):
            key = int(step)
        else:
            return None
        current = current[key]
    return parent, key


def _mark(container: Any, key: Any, pointed: set[str]) -> None:
    """Replace each string below ``container[key]`` that is one of ``pointed``."""
    value = container[key]
    if type(value) is str and value in pointed:
        container[key] = Pointer(value)
    elif isinstance(value, dict):
        for inner in list(value):
            _mark(value, inner, pointed)
    elif isinstance(value, list):
        for index in range(len(value)):
            _mark(value, index, pointed)


def mark_pointers(
    resources: list[TfResource], reads: dict[str, list[tuple[str, list[str]]]],
    config_address: Any,
) -> None:
    """Turn the strings the configuration reads from another resource's name, ARN, URL ...
    into :class:`Pointer` s, in place (``config_address`` drops instance keys)."""
    planned = {r.address: r for r in resources}
    for resource in resources:
        module = f"{resource.module}." if resource.module else ""
        for path, refs in reads.get(config_address(resource.address), ()):
            pointed = set()
            for ref in refs:
                match = _READ.match(ref)
                if match is None:
                    continue
                rtype, name, index, attribute = match.groups()
                if not pointer_attribute(attribute) or secret_attribute(rtype, [attribute]):
                    continue
                source = planned.get(f"{module}{rtype}.{name}{index or ''}")
                value = source.values.get(attribute) if source is not None else None
                if type(value) is str and value:
                    pointed.add(value)
            place = _at(resource.values, path) if pointed else None
            if place is not None:
                _mark(*place, pointed)
