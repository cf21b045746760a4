"""The inputs and locals interpolated in a heredoc ("value set at" of a secret they give).

A secret rendered into a heredoc from a variable (``export DB_PASSWORD=${var.db_pw}`` in
``user_data = <<EOF``) is found on the heredoc's line (``normalize.terraform.heredoc_lines``),
but the value a user changes is the variable's default, ``.tfvars`` line or module argument.
For each argument whose value is written as a heredoc (or a function of one:
``base64encode(<<EOF ...)``), each ``${var.x}`` / ``${local.y}`` interpolated in it is
kept by its text (``var.x``, ``local.s.pw``) with where its value is written; the line of
the heredoc that renders the secret names which of them to point at. The same for the
variables of a template file given an input or local (``templatefile("init.sh", { db_pw =
var.db_pw })``: ``${db_pw}`` on the file's line).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from gdcc_audit.load.terraform.ast import (
    Call,
    Lit,
    ObjectExpr,
    Template,
    TemplateFor,
    TemplateIf,
)
from gdcc_audit.load.terraform.origins import Ref, input_ref

#: How deep function calls around a heredoc are looked into (``base64encode(trimspace(...))``).
_MAX_CALLS = 4


def ref_text(ref: Ref) -> str:
    """``var.db.pw`` for ``var.db["pw"]``: one text however the keys are written."""
    return ".".join((ref.kind, ref.name, *ref.path))


def _heredocs(expr: Any, depth: int = 0) -> Iterator[Template]:
    """The multi-line templates ``expr`` is, or a function call's arguments are."""
    if isinstance(expr, Template):
        if any(isinstance(part, str) and "\n" in part for part in expr.parts):
            yield expr
    elif isinstance(expr, Call) and depth < _MAX_CALLS:
        for argument in expr.args:
            yield from _heredocs(argument, depth + 1)


def _refs(parts: tuple[Any, ...]) -> Iterator[Ref]:
    for part in parts:
        if isinstance(part, str):
            continue
        if isinstance(part, TemplateIf):
            yield from _refs(part.then)
            yield from _refs(part.other)
        elif isinstance(part, TemplateFor):
            yield from _refs(part.body)
        else:
            ref = input_ref(part)
            if ref is not None:
                yield ref


def heredoc_refs(expr: Any) -> tuple[Ref, ...]:
    """The inputs and locals interpolated as a whole (``${var.x}``) in the heredocs of
    ``expr``, each once; empty when it has none."""
    found: dict[Ref, None] = {}
    for template in _heredocs(expr):
        found.update(dict.fromkeys(_refs(template.parts)))
    return tuple(found)


def template_variables(expr: Any) -> dict[str, Ref]:
    """The variables of a ``templatefile(PATH, { name = var.x })`` call (``expr`` or a
    function call's argument) given as an input or local as a whole, by name."""
    found: dict[str, Ref] = {}
    for call in _calls(expr):
        if call.name.removeprefix("core::") != "templatefile" or len(call.args) != 2:
            continue
        names = call.args[1]
        if not isinstance(names, ObjectExpr):
            continue
        for key, value in names.items:
            name = key.value if isinstance(key, Lit) else None
            ref = input_ref(value)
            if isinstance(name, str) and ref is not None:
                found.setdefault(name, ref)
    return found


def _calls(expr: Any, depth: int = 0) -> Iterator[Call]:
    if isinstance(expr, Call) and depth < _MAX_CALLS:
        yield expr
        for argument in expr.args:
            yield from _calls(argument, depth + 1)


def interpolation_origins(
    expr: Any, origin: Callable[[Ref], str | None]
) -> dict[str, str]:
    """Text of each input or local interpolated in the heredocs of ``expr`` (``var.db_pw``),
    and name of each variable of a template file it renders given one (``db_pw`` of
    ``templatefile("init.sh", { db_pw = var.db_pw })``) -> where its value is written
    (``origin``); those with no such place are left out."""
    found: dict[str, str] = {}
    for ref in heredoc_refs(expr):
        where = origin(ref)
        if where is not None:
            found[ref_text(ref)] = where
    for name, ref in template_variables(expr).items():
        where = origin(ref)
        if where is not None:
            found.setdefault(name, where)
    return found


__all__ = ["heredoc_refs", "interpolation_origins", "ref_text", "template_variables"]
