"""Where a secret that a Heat ``str_replace`` param (or a ``list_join`` piece) puts into a
text is written ("value set at"), as :mod:`normalize.cloudformation.sub_origins` does for
``Fn::Sub``.

``user_data: {str_replace: {template: "mysqladmin -u root password $db_rootpassword",
params: {$db_rootpassword: {get_param: db_root_password}}}}`` with ``db_root_password``
defaulting to a password FAILs GDCC-SECRET-001 at ``user_data`` but named no line: the value a
user changes is the parameter's ``default`` (or the environment file's line, or the parent
template's property that passes it), or the ``params`` entry itself when it writes the value.
A param is named when its value alone makes the secret: it is named as a secret
(``$db_rootpassword``), or its value written into the template (every other param read as a
reference) makes a secret there (``export PASSWORD=$Password``). None is named when the
template's own text holds the secret.

Finding a param means rendering the text with its value and searching it for the secret, for
each param: the cost of a Heat scan's secrets (a template read again with each allowed value
of a parameter renders again, though no verdict names those reads' secrets). So the places
are found when a verdict asks for them (:class:`ReplacedSecret`, ``Resource.later_origins``),
from what the read resolved, and only params that name a line are rendered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from gdcc_audit.load.interface import Document
from gdcc_audit.load.yamltree import escape
from gdcc_audit.models.value_origin import LaterOrigin, join_places
from gdcc_audit.normalize.cloudformation.resolving import TemplateResolver
from gdcc_audit.normalize.cloudformation.values import as_str, is_known
from gdcc_audit.secrets.detect import detect_secrets

#: Heat's functions that write ``params`` into a ``template``.
_REPLACING = frozenset({"str_replace", "str_replace_strict", "str_replace_vstrict"})
#: A param not known, as the secret detector reads it: a reference, never a secret.
_UNKNOWN = "${value}"


def _rendered(template: str, given: Mapping[str, str], keys: Iterable[str]) -> str:
    """``template`` with each of ``keys`` replaced by its text in ``given`` (else a
    reference), the longest key first as Heat does."""
    pattern = _pattern(tuple(keys))
    if pattern is None:
        return template
    return pattern.sub(lambda m: given.get(m.group(0), _UNKNOWN), template)


@lru_cache(maxsize=256)
def _pattern(keys: tuple[str, ...]) -> re.Pattern[str] | None:
    """The pattern matching any of ``keys``, the longest first (built once per set of
    params: each param's reading rendered the template with it)."""
    ordered = sorted(keys, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile("|".join(re.escape(k) for k in ordered if k))


@lru_cache(maxsize=256)
def _holds_secret(path: str, template: str, keys: tuple[str, ...], key: str, text: str) -> bool:
    """Whether ``template`` rendered with ``key`` (one of ``keys``; ``""``: none) given
    ``text``, every other param a reference, holds a secret at ``path`` (the template's
    other reads, an allowed value or an environment file, render it again alike)."""
    given = {key: text} if key else {}
    return bool(detect_secrets({path: _rendered(template, given, keys)}))


@lru_cache(maxsize=256)
def _written_keys(template: str, keys: tuple[str, ...]) -> frozenset[str]:
    """The params of ``keys`` that ``template`` writes (a param it does not write renders
    it as the template's own text)."""
    pattern = _pattern(keys)
    return frozenset(pattern.findall(template)) if pattern is not None else frozenset()


@dataclass(frozen=True)
class ReplacedSecret:
    """Where the values a ``str_replace`` puts into its text at ``path`` (a secret there,
    which its template's own text does not hold) are written, found when called: ``None``
    when no param's value makes it. What the read resolved is kept, so the answer is the
    one the read would have given."""

    path: str
    #: The template's text, and every param's key (the longest is replaced first).
    template: str
    keys: tuple[str, ...]
    #: (key, value as text, where it is written) of each param whose value is known and
    #: written at a line a user changes (and is no secret of its own path).
    named: tuple[tuple[str, str, str], ...]

    def __call__(self) -> str | None:
        return _places(self)


@lru_cache(maxsize=1024)
def _places(secret: ReplacedSecret) -> str | None:
    """:meth:`ReplacedSecret.__call__`: a param is named when its value alone is a secret
    (``$db_rootpassword``) or, written into the text (every other param a reference), makes
    the secret there (``export PASSWORD=$Password``)."""
    path, template, keys = secret.path, secret.template, secret.keys
    written = _written_keys(template, keys)
    places = [
        where for key, text, where in secret.named
        if detect_secrets({key: text})
        or (key in written and _holds_secret(path, template, keys, key, text))
    ]
    return join_places(places) if places else None


def replace_secret_origins(
    document: Document,
    raw: Any,
    pointer: str,
    secrets: Iterable[str],
    origins: Mapping[str, str],
    resolver: TemplateResolver,
) -> dict[str, LaterOrigin]:
    """Secret path -> where the values that put it there are written (found when called:
    :class:`ReplacedSecret`), for each of ``secrets`` that is a top-level property of
    ``raw`` (the resource's properties as written, at ``pointer``) written with
    ``str_replace``: a param written as ``get_param`` names ``origins``' place for it
    (``parameter_origins``: default, environment file or parent), a literal param names its
    own line; a param that is itself one of ``secrets`` (a hidden parameter's default) is
    named at its own path, not again."""
    found: dict[str, LaterOrigin] = {}
    if not isinstance(raw, Mapping):
        return found
    secrets = list(secrets)
    for path in secrets:
        value = raw.get(path)
        if not isinstance(value, Mapping) or len(value) != 1:
            continue
        ((function, arg),) = value.items()
        if function == "list_join":
            joined = _joined_secret(path, arg, secrets, origins, resolver)
            if joined is not None:
                found[path] = joined
            continue
        if function not in _REPLACING or not isinstance(arg, Mapping):
            continue
        template, params = resolver.resolve(arg.get("template")), arg.get("params")
        if not isinstance(template, str) or not isinstance(params, Mapping):
            continue
        keys = tuple(str(k) for k in params)
        if _holds_secret(path, template, keys, "", ""):
            continue  # the template's own text holds the secret (its params not read)
        named: list[tuple[str, str, str]] = []
        for key, param in params.items():
            known = resolver.resolve(param)
            if not is_known(known) or isinstance(known, Mapping | list):
                continue
            written = f"{path}.{function}.params.{key}"
            if written in secrets:
                continue  # a secret of its own, named at its own path
            where = origins.get(written)
            if where is None and not _is_function(param) and document.lines is not None:
                line = document.lines.line_of(
                    f"{pointer}/properties/{escape(path)}/{escape(function)}/params/{escape(key)}"
                )
                where = f"{document.path}:{line}" if line is not None else None
            if where is not None:  # (a param that names no line is not rendered)
                named.append((str(key), str(as_str(known)), where))
        if named:
            found[path] = ReplacedSecret(str(path), template, keys, tuple(named))
    return found


def _joined_secret(
    path: str,
    arg: Any,
    secrets: list[str],
    origins: Mapping[str, str],
    resolver: TemplateResolver,
) -> ReplacedSecret | None:
    """:func:`replace_secret_origins` for a ``list_join`` at ``path``: its text with each
    piece that is no text (a ``get_param``) a key of its own, so a piece is named as a
    ``str_replace`` param is (``origins``' place for its path: default, environment file or
    parent); None when the joined text's own pieces hold the secret or no piece names a
    line."""
    pieces: list[tuple[str, Any, str, str | None]] = []
    template = _join_template(arg, f"{path}.list_join", resolver, pieces, 0)
    if template is None:
        return None
    keys = tuple(key for key, _, _, _ in pieces)
    if _holds_secret(path, template, keys, "", ""):
        return None  # the text written in the template holds the secret
    named: list[tuple[str, str, str]] = []
    for key, piece, at, joiner in pieces:
        where = origins.get(at)
        if where is None or at in secrets:
            continue
        known = resolver.resolve(piece)
        if joiner is not None:
            # a whole list from one parameter: its items joined as list_join joins them
            text = _joined_items(known, joiner)
            if text is not None:
                named.append((key, text, where))
        elif is_known(known) and not isinstance(known, Mapping | list):
            named.append((key, str(as_str(known)), where))
    return ReplacedSecret(str(path), template, keys, tuple(named)) if named else None


def _joined_items(value: Any, delimiter: str) -> str | None:
    """The text ``list_join`` makes of a list a parameter gives (``None`` when it is no
    list or an item is not known or is no text)."""
    if not isinstance(value, list):
        return None
    texts = []
    for item in value:
        if not is_known(item) or isinstance(item, Mapping | list):
            return None
        texts.append(str(as_str(item)))
    return delimiter.join(texts)


#: How deep ``list_join`` pieces that are ``list_join`` again are followed.
_MAX_JOIN_DEPTH = 8


def _join_template(
    arg: Any, at: str, resolver: TemplateResolver,
    pieces: list[tuple[str, Any, str, str | None]], depth: int,
) -> str | None:
    """The text the ``list_join`` ``arg`` (at property path ``at``) writes, a piece that is
    a function (other than ``list_join``, followed) written as a key ``pieces`` gets with
    the piece, its path and None; a whole list a ``get_param`` gives (``list_join: ["\\n",
    {get_param: setup_lines}]``, a ``comma_delimited_list`` or ``json`` parameter) is one
    piece too, with the delimiter its items are joined with. None when another function
    gives a list or the delimiter is not known."""
    if depth > _MAX_JOIN_DEPTH or not isinstance(arg, list) or not arg:
        return None
    delimiter = resolver.resolve(arg[0])
    if not isinstance(delimiter, str):
        return None
    texts: list[str] = []
    for index, part in enumerate(arg[1:], start=1):
        if isinstance(part, Mapping) and len(part) == 1 and "get_param" in part:
            key = f"\x00{len(pieces)}\x00"
            pieces.append((key, part, f"{at}.{index}", delimiter))
            texts.append(key)
            continue
        if not isinstance(part, list):
            return None  # a list another function gives
        for number, piece in enumerate(part):
            where = f"{at}.{index}.{number}"
            if isinstance(piece, Mapping) and len(piece) == 1 and "list_join" in piece:
                inner = _join_template(
                    piece["list_join"], f"{where}.list_join", resolver, pieces, depth + 1
                )
                if inner is None:
                    return None
                texts.append(inner)
            elif isinstance(piece, str | int | float) and not isinstance(piece, bool):
                texts.append(str(piece))
            else:
                key = f"\x00{len(pieces)}\x00"  # (no text of a template holds it)
                pieces.append((key, piece, where, None))
                texts.append(key)
    return delimiter.join(texts)


def _is_function(value: Any) -> bool:
    """Whether ``value`` is an intrinsic function (its value is written elsewhere)."""
    return isinstance(value, Mapping) and len(value) == 1


__all__ = ["ReplacedSecret", "replace_secret_origins"]
