"""Build TfDocuments by hand and map them (the mapper tests do not depend on the HCL loader)."""

from __future__ import annotations

from typing import Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.interface import Document
from gdcc_audit.load.terraform_model import TfDocument, TfReference, TfResource
from gdcc_audit.models.resource import Facets, Resource
from gdcc_audit.normalize.interface import MapContext
from gdcc_audit.normalize.terraform import TerraformMapper
from gdcc_audit.settings import Settings


def res(address: str, values: dict[str, Any], refs: dict[str, str] | None = None) -> TfResource:
    """A managed resource; ``refs`` maps attribute -> target address."""
    kind, name = address.rsplit(".", 2)[-2:]
    return TfResource(
        address=address,
        type=kind,
        name=name,
        values=values,
        file="main.tf",
        start_line=1,
        end_line=2,
        references=[TfReference(target, attr) for attr, target in (refs or {}).items()],
    )


def map_all(*resources: TfResource, document: Document | None = None) -> dict[str, Resource]:
    """Map resources; fail the test on any InputError."""
    doc = document or Document("main.tf", "terraform", TfDocument(".", list(resources)))
    out: dict[str, Resource] = {}
    for item in TerraformMapper().map(doc, MapContext(Settings())):
        assert not isinstance(item, InputError), str(item)
        out[item.address or ""] = item
    return out


def facets_of(*resources: TfResource) -> Facets:
    """Facets of the first resource given (the others are its companions)."""
    return map_all(*resources)[resources[0].address].facets


def expect(**values: Any) -> Facets:
    """Expected facets: no secrets found unless said, everything else not known."""
    values.setdefault("hardcoded_secrets", ())
    return Facets(**values)
