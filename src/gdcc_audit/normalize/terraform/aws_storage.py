"""AWS storage: S3 buckets (with their split configuration resources), EBS, EFS, ECR, snapshots.

Judgements documented here because rules depend on them:

- S3 encrypts every new object with SSE-S3 since 5 January 2023, so ``encrypted_at_rest`` of
  a bucket is always True; ``customer_managed_key`` says whether SSE-KMS is configured with
  a customer-managed key: SSE-KMS naming no ``kms_master_key_id`` uses the AWS managed key
  ``aws/s3`` ("If you don't specify a customer managed key, Amazon S3 automatically creates an
  AWS KMS key in your AWS account the first time that you add an object encrypted with
  SSE-KMS", S3 User Guide, specifying-kms-encryption.html), as does ``alias/aws/s3``.
- New buckets block public ACLs and policies by default since April 2023, but Terraform can
  still set a public ACL or policy: ``public_access`` is True when an ACL or a bucket policy
  grants everyone and no public access block (all four settings true) overrides it.
- ``encrypted_in_transit`` of a bucket is True only with a policy denying
  ``aws:SecureTransport = false``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import OAI_CANONICAL_TEXT, UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize import cloudfront_grants
from gdcc_audit.normalize import s3_access_points as points
from gdcc_audit.normalize.terraform.account_settings import (
    Setting,
    ebs_default_kms_key,
    ebs_encryption_by_default,
    s3_account_blocks_all,
    s3_account_setting,
)
from gdcc_audit.normalize.terraform.context import (
    CompanionFn,
    Contribution,
    MapFn,
    Mapped,
    TfContext,
)
from gdcc_audit.normalize.terraform.extras import (
    references_aws_managed_key,
    references_customer_key,
)
from gdcc_audit.normalize.terraform.keyed import customer_key
from gdcc_audit.normalize.terraform.policy import (
    denies_insecure_transport,
    grants_public,
    policy_value,
    public_statements,
    statement_dicts,
)
from gdcc_audit.normalize.terraform.values import block, blocks, flag, is_set, text

#: Canned ACLs that let anyone read; ``website`` is the legacy static-website ACL.
_PUBLIC_ACLS = {"public-read", "public-read-write", "authenticated-read", "website"}
_ALL_USERS = ("acs.amazonaws.com/groups/global/AllUsers", "groups/global/AuthenticatedUsers")
BUCKET = ("aws_s3_bucket",)


def _acl_public(values: Mapping[str, Any]) -> bool | None:
    acl = text(values, "acl")
    if values.get("acl") is UNKNOWN:
        return None
    if acl in _PUBLIC_ACLS:
        return True
    grants = blocks(values, "grant")
    policy = block(values, "access_control_policy")
    if grants is None or policy is None:
        return None
    policy_grants = blocks(policy, "grant") if policy else []
    if policy_grants is None:
        return None
    for grant in grants + policy_grants:
        grantee = block(grant, "grantee") or grant
        uri = grantee.get("uri") if isinstance(grantee, dict) else None
        if uri is UNKNOWN:
            return None
        if isinstance(uri, str) and uri.endswith(_ALL_USERS):
            return True
    return False


def _kms_algorithm(
    configuration: Mapping[str, Any] | None, key_resource: bool = False
) -> bool | None:
    """From a ``server_side_encryption_configuration`` (inline or resource): SSE-KMS with a
    customer-managed key or not (SSE-KMS naming no ``kms_master_key_id``: the AWS managed
    ``aws/s3`` key, False; see the module's docstring). ``key_resource``: the key not known
    before apply is a key resource's (``aws_kms_key.k.arn``, ``references_customer_key``)."""
    if configuration is None:
        return None
    rules = blocks(configuration, "rule")
    if rules is None:
        return None
    found: bool | None = False
    for item in rules:
        default = block(item, "apply_server_side_encryption_by_default")
        if default is None:
            return None
        algorithm = text(default, "sse_algorithm")
        if default.get("sse_algorithm") is UNKNOWN:
            return None
        if algorithm and algorithm.startswith("aws:kms"):
            key = customer_key(default, "kms_master_key_id")
            if key is None and key_resource:
                key = True
            if key is True:
                return True
            if key is None:
                found = None
    return found


def _either(first: bool | None, second: bool | None) -> bool | None:
    if first is True or second is True:
        return True
    if first is None or second is None:
        return None
    return False


def s3_bucket(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_s3_bucket`` with its inline (provider < 4) configuration blocks."""
    v = r.values
    sse = block(v, "server_side_encryption_configuration")
    versioning = block(v, "versioning")
    policy = policy_value(r)
    public_policy = None if policy is UNKNOWN else grants_public(policy)
    if public_policy is False and (only := _cloudfront_only(policy, r.address, ctx)):
        ctx.note(r, "public_access", False, because=only)
    return "storage.bucket", Facets(
        encrypted_at_rest=True,
        customer_managed_key=_kms_algorithm(sse, references_customer_key(r, ctx)),
        encrypted_in_transit=(
            None if policy is UNKNOWN else denies_insecure_transport(policy, objects=True)
        ),
        public_access=_either(_acl_public(v), public_policy),
        versioning=None if versioning is None else flag(versioning, "enabled", False),
        access_logging=is_set(v, "logging"),
        region=text(v, "region"),
    )


def _bucket_of(r: TfResource, ctx: TfContext) -> str | None:
    target = ctx.referenced(r, "bucket", BUCKET)
    return target.address if target is not None else None


def s3_public_access_block(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """All four settings true: nothing on the bucket can be public."""
    target = _bucket_of(r, ctx)
    if target is None:
        return []
    names = (
        "block_public_acls",
        "block_public_policy",
        "ignore_public_acls",
        "restrict_public_buckets",
    )
    settings = [flag(r.values, name, False) for name in names]
    if all(s is True for s in settings):
        return [
            Contribution(
                target, r.address, {"public_access": False, "public_access_block": True}, order=1
            )
        ]
    if any(s is None for s in settings):
        return [
            Contribution(
                target,
                r.address,
                {"public_access_block": None},
                order=1,
                merge=lambda f: {"public_access": None if f.public_access else f.public_access},
            )
        ]
    return [Contribution(target, r.address, {"public_access_block": False}, order=1)]


def s3_acl(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_s3_bucket_acl``: a public canned ACL or an AllUsers grant."""
    target = _bucket_of(r, ctx)
    if target is None:
        return []
    public = _acl_public(r.values)
    return [
        Contribution(
            target,
            r.address,
            merge=lambda f: {"public_access": _either(f.public_access, public)},
        )
    ]


#: S3 objects written in the configuration, with the canned ACL or grants of their own.
S3_OBJECTS = ("aws_s3_object", "aws_s3_bucket_object", "aws_s3_object_copy")


def _object_grant(r: TfResource, public: bool | None) -> tuple[str, ...]:
    """The object's ACL named for the bucket's evidence (``granted_by``)."""
    if public is False:
        return ()
    acl = r.values.get("acl")
    what = f'ACL "{acl}"' if isinstance(acl, str) else "ACL"
    verb = "lets everyone read" if public else "may let everyone read"
    return (f"object {r.address}: its {what} {verb} it",)


def s3_object(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_s3_object`` / ``aws_s3_bucket_object`` / ``aws_s3_object_copy``: an object whose
    canned ACL (``public-read``, ``public-read-write``, ``authenticated-read``) or grant names
    everyone is readable by anyone, whatever the bucket's own ACL and policy say ("A canned ACL
    ... applies to the object", S3 user guide, "Access control list (ACL) overview"), so the
    bucket's data is public. Written in a working configuration, such an ACL means the bucket
    accepts ACLs (ownership controls) and does not block public ones (S3 refuses the PUT
    otherwise); a full public access block still makes the bucket private (it applies after,
    ``order=1``). No ``acl``: the object takes the bucket owner's private default (an object
    without an ACL is private)."""
    target = _bucket_of(r, ctx)
    if target is None:
        return []
    public = _acl_public(r.values)
    if public is False:
        return []  # a private object changes nothing (listed as not judged, as before)
    grants = _object_grant(r, public)
    return [
        Contribution(
            target,
            r.address,
            merge=lambda f: {
                "public_access": _either(f.public_access, public),
                "public_grants": (*(f.public_grants or ()), *grants),
            },
        )
    ]


def s3_object_alone(r: TfResource, ctx: TfContext) -> Mapped | None:
    """An S3 object whose ACL may let everyone read it and whose bucket is not in the scan:
    judged as that bucket for who its ACL lets in (:func:`s3_object`); a private one is not
    judged (``NOT_JUDGED_WHEN_NONE``)."""
    public = _acl_public(r.values)
    if public is False:
        return None
    return "storage.bucket", Facets(public_access=public, public_grants=_object_grant(r, public))


_OAI_TYPE = "aws_cloudfront_origin_access_identity"


def _listed(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def _cloudfront_only(policy: Any, where: str, ctx: TfContext) -> Text | None:
    """Why ``policy`` (in resource ``where``) lets in only CloudFront
    (``normalize.cloudfront_grants``), or None. An origin access identity is its ARN (as a
    plan or a literal gives it, or as ``iam_arn`` renders: ``OAI_ARN_TEXT``) or its canonical
    user id (``s3_canonical_user_id``: ``OAI_CANONICAL_TEXT``, or the value a plan gives an
    identity of the scan)."""
    statements = None if policy is UNKNOWN or policy is None else statement_dicts(policy)
    if not statements:
        return None
    canonical = {OAI_CANONICAL_TEXT} | {
        item.values.get("s3_canonical_user_id") for item in ctx.related([_OAI_TYPE])
    }

    def oai(value: Any) -> bool:
        if not isinstance(value, str):
            return False
        return value in canonical or cloudfront_grants.OAI_ARN.match(value) is not None

    return cloudfront_grants.reason(
        (cloudfront_grants.grantee(s, _listed, oai) for s in statements), where
    )


def s3_policy(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_s3_bucket_policy``: public grants and the HTTPS-only condition; a policy that
    lets in CloudFront alone says so in the bucket's PASS (:func:`_cloudfront_only`)."""
    bucket = ctx.referenced(r, "bucket", BUCKET)
    if bucket is None:
        return []
    target = bucket.address
    policy = policy_value(r)
    public = None if policy is UNKNOWN else grants_public(policy)
    if public is False and (only := _cloudfront_only(policy, r.address, ctx)) is not None:
        ctx.note(bucket, "public_access", False, because=only)
    transit = None if policy is UNKNOWN else denies_insecure_transport(policy, objects=True)
    return [
        Contribution(
            target,
            r.address,
            merge=lambda f: {
                "public_access": _either(f.public_access, public),
                "encrypted_in_transit": _either(f.encrypted_in_transit, transit),
            },
        )
    ]


_ACCESS_POINT = ("aws_s3_access_point",)
_ACCESS_POINT_POLICY = "aws_s3control_access_point_policy"


def _bucket_delegates(bucket: TfResource, ctx: TfContext) -> bool | None:
    """Whether the bucket's policies (inline, or an ``aws_s3_bucket_policy`` that names it or
    may) let everyone in through access points (``s3_access_points.delegates``)."""
    found = [(bucket, True)] + [
        (item, hit)
        for item in ctx.related(["aws_s3_bucket_policy"])
        if (hit := ctx.may_designate(item, "bucket", BUCKET, bucket)) is not False
    ]
    verdict: bool | None = False
    for item, hit in found:
        policy = policy_value(item)
        if policy is None:
            continue
        said = points.delegates(None if policy is UNKNOWN else statement_dicts(policy))
        verdict = _either(verdict, _maybe(said, hit))
    return verdict


def s3_access_point(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_s3_access_point``: anyone reads its bucket's data through it when its policy
    (``policy``, or an ``aws_s3control_access_point_policy`` naming it) is public, its
    ``public_access_block_configuration`` turns ``block_public_policy`` and
    ``restrict_public_buckets`` off (both default to true), it has no ``vpc_configuration``,
    and the bucket's policy delegates to access points (``normalize.s3_access_points``)."""
    bucket = ctx.referenced(r, "bucket", BUCKET)
    if bucket is None:
        return []
    v = r.values
    settings = block(v, "public_access_block_configuration")
    vpc = block(v, "vpc_configuration")
    policy = grants_public(policy_value(r)) if policy_value(r) is not UNKNOWN else None
    for item in ctx.related([_ACCESS_POINT_POLICY]):
        hit = ctx.may_designate(item, "access_point_arn", _ACCESS_POINT, r)
        if hit is not False:
            written = policy_value(item)
            policy = _either(policy, _maybe(
                None if written is UNKNOWN else grants_public(written), hit
            ))
    public = points.through(
        points.access_point_public(
            policy,
            None if settings is None else flag(settings, "block_public_policy", True),
            None if settings is None else flag(settings, "restrict_public_buckets", True),
            None if vpc is None else bool(vpc),
        ),
        _bucket_delegates(bucket, ctx),
    )
    grants = points.grant(r.address, public)
    return [
        Contribution(
            bucket.address,
            r.address,
            merge=lambda f: {} if public is False else {
                "public_access": _either(f.public_access, public),
                "public_grants": (*(f.public_grants or ()), *grants),
            },
        )
    ]


def s3_access_point_policy(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_s3control_access_point_policy``: read with its access point
    (:func:`s3_access_point`); judged with the access point's bucket."""
    point = ctx.referenced(r, "access_point_arn", _ACCESS_POINT)
    bucket = None if point is None else ctx.referenced(point, "bucket", BUCKET)
    return [] if bucket is None else [Contribution(bucket.address, r.address)]


def _acl_grants_public(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether the bucket's ACL (inline, or an ``aws_s3_bucket_acl``) lets everyone in."""
    public = _acl_public(r.values)
    for item in ctx.related(["aws_s3_bucket_acl"]):
        hit = ctx.may_designate(item, "bucket", BUCKET, r)
        if hit is not False:
            public = _either(public, _maybe(_acl_public(item.values), hit))
    return public


def _maybe(grants: bool | None, applies: bool | None) -> bool | None:
    """What a grant means for a bucket it ``applies`` to, or may apply to (None: one of
    several buckets a condition chooses): a public grant that may apply, not known."""
    return grants if applies is True or grants is False else None


def _policy_grants_public(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether the bucket's policy (inline, or an ``aws_s3_bucket_policy``) lets everyone in."""
    found = [(r, True)] + [
        (item, hit)
        for item in ctx.related(["aws_s3_bucket_policy"])
        if (hit := ctx.may_designate(item, "bucket", BUCKET, r)) is not False
    ]
    public: bool | None = False
    for item, hit in found:
        policy = policy_value(item)
        grants = None if policy is UNKNOWN else grants_public(policy)
        public = _either(public, _maybe(grants, hit))
    return public


def _under(grants: bool | None, setting: Setting) -> bool | None:
    """What an ACL or policy verdict becomes under an account setting that neutralises it."""
    if grants is False or setting.on is True:
        return False
    if setting.on is None:
        return None
    return grants


def _account_blocks(ctx: TfContext) -> str:
    """The account-level block(s) of the scan, named for a reason."""
    found = sorted(x.address for x in ctx.by_type.get("aws_s3_account_public_access_block", ()))
    return ", ".join(found) or "aws_s3_account_public_access_block"


def _account_neutralises(settings: list[str], ctx: TfContext) -> Text:
    """Why a bucket with a public ACL or policy is not public: the account's block."""
    what = {"ignore_public_acls": "ACL", "restrict_public_buckets": "policy"}
    parts = " and ".join(f"public {what[n]} ({n} = true)" for n in settings)
    th = {"ignore_public_acls": "ACL", "restrict_public_buckets": "นโยบาย"}
    parts_th = " และ".join(f"{th[n]}สาธารณะ ({n} = true)" for n in settings)
    where = _account_blocks(ctx)
    return Text(
        en=f"the account-level S3 Block Public Access ({where}) neutralises the bucket's {parts}",
        th=f"S3 Block Public Access ระดับบัญชี ({where}) ทำให้{parts_th}ของ bucket ไม่มีผล",
    )


def _account_blocks_all(ctx: TfContext) -> Text:
    """Why a bucket blocks public access whatever its own block says."""
    where = _account_blocks(ctx)
    return Text(
        en=f"all four settings of the account-level S3 Block Public Access ({where}) are on",
        th=f"S3 Block Public Access ระดับบัญชี ({where}) เปิดครบทั้งสี่ค่า",
    )


def account_block(r: TfResource, facets: Facets, ctx: TfContext) -> Facets:
    """A bucket's facets once its ACLs, policy and own block are applied, under the
    account-level S3 Block Public Access (``aws_s3_account_public_access_block``) where it
    reaches the bucket (its account, any Region): ``ignore_public_acls`` neutralises public
    ACLs, ``restrict_public_buckets`` public policies (GDCC-DATA-001), and all four settings
    on block public access whatever the bucket's own block says (GDCC-DATA-006). A setting
    that may reach the bucket leaves a public bucket, or a bucket whose own block is off,
    UNKNOWN with the reason naming both places; never a PASS."""
    if r.type != "aws_s3_bucket" or not ctx.by_type.get("aws_s3_account_public_access_block"):
        return facets
    updates: dict[str, Any] = {}
    if facets.public_access is not False:
        ignore = s3_account_setting(r, ctx, "ignore_public_acls")
        restrict = s3_account_setting(r, ctx, "restrict_public_buckets")
        acl, policy = _acl_grants_public(r, ctx), _policy_grants_public(r, ctx)
        public = _either(_under(acl, ignore), _under(policy, restrict))
        if public is False:
            updates["public_access"] = False
            neutralised = [
                name
                for name, grants, setting in (
                    ("ignore_public_acls", acl, ignore),
                    ("restrict_public_buckets", policy, restrict),
                )
                if grants is not False and setting.on is True
            ]
            if neutralised:
                ctx.note(r, "public_access", False, because=_account_neutralises(neutralised, ctx))
        elif public is None and facets.public_access is True:
            updates["public_access"] = None
            because = ignore.because or restrict.because
            if because is not None:
                ctx.note(r, "public_access", None, unknown=because)
    if facets.public_access_block is not True:
        every = s3_account_blocks_all(r, ctx)
        if every.on is True:
            updates["public_access_block"] = True
            ctx.note(r, "public_access_block", True, because=_account_blocks_all(ctx))
        elif every.on is None and facets.public_access_block is False:
            updates["public_access_block"] = None
            ctx.note(r, "public_access_block", None, unknown=every.because)
    return facets.model_copy(update=updates) if updates else facets


def s3_encryption(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_s3_bucket_server_side_encryption_configuration``."""
    target = _bucket_of(r, ctx)
    if target is None:
        return []
    key = _kms_algorithm(r.values, references_customer_key(r, ctx))
    return [Contribution(target, r.address, {"customer_managed_key": key})]


def s3_versioning(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_s3_bucket_versioning``: status Enabled."""
    target = _bucket_of(r, ctx)
    if target is None:
        return []
    configuration = block(r.values, "versioning_configuration")
    status = None if configuration is None else configuration.get("status")
    enabled = None if status is UNKNOWN or status is None else status == "Enabled"
    return [Contribution(target, r.address, {"versioning": enabled})]


def s3_logging(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_s3_bucket_logging``: server access logging is on."""
    target = _bucket_of(r, ctx)
    if target is None:
        return []
    return [Contribution(target, r.address, {"access_logging": True})]


def ebs_volume(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_ebs_volume``; EBS encryption by default counts where it reaches the volume (its
    account and Region, see ``account_settings``)."""
    v = r.values
    encrypted = flag(v, "encrypted", False)
    if encrypted is False:
        default = ebs_encryption_by_default(r, ctx)
        if default.on is None:
            encrypted = None
            ctx.note(r, "encrypted_at_rest", None, unknown=default.because)
        elif default.on:
            encrypted = True
    key = customer_key(v, "kms_key_id")
    if encrypted is True and v.get("kms_key_id") in (None, ""):
        # no key asked for: the Region's default key for EBS encryption is used
        default_key = ebs_default_kms_key(r, ctx)
        key = default_key.on
        if key is None:
            ctx.note(r, "customer_managed_key", None, unknown=default_key.because)
    return "storage.volume", Facets(encrypted_at_rest=encrypted, customer_managed_key=key)


#: EBS snapshots, RDS snapshots and AMIs are private until shared: Terraform can share an RDS
#: snapshot with everyone (``shared_accounts = ["all"]``) and an AMI (launch permission
#: ``group = "all"``); an EBS snapshot only with named accounts.
#: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html
#: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_snapshot
def _shared_with_all(values: Mapping[str, Any], attribute: str) -> bool | None:
    shared = values.get(attribute)
    if shared is UNKNOWN or (isinstance(shared, list) and UNKNOWN in shared):
        return None
    return isinstance(shared, list) and "all" in shared


def ebs_snapshot(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_ebs_snapshot`` inherits the volume's encryption; a copy states its own. Private."""
    v = r.values
    if r.type == "aws_ebs_snapshot_copy":
        return "storage.snapshot", Facets(
            encrypted_at_rest=flag(v, "encrypted", False),
            customer_managed_key=customer_key(v, "kms_key_id"),
            public_access=False,
        )
    volume = ctx.referenced(r, "volume_id", ["aws_ebs_volume"])
    if volume is None:
        return "storage.snapshot", Facets(public_access=False)
    _, facets = ebs_volume(volume, ctx)
    return "storage.snapshot", Facets(
        encrypted_at_rest=facets.encrypted_at_rest,
        customer_managed_key=facets.customer_managed_key,
        public_access=False,
    )


def _source_key(source: TfResource, attribute: str, ctx: TfContext) -> bool | None:
    """Whether the database ``source`` a snapshot is taken from uses a customer-managed key,
    as its own finding reads it: a key attribute not known before apply that refers to a key
    resource (``aws_kms_key.x.arn``) is the customer's; one looking up an ``alias/aws/`` key is
    AWS managed (the snapshot was UNKNOWN where its database PASSed or FAILed)."""
    found = customer_key(source.values, attribute)
    if found is None and references_customer_key(source, ctx):
        return True
    if found is None and references_aws_managed_key(source, ctx):
        return False
    return found


def db_snapshot(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_db_snapshot`` / ``aws_db_cluster_snapshot``: encrypted like their database; public
    when shared with ``all``."""
    public = _shared_with_all(r.values, "shared_accounts")
    source = ctx.referenced(r, "db_instance_identifier", ["aws_db_instance"]) or ctx.referenced(
        r, "db_cluster_identifier", ["aws_rds_cluster"]
    )
    if source is None:
        return "storage.snapshot", Facets(public_access=public)
    return "storage.snapshot", Facets(
        encrypted_at_rest=flag(source.values, "storage_encrypted", False),
        customer_managed_key=_source_key(source, "kms_key_id", ctx),
        public_access=public,
    )


_NEPTUNE_SNAPSHOT_READ_ONLY = Text(
    en="a Neptune cluster snapshot is encrypted as its cluster is (storage_encrypted and "
    "kms_key_id are read-only attributes of aws_neptune_cluster_snapshot, not settings), "
    "and the cluster is not in the input",
    th="snapshot ของคลัสเตอร์ Neptune เข้ารหัสตามคลัสเตอร์ (storage_encrypted และ kms_key_id "
    "ของ aws_neptune_cluster_snapshot เป็นค่าที่อ่านได้อย่างเดียว ไม่ใช่การตั้งค่า) "
    "และคลัสเตอร์นั้นไม่อยู่ในข้อมูลนำเข้า",
)


def neptune_snapshot(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_neptune_cluster_snapshot``: ``storage_encrypted`` and ``kms_key_id`` are
    attributes the snapshot takes from its cluster (read-only, "Whether the snapshot is
    encrypted", aws provider neptune_cluster_snapshot page), so with the cluster in the scan
    they are the cluster's (``storage_encrypted`` "The default is false if not specified",
    neptune_cluster page); without it, as a plan or state shows them. In HCL they are not
    the user's to write (``Computed`` only in the provider's schema: Terraform refuses them in
    configuration), so a value written there says nothing: not known (it PASSed)."""
    source = ctx.referenced(r, "db_cluster_identifier", ["aws_neptune_cluster"])
    if source is None and ctx.document.source == "hcl":
        for facet in ("encrypted_at_rest", "customer_managed_key"):
            ctx.note(r, facet, None, unknown=_NEPTUNE_SNAPSHOT_READ_ONLY)
        return "storage.snapshot", Facets()
    if source is None:
        return "storage.snapshot", Facets(
            encrypted_at_rest=flag(r.values, "storage_encrypted", None),
            customer_managed_key=customer_key(r.values, "kms_key_id"),
        )
    encrypted = flag(source.values, "storage_encrypted", False)
    key = "kms_key_arn" if "kms_key_arn" in source.values else "kms_key_id"
    why = f"a snapshot is encrypted as its cluster {source.address} is"
    ctx.note(r, "encrypted_at_rest", encrypted, because=Text(
        en=why, th=f"snapshot เข้ารหัสตามคลัสเตอร์ {source.address}"))
    return "storage.snapshot", Facets(
        encrypted_at_rest=encrypted, customer_managed_key=_source_key(source, key, ctx)
    )


def ami_launch_permission(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_ami_launch_permission`` with ``group = "all"`` makes the image public."""
    target = ctx.referenced(r, "image_id", ["aws_ami", "aws_ami_copy", "aws_ami_from_instance"])
    if target is None:
        return []
    group = r.values.get("group")
    public = None if group is UNKNOWN else group == "all"
    return [
        Contribution(
            target.address,
            r.address,
            merge=lambda f: {"public_access": _either(f.public_access, public)},
        )
    ]


def efs(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_efs_file_system``: encryption is off unless asked for."""
    return "storage.file_share", Facets(
        encrypted_at_rest=flag(r.values, "encrypted", False),
        customer_managed_key=customer_key(r.values, "kms_key_id"),
    )


def efs_mount_target(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_efs_mount_target``: the file system is reached through its mount targets, so
    their subnets and security groups are the file system's (the graph read the file
    system's filtering as not known: GDCC-GRAPH-004/005 UNKNOWN on every EFS)."""
    target = ctx.referenced(r, "file_system_id", ["aws_efs_file_system"])
    return [] if target is None else [Contribution(target.address, r.address, {})]


def ecr(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_ecr_repository``: always encrypted (AES256 by default)."""
    configuration = block(r.values, "encryption_configuration")
    kms = None if configuration is None else text(configuration, "encryption_type", "AES256")
    return "container.registry", Facets(
        encrypted_at_rest=True,
        customer_managed_key=None if kms is None else kms == "KMS",
        public_access=False,  # an aws_ecr_repository_policy that grants "*" makes it public
    )


def s3_policy_alone(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_s3_bucket_policy`` whose bucket is not in the scan: judged as that bucket for
    whom it lets in (a policy opening an existing bucket to everyone had no finding), as a
    CloudFormation bucket policy standing alone is; the bucket's other settings belong to the
    bucket (``normalize.absent``)."""
    public, deciding = public_statements(policy_value(r))
    return "storage.bucket", Facets(public_access=public, public_grants=deciding)


def s3_acl_alone(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_s3_bucket_acl`` whose bucket is not in the scan: judged as that bucket for whom
    its canned ACL or grants let in."""
    public = _acl_public(r.values)
    named = (f"ACL of {r.address}",) if public is not False else ()
    return "storage.bucket", Facets(public_access=public, public_grants=named)


#: Mapped types that are not judged when their mapping gives None.
NOT_JUDGED_WHEN_NONE = frozenset(S3_OBJECTS)

MAPPINGS: dict[str, MapFn] = {
    "aws_s3_bucket": s3_bucket,
    # standing alone (their bucket not in the scan); with the bucket they are companions
    "aws_s3_bucket_policy": s3_policy_alone,
    "aws_s3_bucket_acl": s3_acl_alone,
    **dict.fromkeys(S3_OBJECTS, s3_object_alone),
    "aws_ebs_volume": ebs_volume,
    "aws_ebs_snapshot": ebs_snapshot,
    "aws_ebs_snapshot_copy": ebs_snapshot,
    "aws_db_snapshot": db_snapshot,
    "aws_db_cluster_snapshot": db_snapshot,
    "aws_neptune_cluster_snapshot": neptune_snapshot,
    "aws_efs_file_system": efs,
    "aws_ecr_repository": ecr,
}

COMPANIONS: dict[str, CompanionFn] = {
    "aws_s3_bucket_public_access_block": s3_public_access_block,
    "aws_s3_bucket_acl": s3_acl,
    **dict.fromkeys(S3_OBJECTS, s3_object),
    "aws_s3_bucket_policy": s3_policy,
    "aws_s3_bucket_server_side_encryption_configuration": s3_encryption,
    "aws_s3_bucket_versioning": s3_versioning,
    "aws_s3_bucket_logging": s3_logging,
    "aws_ami_launch_permission": ami_launch_permission,
    "aws_efs_mount_target": efs_mount_target,
    "aws_s3_access_point": s3_access_point,
    _ACCESS_POINT_POLICY: s3_access_point_policy,
}
