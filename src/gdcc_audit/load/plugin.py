"""Built-in loaders, registered as a plugin."""

from __future__ import annotations

from gdcc_audit.hookspecs import hookimpl
from gdcc_audit.load.cloudformation import CloudFormationLoader
from gdcc_audit.load.heat import HeatLoader
from gdcc_audit.load.interface import Loader
from gdcc_audit.load.kubernetes import KubernetesLoader
from gdcc_audit.load.manifest import ManifestLoader
from gdcc_audit.load.terraform import TerraformLoader
from gdcc_audit.load.tfplan import TerraformPlanLoader


@hookimpl
def register_loaders() -> list[Loader]:
    """Every built-in loader: tenant manifest, Terraform HCL and plan JSON, CloudFormation,
    Heat and Kubernetes (a YAML/JSON file goes to the first loader that recognises it).

    Waiver files are claimed by ``gdcc_audit.govern.plugin``, registered later and so asked first.
    """
    return [
        ManifestLoader(),
        TerraformLoader(),
        TerraformPlanLoader(),
        CloudFormationLoader(),
        HeatLoader(),
        KubernetesLoader(),
    ]
