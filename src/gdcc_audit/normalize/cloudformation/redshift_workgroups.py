"""Redshift Serverless in CloudFormation (as ``normalize/terraform/redshift_workgroups.py``): an
``AWS::RedshiftServerless::Namespace`` is reached through the ``AWS::RedshiftServerless::
Workgroup`` resources naming it (``NamespaceName``: a ``Ref`` to it, or its literal
``NamespaceName``). ``PubliclyAccessible: true`` on one makes the namespace's endpoint public
(GDCC-NET-002; was UNKNOWN); all false: not public; one not writing it: not known (no
documented default); none in the template: not known, saying so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.values import ResourceRef, as_bool

NAMESPACE = "AWS::RedshiftServerless::Namespace"
WORKGROUP = "AWS::RedshiftServerless::Workgroup"

_NO_WORKGROUP = Text(
    en="a Redshift Serverless namespace is reached through its workgroups "
    "(AWS::RedshiftServerless::Workgroup PubliclyAccessible); none in the template names it",
    th="namespace ของ Redshift Serverless เข้าถึงได้ผ่าน workgroup "
    "(PubliclyAccessible ของ AWS::RedshiftServerless::Workgroup) "
    "แต่ไม่มี workgroup ในเทมเพลตที่ระบุ namespace นี้",
)


def _names(namespace: Pending, value: Any) -> bool:
    """Whether a workgroup's ``NamespaceName`` names ``namespace``."""
    if isinstance(value, ResourceRef):
        return value.target == namespace.logical_id
    return isinstance(value, str) and value == namespace.props.get("NamespaceName")


def link_workgroups(
    items: list[Pending], workgroups: Mapping[str, tuple[str, dict[str, Any]]]
) -> None:
    """Set each namespace's ``public_endpoint`` from its workgroups (``workgroups``:
    ``mapper.template_resources`` of :data:`WORKGROUP`)."""
    for item in items:
        if item.provider_type != NAMESPACE:
            continue
        mine = {
            logical_id: as_bool(props.get("PubliclyAccessible"))
            for logical_id, (_, props) in workgroups.items()
            if _names(item, props.get("NamespaceName"))
        }
        mapped = item.mapped
        if not mine:
            mapped.facets["public_endpoint"] = None
            mapped.unknown["public_endpoint"] = _NO_WORKGROUP
            continue
        public = [name for name, flag in mine.items() if flag is True]
        doubtful = [name for name, flag in mine.items() if flag is None]
        if public:
            mapped.facets["public_endpoint"] = True
            mapped.because["public_endpoint"] = Text(
                en=f"{', '.join(public)} can be accessed from a public network "
                "(PubliclyAccessible)",
                th=f"{', '.join(public)} เข้าถึงได้จากเครือข่ายสาธารณะ (PubliclyAccessible)",
            )
        elif doubtful:
            mapped.facets["public_endpoint"] = None
            mapped.unknown["public_endpoint"] = Text(
                en=f"PubliclyAccessible of {', '.join(doubtful)} is not written or not known "
                "(no documented default)",
                th=f"ไม่ได้กำหนดหรือไม่ทราบค่า PubliclyAccessible ของ {', '.join(doubtful)} "
                "(ไม่มีค่าเริ่มต้นที่ระบุในเอกสาร)",
            )
        else:
            mapped.facets["public_endpoint"] = False
