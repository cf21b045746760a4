"""The tenant manifest (``apiVersion: gdcc-audit/v1``, ``kind: Tenant``) and the tenant context."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from gdcc_audit.models.common import (
    Classification,
    ClassificationField,
    FrozenModel,
    Level,
    SecurityCategory,
)
from gdcc_audit.models.resource import KINDS, Facets

# The manifest's words live in a leaf module (read by rules without these models); named
# here as well, as before.
from gdcc_audit.models.tenant_terms import (
    API_VERSION,  # noqa: F401
    CloudTier,
    ContactRole,
    EvidenceType,
)

_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


class Agency(FrozenModel):
    """The state agency that owns the tenant."""

    name_th: str = Field(min_length=1, description="Agency name in Thai")
    name_en: str = Field(min_length=1, description="Agency name in English")
    ministry_th: str | None = None
    ministry_en: str | None = None
    code: str | None = Field(default=None, description="Agency code, e.g. the DGA/GDCC agency id")


class CiiDesignation(FrozenModel):
    """Designation as critical information infrastructure (Cybersecurity Act s.49)."""

    designated: bool = False
    sector: str | None = Field(default=None, description="CII sector, e.g. energy, public_health")
    designated_on: dt.date | None = None
    regulator: str | None = None


class Contact(FrozenModel):
    """A named contact; ``updated_on`` tells how current it is."""

    role: ContactRole
    name: str = Field(min_length=1)
    email: str | None = None
    phone: str | None = None
    reachable_24x7: bool | None = None
    updated_on: dt.date | None = None


class System(ClassificationField):
    """An information system run on the tenant."""

    id: str = Field(pattern=_ID_PATTERN)
    name_th: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    security_category: SecurityCategory | None = None
    category_reviewed_on: dt.date | None = None
    personal_data: bool = False
    sensitive_personal_data: bool = False
    dga_cloud_tier: CloudTier | None = None
    provider: str | None = Field(default=None, description="gdcc, aws, azure, google, huaweicloud")
    region: str | None = None
    internet_facing: bool | None = None

    @property
    def level(self) -> Level | None:
        """Overall NCSC security category, or None when not categorised."""
        return self.security_category.overall if self.security_category else None


class IdentitySettings(FrozenModel):
    """Tenant-wide identity settings."""

    mfa_privileged: bool | None = None
    mfa_all_users: bool | None = None
    sso: bool | None = None
    password_min_length: int | None = Field(default=None, ge=0)
    shared_admin_accounts: bool | None = None


class LoggingSettings(FrozenModel):
    """Tenant-wide logging settings."""

    central_logging: bool | None = None
    retention_days: int | None = Field(default=None, ge=0)
    traffic_log_retention_days: int | None = Field(default=None, ge=0)
    immutable_storage: bool | None = None
    siem: bool | None = None


class TimeSyncSettings(FrozenModel):
    """Clock synchronisation (MICT 2550 notification cl. 9)."""

    enabled: bool | None = None
    source: str | None = None
    max_offset_ms: float | None = Field(default=None, ge=0)


class BackupSettings(FrozenModel):
    """Tenant-wide backup settings."""

    enabled: bool | None = None
    retention_days: int | None = Field(default=None, ge=0)
    offsite_copy: bool | None = None
    last_restore_test: dt.date | None = None


class TenantSettings(FrozenModel):
    """Settings that apply to the whole tenant."""

    identity: IdentitySettings = Field(default_factory=IdentitySettings)
    logging: LoggingSettings = Field(default_factory=LoggingSettings)
    time_sync: TimeSyncSettings = Field(default_factory=TimeSyncSettings)
    backup: BackupSettings = Field(default_factory=BackupSettings)
    threat_detection: bool | None = None


#: How long evidence of each type stays valid when ``valid_until`` is not given.
EVIDENCE_VALIDITY_DAYS: dict[EvidenceType, int] = {
    EvidenceType.RISK_ASSESSMENT: 365,
    EvidenceType.INDEPENDENT_AUDIT: 365,
    EvidenceType.IR_PLAN_REVIEW: 365,
    EvidenceType.BCP_EXERCISE: 365,
    EvidenceType.PENTEST: 365,
    EvidenceType.VULNERABILITY_SCAN: 30,
    EvidenceType.SECURITY_POLICY: 365,
    EvidenceType.CATEGORY_REVIEW: 3 * 365,
    EvidenceType.BASELINE_REVIEW: 365,
    EvidenceType.CSP_CERTIFICATE: 3 * 365,
    EvidenceType.OTHER: 365,
}


class Evidence(FrozenModel):
    """A governance document: what was done, when, by whom, and the hash of the document."""

    type: EvidenceType
    date: dt.date
    document: str = Field(min_length=1)
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-fA-F]{64}$")
    attestor: str | None = None
    system: str | None = None
    valid_until: dt.date | None = None
    controls: tuple[str, ...] = Field(
        default=(), description="Controls this evidence attests, as FRAMEWORK:CONTROL"
    )
    note: str | None = None

    def expires_on(self) -> dt.date:
        """The last day this evidence counts as an attestation."""
        if self.valid_until is not None:
            return self.valid_until
        return self.date + dt.timedelta(days=EVIDENCE_VALIDITY_DAYS[self.type])

    def is_valid(self, on: dt.date) -> bool:
        """True when the evidence is dated no later than ``on`` and has not expired."""
        return self.date <= on <= self.expires_on()


class ManifestResource(ClassificationField):
    """A resource declared directly in the manifest, already in canonical form."""

    id: str = Field(pattern=_ID_PATTERN)
    kind: str
    name: str | None = None
    system: str | None = None
    provider: str = "gdcc"
    type: str | None = Field(default=None, description="Provider type, e.g. gdcc_vm")
    region: str | None = None
    tags: dict[str, str] = Field(default_factory=dict)
    facets: Facets = Field(default_factory=Facets)
    references: tuple[str, ...] = Field(default=(), description="Ids of resources this one uses")
    personal_data: bool | None = None
    security_category: SecurityCategory | None = None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in KINDS or value in {"tenant", "system"}:
            raise ValueError(f"unknown resource kind {value!r}")
        return value


class IacSource(FrozenModel):
    """IaC files or folders that belong to the tenant, optionally to one of its systems."""

    path: str = Field(min_length=1, description="File or folder, relative to the manifest")
    system: str | None = None


class Metadata(FrozenModel):
    """Manifest metadata: ``name`` is the tenant id used in canonical resource ids."""

    name: str = Field(pattern=_ID_PATTERN)
    description: str | None = None
    labels: dict[str, str] = Field(default_factory=dict)


class Signatory(FrozenModel):
    """A person who signs the audit report off; ``date`` is when they signed."""

    name: str = Field(min_length=1)
    position: str | None = Field(default=None, description="Title or position, e.g. CISO")
    date: dt.date | None = None


class ReportControl(FrozenModel):
    """Document control of the audit report: its version and who signs it off. A role left
    out is printed as a blank line to sign by hand."""

    version: str = Field(default="1.0", min_length=1, description="Document version")
    assessor: Signatory | None = Field(default=None, description="Who carried out the audit")
    reviewer: Signatory | None = Field(default=None, description="Who reviewed the report")
    approver: Signatory | None = Field(default=None, description="Who approved it")


class DataFlow(FrozenModel):
    """A declared flow of data from one system of the tenant to another."""

    source: str = Field(description="Id of the system the data comes from")
    target: str = Field(description="Id of the system the data goes to")
    personal_data: bool = Field(default=False, description="The flow carries personal data")
    description: str | None = None


class TenantSpec(FrozenModel):
    """Everything the manifest says about the tenant itself."""

    agency: Agency
    cii: CiiDesignation = Field(default_factory=CiiDesignation)
    contacts: tuple[Contact, ...] = ()
    systems: tuple[System, ...] = ()
    settings: TenantSettings = Field(default_factory=TenantSettings)
    evidence: tuple[Evidence, ...] = ()
    report: ReportControl | None = Field(
        default=None, description="Audit report document control: version and sign-off"
    )
    data_flows: tuple[DataFlow, ...] = Field(
        default=(), description="Declared data flows between the tenant's systems"
    )

    @model_validator(mode="after")
    def _unique_system_ids(self) -> TenantSpec:
        seen: set[str] = set()
        for index, system in enumerate(self.systems):
            if system.id in seen:
                raise ValueError(f"systems[{index}]: duplicate system id {system.id!r}")
            seen.add(system.id)
        for index, flow in enumerate(self.data_flows):
            for end in ("source", "target"):
                if getattr(flow, end) not in seen:
                    raise ValueError(
                        f"data_flows[{index}].{end}: {getattr(flow, end)!r} is not a system id "
                        "of this manifest"
                    )
        return self


class Tenant(TenantSpec):
    """The tenant context rules see: agency, CII status, contacts, systems, settings, evidence."""

    id: str

    def system(self, system_id: str | None) -> System | None:
        """The system with this id, or None."""
        if system_id is None:
            return None
        return next((s for s in self.systems if s.id == system_id), None)

    def evidence_of(self, kind: EvidenceType, system: str | None = None) -> list[Evidence]:
        """Evidence of one type, newest first; tenant-wide evidence counts for every system."""
        found = [e for e in self.evidence if e.type == kind and e.system in (None, system)]
        return sorted(found, key=lambda e: e.date, reverse=True)

    @property
    def highest_level(self) -> Level | None:
        """The highest NCSC category over all categorised systems."""
        levels = [s.level for s in self.systems if s.level is not None]
        return max(levels, key=lambda v: v.rank) if levels else None

    @property
    def highest_classification(self) -> Classification | None:
        """The highest data classification over all systems."""
        found = [s.data_classification for s in self.systems if s.data_classification]
        return max(found, key=lambda c: c.rank) if found else None


class TenantManifest(TenantSpec):
    """The tenant manifest file, version ``gdcc-audit/v1``."""

    api_version: Literal["gdcc-audit/v1"] = Field(alias="apiVersion")
    kind: Literal["Tenant"]
    metadata: Metadata
    iac: tuple[IacSource, ...] = Field(
        default=(), description="IaC files or folders, relative to the manifest, scanned with it"
    )
    resources: tuple[ManifestResource, ...] = ()
    waivers: tuple[str, ...] = Field(
        default=(),
        description="Waiver files (kind: Waivers), relative to the manifest, applied with it",
    )

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @field_validator("iac", mode="before")
    @classmethod
    def _iac_strings(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return tuple({"path": v} if isinstance(v, str) else v for v in value)
        return value

    @field_validator("resources")
    @classmethod
    def _unique_resource_ids(
        cls, resources: tuple[ManifestResource, ...]
    ) -> tuple[ManifestResource, ...]:
        seen: set[str] = set()
        for resource in resources:
            if resource.id in seen:
                raise ValueError(f"duplicate resource id {resource.id!r}")
            seen.add(resource.id)
        return resources

    def tenant(self) -> Tenant:
        """The tenant context of this manifest."""
        spec: dict[str, Any] = {name: getattr(self, name) for name in TenantSpec.model_fields}
        return Tenant(id=self.metadata.name, **spec)
