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
from gdcc_audit.models.resource import DefaultedFacet
from gdcc_audit.normalize.redshift_workgroups import (
    LOG_EXPORTS_DOC,
    SERVERLESS_IAM,
    access_logged,
)
from gdcc_audit.normalize.redshift_workgroups import namespace_endpoint as endpoint
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.extras import ExtraFn
from gdcc_audit.normalize.terraform.values import flag

NAMESPACE = "aws_redshiftserverless_namespace"
WORKGROUP = "aws_redshiftserverless_workgroup"

def namespace_facts(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """A namespace's public endpoint (:func:`namespace_endpoint`), IAM sign-in (on every
    namespace: ``SERVERLESS_IAM``, GDCC-DB-001 was UNKNOWN) and audit logs (``log_exports``
    holding the connection or user activity log; none exported unless written: GDCC-DATA-004
    was UNKNOWN)."""
    ctx.note(r, "directory_auth", True, because=SERVERLESS_IAM)
    exports = r.values.get("log_exports")
    logged = access_logged(exports if exports is not None else [])
    if exports is None:
        ctx.note(r, "access_logging", False, DefaultedFacet(
            attribute="log_exports", doc=LOG_EXPORTS_DOC
        ))
    return {
        **namespace_endpoint(r, ctx),
        "directory_auth": True,
        "access_logging": logged,
    }


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


EXTRAS: dict[str, ExtraFn] = {NAMESPACE: namespace_facts}
