"""Where the secrets of a Terraform resource are written (GDCC-SECRET-001): its arguments,
its ``connection`` / ``provisioner`` blocks, strings written in part, and a second
declaration of its address.

A resource declared twice at one address is refused by Terraform; the loader keeps the
first block and reports the second as an error (``load.terraform.config``, input
"partially assessed"). The second block's text is in the repository all the same, so a
password written in it is a secret in the code: it is added to the first block's resource,
``value set at`` its own line (a second block writing a secret PASSed before).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform.values import NON_EMPTY_TEXT
from gdcc_audit.load.terraform_model import UNKNOWN_TEXT, RootResources, TfResource, lookup
from gdcc_audit.models.secret_names import plain_arguments, sensitive_arguments
from gdcc_audit.normalize.defaults import SECRET_ORIGIN, value_origins
from gdcc_audit.secrets.detect import (
    TOO_BIG,
    decoded_user_data,
    detect_secrets,
    partly_written_secrets,
)

#: ``RootResources.cache`` key of :func:`duplicate_secrets`' index.
_CACHE = "duplicate_secrets"


def written_secrets(resource: TfResource, found: tuple[str, ...] | None) -> tuple[str, ...]:
    """The paths of the secrets written in ``resource``: ``found`` (what its mapper found)
    or its arguments searched (with the schema's sensitive ones), and those of its
    ``connection`` / ``provisioner`` blocks (``connection.0.password``)."""
    if found is None:
        found = detect_secrets(resource.values, sensitive=sensitive_arguments(resource.type))
    plain = plain_arguments(resource.type)
    if plain and found:  # what its mapper found too
        found = tuple(p for p in found if not _plain(resource.values, p, plain))
    encoded = _encoded_secrets(resource.values)
    if encoded:
        found = tuple(sorted({*found, *encoded}))
    if resource.provisioning:
        found = tuple(sorted({*found, *detect_secrets(resource.provisioning)}))
    if resource.partial or resource.shapes:
        # strings written in part (user data with a reference in it): what is written
        texts = {
            **{path: shape for path, shape in resource.shapes.items()
               if shape != NON_EMPTY_TEXT},  # (nothing written: coalesce of inputs)
            **resource.partial,
        }
        partly = partly_written_secrets(texts, UNKNOWN_TEXT)
        plain = plain_arguments(resource.type)
        if plain and partly:  # a name written in part (``"${var.prefix}-fs"``): no secret
            partly = tuple(p for p in partly if not _plain_text(texts[p], p, plain))
        found = tuple(sorted({*found, *partly}))
    return found


#: User data arguments that hold base64 (``user_data_base64``; a launch template's
#: ``user_data``, Azure ``custom_data``, ``user_data = base64encode(<<EOF ...)``).
_ENCODED = frozenset({"user_data", "user_data_base64", "custom_data"})


def _encoded_secrets(values: Mapping[str, Any]) -> list[str]:
    """The user data arguments (top-level or in a block: ``os_profile.0.custom_data``)
    whose value is base64 of a text holding a secret (``decoded_user_data``: GDCC-CMP-005
    read it, GDCC-SECRET-001 PASSed ``base64encode(<<EOF ... --password=x ... EOF)``)."""
    found: list[str] = []
    for name, value in values.items():
        if name in _ENCODED and isinstance(value, str):
            text = decoded_user_data(value)
            if text is not None and text != TOO_BIG and detect_secrets({name: text}):
                found.append(name)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, Mapping) and _ENCODED & item.keys():
                    inner = [k for k in _encoded_secrets(item) if k in _ENCODED]
                    found.extend(f"{name}.{index}.{k}" for k in inner)
    return found


def _plain_text(text: str, path: str, plain: frozenset[str]) -> bool:
    """Whether the string written in part at ``path`` is an argument the provider documents
    as no secret whose written parts have no credential's shape."""
    if ".".join(k for k in path.split(".") if not k.isdigit()) not in plain:
        return False
    return not detect_secrets({"text": text.replace(UNKNOWN_TEXT, "${unknown}")})


def _plain(values: Any, path: str, plain: frozenset[str]) -> bool:
    """Whether the secret found at ``path`` is an argument the provider documents as no
    secret (``plain_arguments``) whose value has no credential's shape."""
    if ".".join(k for k in path.split(".") if not k.isdigit()) not in plain:
        return False
    value = lookup(values, path)
    return isinstance(value, str) and not detect_secrets({"text": value})


def duplicate_secrets(address: str, root: RootResources | None) -> dict[str, str]:
    """Path -> ``file:line`` of each secret written in a second declaration of ``address``
    (``RootResources.lost``; its instances are expanded as the first block's): where the
    value is given when a variable gives it, else the argument's line in that block, else
    the block's first line. Empty when there is none (indexed once per root)."""
    if root is None or not root.lost:
        return {}
    index: dict[str, dict[str, str]] | None = root.cache.get(_CACHE)
    if index is None:
        index = root.cache[_CACHE] = _index(root.lost)
    return index.get(address, {})


def _index(lost: list[TfResource]) -> dict[str, dict[str, str]]:
    index: dict[str, dict[str, str]] = {}
    for resource in lost:
        if resource.mode not in ("managed", "data"):
            continue
        paths = written_secrets(resource, None)
        if not paths:
            continue
        origins = value_origins(resource.type, resource.origins, paths)
        found = index.setdefault(resource.address, {})
        for path in paths:
            where = origins.get(SECRET_ORIGIN + path) or _line_of(resource, path)
            found.setdefault(path, where)
    return index


def _line_of(resource: TfResource, path: str) -> str:
    """``file:line`` of the argument holding ``path`` in ``resource``'s block (the nearest
    enclosing one written in place), else of the block."""
    lines: dict[str, Any] = resource.attribute_lines
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        line = lines.get(".".join(parts[:end]))
        if isinstance(line, int):
            return f"{resource.file}:{line}"
    return resource.declared_at


__all__ = ["duplicate_secrets", "written_secrets"]
