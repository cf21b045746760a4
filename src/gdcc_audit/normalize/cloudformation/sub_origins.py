"""Where a secret that a parameter's ``Default`` puts into a text is written ("value set at").

``UserData: !Base64 !Sub "... export DB_PASSWORD=${DbPassword} ..."`` with ``DbPassword``
defaulting to a password FAILs GDCC-SECRET-001 on the rendered text, but pointed at no line:
the ``!Sub`` holds only ``${DbPassword}``; the value a user changes is the parameter's
``Default`` (or the value a parent stack passes). For each secret found in a property
written with ``Fn::Sub`` (or ``Fn::Join`` with ``Ref`` parts), the parameters it reads whose
value alone, written into the text (every other variable read as a reference), makes a
secret there are named; none when the text written holds the secret itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from gdcc_audit.models.value_origin import join_places
from gdcc_audit.secrets.detect import detect_secrets

#: ``${Name}`` in a ``Fn::Sub`` text, or a nested stack's output ``${Child.Outputs.Name}``
#: (not ``${!Literal}``, not another ``${Res.Attr}``).
_VARIABLE = re.compile(r"\$\{([A-Za-z0-9]+(?:\.Outputs\.[A-Za-z0-9_]+)?)\}")
_ANY_VARIABLE = re.compile(r"\$\{[^}]*\}")
_UNKNOWN = "${unknown}"


def _at(raw: Any, path: str) -> Any:
    """The value at the dotted property ``path`` of ``raw`` (None when not there)."""
    value = raw
    for part in path.split("."):
        if isinstance(value, Mapping):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def _pieces(value: Any) -> tuple[list[str | tuple[str]], Mapping[str, Any]] | None:
    """The text of a ``Fn::Sub`` / ``Fn::Join`` as written pieces and ``(name,)`` for each
    parameter it reads, with a Sub's own variables; None for any other value."""
    while isinstance(value, Mapping) and len(value) == 1 and "Fn::Base64" in value:
        value = value["Fn::Base64"]
    if not isinstance(value, Mapping) or len(value) != 1:
        return None
    ((key, argument),) = value.items()
    if key == "Fn::Sub":
        text, own = (argument[0], argument[1]) if (
            isinstance(argument, list) and len(argument) == 2
        ) else (argument, {})
        if not isinstance(text, str):
            return None
        pieces: list[str | tuple[str]] = []
        at = 0
        for match in _ANY_VARIABLE.finditer(text):
            pieces.append(text[at:match.start()])
            named = _VARIABLE.fullmatch(match.group(0))
            pieces.append((named.group(1),) if named is not None else _UNKNOWN)
            at = match.end()
        pieces.append(text[at:])
        return pieces, own if isinstance(own, Mapping) else {}
    if key == "Fn::Join" and isinstance(argument, list) and len(argument) == 2:
        separator, items = argument
        if not isinstance(separator, str) or not isinstance(items, list):
            return None
        pieces = []
        for index, item in enumerate(items):
            if index:
                pieces.append(separator)
            if isinstance(item, str):
                pieces.append(item)
            elif isinstance(item, Mapping) and len(item) == 1 and isinstance(item.get("Ref"), str):
                pieces.append((item["Ref"],))
            else:
                pieces.append(_UNKNOWN)
        return pieces, {}
    return None


def _text(pieces: Iterable[str | tuple[str]], given: Mapping[str, str]) -> str:
    return "".join(
        piece if isinstance(piece, str) else given.get(piece[0], _UNKNOWN) for piece in pieces
    )


def sub_secret_origins(
    raw: Any,
    paths: Iterable[str],
    defaults: Mapping[str, str],
    origin: Callable[[str], str | None],
) -> dict[str, str]:
    """Secret path -> where the parameters whose values put it there are written
    (``origin``), for each of ``paths`` written as a ``Fn::Sub`` / ``Fn::Join`` text whose
    written parts hold no secret; ``defaults``: each parameter's value as text."""
    found: dict[str, str] = {}
    for path in paths:
        written = _pieces(_at(raw, path))
        if written is None:
            continue
        pieces, own = written
        name = path.rsplit(".", 1)[-1]
        if detect_secrets({name: _text(pieces, {})}):
            continue  # the text written holds the secret itself
        reads = dict.fromkeys(
            piece[0] for piece in pieces
            if not isinstance(piece, str) and piece[0] not in own and piece[0] in defaults
        )
        places = [
            where for parameter in reads
            if detect_secrets({name: _text(pieces, {parameter: defaults[parameter]})})
            and (where := origin(parameter)) is not None
        ]
        if places:
            found[path] = join_places(places)
    return found


__all__ = ["sub_secret_origins"]
