"""Loader for the tenant manifest (``apiVersion: gdcc-audit/v1``, ``kind: Tenant``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from gdcc_audit.errors import InputError
from gdcc_audit.load.interface import Claim, Document, Loader, ParsedFile
from gdcc_audit.load.yamltree import LocatedDocument, pointer_of
from gdcc_audit.models.tenant_terms import API_VERSION

if TYPE_CHECKING:
    from gdcc_audit.models.tenant import TenantManifest
    from gdcc_audit.settings import Settings

FORMAT = "gdcc-tenant"
_MAX_LISTED = 5


def _is_manifest(data: Any) -> bool:
    return isinstance(data, dict) and str(data.get("apiVersion", "")).startswith("gdcc-audit/")


def _field_name(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def validation_error(
    path: str, doc: LocatedDocument, exc: ValidationError, what: str = "tenant manifest"
) -> InputError:
    """One InputError for a pydantic error: first problem's line and field, all problems listed."""
    problems = []
    first_line: int | None = None
    first_field: str | None = None
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function")))
        field = _field_name(loc) or "(document)"
        line = doc.line_of(pointer_of(loc))
        if first_line is None:
            first_line, first_field = line, field
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            message = "unknown field"
        elif err["type"] == "missing":
            message = "required field is missing"
        elif "input" in err and not isinstance(err["input"], dict | list):
            message += f" (got {err['input']!r})"
        problems.append(f"line {line}: {field}: {message}" if line else f"{field}: {message}")
    shown = problems[:_MAX_LISTED]
    more = len(problems) - len(shown)
    text = f"invalid {what}: " + "; ".join(shown) + (f"; and {more} more" if more else "")
    return InputError(path, text, first_line, field=first_field)


def duplicate_id(
    path: str, doc: LocatedDocument, array: str, ids: Iterable[object], what: str
) -> InputError | None:
    """The error for the first id of ``/array/i/id`` that repeats an earlier one, with its
    line; ids that are not strings are left to schema validation."""
    seen: dict[str, int] = {}
    for index, value in enumerate(ids):
        if not isinstance(value, str):
            continue
        if value in seen:
            return InputError(
                path,
                f"duplicate {what} id {value!r} (first at {array}[{seen[value]}])",
                doc.line_of(f"/{array}/{index}/id"),
                field=f"{array}[{index}].id",
            )
        seen[value] = index
    return None


def parse_manifest(path: str, doc: LocatedDocument) -> TenantManifest:
    """Validate one manifest document; errors carry the file, line and field."""
    # The tenant models are built for the first manifest read, not with this loader.
    from gdcc_audit.models.tenant import TenantManifest

    data = doc.data
    if data.get("apiVersion") != API_VERSION:
        raise InputError(
            path,
            f"unsupported apiVersion {data.get('apiVersion')!r}; this version reads {API_VERSION}",
            doc.line_of("/apiVersion"),
            field="apiVersion",
        )
    resources = data.get("resources")
    if isinstance(resources, list):
        ids = [item.get("id") if isinstance(item, dict) else None for item in resources]
        duplicate = duplicate_id(path, doc, "resources", ids, "resource")
        if duplicate is not None:
            raise duplicate
    try:
        return TenantManifest.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, doc, exc) from exc


class ManifestLoader(Loader):
    """Reads tenant manifests in YAML or JSON."""

    name = "gdcc-manifest"

    def recognise(self, parsed: ParsedFile) -> bool:
        return any(_is_manifest(d.data) for d in parsed.documents)

    def load(self, claims: Sequence[Claim], settings: Settings) -> Iterator[Document | InputError]:
        for claim in claims:
            assert claim.parsed is not None  # manifests are always claimed from parsed files
            path = str(claim.path)
            manifests = [d for d in claim.parsed.documents if _is_manifest(d.data)]
            if len(claim.parsed.documents) != 1:
                yield InputError(path, "a tenant manifest file holds exactly one YAML document")
                continue
            try:
                manifest = parse_manifest(path, manifests[0])
            except InputError as exc:
                yield exc
                continue
            yield Document(path, FORMAT, manifest, claim.parsed.sha256, manifests[0])
