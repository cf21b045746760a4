"""Findings: one rule's verdict on one resource."""

from __future__ import annotations

import hashlib
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

    @computed_field  # type: ignore[prop-decorator]
    @property
    def fingerprint(self) -> str:
        """Hash of rule id, canonical resource id and evidence key."""
        return fingerprint(self.rule_id, self.resource_id, self.evidence_key)

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
