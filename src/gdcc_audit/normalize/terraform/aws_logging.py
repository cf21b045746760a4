"""AWS logging, monitoring, backup and messaging: CloudTrail, VPC flow logs, CloudWatch log
groups, GuardDuty, Security Hub, AWS Backup, SNS and SQS."""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.log_retention import Expiry, kept_by, lifecycle_days, longest_copy
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.keyed import customer_key
from gdcc_audit.normalize.terraform.values import (
    NEVER_EXPIRES_DAYS,
    block,
    blocks,
    flag,
    is_written,
    number,
)


def cloudtrail(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_cloudtrail``: on, all regions, file validation, KMS; its log files are kept as
    long as the longer of its S3 bucket's and its CloudWatch log group's retention
    (:func:`trail_retention`)."""
    v = r.values
    return "logging.audit_trail", Facets(
        enabled=flag(v, "enable_logging", True),
        multi_region=flag(v, "is_multi_region_trail", False),
        log_integrity=flag(v, "enable_log_file_validation", False),
        customer_managed_key=customer_key(v, "kms_key_id"),
        encrypted_at_rest=True,
        log_retention_days=trail_retention(r, ctx),
    )


_LIFECYCLE = ("aws_s3_bucket_lifecycle_configuration",)
#: A lifecycle rule's ``status``: on, off, or (another value, one not known) not known.
_STATUS: dict[object, bool | None] = {"Enabled": True, "Disabled": False}


def trail_retention(r: TfResource, ctx: TfContext) -> int | None:
    """Days a trail's log files are kept: CloudTrail writes them to its S3 bucket
    (``s3_bucket_name``) and, when ``cloud_watch_logs_group_arn`` is set, to that log group
    too; each copy is kept as its store keeps it (a log group's ``retention_in_days``, the
    bucket's lifecycle expiration). The longer copy counts; None when neither is known to
    reach the other's days (a bucket outside the scan, a lifecycle rule not known)."""
    bucket = ctx.referenced(r, "s3_bucket_name", ("aws_s3_bucket",))
    kept = [
        bucket_retention(bucket, ctx) if bucket is not None and bucket.mode != "data" else None
    ]
    group = None
    if r.values.get("cloud_watch_logs_group_arn") not in (None, ""):  # a second copy
        group = ctx.referenced(r, "cloud_watch_logs_group_arn", ("aws_cloudwatch_log_group",))
        kept.append(
            log_group_retention(group) if group is not None and group.mode != "data" else None
        )
    days = longest_copy(kept)
    if days is None:
        return None
    because = kept_by(
        bucket.address if bucket is not None else None,
        group.address if group is not None else None,
        days,
        kept[0],
    )
    ctx.note(r, "log_retention_days", days, because=because)
    return days


def bucket_retention(bucket: TfResource, ctx: TfContext) -> int | None:
    """Days S3 keeps an object written to ``bucket``: the fewest days after which an enabled
    lifecycle rule covering every object expires it (``aws_s3_bucket_lifecycle_configuration``
    naming the bucket, or the bucket's own ``lifecycle_rule`` blocks), NEVER_EXPIRES_DAYS
    without one ("Amazon S3 ... stores objects until you delete them"; a lifecycle
    expiration deletes them: S3 User Guide, object-lifecycle-mgmt.html). Transitions and
    noncurrent-version rules delete no current object. None when a rule that may cover the
    trail's objects (a filter or prefix: not read) expires them sooner than any other known
    one, or a rule, a configuration's target or part of the root is not known."""
    if ctx.root_gaps():
        return None
    configurations, maybe = ctx.naming(
        ctx.related(_LIFECYCLE), "bucket", ("aws_s3_bucket",), bucket
    )
    if maybe:
        return None
    rules: list[tuple[dict[str, Any], bool | None]] = []
    for configuration in configurations:
        found = blocks(configuration.values, "rule")
        if found is None:
            return None
        rules += [(rule, _STATUS.get(rule.get("status"))) for rule in found]
    inline = blocks(bucket.values, "lifecycle_rule")
    if inline is None:
        return None
    rules += [(rule, flag(rule, "enabled", None)) for rule in inline]
    expiries: list[Expiry] = []
    for rule, enabled in rules:
        if enabled is False:
            continue
        expiration = blocks(rule, "expiration")
        if expiration is None:
            return None
        every_object = _covers_every_object(rule)
        for item in expiration:
            dated = item.get("date") not in (None, "")
            expiries.append((enabled, every_object, None if dated else number(item, "days", 0)))
    return lifecycle_days(expiries)


def _covers_every_object(rule: dict[str, Any]) -> bool:
    """Whether a lifecycle rule applies to every object: no filter, or an empty one (no
    prefix, tag or size), and no rule-level ``prefix``."""
    if rule.get("prefix") not in (None, ""):
        return False
    found = blocks(rule, "filter")
    if found is None:
        return False
    return all(
        all(value in (None, "", [], {}) for value in item.values()) for item in found
    )


def log_group_retention(r: TfResource) -> int | None:
    """Days a CloudWatch log group keeps events (0 or absent: never expires)."""
    days = number(r.values, "retention_in_days", 0)
    if days is None:
        return None
    return NEVER_EXPIRES_DAYS if days == 0 else days


def log_group(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_cloudwatch_log_group``. Tamper resistance (GDCC-LOG-003) is deletion protection:
    log events cannot be edited, but without it anyone allowed ``logs:DeleteLogGroup`` /
    ``DeleteLogStream`` erases them ("By default, deletion protection is not enabled",
    docs.aws.amazon.com/AmazonCloudWatch/latest/logs/protecting-log-groups-from-deletion.html;
    ``deletion_protection_enabled``, AWS provider 6.25+)."""
    return "logging.log_group", Facets(
        log_retention_days=log_group_retention(r),
        customer_managed_key=customer_key(r.values, "kms_key_id"),
        encrypted_at_rest=True,
        log_integrity=flag(r.values, "deletion_protection_enabled", False),
    )


def flow_log(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_flow_log``: retention of the log group it delivers to, when in the document; or,
    delivered to S3 (``log_destination_type = "s3"``), as long as the scan's bucket keeps
    objects (:func:`bucket_retention`)."""
    if r.values.get("log_destination_type") == "s3":
        bucket = ctx.referenced(r, "log_destination", ("aws_s3_bucket",))
        days = (
            bucket_retention(bucket, ctx)
            if bucket is not None and bucket.mode != "data" else None
        )
        if bucket is not None and days is not None:
            ctx.note(
                r, "log_retention_days", days, because=kept_by(bucket.address, None, days, days)
            )
        return "logging.flow_log", Facets(enabled=True, log_retention_days=days)
    group = ctx.referenced(r, "log_destination", ["aws_cloudwatch_log_group"]) or ctx.referenced(
        r, "log_group_name", ["aws_cloudwatch_log_group"]
    )
    return "logging.flow_log", Facets(
        enabled=True,
        log_retention_days=log_group_retention(group) if group is not None else None,
    )


def guardduty(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_guardduty_detector``."""
    enabled = flag(r.values, "enable", True)
    return "logging.monitor", Facets(enabled=enabled, threat_detection=enabled)


def security_hub(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_securityhub_account``."""
    return "logging.monitor", Facets(enabled=True, threat_detection=True)


def backup_plan(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_backup_plan``: the shortest retention over its rules (no lifecycle: kept)."""
    rules = blocks(r.values, "rule")
    retention: int | None
    if rules is None:
        retention = None
    else:
        days: list[int | None] = []
        for item in rules:
            lifecycle = block(item, "lifecycle")
            if lifecycle is None:
                days.append(None)
            elif not lifecycle:
                days.append(NEVER_EXPIRES_DAYS)
            else:
                days.append(number(lifecycle, "delete_after", NEVER_EXPIRES_DAYS))
        known = [d for d in days if d is not None]
        retention = None if not days or len(known) != len(days) else min(known)
    return "backup.plan", Facets(
        backup_enabled=None if rules is None else bool(rules),
        backup_retention_days=retention,
    )


def backup_vault(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_backup_vault``: always encrypted; without ``kms_key_arn`` AWS Backup uses its AWS
    managed key (aws/backup), https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html"""
    return "backup.plan", Facets(
        encrypted_at_rest=True,
        customer_managed_key=customer_key(r.values, "kms_key_arn"),
    )


def sns_topic(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_sns_topic``: encrypted only with a KMS key (``alias/aws/sns`` included: encrypted,
    but not with a customer-managed key). A key that is one resource's id or ARN
    (``aws_kms_key.k.id``, ``TfResource.designated``) is known only after apply, but it is
    set: the topic is encrypted (nozaq/terraform-aws-secure-baseline's CloudTrail topic was
    UNKNOWN). So is ``coalesce(var.kms, aws_kms_key.k.id)`` with the input not known: the
    input's text when it is given one, else the key (``values.is_written``); whose key it is
    stays not known."""
    return "messaging.topic", Facets(
        encrypted_at_rest=is_written(r, "kms_master_key_id"),
        customer_managed_key=customer_key(r.values, "kms_master_key_id"),
    )


def sqs_queue(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_sqs_queue``: SSE-SQS is on by default since 2022 unless turned off."""
    v = r.values
    managed = flag(v, "sqs_managed_sse_enabled", True)
    keyed = is_written(r, "kms_master_key_id")
    return "messaging.queue", Facets(
        # any KMS key encrypts, the AWS managed alias/aws/sqs included; a key not known may
        # be null (then SSE-SQS decides, when it is on)
        encrypted_at_rest=True if keyed else None if keyed is None and not managed else managed,
        customer_managed_key=customer_key(v, "kms_master_key_id"),
    )


MAPPINGS: dict[str, MapFn] = {
    "aws_cloudtrail": cloudtrail,
    "aws_cloudwatch_log_group": log_group,
    "aws_flow_log": flow_log,
    "aws_guardduty_detector": guardduty,
    "aws_securityhub_account": security_hub,
    "aws_backup_plan": backup_plan,
    "aws_backup_vault": backup_vault,
    "aws_sns_topic": sns_topic,
    "aws_sqs_queue": sqs_queue,
}
