"""Terraform value helpers: unknown checks, conversions, string rendering."""

from __future__ import annotations

import json
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT


class EvalError(Exception):
    """An expression fails the way Terraform would fail (caught by ``try``/``can``)."""


class UnknownResult(Exception):
    """Raised deep inside a computation that met an UNKNOWN: the whole result is UNKNOWN."""


class Pending:
    """A value the evaluator knows something of but not all: UNKNOWN to every computation
    that needs the value (:func:`known` refuses it); see :class:`Computed` and
    :class:`ResourceObject`. Values leaving the evaluator are :func:`settled`."""

    __slots__ = ()

    #: whether the value, whatever it is, is a string neither null nor empty
    never_empty = False


class Computed(Pending):
    """A value known only after apply that is, whatever it turns out to be, a string that is
    neither null nor empty: a managed resource's ``id`` (Terraform keeps a resource only
    while its id is set), an AWS resource's ``arn``. ``ref`` names it
    (``aws_security_group.web.id``): two reads of one ref are one value, and two resources
    of one type have different ids.

    It lives only inside the evaluator, where it is UNKNOWN for every computation that needs
    the value (:func:`known` refuses it) but keeps a list whole where only null-ness,
    emptiness or identity matter (``compact``, ``coalesce``, ``distinct``, ``length``,
    ``x != null``): ``compact([aws_security_group.a.id, var.x ? b[0].id : ""])`` is still a
    list of one or two groups, which the resource graph follows by the references. Values
    leaving the evaluator are :func:`settled` (each one becomes UNKNOWN)."""

    __slots__ = ("kind", "ref")
    never_empty = True

    def __init__(self, ref: str, kind: str) -> None:
        self.ref = ref
        #: ``aws_security_group.id``: the resource type and the attribute
        self.kind = kind

    def __repr__(self) -> str:
        return f"Computed({self.ref})"


class Partial(Pending):
    """A string known only in part: a template some of whose parts are not known
    (``"${data.http.ip.response_body}/32"``). ``shape`` is its text with ``UNKNOWN_TEXT``
    in place of each part not known. It leaves the evaluator as UNKNOWN, its shape kept by
    value path (``TfResource.shapes``): what is written decides some questions (an address
    range ending in ``/32`` is never the whole internet)."""

    __slots__ = ("shape",)

    def __init__(self, shape: str) -> None:
        self.shape = shape

    @property
    def never_empty(self) -> bool:  # type: ignore[override]
        """Its written text is never removed."""
        return self.shape.replace(UNKNOWN_TEXT, "") != ""

    def __repr__(self) -> str:
        return f"Partial({self.shape!r})"


#: The start of the shape (``TfResource.shapes``) of an AWS VPC's or subnet's own address
#: range not known (:class:`VpcRange`); the reference read follows.
VPC_RANGE_MARK = "<<gdcc-vpc-range>>"


class VpcRange(Pending):
    """The address range of an AWS VPC or subnet, not known (``data.aws_vpc.x.cidr_block``,
    ``aws_vpc.main.cidr_block`` set from an input): whatever it is, an IPv4 block of /16 to
    /28 or an IPv6 block of /44 to /64
    (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html), the VPC's own
    address space (an IPv6 one may be empty: not ``never_empty``). ``ref`` names the read
    (``data.aws_vpc.this``). It leaves the evaluator as UNKNOWN with the shape
    ``VPC_RANGE_MARK`` + ``ref`` at its value path."""

    __slots__ = ("ref",)

    def __init__(self, ref: str) -> None:
        self.ref = ref

    def __repr__(self) -> str:
        return f"VpcRange({self.ref})"


#: The start of the shape of a list of one AWS VPC's own ranges, of a length not known
#: (:class:`VpcRanges`); the reference read follows.
VPC_RANGES_MARK = "<<gdcc-vpc-ranges>>"


class VpcRanges(Pending):
    """The IPv4 ranges of one AWS VPC, as a list of a length not known
    (``data.aws_vpc.x.cidr_block_associations[*].cidr_block``): each item is one of the
    VPC's own blocks (as :class:`VpcRange`). It leaves the evaluator as UNKNOWN with the shape
    ``VPC_RANGES_MARK`` + ``ref``."""

    __slots__ = ("ref",)

    def __init__(self, ref: str) -> None:
        self.ref = ref

    def __repr__(self) -> str:
        return f"VpcRanges({self.ref})"


