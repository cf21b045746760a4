"""The table of built-in Python checks, by the name rule packs use in ``python:``."""

from __future__ import annotations

from gdcc_audit.evaluate.checks import (
    blast,
    companions,
    coverage,
    data,
    evidence,
    governance,
    identity,
    network,
    paths,
    secrets,
)
from gdcc_audit.evaluate.rule import CheckFn

PYTHON_CHECKS: dict[str, CheckFn] = {
    "network.admin_ports_not_public": network.admin_ports_not_public,
    "coverage.flow_logs_enabled": coverage.flow_logs_enabled,
    "coverage.namespace_default_deny": coverage.namespace_default_deny,
    "data.data_in_thailand": data.data_in_thailand,
    "data.storage_not_public": data.storage_not_public,
    "data.customer_managed_key_for_sensitive": data.customer_managed_key_for_sensitive,
    "evidence.risk_assessment_current": evidence.risk_assessment_current,
    "evidence.independent_audit_current": evidence.independent_audit_current,
    "evidence.ir_plan_reviewed": evidence.ir_plan_reviewed,
    "evidence.bcp_exercised": evidence.bcp_exercised,
    "evidence.pentest_current": evidence.pentest_current,
    "evidence.cii_contacts_current": evidence.cii_contacts_current,
    "governance.security_category_set": governance.security_category_set,
    "governance.category_reviewed": governance.category_reviewed,
    "governance.personal_data_at_least_medium": governance.personal_data_at_least_medium,
    "governance.classification_labelled": governance.classification_labelled,
    "governance.dga_tier_matches": governance.dga_tier_matches,
    "identity.no_shared_admin_accounts": identity.no_shared_admin_accounts,
    "identity.access_key_rotated": identity.access_key_rotated,
    "secrets.no_hardcoded_secrets": secrets.no_hardcoded_secrets,
    "paths.sensitive_store_not_internet_reachable": paths.sensitive_store_not_internet_reachable,
    "paths.admin_port_not_reachable": paths.admin_port_not_reachable,
    "paths.tls_in_front_of_personal_data": paths.tls_in_front_of_personal_data,
    "paths.data_tier_segmented": paths.data_tier_segmented,
    "paths.no_lateral_path_to_data_store": paths.no_lateral_path_to_data_store,
    "blast.identity_blast_radius": blast.identity_blast_radius,
    "blast.key_rotation_for_personal_data": blast.key_rotation_for_personal_data,
    "blast.data_pods_isolated": blast.data_pods_isolated,
    "blast.default_account_not_powerful": blast.default_account_not_powerful,
    "companions.flow_log_for_exposed_network": companions.flow_log_for_exposed_network,
    "companions.audit_sink_for_system": companions.audit_sink_for_system,
    "companions.backup_plan_for_personal_data": companions.backup_plan_for_personal_data,
}
