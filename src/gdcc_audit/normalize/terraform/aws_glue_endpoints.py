"""AWS Glue development endpoints in Terraform (``aws_glue_dev_endpoint``): read by
``normalize/glue_endpoints.py``, shared with CloudFormation. ``subnet_id`` and
``security_group_ids`` place it in the tenant's VPC (references the graph follows)."""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize import glue_endpoints
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext, may_be_unset

#: Why a development endpoint's public address is not known when its subnet may be null.
_MAYBE_NO_SUBNET = Text(
    en="subnet_id may be null, as a value not known before apply chooses: without a subnet "
    "Glue gives the endpoint a public IP address",
    th="subnet_id อาจเป็น null ตามค่าที่ไม่ทราบก่อน apply: หากไม่มี subnet Glue จะกำหนดหมายเลข IP "
    "สาธารณะให้ endpoint",
)


def dev_endpoint(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_glue_dev_endpoint`` (``normalize/glue_endpoints.py``): a ``subnet_id`` naming a
    resource places it in a VPC; one from an input without a value may be null (not known)."""
    subnet = r.values.get("subnet_id")
    if any(ref.attribute.split(".", 1)[0] == "subnet_id" for ref in r.references) and not (
        may_be_unset(r, "subnet_id")  # ``var.vpc ? aws_subnet.a.id : null``: maybe none
    ):
        subnet = "(a resource's id)"  # a managed resource's id is never null
    facets, defaults, unknown, because = glue_endpoints.read(subnet, "subnet_id")
    if facets.get("public_endpoint") is None and may_be_unset(r, "subnet_id"):
        unknown = {**unknown, "public_endpoint": _MAYBE_NO_SUBNET}
    for facet, default in defaults.items():
        ctx.note(r, facet, facets[facet], default)
    for facet, why in unknown.items():
        ctx.note(r, facet, None, unknown=why)
    for facet, why in because.items():
        ctx.note(r, facet, facets[facet], because=why)
    return "compute.instance", Facets(**facets)


MAPPINGS: dict[str, MapFn] = {glue_endpoints.TF_TYPE: dev_endpoint}
