"""Security-group lists that name a group the scan does not hold.

An AWS resource in several security groups is admitted by the union of their rules. When one
group of the list is in the scan and another is not (a literal ``sg-…`` id, the output of a
module that was not downloaded, a ``data "aws_security_group"`` lookup), the groups in the
scan are not all that filters it: the resource graph must not read their rules as the whole
(an instance in an empty group of the scan and a group from ``module.sg`` PASSed
GDCC-GRAPH-002 though that group may open SSH). ``not_in_scan`` lists such members; the
graph then adds an uncertain way in on every port next to what the known groups admit.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.normalize.group_lists import GROUPS_MAYBE, GROUPS_MAYBE_NONE, GROUPS_NOT_IN_SCAN
from gdcc_audit.normalize.terraform.context import (
    BEYOND,
    TfContext,
    may_be_beyond,
    may_be_unset,
)

#: Arguments (at any block depth) that list or name VPC security groups.
_GROUP_ARGUMENTS = frozenset({
    "vpc_security_group_ids", "security_group_ids", "security_groups",
    "additional_master_security_groups", "additional_slave_security_groups",
    "emr_managed_master_security_group", "emr_managed_slave_security_group",
})  # fmt: skip
_GROUP_TYPES = ("aws_security_group", "aws_default_security_group")
#: Arguments named like a group list that hold something else.
_NOT_GROUPS = {"aws_elb": frozenset({"security_groups"})}


def _lists(values: Mapping[str, Any], path: str = "") -> Iterator[tuple[str, Any]]:
    """``(path, value)`` of every group argument in ``values`` and its nested blocks."""
    for key, value in values.items():
        here = f"{path}{key}"
        if key in _GROUP_ARGUMENTS:
            yield here, value
        elif isinstance(value, dict):
            yield from _lists(value, here + ".")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    yield from _lists(item, f"{here}.{index}.")


def _scanned_group(found: TfResource | None) -> bool:
    """A security group the scan manages (a data source looks up one made elsewhere)."""
    return found is not None and found.mode == "managed" and found.type in _GROUP_TYPES


#: ``TfContext.memo`` key of :func:`group_names`.
_NAMES = "group_lists.names"


def group_names(ctx: TfContext) -> set[Any]:
    """The ``name`` of every security group of the scan, read once per scan (kept in the
    root's shared cache, or ``ctx.memo``): read for every resource whose list writes a
    literal, it made the mapping quadratic (a 20 MB file: 53 s of 134 in cProfile when read
    for every AWS resource)."""
    shared = ctx.document.whole_root  # a root's documents share one index
    cache = shared.cache if shared is not None else ctx.memo
    names: set[Any] | None = cache.get(_NAMES)
    if names is None:
        names = cache[_NAMES] = {
            g.values.get("name") for t in _GROUP_TYPES for g in ctx.by_type.get(t, ())
        }
    return names


def not_in_scan(resource: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``{GROUPS_NOT_IN_SCAN: [...]}`` when a group list of an AWS resource holds a member
    that is not a security group of the scan (and at least one that is: a list of only
    unknown members already leaves the filtering unknown), or may be a value beyond the
    configuration (``[coalesce(var.sg, aws_security_group.a.id)]``: ``a`` was read as the
    whole, a PASS though ``var.sg`` may open anything); ``{GROUPS_MAYBE: [...]}`` the groups
    of the scan that are only candidates (``[var.x ? a.id : b.id]``, ``var.x ? [a.id] :
    [b.id]``: both were certain members, a FAIL from a group it may not be in);
    ``{GROUPS_MAYBE_NONE: True}`` when a list may be empty (``var.x ? [a.id] : []``: the VPC's
    default group then holds it; ``a`` was read as its only group, a PASS though the default
    group may admit anything); else ``{}``."""
    if not resource.type.startswith("aws_") or resource.type in _GROUP_TYPES:
        return {}
    skipped = _NOT_GROUPS.get(resource.type, frozenset())
    missing: list[str] = []
    maybe: list[str] = []
    empty = False
    for path, value in _lists(resource.values):
        if path.rsplit(".", 1)[-1] in skipped or value is None:
            continue
        if any(r.attribute == path or r.attribute.startswith(path + ".")
               for r in resource.references):
            # as ``TfContext.listed``, the list read at its path (in a block too)
            named = ctx.referenced_all(resource, path, _GROUP_TYPES)
            beyond = may_be_beyond(resource, path)
            chosen = any(p == path or p.startswith(path + ".") for p in resource.chosen)
            if isinstance(value, list):
                # an item chooses (``[coalesce(var.sg, a.id)]``, ``[var.x ? a.id : b.id]``);
                # ``concat([a.id], var.extra)`` holds ``a`` whatever else it holds
                perhaps = len(named) > len(value) or (chosen and beyond)
            else:
                # the list as a whole is chosen (``var.x ? [a.id] : var.groups``); one built
                # with ``concat`` / ``compact`` holds its references whatever else it holds
                perhaps = chosen
            if perhaps:
                maybe.extend(g.address for g in named if _scanned_group(g))
            if beyond and named:
                missing.append(f"{path}: {BEYOND}")
            if named and may_be_unset(resource, path) and not (
                isinstance(value, list) and value
            ):
                empty = True
        if value is UNKNOWN:
            continue  # a whole list not known: nothing to count members against
        items = value if isinstance(value, list) else [value]
        refs = [r for r in resource.references if r.attribute == path
                or r.attribute.startswith(path + ".")]
        targets = [(r.target, ctx.resolve(resource, r.target)) for r in refs]
        found = {t.address for _, t in targets if t is not None and _scanned_group(t)}
        outside = [label for label, t in targets if not _scanned_group(t)]
        literals = [i for i in items if isinstance(i, str) and i]
        if literals:
            names = group_names(ctx)
            literals = [i for i in literals if i not in names]
        computed = sum(1 for i in items if i is UNKNOWN)
        if not found and not literals:
            continue
        missing.extend(literals)
        extra = computed - len(found)
        if extra > 0:
            missing.extend(outside[:extra] or [f"{extra} member(s) of {path} computed"])
    noted: dict[str, Any] = {}
    if missing:
        noted[GROUPS_NOT_IN_SCAN] = list(dict.fromkeys(missing))
    if maybe:
        noted[GROUPS_MAYBE] = list(dict.fromkeys(maybe))
    if empty:
        noted[GROUPS_MAYBE_NONE] = True
    return noted
