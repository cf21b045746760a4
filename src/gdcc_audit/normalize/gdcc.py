"""Mapper for the tenant manifest: the tenant, its systems and its declared resources."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import ValidationError

from gdcc_audit.errors import InputError
from gdcc_audit.load.interface import Document
from gdcc_audit.load.manifest import FORMAT, validation_error
from gdcc_audit.load.yamltree import LocatedDocument
from gdcc_audit.models.location import SourceLocation
from gdcc_audit.models.resource import Facets, Reference, Resource
from gdcc_audit.normalize.interface import MapContext, Mapper, canonical_id

if TYPE_CHECKING:
    from gdcc_audit.models.tenant import TenantManifest


def _location(document: Document, pointer: str) -> SourceLocation:
    span = document.lines.span_of(pointer) if document.lines else None
    return SourceLocation(
        file=document.path,
        start_line=span[0] if span else None,
        end_line=span[1] if span else None,
        pointer=pointer or "/",
    )


class GdccMapper(Mapper):
    """Turns a tenant manifest into canonical resources of kinds tenant, system and others."""

    name = "gdcc"
    formats = (FORMAT,)

    def map(self, document: Document, context: MapContext) -> Iterator[Resource | InputError]:
        manifest: TenantManifest = document.data
        tenant_id = manifest.metadata.name
        settings = manifest.settings
        retention = [
            d
            for d in (settings.logging.retention_days, settings.logging.traffic_log_retention_days)
            if d is not None
        ]
        yield Resource(
            id=canonical_id(tenant_id, None, "gdcc_tenant", tenant_id),
            kind="tenant",
            name=tenant_id,
            provider="gdcc",
            provider_type="gdcc_tenant",
            tenant=tenant_id,
            facets=Facets(
                mfa_required=settings.identity.mfa_privileged,
                password_min_length=settings.identity.password_min_length,
                log_retention_days=min(retention) if retention else None,
                log_integrity=settings.logging.immutable_storage,
                access_logging=settings.logging.central_logging,
                time_sync_enabled=settings.time_sync.enabled,
                time_sync_max_offset_ms=settings.time_sync.max_offset_ms,
                backup_enabled=settings.backup.enabled,
                backup_retention_days=settings.backup.retention_days,
                threat_detection=settings.threat_detection,
            ),
            location=_location(document, "/metadata"),
        )
        for index, system in enumerate(manifest.systems):
            yield Resource(
                id=canonical_id(tenant_id, system.id, "gdcc_system", system.id),
                kind="system",
                name=system.id,
                provider=system.provider or "gdcc",
                provider_type="gdcc_system",
                tenant=tenant_id,
                system=system.id,
                facets=Facets(
                    region=system.region,
                    data_classification=system.data_classification,
                    personal_data=system.personal_data,
                    security_category=system.security_category,
                ),
                location=_location(document, f"/systems/{index}"),
            )
        system_ids = {s.id for s in manifest.systems}
        for index, item in enumerate(manifest.resources):
            pointer = f"/resources/{index}"
            if item.system is not None and item.system not in system_ids:
                yield InputError(
                    document.path,
                    f"resource {item.id!r} names system {item.system!r}, which is not declared",
                    _location(document, pointer + "/system").start_line,
                    field=f"resources[{index}].system",
                )
                continue
            provider_type = item.type or f"{item.provider}_{item.kind.replace('.', '_')}"
            facets = item.facets.model_copy(
                update={
                    key: value
                    for key, value in {
                        "region": item.region,
                        "data_classification": item.data_classification,
                        "personal_data": item.personal_data,
                        "security_category": item.security_category,
                    }.items()
                    if value is not None
                }
            )
            try:
                yield Resource(
                    id=canonical_id(tenant_id, item.system, provider_type, item.id),
                    kind=item.kind,
                    name=item.name or item.id,
                    provider=item.provider,
                    provider_type=provider_type,
                    tenant=tenant_id,
                    system=item.system,
                    address=item.id,
                    facets=facets,
                    tags=item.tags,
                    references=tuple(
                        Reference(target=target, attribute="references")
                        for target in item.references
                    ),
                    location=_location(document, pointer),
                )
            except ValidationError as exc:
                lines = document.lines or LocatedDocument(None)
                error = validation_error(document.path, _prefixed(lines, pointer), exc)
                yield InputError(
                    document.path,
                    error.message.replace("invalid tenant manifest: ", f"resources[{index}]: "),
                    error.line,
                    field=f"resources[{index}].{error.field}" if error.field else None,
                )


def _prefixed(lines: LocatedDocument, pointer: str) -> LocatedDocument:
    """A view of the line map rooted at ``pointer`` (so nested validation errors find lines)."""
    sub = {
        key[len(pointer) :]: value for key, value in lines.lines.items() if key.startswith(pointer)
    }
    return LocatedDocument(None, sub)
