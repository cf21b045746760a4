"""Built-in mappers, registered as a plugin."""

from __future__ import annotations

from gdcc_audit.hookspecs import hookimpl
from gdcc_audit.normalize.cloudformation.mapper import CloudFormationMapper
from gdcc_audit.normalize.gdcc import GdccMapper
from gdcc_audit.normalize.heat.mapper import HeatMapper
from gdcc_audit.normalize.interface import Mapper
from gdcc_audit.normalize.kubernetes.mapper import KubernetesMapper
from gdcc_audit.normalize.terraform import TerraformMapper


@hookimpl
def register_mappers() -> list[Mapper]:
    """Every built-in mapper: tenant manifest, Terraform (aws, azurerm, google, huaweicloud,
    openstack), CloudFormation, Heat and Kubernetes."""
    return [
        GdccMapper(),
        TerraformMapper(),
        CloudFormationMapper(),
        HeatMapper(),
        KubernetesMapper(),
    ]
