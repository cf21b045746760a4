"""Terraform → canonical resources, for providers aws, azurerm, google, huaweicloud, openstack.

Each provider module holds a table from resource type to a function returning
``(kind, Facets)`` (and companion functions for resources that configure another one);
:class:`TerraformMapper` dispatches on the type. It is imported on first use: other stages
read single modules of this package (``aks_pools``, ``policy`` ...), which must not import
every provider's table with them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gdcc_audit.normalize.terraform.mapper import TerraformMapper

__all__ = ["TerraformMapper"]


def __getattr__(name: str) -> Any:
    if name == "TerraformMapper":
        from gdcc_audit.normalize.terraform.mapper import TerraformMapper

        return TerraformMapper
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
