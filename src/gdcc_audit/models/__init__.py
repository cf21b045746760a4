"""Data models. This package imports nothing else from gdcc_audit."""

from gdcc_audit.models.checkov import CheckovRun, UnmappedCheck
from gdcc_audit.models.common import (
    Classification,
    Level,
    SecurityCategory,
    Severity,
    Text,
)
from gdcc_audit.models.finding import Finding, Status, fingerprint
from gdcc_audit.models.location import SourceLocation
from gdcc_audit.models.resource import KINDS, Facets, IngressRule, Reference, Resource
from gdcc_audit.models.result import (
    AuditResult,
    FindingGroup,
    InputFile,
    InputStatus,
    ResourceSummary,
    UnreadModule,
)
from gdcc_audit.models.rule import Applicability, CheckType, ControlRef, RuleMeta, RulePack
from gdcc_audit.models.tenant import (
    Agency,
    Contact,
    ContactRole,
    DataFlow,
    Evidence,
    EvidenceType,
    System,
    Tenant,
    TenantManifest,
    TenantSettings,
)
from gdcc_audit.models.waiver import (
    BaselineInfo,
    Waiver,
    WaiverFile,
    WaiverRecord,
    WaiverRef,
    WaiverState,
)

__all__ = [
    "KINDS",
    "Agency",
    "Applicability",
    "AuditResult",
    "BaselineInfo",
    "CheckType",
    "CheckovRun",
    "Classification",
    "Contact",
    "ContactRole",
    "ControlRef",
    "DataFlow",
    "Evidence",
    "EvidenceType",
    "Facets",
    "Finding",
    "FindingGroup",
    "IngressRule",
    "InputFile",
    "InputStatus",
    "Level",
    "Reference",
    "Resource",
    "ResourceSummary",
    "RuleMeta",
    "RulePack",
    "SecurityCategory",
    "Severity",
    "SourceLocation",
    "Status",
    "System",
    "Tenant",
    "TenantManifest",
    "TenantSettings",
    "Text",
    "UnmappedCheck",
    "UnreadModule",
    "Waiver",
    "WaiverFile",
    "WaiverRecord",
    "WaiverRef",
    "WaiverState",
    "fingerprint",
]
