"""The tenant manifest's words that rules and loaders read without its models: the manifest
``apiVersion`` and the contact roles, cloud tiers and evidence types.

Defined here, not in ``models.tenant`` (which imports them), so that the rules checking
evidence and tiers and the manifest and waiver loaders do not build the ~20 tenant model
classes in a run that reads no manifest (the pre-commit hook).
"""

from __future__ import annotations

from enum import StrEnum

API_VERSION = "gdcc-audit/v1"


class ContactRole(StrEnum):
    """Who a contact is, in the terms of Cybersecurity Act s.46/s.52 and PDPA."""

    EXECUTIVE_COORDINATOR = "executive_coordinator"
    OPERATIONAL_COORDINATOR = "operational_coordinator"
    SYSTEM_OWNER = "system_owner"
    SYSTEM_ADMINISTRATOR = "system_administrator"
    SECURITY_OFFICER = "security_officer"
    DATA_PROTECTION_OFFICER = "data_protection_officer"


class CloudTier(StrEnum):
    """DGA cloud service tier (draft CSP standard 2025): T1 public, T2 protected, T3 sovereign."""

    T1 = "T1"
    T2 = "T2"
    T3 = "T3"


class EvidenceType(StrEnum):
    """Kinds of governance evidence an auditor can attest."""

    RISK_ASSESSMENT = "risk_assessment"
    INDEPENDENT_AUDIT = "independent_audit"
    IR_PLAN_REVIEW = "ir_plan_review"
    BCP_EXERCISE = "bcp_exercise"
    PENTEST = "pentest"
    VULNERABILITY_SCAN = "vulnerability_scan"
    SECURITY_POLICY = "security_policy"
    CATEGORY_REVIEW = "category_review"
    BASELINE_REVIEW = "baseline_review"
    CSP_CERTIFICATE = "csp_certificate"
    OTHER = "other"
