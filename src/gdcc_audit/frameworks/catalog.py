"""Control catalogs and crosswalk links as validated data (``rules/catalogs``, ``rules/crosswalk``).

One catalog file holds one framework: its metadata, optional groups (sections, families) and its
controls. One crosswalk file holds ``links``: sets of ``FRAMEWORK:CONTROL`` ids that evidence the
same requirement. Loading refuses duplicate ids, a missing language and unknown keys, and every
message names the file, line and entry.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from gdcc_audit.errors import InputError
from gdcc_audit.frameworks.errors import CatalogError
from gdcc_audit.load.source import read_source
from gdcc_audit.load.yamltree import LocatedDocument, parse_yaml
from gdcc_audit.models.common import FrozenModel, Level, Text
from gdcc_audit.models.framework import Confidence, InstrumentStatus


class ProfileKind(StrEnum):
    """How the applicable control set of a framework is chosen for a tenant."""

    ALL = "all"  # every control applies (ISO Annex A, CSF)
    NIST_BASELINE = "nist-baseline"  # 800-53B baseline of the tenant's category (+ privacy)
    CIS_IG = "cis-ig"  # CIS implementation group of the tenant's category
    CONDITIONS = "conditions"  # each control's ``applies_when`` (Thai instruments)


class Condition(FrozenModel):
    """All given fields must hold. ``classified``: a system holds ลับ or above."""

    cii: bool | None = None
    min_level: Level | None = None
    personal_data: bool | None = None
    classified: bool | None = None


class ControlDef(FrozenModel):
    """One control (requirement) of a catalog."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9.()_-]*$")
    title: Text
    parent: str | None = None
    scored: bool = Field(default=True, description="False for headings (CSF functions/categories)")
    instrument: Text | None = Field(default=None, description="Overrides the framework instrument")
    clause: str | None = None
    status: InstrumentStatus | None = None
    confidence: Confidence | None = None
    applies_when: tuple[Condition, ...] = Field(
        default=(), description="Any one condition suffices; empty means always"
    )
    baselines: tuple[Literal["low", "moderate", "high", "privacy"], ...] = ()
    ig: int | None = Field(default=None, ge=1, le=3, description="CIS implementation group")
    rules: tuple[str, ...] = Field(default=(), description="Rules mapped here by the catalog")
    note: Text | None = None


class GroupDef(FrozenModel):
    """A section, theme or family that controls name as ``parent``."""

    id: str
    title: Text
    parent: str | None = None


class FrameworkMeta(FrozenModel):
    """A framework's identity and legal standing."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    title: Text
    version: str
    kind: Literal["international", "thai"]
    profile: ProfileKind = ProfileKind.ALL
    instrument: Text | None = None
    status: InstrumentStatus = InstrumentStatus.IN_FORCE
    confidence: Confidence | None = None
    url: str | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _thai_needs_standing(self) -> FrameworkMeta:
        if self.kind == "thai" and (self.confidence is None or self.instrument is None):
            raise ValueError("a Thai instrument needs 'instrument' and 'confidence'")
        return self


class Catalog(FrozenModel):
    """One framework's catalog file."""

    framework: FrameworkMeta
    groups: tuple[GroupDef, ...] = ()
    controls: tuple[ControlDef, ...] = Field(min_length=1)
    path: str = ""

    def control(self, control_id: str) -> ControlDef | None:
        """The control with this id."""
        return self._index().get(control_id)

    def _index(self) -> dict[str, ControlDef]:
        cached: dict[str, ControlDef] | None = self.__dict__.get("_by_id")
        if cached is None:
            cached = {c.id: c for c in self.controls}
            self.__dict__["_by_id"] = cached
        return cached

    @property
    def scored(self) -> tuple[ControlDef, ...]:
        """Controls that count in the score (not headings)."""
        return tuple(c for c in self.controls if c.scored)

    def group(self, group_id: str | None) -> GroupDef | None:
        """The group with this id."""
        return next((g for g in self.groups if g.id == group_id), None)


class Link(FrozenModel):
    """Controls of different frameworks that evidence the same requirement.

    Findings for any of ``controls`` count for every other one of them (equivalents, both
    ways) and for every control of ``broader`` (one way: a broad control such as ISO A.8.15
    never passes its findings down to a narrow one such as the 90-day retention of CCA s.26).
    """

    controls: tuple[str, ...] = Field(min_length=1)
    broader: tuple[str, ...] = ()
    note: str | None = None

    @model_validator(mode="after")
    def _links_something(self) -> Link:
        if len(self.controls) + len(self.broader) < 2:
            raise ValueError("a link needs at least two controls")
        return self

    @property
    def members(self) -> tuple[str, ...]:
        """Every control the link names."""
        return self.controls + self.broader


