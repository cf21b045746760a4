"""Which resource an argument's value designates, as far as the configuration shows it.

The evaluator carries a resource's ``id`` (an AWS resource's ``arn``) as a
:class:`~gdcc_audit.load.terraform.values.Computed` naming that instance: the argument
designates it (``TfResource.designated``). Otherwise an argument that *chooses* among values
may still name something the configuration does not hold (``TfResource.beyond``), so a
companion cannot be certain it configures the resource it references:

- a condition not known, with a branch that reads no resource (``var.create ?
  aws_s3_bucket.a.id : var.bucket``);
- ``coalesce(var.bucket, aws_s3_bucket.b.id)``: an input not known may be set, and is then
  the value; ``try(var.config.bucket, aws_s3_bucket.b.id)`` the same (an input read as a
  whole, ``try(var.x, ...)``, never fails: it is the value);
- ``lookup(var.buckets, key, aws_s3_bucket.b.id)``, ``one(...)``, ``element(...)`` of a
  list holding an input; a local value written as one of these is followed, and so is a
  module input the module call sets so (``bucket_id = coalesce(var.existing,
  aws_s3_bucket.logs.id)`` read in the module as ``var.bucket_id``).

An input that is known decides: null (a default no caller changes) falls through to the
resource, which is then designated; a value (``coalesce("logs", aws_s3_bucket.b.id)``) is the
value, and the argument designates no resource by reference at all (:data:`NOWHERE`). An
output of a module that was not read counts as a value reading no resource.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.load.terraform.ast import (
    Attr,
    Call,
    Conditional,
    ForExpr,
    ObjectExpr,
    Template,
    Traversal,
    TupleExpr,
    Var,
)
from gdcc_audit.load.terraform.evaluate import (
    FAILURES,
    Context,
    ItemRefs,
    evaluate,
    evaluate_pending,
)
from gdcc_audit.load.terraform.secret_sources import SECRET_MARK
from gdcc_audit.load.terraform.values import is_unknown, map_key, to_bool
from gdcc_audit.models.unknown import UNKNOWN

#: ``TfResource.designated`` of an argument whose value is known and was chosen from a part
#: reading no resource: it designates no resource of the configuration by its references.
NOWHERE = ""
#: A reference to a module call itself (an output of a module not read), not to a resource.
_MODULE_CALL = re.compile(r"^(?:module\.[^.\[]+(?:\[[^\]]*\])?\.)*module\.[^.\[]+(?:\[[^\]]*\])?$")
#: How deep conditions, choosing functions and local values are followed.
_DEPTH = 8
#: Functions whose value is one of their arguments (or an item of one).
_CHOOSING = frozenset({"coalesce", "try", "lookup", "one", "element"})
#: Functions whose list holds the items of their arguments.
_LISTING = frozenset(
    {"concat", "compact", "flatten", "tolist", "toset", "distinct", "coalescelist"}
)


@dataclass
class Choices:
    """The value paths of a resource whose choosing expression may give a value reading no
    resource (``TfResource.beyond``) or null / ``""`` / ``[]`` (``TfResource.unset``)."""

    beyond: list[str] = field(default_factory=list)
    unset: list[str] = field(default_factory=list)
    #: ``TfResource.chosen``: every such path whose expression chooses (a condition, a
    #: choosing function), beyond or not.
    chosen: list[str] = field(default_factory=list)
    #: ``TfResource.results``: for an argument of ``RESULT_NAMES`` whose value a condition
    #: not known chooses, each value it may be with the resources that value reads.
    results: dict[str, tuple[tuple[Any, tuple[str, ...]], ...]] = field(default_factory=dict)


#: Arguments whose possible values a reader judges one by one (``TfResource.results``): a
#: Kubernetes pod's ``service_account_name`` (``var.own ? kubernetes_service_account_v1.a.
#: metadata[0].name : "builder"``).
RESULT_NAMES = frozenset({"service_account_name"})


def possible_results(expr: Any, ctx: Context, depth: int = 0) -> list[tuple[Any, tuple[str, ...]]]:
    """Each value ``expr`` may have, its conditions not known (nested ones and local values or
    module inputs written as one followed; a condition known picks its result), with the
    resources each reads: ``[(value or UNKNOWN, (reference, ...)), ...]``. One item when
    nothing is chosen."""
    kind = type(expr)
    if depth <= _DEPTH:
        if kind is Conditional:
            cond = evaluate_pending(expr.cond, _probe(ctx))
            if is_unknown(cond):
                found = possible_results(expr.then, ctx, depth + 1)
                found += [r for r in possible_results(expr.other, ctx, depth + 1) if r not in found]
                return found
            try:
                return possible_results(expr.then if to_bool(cond) else expr.other, ctx, depth + 1)
            except FAILURES:
                pass
        elif kind is Template and len(expr.parts) == 1 and not isinstance(expr.parts[0], str):
            return possible_results(expr.parts[0], ctx, depth + 1)
        else:
            followed = _followed(expr, ctx)
            if followed is not None and _choosing(followed[0], followed[1], depth + 1):
                return possible_results(followed[0], followed[1], depth + 1)
    probe = _probe(ctx)
    try:
        value = evaluate_pending(expr, probe)
    except FAILURES:
        value = None
    refs = tuple(sorted(
        ref for ref in probe.refs if not ref.startswith(SECRET_MARK) and not _MODULE_CALL.match(ref)
    ))
    if is_unknown(value) or not isinstance(value, (str, int, float, bool, type(None))):
        value = UNKNOWN
    return [(value, refs)]


@dataclass(frozen=True)
class _Picked:
    """What a chosen value may be: the resources the parts it may come from read, and
    whether a part reading none (an input, a literal) may be it."""

    refs: frozenset[str] = frozenset()
    beyond: bool = False
    #: whether a part giving null or ``""`` (nothing) may be it
    empty: bool = False

    def __or__(self, other: _Picked) -> _Picked:
        return _Picked(
            self.refs | other.refs, self.beyond or other.beyond, self.empty or other.empty
        )


def reads_beyond(expr: Any, ctx: Context) -> tuple[bool, bool]:
    """Whether ``expr``, whose value is not known, may give a value that reads no resource
    (an input, a literal other than null or ``""``), and whether it may give null or ``""``
    (``var.encrypt ? aws_kms_key.k.arn : null``: the argument may be left unset). Only an
    expression that chooses (a condition, ``coalesce``, ``try``, ``lookup``, ``one``,
    ``element``, a local value written so) is judged: any other gives (False, False)."""
    if not _choosing(expr, ctx, 0):
        return False, False
    picked = _pick(expr, ctx, 0)
    return picked.beyond, picked.empty


def lists_beyond(expr: Any, ctx: Context) -> bool:
    """Whether ``expr``, a list built by ``concat`` / ``compact`` / ``flatten``... whose value
    is not known, may hold an item that reads no resource (``concat([aws_security_group.a.id],
    var.extra)``, ``var.extra`` not known): its resources are not all it holds."""
    if type(expr) is not Call or expr.expand or expr.name.removeprefix("core::") not in _LISTING:
        return False
    return _pick(expr, ctx, 0).beyond


def item_refs(expr: Any, ctx: Context) -> dict[str, ItemRefs]:
    """The resources each item of a ``for_each`` map written in place reads, by key
    (``{ api = aws_lambda_function.api.invoke_arn }``, or a local value written so): an
    item's value, known only after apply, names no resource once bound to ``each.value``
    (an integration over such a map called no function: the API reached nothing). An item
    written as an object also gives what each of its attributes reads (:class:`ItemRefs`):
    ``cidr_block = each.value.cidr`` reads ``cidr`` only, not the item's security group."""
    followed = _followed(expr, ctx)
    if followed is not None:
        expr, ctx = followed
    if _filters(expr):
        # ``{ for k, v in var.policies : k => v if var.create }`` keeps items of the map as
        # they are (terraform-aws-iam's policy attachments): what each item reads is the
        # map's (it read nothing, so a role held no policy of the scan it attached)
        return item_refs(expr.collection, ctx)
    if type(expr) is not ObjectExpr:
        return {}
    found: dict[str, ItemRefs] = {}
    for key_expr, value_expr in expr.items:
        try:
            key = evaluate(key_expr, _probe(ctx))
        except FAILURES:
            continue
        if is_unknown(key) or not isinstance(key, str | int | float):
            continue
        item = _item_refs(value_expr, ctx, 0)
        if item.refs:
            found[map_key(key)] = item
    return found


