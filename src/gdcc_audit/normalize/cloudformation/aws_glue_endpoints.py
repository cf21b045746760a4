"""AWS Glue development endpoints in CloudFormation (``AWS::Glue::DevEndpoint``), read as
Terraform's ``aws_glue_dev_endpoint`` (``normalize/glue_endpoints.py``)."""

from __future__ import annotations

from typing import Any

from gdcc_audit.normalize import glue_endpoints
from gdcc_audit.normalize.cloudformation.types import Mapped


def dev_endpoint(props: dict[str, Any]) -> Mapped:
    """``AWS::Glue::DevEndpoint`` (``normalize/glue_endpoints.py``): a ``SubnetId`` written,
    even from a parameter, places it in a VPC (a parameter always has a value)."""
    facets, defaults, unknown, because = glue_endpoints.read(
        props.get("SubnetId"), "SubnetId"
    )
    if props.get("SubnetId") not in (None, ""):
        facets["public_endpoint"] = False
    return Mapped("compute.instance", facets, defaults=defaults, unknown=unknown,
                  because=because)


TYPES = {glue_endpoints.CFN_TYPE: dev_endpoint}
