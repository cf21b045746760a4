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
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.extras import ExtraFn
from gdcc_audit.normalize.terraform.values import flag

NAMESPACE = "aws_redshiftserverless_namespace"
WORKGROUP = "aws_redshiftserverless_workgroup"

_NO_WORKGROUP = Text(
    en="a Redshift Serverless namespace is reached through its workgroups "
    "(aws_redshiftserverless_workgroup publicly_accessible); none in the scan names it",
    th="namespace ของ Redshift Serverless เข้าถึงได้ผ่าน workgroup "
    "(publicly_accessible ของ aws_redshiftserverless_workgroup) "
    "แต่ไม่มี workgroup ในการสแกนที่ระบุ namespace นี้",
)


def _not_written(names: list[str]) -> Text:
    listed = ", ".join(names)
    return Text(
        en=f"publicly_accessible of {listed} is not written or not known (no documented default)",
        th=f"ไม่ได้กำหนดหรือไม่ทราบค่า publicly_accessible ของ {listed} (ไม่มีค่าเริ่มต้นที่ระบุในเอกสาร)",
    )


def namespace_endpoint(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``public_endpoint`` of a namespace from the workgroups naming it (module docstring)."""
    certain, maybe = ctx.naming(ctx.by_type.get(WORKGROUP, ()), "namespace_name", [NAMESPACE], r)
    if not certain and not maybe:
        ctx.note(r, "public_endpoint", None, unknown=_NO_WORKGROUP)
        return {"public_endpoint": None}
    public = [w.address for w in certain if flag(w.values, "publicly_accessible", None) is True]
    if public:
        why = Text(
            en=f"{', '.join(public)} can be accessed from a public network (publicly_accessible)",
            th=f"{', '.join(public)} เข้าถึงได้จากเครือข่ายสาธารณะ (publicly_accessible)",
        )
        ctx.note(r, "public_endpoint", True, because=why)
        return {"public_endpoint": True}
    doubtful = [
        w.address for w in certain if flag(w.values, "publicly_accessible", None) is not False
    ] + [w.address for w in maybe]
    if doubtful:
        ctx.note(r, "public_endpoint", None, unknown=_not_written(doubtful))
        return {"public_endpoint": None}
    return {"public_endpoint": False}


EXTRAS: dict[str, ExtraFn] = {NAMESPACE: namespace_endpoint}
