"""Data models. This package imports nothing else from gdcc_audit.

Every name below is imported from its module on first use (module ``__getattr__``): a run
that needs the finding and resource models does not build the tenant, waiver, checkov or
framework models (``import gdcc_audit.models.common`` runs this file first).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gdcc_audit.models.checkov import CheckovRun as CheckovRun
    from gdcc_audit.models.checkov import UnmappedCheck as UnmappedCheck
    from gdcc_audit.models.common import Classification as Classification
    from gdcc_audit.models.common import Level as Level
    from gdcc_audit.models.common import SecurityCategory as SecurityCategory
    from gdcc_audit.models.common import Severity as Severity
    from gdcc_audit.models.common import Text as Text
    from gdcc_audit.models.finding import Finding as Finding
    from gdcc_audit.models.finding import Status as Status
    from gdcc_audit.models.finding import fingerprint as fingerprint
    from gdcc_audit.models.location import SourceLocation as SourceLocation
    from gdcc_audit.models.resource import KINDS as KINDS
    from gdcc_audit.models.resource import Facets as Facets
    from gdcc_audit.models.resource import IngressRule as IngressRule
    from gdcc_audit.models.resource import Reference as Reference
    from gdcc_audit.models.resource import Resource as Resource
    from gdcc_audit.models.result import AuditResult as AuditResult
    from gdcc_audit.models.result import FindingGroup as FindingGroup
    from gdcc_audit.models.result import InputFile as InputFile
    from gdcc_audit.models.result import InputStatus as InputStatus
    from gdcc_audit.models.result import ResourceSummary as ResourceSummary
    from gdcc_audit.models.result import UnreadModule as UnreadModule
    from gdcc_audit.models.rule import Applicability as Applicability
    from gdcc_audit.models.rule import CheckType as CheckType
    from gdcc_audit.models.rule import ControlRef as ControlRef
    from gdcc_audit.models.rule import RuleMeta as RuleMeta
    from gdcc_audit.models.rule import RulePack as RulePack
    from gdcc_audit.models.tenant import Agency as Agency
    from gdcc_audit.models.tenant import Contact as Contact
    from gdcc_audit.models.tenant import DataFlow as DataFlow
    from gdcc_audit.models.tenant import Evidence as Evidence
    from gdcc_audit.models.tenant import System as System
    from gdcc_audit.models.tenant import Tenant as Tenant
    from gdcc_audit.models.tenant import TenantManifest as TenantManifest
    from gdcc_audit.models.tenant import TenantSettings as TenantSettings
    from gdcc_audit.models.tenant_terms import ContactRole as ContactRole
    from gdcc_audit.models.tenant_terms import EvidenceType as EvidenceType
    from gdcc_audit.models.waiver import BaselineInfo as BaselineInfo
    from gdcc_audit.models.waiver import Waiver as Waiver
    from gdcc_audit.models.waiver import WaiverFile as WaiverFile
    from gdcc_audit.models.waiver import WaiverRecord as WaiverRecord
    from gdcc_audit.models.waiver import WaiverRef as WaiverRef
    from gdcc_audit.models.waiver import WaiverState as WaiverState

#: Public name -> the module it is imported from on first use.
_LAZY: dict[str, str] = {
    "CheckovRun": "gdcc_audit.models.checkov",
    "UnmappedCheck": "gdcc_audit.models.checkov",
    "Classification": "gdcc_audit.models.common",
    "Level": "gdcc_audit.models.common",
    "SecurityCategory": "gdcc_audit.models.common",
    "Severity": "gdcc_audit.models.common",
    "Text": "gdcc_audit.models.common",
    "Finding": "gdcc_audit.models.finding",
    "Status": "gdcc_audit.models.finding",
    "fingerprint": "gdcc_audit.models.finding",
    "SourceLocation": "gdcc_audit.models.location",
    "KINDS": "gdcc_audit.models.resource",
    "Facets": "gdcc_audit.models.resource",
    "IngressRule": "gdcc_audit.models.resource",
    "Reference": "gdcc_audit.models.resource",
    "Resource": "gdcc_audit.models.resource",
    "AuditResult": "gdcc_audit.models.result",
    "FindingGroup": "gdcc_audit.models.result",
    "InputFile": "gdcc_audit.models.result",
    "InputStatus": "gdcc_audit.models.result",
    "ResourceSummary": "gdcc_audit.models.result",
    "UnreadModule": "gdcc_audit.models.result",
    "Applicability": "gdcc_audit.models.rule",
    "CheckType": "gdcc_audit.models.rule",
    "ControlRef": "gdcc_audit.models.rule",
    "RuleMeta": "gdcc_audit.models.rule",
    "RulePack": "gdcc_audit.models.rule",
    "Agency": "gdcc_audit.models.tenant",
    "Contact": "gdcc_audit.models.tenant",
    "ContactRole": "gdcc_audit.models.tenant_terms",
    "DataFlow": "gdcc_audit.models.tenant",
    "Evidence": "gdcc_audit.models.tenant",
    "EvidenceType": "gdcc_audit.models.tenant_terms",
    "System": "gdcc_audit.models.tenant",
    "Tenant": "gdcc_audit.models.tenant",
    "TenantManifest": "gdcc_audit.models.tenant",
    "TenantSettings": "gdcc_audit.models.tenant",
    "BaselineInfo": "gdcc_audit.models.waiver",
    "Waiver": "gdcc_audit.models.waiver",
    "WaiverFile": "gdcc_audit.models.waiver",
    "WaiverRecord": "gdcc_audit.models.waiver",
    "WaiverRef": "gdcc_audit.models.waiver",
    "WaiverState": "gdcc_audit.models.waiver",
}

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


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gdcc_audit.models' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
