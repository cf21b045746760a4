"""Redshift Serverless: a namespace (the data, ``database.instance``) is reached through the
workgroups naming it (``aws_redshiftserverless_workgroup``: its endpoint, subnets and security
groups). A workgroup with ``publicly_accessible = true`` "can be accessed from a public
network" (Redshift Serverless API, CreateWorkgroup ``publiclyAccessible``), so its namespace
has a public endpoint (GDCC-NET-002); the namespace was UNKNOWN whatever its workgroups said.
All its workgroups writing false: not public. A workgroup that does not write it, or one of
several a value not known chooses, leaves it not known (no default is documented for the
argument); no workgroup in the scan: not known, saying so.
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.redshift_workgroups import namespace_endpoint as endpoint
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.extras import ExtraFn
from gdcc_audit.normalize.terraform.values import flag

NAMESPACE = "aws_redshiftserverless_namespace"
WORKGROUP = "aws_redshiftserverless_workgroup"

def namespace_endpoint(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``public_endpoint`` of a namespace from the workgroups naming it (module docstring);
    one of several a value not known chooses says nothing known."""
    certain, maybe = ctx.naming(ctx.by_type.get(WORKGROUP, ()), "namespace_name", [NAMESPACE], r)
    said: dict[str, bool | None] = {
        w.address: flag(w.values, "publicly_accessible", None) for w in certain
    }
    said.update({w.address: None for w in maybe if w.address not in said})
    found = endpoint(said, "publicly_accessible", WORKGROUP, Text(en="the scan", th="การสแกน"))
    ctx.note(r, "public_endpoint", found.public, because=found.because, unknown=found.unknown)
    return {"public_endpoint": found.public}


EXTRAS: dict[str, ExtraFn] = {NAMESPACE: namespace_endpoint}
