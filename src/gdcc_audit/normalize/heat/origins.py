"""Where a Heat resource's values are written when a parameter gives them: the line a user
changes (``Resource.value_origins``; a FAIL says ``value set at FILE:LINE``, as for
Terraform variables and CloudFormation parameters).

A property written ``get_param: name`` takes its value from, in this order: the environment
file of the variant read (``normalize.heat.environments``), the property of the parent
template that passes it (``normalize.heat.nesting``), or the parameter's ``default``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.interface import Document
from gdcc_audit.load.yamltree import escape
from gdcc_audit.normalize.defaults import value_origins

#: Facets decided by several properties of a Heat type (what ``defaults.value_origins``'
#: one attribute per facet does not say): facet -> the property paths' prefixes.
_DECIDING: dict[str, dict[str, tuple[str, ...]]] = {
    "OS::Neutron::SecurityGroup": {
        "ingress": ("rules.",),
    },
    "OS::Neutron::SecurityGroupRule": {
        "ingress": ("remote_ip_prefix", "port_range_min", "port_range_max", "protocol",
                    "direction", "ethertype"),
    },
}
_MAX_DEPTH = 20


def parameter_origins(
    document: Document,
    raw: Any,
    passed: Mapping[str, str] | None,
    at: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Property path (``rules.0.remote_ip_prefix``) -> ``file:line`` of the value of each
    property written as ``get_param`` (``passed``: where the parents pass each parameter;
    ``at``: where the variant's environment sets them)."""
    declared = document.data.get("parameters")
    if not isinstance(raw, Mapping) or not isinstance(declared, Mapping):
        return {}
    passed = passed or {}
    lines = document.lines
    found: dict[str, str] = {}

    def origin(name: str) -> str | None:
        if at and name in at:
            return at[name]
        if passed.get(name):
            return passed[name]
        spec = declared.get(name)
        if isinstance(spec, Mapping) and "default" in spec and lines is not None:
            line = lines.line_of(f"/parameters/{escape(name)}/default")
            return f"{document.path}:{line}" if line is not None else None
        return None

    def walk(value: Any, path: str, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        if isinstance(value, Mapping):
            arg = value.get("get_param") if len(value) == 1 else None
            name = arg[0] if isinstance(arg, list) and arg else arg
            if path and isinstance(name, str):
                where = origin(name)
                if where is not None:
                    found[path] = where
                return
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else str(key), depth + 1)
        elif isinstance(value, list) and path:
            for index, item in enumerate(value):
                walk(item, f"{path}.{index}", depth + 1)

    walk(raw, "", 0)
    return found


def heat_value_origins(provider_type: str, origins: Mapping[str, str]) -> dict[str, str]:
    """Facet -> the places its deciding values are written (``origins``: property path ->
    ``file:line``)."""
    found = value_origins(provider_type, origins)
    for facet, prefixes in _DECIDING.get(provider_type, {}).items():
        places = [
            where for path, where in origins.items()
            if any(path == p or path.startswith(p) for p in prefixes)
        ]
        if places and facet not in found:
            found[facet] = ", ".join(dict.fromkeys(places))
    return found
