"""More of Terraform's pure built-in functions: numbers (``log``, ``pow``, ``parseint``),
text (``indent``, ``title``, ``urlencode``, ``csvdecode``, ``textencodebase64`` /
``textdecodebase64``, ``yamlencode``), hashes (``md5``, ``sha1``, ``sha512``,
``base64sha256``, ``base64sha512``, ``uuidv5``), ``matchkeys`` and ``cidrsubnets``; and the
Kubernetes provider's ``provider::kubernetes::manifest_decode`` / ``manifest_decode_multi``.

Each follows the Terraform documentation (developer.hashicorp.com/terraform/language/
functions/NAME) and Terraform's implementation where the documentation is silent; an
argument outside what Terraform accepts fails as Terraform would (``EvalError``), and an
encoding this module does not know gives UNKNOWN (never a guess).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import ipaddress
import json
import math
import re
import urllib.parse
import uuid
from collections.abc import Callable
from typing import Any

from gdcc_audit.load.terraform import budget
from gdcc_audit.load.terraform.budget import BudgetExceeded
from gdcc_audit.load.terraform.values import (
    EvalError,
    UnknownResult,
    deep_known,
    normal_number,
    to_list,
    to_number,
    to_str,
    value_key,
)


def _cap(length: int, what: str) -> None:
    """Refuse to build a string over the value cap (see ``budget``)."""
    if length > budget.MAX_VALUE_UNITS:
        raise BudgetExceeded(
            f"{what} would build {length:,} units, over the cap of {budget.MAX_VALUE_UNITS:,}"
        )


def _log(number: Any, base: Any) -> Any:
    return normal_number(math.log(to_number(number)) / math.log(to_number(base)))


def _pow(number: Any, power: Any) -> Any:
    return normal_number(math.pow(to_number(number), to_number(power)))


#: Digits of ``parseint``, as Go's ``big.Int`` reads them: 0-9, then a-z, then A-Z (for a
#: base up to 36 letters of either case are the same digit).
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _parseint(text: Any, base: Any) -> int:
    """``parseint("FF", 16)``: a base from 2 to 62, an optional sign, digits only (no
    prefix, no underscore)."""
    source, radix = to_str(text), to_number(base)
    if radix != int(radix) or not 2 <= radix <= 62:
        raise EvalError("parseint: the base must be a whole number between 2 and 62")
    radix = int(radix)
    digits = source[1:] if source[:1] in ("+", "-") else source
    if not digits:
        raise EvalError(f"parseint: cannot parse {source!r} as a base {radix} integer")
    value = 0
    for char in digits:
        digit = _DIGITS.find(char.lower() if radix <= 36 else char)
        if not 0 <= digit < radix:
            raise EvalError(f"parseint: cannot parse {source!r} as a base {radix} integer")
        value = value * radix + digit
    return -value if source.startswith("-") else value


def _indent(spaces: Any, text: Any) -> str:
    """Every line but the first prefixed with ``spaces`` spaces (Terraform adds them after
    every line end, a last one included)."""
    count, source = int(to_number(spaces)), to_str(text)
    pad = " " * max(count, 0)
    _cap(len(source) + source.count("\n") * len(pad), "indent()")
    return source.replace("\n", "\n" + pad)


def _separator(char: str) -> bool:
    """Go's ``strings.Title`` word separators: ASCII other than letters, digits and ``_``;
    beyond ASCII, spaces only."""
    if char <= "\x7f":
        return not (char.isascii() and (char.isalnum() or char == "_"))
    if char.isalpha() or char.isdigit():
        return False
    return char.isspace()


def _title(text: Any) -> str:
    """``title``: the first letter of each word made upper case, the others unchanged
    (``title("hELLO wORLD")`` is ``"HELLO WORLD"``; Python's ``str.title`` lowers them)."""
    out: list[str] = []
    previous = " "
    for char in to_str(text):
        upper = char.upper()
        out.append(upper if _separator(previous) and len(upper) == 1 else char)
        previous = char
    return "".join(out)


def _urlencode(text: Any) -> str:
    """Go's ``url.QueryEscape``: a space is ``+``, letters, digits and ``-_.~`` are kept,
    every other byte of the UTF-8 text is ``%XX``."""
    return urllib.parse.quote_plus(to_str(text), safe="")


def _csvdecode(text: Any) -> list[dict[str, str]]:
    """A list of maps, one per row after the header (RFC 4180, as Go's ``encoding/csv``
    reads it: blank lines skipped, every row as many fields as the header)."""
    try:
        rows = [row for row in csv.reader(io.StringIO(to_str(text)), strict=True) if row]
    except csv.Error as exc:
        raise EvalError(f"csvdecode: {exc}") from None
    if not rows:
        raise EvalError("csvdecode: missing header line")
    header, *records = rows
    if any(len(record) != len(header) for record in records):
        raise EvalError("csvdecode: wrong number of fields")
    return [dict(zip(header, record, strict=True)) for record in records]


#: Encodings of ``textencodebase64`` / ``textdecodebase64`` read here (IANA names, any case);
#: another one gives UNKNOWN.
_ENCODINGS = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "utf-16le": "utf-16-le",
    "utf-16be": "utf-16-be",
    "us-ascii": "ascii",
    "iso-8859-1": "latin-1",
    "windows-1252": "cp1252",
}


