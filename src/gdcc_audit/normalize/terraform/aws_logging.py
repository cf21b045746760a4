"""AWS logging, monitoring, backup and messaging: CloudTrail, VPC flow logs, CloudWatch log
groups, GuardDuty, Security Hub, AWS Backup, SNS and SQS."""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.resource import Facets
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
    """``aws_cloudtrail``: on, all regions, file validation, KMS."""
    v = r.values
    return "logging.audit_trail", Facets(
        enabled=flag(v, "enable_logging", True),
        multi_region=flag(v, "is_multi_region_trail", False),
        log_integrity=flag(v, "enable_log_file_validation", False),
        customer_managed_key=customer_key(v, "kms_key_id"),
        encrypted_at_rest=True,
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
    """``aws_flow_log``: retention of the log group it delivers to, when in the document."""
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
