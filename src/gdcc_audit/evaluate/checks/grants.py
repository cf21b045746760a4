"""Who a resource lets in, judged from its grants: one verdict shape for every check that
reads ``public_access`` where its type's grants are read (``public_grants`` is not None).
The engine names the deciding grants in a FAIL or UNKNOWN (``granted_by``)."""

from __future__ import annotations

from gdcc_audit.evaluate.rule import Outcome, failed, not_applicable, passed, unknown
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Resource


def grants_verdict(resource: Resource, not_read: Text, not_known: Text, open_to: Text) -> Outcome:
    """NOT_APPLICABLE (``not_read``) where the type's grants are not read, UNKNOWN
    (``not_known``) when who is let in is not known, FAIL (``open_to``) when everyone is,
    else PASS."""
    if resource.facets.public_grants is None:
        return not_applicable(not_read)
    public = resource.facets.public_access
    if public is None:
        return unknown(not_known, public_access=None)
    if public:
        return failed(open_to, public_access=True)
    return passed(public_access=False)