def _codec(name: Any) -> str:
    codec = _ENCODINGS.get(to_str(name).lower())
    if codec is None:
        raise UnknownResult
    return codec


def _textencodebase64(text: Any, encoding: Any) -> str:
    try:
        data = to_str(text).encode(_codec(encoding))
    except UnicodeEncodeError:
        raise EvalError("textencodebase64: the text has characters the encoding lacks") from None
    return base64.b64encode(data).decode("ascii")


def _textdecodebase64(text: Any, encoding: Any) -> str:
    try:
        return base64.b64decode(to_str(text), validate=True).decode(_codec(encoding))
    except (ValueError, UnicodeDecodeError):
        raise EvalError("textdecodebase64: not base64 of text in that encoding") from None


def _matchkeys(values: Any, keys: Any, searchset: Any) -> list[Any]:
    """The ``values`` whose ``keys`` (at the same index) are in ``searchset``."""
    found, names = to_list(values), to_list(keys)
    if len(found) != len(names):
        raise EvalError("matchkeys: values and keys must have the same length")
    wanted = {value_key(item) for item in deep_known(to_list(searchset))}
    return [value for value, key in zip(found, deep_known(names), strict=True)
            if value_key(key) in wanted]


def _digest(name: str, encode: Callable[[bytes], str]) -> Callable[[Any], str]:
    return lambda text: encode(hashlib.new(name, to_str(text).encode("utf-8")).digest())


def _hex(data: bytes) -> str:
    return data.hex()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


_NAMESPACES = {
    "dns": uuid.NAMESPACE_DNS,
    "url": uuid.NAMESPACE_URL,
    "oid": uuid.NAMESPACE_OID,
    "x500": uuid.NAMESPACE_X500,
}


def _uuidv5(namespace: Any, name: Any) -> str:
    space = to_str(namespace)
    try:
        base = _NAMESPACES.get(space) or uuid.UUID(space)
    except ValueError:
        raise EvalError(f"uuidv5: {space!r} is not a namespace or a UUID") from None
    return str(uuid.uuid5(base, to_str(name)))


def _cidrsubnets(prefix: Any, *newbits: Any) -> list[str]:
    """Consecutive subnets of ``prefix``, each ``newbits`` longer, as Terraform allocates
    them (each after the end of the one before, aligned to its own size)."""
    network = ipaddress.ip_network(to_str(prefix), strict=False)
    width = network.max_prefixlen
    start = int(network.network_address)
    end = start + network.num_addresses
    lengths = []
    for bits in newbits:
        extra = to_number(bits)
        length = network.prefixlen + int(extra)
        if extra != int(extra) or extra < 1 or length > width:
            raise EvalError(f"cidrsubnets: cannot extend /{network.prefixlen} by {bits}")
        lengths.append(length)
    if not lengths:
        return []
    current_start, current_length = _aligned((start - 1) % 2**width, lengths[0], width)
    out: list[str] = []
    for length in lengths:
        last = current_start + 2 ** (width - current_length) - 1
        aligned, _ = _aligned(last, length, width)
        following = aligned + 2 ** (width - length)
        if following + 2 ** (width - length) > end or following < start:
            raise EvalError("cidrsubnets: not enough remaining address space")
        current_start, current_length = following, length
        out.append(str(ipaddress.ip_network((following, length))))
    return out


def _aligned(address: int, length: int, width: int) -> tuple[int, int]:
    """The start of the ``/length`` subnet holding ``address``, and ``length``."""
    size = 2 ** (width - length)
    return address - address % size, length


