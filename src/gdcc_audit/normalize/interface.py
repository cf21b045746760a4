"""The mapper seam: provider-specific documents in, canonical resources out."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from gdcc_audit.errors import InputError
from gdcc_audit.load.interface import LoadOptions
from gdcc_audit.models.resource import SECRET_HOLDER, Facets, Resource

if TYPE_CHECKING:
    from gdcc_audit.load.interface import Document
    from gdcc_audit.models.tenant import Tenant
    from gdcc_audit.settings import Settings

#: What a type mapper may raise on a resource it cannot read (the resource is then reported,
#: not the scan stopped): one tuple for every mapper.
MAPPING_ERRORS = (TypeError, ValueError, AttributeError, KeyError, IndexError)


@dataclass(frozen=True)
class MapContext:
    """What a mapper knows beyond the document: the tenant it belongs to and the settings."""

    settings: Settings
    tenant: Tenant | None = None
    default_system: str | None = None
    #: The scanned folder the document was found under: ids relative to it stay stable
    #: whatever the working directory.
    base: str | None = None
    #: Real paths already resolved for this context (its document's path, its base).
    _real: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def file_scope(self, path: str) -> str:
        """The file's path relative to the scan root (``/`` separated), or its name when no
        root is known: it keeps ids of same-named objects in two files apart."""
        if self.base is None:
            return os.path.basename(path)
        return self.relative(path).replace(os.sep, "/")

    def relative(self, path: str) -> str:
        """``path`` relative to the scan root (``.`` for the root itself)."""
        if self.base is None:
            return os.path.normpath(path)
        return os.path.relpath(self._realpath(path), self._realpath(self.base))

    def _realpath(self, path: str) -> str:
        found = self._real.get(path)
        if found is None:
            found = self._real[path] = os.path.realpath(path)
        return found


class Mapper(ABC):
    """Turns documents of the formats it names into canonical resources (and tenants)."""

    name: ClassVar[str]
    formats: ClassVar[tuple[str, ...]]

    @abstractmethod
    def map(self, document: Document, context: MapContext) -> Iterator[Resource | InputError]:
        """Yield canonical resources; a problem with one part of the document is an InputError."""

    def load_options(self) -> LoadOptions:
        """What this mapper reads of its documents, for the loaders that can leave out what it
        does not (``LoadOptions``, ``Loader.options_from``). The default: everything."""
        return LoadOptions()

    def relate(self, documents: Sequence[Document]) -> list[InputError]:
        """Write on ``documents`` (every document of this mapper's formats, before any is
        mapped) what one says of another (a nested template's parameters, passed by its
        parent); warnings for the user come back. The default: nothing."""
        return []

    def plan(self, document: Document, context: MapContext) -> Any | None:
        """What the parts of ``document`` share when it can be mapped in parts (by
        :meth:`map_part`, each part maybe in another process, then :meth:`join`), or None:
        it is mapped whole by :meth:`map` (the default)."""
        return None

    def map_part(
        self, plan: Any, part: range, finish: Callable[[Resource], Resource]
    ) -> Any:  # pragma: no cover - only mappers whose plan is not None are asked
        """What the document's items at positions ``part`` give (picklable), each resource
        passed through ``finish``."""
        raise NotImplementedError

    def join(
        self, plan: Any, parts: Sequence[Any]
    ) -> Iterator[Resource | InputError]:  # pragma: no cover - as map_part
        """The document's items from all its parts, in order: exactly what :meth:`map`
        yields (and records in ``Document.meta``)."""
        raise NotImplementedError


def canonical_id(tenant: str | None, system: str | None, provider_type: str, name: str) -> str:
    """``tenant/system/provider_type.name``; ``-`` stands for an unknown tenant or system."""
    return f"{tenant or '-'}/{system or '-'}/{provider_type}.{name}"


def secret_holder(
    context: MapContext, key: str, found: tuple[str, ...], **fields: Any
) -> Resource:
    """A resource judged by GDCC-SECRET-001 only (a Helm values file, a custom resource with
    a secret written in it): its id made from ``key`` (file scope and name), the context's
    tenant and system, and the paths of the secrets ``found``; ``fields`` give the rest."""
    tenant = context.tenant.id if context.tenant else None
    return Resource(
        id=canonical_id(tenant, context.default_system, SECRET_HOLDER, key),
        kind=SECRET_HOLDER,
        tenant=tenant,
        system=context.default_system,
        facets=Facets(hardcoded_secrets=found),
        **fields,
    )
