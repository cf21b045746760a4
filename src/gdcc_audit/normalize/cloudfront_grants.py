"""Why a bucket policy that lets no one else in grants only CloudFront: the reason a PASS of
GDCC-DATA-001 gives, for CloudFormation (``normalize.cloudformation.cloudfront_grants``) and
Terraform (``normalize.terraform.aws_storage``).

A static site's bucket policy names CloudFront, never everyone: an origin access identity
("a special CloudFront user", ``arn:aws:iam::cloudfront:user/CloudFront Origin Access
Identity E...``, or its canonical user id), or, with origin access control, the
``cloudfront.amazonaws.com`` service limited to one distribution by an ``AWS:SourceArn``
condition (CloudFront developer guide, private-content-restricting-access-to-s3.html).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from gdcc_audit.models.common import Text

#: An origin access identity's ARN; its partition and id may be written as anything but a
#: wildcard (a placeholder for a value AWS assigns, a CloudFormation ``${OAI}``).
OAI_ARN = re.compile(r"^arn:[^:*]+:iam::cloudfront:user/CloudFront Origin Access Identity [^*]+$")
SERVICE = "cloudfront.amazonaws.com"


def source_arn(condition: Any) -> bool:
    """Whether a condition limits the caller to a source ARN (``AWS:SourceArn``)."""
    if not isinstance(condition, Mapping):
        return False
    return any(
        isinstance(keys, Mapping) and any(
            isinstance(k, str) and k.lower() == "aws:sourcearn" for k in keys
        )
        for keys in condition.values()
    )


def grantee(
    statement: Any, listed: Callable[[Any], list[Any]], oai: Callable[[Any], bool]
) -> str | None:
    """``identity`` or ``distribution`` for an Allow statement naming only CloudFront; ``deny``
    for a Deny (it only narrows); None for anything else. ``listed``: a principal's values as
    a list (empty when not readable); ``oai``: whether one names an origin access identity."""
    if not isinstance(statement, Mapping):
        return None
    effect = statement.get("Effect")
    if isinstance(effect, str) and effect.lower() == "deny":
        return "deny"
    principal = statement.get("Principal")
    if not (isinstance(effect, str) and effect.lower() == "allow"):
        return None
    if not isinstance(principal, Mapping) or len(principal) != 1:
        return None
    (key, value), = principal.items()
    values = listed(value)
    if not values:
        return None
    if key in ("AWS", "CanonicalUser") and all(oai(v) for v in values):
        return "identity"
    if key == "Service" and all(v == SERVICE for v in values) and source_arn(
        statement.get("Condition")
    ):
        return "distribution"
    return None


def reason(found: Iterable[str | None], where: str) -> Text | None:
    """The PASS's reason for the statements' ``grantee`` values of the bucket policy in
    ``where``: None when one names anyone else or none names CloudFront."""
    found = list(found)
    if not found or None in found or not {"identity", "distribution"} & set(found):
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