#: The shape (``TfResource.shapes``) of a :class:`NonEmpty` value: a text not known that is
#: neither null nor empty. It holds ``UNKNOWN_TEXT``: a reader that does not look for it reads
#: it as not known.
NON_EMPTY_TEXT = UNKNOWN_TEXT + "(non-empty)"


class NonEmpty(Pending):
    """A string not known that is neither null nor empty: ``coalesce(var.kms, ...)`` with
    ``var.kms`` not known and a later argument that is never empty (a resource's id, a
    written text): the input when it is given a text, else that argument. It leaves the
    evaluator as UNKNOWN with the shape :data:`NON_EMPTY_TEXT` at its value path (a key
    argument so written is set: ``normalize.terraform.values.written``)."""

    __slots__ = ()
    never_empty = True

    def __repr__(self) -> str:
        return "NonEmpty"


class NotNull(Pending):
    """A value not known that is not null: an input in the case of ``var.x != null`` that
    the loader evaluates on its own (``TfResource.alternatives``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NotNull"


class Differs(Pending):
    """A value not known that is not ``value``: an input in the case of ``var.env == "prod"``
    that is false, which the loader evaluates on its own (``TfResource.alternatives``). It
    compares unequal to ``value``; anything else about it is not known."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"Differs({self.value!r})"


class ResourceObject(Pending):
    """A whole managed resource (instance) used as a value: ``{from = aws_security_group.a}``
    in a ``for_each`` map. Each attribute read from it (``each.value.from.name``) is what
    ``aws_security_group.a.name`` gives (the configured value, a Computed id, else UNKNOWN)
    and refers to the resource where it is read."""

    __slots__ = ("address", "key", "name", "rtype")

    def __init__(self, address: str, rtype: str, name: str, key: int | str | None) -> None:
        #: ``module.m.aws_security_group.a["k"]``
        self.address = address
        self.rtype = rtype
        self.name = name
        #: the instance key (None for a resource without count / for_each)
        self.key = key

    def __repr__(self) -> str:
        return f"ResourceObject({self.address})"


class PartialMap(Pending):
    """A map some of whose keys may or may not be there: a ``for`` expression whose ``if``
    is not known for some items (``{for k, v in local.p : k => v if v != null}`` with one
    ``v`` not known). ``items`` are the items known to be there (their values may be
    unknown), ``maybe`` the keys that may be. It is UNKNOWN to every computation on the whole
    map (``length``, ``keys``, iteration, a function: :func:`known` refuses it); reading a key
    gives its value when the key is known to be there, UNKNOWN when it may be, and fails as
    Terraform would when it cannot be. It leaves the evaluator (:func:`settled`) as the map
    of the items known to be there plus each key that may be, UNKNOWN: never a key dropped
    or kept on a guess."""

    __slots__ = ("items", "maybe")

    def __init__(self, items: dict[str, Any], maybe: frozenset[str]) -> None:
        self.items = items
        self.maybe = maybe

    def read(self, name: str) -> Any:
        """The value under ``name``: UNKNOWN when the key may be there; EvalError when it
        cannot be."""
        if name in self.items:
            return self.items[name]
        if name in self.maybe:
            return UNKNOWN
        raise EvalError(f"no attribute {name!r}")

    def __repr__(self) -> str:
        return f"PartialMap({self.items!r}, maybe={sorted(self.maybe)!r})"


def is_unknown(value: Any) -> bool:
    """Whether ``value`` itself is not known (UNKNOWN or :class:`Pending`)."""
    return value is UNKNOWN or isinstance(value, Pending)


