"""The type tables of every provider module, merged: type -> mapping / companion function."""

from __future__ import annotations

from gdcc_audit.normalize.terraform import (
    aws_compute,
    aws_identity,
    aws_logging,
    aws_network,
    aws_storage,
    azurerm,
    google,
    huaweicloud,
    openstack,
)
from gdcc_audit.normalize.terraform.context import CompanionFn, MapFn

_MODULES = (
    aws_storage,
    aws_compute,
    aws_network,
    aws_identity,
    aws_logging,
    azurerm,
    google,
    huaweicloud,
    openstack,
)

MAPPINGS: dict[str, MapFn] = {}
COMPANIONS: dict[str, CompanionFn] = {}
#: Companion types that are mapped as resources of their own as well.
ALSO_MAPPED: frozenset[str] = frozenset().union(
    *(getattr(module, "ALSO_MAPPED", frozenset()) for module in _MODULES)
)
for _module in _MODULES:
    MAPPINGS.update(_module.MAPPINGS)
    COMPANIONS.update(getattr(_module, "COMPANIONS", {}))


def mapped_types() -> dict[str, list[str]]:
    """Mapped and companion types per provider prefix (for documentation and reports)."""
    out: dict[str, list[str]] = {}
    for name in sorted(set(MAPPINGS) | set(COMPANIONS)):
        out.setdefault(name.split("_", 1)[0], []).append(name)
    return out