class Crosswalk(FrozenModel):
    """One crosswalk file."""

    description: str | None = None
    links: tuple[Link, ...] = ()
    path: str = ""


def _document(path: Path) -> LocatedDocument:
    try:
        # not cached on its own: the built frameworks are (``registry.load_frameworks``)
        documents = parse_yaml(read_source(path).text, str(path))
    except InputError as exc:
        raise CatalogError(str(exc)) from exc
    if len(documents) != 1 or not isinstance(documents[0].data, dict):
        raise CatalogError(f"{path}: expected one YAML mapping")
    return documents[0]


def _problems(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in err['loc']) or '(top)'}: {err['msg']}" for err in exc.errors()
    )


def _entry(path: Path, doc: LocatedDocument, key: str, index: int, data: Any) -> str:
    label = data.get("id") if isinstance(data, dict) else None
    line = doc.line_of(f"/{key}/{index}")
    return f"{path}:{line or '?'}: {key}[{index}]" + (f" {label}" if label else "")


def load_catalog(path: Path) -> Catalog:
    """Load and validate one catalog file."""
    doc = _document(path)
    data: dict[str, Any] = doc.data
    unknown = set(data) - {"framework", "groups", "controls"}
    if unknown:
        raise CatalogError(f"{path}: unknown keys {sorted(unknown)}")
    try:
        meta = FrameworkMeta.model_validate(data.get("framework"))
    except ValidationError as exc:
        raise CatalogError(
            f"{path}:{doc.line_of('/framework') or '?'}: framework: {_problems(exc)}"
        ) from exc
    items: dict[str, list[Any]] = {}
    for key, model in (("groups", GroupDef), ("controls", ControlDef)):
        raw = data.get(key) or []
        if not isinstance(raw, list):
            raise CatalogError(f"{path}: '{key}' must be a list")
        seen: set[str] = set()
        parsed: list[Any] = []
        for index, entry in enumerate(raw):
            try:
                item = model.model_validate(entry)
            except ValidationError as exc:
                where = _entry(path, doc, key, index, entry)
                raise CatalogError(f"{where}: {_problems(exc)}") from exc
            if item.id in seen:
                where = _entry(path, doc, key, index, entry)
                raise CatalogError(f"{where}: duplicate id {item.id!r}")
            seen.add(item.id)
            parsed.append(item)
        items[key] = parsed
    groups = {g.id for g in items["groups"]}
    controls = {c.id for c in items["controls"]}
    known = groups | controls
    for index, control in enumerate(items["controls"]):
        if control.parent is not None and control.parent not in known:
            problem = f"unknown parent {control.parent!r}"
        elif meta.kind == "thai" and control.clause is None:
            problem = "a Thai control needs its 'clause'"
        elif meta.profile == ProfileKind.CIS_IG and control.scored and control.ig is None:
            problem = "a CIS safeguard needs its implementation group 'ig'"
        else:
            continue
        where = _entry(path, doc, "controls", index, data["controls"][index])
        raise CatalogError(f"{where}: {problem}")
    if not items["controls"]:
        raise CatalogError(f"{path}: a catalog needs at least one control")
    return Catalog(
        framework=meta,
        groups=tuple(items["groups"]),
        controls=tuple(items["controls"]),
        path=str(path),
    )


def load_crosswalk(path: Path) -> tuple[Crosswalk, dict[int, str]]:
    """Load one crosswalk file; also returns ``where`` text for each link, for later checks."""
    doc = _document(path)
    data: dict[str, Any] = doc.data
    unknown = set(data) - {"description", "links"}
    if unknown or not isinstance(data.get("links"), list):
        raise CatalogError(f"{path}: a crosswalk has 'links' (a list) and optional 'description'")
    links: list[Link] = []
    where: dict[int, str] = {}
    for index, entry in enumerate(data["links"]):
        label = f"{path}:{doc.line_of(f'/links/{index}') or '?'}: links[{index}]"
        try:
            link = Link.model_validate(entry)
        except ValidationError as exc:
            raise CatalogError(f"{label}: {_problems(exc)}") from exc
        if len(set(link.members)) != len(link.members):
            raise CatalogError(f"{label}: a control is listed twice")
        links.append(link)
        where[index] = label
    return Crosswalk(description=data.get("description"), links=tuple(links), path=str(path)), where
