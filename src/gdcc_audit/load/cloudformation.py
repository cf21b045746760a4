"""Loader for AWS CloudFormation templates (YAML or JSON, short or long intrinsic forms).

Also reads the CloudFormation-format templates of OpenStack Heat (``HeatTemplateFormatVersion``).
The template is checked for shape here; intrinsic functions are resolved by the mapper.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.interface import Claim, Document, Loader, ParsedFile, load_templates
from gdcc_audit.load.yamltree import LocatedDocument, escape

if TYPE_CHECKING:
    from gdcc_audit.settings import Settings

FORMAT = "cloudformation"
_VERSION_KEYS = ("AWSTemplateFormatVersion", "HeatTemplateFormatVersion")
_TYPE_PREFIXES = ("AWS::", "Custom::", "Alexa::", "OS::")


def is_cloudformation(data: Any) -> bool:
    """A format-version key, or a ``Resources`` mapping whose resources have AWS types."""
    if not isinstance(data, Mapping):
        return False
    if any(key in data for key in _VERSION_KEYS):
        return True
    resources = data.get("Resources")
    if not isinstance(resources, Mapping) or not resources:
        return False
    if not all(isinstance(r, Mapping) and "Type" in r for r in resources.values()):
        return False
    return any(
        isinstance(r["Type"], str) and r["Type"].startswith("AWS::") for r in resources.values()
    )


def check_template(path: str, doc: LocatedDocument) -> InputError | None:
    """The first structural problem of a template, with its line; ``None`` when sound."""
    data = doc.data
    resources = data.get("Resources")
    if resources is None:
        return InputError(path, "CloudFormation template has no Resources section", 1)
    if not isinstance(resources, Mapping):
        return InputError(
            path, "Resources must be a mapping of logical ids", doc.line_of("/Resources")
        )
    for name, resource in resources.items():
        pointer = f"/Resources/{escape(name)}"
        if not isinstance(resource, Mapping):
            return InputError(
                path, f"resource {name!r} is not a mapping", doc.line_of(pointer), field=name
            )
        kind = resource.get("Type")
        if isinstance(kind, str) and kind:
            continue
        if kind is None:
            message = f"resource {name!r} has no Type"
        else:
            message = (
                f"resource {name!r} has a Type that is not a string ({type(kind).__name__}); "
                "an AWS Rain module? Package the template first (rain pkg)"
            )
        return InputError(path, message, doc.line_of(pointer + "/Type"), field=f"{name}.Type")
    return None


class CloudFormationLoader(Loader):
    """Reads CloudFormation templates; one document per template file."""

    name = "cloudformation"

    def recognise(self, parsed: ParsedFile) -> bool:
        return any(is_cloudformation(d.data) for d in parsed.documents)

    def load(self, claims: Sequence[Claim], settings: Settings) -> Iterator[Document | InputError]:
        return load_templates(claims, FORMAT, is_cloudformation, check_template)
