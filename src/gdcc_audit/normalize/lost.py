"""Give each resource the parts of its input that were not assessed and name it (or may
configure it): ``Resource.lost``, read by the engine (see :mod:`gdcc_audit.load.lost`)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from gdcc_audit.load.lost import (
    LOST_FACETS,
    LOST_KINDS,
    META_KEY,
    RAIN_MODULE,
    LostPart,
    terraform_base,
)
from gdcc_audit.models.resource import FACET_NAMES, LostMention, Resource


# -- resources -------------------------------------------------------------------------------
def attach(resources: Sequence[Resource], documents: Iterable[Any]) -> list[Resource]:
    """``resources`` with ``lost`` set on each one a lost part of its unit names (or may
    configure, when the part is blind). Resources without such a part are returned as they
    are (the same objects)."""
    by_unit: dict[tuple[str, str], dict[tuple[str, int], LostPart]] = {}
    facets: dict[str, dict[str, list[str]]] = {}
    kinds: dict[str, str] = {}
    formats: dict[str, str] = {}
    for document in documents:
        formats[document.path] = document.format
        meta = getattr(document, "meta", None) or {}
        parts = meta.get(META_KEY)
        if not parts:
            continue
        unit = _document_unit(document)
        seen = by_unit.setdefault(unit, {})
        for part in parts:
            seen.setdefault((part.file, part.line), part)
        facets.update(meta.get(LOST_FACETS) or {})
        kinds.update(meta.get(LOST_KINDS) or {})
    if not by_unit:
        return list(resources)
    read = {unit: [_Read.of(p) for p in parts.values()] for unit, parts in by_unit.items()}
    out: list[Resource] = []
    for resource in resources:
        origin = resource.origin or formats.get(resource.location.file, "")
        found = read.get(_resource_unit(resource, origin))
        mentions = _mentions(resource, origin, found, facets, kinds) if found else ()
        out.append(resource.model_copy(update={"lost": mentions}) if mentions else resource)
    return out


@dataclass(frozen=True)
class _Read:
    """A lost part with its names as sets (a part may name thousands: a file cut early)."""

    part: LostPart
    blind: bool
    names: frozenset[str]
    literals: frozenset[str]

    @classmethod
    def of(cls, part: LostPart) -> _Read:
        return cls(part, is_blind(part), frozenset(part.names), frozenset(part.literals))


def _document_unit(document: Any) -> tuple[str, str]:
    if document.format == "terraform":
        # The root's scope, as the mapper writes it on each resource (``attributes["root"]``).
        return ("terraform", str(document.meta.get("root_scope", "")))
    if document.format == "kubernetes":
        return ("kubernetes", "")  # objects name objects of other files (one cluster)
    return (document.format, document.path)


def _resource_unit(resource: Resource, origin: str) -> tuple[str, str]:
    if origin == "terraform":
        return ("terraform", str(resource.attributes.get("root", "")))
    if origin == "kubernetes":
        return ("kubernetes", "")
    return (origin, resource.location.file)


def _mentions(
    resource: Resource,
    origin: str,
    parts: Iterable[_Read],
    facets: dict[str, dict[str, list[str]]],
    kinds: dict[str, str],
) -> tuple[LostMention, ...]:
    """What of ``parts`` may change the resource's verdicts. A Terraform companion declared
    twice that would configure it sets only the facets it contributes (``facets``); one that
    names it without configuring it may still change its verdicts through the graph (a
    security group rule's source group), as may any other part: any facet."""
    found: list[LostMention] = []
    terraform = origin == "terraform"
    base = terraform_base(resource.address or "") if terraform else (resource.address or "")
    if origin == "kubernetes":
        base = base.rsplit("/", 1)[-1]  # an object is named by its name (Kind/ns/name)
    folder = _folder(resource.location.file) if terraform else ""
    for read in parts:
        part = read.part
        if read.blind:
            settable = _set_by(part.type) if terraform or part.type == RAIN_MODULE else None
            found.append(LostMention(where=part.where, named=False, facets=settable))
            continue
        if terraform and part.folder != folder:
            continue
        targets = facets.get(part.where)
        contributed = targets.get(resource.address or "") if targets is not None else None
        if contributed is not None:
            found.append(
                LostMention(
                    where=part.where, facets=tuple(contributed), unexpanded=part.unexpanded
                )
            )
        elif base in read.names or (
            # a literal name counts for a companion whose targets were not worked out
            targets is None
            and terraform
            and _companion(part.type)
            and resource.name in read.literals
        ):
            kind = kinds.get(part.where) if terraform else _template_kind(part.type)
            # a resource of another kind naming this one cannot write into its definition
            other = kind is not None and kind != resource.kind
            found.append(
                LostMention(
                    where=part.where, kind=kind, unexpanded=part.unexpanded,
                    facets=_NOT_OWN if other else _set_by(part.type) if terraform else None,
                )
            )
    found.sort(key=lambda m: (not m.named, m.where))
    return tuple(found)


#: Facets only a resource's own definition sets, besides the companions of
#: :data:`_SECRET_WRITERS`: the secrets written in it (GDCC-SECRET-001).
_OWN = frozenset({"hardcoded_secrets"})
#: Every other facet: all a part not assessed may set on a resource it names when it is a
#: resource of another kind, or a Terraform block that writes no secret into its target.
_NOT_OWN = tuple(sorted(FACET_NAMES - _OWN))
#: Terraform companions that add secrets to their target's (``Contribution`` updates of
#: ``hardcoded_secrets``: a secret version's ``secret_string``, a Trove user's ``password``).
#: tests/test_lost_secrets.py checks that no other companion's function names the facet.
SECRET_WRITERS = frozenset({"aws_secretsmanager_secret_version", "openstack_db_user_v1"})


def _set_by(type_name: str) -> tuple[str, ...] | None:
    """The facets a lost Terraform resource block of ``type_name`` (or a CloudFormation Rain
    module, :data:`RAIN_MODULE`) may set on the resources it names or configures: any but
    :data:`_OWN` unless it is a companion that writes secrets into its target
    (:data:`SECRET_WRITERS`; a type no mapper reads sets nothing on another resource, a
    mapped one only through the graph); None (any) when its type is not known (a module
    call, a block cut short before its header)."""
    return None if not type_name or type_name in SECRET_WRITERS else _NOT_OWN


def _companion(type_name: str) -> bool:
    """Whether a Terraform type configures other resources (a companion). The registry of
    every provider's mappings is imported here, on the first Terraform part lost, not by a
    scan that has none."""
    from gdcc_audit.normalize.terraform.registry import COMPANIONS

    return type_name in COMPANIONS


@lru_cache(maxsize=256)
def _template_kind(type_name: str) -> str | None:
    """The canonical kind a CloudFormation or Heat type maps to (None: not known). A type no
    mapper reads is no companion a check could find (``"unmapped"``)."""
    if not type_name:
        return None
    from gdcc_audit.normalize.cloudformation.mapper import type_mapper

    found = type_mapper(type_name)
    if found is None:
        return "unmapped"
    try:
        mapped = found[1]({})
    except Exception:
        return None
    return mapped.kind if mapped is not None else None


def is_blind(part: LostPart) -> bool:
    """Whether a lost part may configure any resource of its unit: a module call, a Rain
    module or a file not read, or Terraform text that reaches its target through values the
    text does not show (``var.``...), or that names no target at all (cut short before it),
    while its type configures other resources (a companion, or a type not read). A lost
    resource of another type configures only itself (its own verdicts are lost with it)."""
    if part.blind:
        return True
    if not part.folder:  # not Terraform text
        return False
    # Its target unwritten: a block cut short before the line that names it.
    unwritten = not part.names and not part.literals
    return (part.indirect or unwritten) and (not part.type or _companion(part.type))


@lru_cache(maxsize=4096)
def _folder(file: str) -> str:
    return os.path.realpath(os.path.dirname(file) or ".")


__all__ = ["attach", "is_blind"]