def _item_refs(expr: Any, ctx: Context, depth: int) -> ItemRefs:
    """What ``expr`` reads, and what each attribute of it reads when it is an object written
    in place (a local value written as one followed)."""
    probe = _probe(ctx)
    evaluate_pending(expr, probe)
    refs = frozenset(
        r for r in probe.refs if not r.startswith(SECRET_MARK) and not _MODULE_CALL.match(r)
    )
    if not refs or depth > _DEPTH:
        return ItemRefs(refs)
    followed = _followed(expr, ctx)
    if followed is not None:
        expr, ctx = followed
    if type(expr) is TupleExpr:
        # ``[{ port = 443, group = aws_security_group.a.id }, ...]``: by index ("0", "1")
        return ItemRefs(refs, {
            str(i): _item_refs(item, ctx, depth + 1) for i, item in enumerate(expr.items)
        })
    if type(expr) is Call and expr.name.removeprefix("core::") == "merge" and not expr.expand:
        return ItemRefs(refs, _merged_parts(expr, ctx, depth))
    if type(expr) is not ObjectExpr:
        return ItemRefs(refs)
    parts = _object_parts(expr, ctx, depth)
    return ItemRefs(refs) if parts is None else ItemRefs(refs, parts)


def _object_parts(expr: ObjectExpr, ctx: Context, depth: int) -> dict[str, ItemRefs] | None:
    """What each attribute of an object written in place reads; None when a key is not
    known (it may be any attribute read)."""
    parts: dict[str, ItemRefs] = {}
    for key_expr, value_expr in expr.items:
        try:
            key = evaluate(key_expr, _probe(ctx))
        except FAILURES:
            return None
        if is_unknown(key) or not isinstance(key, str | int | float):
            return None
        parts[map_key(key)] = _item_refs(value_expr, ctx, depth + 1)
    return parts


