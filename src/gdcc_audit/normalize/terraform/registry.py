"""The type tables of every provider module, merged: type -> mapping / companion function.

A provider's modules are imported when a type of it is first looked up (``aws_…``, ``azurerm_…``):
an AWS-only scan imports no azurerm, AzAPI, Alibaba Cloud, Huawei Cloud, OpenStack or Kubernetes
module (the pre-commit hook's start-up). :data:`PROVIDERS` says which modules hold types of each
type prefix; ``tests/terraform/test_provider_tables.py`` checks it against the modules' own
tables. A type's entry is what merging every module's tables gives: each table merges, for one
prefix, the modules that hold it in the order below (a later module's entry wins).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection, Iterable, Iterator, MutableMapping, Set
from types import ModuleType
from typing import Any, Generic, TypeVar

from gdcc_audit.normalize.terraform import extras
from gdcc_audit.normalize.terraform.context import CompanionFn, MapFn
from gdcc_audit.normalize.terraform.extras import ExtraFn

V = TypeVar("V")

#: The modules whose ``MAPPINGS`` / ``COMPANIONS`` (and ``ALSO_MAPPED`` /
#: ``ALONE_WHEN_UNCERTAIN`` / ``ADDS_NOTHING_WHEN``) are merged, in merge order; then
#: ``extras``' tables.
MODULES = (
    "alicloud",
    "alicloud_balancers",
    "alicloud_kvstore",
    "alicloud_routing",
    "azapi",
    "azure_apim",
    "azure_container_apps",
    "aws_resource_policies",
    "aws_storage",
    "aws_compute",
    "aws_containers",
    "aws_dynamodb",
    "aws_elastic_ips",
    "aws_emr",
    "aws_exposure",
    "aws_glue_endpoints",
    "aws_sagemaker",
    "aws_network",
    "aws_routing",
    "aws_identity",
    "aws_logging",
    "azure_analytics",
    "azure_dns",
    "azure_firewall",
    "azure_identity",
    "azure_threat_intel",
    "azurerm",
    "google",
    "google_alloydb",
    "google_bigquery",
    "google_composer",
    "google_filestore",
    "google_firewall_policies",
    "google_functions",
    "google_workbench",
    "google_grants",
    "google_healthcare",
    "google_identity",
    "google_lb",
    "huaweicloud",
    "huaweicloud_cce",
    "huaweicloud_data",
    "huaweicloud_elb",
    "keyed",
    # after keyed: its container registry adds the registry endpoint to keyed's table
    "azure_exposure",
    "kubernetes",
    "openstack",
    "port_forwards",
    "services",
)
#: The modules whose ``EXTRAS`` (extra facets for mapped types, filled where the provider
#: module left them unknown) are merged: the first one's value wins where several give one.
EXTRA_MODULES = (
    "extras",
    "google_bigquery",
    "google_grants",
    "google_spanner",
    "google_memorystore",
    "aws_resource_policies",
    "cluster_auth",
    "boot_integrity",
    "google_node_accounts",
    "redshift_workgroups",
)
#: The modules whose ``NOT_JUDGED_WHEN_NONE`` are joined.
NOT_JUDGED_MODULES = ("kubernetes", "azapi", "aws_storage", "alicloud")

_AWS = ("aws_compute", "aws_containers", "aws_dynamodb", "aws_elastic_ips", "aws_emr",
        "aws_exposure", "aws_glue_endpoints", "aws_identity", "aws_logging", "aws_network",
        "aws_resource_policies", "aws_routing", "aws_sagemaker", "aws_storage")
#: Type prefix (a type's name up to its first ``_``) -> the modules of :data:`MODULES`,
#: :data:`EXTRA_MODULES` and :data:`NOT_JUDGED_MODULES` whose tables hold a type of it. A prefix
#: not here has no type in any table.
PROVIDERS: dict[str, frozenset[str]] = {
    "alicloud": frozenset({
        "alicloud", "alicloud_balancers", "alicloud_kvstore", "alicloud_routing", "extras",
        "port_forwards",
    }),
    "aws": frozenset({*_AWS, "cluster_auth", "extras", "keyed", "redshift_workgroups"}),
    "azapi": frozenset({"azapi"}),
    "azurerm": frozenset({
        "azure_analytics", "azure_apim", "azure_container_apps", "azure_dns", "azure_exposure",
        "azure_firewall", "azure_identity", "azure_threat_intel", "azurerm", "boot_integrity",
        "cluster_auth", "extras", "keyed", "services",
    }),
    "google": frozenset({
        "boot_integrity", "cluster_auth", "extras", "google", "google_alloydb", "google_bigquery",
        "google_composer", "google_filestore", "google_firewall_policies", "google_functions",
        "google_grants", "google_healthcare", "google_identity", "google_lb",
        "google_memorystore", "google_node_accounts", "google_spanner", "google_workbench",
        "keyed", "services",
    }),
    "huaweicloud": frozenset({
        "cluster_auth", "extras", "huaweicloud", "huaweicloud_cce", "huaweicloud_data",
        "huaweicloud_elb", "port_forwards",
    }),
    "kubectl": frozenset({"kubernetes"}),
    "kubernetes": frozenset({"kubernetes"}),
    "openstack": frozenset({"cluster_auth", "extras", "openstack", "port_forwards"}),
}


def prefix(type_name: str) -> str:
    """A type's provider prefix: its name up to its first ``_`` (``aws`` of ``aws_s3_bucket``)."""
    return type_name.partition("_")[0]


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"gdcc_audit.normalize.terraform.{name}")


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


