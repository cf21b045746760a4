"""Why a CloudFormation bucket policy that lets no one else in grants only CloudFront: the
reason a PASS of GDCC-DATA-001 gives (``Mapped.because``; the reading is
``normalize.cloudfront_grants``). An origin access identity is named by its ARN (written,
or ``Fn::Sub`` with pseudo parameters and the identity's ``Ref``), its ``S3CanonicalUserId``
or a ``Ref`` / ``GetAtt`` of an ``AWS::CloudFront::CloudFrontOriginAccessIdentity``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.normalize import cloudfront_grants as grants
from gdcc_audit.normalize.cloudformation.policy import policy_document
from gdcc_audit.normalize.cloudformation.values import PartialText, ResourceRef, as_list

OAI_TYPE = "AWS::CloudFront::CloudFrontOriginAccessIdentity"


def _oai(value: Any, types: Mapping[str, str]) -> bool:
    """An origin access identity's ARN (written, with pseudo parameters) or canonical user."""
    if isinstance(value, ResourceRef):  # S3CanonicalUserId: an origin access identity's only
        return value.attribute == "S3CanonicalUserId" or types.get(value.target) == OAI_TYPE
    text = value.shape() if isinstance(value, PartialText) else value
    return isinstance(text, str) and grants.OAI_ARN.match(text) is not None


def _listed(value: Any) -> list[Any]:
    return [value] if isinstance(value, ResourceRef) else (as_list(value) or [])


def cloudfront_only(document: Any, types: Mapping[str, str], where: str) -> Text | None:
    """Why the bucket policy ``document`` (in resource ``where``) lets in only CloudFront, or
    None when it names anyone else or cannot be read. ``types``: logical id -> type."""
    document = policy_document(document)
    statements = as_list(document.get("Statement")) if isinstance(document, Mapping) else None
    if not statements:
        return None
    oai = partial(_oai, types=types)
    return grants.reason((grants.grantee(s, _listed, oai) for s in statements), where)
