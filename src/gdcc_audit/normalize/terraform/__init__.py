"""Terraform → canonical resources, for providers aws, azurerm, google, huaweicloud, openstack.

Each provider module holds a table from resource type to a function returning
``(kind, Facets)`` (and companion functions for resources that configure another one);
:class:`TerraformMapper` dispatches on the type.
"""

from __future__ import annotations

from gdcc_audit.normalize.terraform.mapper import TerraformMapper

__all__ = ["TerraformMapper"]
