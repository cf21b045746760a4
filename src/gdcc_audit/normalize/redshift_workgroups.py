"""Redshift Serverless, whatever the format: a namespace (the data, ``database.instance``) is
reached through the workgroups naming it. A workgroup that is publicly accessible "can be
accessed from a public network" (Redshift Serverless API, CreateWorkgroup
``publiclyAccessible``), so its namespace has a public endpoint (GDCC-NET-002). All its
workgroups saying no: not public. One not saying (no default is documented for the setting),
or one not known: not known; no workgroup in the scan: not known, saying so. The Terraform and
CloudFormation readers find the workgroups; :func:`namespace_endpoint` decides.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from gdcc_audit.models.common import Text


@dataclass(frozen=True)
class Endpoint:
    """A namespace's ``public_endpoint`` and why (``because`` when decided, ``unknown``
    when not)."""

    public: bool | None
    because: Text | None = None
    unknown: Text | None = None


def namespace_endpoint(
    workgroups: Mapping[str, bool | None], setting: str, workgroup_type: str, scope: Text
) -> Endpoint:
    """The endpoint of a namespace from what each workgroup naming it (by name) says of
    ``setting`` (``publicly_accessible``, ``PubliclyAccessible``); ``scope``: where they were
    looked for (``the scan``, ``the template``)."""
    if not workgroups:
        return Endpoint(None, unknown=Text(
            en=f"a Redshift Serverless namespace is reached through its workgroups "
            f"({workgroup_type} {setting}); none in {scope.en} names it",
            th=f"namespace ของ Redshift Serverless เข้าถึงได้ผ่าน workgroup "
            f"({setting} ของ {workgroup_type}) แต่ไม่มี workgroup ใน{scope.th}ที่ระบุ namespace นี้",
        ))
    public = ", ".join(name for name, flag in workgroups.items() if flag is True)
    if public:
        return Endpoint(True, because=Text(
            en=f"{public} can be accessed from a public network ({setting})",
            th=f"{public} เข้าถึงได้จากเครือข่ายสาธารณะ ({setting})",
        ))
    doubtful = ", ".join(name for name, flag in workgroups.items() if flag is None)
    if doubtful:
        return Endpoint(None, unknown=Text(
            en=f"{setting} of {doubtful} is not written or not known (no documented default)",
            th=f"ไม่ได้กำหนดหรือไม่ทราบค่า {setting} ของ {doubtful} (ไม่มีค่าเริ่มต้นที่ระบุในเอกสาร)",
        ))
    return Endpoint(False)
