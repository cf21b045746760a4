"""Loading Terraform fixtures through discovery and the loaders, as an audit would."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.errors import InputError
from gdcc_audit.load.discover import discover
from gdcc_audit.load.interface import Document
from gdcc_audit.load.terraform import TerraformLoader
from gdcc_audit.load.terraform_model import TfDocument, TfResource
from gdcc_audit.load.tfplan import TerraformPlanLoader
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "terraform"


def load(*paths: Path, settings: Settings | None = None) -> tuple[list[Document], list[InputError]]:
    """Documents and errors the Terraform loaders produce for ``paths``."""
    settings = settings or Settings()
    loaders = [TerraformLoader(), TerraformPlanLoader()]
    found = discover(list(paths), loaders, settings)
    documents: list[Document] = []
    errors: list[InputError] = list(found.errors)
    for loader in loaders:
        for item in loader.load(found.claims.get(loader.name, []), settings):
            if isinstance(item, InputError):
                errors.append(item)
            else:
                documents.append(item)
    return documents, errors


def resources(documents: list[Document]) -> dict[str, TfResource]:
    """Every resource of the documents by address (addresses are unique per fixture)."""
    out: dict[str, TfResource] = {}
    for document in documents:
        assert isinstance(document.data, TfDocument)
        for resource in document.data.resources:
            assert resource.address not in out, resource.address
            out[resource.address] = resource
    return out
