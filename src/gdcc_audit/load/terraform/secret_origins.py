"""Where a secret that reaches an argument through expressions is written ("value set at").

``ModuleInstance._block_origins`` follows an argument written as one input or local (or a
list or object of them); a secret reaches arguments in more ways in public modules:

* an item of an object argument, through ``dynamic`` blocks, nested too
  (terraform-aws-modules/opensearch: ``advanced_security_options = { master_user_options =
  { master_user_password = ... } }`` read by ``master_user_options.value.master_user_password``
  inside a ``dynamic "master_user_options"`` inside a ``dynamic "advanced_security_options"``);
* a function picking one of its arguments: ``coalesce(var.user_password, random_password
  .x.result)``, ``try(x.value.password, null)``, ``lookup(var.db, "password", null)``;
* a conditional whose condition is known in this instance (``var.managed ? null :
  var.admin_password``, ``each.value.random ? random_password.x.result :
  each.value.password``).

For one instance, each argument named like a secret whose value is a known, non-empty
string and whose origin is not known yet is traced: the expression is reduced the way
Terraform evaluates it in that instance (the branch its condition takes, the argument
``coalesce`` / ``try`` / ``lookup`` gives), down to an input or local (then
``ModuleInstance.origin``: the caller's argument, the ``.tfvars`` line, the default), an
iterator's element (followed to the ``for_each`` it comes from) or an instance's
``each.value`` / ``count.index`` element (``ModuleInstance._instance_value``). A value
written in the block itself, or read from anything else, takes no origin: the finding's own
location is the line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gdcc_audit.load.terraform.ast import (
    Block,
    Body,
    Call,
    Conditional,
    ObjectExpr,
    Traversal,
    TupleExpr,
    Var,
)
from gdcc_audit.load.terraform.config import META_BLOCKS, reference_text
from gdcc_audit.load.terraform.evaluate import FAILURES, Context, evaluate, evaluate_pending
from gdcc_audit.load.terraform.origins import (
    MAX_HOPS,
    MISSING,
    Ref,
    input_ref,
    item_of,
    traversal_keys,
    unwrapped,
)
from gdcc_audit.load.terraform.values import is_unknown
from gdcc_audit.models.secret_names import is_secret_name

if TYPE_CHECKING:
    from gdcc_audit.load.terraform.module import ModuleInstance


@dataclass(frozen=True, slots=True)
class _Element:
    """The element a ``dynamic`` block's iterator holds: item ``key`` of the value of
    ``source`` (its ``for_each``), evaluated in ``ctx`` with the iterators of ``scope``."""

    source: Any
    key: str
    ctx: Context
    scope: Mapping[str, _Element]


def has_secret_names(body: Body) -> bool:
    """Whether ``body`` (its blocks, ``dynamic`` ones' contents too) has an argument named
    like a secret."""
    if any(is_secret_name(name) for name in body.attributes):
        return True
    return any(has_secret_names(child.body) for child in body.blocks)


class SecretTracer:
    """Traces the secret-named arguments of one instance of a block (see the module)."""

    def __init__(
        self, instance: ModuleInstance, block: Block, key: Any, names: dict[str, Any]
    ) -> None:
        self.instance = instance
        self.block = block
        self.key = key
        self.each = (names.get("each") or {}).get("value", MISSING)
        self.ctx = instance.context(names)

    def origins(self, values: Mapping[str, Any], known: Mapping[str, str]) -> dict[str, str]:
        """Value path -> where the secret is written, for each secret-named argument whose
        value in ``values`` is a non-empty string and whose path is not in ``known``."""
        found: dict[str, str] = {}
        self._walk(self.block.body, "", values, self.ctx, {}, known, found, top=True)
        return found

    def _walk(
        self, body: Body, prefix: str, values: Mapping[str, Any], ctx: Context,
        scope: Mapping[str, _Element], known: Mapping[str, str], found: dict[str, str],
        top: bool = False,
    ) -> None:
        for name, attribute in body.attributes.items():
            path = prefix + name
            value = values.get(name)
            if path in known or not isinstance(value, str) or not value:
                continue
            if not is_secret_name(name):
                continue
            origin = self._trace(attribute.expr, (), ctx, scope, 0)
            if origin is not None:
                found[path] = origin
        made: dict[str, int] = {}
        for child in body.blocks:
            if top and child.type in META_BLOCKS:
                continue
            if child.type == "dynamic" and child.labels:
                self._dynamic(child, prefix, values, ctx, scope, made, known, found)
                continue
            position = made.get(child.type, 0)
            made[child.type] = position + 1
            inner = _item(values, child.type, position)
            if inner is not None and has_secret_names(child.body):
                self._walk(child.body, f"{prefix}{child.type}.{position}.", inner, ctx, scope,
                           known, found)

    def _dynamic(
        self, dynamic: Block, prefix: str, values: Mapping[str, Any], ctx: Context,
        scope: Mapping[str, _Element], made: dict[str, int], known: Mapping[str, str],
        found: dict[str, str],
    ) -> None:
        """The blocks one ``dynamic`` block makes, each walked with its iterator bound (as
        ``module._dynamic`` evaluates them); none when how many it makes is not known (the
        blocks after it are then not walked either: their positions are not known)."""
        kind = dynamic.labels[0]
        each = dynamic.body.attributes.get("for_each")
        content = next((b for b in dynamic.body.blocks if b.type == "content"), None)
        if each is None or content is None:
            made[kind] = -1 << 30
            return
        collection = evaluate_pending(each.expr, _fresh(ctx))
        if not isinstance(collection, list | dict):
            made[kind] = -1 << 30
            return
        iterator = dynamic.body.attributes.get("iterator")
        name = (reference_text(iterator.expr) if iterator is not None else None) or kind
        items = sorted(collection.items()) if isinstance(collection, dict) else enumerate(
            collection
        )
        wanted = has_secret_names(content.body)
        for key, item in items:
            position = made.get(kind, 0)
            made[kind] = position + 1
            inner = _item(values, kind, position)
            if not wanted or inner is None or position < 0:
                continue
            bound = ctx.bind(**{name: {"key": key, "value": item}})
            element = _Element(each.expr, str(key), ctx, scope)
            self._walk(content.body, f"{prefix}{kind}.{position}.", inner, bound,
                       {**scope, name: element}, known, found)

    def _trace(
        self, expr: Any, path: tuple[str, ...], ctx: Context, scope: Mapping[str, _Element],
        depth: int,
    ) -> str | None:
        """Where the item ``path`` of ``expr``'s value (evaluated in ``ctx``, its iterators
        ``scope``) is written; None when that cannot be told or it is written here."""
        if depth > MAX_HOPS:
            return None
        expr = unwrapped(expr)
        picked = _picked(expr, path, ctx)
        if picked is not None:
            return self._trace(picked[0], picked[1], ctx, scope, depth + 1)
        if isinstance(expr, ObjectExpr | TupleExpr) and path:
            item = item_of(expr, path[0])
            return None if item is None else self._trace(item, path[1:], ctx, scope, depth + 1)
        if not (isinstance(expr, Traversal) and isinstance(expr.base, Var)):
            return None
        base = expr.base.name
        if base in scope:
            keys = traversal_keys(expr.ops)
            if not keys or keys[0] != "value":
                return None
            element = scope[base]
            return self._trace(
                element.source, (element.key, *keys[1:], *path), element.ctx, element.scope,
                depth + 1,
            )
        ref = input_ref(expr)
        if ref is not None:
            # the value is a non-empty string, so not null: a caller's ``cond ? null :
            # var.x`` gave var.x's, written where var.x is set (not at the condition's input)
            return self.instance.origin(Ref(ref.kind, ref.name, ref.path + path), avoid=None)
        if base in ("each", "count", "var", "local"):
            # ``each.value.x``, ``var.rules[count.index]``, ``local.r[each.key]``
            return self.instance._instance_value(self.block, self.key, expr, path, self.each)
        return None


def _picked(expr: Any, path: tuple[str, ...], ctx: Context) -> tuple[Any, tuple[str, ...]] | None:
    """The expression (and the item path in it) that gives ``expr``'s value in ``ctx`` when
    ``expr`` chooses it: a conditional's branch (its condition known), the argument
    ``coalesce`` gives (the first neither null nor ``""``), ``try`` (the first that does not
    fail), ``lookup`` (the map's item, or the default when the key is not there); None for
    any other expression or when the choice is not known."""
    if isinstance(expr, Conditional):
        cond = evaluate_pending(expr.cond, _fresh(ctx))
        if not isinstance(cond, bool):
            return None
        return (expr.then if cond else expr.other), path
    if not isinstance(expr, Call) or expr.expand:
        return None
    name = expr.name.removeprefix("core::")
    if name in ("coalesce", "try"):
        for argument in expr.args:
            try:
                value = evaluate(argument, _fresh(ctx))
            except FAILURES:
                if name == "try":
                    continue
                return None
            if is_unknown(value):
                return None
            if name == "coalesce" and (value is None or value == ""):
                continue
            return argument, path
        return None
    if name == "lookup" and len(expr.args) in (2, 3):
        mapping = evaluate_pending(expr.args[0], _fresh(ctx))
        key = evaluate_pending(expr.args[1], _fresh(ctx))
        if not isinstance(mapping, dict) or not isinstance(key, str):
            return None
        if key in mapping:
            return expr.args[0], (key, *path)
        return (expr.args[2], path) if len(expr.args) == 3 else None
    return None


def _fresh(ctx: Context) -> Context:
    """``ctx`` with its own reference collector (what tracing reads is no reference of the
    resource)."""
    return Context(ctx.scope, ctx.names, budget=ctx.budget)


def _item(values: Mapping[str, Any], kind: str, position: int) -> Mapping[str, Any] | None:
    """The evaluated values of the ``position``-th block ``kind`` in ``values``."""
    blocks = values.get(kind)
    if not isinstance(blocks, list) or not 0 <= position < len(blocks):
        return None
    found = blocks[position]
    return found if isinstance(found, dict) else None
