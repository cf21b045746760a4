"""Why a bucket policy that lets no one else in grants only CloudFront: the reason a PASS of
GDCC-DATA-001 gives (``Mapped.because``).

A static site's bucket policy names CloudFront, never everyone: an origin access identity
("a special CloudFront user", ``arn:aws:iam::cloudfront:user/CloudFront Origin Access
Identity E...``, or its ``S3CanonicalUserId``), or, with origin access control, the
``cloudfront.amazonaws.com`` service limited to one distribution by an ``AWS:SourceArn``
condition (CloudFront developer guide, private-content-restricting-access-to-s3.html). Such
a policy already PASSed; the finding now says who it lets in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.normalize.cloudformation.policy import policy_document
from gdcc_audit.normalize.cloudformation.values import PartialText, ResourceRef, as_list

OAI_TYPE = "AWS::CloudFront::CloudFrontOriginAccessIdentity"
_OAI_ARN = re.compile(
    r"^arn:[^:]+:iam::cloudfront:user/CloudFront Origin Access Identity [A-Z0-9]+$"
)
_SERVICE = "cloudfront.amazonaws.com"


def _oai(value: Any, types: Mapping[str, str]) -> bool:
    """An origin access identity's ARN (written, with pseudo parameters) or canonical user."""
    if isinstance(value, ResourceRef):  # S3CanonicalUserId: an origin access identity's only
        return value.attribute == "S3CanonicalUserId" or types.get(value.target) == OAI_TYPE
    text = value.shape() if isinstance(value, PartialText) else value
    return isinstance(text, str) and _OAI_ARN.match(text) is not None


def _source_arn(condition: Any) -> bool:
    """Whether a condition limits the caller to a source ARN (``AWS:SourceArn``)."""
    if not isinstance(condition, Mapping):
        return False
    return any(
        isinstance(keys, Mapping) and any(
            isinstance(k, str) and k.lower() == "aws:sourcearn" for k in keys
        )
        for keys in condition.values()
    )


def _grantee(statement: Any, types: Mapping[str, str]) -> str | None:
    """``identity`` or ``distribution`` for an Allow statement naming only CloudFront; ``deny``
    for a Deny (it only narrows); None for anything else."""
    if not isinstance(statement, Mapping):
        return None
    if statement.get("Effect") == "Deny":
        return "deny"
    principal = statement.get("Principal")
    if statement.get("Effect") != "Allow" or not isinstance(principal, Mapping):
        return None
    if len(principal) != 1:
        return None
    (key, value), = principal.items()
    listed = [value] if isinstance(value, ResourceRef) else as_list(value)
    if not listed:
        return None
    if key in ("AWS", "CanonicalUser") and all(_oai(v, types) for v in listed):
        return "identity"
    if (
        key == "Service"
        and all(v == _SERVICE for v in listed)
        and _source_arn(statement.get("Condition"))
    ):
        return "distribution"
    return None


def cloudfront_only(document: Any, types: Mapping[str, str], where: str) -> Text | None:
    """Why the bucket policy ``document`` (in resource ``where``) lets in only CloudFront, or
    None when it names anyone else or cannot be read. ``types``: logical id -> type."""
    document = policy_document(document)
    statements = as_list(document.get("Statement")) if isinstance(document, Mapping) else None
    if not statements:
        return None
    found = [_grantee(s, types) for s in statements]
    if None in found or not {"identity", "distribution"} & set(found):
        return None
    whom = []
    if "identity" in found:
        whom.append(
            ("a CloudFront origin access identity", "origin access identity ของ CloudFront")
        )
    if "distribution" in found:
        whom.append((
            "the CloudFront service for one distribution (AWS:SourceArn)",
            "บริการ CloudFront สำหรับ distribution เดียว (AWS:SourceArn)",
        ))
    return Text(
        en=f"its bucket policy ({where}) grants access only to "
        + " and ".join(en for en, _ in whom),
        th=f"นโยบาย bucket ({where}) ให้สิทธิ์เฉพาะ " + " และ ".join(th for _, th in whom),
    )
