"""The portfolio file: the tenants one portfolio run audits (``kind: Portfolio``).

```yaml
apiVersion: gdcc-audit/v1
kind: Portfolio
metadata: {name: moph-ministry}
tenants:
  - id: moph-health-platform
    manifest: tenants/moph/tenant.yaml        # relative to this file
    iac: [repos/moph-infra]                   # checked-out folders or files
    labels: {ministry: MOPH}
```

Every problem (a missing path, a duplicate tenant id, an unknown field) is found before any
audit runs, and each names the entry and its line.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gdcc_audit.errors import InputError
from gdcc_audit.load.manifest import duplicate_id, validation_error
from gdcc_audit.load.source import read_source
from gdcc_audit.load.yamltree import LocatedDocument, parse_yaml
from gdcc_audit.settings import DEFAULT_MAX_FILE_BYTES

API_VERSION = "gdcc-audit/v1"
KIND = "Portfolio"
_TENANT_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TenantEntry(_Strict):
    """One tenant of a portfolio: its manifest, its IaC and labels for grouping."""

    id: str = Field(pattern=_TENANT_ID.pattern, description="Tenant id, unique in the file")
    manifest: str | None = Field(default=None, description="Tenant manifest, relative path")
    iac: tuple[str, ...] = Field(default=(), description="IaC files or folders (checked out)")
    labels: dict[str, str] = Field(default_factory=dict, description="e.g. ministry: MOPH")

    def paths(self) -> tuple[str, ...]:
        """Every input path of this tenant, manifest first."""
        return ((self.manifest,) if self.manifest else ()) + self.iac


class _Metadata(_Strict):
    name: str = Field(min_length=1)
    description: str | None = None


class _PortfolioFile(_Strict):
    apiVersion: str
    kind: str
    metadata: _Metadata
    tenants: tuple[TenantEntry, ...] = Field(min_length=1)


class Tenant(BaseModel):
    """A tenant entry with its paths made absolute (what a worker receives)."""

    model_config = ConfigDict(frozen=True)

    id: str
    paths: tuple[str, ...]
    labels: dict[str, str] = Field(default_factory=dict)
    line: int | None = None


class Portfolio(BaseModel):
    """A validated portfolio: its name, file and tenants in file order."""

    model_config = ConfigDict(frozen=True)

    name: str
    file: str
    tenants: tuple[Tenant, ...]


def load_portfolio(path: str | Path) -> Portfolio:
    """Read and check a portfolio file; raises InputError naming the entry and its line."""
    file = Path(path)
    name = str(file)
    source = read_source(file, DEFAULT_MAX_FILE_BYTES)
    documents = parse_yaml(source.text, name)
    if len(documents) != 1 or not isinstance(documents[0].data, dict):
        raise InputError(name, "a portfolio file holds exactly one YAML mapping")
    doc = documents[0]
    data = doc.data
    if data.get("apiVersion") != API_VERSION or data.get("kind") != KIND:
        raise InputError(
            name,
            f"not a portfolio file: expected apiVersion: {API_VERSION} and kind: {KIND}",
            doc.line_of("/kind") or doc.line_of("/apiVersion"),
        )
    try:
        parsed = _PortfolioFile.model_validate(data)
    except ValidationError as exc:
        raise _named(validation_error(name, doc, exc, what="portfolio file"), data) from exc
    base = file.resolve().parent
    duplicate = duplicate_id(name, doc, "tenants", (t.id for t in parsed.tenants), "tenant")
    if duplicate is not None:
        raise duplicate
    tenants = []
    for index, entry in enumerate(parsed.tenants):
        line = doc.line_of(f"/tenants/{index}")
        if not entry.paths():
            raise InputError(
                name,
                f"tenant {entry.id!r}: names no manifest and no iac path",
                line,
                field=f"tenants[{index}]",
            )
        tenants.append(
            Tenant(
                id=entry.id,
                paths=tuple(_existing(name, doc, base, entry, index)),
                labels=dict(entry.labels),
                line=line,
            )
        )
    return Portfolio(name=parsed.metadata.name, file=name, tenants=tuple(tenants))


def _existing(
    name: str, doc: LocatedDocument, base: Path, entry: TenantEntry, index: int
) -> list[str]:
    found = []
    fields = [("manifest", entry.manifest)] if entry.manifest else []
    fields += [(f"iac/{i}", p) for i, p in enumerate(entry.iac)]
    for pointer, relative in fields:
        target = (base / relative).resolve() if not Path(relative).is_absolute() else Path(relative)
        if not target.exists():
            raise InputError(
                name,
                f"tenant {entry.id!r}: {pointer.split('/')[0]} path {relative!r} does not exist",
                doc.line_of(f"/tenants/{index}/{pointer}"),
                field=f"tenants[{index}]." + _field(pointer),
            )
        found.append(str(target))
    return found


def _named(error: InputError, data: dict[str, object]) -> InputError:
    """Prefix a validation error inside ``tenants[i]`` with that tenant's id."""
    match = re.match(r"tenants\[(\d+)\]", error.field or "")
    tenants = data.get("tenants")
    if match and isinstance(tenants, list) and int(match.group(1)) < len(tenants):
        entry = tenants[int(match.group(1))]
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            error.message = f"tenant {entry['id']!r}: {error.message}"
    return error


def _field(pointer: str) -> str:
    """``iac/2`` -> ``iac[2]``; ``manifest`` stays."""
    name, _, index = pointer.partition("/")
    return f"{name}[{index}]" if index else name
