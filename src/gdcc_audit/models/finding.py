"""Findings: one rule's verdict on one resource."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pydantic import Field, computed_field, model_validator

from gdcc_audit.models.common import FrozenModel, Severity, Text
from gdcc_audit.models.location import SourceLocation
from gdcc_audit.models.waiver import WaiverRef


class Status(StrEnum):
    """A rule's verdict. UNKNOWN: a needed fact is not known. ERROR: the rule itself crashed."""

    PASS = "PASS"
    FAIL = "FAIL"
    UNKNOWN = "UNKNOWN"
    NOT_APPLICABLE = "NOT_APPLICABLE"
    ERROR = "ERROR"


def fingerprint(rule_id: str, resource_id: str, evidence_key: str = "") -> str:
    """Stable identity of a finding: survives edits that move lines (no line numbers in it)."""
    digest = hashlib.sha256(f"{rule_id}\x1f{resource_id}\x1f{evidence_key}".encode())
    return digest.hexdigest()[:20]


class Finding(FrozenModel):
    """The verdict of one rule on one resource, with the evidence that led to it."""

    rule_id: str
    resource_id: str
    resource_kind: str
    resource_name: str
    provider_type: str
    address: str | None = Field(
        default=None,
        description="The name users know the resource by: Terraform address with module path "
        "and index/key, CloudFormation/Heat logical id, Kubernetes Kind/namespace/name",
    )
    called_at: str | None = Field(
        default=None,
        description="For a resource of a Terraform module: 'file:line' of the module block of "
        "the root module that calls it (a module's file declares one resource per root "
        "calling it; this names the root)",
    )
    call_chain: tuple[str, ...] | None = Field(
        default=None,
        description="For a resource of a module called by a module: 'file:line' of each "
        "module block it comes through, the root module's first (called_at) and the "
        "innermost last; null when one module block or none",
    )
    system: str | None = None
    status: Status
    severity: Severity
    message: Text
    evidence: dict[str, Any] = Field(default_factory=dict)
    evidence_key: str = ""
    location: SourceLocation | None = None
    waiver: WaiverRef | None = Field(
        default=None,
        description="The active waiver accepting this failing finding: left out of scoring "
        "and of --fail-on, listed in every report",
    )
    corroboration: tuple[str, ...] = Field(
        default=(),
        description="Ids of checkov checks that judged the same property of the same resource "
        "the same way (the native finding is the one reported)",
    )
    baseline: bool = Field(
        default=False,
        description="Already failing in the baseline result (scan --baseline): not counted "
        "for --fail-on",
    )

    @model_validator(mode="before")
    @classmethod
    def _drop_computed(cls, data: Any) -> Any:
        # A finding read back from JSON carries its computed fingerprint; it is derived, not input.
        if isinstance(data, dict) and "fingerprint" in data:
            data = {k: v for k, v in data.items() if k != "fingerprint"}
        return data

    @classmethod
    def trusted(cls, **values: Any) -> Finding:
        """A finding from values that are already valid (the rule engine's own), built without
        validation and sharing one fields-set object: the engine makes one finding per rule and
        resource, and at 100,000 resources validation and per-finding bookkeeping cost seconds
        and hundreds of MB. ``tests/test_engine.py`` checks it equals a validated ``Finding``.
        """
        data = {**_FINDING_DEFAULTS, **values}
        data.setdefault("evidence", {})
        if data.keys() != _FINDING_KEYS:
            unknown, missing = data.keys() - _FINDING_KEYS, _FINDING_KEYS - data.keys()
            raise TypeError(
                f"Finding.trusted: unknown fields {sorted(unknown)}, missing {sorted(missing)}"
            )
        finding = cls.__new__(cls)
        # Attribute by attribute, always in field order: CPython then shares one key table
        # among all findings (about 250 bytes each instead of 550).
        for name in _FIELD_ORDER:
            _set(finding, name, data[name])
        object.__setattr__(finding, "__pydantic_fields_set__", _TRUSTED_FIELDS_SET)
        object.__setattr__(finding, "__pydantic_extra__", None)
        object.__setattr__(finding, "__pydantic_private__", None)
        return finding

    @computed_field  # type: ignore[prop-decorator]
    @property
    def fingerprint(self) -> str:
        """Hash of rule id, canonical resource id and evidence key."""
        return fingerprint(self.rule_id, self.resource_id, self.evidence_key)

    @property
    def display_name(self) -> str:
        """The native address when known, else the resource name (what reports show)."""
        return self.address or self.resource_name

    @property
    def is_failure(self) -> bool:
        """True for FAIL and ERROR (a crashed rule is never a silent pass)."""
        return self.status in (Status.FAIL, Status.ERROR)

    @property
    def is_waived(self) -> bool:
        """True when an active waiver accepts this failing finding."""
        return self.waiver is not None

    @property
    def counts_for_fail_on(self) -> bool:
        """A FAIL or ERROR that is neither waived nor already known from the baseline."""
        return self.is_failure and self.waiver is None and not self.baseline

    @property
    def module_calls(self) -> tuple[str, ...]:
        """``file:line`` of each ``module`` block the resource comes through, the root
        module's first (``call_chain``, else ``called_at`` alone); empty for a root's own."""
        if self.call_chain:
            return self.call_chain
        return (self.called_at,) if self.called_at else ()


#: Defaults of the fields a trusted finding may leave out (filled in before the values).
_FINDING_DEFAULTS: dict[str, Any] = {
    "system": None,
    "evidence_key": "",
    "location": None,
    "waiver": None,
    "baseline": False,
    "corroboration": (),
    "address": None,
    "called_at": None,
    "call_chain": None,
}
_FINDING_KEYS = frozenset(Finding.model_fields)
_FIELD_ORDER = tuple(Finding.model_fields)
_set = object.__setattr__
#: One set for every trusted finding: ``model_copy`` copies it before changing it, and a
#: frozen model never changes it in place.
_TRUSTED_FIELDS_SET = set(Finding.model_fields)


def call_chain_of(attributes: Mapping[str, Any]) -> tuple[str, ...] | None:
    """``Finding.call_chain`` from a resource's attributes (``call_chain``, a list)."""
    chain = attributes.get("call_chain")
    return tuple(chain) if isinstance(chain, list | tuple) and chain else None
