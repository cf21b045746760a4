"""Amazon SageMaker notebook instances in Terraform (``aws_sagemaker_notebook_instance``):
read by ``normalize/sagemaker.py``, shared with CloudFormation. Its ``subnet_id`` and
``security_groups`` place it in the tenant's VPC (references the graph follows)."""

from __future__ import annotations

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize import sagemaker
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.values import block

_NAMES = (
    "direct_internet_access",
    "instance_metadata_service_configuration.minimum_instance_metadata_service_version",
    "lifecycle_config_name",
    "root_access",
)


def notebook_instance(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_sagemaker_notebook_instance`` (``normalize/sagemaker.py``)."""
    v = r.values
    imds = block(v, "instance_metadata_service_configuration")
    version = (
        UNKNOWN if imds is None
        else imds.get("minimum_instance_metadata_service_version")
    )
    found = sagemaker.read(
        v.get("direct_internet_access"), version, v.get("kms_key_id"),
        v.get("lifecycle_config_name"), v.get("root_access"), _NAMES,
    )
    for facet, default in found.defaults.items():
        ctx.note(r, facet, found.facets[facet], default)
    for facet, why in found.unknown.items():
        ctx.note(r, facet, None, unknown=why)
    for facet, why in found.because.items():
        ctx.note(r, facet, found.facets[facet], because=why)
    return "compute.instance", Facets(**found.facets)


MAPPINGS: dict[str, MapFn] = {sagemaker.TF_TYPE: notebook_instance}
