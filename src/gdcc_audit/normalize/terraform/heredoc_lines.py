"""The line inside a heredoc where a value is written ("value set at").

A secret or an open CIDR written in a ``<<EOT`` heredoc (user data, an ECS
``container_definitions`` or ``secret_string`` JSON document, ``cidr_blocks =
jsondecode(<<EOT ...)``) pointed only at its resource's first line: the heredoc may be
dozens of lines long. The argument's line (``TfResource.attribute_lines``) opens the
heredoc; its body is read from the file and the value is looked for in it:

- a text value (the secret at ``secret_string.password``, ``container_definitions.0.
  environment.1.value``: JSON inside the heredoc is followed), on the first line holding it
  as written or JSON-escaped;
- else the first line that holds a secret by itself (``--password=...`` in a script), read
  as written, or, when the heredoc renders to as many lines (an interpolation in it, no
  ``%{ for }``), as rendered (``"Password": "${var.pw}"`` holds the variable's value);
- else the heredoc's first line (the ``<<EOT`` line).

A secret given by a local or a variable whose value is a heredoc (``user_data =
local.user_data``) pointed at the ``<<EOT`` line of that local, and one in a file the
argument reads (``file("init.sh")``, ``templatefile("init.sh.tpl", {...})``) at the file
alone: the line inside is found the same way.

"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from gdcc_audit.load.terraform_model import TfResource, lookup
from gdcc_audit.models.value_origin import join_places
from gdcc_audit.normalize.defaults import SECRET_ORIGIN
from gdcc_audit.secrets.detect import TOO_BIG, decoded_user_data, detect_secrets

#: ``<<EOT`` / ``<<-EOT`` ending a line (the heredoc's body starts on the next one).
_OPENER = re.compile(r"<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*$")
#: The fewest characters a value is looked for by its text (a shorter one may be anywhere).
_MIN_TEXT = 4


@lru_cache(maxsize=32)
def _read(file: str, stamp: tuple[int, int]) -> tuple[str, ...]:
    """The lines of ``file`` as it is at ``stamp`` (its mtime and size)."""
    try:
        with open(file, encoding="utf-8", errors="replace") as stream:
            return tuple(stream.read().splitlines())
    except OSError:
        return ()


def _lines(file: str) -> tuple[str, ...]:
    try:
        stat = os.stat(file)
    except OSError:
        return ()
    return _read(file, (stat.st_mtime_ns, stat.st_size))


def _heredoc(file: str, line: int) -> tuple[int, list[tuple[int, str]]] | None:
    """The opening line and the ``(line, text)`` of the body of the heredoc that the line
    ``line`` of ``file`` opens (``user_data = <<-EOT``); None when it opens none."""
    lines = _lines(file)
    if not 1 <= line <= len(lines):
        return None
    opener = _OPENER.search(lines[line - 1])
    if opener is None:
        return None
    marker = opener.group(1)
    body: list[tuple[int, str]] = []
    for number in range(line + 1, len(lines) + 1):
        text = lines[number - 1]
        if text.strip() == marker:
            return line, body
        body.append((number, text))
    return None  # not closed: not a heredoc read here


def _argument(resource: TfResource, path: str) -> tuple[str, int] | None:
    """The argument written in the block that holds ``path`` (the nearest enclosing one
    with a line) and its line."""
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        at = ".".join(parts[:end])
        line = resource.attribute_lines.get(at)
        if isinstance(line, int):
            return at, line
    return None


def _leaf(values: Any, argument: str, path: str) -> Any:
    """The value at ``path`` of ``values``, following a JSON document written as the text
    of ``argument`` (``secret_string.password``)."""
    value = lookup(values, argument)
    rest = path[len(argument) + 1 :].split(".") if path != argument else []
    for part in rest:
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return None
        if isinstance(value, Mapping):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def _first(body: Iterable[tuple[int, str]], test: Callable[[str], bool]) -> int | None:
    return next((number for number, text in body if test(text)), None)


def _search(
    body: Sequence[tuple[int, str]], holds: Callable[[str], bool], value: Any, rendered: Any
) -> int | None:
    """The line of ``body`` holding ``value``'s text, else the first that ``holds`` (as
    written, or as ``rendered`` when it has as many lines); None when none does."""
    found = _search_rendered(body, holds, value, rendered)
    return found[0] if found is not None else None


def _search_rendered(
    body: Sequence[tuple[int, str]], holds: Callable[[str], bool], value: Any, rendered: Any
) -> tuple[int, bool] | None:
    """:func:`_search`'s line, and whether only its rendering holds the value (what is
    interpolated in it gives the secret: ``export PW=${var.pw}``)."""
    text_of = None
    if isinstance(value, str) and len(value.strip()) >= _MIN_TEXT and "\n" not in value:
        escaped = json.dumps(value)[1:-1]

        def text_of(text: str) -> bool:
            return value in text or escaped in text

        at = _first(body, text_of)
        if at is not None:
            return at, False
    at = _first(body, holds)
    if at is not None:
        return at, False
    if isinstance(rendered, str) and "\n" not in rendered:
        # ``base64encode(<<EOF ...)``: the text it encodes (``decoded_user_data``)
        decoded = decoded_user_data(rendered)
        rendered = decoded if decoded != TOO_BIG else None
    if isinstance(rendered, str):
        shown = rendered.removesuffix("\n").split("\n")
        if len(shown) == len(body):
            numbered = list(zip((n for n, _ in body), shown, strict=True))
            at = _first(numbered, text_of) if text_of is not None else None
            at = at if at is not None else _first(numbered, holds)
            if at is not None:
                return at, True
    return None


def _place(
    file: str, line: int, holds: Callable[[str], bool], value: Any, rendered: Any
) -> str | None:
    """``file:line`` of the line of the heredoc that line ``line`` of ``file`` opens where
    the value is (:func:`_search`), else of the heredoc's first line; None when it opens
    none."""
    heredoc = _heredoc(file, line)
    if heredoc is None:
        return None
    start, body = heredoc
    return f"{file}:{_search(body, holds, value, rendered) or start}"


def _in_file(
    file: str, holds: Callable[[str], bool], value: Any, rendered: Any
) -> tuple[int, bool] | None:
    """The line of a file a ``file()`` / ``templatefile()`` reads where the value is, and
    whether only its rendering holds it (:func:`_search_rendered`); None when it is not
    found there, or when the file is a key or certificate (``-----BEGIN``: the whole file is
    the secret, named alone)."""
    if not os.path.isfile(file):
        return None
    body = list(enumerate(_lines(file), start=1))
    first = next((text for _, text in body if text.strip()), "")
    if first.lstrip().startswith("-----BEGIN"):
        return None
    return _search_rendered(body, holds, value, rendered)


#: An input, a local or a template file's variable interpolated whole (``${var.db["pw"]}``,
#: ``${~ local.pw ~}``, ``${db_pw}``; not ``$${x}``, written for a later expansion).
_INTERPOLATION = re.compile(
    r"(?<!\$)\$\{~?\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\s*\"[^\"]*\"\s*\])*)\s*~?\}"
)
_KEY = re.compile(r"([A-Za-z_][\w-]*)|\[\s*\"([^\"]*)\"\s*\]")


def _interpolated(text: str) -> list[str]:
    """The texts (``var.db.pw``, as ``template_refs.ref_text`` writes them; ``db_pw``) of
    what is interpolated whole in one line of a heredoc or template file."""
    return [
        ".".join(a or b for a, b in _KEY.findall(match.group(1)))
        for match in _INTERPOLATION.finditer(text)
    ]


def _set_at(
    resource: TfResource, argument: str, file: str, line: int, rendered: bool
) -> list[str]:
    """Where the inputs and locals interpolated in line ``line`` of ``file`` are written
    (those the argument holding ``argument`` interpolates),
    when only the line's rendering holds the secret (``export PW=${var.pw}``: the variable's
    default, its ``.tfvars`` line, the module argument); else none."""
    if not rendered or not resource.interpolated:
        return []
    parts = argument.split(".")
    origins = next(
        (
            found for end in range(len(parts), 0, -1)
            if (found := resource.interpolated.get(".".join(parts[:end]))) is not None
        ),
        None,
    )
    lines = _lines(file)
    if not origins or not 1 <= line <= len(lines):
        return []
    return [origins[text] for text in _interpolated(lines[line - 1]) if text in origins]


def place_in_heredoc(
    resource: TfResource, path: str, holds: Callable[[str], bool], value: Any = None
) -> str | None:
    """``file:line`` of the line of the heredoc written at the argument holding ``path``
    that ``holds`` (or that holds ``value``'s text), else of the heredoc's first line; None
    when that argument is no heredoc."""
    found = _argument(resource, path)
    if found is None:
        return None
    argument, line = found
    return _place(resource.file, line, holds, value, lookup(resource.values, argument))


def _own_place(resource: TfResource, path: str, value: Any) -> str | None:
    """The line of the block's own heredoc holding the secret at ``path``
    (:func:`_heredoc_place`)."""
    found = _argument(resource, path)
    if found is None:
        return None
    argument, line = found
    rendered = lookup(resource.values, argument)
    return _heredoc_place(resource, argument, resource.file, line, value, rendered)


def _local_place(resource: TfResource, path: str, value: Any) -> str | None:
    """The line holding the secret at ``path`` in the heredoc ``TfResource.interpolated``
    names (a local the argument is written as, ``user_data = local.script``: a local with
    interpolations has no origin; an argument reading an input has no line):
    :func:`_heredoc_place`; None when there is none."""
    argument = path
    while argument not in resource.interpolated and "." in argument:
        argument = argument.rsplit(".", 1)[0]
    written = resource.interpolated.get(argument, {}).get("")
    if written is None:
        return None
    file, _, number = written.rpartition(":")
    rendered = lookup(resource.values, argument)
    return _heredoc_place(resource, argument, file, int(number), value, rendered)


def _heredoc_place(
    resource: TfResource, argument: str, file: str, line: int, value: Any, rendered: Any
) -> str | None:
    """``file:line`` of the line of the heredoc that line ``line`` of ``file`` opens holding
    the secret; when only its rendering does, followed by where the inputs and locals
    interpolated in that line are written (``main.tf:12, main.tf:3``: the heredoc's line,
    then the variable's default); the heredoc's first line when no line holds it; None when
    ``line`` opens no heredoc."""
    heredoc = _heredoc(file, line)
    if heredoc is None:
        return None
    start, body = heredoc
    at = _search_rendered(body, _holds_secret, value, rendered)
    if at is None:
        return f"{file}:{start}"
    return join_places([f"{file}:{at[0]}", *_set_at(resource, argument, file, *at)])


def _holds_secret(text: str) -> bool:
    """Whether one line holds a secret by itself (``--password=...``, ``"password": "..."``),
    read as free text (under no secret's name: a ``{`` line of a sensitive argument is none)."""
    return bool(text.strip()) and bool(detect_secrets({"text": text.strip()}))


def secret_places(
    resource: TfResource, paths: Sequence[str], known: Mapping[str, str]
) -> dict[str, str]:
    """``hardcoded_secrets.PATH`` -> the line in its heredoc, for each of ``paths`` written
    in a heredoc: of the block, or of the one place ``known`` gives (a local's or a
    variable's ``<<EOT`` line: the line inside it)."""
    found: dict[str, str] = {}
    for path in paths:
        argument = _argument(resource, path)
        value = _leaf(resource.values, argument[0] if argument else path, path)
        origin = known.get(SECRET_ORIGIN + path)
        if origin is not None:
            rendered = lookup(resource.values, argument[0] if argument else path)
            file, _, number = origin.rpartition(":")
            if number.isdigit() and ", " not in origin:  # a local's or variable's heredoc
                place = _heredoc_place(
                    resource, argument[0] if argument else path, file, int(number), value,
                    rendered,
                )
            elif ", " not in origin:  # a file read by file() / templatefile(): its line
                at = _in_file(origin, _holds_secret, value, rendered)
                place = None if at is None else join_places([
                    f"{origin}:{at[0]}",
                    *_set_at(resource, argument[0] if argument else path, origin, *at),
                ])
            else:
                continue  # several places
        else:
            place = _own_place(resource, path, value) or _local_place(resource, path, value)
        if place is not None and place != origin:
            found[SECRET_ORIGIN + path] = place
    return found


__all__ = ["place_in_heredoc", "secret_places"]
