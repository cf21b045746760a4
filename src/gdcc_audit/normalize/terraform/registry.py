"""The type tables of every provider module, merged: type -> mapping / companion function."""

from __future__ import annotations

from typing import Any

from gdcc_audit.normalize.terraform import (
    alicloud,
    alicloud_routing,
    aws_compute,
    aws_containers,
    aws_dynamodb,
    aws_elastic_ips,
    aws_emr,
    aws_exposure,
    aws_glue_endpoints,
    aws_identity,
    aws_logging,
    aws_network,
    aws_resource_policies,
    aws_routing,
    aws_sagemaker,
    aws_storage,
    azapi,
    azure_analytics,
    azure_apim,
    azure_container_apps,
    azure_dns,
    azure_exposure,
    azure_firewall,
    azure_identity,
    azurerm,
    boot_integrity,
    cluster_auth,
    extras,
    google,
    google_alloydb,
    google_bigquery,
    google_composer,
    google_filestore,
    google_firewall_policies,
    google_functions,
    google_grants,
    google_healthcare,
    google_identity,
    google_lb,
    google_memorystore,
    google_node_accounts,
    google_spanner,
    google_workbench,
    huaweicloud,
    huaweicloud_cce,
    huaweicloud_data,
    huaweicloud_elb,
    keyed,
    kubernetes,
    openstack,
    port_forwards,
    redshift_workgroups,
    services,
)
from gdcc_audit.normalize.terraform.context import CompanionFn, MapFn
from gdcc_audit.normalize.terraform.extras import ExtraFn


def _both(first: ExtraFn, second: ExtraFn) -> ExtraFn:
    """Two extra-facet functions of one type: the first's value wins where both give one."""

    def extra(r: Any, ctx: Any) -> dict[str, Any]:
        return {**second(r, ctx), **first(r, ctx)}

    return extra


def _extras(*tables: dict[str, ExtraFn]) -> dict[str, ExtraFn]:
    merged: dict[str, ExtraFn] = {}
    for table in tables:
        for name, function in table.items():
            merged[name] = _both(merged[name], function) if name in merged else function
    return merged


_MODULES = (
    alicloud,
    alicloud_routing,
    azapi,
    azure_apim,
    azure_container_apps,
    aws_resource_policies,
    aws_storage,
    aws_compute,
    aws_containers,
    aws_dynamodb,
    aws_elastic_ips,
    aws_emr,
    aws_exposure,
    aws_glue_endpoints,
    aws_sagemaker,
    aws_network,
    aws_routing,
    aws_identity,
    aws_logging,
    azure_analytics,
    azure_dns,
    azure_firewall,
    azure_identity,
    azurerm,
    google,
    google_alloydb,
    google_bigquery,
    google_composer,
    google_filestore,
    google_firewall_policies,
    google_functions,
    google_workbench,
    google_grants,
    google_healthcare,
    google_identity,
    google_lb,
    huaweicloud,
    huaweicloud_cce,
    huaweicloud_data,
    huaweicloud_elb,
    keyed,
    # after keyed: its container registry adds the registry endpoint to keyed's table
    azure_exposure,
    kubernetes,
    openstack,
    port_forwards,
    services,
)

MAPPINGS: dict[str, MapFn] = {}
#: Extra facets for mapped types, filled where the provider module left them unknown.
EXTRAS: dict[str, ExtraFn] = _extras(
    extras.EXTRAS,
    google_bigquery.EXTRAS,
    google_grants.EXTRAS,
    google_spanner.EXTRAS,
    google_memorystore.EXTRAS,
    aws_resource_policies.EXTRAS,
    cluster_auth.EXTRAS,
    boot_integrity.EXTRAS,
    google_node_accounts.EXTRAS,
    redshift_workgroups.EXTRAS,
)
COMPANIONS: dict[str, CompanionFn] = {}
#: Mapped types whose mapping gives None for what it does not judge: counted as not judged.
NOT_JUDGED_WHEN_NONE: frozenset[str] = (
    kubernetes.NOT_JUDGED_WHEN_NONE | azapi.NOT_JUDGED_WHEN_NONE | aws_storage.NOT_JUDGED_WHEN_NONE
)
#: Companion types that are mapped as resources of their own as well.
ALSO_MAPPED: frozenset[str] = frozenset().union(
    *(getattr(module, "ALSO_MAPPED", frozenset()) for module in _MODULES)
)
#: Rule companions that are also judged on their own when every contribution they make is to
#: one of several groups (``Contribution.uncertain``: ``security_group_id = var.id == "" ?
#: group.id : var.id``): each candidate's ports stay not known, but the rule opens what it
#: opens on whichever group it lands (its own verdict, as a rule whose group is not in the
#: document).
ALONE_WHEN_UNCERTAIN: frozenset[str] = frozenset().union(
    *(getattr(module, "ALONE_WHEN_UNCERTAIN", frozenset()) for module in _MODULES)
)
#: Companions that contribute nothing when an argument is literally a value (an egress rule
#: of a provider whose mapper reads inbound rules only): type -> (argument, value). A block
#: of one whose ``count`` / ``for_each`` is not known changes no verdict whatever its
#: instances (``mapper._unknown_instances``).
ADDS_NOTHING_WHEN: dict[str, tuple[str, str]] = {
    kind: when for module in _MODULES
    for kind, when in getattr(module, "ADDS_NOTHING_WHEN", {}).items()
}
for _module in _MODULES:
    MAPPINGS.update(_module.MAPPINGS)
    COMPANIONS.update(getattr(_module, "COMPANIONS", {}))
COMPANIONS.update(extras.COMPANIONS)
MAPPINGS.update(extras.STANDALONE)
MAPPINGS.update(extras.NEW_TYPES)


def mapped_types() -> dict[str, list[str]]:
    """Mapped and companion types per provider prefix (for documentation and reports)."""
    out: dict[str, list[str]] = {}
    for name in sorted(set(MAPPINGS) | set(COMPANIONS)):
        out.setdefault(name.split("_", 1)[0], []).append(name)
    return out
