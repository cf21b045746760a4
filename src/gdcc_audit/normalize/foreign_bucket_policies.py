"""A CloudFormation bucket policy folded into the bucket another template of the scan creates.

A template's ``AWS::S3::BucketPolicy`` whose ``Bucket`` is not one of its own buckets was
judged alone, as the bucket it opens (``cloudformation.mapper._bucket_grant_alone``): right
for a bucket outside the scan, but when another template of the scan creates that bucket (a
parent passing ``!Ref Data`` to a nested stack, an ``Fn::ImportValue`` of its exported name,
a Systems Manager parameter holding it, or the bucket's literal ``BucketName``), the bucket
PASSed GDCC-DATA-001 beside the policy's FAIL: a wrong PASS. Templates are mapped one by one,
so the policy's template writes what the policy does to a bucket (:data:`FOREIGN_BUCKET`,
judged there as for a bucket of its own) and this step, once every template is mapped, gives
it to the bucket it names, as the mapper does within one template
(``cloudformation.mapper._bucket_policy_grant``, ``_carry_transit``): the policy then stays
an ``identity.policy``. A bucket not found in the scan, or a name two buckets of the scan
write, keeps the policy judged alone.

Bucket names are unique in a partition ("Bucket names must be unique across all AWS accounts
in all the AWS Regions within a partition", Amazon S3 user guide, bucketnamingrules.html):
a literal name matches one bucket of the scan's tenant whoever deploys it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import ONLY_WITH, Resource, Variant
from gdcc_audit.normalize.variants import AS_WRITTEN, with_variants

#: ``Resource.attributes`` key of a CloudFormation bucket policy whose bucket its template
#: does not create: what it does to a bucket (the mapper's reading, as a mapping with keys
#: ``bucket`` (the canonical id it names) or ``name`` (the literal bucket name), ``public``,
#: ``why``, ``only``, ``transit``, ``facets``: see :func:`fold`).
FOREIGN_BUCKET = "cloudformation_foreign_bucket"
_BUCKET = "AWS::S3::Bucket"


def fold(resources: Sequence[Resource]) -> list[Resource]:
    """``resources`` with each bucket policy marked :data:`FOREIGN_BUCKET` folded into the
    bucket of the scan it names; the mark is removed either way. Without any mark, the same
    list (the same objects)."""
    marked = [r for r in resources if FOREIGN_BUCKET in r.attributes]
    if not marked:
        return list(resources)
    by_id = {r.id: r for r in resources if r.provider_type == _BUCKET}
    named: dict[tuple[str | None, str], list[str]] = {}
    for bucket in by_id.values():
        name = bucket.attributes.get("BucketName")
        if isinstance(name, str):
            named.setdefault((bucket.tenant, name), []).append(bucket.id)
    changed: dict[str, Resource] = {}
    for policy in marked:
        grant: Mapping[str, Any] = policy.attributes[FOREIGN_BUCKET]
        attributes = {k: v for k, v in policy.attributes.items() if k != FOREIGN_BUCKET}
        target = _target(grant, policy.tenant, by_id, named)
        if target is None:  # judged alone, as before
            changed[policy.id] = policy.model_copy(update={"attributes": attributes})
            continue
        bucket = changed.get(target, by_id[target])
        changed[target] = _folded(bucket, policy, grant)
        changed[policy.id] = _as_policy(policy)
    return [changed.get(r.id, r) for r in resources]


#: What a grant says of its bucket (the rest, ``facets``, is the policy's own).
_OF_BUCKET = ("public", "why", "only", "transit")


def _folded(bucket: Resource, policy: Resource, grant: Mapping[str, Any]) -> Resource:
    """``bucket`` with the grant of ``policy``: when the policy's template is read several
    ways (``Resource.variants``: a parameter's allowed values) whose grants differ, the bucket
    is judged with each (the same variants, as within one template: "FAIL with Mode = 'open';
    PASS with Mode = 'closed'"), or, when the bucket has variants of its own, not known."""
    if ONLY_WITH in policy.attributes:
        return _alternatives(bucket, policy)
    read = [v.resource.attributes.get(FOREIGN_BUCKET) for v in policy.variants]
    grants: list[Mapping[str, Any]] = [g for g in read if isinstance(g, Mapping)]
    if len(grants) == len(read) and all(_same(g, grant) for g in grants):
        return _with_grant(bucket, grant, policy)
    if bucket.variants or len(grants) != len(read):
        return _with_grant(bucket, _not_known(grant, policy), policy)
    variants = [
        v.model_copy(update={"resource": _with_grant(bucket, g, policy)})
        for v, g in zip(policy.variants, grants, strict=True)
    ]
    deciding = [v for v in variants if v.role != "alternative"]
    first = deciding[0].resource if deciding else _with_grant(bucket, grant, policy)
    return with_variants(first, variants, deciding)


def _alternatives(bucket: Resource, policy: Resource) -> Resource:
    """``bucket`` beside a policy only another value of its template's parameters creates
    (``ONLY_WITH``: ``Condition: Shared`` false with the defaults): the defaults decide (the
    policy is not created), and each such value is named as an alternative, as within one
    template ("decided by the default of the parameter Share ...; a deployment with ...").
    A bucket with variants of its own is left as it is (the defaults create no policy)."""
    alternatives = [
        Variant(
            # ("deployed only with Share = 'yes'": the policy's; the bucket's is the value)
            label=Text(en=v.label.en.removeprefix("deployed only "),
                       th=v.label.th.removeprefix("สร้างขึ้นเฉพาะ")),
            resource=_with_grant(bucket, grant, policy), role="alternative",
            instead=v.instead, set_at=v.set_at,
        )
        for v in policy.variants
        if isinstance(grant := v.resource.attributes.get(FOREIGN_BUCKET), Mapping)
    ]
    if not alternatives or bucket.variants:
        return bucket
    first = Variant(label=AS_WRITTEN, resource=bucket, role="deploy")
    return bucket.model_copy(update={"variants": (first, *alternatives)})


def _same(one: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    return all(one.get(k) == other.get(k) for k in _OF_BUCKET)


def _not_known(grant: Mapping[str, Any], policy: Resource) -> dict[str, Any]:
    """A grant whose effect on the bucket depends on how the policy's template is deployed."""
    where = f"{policy.address or policy.name} ({policy.location.file})"
    why = Text(
        en=f"whether {where} lets everyone in depends on how its template is deployed",
        th=f"การที่ {where} เปิดให้ทุกคนเข้าถึงหรือไม่ขึ้นกับวิธีนำเทมเพลตของนโยบายไปใช้",
    )
    return {**grant, "public": None, "why": why.model_dump(), "only": None, "transit": None}


def _as_policy(policy: Resource) -> Resource:
    """The policy (and each way its template is read) judged as a permission policy, as
    within one template, without the mark."""
    grant = policy.attributes.get(FOREIGN_BUCKET)
    attributes = {k: v for k, v in policy.attributes.items() if k != FOREIGN_BUCKET}
    update: dict[str, Any] = {
        "attributes": attributes,
        "variants": tuple(
            v.model_copy(update={"resource": _as_policy(v.resource)}) for v in policy.variants
        ),
    }
    if grant is not None:
        update.update(
            kind="identity.policy",
            facets=policy.facets.model_copy(update=dict(grant["facets"])),
            absent={},
        )
    return policy.model_copy(update=update)


def _target(
    grant: Mapping[str, Any],
    tenant: str | None,
    by_id: Mapping[str, Resource],
    named: Mapping[tuple[str | None, str], list[str]],
) -> str | None:
    """The id of the scan's bucket the policy names, or None (not in the scan, or two)."""
    if isinstance(grant.get("bucket"), str):
        return grant["bucket"] if grant["bucket"] in by_id else None
    found = named.get((tenant, grant.get("name", "")), [])
    return found[0] if len(found) == 1 else None


def _with_grant(bucket: Resource, grant: Mapping[str, Any], policy: Resource) -> Resource:
    """``bucket`` (and each way its template is read) with the policy's grant and HTTPS-only
    condition, as ``cloudformation.mapper._bucket_policy_grant`` and ``_carry_transit`` give
    them within a template; a facet the policy decides is set at the policy's line."""
    variants = tuple(
        v.model_copy(update={"resource": _with_grant(v.resource, grant, policy)})
        for v in bucket.variants
    )
    facets: dict[str, Any] = {}
    unknown = dict(bucket.unknown)
    decided = dict(bucket.decided_by)
    transit, current = grant.get("transit"), bucket.facets.encrypted_in_transit
    if transit is True or (transit is None and current is False):
        facets["encrypted_in_transit"] = transit
    public = grant.get("public")
    if public is False and bucket.facets.public_access is False and grant.get("only"):
        decided.setdefault("public_access", Text(**grant["only"]))
    elif public is not False and not _restricts(bucket) and bucket.facets.public_access is not True:
        facets["public_access"] = public
        if public is None:
            unknown.setdefault("public_access", Text(**grant["why"]))
    where = f"{policy.location.file}:{policy.location.start_line}"
    return bucket.model_copy(update={
        "facets": bucket.facets.model_copy(update=facets) if facets else bucket.facets,
        "unknown": unknown,
        "decided_by": decided,
        "value_origins": {**bucket.value_origins, **dict.fromkeys(facets, where)},
        "variants": variants,
    })


def _restricts(bucket: Resource) -> bool:
    """Whether the bucket's ``RestrictPublicBuckets`` is written true (its policy then lets no
    one else in: "only AWS service principals and authorized users within the bucket owner's
    account", access-control-block-public-access.html); all four settings written true read
    as that too (a setting written with an intrinsic function)."""
    block = bucket.attributes.get("PublicAccessBlockConfiguration")
    restrict = block.get("RestrictPublicBuckets") if isinstance(block, Mapping) else None
    if isinstance(restrict, bool) or restrict in ("true", "false"):
        return restrict in (True, "true")
    return bucket.facets.public_access_block is True and "public_access_block" not in (
        bucket.defaults
    )