def _merged_parts(expr: Call, ctx: Context, depth: int) -> dict[str, ItemRefs]:
    """What each attribute of ``merge(...)`` reads: an attribute comes from the last
    argument written as an object that has it, unless an argument after that one, not
    written so (``var.extra``, ``each.value``), holds it: then it may read what that one
    reads too. An attribute no object names is not given (the whole item's is read)."""
    parts: dict[str, ItemRefs] = {}
    for arg in expr.args:
        followed = _followed(arg, ctx)
        arg_expr, arg_ctx = followed if followed is not None else (arg, ctx)
        known = (
            _object_parts(arg_expr, arg_ctx, depth) if type(arg_expr) is ObjectExpr else None
        )
        if known is not None:
            parts.update(known)  # it replaces the attributes of the arguments before it
            continue
        probe = _probe(ctx)
        evaluate_pending(arg, probe)
        extra = frozenset(
            r for r in probe.refs if not r.startswith(SECRET_MARK) and not _MODULE_CALL.match(r)
        )
        if extra:  # it may replace any attribute: each may read it too, read whole
            parts = {k: ItemRefs(v.refs | extra) for k, v in parts.items()}
    return parts


def _filters(expr: Any) -> bool:
    """Whether ``expr`` is a ``for`` expression that keeps items of a map unchanged, under
    their own keys (``{ for k, v in m : k => v if cond }``, with or without ``if``)."""
    return (
        type(expr) is ForExpr
        and not expr.group
        and expr.key_var is not None
        and type(expr.key) is Var
        and expr.key.name == expr.key_var
        and type(expr.value) is Var
        and expr.value.name == expr.value_var
    )


