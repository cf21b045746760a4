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
from gdcc_audit.models.resource import DefaultedFacet
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.values import ResourceRef, as_bool
from gdcc_audit.normalize.redshift_workgroups import (
    LOG_EXPORTS_DOC,
    SERVERLESS_IAM,
    access_logged,
    namespace_endpoint,
)

NAMESPACE = "AWS::RedshiftServerless::Namespace"
WORKGROUP = "AWS::RedshiftServerless::Workgroup"

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
        found = namespace_endpoint(
            mine, "PubliclyAccessible", WORKGROUP, Text(en="the template", th="เทมเพลต")
        )
        _namespace_facts(item)
        item.mapped.facets["public_endpoint"] = found.public
        if found.because is not None:
            item.mapped.because["public_endpoint"] = found.because
        if found.unknown is not None:
            item.mapped.unknown["public_endpoint"] = found.unknown


def _namespace_facts(item: Pending) -> None:
    """IAM sign-in on every namespace (``SERVERLESS_IAM``: GDCC-DB-001 was UNKNOWN) and its
    audit logs (``LogExports`` holding the connection or user activity log; none exported
    unless written: GDCC-DATA-004 was UNKNOWN)."""
    mapped = item.mapped
    mapped.facets["directory_auth"] = True
    mapped.because["directory_auth"] = SERVERLESS_IAM
    exports = item.props.get("LogExports")
    mapped.facets["access_logging"] = access_logged(exports if exports is not None else [])
    if exports is None:
        mapped.defaults["access_logging"] = DefaultedFacet(
            attribute="LogExports", doc=LOG_EXPORTS_DOC
        )
