"""JSON with comments (JSONC): the format of editors' and tools' settings files
(``.vscode/launch.json``, ``devcontainer.json``, ``tsconfig.json``), JSON plus ``//`` and
``/* */`` comments and trailing commas. No infrastructure-as-code format gdcc-audit reads
allows them, so such a file is only told apart from broken configuration."""

from __future__ import annotations

import json
from typing import Any


def strip_jsonc(text: str) -> str:
    """``text`` without its comments and trailing commas (strings kept as written)."""
    out: list[str] = []
    i, size = 0, len(text)
    while i < size:
        char = text[i]
        if char == '"':
            end = i + 1
            while end < size and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            out.append(text[i:end + 1])
            i = end + 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = size if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = size if end < 0 else end + 2
        elif char == ",":
            ahead = i + 1
            while ahead < size and text[ahead] in " \t\r\n":
                ahead += 1
            if ahead < size and text[ahead] in "}]":
                i += 1  # a trailing comma
                continue
            out.append(char)
            i += 1
        else:
            out.append(char)
            i += 1
    return "".join(out)


def read_jsonc(text: str) -> Any | None:
    """The value of a JSONC text; None when it is not JSONC either (or has no comment or
    trailing comma: then it is plain JSON, broken)."""
    stripped = strip_jsonc(text)
    if stripped == text:
        return None
    try:
        return json.loads(stripped)
    except (json.JSONDecodeError, RecursionError):
        return None
