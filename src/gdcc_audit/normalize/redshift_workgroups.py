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
from typing import Any

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


#: Why a Redshift Serverless namespace PASSes GDCC-DB-001 whatever it writes: GetCredentials
#: "Returns a database user name and temporary password with temporary authorization to log
#: in to Amazon Redshift Serverless" for an IAM identity allowed ``redshift-serverless:
#: GetCredentials`` (Redshift Serverless API Reference, API_GetCredentials.html); no namespace
#: or workgroup setting turns it on or off (provisioned clusters: ``db_tls.REDSHIFT_IAM``).
SERVERLESS_IAM = Text(
    en="Redshift Serverless issues temporary database credentials to IAM identities "
    "(GetCredentials) on every workgroup; no setting turns it off",
    th="Redshift Serverless ออกข้อมูลรับรองฐานข้อมูลชั่วคราวให้ตัวตน IAM (GetCredentials) "
    "ในทุก workgroup โดยไม่มีค่าใดปิดได้",
)
#: The namespace's audit logs: "connectionlog" (authentication attempts, connections and
#: disconnections) and "useractivitylog" (each query) record access; "userlog" (changes to
#: database users) alone does not. None exported unless written (Redshift Management Guide,
#: "Audit logging for Amazon Redshift Serverless", serverless-audit-logging.html).
LOG_EXPORTS_DOC = "https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-audit-logging.html"
_ACCESS_LOGS = frozenset({"connectionlog", "useractivitylog"})


def access_logged(exports: Any) -> bool | None:
    """Whether a namespace's ``log_exports`` / ``LogExports`` record access: True when it
    exports the connection or user activity log, False when the list is known without them,
    None when not known (an item not known may be either)."""
    if not isinstance(exports, list | tuple):
        return None
    names = {item for item in exports if isinstance(item, str)}
    if names & _ACCESS_LOGS:
        return True
    return False if len(names) == len(exports) else None
