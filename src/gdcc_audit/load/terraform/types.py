"""Variable type constraints: conversions Terraform applies to input values, with the
defaults of ``optional(type, default)`` object attributes filled in."""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.terraform.ast import Call, Expr, Lit, ObjectExpr, Var
from gdcc_audit.load.terraform.values import (
    EvalError,
    as_set,
    is_unknown,
    to_bool,
    to_number,
    to_str,
)
from gdcc_audit.load.terraform_model import UNKNOWN


def _lit_value(expr: Expr) -> Any:
    """Defaults inside type expressions are constants; anything else stays UNKNOWN."""
    from gdcc_audit.load.terraform.evaluate import Context, evaluate_or_unknown

    return evaluate_or_unknown(expr, Context(ConstantScope()))


class ConstantScope:
    """A scope with no variables, locals or modules: for constants (tfvars, type defaults)."""

    prefix = ""
    path_module = ""
    path_root = ""

    def variable(self, name: str, ctx: Any) -> Any:
        return UNKNOWN

    def local(self, name: str, ctx: Any) -> Any:
        return UNKNOWN

    def module_ref(self, ops: Any, ctx: Any) -> tuple[Any, int]:
        return UNKNOWN, len(ops)

    def read_file(self, path: str) -> tuple[str, str | None]:
        return "refused", None  # constants read no file

    def data_value(self, rtype: str, name: str, ctx: Any) -> Any:
        return UNKNOWN

    def resource_value(self, rtype: str, name: str, ops: Any, ctx: Any) -> tuple[Any, int]:
        return UNKNOWN, len(ops)


def convert(value: Any, type_expr: Expr | None) -> Any:
    """``value`` converted to the type ``type_expr`` describes; unconvertible stays as is."""
    if type_expr is None or is_unknown(value) or value is None:
        return value
    try:
        return _convert(value, type_expr)
    except (EvalError, ValueError, TypeError):
        return value


def _convert(value: Any, type_expr: Expr) -> Any:
    if is_unknown(value) or value is None:
        return value
    if isinstance(type_expr, Var):
        name = type_expr.name
        if name == "string" and isinstance(value, bool | int | float):
            return to_str(value)
        if name == "number" and isinstance(value, str):
            return to_number(value)
        if name == "bool" and isinstance(value, str):
            return to_bool(value)
        return value
    if not isinstance(type_expr, Call) or not type_expr.args:
        return value
    kind, inner = type_expr.name, type_expr.args[0]
    if kind in ("list", "set") and isinstance(value, list):
        items = [_convert(item, inner) for item in value]
        return as_set(items) if kind == "set" and not any(map(is_unknown, items)) else items
    if kind == "map" and isinstance(value, dict):
        return {key: _convert(item, inner) for key, item in value.items()}
    if kind == "object" and isinstance(value, dict) and isinstance(inner, ObjectExpr):
        return _object(value, inner)
    if kind == "tuple" and isinstance(value, list) and hasattr(inner, "items"):
        types = inner.items
        pairs = zip(value, types, strict=False)
        return [_convert(v, t) if isinstance(t, Expr) else v for v, t in pairs]
    return value


def _object(value: dict[str, Any], spec: ObjectExpr) -> dict[str, Any]:
    out = dict(value)
    for key_expr, attr_type in spec.items:
        if not isinstance(key_expr, Lit) or not isinstance(key_expr.value, str):
            continue
        name = key_expr.value
        optional = isinstance(attr_type, Call) and attr_type.name == "optional"
        inner = attr_type.args[0] if optional and isinstance(attr_type, Call) else attr_type
        if name not in out or out[name] is None:
            if optional and isinstance(attr_type, Call) and len(attr_type.args) > 1:
                out[name] = _convert(_lit_value(attr_type.args[1]), inner)
            elif name not in out:
                out[name] = None
            continue
        out[name] = _convert(out[name], inner)
    return out
