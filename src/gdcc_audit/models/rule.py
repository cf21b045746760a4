"""Rule metadata: what a rule checks, why, how to fix it, and which controls it evidences."""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from pydantic import Field, field_validator

from gdcc_audit.models.common import Classification, FrozenModel, Level, Severity, Text
from gdcc_audit.models.resource import KINDS

#: ``GDCC-NET-001`` style ids; checkov ids (``CKV_AWS_20``, ``CKV2_GCP_5``) for bridged checks.
RULE_ID_PATTERN = r"^(?:[A-Z][A-Z0-9]*(-[A-Z0-9]+)+|CKV2?_[A-Z0-9]+(_[A-Z0-9]+)*)$"
_CONTROL_REF = re.compile(r"^(?P<framework>[A-Za-z0-9._-]+):(?P<control>\S+)$")


class CheckType(StrEnum):
    """Where the rule's evidence comes from (thai-standards.md §8)."""

    CFG = "CFG"
    IAC = "IaC"
    EVD = "EVD"


class ControlRef(FrozenModel):
    """A reference to a control of a framework, written ``FRAMEWORK:CONTROL`` in data files."""

    framework: str
    control: str

    @classmethod
    def parse(cls, text: str) -> ControlRef:
        """Parse ``ISO27001-2022:A.8.15``."""
        match = _CONTROL_REF.match(text.strip())
        if not match:
            raise ValueError(f"control reference {text!r} is not FRAMEWORK:CONTROL")
        return cls(framework=match["framework"], control=match["control"])

    def __str__(self) -> str:
        return f"{self.framework}:{self.control}"


class Applicability(FrozenModel):
    """When a rule applies; a resource outside these conditions is NOT_APPLICABLE."""

    min_security_category: Level | None = None
    personal_data: bool | None = None
    cii: bool | None = None
    classifications: tuple[Classification, ...] | None = None
    providers: tuple[str, ...] | None = None

    @field_validator("classifications", mode="before")
    @classmethod
    def _parse_classes(cls, value: Any) -> Any:
        if value is None:
            return None
        return tuple(Classification.parse(v) for v in value)

    @property
    def is_unconditional(self) -> bool:
        """True when the rule applies to every resource of its kinds."""
        # Called for every (rule, resource) pair: plain attribute reads, no model_fields walk.
        return (
            self.min_security_category is None
            and self.personal_data is None
            and self.cii is None
            and self.classifications is None
            and self.providers is None
        )


class RuleMeta(FrozenModel):
    """Everything about a rule except its logic; shipped with every finding's result."""

    id: str = Field(pattern=RULE_ID_PATTERN)
    title: Text
    rationale: Text
    remediation: Text
    severity: Severity
    kinds: tuple[str, ...] = Field(min_length=1)
    tags: tuple[str, ...] = ()
    controls: tuple[ControlRef, ...] = Field(min_length=1)
    applicability: Applicability = Field(default_factory=Applicability)
    check_type: CheckType = CheckType.CFG
    parameters: dict[str, Any] = Field(default_factory=dict)
    pack: str = "gdcc-core"
    pack_version: str | None = Field(
        default=None,
        description="Version written in the rule pack file the rule is defined in (a pack's "
        "version is its newest file's: see rule_packs)",
    )
    source: str | None = Field(default=None, description="File the rule was defined in")

    @field_validator("kinds")
    @classmethod
    def _known_kinds(cls, kinds: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [k for k in kinds if k not in KINDS]
        if unknown:
            raise ValueError(f"unknown resource kinds {unknown}")
        return kinds

    @field_validator("controls", mode="before")
    @classmethod
    def _parse_controls(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return tuple(ControlRef.parse(v) if isinstance(v, str) else v for v in value)
        return value

    def frameworks(self) -> set[str]:
        """Ids of the frameworks this rule maps to directly."""
        return {c.framework for c in self.controls}


class RulePack(FrozenModel):
    """One rule pack of an audit, named once: a pack's files may carry different versions
    (``rules/packs/gdcc-core/*.yaml`` are edited one at a time), and the pack's version is
    the newest of them; ``file_versions`` says how many of the audit's rules came from files
    of each version (docs/reports.md, "Rule packs")."""

    name: str
    version: str | None = Field(
        default=None, description="The newest version among the files the audit's rules of "
        "this pack came from (null: no file of the pack names a version)"
    )
    rules: int = Field(ge=1, description="How many of the audit's rules this pack gave")
    file_versions: dict[str, int] = Field(
        default_factory=dict,
        description="Version written in a file of the pack -> how many of the rules came "
        "from files of that version (rules from files without a version are not counted)",
    )
    pack_rules: int | None = Field(
        default=None,
        ge=1,
        description="How many rules the pack holds as installed, when the audit evaluated "
        "only some of them (a selection by rule id, tag, minimum severity or framework); "
        "version is then the installed pack's, not the newest of the evaluated rules' files",
        exclude_if=lambda value: value is None,
    )

    def label(self) -> str:
        """``gdcc-core 2026.12``: the name, and the version when there is one."""
        return f"{self.name} {self.version}" if self.version else self.name


def _version_key(version: str) -> tuple[tuple[int, int, str], ...]:
    # "2026.12" > "2026.11" > "2026.9"; numbers compare as numbers, other parts as text
    return tuple(
        (1, int(part), "") if part.isdigit() else (0, 0, part)
        for part in re.split(r"[.\-+_]", version)
    )


def rule_packs(
    rules: Iterable[RuleMeta], installed: Iterable[RulePack] = ()
) -> tuple[RulePack, ...]:
    """The rule packs ``rules`` came from, by name, each with its newest file version.

    ``installed``: the packs as installed (``rule_packs`` of every rule loaded). A pack of
    which ``rules`` hold only some rules (``--rules``, ``--tag``, ...) takes the installed
    pack's version, and ``pack_rules`` says how many it holds: the newest of the chosen
    rules' files named an older release than the one that ran (2026.11 for rules of its
    2026.11 files only)."""
    whole = {pack.name: pack for pack in installed}
    counts: dict[str, int] = {}
    versions: dict[str, dict[str, int]] = {}
    for meta in rules:
        counts[meta.pack] = counts.get(meta.pack, 0) + 1
        found = versions.setdefault(meta.pack, {})
        if meta.pack_version:
            found[meta.pack_version] = found.get(meta.pack_version, 0) + 1
    packs = []
    for name in sorted(counts):
        newest = max(versions[name], key=_version_key) if versions[name] else None
        pack = whole.get(name)
        part = pack is not None and pack.rules > counts[name]
        packs.append(
            RulePack(
                name=name,
                version=pack.version if part and pack is not None else newest,
                rules=counts[name],
                file_versions=dict(
                    sorted(versions[name].items(), key=lambda i: _version_key(i[0]))
                ),
                pack_rules=pack.rules if part and pack is not None else None,
            )
        )
    return tuple(packs)


#: Settings that choose some of the installed rules, in the order reports name them.
SELECTIONS = ("rule_ids", "tags", "min_severity", "frameworks")


def selected_by(settings: dict[str, Any]) -> tuple[str, ...]:
    """The settings of an audit (``AuditResult.settings``) that chose some of the installed
    rules only: ``rule_ids`` (``--rules``), ``tags``, ``min_severity``, ``frameworks``."""
    return tuple(key for key in SELECTIONS if settings.get(key))