def _of(names: tuple[str, ...], held: frozenset[str]) -> list[ModuleType]:
    return [_module(name) for name in names if name in held]


def _mine(table: Any, first: str) -> dict[str, Any]:
    return {name: value for name, value in table.items() if prefix(name) == first}


def _sets(modules: list[ModuleType], attribute: str, first: str) -> set[str]:
    return {
        name
        for module in modules
        for name in getattr(module, attribute, ())
        if prefix(name) == first
    }


class _Tables:
    """The merged tables, filled one prefix at a time (:meth:`load`)."""

    def __init__(self) -> None:
        self.loaded: set[str] = set()
        self.mappings: dict[str, MapFn] = {}
        self.companions: dict[str, CompanionFn] = {}
        self.extras: dict[str, ExtraFn] = {}
        self.also_mapped: set[str] = set()
        self.alone_when_uncertain: set[str] = set()
        self.not_judged_when_none: set[str] = set()
        self.adds_nothing_when: dict[str, tuple[str, str]] = {}

    def load(self, first: str) -> None:
        """Merge the tables' entries of types of prefix ``first`` (once)."""
        if first in self.loaded:
            return
        held = PROVIDERS.get(first, frozenset())
        modules = _of(MODULES, held)
        mappings: dict[str, MapFn] = {}
        companions: dict[str, CompanionFn] = {}
        for module in modules:
            mappings.update(_mine(module.MAPPINGS, first))
            companions.update(_mine(getattr(module, "COMPANIONS", {}), first))
            self.adds_nothing_when.update(_mine(getattr(module, "ADDS_NOTHING_WHEN", {}), first))
        companions.update(_mine(extras.COMPANIONS, first))
        mappings.update(_mine(extras.STANDALONE, first))
        mappings.update(_mine(extras.NEW_TYPES, first))
        self.mappings.update(mappings)
        self.companions.update(companions)
        self.extras.update(_extras(*(_mine(m.EXTRAS, first) for m in _of(EXTRA_MODULES, held))))
        self.also_mapped |= _sets(modules, "ALSO_MAPPED", first)
        self.alone_when_uncertain |= _sets(modules, "ALONE_WHEN_UNCERTAIN", first)
        self.not_judged_when_none |= _sets(
            _of(NOT_JUDGED_MODULES, held), "NOT_JUDGED_WHEN_NONE", first
        )
        self.loaded.add(first)

    def load_all(self) -> None:
        for first in PROVIDERS:
            self.load(first)


_TABLES = _Tables()


