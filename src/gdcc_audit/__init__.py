"""gdcc-audit: security and compliance audit for GDCC tenants.

The public API. Heavy modules (reports, history, checkov bridge) load only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gdcc_audit.__about__ import __version__
from gdcc_audit.evaluate.rule import Outcome, Rule, RuleContext, failed, passed, rule, unknown
from gdcc_audit.hookspecs import hookimpl
from gdcc_audit.models import (
    AuditResult,
    Facets,
    Finding,
    Resource,
    RuleMeta,
    Severity,
    SourceLocation,
    Status,
    Tenant,
    TenantManifest,
    Text,
)
from gdcc_audit.settings import Settings

if TYPE_CHECKING:
    from gdcc_audit.api import audit as audit

__all__ = [
    "AuditResult",
    "Facets",
    "Finding",
    "Outcome",
    "Resource",
    "Rule",
    "RuleContext",
    "RuleMeta",
    "Settings",
    "Severity",
    "SourceLocation",
    "Status",
    "Tenant",
    "TenantManifest",
    "Text",
    "__version__",
    "audit",
    "failed",
    "hookimpl",
    "passed",
    "rule",
    "unknown",
]


def __getattr__(name: str) -> Any:
    if name == "audit":
        from gdcc_audit.api import audit

        return audit
    raise AttributeError(f"module 'gdcc_audit' has no attribute {name!r}")
