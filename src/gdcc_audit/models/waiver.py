"""Waivers (``apiVersion: gdcc-audit/v1``, ``kind: Waivers``) and the waiver register.

A waiver is an approved, dated, expiring acceptance of one failing check on one resource (or
on resources matching a glob). It never changes a finding's status: the finding stays FAIL and
carries a :class:`WaiverRef`; scoring and ``--fail-on`` leave it out, reports list it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from enum import StrEnum
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from gdcc_audit.models.common import FrozenModel

WAIVERS_KIND = "Waivers"
_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"


class WaiverMetadata(FrozenModel):
    """Who keeps the waiver file."""

    name: str = Field(min_length=1, description="Name of the waiver register, e.g. the tenant id")
    description: str | None = None


class Waiver(FrozenModel):
    """One accepted failing check. ``expires`` is required: there are no permanent waivers."""

    id: str | None = Field(
        default=None,
        pattern=_ID_PATTERN,
        description="Your reference, e.g. a risk-register number; derived from the content "
        "when omitted",
    )
    rule: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", description="Rule id, exactly")
    resource: str = Field(
        min_length=1,
        description="Canonical resource id (tenant/system/provider_type.name), or a glob: "
        "'*' matches any run of characters (also '/'), '?' one character",
    )
    fingerprint: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f]{20}$",
        description="Only the finding with this fingerprint (rule + resource + evidence key)",
    )
    reason: str = Field(min_length=1, description="Why the risk is accepted")
    approver: str = Field(min_length=1, description="Who accepted the risk (name and role)")
    approved_on: dt.date | None = Field(default=None, description="Date of approval")
    expires: dt.date = Field(description="Last day the waiver applies")
    document: str | None = Field(
        default=None, min_length=1, description="The approval or legal-basis document"
    )
    sha256: str | None = Field(
        default=None, pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the document"
    )

    @model_validator(mode="after")
    def _consistent(self) -> Waiver:
        if self.approved_on is not None and self.approved_on > self.expires:
            raise ValueError("approved_on is after expires")
        if self.sha256 is not None and self.document is None:
            raise ValueError("sha256 given without the document it is the hash of")
        return self

    def key(self) -> str:
        """``id`` when given, else a stable id from the waiver's content."""
        if self.id:
            return self.id
        text = "\x1f".join(
            (self.rule, self.resource, self.fingerprint or "", self.approver, str(self.expires))
        )
        return "W-" + hashlib.sha256(text.encode()).hexdigest()[:10]

    def matches(self, rule_id: str, resource_id: str, fingerprint: str) -> bool:
        """Whether this waiver names that finding (dates are not considered here)."""
        if rule_id != self.rule or (self.fingerprint and fingerprint != self.fingerprint):
            return False
        if resource_id == self.resource:
            return True
        return _glob(self.resource).fullmatch(resource_id) is not None


@functools.cache
def _glob(pattern: str) -> re.Pattern[str]:
    # Only * and ? are special: resource ids contain brackets ([0], ["key"]) taken literally.
    parts = (".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile("".join(parts), re.DOTALL)


class WaiverFile(FrozenModel):
    """A waiver file, version ``gdcc-audit/v1``."""

    api_version: Literal["gdcc-audit/v1"] = Field(alias="apiVersion")
    kind: Literal["Waivers"]
    metadata: WaiverMetadata | None = None
    waivers: tuple[Waiver, ...] = Field(default=(), description="The accepted failing checks")

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class WaiverRef(FrozenModel):
    """What a waived finding carries: which active waiver covers it."""

    id: str
    file: str
    approver: str
    approved_on: dt.date | None = None
    expires: dt.date
    reason: str
    document: str | None = None


class WaiverState(StrEnum):
    """A waiver's state on the audit date.

    ACTIVE: valid and covering at least one failing finding; EXPIRED: past ``expires`` (the
    findings it named fail again); PENDING: ``approved_on`` is after the audit date; UNUSED:
    valid but covering no failing finding (the check passes now, or the waiver is mistyped).
    """

    ACTIVE = "active"
    EXPIRED = "expired"
    PENDING = "pending"
    UNUSED = "unused"


class WaiverRecord(FrozenModel):
    """One line of the waiver register."""

    id: str
    file: str
    line: int | None = None
    rule: str
    resource: str
    fingerprint: str | None = None
    reason: str
    approver: str
    approved_on: dt.date | None = None
    expires: dt.date
    document: str | None = None
    sha256: str | None = None
    state: WaiverState
    matched: tuple[str, ...] = Field(
        default=(),
        description="Fingerprints of the failing findings it names: waived when active, "
        "failing again when expired or pending",
    )
    addresses: tuple[str, ...] = Field(
        default=(),
        description="The native address of each of those findings' resources (Terraform "
        "address, CloudFormation or Heat logical id, Kind/namespace/name; the resource's name "
        "when it has none), in the order of matched: what reports name the resources by",
    )


class BaselineInfo(FrozenModel):
    """The earlier result the findings were compared with (``scan --baseline``)."""

    path: str
    sha256: str
    scanned_at: dt.datetime | None = None
    known: int = Field(ge=0, description="Failing findings already failing in the baseline")
    new: int = Field(ge=0, description="Failing findings not failing in the baseline")
