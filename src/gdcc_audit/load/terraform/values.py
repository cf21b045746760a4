"""Terraform value helpers: unknown checks, conversions, string rendering."""

from __future__ import annotations

import json
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN


class EvalError(Exception):
    """An expression fails the way Terraform would fail (caught by ``try``/``can``)."""


class UnknownResult(Exception):
    """Raised deep inside a computation that met an UNKNOWN: the whole result is UNKNOWN."""


def has_unknown(value: Any) -> bool:
    """Whether ``value`` is UNKNOWN or holds an UNKNOWN anywhere inside."""
    if value is UNKNOWN:
        return True
    if isinstance(value, dict):
        return any(has_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(has_unknown(v) for v in value)
    return False


def known(value: Any) -> Any:
    """``value`` itself, or raise UnknownResult when it is UNKNOWN."""
    if value is UNKNOWN:
        raise UnknownResult
    return value


def deep_known(value: Any) -> Any:
    """``value`` itself, or raise UnknownResult when any part of it is UNKNOWN."""
    if has_unknown(value):
        raise UnknownResult
    return value


def normal_number(value: float | int) -> float | int:
    """Terraform has one number type: show integral floats as ints."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        return int(value)
    return value


def to_str(value: Any) -> str:
    """Terraform's conversion of a primitive to string."""
    if type(value) is str:  # the common case, first
        return value
    value = known(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(normal_number(value))
    if isinstance(value, str):
        return value
    if value is None:
        raise EvalError("cannot use a null value in a string")
    raise EvalError(f"cannot convert {type_name(value)} to string")


def to_number(value: Any) -> int | float:
    """Terraform's conversion to number."""
    value = known(value)
    if isinstance(value, bool):
        raise EvalError("cannot convert bool to number")
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            try:
                return normal_number(float(value))
            except ValueError:
                raise EvalError(f"cannot convert {value!r} to number") from None
    raise EvalError(f"cannot convert {type_name(value)} to number")


def to_bool(value: Any) -> bool:
    """Terraform's conversion to bool."""
    value = known(value)
    if isinstance(value, bool):
        return value
    if value == "true":
        return True
    if value == "false":
        return False
    raise EvalError(f"cannot convert {type_name(value)} to bool")


def to_list(value: Any) -> list[Any]:
    """A list, tuple or set value as a Python list."""
    value = known(value)
    if isinstance(value, list):
        return value
    raise EvalError(f"expected a list, got {type_name(value)}")


def to_map(value: Any) -> dict[str, Any]:
    """A map or object value as a Python dict."""
    value = known(value)
    if isinstance(value, dict):
        return value
    raise EvalError(f"expected a map, got {type_name(value)}")


def type_name(value: Any) -> str:
    """Terraform's name for a value's type."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "map"
    return "unknown"


def map_key(value: Any) -> str:
    """A value used as a map key (Terraform converts numbers and bools to strings)."""
    return to_str(value)


def json_encode(value: Any) -> str:
    """``jsonencode``: compact, keys sorted, as Terraform renders it."""
    deep_known(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def value_key(value: Any) -> Any:
    """A hashable key equal for equal values (numbers by value, bools apart from numbers),
    so that set functions run in linear time, not comparing every pair."""
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, int | float):
        return ("n", value)
    if isinstance(value, list):
        return ("l", tuple(value_key(item) for item in value))
    if isinstance(value, dict):
        return ("m", tuple(sorted((key, value_key(item)) for key, item in value.items())))
    if isinstance(value, str) or value is None:
        return ("s", value)
    return ("o", id(value))


def as_set(items: list[Any]) -> list[Any]:
    """Distinct items, in a stable order (sets have no order in Terraform)."""
    out: list[Any] = []
    seen: set[Any] = set()
    for item in items:
        key = value_key(item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    try:
        return sorted(out)
    except TypeError:
        return out
