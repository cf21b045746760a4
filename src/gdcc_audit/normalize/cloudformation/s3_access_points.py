"""``AWS::S3::AccessPoint`` folded into its bucket of the template (GDCC-DATA-001): anyone
reads the bucket's data through an access point whose ``Policy`` is public, whose
``PublicAccessBlockConfiguration`` turns ``BlockPublicPolicy`` and ``RestrictPublicBuckets``
off (all four settings are on by default for access points), without ``VpcConfiguration``,
when a bucket policy of the template delegates to access points
(``normalize.s3_access_points``). The bucket's own ``RestrictPublicBuckets`` covers its access
points too. An access point whose bucket the template does not create is not judged."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.models.resource import Reference
from gdcc_audit.normalize import s3_access_points as points
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.policy import analyse, policy_document
from gdcc_audit.normalize.cloudformation.values import ResourceRef, as_bool, as_list, dig

ACCESS_POINT = "AWS::S3::AccessPoint"
_BUCKET = "AWS::S3::Bucket"
_POLICY = "AWS::S3::BucketPolicy"


def _setting(props: Mapping[str, Any], name: str) -> bool | None:
    """A Block Public Access setting of the access point: on unless written off."""
    value = dig(props, "PublicAccessBlockConfiguration", name)
    return True if value is None else as_bool(value)


def _names(item: Pending, bucket: Pending) -> bool:
    """Whether a bucket policy or access point names ``bucket`` (``Ref`` or its name)."""
    written = item.props.get("Bucket")
    if isinstance(written, ResourceRef):
        return written.target == bucket.logical_id
    return isinstance(written, str) and written == bucket.props.get("BucketName")


def _delegation(bucket: Pending, items: list[Pending]) -> bool | None:
    """Whether a bucket policy of the template naming ``bucket`` delegates to access points."""
    verdict: bool | None = False
    for policy in items:
        if policy.provider_type != _POLICY or not _names(policy, bucket):
            continue
        document = policy_document(policy.props.get("PolicyDocument"))
        statements = (
            as_list(document.get("Statement")) if isinstance(document, Mapping) else None
        )
        said = points.delegates(statements)
        if said is True:
            return True
        if said is None:
            verdict = None
    return verdict


def fold_access_points(items: list[Pending]) -> list[Pending]:
    """``items`` without the access points folded into their bucket of the template (one whose
    bucket the template does not create stays, not judged)."""
    buckets = [item for item in items if item.provider_type == _BUCKET]
    kept: list[Pending] = []
    for item in items:
        if item.provider_type != ACCESS_POINT:
            kept.append(item)
            continue
        bucket = next((b for b in buckets if _names(item, b)), None)
        if bucket is None:
            kept.append(item)
        else:
            _fold(item, bucket, items)
    return kept


def _fold(point: Pending, bucket: Pending, items: list[Pending]) -> None:
    """What the access point ``point`` opens of ``bucket``'s data, onto the bucket."""
    props = point.props
    vpc = props.get("VpcConfiguration")
    public = points.through(
        points.access_point_public(
            analyse(props.get("Policy")).public if props.get("Policy") is not None else False,
            _setting(props, "BlockPublicPolicy"),
            _setting(props, "RestrictPublicBuckets"),
            None if vpc is not None and not isinstance(vpc, Mapping) else bool(vpc),
        ),
        _delegation(bucket, items),
    )
    restrict = as_bool(dig(bucket.props, "PublicAccessBlockConfiguration", "RestrictPublicBuckets"))
    facets = bucket.mapped.facets
    if public is not False and restrict is not True:
        current = facets.get("public_access")
        facets["public_access"] = True if public is True or current is True else None
        facets["public_grants"] = (
            *(facets.get("public_grants") or ()), *points.grant(point.logical_id, public)
        )
    bucket.references.append(Reference(target=point.logical_id, attribute="access_point"))
    bucket.merged_from.append(point.logical_id)