#: Characters a YAML double-quoted scalar would read as line breaks or drop: escaped.
_YAML_ESCAPES = {"\u0085": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\ufeff"}
_YAML_ESCAPE = re.compile("[\u0085\u2028\u2029\ufeff\x7f-\x9f]")


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar (JSON's escapes are YAML's)."""
    written = json.dumps(text, ensure_ascii=False)
    return _YAML_ESCAPE.sub(
        lambda m: _YAML_ESCAPES.get(m.group(), f"\\x{ord(m.group()):02x}"), written
    )


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return _quoted(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        number = normal_number(value)
        if isinstance(number, float) and math.isinf(number):
            return "+Inf" if number > 0 else "-Inf"
        return str(number)
    if isinstance(value, dict):
        return "{}"
    return "[]"


def _block(value: Any, indent: int, lines: list[str]) -> None:
    """``value`` (a map or list with items) in YAML block style at ``indent`` columns: keys
    sorted and quoted, a list under a key at the key's column, an item's first key or
    element on its ``- `` line."""
    pad = " " * indent
    if isinstance(value, dict):
        for key in sorted(value):
            item = value[key]
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}{_quoted(key)}:")
                _block(item, indent + 2 if isinstance(item, dict) else indent, lines)
            else:
                lines.append(f"{pad}{_quoted(key)}: {_scalar(item)}")
        return
    for item in value:
        if isinstance(item, dict | list) and item:
            first = len(lines)
            _block(item, indent + 2, lines)
            lines[first] = f"{pad}- " + lines[first][indent + 2 :]
        else:
            lines.append(f"{pad}- {_scalar(item)}")


def _yamlencode(value: Any) -> str:
    """``yamlencode``: block style, keys sorted, every key and string double-quoted, as
    Terraform writes it; a scalar alone ends with the document end ``...`` unless it is a
    string. Terraform may also fold a long string over lines; the YAML read back is the
    same value."""
    deep_known(value)
    if isinstance(value, dict | list) and value:
        lines: list[str] = []
        _block(value, 0, lines)
        text = "\n".join(lines) + "\n"
    elif isinstance(value, str | dict | list):
        text = _scalar(value) + "\n"
    else:
        text = _scalar(value) + "\n...\n"
    _cap(len(text), "yamlencode()")
    return text


#: The document separator of the Kubernetes provider's manifest functions (its
#: ``functions/decode.go``): ``---`` at the start or after a line end, with the blanks around.
_DOCUMENT_SEPARATOR = re.compile(r"(?::?^|\s*\n)---\s*")


def _manifests(text: Any) -> list[dict[str, Any]]:
    """``provider::kubernetes::manifest_decode_multi``: each YAML document of the text, an
    object with ``apiVersion``, ``kind`` and ``metadata`` (an empty document is skipped; any
    other document fails), read by the scanner's YAML reader."""
    from gdcc_audit.errors import InputError
    from gdcc_audit.load.yamltree import iter_yaml

    out: list[dict[str, Any]] = []
    for part in _DOCUMENT_SEPARATOR.split(to_str(text)):
        try:
            documents = [d.data for d in iter_yaml(part, "<manifest_decode>")]
        except InputError:
            raise EvalError("manifest_decode: invalid YAML") from None
        if len(documents) > 1:
            raise EvalError("manifest_decode: invalid YAML document")
        data = documents[0] if documents else None
        if data is None or data == {}:
            continue
        if not isinstance(data, dict):
            raise EvalError("manifest_decode: a document is not a mapping")
        missing = [key for key in ("apiVersion", "kind", "metadata") if key not in data]
        if missing:
            raise EvalError(f"manifest_decode: invalid Kubernetes manifest: no {missing[0]}")
        out.append(data)
    return out


def _manifest(text: Any) -> dict[str, Any]:
    """``provider::kubernetes::manifest_decode``: the one resource of the text."""
    found = _manifests(text)
    if len(found) != 1:
        raise EvalError("manifest_decode: the text must hold exactly one resource")
    return found[0]


MORE_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "provider::kubernetes::manifest_decode": _manifest,
    "provider::kubernetes::manifest_decode_multi": _manifests,
    "base64sha256": _digest("sha256", _b64),
    "base64sha512": _digest("sha512", _b64),
    "cidrsubnets": _cidrsubnets,
    "csvdecode": _csvdecode,
    "indent": _indent,
    "log": _log,
    "matchkeys": _matchkeys,
    "md5": _digest("md5", _hex),
    "parseint": _parseint,
    "pow": _pow,
    "sha1": _digest("sha1", _hex),
    "sha512": _digest("sha512", _hex),
    "textdecodebase64": _textdecodebase64,
    "textencodebase64": _textencodebase64,
    "title": _title,
    "urlencode": _urlencode,
    "uuidv5": _uuidv5,
    "yamlencode": _yamlencode,
}

__all__ = ["MORE_FUNCTIONS"]
