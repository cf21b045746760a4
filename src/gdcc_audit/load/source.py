"""Reading input files safely: size cap, strict UTF-8, errors with line and column."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from gdcc_audit.errors import InputError
from gdcc_audit.settings import DEFAULT_MAX_FILE_BYTES


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded input file and the sha256 of its bytes."""

    path: str
    text: str
    sha256: str


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> bytes:
    """Read a file, refusing one larger than ``max_bytes`` before reading it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(str(path), f"cannot read file: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise InputError(
            str(path), f"file is {size:,} bytes, over the size cap of {max_bytes:,} bytes"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read file: {exc.strerror or exc}") from exc


#: Byte order marks of UTF-16 (the JSON a PowerShell 5 redirect writes: ``terraform show
#: -json plan > plan.json``); YAML processors "must support the UTF-8 and UTF-16 character
#: encodings" told apart by this mark (YAML 1.2, 5.2 Character Encodings).
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode(path: str, data: bytes, utf16: bool = False) -> str:
    """Decode UTF-8 (a BOM is allowed), and with ``utf16`` (YAML and JSON) UTF-16 that starts
    with its byte order mark; a bad byte is reported with its line and column."""
    if utf16 and data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"file is not valid UTF-16 ({exc.reason})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            path, f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x})", line, column
        ) from exc


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> SourceText:
    """Read and decode a text input file."""
    data = read_bytes(path, max_bytes)
    return SourceText(str(path), decode(str(path), data), hashlib.sha256(data).hexdigest())
