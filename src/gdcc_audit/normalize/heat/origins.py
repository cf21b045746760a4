"""Where a Heat resource's values are written when a parameter gives them: the line a user
changes (a FAIL says ``value set at FILE:LINE``, as for Terraform variables and
CloudFormation parameters): ``Resource.value_origins`` for a facet one attribute decides, and
each inbound rule's ``set_at`` (``IngressRule``) for security groups.

A property written ``get_param: name`` takes its value from, in this order: the environment
file of the variant read (``normalize.heat.environments``), the property of the parent
template that passes it (``normalize.heat.nesting``), or the parameter's ``default``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from gdcc_audit.load.interface import Document
from gdcc_audit.load.yamltree import escape
from gdcc_audit.models.resource import IngressRule
from gdcc_audit.normalize.cloudformation.values import as_list
from gdcc_audit.normalize.heat.types import neutron_rule
from gdcc_audit.normalize.nested_outputs import ORIGINS, output_origin
from gdcc_audit.normalize.stacks import conditional, parameter_paths


def parameter_origins(
    document: Document,
    raw: Any,
    passed: Mapping[str, str] | None,
    at: Mapping[str, str] | None = None,
    decide: Callable[[Any], bool | None] | None = None,
    asked: set[str] | None = None,
) -> dict[str, str]:
    """Property path (``rules.0.remote_ip_prefix``) -> ``file:line`` of the value of each
    property written as ``get_param`` (``passed``: where the parents pass each parameter;
    ``at``: where the variant's environment sets them; ``decide``: a condition's value, for
    a property ``if`` chooses: the parameters its condition reads are named too; ``asked``:
    gets the name of each parameter whose origin is looked up)."""
    declared = document.data.get("parameters")
    outputs: Mapping[str, Mapping[str, str]] = document.meta.get(ORIGINS) or {}
    if not isinstance(raw, Mapping) or not (isinstance(declared, Mapping) or outputs):
        return {}
    declared = declared if isinstance(declared, Mapping) else {}
    passed = passed or {}
    lines = document.lines

    def origin(name: str) -> str | None:
        if asked is not None:
            asked.add(name)
        if at and name in at:
            return at[name]
        if passed.get(name):
            return passed[name]
        spec = declared.get(name)
        if isinstance(spec, Mapping) and "default" in spec and lines is not None:
            line = lines.line_of(f"/parameters/{escape(name)}/default")
            return f"{document.path}:{line}" if line is not None else None
        return None

    choose = conditional(document.data.get("conditions"), "if", "get_param", decide) if (
        decide is not None
    ) else None
    attribute = ("get_attr", partial(output_origin, outputs)) if outputs else None
    return parameter_paths(raw, "get_param", origin, choose=choose, attribute=attribute)



def rules_set_at(
    ingress: Sequence[IngressRule] | None, rules: Any, origins: Mapping[str, str], prefix: str
) -> tuple[IngressRule, ...] | None:
    """``ingress`` (read from the resolved Neutron ``rules`` in order, egress and unreadable
    entries left out: ``heat.types.neutron_rule``) with each rule's ``set_at``: where the
    parameter values of that rule are written (``origins``: property path -> ``file:line``;
    ``prefix``: the rules' path, ``rules.`` for a group, empty for an
    ``OS::Neutron::SecurityGroupRule``; a whole list from a parameter counts for each)."""
    items = as_list(rules)
    if not ingress or not origins or items is None:
        return tuple(ingress) if ingress is not None else None
    whole = [w for p, w in origins.items() if prefix and p == prefix[:-1]]
    found: list[IngressRule] = []
    remaining = list(ingress)
    for index, item in enumerate(items):
        if not remaining or neutron_rule(item) is None:
            continue
        rule = remaining.pop(0)
        at = f"{prefix}{index}." if prefix else ""
        places = whole + [w for p, w in origins.items() if p.startswith(at)]
        found.append(
            rule.model_copy(update={"set_at": ", ".join(dict.fromkeys(places))}) if places
            else rule
        )
    return (*found, *remaining)
