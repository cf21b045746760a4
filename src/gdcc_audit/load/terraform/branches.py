"""The cases a resource's arguments take when a condition they test is not known, for
``TfResource.alternatives`` beyond an input tested as it is (``module.null_tests``):

- a condition of any other shape (``length(var.subnets) > 0 ? a : b``,
  ``try(var.settings.enabled, false) ? [1] : []``, ``local.x != null && var.on ? ...``) is
  taken true, then false: every conditional of the block with that same condition (or its
  negation, ``!cond``) follows the same branch in a case, as Terraform evaluates it once;
- a ``dynamic`` block over a collection not known (``for_each = var.rules``) is written
  zero times, then once, then twice, each copy's iterator value not known.

Only conditions and collections that read inputs, locals, data sources and module outputs
are split (never ``each``, ``count``, an iterator or a ``for`` variable, which differ from one
copy to the next). The body is rewritten, not the evaluator: a case is an ordinary
evaluation of the rewritten block."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from gdcc_audit.load.terraform.ast import (
    Attr,
    Block,
    Body,
    Conditional,
    Expr,
    ForExpr,
    Lit,
    Traversal,
    TupleExpr,
    Unary,
    Var,
    field_values,
)
from gdcc_audit.load.terraform.config import META_ARGUMENTS, META_BLOCKS
from gdcc_audit.load.terraform_model import UNKNOWN

#: The names a split condition or collection may read: one value for the whole block.
_BLOCK_WIDE = frozenset({"var", "local", "data", "module"})
#: How many copies of a ``dynamic`` block over a collection not known each case writes.
COPIES = (0, 1, 2)


def conditions(body: Body) -> list[Expr]:
    """The conditions of the conditionals in ``body``'s arguments (nested blocks and a
    ``dynamic`` block's ``for_each`` too; not meta-arguments), negation removed, each once,
    in order, when they read only block-wide names (:data:`_BLOCK_WIDE`)."""
    found: list[Expr] = []
    for expr in _expressions(body):
        for node in _walk(expr):
            if isinstance(node, Conditional):
                cond = _positive(node.cond)
                if cond not in found and _block_wide(cond):
                    found.append(cond)
    return found


def dynamic_blocks(body: Body) -> list[Block]:
    """``dynamic`` blocks of ``body`` (nested ones too) whose ``for_each`` reads only
    block-wide names, has no condition, and whose content does not read the iterator's key
    (a copy's key would be a number in place of the key not known)."""
    found: list[Block] = []
    for block in body.blocks:
        if block.type in META_BLOCKS:
            continue
        each = block.body.attributes.get("for_each")
        if (block.type == "dynamic" and block.labels and each is not None
                and _block_wide(each.expr)
                and not any(isinstance(n, Conditional) for n in _walk(each.expr))
                and not _reads_key(block)):
            found.append(block)
        found.extend(dynamic_blocks(block.body))
    return found


def forced(body: Body, cond: Expr, branch: bool) -> Body:
    """``body`` with every conditional on ``cond`` replaced by its ``branch`` (on ``!cond``
    by the other)."""

    def swap(node: Any) -> Any:
        if not isinstance(node, Conditional):
            return None
        if node.cond == cond:
            take = branch
        elif isinstance(node.cond, Unary) and node.cond.op == "!" and node.cond.operand == cond:
            take = not branch
        else:
            return None
        return _rewrite(node.then if take else node.other, swap)

    result: Body = _rewrite(body, swap)
    return result


def copied(body: Body, dynamic: Block, copies: int) -> Body:
    """``body`` with ``dynamic``'s ``for_each`` made ``copies`` values not known."""

    def swap(node: Any) -> Any:
        if node is not dynamic:
            return None
        each = dynamic.body.attributes["for_each"]
        items = TupleExpr(tuple(Lit(UNKNOWN) for _ in range(copies)))
        attributes = {**dynamic.body.attributes, "for_each": type(each)(
            each.name, items, each.start_line, each.end_line
        )}
        return Block(dynamic.type, dynamic.labels, Body(attributes, dynamic.body.blocks),
                     dynamic.file, dynamic.start_line, dynamic.end_line)

    result: Body = _rewrite(body, swap)
    return result


def inputs(expr: Expr) -> list[str]:
    """The block-wide values ``expr`` reads, in order: ``var.subnets``, ``local.x``,
    ``data.aws_vpc.main``, ``module.net``."""
    found: list[str] = []
    for node in _walk(expr):
        if isinstance(node, Traversal) and isinstance(node.base, Var):
            names = [op.name for op in node.ops[: 2 if node.base.name == "data" else 1]
                     if isinstance(op, Attr)]
            name = ".".join([node.base.name, *names])
            if name not in found:
                found.append(name)
    return found


def _positive(cond: Expr) -> Expr:
    return cond.operand if isinstance(cond, Unary) and cond.op == "!" else cond


def _expressions(body: Body, top: bool = True) -> Iterator[Expr]:
    for name, attribute in body.attributes.items():
        if not top or name not in META_ARGUMENTS:
            yield attribute.expr
    for block in body.blocks:
        if block.type not in META_BLOCKS:
            yield from _expressions(block.body, top=False)


def _walk(node: Any) -> Iterator[Any]:
    """``node`` and every node and value in it, parents first, children in order (one
    stack, not a generator per node: a nested generator passes each node up through every
    level above it)."""
    stack = [node]
    pop, extend = stack.pop, stack.extend
    while stack:
        node = pop()
        yield node
        children = node if isinstance(node, tuple | list) else field_values(node)
        if children:
            extend(reversed(children))


def _block_wide(expr: Expr) -> bool:
    """Whether every name ``expr`` reads is one of :data:`_BLOCK_WIDE` (none at all: no)."""
    names = [n.name for n in _walk(expr) if isinstance(n, Var)]
    return bool(names) and all(name in _BLOCK_WIDE for name in names) and not any(
        isinstance(n, ForExpr) for n in _walk(expr)
    )


def _reads_key(block: Block) -> bool:
    """Whether a ``dynamic`` block's content reads ``<iterator>.key``."""
    iterator = block.body.attributes.get("iterator")
    name = block.labels[0]
    if iterator is not None and isinstance(iterator.expr, Var):
        name = iterator.expr.name
    elif iterator is not None:
        return True
    return any(
        isinstance(n, Traversal) and isinstance(n.base, Var) and n.base.name == name
        and n.ops[:1] == (Attr("key"),)
        for b in block.body.blocks for e in _expressions(b.body, top=False) for n in _walk(e)
    )


def _rewrite(node: Any, swap: Callable[[Any], Any]) -> Any:
    """``node`` with each part ``swap`` gives a replacement for replaced (the rest shared)."""
    replaced = swap(node)
    if replaced is not None:
        return replaced
    if isinstance(node, tuple):
        items = tuple(_rewrite(item, swap) for item in node)
        return node if all(a is b for a, b in zip(items, node, strict=True)) else items
    if isinstance(node, list):
        listed = [_rewrite(item, swap) for item in node]
        return node if all(a is b for a, b in zip(listed, node, strict=True)) else listed
    if isinstance(node, dict):
        mapped = {key: _rewrite(value, swap) for key, value in node.items()}
        return node if all(mapped[k] is v for k, v in node.items()) else mapped
    values = field_values(node)
    if not values:
        return node
    new = tuple(_rewrite(value, swap) for value in values)
    if all(a is b for a, b in zip(new, values, strict=True)):
        return node
    return type(node)(*new)
