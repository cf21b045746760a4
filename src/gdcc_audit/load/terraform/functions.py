"""Terraform's built-in functions that can be computed statically.

A function not listed here, or one that would read files, the clock or the network
(``file``, ``timestamp``, ``uuid``...), gives UNKNOWN. ``try`` and ``can`` need lazy
arguments and live in the evaluator.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import ipaddress
import itertools
import json
import math
import pickle
import re
from collections.abc import Callable
from typing import Any

from gdcc_audit.load.terraform import budget, regex
from gdcc_audit.load.terraform.budget import BudgetExceeded
from gdcc_audit.load.terraform.more_functions import MORE_FUNCTIONS
from gdcc_audit.load.terraform.values import (
    Computed,
    EvalError,
    NonEmpty,
    Partial,
    PartialMap,
    Pending,
    SetValue,
    UnknownResult,
    as_set,
    deep_known,
    has_unknown,
    identity_keys,
    is_unknown,
    json_encode,
    known,
    map_key,
    normal_number,
    to_bool,
    to_list,
    to_map,
    to_number,
    to_str,
    value_key,
)
from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT
from gdcc_audit.secrets.pointer import SecretBearing

Function = Callable[..., Any]


def _check_length(length: int, what: str) -> None:
    """Refuse to build a string or list over the value cap (see ``budget``)."""
    cap = budget.MAX_VALUE_UNITS
    if length > cap:
        raise BudgetExceeded(f"{what} would build {length:,} units, over the cap of {cap:,}")


def _coalesce(*args: Any) -> Any:
    """``coalesce``: the first argument neither null nor empty. One not known followed by
    one that is never null nor empty (a resource's id, a written text) gives a text not
    known that is neither (:class:`NonEmpty`): ``coalesce(var.kms, aws_kms_key.k.id)`` is
    the input when it is given a text, else the key."""
    for index, arg in enumerate(args):
        if isinstance(arg, Pending) and arg.never_empty:
            return arg  # never null nor empty
        if is_unknown(arg) and any(_never_empty(later) for later in args[index + 1:]):
            return NonEmpty()
        known(arg)
        if arg is not None and arg != "":
            return arg
    raise EvalError("no non-null, non-empty argument")


def _never_empty(value: Any) -> bool:
    """Whether ``value`` is a text that is neither null nor empty, known or not."""
    if isinstance(value, Pending):
        return value.never_empty
    return isinstance(value, str) and value != ""


def _coalescelist(*args: Any) -> Any:
    for arg in args:
        if to_list(arg):
            return arg
    raise EvalError("no non-empty list")


def _merge(*args: Any) -> Any:
    """``merge``; a :class:`PartialMap` argument gives one too: a key it may hold stays a
    key that may be there, unless an argument before holds it (then it is there, its value
    not known) or one after sets it."""
    out: dict[str, Any] = {}
    maybe: set[str] = set()
    for arg in args:
        if arg is None:
            continue
        if type(arg) is PartialMap:
            for key in arg.maybe:
                if key in out:
                    out[key] = UNKNOWN
                else:
                    maybe.add(key)
        found = arg.items if type(arg) is PartialMap else to_map(arg)
        maybe.difference_update(found)
        out.update(found)
    return PartialMap(out, frozenset(maybe)) if maybe else out


def _concat(*args: Any) -> list[Any]:
    out: list[Any] = []
    for arg in args:
        out.extend(to_list(arg))
    return out


def _lookup(mapping: Any, key: Any, *default: Any) -> Any:
    values = to_map(mapping)
    if is_unknown(key):
        # a key not known in a map whose every value is the default (an empty map: a module
        # input left at ``{}``, ``lookup(var.versioning, lower(each.value), false)``) gives
        # the default whatever the key (terraform-google-modules/cloud-storage's buckets)
        fallback = default[0] if default else UNKNOWN
        if fallback is not UNKNOWN and not has_unknown(fallback) and all(
            type(value) is type(fallback) and value == fallback for value in values.values()
        ):
            return fallback
        raise UnknownResult
    name = map_key(key)
    if name in values:
        return values[name]
    if default:
        return default[0]
    raise EvalError(f"no key {name!r}")


def _format(spec: Any, *args: Any) -> str:
    text = to_str(spec)
    values = iter(args)
    out: list[str] = []
    pos = 0
    length = 0
    for match in re.finditer(r"%(%|[-+ #0]*\d*(?:\.\d+)?[a-zA-Z])", text):
        length += len(out[-1]) if out else 0  # the previous verb's rendering
        out.append(text[pos : match.start()])
        length += len(out[-1])
        _check_length(length, "format()")
        pos = match.end()
        verb = match.group(1)
        for digits in re.findall(r"\d+", verb):  # a width or precision
            _check_length(int(digits) if len(digits) < 10 else 10**10, "format()")
        if verb == "%":
            out.append("%")
            continue
        try:
            value = deep_known(next(values))
        except StopIteration:
            raise EvalError("not enough arguments for format") from None
        kind = verb[-1]
        if kind in "dfeEgG" and not isinstance(value, bool):
            number = to_number(value)
            python_spec = verb if kind != "d" else verb[:-1] + "d"
            number = int(number) if kind == "d" else float(number)
            out.append(format(number, python_spec[:-1] + kind))
        elif kind in "xXob":
            out.append(format(int(to_number(value)), verb[:-1] + kind))
        elif kind == "q":
            out.append(json.dumps(to_str(value)))
        elif kind == "t":
            out.append("true" if to_bool(value) else "false")
        elif kind == "v" and not isinstance(value, str | int | float | bool):
            out.append(json_encode(value))
        else:
            width = verb[:-1].lstrip("-+ #0")
            rendered = to_str(value)
            if width and width.isdigit():
                rendered = rendered.ljust(int(width)) if "-" in verb else rendered.rjust(int(width))
            out.append(rendered)
    out.append(text[pos:])
    return "".join(out)


def _join(sep: Any, *lists: Any) -> str:
    items = [to_str(item) for lst in lists for item in to_list(lst)]
    separator = to_str(sep)
    _check_length(sum(map(len, items)) + len(separator) * max(len(items) - 1, 0), "join()")
    return separator.join(items)


def _formatlist(spec: Any, *lists: Any) -> list[str]:
    out: list[str] = []
    length = 0
    for row in zip(*(to_list(x) for x in lists), strict=False):
        out.append(_format(spec, *row))
        length += len(out[-1]) or 1
        _check_length(length, "formatlist()")
    return out


def _split(sep: Any, text: Any) -> list[str]:
    return to_str(text).split(to_str(sep)) if to_str(text) != "" else [""]


def _length(value: Any) -> int:
    value = known(value)
    if isinstance(value, str | list | dict):
        return len(value)
    raise EvalError("length of a non-collection")


def _element(lst: Any, index: Any) -> Any:
    items = to_list(lst)
    if not items:
        raise EvalError("element of an empty list")
    return items[int(to_number(index)) % len(items)]


def _keys(value: Any) -> list[str]:
    return sorted(to_map(value))


def _values(value: Any) -> list[Any]:
    mapping = to_map(value)
    return [mapping[k] for k in sorted(mapping)]


def _flatten(value: Any) -> list[Any]:
    out: list[Any] = []
    for item in to_list(value):
        if type(item) is not Computed and type(item) is not NonEmpty:  # a string: kept
            known(item)
        if isinstance(item, list):
            out.extend(_flatten(item))
        else:
            out.append(item)
    return out


def _distinct(value: Any) -> list[Any]:
    items = to_list(value)
    try:
        keys = identity_keys(items)
    except UnknownResult:
        if items and all(type(i) is str or type(i) is Partial for i in items):
            return _distinct_texts(items)
        return _distinct_objects(items)
    out: list[Any] = []
    seen: set[Any] = set()
    for item, key in zip(items, keys, strict=True):
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _distinct_texts(items: list[Any]) -> list[Any]:
    """``distinct`` of texts some of which are known only in part (:class:`Partial`:
    ``"web-${var.env}"``): a known text equal to an earlier one is dropped; when no other two
    items may be equal (their written heads or tails differ: ``web-<?>`` and ``db-<?>``), the
    list is known in length and order, the partial texts kept as they are. Two items that
    may be equal (``${var.a}`` beside anything, ``web-<?>`` twice: the parts not known may
    be one value): UnknownResult, as before."""
    if not all(type(i) is str or type(i) is Partial for i in items):
        raise UnknownResult
    out: list[Any] = []
    for item in items:
        if type(item) is str and item in out:
            continue
        if any(_texts_may_meet(item, kept) for kept in out):
            raise UnknownResult
        out.append(item)
    return out


def _texts_may_meet(a: Any, b: Any) -> bool:
    """Whether two texts, one or both known only in part, may be equal."""
    if type(a) is str and type(b) is str:
        return bool(a == b)
    if type(a) is str or type(b) is str:
        text, shape = (a, b.shape) if type(a) is str else (b, a.shape)
        pattern = ".*".join(re.escape(part) for part in shape.split(UNKNOWN_TEXT))
        return re.fullmatch(pattern, text, re.DOTALL) is not None
    first: list[str] = a.shape.split(UNKNOWN_TEXT)
    second: list[str] = b.shape.split(UNKNOWN_TEXT)
    heads, tails = (first[0], second[0]), (first[-1], second[-1])
    return (heads[0].startswith(heads[1]) or heads[1].startswith(heads[0])) and (
        tails[0].endswith(tails[1]) or tails[1].endswith(tails[0])
    )


def _distinct_objects(items: list[Any]) -> list[Any]:
    """``distinct`` of objects or lists some of whose values are not known
    (terraform-google-modules/iam's helper: ``distinct(flatten([for name in var.entities :
    [for role, members in var.bindings : {name = name, role = role, ...}]]))`` with the
    project name an input): an item equal to an earlier one (:func:`_same`) is dropped, one
    that differs from each in a known value is kept, and one that may or may not equal an
    earlier one (they differ only where values are not known) is kept too, so no member is
    ever dropped on a guess; the list may then hold an item twice that Terraform would hold
    once. Anything else not known (a whole item, a text): UnknownResult, as before."""
    if not all(isinstance(item, dict | list) and not is_unknown(item) for item in items):
        raise UnknownResult
    out: list[Any] = []
    for item in items:
        if not any(_same(item, kept) is True for kept in out):
            out.append(item)
    return out


def _same(a: Any, b: Any) -> bool | None:
    """Whether two values are equal: True, False, or None when that rests on a value not
    known. Two ids of one kind of resource are equal exactly when they name one resource's
    (:func:`identity_keys`); a known value and an id are different."""
    if type(a) is Computed and type(b) is Computed:
        return a.ref == b.ref if a.kind == b.kind else None
    if is_unknown(a) or is_unknown(b):
        return False if Computed in (type(a), type(b)) and not (
            is_unknown(a) and is_unknown(b)
        ) else None
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return False
        return _all_same(_same(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return False
        return _all_same(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict | list) or isinstance(b, dict | list):
        return False
    return bool(value_key(a) == value_key(b))


def _all_same(verdicts: Any) -> bool | None:
    """False when one of ``verdicts`` is, else None when one is, else True."""
    found: bool | None = True
    for verdict in verdicts:
        if verdict is False:
            return False
        if verdict is None:
            found = None
    return found


def _contains(lst: Any, value: Any) -> Any:
    items = to_list(lst)
    deep_known(value)
    if value in items:
        return True
    if any(is_unknown(item) for item in items):
        return UNKNOWN
    return False


def _tomap(value: Any) -> dict[str, Any]:
    return to_map(value)


def _toset(value: Any) -> list[Any]:
    items = to_list(value)
    if any(type(v) is Computed for v in items):
        return _distinct(value)
    if any(type(v) is Partial for v in items):
        return as_set(_distinct_texts(items))  # (raises UnknownResult past a non-text)
    return as_set(list(deep_known(items)))


def _zipmap(keys: Any, values: Any) -> dict[str, Any]:
    return dict(zip([map_key(k) for k in to_list(keys)], to_list(values), strict=False))


def _range(*args: Any) -> list[Any]:
    numbers = [to_number(a) for a in args]
    start, stop, step = (0, numbers[0], 1) if len(numbers) == 1 else (*numbers[:2], 1)
    if len(numbers) == 3:
        step = numbers[2]
    out: list[Any] = []
    value = start
    while (step > 0 and value < stop) or (step < 0 and value > stop):
        out.append(normal_number(value))
        value += step
        if len(out) > 1024:
            raise EvalError("range too long")
    return out


def _slice(lst: Any, start: Any, end: Any) -> list[Any]:
    return to_list(lst)[int(to_number(start)) : int(to_number(end))]


def _cidrsubnet(prefix: Any, newbits: Any, netnum: Any) -> str:
    network = ipaddress.ip_network(to_str(prefix), strict=False)
    new_prefix = network.prefixlen + int(to_number(newbits))
    if not network.prefixlen <= new_prefix <= network.max_prefixlen:
        raise EvalError(f"cidrsubnet: cannot extend prefix /{network.prefixlen} by {newbits}")
    size = 2 ** (network.max_prefixlen - new_prefix)
    base = int(network.network_address) + int(to_number(netnum)) * size
    subnet = ipaddress.ip_network((base, new_prefix))
    if not subnet.subnet_of(network):  # type: ignore[arg-type]
        raise EvalError("cidrsubnet: netnum out of range")
    return str(subnet)


def _cidrhost(prefix: Any, hostnum: Any) -> str:
    network = ipaddress.ip_network(to_str(prefix), strict=False)
    number = int(to_number(hostnum))
    base = network.broadcast_address + 1 if number < 0 else network.network_address
    return str(base + number)


def _replace(text: Any, old: Any, new: Any) -> str:
    source, search, repl = to_str(text), to_str(old), to_str(new)
    if len(search) > 1 and search.startswith("/") and search.endswith("/"):
        return regex.replace(source, search[1:-1], repl, budget.MAX_VALUE_UNITS)
    found = source.count(search)
    _check_length(len(source) + found * (len(repl) - len(search)), "replace()")
    return source.replace(search, repl)


def _sum(lst: Any) -> Any:
    return normal_number(sum(to_number(v) for v in to_list(lst)))


def _setunion(*sets: Any) -> list[Any]:
    items = [v for s in sets for v in to_list(s)]
    if any(has_unknown(v) for v in items):
        # objects some of whose values are not known: as ``distinct`` (never one dropped
        # on a guess)
        return SetValue(_distinct_objects(items))
    return as_set(items)


def _setintersection(first: Any, *rest: Any) -> list[Any]:
    items = [deep_known(v) for v in to_list(first)]
    for other in rest:
        keep = {value_key(deep_known(v)) for v in to_list(other)}
        items = [v for v in items if value_key(v) in keep]
    return as_set(items)


def _setsubtract(a: Any, b: Any) -> list[Any]:
    remove = {value_key(deep_known(v)) for v in to_list(b)}
    return as_set([v for v in to_list(a) if value_key(deep_known(v)) not in remove])


def _setproduct(*sets: Any) -> list[Any]:
    lists = [to_list(s) for s in sets]
    if len(lists) < 2:
        raise EvalError("setproduct needs at least two sets")
    _check_length(math.prod(len(lst) for lst in lists) * (len(lists) + 1), "setproduct()")
    return [list(row) for row in itertools.product(*lists)]


def _transpose(value: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, items in sorted(to_map(value).items()):
        for item in to_list(items):
            out.setdefault(to_str(item), []).append(key)
    return out


def _one(lst: Any) -> Any:
    items = to_list(lst)
    if len(items) > 1:
        raise EvalError("one() of a list with more than one element")
    return items[0] if items else None


def _strcontains(text: Any, sub: Any) -> bool:
    return to_str(sub) in to_str(text)


def _chunklist(lst: Any, size: Any) -> list[Any]:
    items, n = to_list(lst), int(to_number(size))
    return [items[i : i + n] for i in range(0, len(items), n)] if n > 0 else [items]


def _trim(text: Any, chars: Any) -> str:
    return to_str(text).strip(to_str(chars))


def _substr(text: Any, offset: Any, length: Any) -> str:
    value, start, count = to_str(text), int(to_number(offset)), int(to_number(length))
    if start < 0:
        start += len(value)
    return value[start:] if count < 0 else value[start : start + count]


def _jsondecode(text: Any) -> Any:
    try:
        return json.loads(to_str(text))
    except ValueError:
        raise EvalError("invalid JSON") from None


def _sha256(text: Any) -> str:
    return hashlib.sha256(to_str(text).encode()).hexdigest()


def _index(lst: Any, value: Any) -> int:
    items = to_list(lst)
    deep_known(value)
    if value not in items and any(is_unknown(item) for item in items):
        raise UnknownResult
    if value not in items:
        raise EvalError("index: item not found")
    return items.index(value)


def _reverse(lst: Any) -> list[Any]:
    return list(reversed(to_list(lst)))


def _tostring(value: Any) -> Any:
    return None if value is None else to_str(value)


def _tonumber(value: Any) -> Any:
    return None if value is None else to_number(value)


def _tobool(value: Any) -> Any:
    return None if value is None else to_bool(value)


def _compact(lst: Any) -> list[Any]:
    # a Computed value (a resource's id), a text with written characters: never null nor
    # empty, kept
    return [
        v
        for v in to_list(lst)
        if (isinstance(v, Pending) and v.never_empty) or (known(v) is not None and v != "")
    ]


def _alltrue(lst: Any) -> bool:
    return all(to_bool(v) for v in to_list(lst))


def _anytrue(lst: Any) -> bool:
    return any(to_bool(v) for v in to_list(lst))


FUNCTIONS: dict[str, Function] = {
    "abs": lambda x: abs(to_number(x)),
    "alltrue": _alltrue,
    "anytrue": _anytrue,
    "base64decode": lambda s: base64.b64decode(to_str(s)).decode("utf-8"),
    "base64encode": lambda s: _bearing(s, base64.b64encode(to_str(s).encode()).decode("ascii")),
    "ceil": lambda x: math.ceil(to_number(x)),
    "chomp": lambda s: to_str(s).rstrip("\r\n"),
    "chunklist": _chunklist,
    "cidrhost": _cidrhost,
    "cidrnetmask": lambda p: str(ipaddress.ip_network(to_str(p), strict=False).netmask),
    "cidrsubnet": _cidrsubnet,
    "coalesce": _coalesce,
    "coalescelist": _coalescelist,
    "compact": _compact,
    "concat": _concat,
    "contains": _contains,
    "distinct": _distinct,
    "element": _element,
    "endswith": lambda s, x: to_str(s).endswith(to_str(x)),
    "flatten": _flatten,
    "floor": lambda x: math.floor(to_number(x)),
    "format": _format,
    "formatlist": _formatlist,
    "index": _index,
    "join": _join,
    "jsondecode": _jsondecode,
    "jsonencode": json_encode,
    "keys": _keys,
    "length": _length,
    "list": lambda *items: list(items),
    "lookup": _lookup,
    "lower": lambda s: to_str(s).lower(),
    "map": lambda *kv: {map_key(kv[i]): kv[i + 1] for i in range(0, len(kv) - 1, 2)},
    "max": lambda *xs: normal_number(max(to_number(x) for x in xs)),
    "merge": _merge,
    "min": lambda *xs: normal_number(min(to_number(x) for x in xs)),
    "one": _one,
    "range": _range,
    "regex": lambda p, s: regex.search(to_str(p), to_str(s)),
    "regexall": lambda p, s: regex.find_all(to_str(p), to_str(s)),
    "replace": _replace,
    "reverse": _reverse,
    "setintersection": _setintersection,
    "setproduct": _setproduct,
    "setsubtract": _setsubtract,
    "setunion": _setunion,
    "sha256": _sha256,
    "signum": lambda x: (to_number(x) > 0) - (to_number(x) < 0),
    "slice": _slice,
    "sort": lambda lst: sorted(to_str(v) for v in to_list(lst)),
    "split": _split,
    "startswith": lambda s, x: to_str(s).startswith(to_str(x)),
    "strrev": lambda s: to_str(s)[::-1],
    "strcontains": _strcontains,
    "substr": _substr,
    "sum": _sum,
    "tobool": _tobool,
    "tolist": lambda v: list(to_list(v)),
    "tomap": _tomap,
    "tonumber": _tonumber,
    "toset": _toset,
    "tostring": _tostring,
    "transpose": _transpose,
    "trim": _trim,
    "trimprefix": lambda s, p: to_str(s).removeprefix(to_str(p)),
    "trimspace": lambda s: to_str(s).strip(),
    "trimsuffix": lambda s, p: to_str(s).removesuffix(to_str(p)),
    "upper": lambda s: to_str(s).upper(),
    "values": _values,
    "zipmap": _zipmap,
}

#: Functions whose result depends on the argument being partly unknown (they look inside).
PARTIAL_OK = frozenset(
    {"merge", "concat", "length", "contains", "lookup", "coalesce", "element", "tolist", "tomap",
     "keys", "values", "flatten", "compact", "one", "slice", "reverse", "list", "map", "zipmap",
     "coalescelist"}
)


#: Functions that read files, the clock or the environment: never run. A null argument fails
#: as Terraform would (so ``try(file(null), "")`` still falls back); otherwise UNKNOWN.
IO_FUNCTIONS = frozenset(
    {"file", "fileset", "filebase64", "fileexists", "filemd5", "filesha1", "filesha256",
     "filesha512", "filebase64sha256", "filebase64sha512", "templatefile", "pathexpand",
     "abspath"}
)


def _base64gzip(text: Any) -> str:
    """``base64gzip``: the text gzip-compressed, then base64-encoded. The content is
    Terraform's; the compressed bytes are not (Go's deflate encoder writes other bytes than
    zlib for the same input; header as Go writes it: no name, no time, OS unknown): only
    the content is read back (the secret scanner decompresses user data)."""
    data = to_str(text).encode("utf-8")
    _check_length(len(data), "base64gzip()")
    return _bearing(text, base64.b64encode(gzip_bytes(data)).decode("ascii"))


def _bearing(source: Any, result: str) -> str:
    """``result`` encoded from ``source``: still a
    :class:`~gdcc_audit.secrets.pointer.SecretBearing` when ``source`` was one (user data
    rendered with a literal password, then base64-encoded)."""
    return SecretBearing(result) if type(source) is SecretBearing else result


def gzip_bytes(data: bytes) -> bytes:
    """``data`` gzip-compressed with the header Go's ``gzip.NewWriter`` writes (no name, no
    time, default level, OS "unknown"); the deflate stream itself is zlib's, not Go's."""
    packed = bytearray(gzip.compress(data, compresslevel=6, mtime=0))
    packed[9] = 255
    return bytes(packed)


#: What ``yamldecode`` gave for a text, pickled (each call gets its own copy, as a parse
#: gives): the same file is decoded again by every module instance and root that reads it
#: (cloud-foundation-fabric: 25 decodes of 7 texts, ~0.1 s of its scan). Texts of up to
#: ``_DECODED_TEXT`` characters, ``_DECODED_KEPT`` of them, the oldest forgotten first.
_DECODED: dict[str, bytes] = {}
_DECODED_TEXT = 1_000_000
_DECODED_KEPT = 64


def _yamldecode(text: Any) -> Any:
    """``yamldecode``: one YAML document, read by the scanner's YAML reader (libyaml, with
    its caps on aliases and depth: a file read by ``file()`` may be large or hostile); a
    text decoded before is a copy of what it gave (``_DECODED``)."""
    source = to_str(text)
    kept = _DECODED.get(source)
    if kept is not None:
        return pickle.loads(kept)
    data = _yaml_document(source)
    if len(source) <= _DECODED_TEXT:
        try:
            pickled = pickle.dumps(data, pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return data
        if len(_DECODED) >= _DECODED_KEPT:
            del _DECODED[next(iter(_DECODED))]
        _DECODED[source] = pickled
    return data


def _yaml_document(text: str) -> Any:
    from gdcc_audit.errors import InputError
    from gdcc_audit.load.yamltree import iter_yaml

    try:
        documents = list(iter_yaml(text, "<yamldecode>"))
    except InputError:
        raise EvalError("invalid YAML") from None
    if len(documents) > 1:
        raise EvalError("yamldecode: more than one document")
    return documents[0].data if documents else None


FUNCTIONS["yamldecode"] = _yamldecode
FUNCTIONS.update(MORE_FUNCTIONS)
FUNCTIONS["base64gzip"] = _base64gzip
# ``sensitive`` / ``nonsensitive`` only mark or unmark the value (the evaluator records the
# mark: see ``secret_sources``); an unmarked secret is still the secret.
FUNCTIONS["sensitive"] = lambda value: value
FUNCTIONS["nonsensitive"] = lambda value: value
FUNCTIONS["basename"] = lambda p: to_str(p).rstrip("/").rsplit("/", 1)[-1]
FUNCTIONS["dirname"] = lambda p: to_str(p).rsplit("/", 1)[0] if "/" in to_str(p) else "."


def call_function(name: str, args: list[Any]) -> Any:
    """Call a built-in; unknown functions and unknown arguments give UNKNOWN."""
    name = name.removeprefix("core::")
    function = FUNCTIONS.get(name)
    if function is None:
        if name in IO_FUNCTIONS and any(arg is None for arg in args):
            raise EvalError(f"{name}: null argument")
        return UNKNOWN
    if name not in PARTIAL_OK and any(is_unknown(arg) for arg in args):
        return UNKNOWN
    try:
        return function(*args)
    except UnknownResult:
        return UNKNOWN
    except (TypeError, ValueError, IndexError, KeyError, OverflowError, ZeroDivisionError) as exc:
        raise EvalError(f"{name}: {exc}") from exc
