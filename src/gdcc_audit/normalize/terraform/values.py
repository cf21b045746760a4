"""Reading Terraform values into facets without guessing.

Three cases are kept apart everywhere:

- the attribute is absent (or ``null`` in a plan): the provider default applies, which the
  caller passes as ``default`` (``None`` when the default is not documented or not stable);
- the attribute is ``UNKNOWN`` (a variable, a reference, a function of them): the facet is
  ``None``;
- the attribute is a literal: it is read, with the usual Terraform string coercions
  (``"true"`` is a bool, ``"7"`` is a number).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from gdcc_audit.load.terraform.values import NON_EMPTY_TEXT
from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, TfResource, lookup
from gdcc_audit.models.cidr import WIDE_PUBLIC_PREFIX
from gdcc_audit.normalize.principal_text import written_beside

__all__ = [
    "NEVER_EXPIRES_DAYS",
    "any_unknown",
    "block",
    "blocks",
    "flag",
    "is_set",
    "number",
    "string_list",
    "text",
]

#: ``log_retention_days`` / ``backup_retention_days`` of data kept without an expiry (a log
#: group with no retention, a backup rule without a delete lifecycle): a hundred years.
NEVER_EXPIRES_DAYS = 36500

_TRUE = {"true", "1", "yes", "on", "enabled"}
_FALSE = {"false", "0", "no", "off", "disabled"}


def _get(values: Mapping[str, Any], path: str) -> Any:
    value = lookup(values, path, default=None)
    return value


def flag(values: Mapping[str, Any], path: str, default: bool | None = None) -> bool | None:
    """A boolean attribute; ``default`` when absent, ``None`` when UNKNOWN or unreadable."""
    value = _get(values, path)
    if value is None:
        return default
    if value is UNKNOWN:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
    return None


def number(values: Mapping[str, Any], path: str, default: int | None = None) -> int | None:
    """An integer attribute; ``default`` when absent, ``None`` when UNKNOWN or unreadable."""
    value = _get(values, path)
    if value is None:
        return default
    if value is UNKNOWN or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    return None


def text(values: Mapping[str, Any], path: str, default: str | None = None) -> str | None:
    """A string attribute; ``default`` when absent, ``None`` when UNKNOWN."""
    value = _get(values, path)
    if value is None:
        return default
    if value is UNKNOWN:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str | int | float):
        return str(value)
    return None


def is_set(values: Mapping[str, Any], path: str) -> bool | None:
    """Whether an attribute has a non-empty value; ``None`` when it is UNKNOWN."""
    value = _get(values, path)
    if value is UNKNOWN:
        return None
    return value not in (None, "", [], {})


def is_written(r: TfResource, path: str) -> bool | None:
    """:func:`is_set` of the top-level argument ``path`` of ``r``, and True for a value not
    known that is never null nor empty: one resource's id or ARN (``aws_kms_key.k.id``,
    ``TfResource.designated``) or a text such as ``coalesce(var.kms, aws_kms_key.k.id)``
    (``NON_EMPTY_TEXT``: the input when it is given a text, else the key), or a template
    whose written text around its parts not known holds a character other than ``*`` or a
    space (``load.terraform.values.Partial``: ``"arn:${data.aws_partition.current.
    partition}:kms:...:alias/aws/sns"``, aws-security-reference-architecture-examples' SNS
    topics, GDCC-MSG-001 UNKNOWN)."""
    shape = r.shapes.get(path)
    if r.designated.get(path) or shape == NON_EMPTY_TEXT:
        return True
    if (
        r.values.get(path) is UNKNOWN and isinstance(shape, str) and UNKNOWN_TEXT in shape
        and written_beside(shape, UNKNOWN_TEXT)
    ):
        return True
    return is_set(r.values, path)


def blocks(values: Mapping[str, Any], name: str) -> list[dict[str, Any]] | None:
    """The nested blocks called ``name`` (``[]`` when absent); ``None`` when UNKNOWN (a dynamic
    block or a computed value)."""
    value = _get(values, name)
    if value is None:
        return []
    if value is UNKNOWN:
        return None
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        if any(item is UNKNOWN for item in value):
            return None
        return [item for item in value if isinstance(item, dict)]
    return None


def block(values: Mapping[str, Any], name: str) -> dict[str, Any] | None:
    """The first nested block called ``name`` (``{}`` when absent); ``None`` when UNKNOWN."""
    found = blocks(values, name)
    if found is None:
        return None
    return found[0] if found else {}


def string_list(
    values: Mapping[str, Any], path: str, default: tuple[str, ...] | None = ()
) -> tuple[str, ...] | None:
    """A list of strings (a single string counts as a list of one); ``None`` when the list or
    one of its items is UNKNOWN."""
    value = _get(values, path)
    if value is None:
        return default
    if value is UNKNOWN:
        return None
    items = value if isinstance(value, list | tuple) else [value]
    out: list[str] = []
    for item in items:
        if item is UNKNOWN:
            return None
        if isinstance(item, str | int | float) and not isinstance(item, bool):
            out.append(str(item))
    return tuple(out)


def any_unknown(items: Iterable[Any]) -> bool:
    """Whether any of ``items`` is ``None`` (a facet input that is not known)."""
    return any(item is None for item in items)


#: What follows the last part not known of an address range written in part: a prefix length.
_PREFIX_TAIL = re.compile(r"[0-9A-Fa-f.:]*/(\d{1,3})")


def narrow_shape(shape: str | None) -> bool:
    """Whether a string written in part (``TfResource.shapes``) is an address range narrower
    than any range read as the internet, whatever its parts not known are: it ends with a
    written prefix length over /16 (``"${data.http.ip.response_body}/32"``: one host). The
    internet is ``0.0.0.0/0`` / ``::/0``, or a public range of /8 (IPv4) or /16 (IPv6) and
    wider (``models.cidr.WIDE_PUBLIC_PREFIX``)."""
    if shape is None or UNKNOWN_TEXT not in shape:
        return False
    found = _PREFIX_TAIL.fullmatch(shape.rsplit(UNKNOWN_TEXT, 1)[1])
    return found is not None and max(WIDE_PUBLIC_PREFIX.values()) < int(found.group(1)) <= 128


def names_internet(
    items: Any, internet: Iterable[str], shapes: Mapping[str, str], path: str
) -> bool | None:
    """Whether the address list ``items`` (at value path ``path``) names one of ``internet``;
    None when it is not known. An item not known that is written in part as a narrow range
    (:func:`narrow_shape`) is none of them."""
    if items is UNKNOWN:
        return None
    if items is None:
        return False
    words = {word.lower() for word in internet}
    found: bool | None = False
    for index, item in enumerate(items if isinstance(items, list | tuple) else [items]):
        if isinstance(item, str):
            if item.strip().lower() in words:
                return True
        elif not narrow_shape(shapes.get(f"{path}.{index}")):
            found = None
    return found