def settled(
    value: Any,
    shapes: dict[str, str] | None = None,
    path: str = "",
    designated: dict[str, str] | None = None,
) -> Any:
    """``value`` as it leaves the evaluator: every :class:`Pending` in it made UNKNOWN (a
    :class:`PartialMap` the map of what it knows, each key that may be there UNKNOWN); the
    shape of each :class:`Partial` put in ``shapes`` under its value path (``path``, then
    ``.0``, ``.key`` inside), and the ``ref`` of each :class:`Computed` (one resource's id)
    in ``designated`` under its path (an AzAPI ``body`` naming several network security
    groups: which subnet names which)."""
    if type(value) is PartialMap:
        value = dict(sorted({**value.items, **dict.fromkeys(value.maybe, UNKNOWN)}.items()))
    elif isinstance(value, Pending):
        if designated is not None and type(value) is Computed:
            designated.setdefault(path, value.ref)
        elif shapes is not None and type(value) is Partial:
            shapes[path] = value.shape
        elif shapes is not None and type(value) is VpcRange:
            shapes[path] = VPC_RANGE_MARK + value.ref
        elif shapes is not None and type(value) is VpcRanges:
            shapes[path] = VPC_RANGES_MARK + value.ref
        elif shapes is not None and type(value) is NonEmpty:
            shapes[path] = NON_EMPTY_TEXT
        return UNKNOWN
    if type(value) is list or type(value) is SetValue:
        if any(isinstance(item, Pending | list | dict) for item in value):
            items = [
                settled(item, shapes, f"{path}.{i}", designated) for i, item in enumerate(value)
            ]
            return SetValue(items) if type(value) is SetValue else items
        return value
    if type(value) is dict:
        if any(isinstance(item, Pending | list | dict) for item in value.values()):
            return {
                key: settled(item, shapes, f"{path}.{key}", designated)
                for key, item in value.items()
            }
        return value
    return value


def instance_suffix(key: Any) -> str:
    """``[0]`` or ``["name"]`` for an instance key; empty for None or UNKNOWN."""
    if key is None or key is UNKNOWN:
        return ""
    if isinstance(key, int):
        return f"[{key}]"
    return '["' + str(key).replace("\\", "\\\\").replace('"', '\\"') + '"]'


#: Values that are known and hold nothing (:func:`has_unknown`), by exact type.
_PLAIN = frozenset({str, int, float, bool, type(None)})


def has_unknown(value: Any) -> bool:
    """Whether ``value`` is UNKNOWN (or :class:`Pending`) or holds one anywhere inside."""
    if type(value) in _PLAIN:
        return False  # (most values: a text, a number, a flag, null)
    if value is UNKNOWN or isinstance(value, Pending):
        return True
    if isinstance(value, dict):
        return any(has_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(has_unknown(v) for v in value)
    return False


def known(value: Any) -> Any:
    """``value`` itself, or raise UnknownResult when it is UNKNOWN (or :class:`Pending`)."""
    if value is UNKNOWN or isinstance(value, Pending):
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


def identity_keys(items: list[Any]) -> list[Any]:
    """:func:`value_key` of each item, a :class:`Computed` keyed by what it names; raise
    UnknownResult when equality is not known: an UNKNOWN anywhere, Computed values of two
    kinds (a bucket's id is its name, which another resource's id may repeat), or one inside
    a collection. Computed values of one kind are equal exactly when they name one
    resource's attribute (two security groups have two ids). A known item and a Computed
    one are taken as different: a literal cannot name what is created at apply."""
    kinds = {item.kind for item in items if type(item) is Computed}
    if len(kinds) > 1:
        raise UnknownResult
    return [
        ("c", item.ref) if type(item) is Computed else value_key(deep_known(item))
        for item in items
    ]


class SetValue(list[Any]):
    """A Terraform set: a list to every reader, marked so that a ``dynamic`` block over it
    binds its iterator's ``key`` to the element itself ("If the for_each expression produces
    a set value then key is identical to value", developer.hashicorp.com/terraform/language/
    expressions/dynamic-blocks), not to its position."""

    __slots__ = ()


def as_set(items: list[Any]) -> list[Any]:
    """Distinct items, in a stable order (sets have no order in Terraform), as a
    :class:`SetValue`."""
    out: list[Any] = []
    seen: set[Any] = set()
    for item in items:
        key = value_key(item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    try:
        return SetValue(sorted(out))
    except TypeError:
        return SetValue(out)

