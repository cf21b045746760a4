"""AWS Glue development endpoints in Terraform (``aws_glue_dev_endpoint``): read by
``normalize/glue_endpoints.py``, shared with CloudFormation. ``subnet_id`` and
``security_group_ids`` place it in the tenant's VPC (references the graph follows)."""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize import glue_endpoints
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext


def dev_endpoint(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_glue_dev_endpoint`` (``normalize/glue_endpoints.py``): a ``subnet_id`` naming a
    resource places it in a VPC; one from an input without a value may be null (not known)."""
    subnet = r.values.get("subnet_id")
    if any(ref.attribute.split(".", 1)[0] == "subnet_id" for ref in r.references):
        subnet = "(a resource's id)"  # a managed resource's id is never null
    facets, defaults, unknown, because = glue_endpoints.read(subnet, "subnet_id")
    for facet, default in defaults.items():
        ctx.note(r, facet, facets[facet], default)
    for facet, why in unknown.items():
        ctx.note(r, facet, None, unknown=why)
    for facet, why in because.items():
        ctx.note(r, facet, facets[facet], because=why)
    return "compute.instance", Facets(**facets)


MAPPINGS: dict[str, MapFn] = {glue_endpoints.TF_TYPE: dev_endpoint}