def chooses(expr: Any, ctx: Context, depth: int = 0) -> bool:
    """Whether ``expr`` chooses its value among parts at apply time (a condition not known,
    ``coalesce``, ``try``, ``lookup``, ``one``, ``element``, a list holding one, a local value
    or module input written so); a condition known stands for the result it takes."""
    if depth > _DEPTH:
        return False
    kind = type(expr)
    if kind is Conditional:
        cond = evaluate_pending(expr.cond, _probe(ctx))
        if is_unknown(cond):
            return True
        try:
            taken = expr.then if to_bool(cond) else expr.other
        except FAILURES:
            return True
        return chooses(taken, ctx, depth + 1)
    if kind is Template and len(expr.parts) == 1 and not isinstance(expr.parts[0], str):
        return chooses(expr.parts[0], ctx, depth + 1)
    if kind is TupleExpr:
        return any(chooses(item, ctx, depth + 1) for item in expr.items)
    if kind is Call:
        return expr.name.removeprefix("core::") in _CHOOSING and not expr.expand
    followed = _followed(expr, ctx)
    return followed is not None and chooses(followed[0], followed[1], depth + 1)


def designates_nothing(expr: Any, ctx: Context) -> bool:
    """Whether ``expr``, whose value is known, chose it from a part reading no resource
    (``coalesce(var.bucket, aws_s3_bucket.b.id)`` with ``bucket = "logs"``)."""
    if not _choosing(expr, ctx, 0):
        return False
    picked = _pick(expr, ctx, 0)
    return picked.beyond and not picked.refs


def _choosing(expr: Any, ctx: Context, depth: int) -> bool:
    kind = type(expr)
    if depth > _DEPTH:
        return False
    if kind is Conditional:
        return True
    if kind is Call:
        return expr.name.removeprefix("core::") in _CHOOSING and not expr.expand
    if kind is Template and len(expr.parts) == 1 and not isinstance(expr.parts[0], str):
        return _choosing(expr.parts[0], ctx, depth + 1)
    if kind is TupleExpr:  # ``[coalesce(var.g, a.id)]``: an item chooses
        return any(_choosing(item, ctx, depth + 1) for item in expr.items)
    followed = _followed(expr, ctx)
    return followed is not None and _choosing(followed[0], followed[1], depth + 1)


def _pick(expr: Any, ctx: Context, depth: int) -> _Picked:
    """What the value of ``expr`` may be read from."""
    kind = type(expr)
    if depth > _DEPTH:
        return _leaf(expr, ctx)
    if kind is Conditional:
        cond = evaluate_pending(expr.cond, _probe(ctx))
        if is_unknown(cond):
            return _pick(expr.then, ctx, depth + 1) | _pick(expr.other, ctx, depth + 1)
        try:
            branch = expr.then if to_bool(cond) else expr.other
        except FAILURES:
            return _leaf(expr, ctx)
        return _pick(branch, ctx, depth + 1)
    if kind is Template and len(expr.parts) == 1 and not isinstance(expr.parts[0], str):
        return _pick(expr.parts[0], ctx, depth + 1)
    if kind is TupleExpr:  # (``[]``: nothing)
        picked = [_pick(item, ctx, depth + 1) for item in expr.items]
        return _union(picked) if picked else _Picked(empty=True)
    if kind is Call and not expr.expand:
        name = expr.name.removeprefix("core::")
        if name in ("coalesce", "try"):
            return _first(expr.args, ctx, depth, name == "try")
        if name == "lookup" and len(expr.args) in (2, 3):
            return _lookup(expr.args, ctx, depth)
        if name in ("one", "element") and expr.args:
            return _pick(expr.args[0], ctx, depth + 1)
        if name in _LISTING:
            return _union([_pick(arg, ctx, depth + 1) for arg in expr.args])
    followed = _followed(expr, ctx)
    if followed is not None and _choosing(followed[0], followed[1], depth + 1):
        return _pick(followed[0], followed[1], depth + 1)
    return _leaf(expr, ctx)


