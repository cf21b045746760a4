"""A small syntax tree for HCL, built once from the tree-sitter parse and evaluated many times
(once per ``count``/``for_each`` instance and per module call)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from operator import attrgetter
from typing import Any, TypeAlias


class Expr:
    """Base of every expression node."""

    __slots__ = ()


@dataclass(slots=True)
class Lit(Expr):
    """A literal value: number, bool, null or a string without interpolation."""

    value: Any


@dataclass(slots=True)
class TemplateIf:
    """``%{ if cond }...%{ else }...%{ endif }`` inside a template."""

    cond: Expr
    then: tuple[Part, ...]
    other: tuple[Part, ...]


@dataclass(slots=True)
class TemplateFor:
    """``%{ for k, v in coll }...%{ endfor }`` inside a template."""

    key: str | None
    value: str
    collection: Expr
    body: tuple[Part, ...]


Part: TypeAlias = "str | Expr | TemplateIf | TemplateFor"


@dataclass(slots=True)
class Template(Expr):
    """A string with interpolations or directives."""

    parts: tuple[Part, ...]


@dataclass(slots=True)
class Var(Expr):
    """A bare name: ``var``, ``local``, ``aws_vpc``, a for-expression variable..."""

    name: str


@dataclass(slots=True)
class Attr:
    """``.name`` in a traversal."""

    name: str


@dataclass(slots=True)
class Index:
    """``[key]`` (or legacy ``.0``) in a traversal."""

    key: Expr


@dataclass(slots=True)
class Splat:
    """``.*`` or ``[*]``: the following operations apply to every element."""

    ops: tuple[Op, ...]


Op: TypeAlias = "Attr | Index | Splat"


@dataclass(slots=True)
class Traversal(Expr):
    """``base`` followed by attribute, index and splat operations."""

    base: Expr
    ops: tuple[Op, ...]


@dataclass(slots=True)
class Call(Expr):
    """A function call; ``expand`` when the last argument ends with ``...``."""

    name: str
    args: tuple[Expr, ...]
    expand: bool = False


@dataclass(slots=True)
class TupleExpr(Expr):
    """``[a, b]``."""

    items: tuple[Expr, ...]


@dataclass(slots=True)
class ObjectExpr(Expr):
    """``{k = v}``; a bare identifier key is a ``Lit``."""

    items: tuple[tuple[Expr, Expr], ...]


@dataclass(slots=True)
class ForExpr(Expr):
    """``[for k, v in c : x if cond]`` or ``{for ... : k => v...}`` (``key`` set)."""

    key_var: str | None
    value_var: str
    collection: Expr
    key: Expr | None
    value: Expr
    cond: Expr | None
    group: bool = False


@dataclass(slots=True)
class Conditional(Expr):
    """``cond ? a : b``."""

    cond: Expr
    then: Expr
    other: Expr


@dataclass(slots=True)
class Unary(Expr):
    """``-x`` or ``!x``."""

    op: str
    operand: Expr


@dataclass(slots=True)
class Binary(Expr):
    """``a op b``."""

    op: str
    left: Expr
    right: Expr


@dataclass(slots=True)
class Attribute:
    """``name = expr`` with its 1-based lines."""

    name: str
    expr: Expr
    start_line: int
    end_line: int


@dataclass(slots=True)
class Body:
    """The attributes (by name) and nested blocks (in order) of a block or file."""

    attributes: dict[str, Attribute] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class Block:
    """``type "label" ... { body }`` with its file and 1-based lines."""

    type: str
    labels: tuple[str, ...]
    body: Body
    file: str
    start_line: int
    end_line: int


#: Each dataclass type's reader of its field values, in order (:func:`field_values`).
_FIELD_GETTERS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def _no_fields(node: Any) -> tuple[Any, ...]:
    return ()


def _field_getter(kind: type) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving the values of ``kind``'s fields as a tuple."""
    names = tuple(f.name for f in fields(kind)) if is_dataclass(kind) else ()
    if not names:
        return _no_fields
    if len(names) == 1:
        name = names[0]
        return lambda node: (getattr(node, name),)
    return attrgetter(*names)


def field_values(node: Any) -> tuple[Any, ...]:
    """The values of a dataclass instance's fields, in order (a syntax-tree node's
    children); ``()`` for anything else (a text, a number, None, a class). The walkers of
    the tree call it for every node: the names are read once per type, not with
    ``dataclasses.fields`` at each node."""
    kind = type(node)
    getter = _FIELD_GETTERS.get(kind)
    if getter is None:
        getter = _FIELD_GETTERS[kind] = _field_getter(kind)
    return getter(node)


def fast_pickle(cls: type) -> type:
    """Give a dataclass a ``__reduce__`` that rebuilds it from its fields, in order.

    Slotted dataclasses otherwise pickle through ``__getstate__``/``__setstate__``, about three
    times slower to load: the parse cache and the loader's worker processes move whole trees
    as pickles, so this is most of what a cached parse costs.
    """
    names = tuple(f.name for f in fields(cls))
    getter = attrgetter(*names)
    single = len(names) == 1

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        values = getter(self)
        return (cls, (values,) if single else values)

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


for _node in (
    Lit,
    TemplateIf,
    TemplateFor,
    Template,
    Var,
    Attr,
    Index,
    Splat,
    Traversal,
    Call,
    Unary,
    Binary,
    Conditional,
    TupleExpr,
    ObjectExpr,
    ForExpr,
    Attribute,
    Body,
    Block,
):
    fast_pickle(_node)
