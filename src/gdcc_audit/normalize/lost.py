"""Give each resource the parts of its input that were not assessed and name it (or may
configure it): ``Resource.lost``, read by the engine (see :mod:`gdcc_audit.load.lost`)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from gdcc_audit.load.lost import META_KEY, LostPart, terraform_base
from gdcc_audit.models.resource import LostMention, Resource


# -- resources -------------------------------------------------------------------------------
def attach(resources: Sequence[Resource], documents: Iterable[Any]) -> list[Resource]:
    """``resources`` with ``lost`` set on each one a lost part of its unit names (or may
    configure, when the part is blind). Resources without such a part are returned as they
    are (the same objects)."""
    by_unit: dict[tuple[str, str], dict[tuple[str, int], LostPart]] = {}
    for document in documents:
        meta = getattr(document, "meta", None) or {}
        parts = meta.get(META_KEY)
        if not parts:
            continue
        unit = _document_unit(document)
        seen = by_unit.setdefault(unit, {})
        for part in parts:
            seen.setdefault((part.file, part.line), part)
    if not by_unit:
        return list(resources)
    out: list[Resource] = []
    for resource in resources:
        parts = by_unit.get(_resource_unit(resource))
        mentions = _mentions(resource, parts.values()) if parts else ()
        out.append(resource.model_copy(update={"lost": mentions}) if mentions else resource)
    return out


def _document_unit(document: Any) -> tuple[str, str]:
    if document.format == "terraform":
        # The root's scope, as the mapper writes it on each resource (``attributes["root"]``).
        return ("terraform", str(document.meta.get("root_scope", "")))
    return (document.format, document.path)


def _resource_unit(resource: Resource) -> tuple[str, str]:
    if resource.origin == "terraform":
        return ("terraform", str(resource.attributes.get("root", "")))
    return (resource.origin or "", resource.location.file)


def _mentions(resource: Resource, parts: Iterable[LostPart]) -> tuple[LostMention, ...]:
    found: list[LostMention] = []
    terraform = resource.origin == "terraform"
    base = terraform_base(resource.address or "") if terraform else (resource.address or "")
    folder = _folder(resource.location.file) if terraform else ""
    for part in parts:
        if part.blind:
            found.append(LostMention(where=part.where, named=False))
            continue
        if terraform and part.folder != folder:
            continue
        if base in part.names or (terraform and resource.name in part.literals):
            found.append(LostMention(where=part.where, named=True))
    found.sort(key=lambda m: (not m.named, m.where))
    return tuple(found)


def _folder(file: str) -> str:
    return os.path.realpath(os.path.dirname(file) or ".")


__all__ = ["attach"]