class _Table(MutableMapping[str, V], Generic[V]):
    """One merged table: a look-up loads the modules of the type's prefix first; going over
    every entry loads every provider's."""

    def __init__(self, data: Callable[[], dict[str, V]]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> V:
        data = self._data()
        if key not in data:
            _TABLES.load(prefix(key))
        return data[key]

    def get(self, key: str, default: Any = None) -> Any:  # the hot path: one dict look-up
        data = self._data()
        found = data.get(key)
        if found is None and prefix(key) not in _TABLES.loaded:
            _TABLES.load(prefix(key))
            found = data.get(key)
        return default if found is None else found

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        data = self._data()
        if key in data:
            return True
        _TABLES.load(prefix(key))
        return key in data

    def __setitem__(self, key: str, value: V) -> None:
        _TABLES.load(prefix(key))
        self._data()[key] = value

    def __delitem__(self, key: str) -> None:
        _TABLES.load(prefix(key))
        del self._data()[key]

    def __iter__(self) -> Iterator[str]:
        _TABLES.load_all()
        return iter(self._data())

    def __len__(self) -> int:
        _TABLES.load_all()
        return len(self._data())


class _Types(Set[str]):
    """A joined set of types: membership loads the modules of the type's prefix first; it
    equals (and hashes as) the frozenset of all its types."""

    def __init__(self, data: Callable[[], Collection[str]]) -> None:
        self._data = data

    @classmethod
    def _from_iterable(cls, it: Iterable[Any]) -> frozenset[Any]:
        return frozenset(it)  # (``|``, ``&`` ...: a plain set of every type)

    def __hash__(self) -> int:
        return self._hash()

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        _TABLES.load(prefix(key))
        return key in self._data()

    def __iter__(self) -> Iterator[str]:
        _TABLES.load_all()
        return iter(self._data())

    def __len__(self) -> int:
        _TABLES.load_all()
        return len(self._data())


MAPPINGS: MutableMapping[str, MapFn] = _Table(lambda: _TABLES.mappings)
#: Extra facets for mapped types, filled where the provider module left them unknown.
EXTRAS: MutableMapping[str, ExtraFn] = _Table(lambda: _TABLES.extras)
COMPANIONS: MutableMapping[str, CompanionFn] = _Table(lambda: _TABLES.companions)
#: Mapped types whose mapping gives None for what it does not judge: counted as not judged.
NOT_JUDGED_WHEN_NONE: Set[str] = _Types(lambda: _TABLES.not_judged_when_none)
#: Companion types that are mapped as resources of their own as well.
ALSO_MAPPED: Set[str] = _Types(lambda: _TABLES.also_mapped)
#: Rule companions that are also judged on their own when every contribution they make is to
#: one of several groups (``Contribution.uncertain``: ``security_group_id = var.id == "" ?
#: group.id : var.id``): each candidate's ports stay not known, but the rule opens what it
#: opens on whichever group it lands (its own verdict, as a rule whose group is not in the
#: document).
ALONE_WHEN_UNCERTAIN: Set[str] = _Types(lambda: _TABLES.alone_when_uncertain)
#: Companions that contribute nothing when an argument is literally a value (an egress rule
#: of a provider whose mapper reads inbound rules only): type -> (argument, value). A block
#: of one whose ``count`` / ``for_each`` is not known changes no verdict whatever its
#: instances (``mapper._unknown_instances``).
ADDS_NOTHING_WHEN: MutableMapping[str, tuple[str, str]] = _Table(
    lambda: _TABLES.adds_nothing_when
)
#: The companion types (:data:`COMPANIONS`' keys), for ``LoadOptions.not_created_types``: the
#: loader asks it of a resource ``count`` makes 0, which loads that type's provider only.
COMPANION_TYPES: Set[str] = _Types(_TABLES.companions.keys)


def mapped_types() -> dict[str, list[str]]:
    """Mapped and companion types per provider prefix (for documentation and reports)."""
    out: dict[str, list[str]] = {}
    for name in sorted(set(MAPPINGS) | set(COMPANIONS)):
        out.setdefault(name.split("_", 1)[0], []).append(name)
    return out
