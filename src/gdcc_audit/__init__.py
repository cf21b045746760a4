"""gdcc-audit: security and compliance audit for GDCC tenants.

The public API. ``import gdcc_audit`` loads nothing but the version: every name below is
imported from its module on first use (module ``__getattr__``), so pydantic models, pluggy,
rule packs, catalogs and reporters cost nothing until a program touches them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from gdcc_audit.__about__ import __version__ as __version__

if TYPE_CHECKING:
    from gdcc_audit.api import audit as audit
    from gdcc_audit.evaluate.rule import Outcome as Outcome
    from gdcc_audit.evaluate.rule import Rule as Rule
    from gdcc_audit.evaluate.rule import RuleContext as RuleContext
    from gdcc_audit.evaluate.rule import failed as failed
    from gdcc_audit.evaluate.rule import passed as passed
    from gdcc_audit.evaluate.rule import rule as rule
    from gdcc_audit.evaluate.rule import unknown as unknown
    from gdcc_audit.hookspecs import hookimpl as hookimpl
    from gdcc_audit.models import AuditResult as AuditResult
    from gdcc_audit.models import Facets as Facets
    from gdcc_audit.models import Finding as Finding
    from gdcc_audit.models import Resource as Resource
    from gdcc_audit.models import RuleMeta as RuleMeta
    from gdcc_audit.models import Severity as Severity
    from gdcc_audit.models import SourceLocation as SourceLocation
    from gdcc_audit.models import Status as Status
    from gdcc_audit.models import Tenant as Tenant
    from gdcc_audit.models import TenantManifest as TenantManifest
    from gdcc_audit.models import Text as Text
    from gdcc_audit.settings import Settings as Settings

#: Public name -> the module it is imported from on first use.
_LAZY: dict[str, str] = {
    "audit": "gdcc_audit.api",
    "Settings": "gdcc_audit.settings",
    "hookimpl": "gdcc_audit.hookspecs",
    **dict.fromkeys(
        ("Outcome", "Rule", "RuleContext", "failed", "passed", "rule", "unknown"),
        "gdcc_audit.evaluate.rule",
    ),
    **dict.fromkeys(
        (
            "AuditResult",
            "Facets",
            "Finding",
            "Resource",
            "RuleMeta",
            "Severity",
            "SourceLocation",
            "Status",
            "Tenant",
            "TenantManifest",
            "Text",
        ),
        "gdcc_audit.models",
    ),
}

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
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gdcc_audit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
