"""Which planned string values a plan's configuration reads from another resource's name, id,
ARN or URL (see :mod:`gdcc_audit.secrets.pointer`).

A plan holds values, not expressions: ``triggers = {webhook_secret =
aws_ssm_parameter.s.name}`` is planned as the parameter's name, a literal-looking string
under a secret's name. The plan's ``configuration`` lists, for each argument, the references
its expression makes (``aws_ssm_parameter.s.name``); a string of that argument equal to the
planned value of such a read is that read: it becomes a
:class:`~gdcc_audit.secrets.pointer.Pointer`. Reads through module inputs and outputs are
followed as the HCL evaluator follows them: ``var.config`` in a called module is what the
call's ``expressions.config`` reads in the module above, ``module.ssm.parameters`` what that
output's ``expression`` reads in ``module.ssm`` (``configuration.root_module.module_calls``).
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


#: How many module inputs and outputs one read is followed through.
_MOST_HOPS = 16


def module_index(module: Any, prefix: str = "") -> dict[str, dict[str, Any]]:
    """Config module prefix (``""``, ``module.a.``, ``module.a.module.b.``) -> that module's
    configuration, with its call's ``expressions`` (under ``"call"``) for a called one."""
    found: dict[str, dict[str, Any]] = {}
    if not isinstance(module, dict):
        return found
    found[prefix] = {"module": module}
    for name, call in (module.get("module_calls") or {}).items():
        if isinstance(call, dict):
            inner = module_index(call.get("module"), f"{prefix}module.{name}.")
            if f"{prefix}module.{name}." in inner:
                inner[f"{prefix}module.{name}."]["call"] = call
            found.update(inner)
    return found


def _references(expr: Any) -> list[str]:
    refs = expr.get("references") if isinstance(expr, dict) else None
    return [str(r) for r in refs] if isinstance(refs, list) else []


def resolved_reads(
    ref: str, prefix: str, modules: dict[str, dict[str, Any]], hops: int = 0
) -> Iterator[tuple[str, str]]:
    """``(module prefix, reference)`` of the resource reads ``ref`` (made in the module at
    ``prefix``) comes to, through module inputs (``var.x``: the call's expression) and
    outputs (``module.m.out``: the output's expression)."""
    if hops > _MOST_HOPS:
        return
    parts = re.split(r"[.\[]", ref)
    if parts[0] == "var" and len(parts) > 1 and prefix:
        call = modules.get(prefix, {}).get("call")
        expressions = call.get("expressions") if isinstance(call, dict) else None
        parent = re.sub(r"module\.[\w-]+\.$", "", prefix)
        if isinstance(expressions, dict):
            for inner in _references(expressions.get(parts[1])):
                yield from resolved_reads(inner, parent, modules, hops + 1)
    elif parts[0] == "module" and len(parts) > 2:
        child = f"{prefix}module.{parts[1]}."
        outputs = modules.get(child, {}).get("module", {}).get("outputs")
        output = outputs.get(parts[2]) if isinstance(outputs, dict) else None
        if isinstance(output, dict):
            for inner in _references(output.get("expression")):
                yield from resolved_reads(inner, child, modules, hops + 1)
    elif parts[0] not in ("var", "local", "each", "count", "path", "terraform", "self"):
        yield prefix, ref


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
    config_address: Any, modules: dict[str, dict[str, Any]] | None = None,
) -> None:
    """Turn the strings the configuration reads from another resource's name, ARN, URL ...
    into :class:`Pointer` s, in place (``config_address`` drops instance keys); ``modules``
    (:func:`module_index`): reads through module inputs and outputs are followed."""
    planned = {r.address: r for r in resources}
    by_config: dict[str, list[TfResource]] = {}
    for resource in resources:
        by_config.setdefault(config_address(resource.address), []).append(resource)
    for resource in resources:
        module = f"{resource.module}." if resource.module else ""
        own = config_address(module)
        for path, refs in reads.get(config_address(resource.address), ()):
            pointed = set()
            for ref in refs:
                for where, read in resolved_reads(ref, own, modules or {}):
                    match = _READ.match(read)
                    if match is None:
                        continue
                    rtype, name, index, attribute = match.groups()
                    if not pointer_attribute(attribute) or secret_attribute(rtype, [attribute]):
                        continue
                    if where == own:
                        found = planned.get(f"{module}{rtype}.{name}{index or ''}")
                        sources = [found] if found is not None else []
                    else:  # another module's resource: each of its instances
                        sources = by_config.get(f"{where}{rtype}.{name}", [])
                    for source in sources:
                        value = source.values.get(attribute)
                        if type(value) is str and value:
                            pointed.add(value)
            place = _at(resource.values, path) if pointed else None
            if place is not None:
                _mark(*place, pointed)