def _first(args: tuple[Any, ...], ctx: Context, depth: int, errors: bool) -> _Picked:
    """``coalesce`` (the first argument neither null nor ``""``) or ``try`` (the first that
    does not fail): every argument that may be the value, up to the first known one."""
    found = _Picked()
    for arg in args:
        try:
            value = evaluate(arg, _probe(ctx))
        except FAILURES:
            if errors:
                continue
            value = None
        if not errors and (value is None or value == ""):
            continue
        found |= _pick(arg, ctx, depth + 1)
        if not is_unknown(value) or getattr(value, "never_empty", False):
            break
        if errors and _whole_input(arg):
            break  # ``try(var.x, ...)``: an input read whole never fails
    return found


def _lookup(args: tuple[Any, ...], ctx: Context, depth: int) -> _Picked:
    """``lookup(map, key, default)``: the map's item, or the default when the key may be
    absent."""
    mapping = evaluate_pending(args[0], _probe(ctx))
    key = evaluate_pending(args[1], _probe(ctx))
    default = _pick(args[2], ctx, depth + 1) if len(args) == 3 else _Picked()
    if isinstance(mapping, dict) and isinstance(key, str):
        return _leaf(args[0], ctx) if key in mapping else default
    return _leaf(args[0], ctx) | default


def _leaf(expr: Any, ctx: Context) -> _Picked:
    """What an expression that does not choose reads: resources, else (a value neither null
    nor empty) something beyond them."""
    probe = _probe(ctx)
    value = evaluate_pending(expr, probe)
    refs = frozenset(
        ref for ref in probe.refs if not ref.startswith(SECRET_MARK) and not _MODULE_CALL.match(ref)
    )
    if refs:
        return _Picked(refs)
    nothing = _nothing(value)
    return _Picked(beyond=not nothing, empty=nothing)


def _nothing(value: Any) -> bool:
    """Null, ``""``, or a list / map holding nothing else."""
    if value is None or value == "":
        return True
    if isinstance(value, list):
        return all(_nothing(item) for item in value)
    if isinstance(value, dict):
        return all(_nothing(item) for item in value.values())
    return False


def _union(picks: list[_Picked]) -> _Picked:
    found = _Picked()
    for pick in picks:
        found |= pick
    return found


def _whole_input(expr: Any) -> bool:
    """``var.NAME`` alone."""
    return (
        type(expr) is Traversal
        and type(expr.base) is Var
        and expr.base.name == "var"
        and len(expr.ops) == 1
        and type(expr.ops[0]) is Attr
    )


def _followed(expr: Any, ctx: Context) -> tuple[Any, Context] | None:
    """The expression a whole ``local.NAME`` or ``var.NAME`` stands for, with the context it
    is read in: the local value's definition in this module, or the argument of the module
    call that sets the input (in the calling module, with the ``count.index`` / ``each`` of
    the instance for a call with ``count`` / ``for_each``). None for anything else."""
    if not (
        type(expr) is Traversal
        and type(expr.base) is Var
        and expr.base.name in ("local", "var")
        and len(expr.ops) == 1
        and type(expr.ops[0]) is Attr
    ):
        return None
    name = expr.ops[0].name
    scope = ctx.scope
    if expr.base.name == "local":
        locals_ = getattr(getattr(scope, "definition", None), "locals", None)
        attribute = locals_.get(name) if isinstance(locals_, dict) else None
        return None if attribute is None else (attribute.expr, _probe(ctx, names={}))
    call, parent = getattr(scope, "call", None), getattr(scope, "parent", None)
    if call is None or parent is None or name not in getattr(scope, "inputs", {}):
        return None
    arguments = call.body.attributes
    if name not in arguments:
        return None
    # a call with ``count`` / ``for_each``: the argument as this instance reads it
    names = getattr(scope, "call_names", None) or {}
    return arguments[name].expr, Context(parent, dict(names), budget=ctx.budget)


def _probe(ctx: Context, names: dict[str, Any] | None = None) -> Context:
    """A context reading as ``ctx`` does, its references kept apart."""
    return Context(ctx.scope, ctx.names if names is None else names, budget=ctx.budget)
