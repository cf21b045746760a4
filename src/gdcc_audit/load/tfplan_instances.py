"""Which instance a counted or keyed reference of a plan names (issue 12).

A plan's configuration lists what each expression reads, not the expression:
``bucket = aws_s3_bucket.b[count.index].id`` and ``element(aws_s3_bucket.b[*].id,
count.index)`` are both ``["aws_s3_bucket.b", "count.index"]`` (Terraform's JSON output,
"expression representation": the index is not a constant, so the reference stops at the
resource). Read alone, ``aws_s3_bucket.b`` names every instance of ``b`` and a companion
written so would be one of several candidates on each. What the list shows is enough when it
holds nothing else: the argument reads ``b`` through ``count.index`` alone, so instance ``i``
of the companion names ``b[i]`` when both have as many instances (``b[count.index]``;
``element`` wraps only past the end). ``[each.key]`` the same for ``for_each``, and
``each.value`` of a resource whose ``for_each`` is one resource (``for_each =
aws_s3_bucket.m``, ``bucket = each.value.id``) names ``m[each.key]``. Anything more in the
list (an input, a local value, a condition's other branch) and nothing is designated.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from gdcc_audit.load.terraform_model import TfResource

COUNT_KEY = "[count.index]"
EACH_KEY = "[each.key]"


def instance_templates(
    module: Any, target: Callable[[str, str], str | None], prefix: str = ""
) -> dict[str, dict[str, str]]:
    """Config address -> value path -> ``R[count.index]`` / ``R[each.key]`` for each argument
    whose references name one resource ``R`` through the instance's own key (see the module
    docstring). ``target`` turns a reference into a resource address (None for an input)."""
    found: dict[str, dict[str, str]] = {}
    if not isinstance(module, dict):
        return found
    for resource in module.get("resources") or []:
        if not isinstance(resource, dict) or "address" not in resource:
            continue
        each = _refs(resource.get("for_each_expression"))
        over = {target(ref, prefix) for ref in each}
        whole = next(iter(over)) if len(over) == 1 and None not in over else None
        templates: dict[str, str] = {}
        for path, refs in _paths(resource.get("expressions") or {}, ""):
            template = _template(refs, target, prefix, whole)
            if template is not None:
                templates[path] = template
        if templates:
            found[prefix + str(resource["address"])] = templates
    for name, call in (module.get("module_calls") or {}).items():
        if isinstance(call, dict):
            inner = call.get("module")
            found.update(instance_templates(inner, target, f"{prefix}module.{name}."))
    return found


def designate(
    resources: list[TfResource], templates: dict[str, dict[str, str]], base: Callable[[str], str]
) -> None:
    """Write each template that holds for an instance into its ``designated``: a
    ``[count.index]`` one when the instance is counted and the resource it names has as many
    instances; a ``[each.key]`` one when the instance has a key."""
    if not templates:
        return
    counts = Counter(base(r.address) for r in resources)
    for resource in resources:
        own = base(resource.address)
        for path, template in templates.get(own, {}).items():
            named = template.split("[", 1)[0]
            if template.endswith(COUNT_KEY):
                if isinstance(resource.index, int) and counts[named] == counts[own]:
                    resource.designated.setdefault(path, template)
            elif isinstance(resource.index, str):
                resource.designated.setdefault(path, template)


def _template(
    refs: list[str], target: Callable[[str, str], str | None], prefix: str, whole: str | None
) -> str | None:
    """``R[count.index]`` / ``R[each.key]`` when ``refs`` read one keyless resource ``R``
    through the instance's key and nothing else; ``whole[each.key]`` for ``each.value`` of a
    ``for_each`` over one resource."""
    named: set[str] = set()
    keys: set[str] = set()
    for ref in refs:
        if ref in ("count.index", "each.key"):
            keys.add(ref)
        elif ref.startswith("each.value"):
            keys.add("each.value")
        else:
            address = target(ref, prefix)
            if address is None or "[" in address:
                return None  # an input, a local value, a keyed instance: more than the key
            named.add(address)
    if len(keys) != 1:
        return None
    key = next(iter(keys))
    if key == "each.value":
        return f"{whole}{EACH_KEY}" if whole is not None and not named else None
    if len(named) != 1:
        return None
    return next(iter(named)) + (COUNT_KEY if key == "count.index" else EACH_KEY)


def _refs(expr: Any) -> list[str]:
    refs = expr.get("references") if isinstance(expr, dict) else None
    return [str(ref) for ref in refs] if isinstance(refs, list) else []


def _paths(expr: Any, path: str) -> list[tuple[str, list[str]]]:
    """Every value path of a resource's ``expressions`` with the references listed there."""
    if isinstance(expr, list):
        return [
            item
            for index, value in enumerate(expr)
            for item in _paths(value, f"{path}.{index}" if path else str(index))
        ]
    if not isinstance(expr, dict):
        return []
    refs = expr.get("references")
    if isinstance(refs, list) and path:
        return [(path, [str(ref) for ref in refs])]
    return [
        item
        for key, value in expr.items()
        if key != "constant_value"
        for item in _paths(value, f"{path}.{key}" if path else key)
    ]
