"""How long an ``AWS::CloudTrail::Trail``'s or ``AWS::EC2::FlowLog``'s records are kept
(GDCC-LOG-001), from the template's bucket and log group they go to, judged as for Terraform
(:mod:`gdcc_audit.normalize.log_retention`): an ``AWS::S3::Bucket`` keeps an object until an
enabled ``LifecycleConfiguration`` rule expires it; an ``AWS::Logs::LogGroup`` without
``RetentionInDays`` never expires events ("If you omit RetentionInDays ... the events in the
log group are always retained and never expire", CloudFormation AWS::Logs::LogGroup); a
trail writing to both is kept as long as the longer copy."""

from __future__ import annotations

import re
from typing import Any

from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.values import (
    ResourceRef,
    as_int,
    as_list,
    is_known,
)
from gdcc_audit.normalize.log_retention import (
    NEVER_EXPIRES_DAYS,
    Expiry,
    kept_by,
    lifecycle_days,
    longest_copy,
)

_TRAIL = "AWS::CloudTrail::Trail"
_FLOW_LOG = "AWS::EC2::FlowLog"
_BUCKET = "AWS::S3::Bucket"
_LOG_GROUP = "AWS::Logs::LogGroup"
#: A lifecycle rule's ``Status``: on, off, or (another value, one not known) not known.
_STATUS: dict[object, bool | None] = {"Enabled": True, "Disabled": False}
#: What limits a rule to some objects (AWS::S3::Bucket Rule).
_LIMITS = ("Prefix", "TagFilters", "ObjectSizeGreaterThan", "ObjectSizeLessThan")


def link_log_retention(items: list[Pending]) -> None:
    """Write ``log_retention_days`` (and what decides it) on each trail and flow log of the
    template whose bucket or log group is in the template and says how long it keeps them."""
    by_id = {item.logical_id: item for item in items}
    for item in items:
        if item.provider_type == _TRAIL:
            bucket = _named(item, "S3BucketName", _BUCKET, by_id)
            kept = [_bucket_days(bucket)]
            group = None
            if item.props.get("CloudWatchLogsLogGroupArn") not in (None, ""):  # a second copy
                group = _named(item, "CloudWatchLogsLogGroupArn", _LOG_GROUP, by_id)
                kept.append(_group_days(group))
            _write(item, bucket, group, longest_copy(kept), kept[0])
        elif item.provider_type == _FLOW_LOG:
            if item.props.get("LogDestinationType", "cloud-watch-logs") == "s3":
                bucket = _named(item, "LogDestination", _BUCKET, by_id)
                days = _bucket_days(bucket)
                _write(item, bucket, None, days, days)
            elif item.props.get("LogDestinationType", "cloud-watch-logs") == "cloud-watch-logs":
                group = _named(item, "LogDestination", _LOG_GROUP, by_id) or _named(
                    item, "LogGroupName", _LOG_GROUP, by_id
                )
                _write(item, None, group, _group_days(group), None)


def _named(item: Pending, prop: str, kind: str, by_id: dict[str, Pending]) -> Pending | None:
    """The ``kind`` resource of the template ``prop`` names: a ``Ref`` / ``GetAtt``, text
    built around one resource only (``!Sub "${Bucket.Arn}/flows/"``: a destination ARN names
    one bucket or log group), or a literal name (:func:`_by_name`)."""
    value = item.props.get(prop)
    if isinstance(value, ResourceRef):
        target = value.target
    elif is_known(value):
        return _by_name(value, prop, kind, by_id)
    else:
        targets = {r.target for r in item.references if r.attribute == prop}
        if len(targets) != 1:
            return None
        target = next(iter(targets))
    found = by_id.get(target)
    return found if found is not None and found.provider_type == kind else None


#: A bucket's ARN, or a folder of it, as a flow log's ``LogDestination`` writes it.
_BUCKET_ARN = re.compile(r"arn:aws[a-z-]*:s3:::([^/]+)(?:/.*)?")


def _by_name(value: Any, prop: str, kind: str, by_id: dict[str, Pending]) -> Pending | None:
    """The one ``kind`` resource of the template whose written name is the literal ``value``:
    a bucket whose ``BucketName`` a trail's ``S3BucketName`` (or a flow log's
    ``LogDestination`` ARN) writes, as a bucket policy's ``Bucket`` is matched (bucket names
    are unique in a partition: Amazon S3 user guide, bucketnamingrules.html); a log group whose
    ``LogGroupName`` a flow log's ``LogGroupName`` writes (the log group of its account and
    Region). None for none, or two."""
    if not isinstance(value, str) or not value:
        return None
    if prop == "LogDestination":
        arn = _BUCKET_ARN.fullmatch(value) if kind == _BUCKET else None
        if arn is None:
            return None
        value = arn.group(1)
    name = {_BUCKET: "BucketName", _LOG_GROUP: "LogGroupName"}[kind]
    if kind == _LOG_GROUP and prop != "LogGroupName":
        return None  # an ARN's account and Region are not compared
    found = [i for i in by_id.values() if i.provider_type == kind and i.props.get(name) == value]
    return found[0] if len(found) == 1 else None


def _write(
    item: Pending, bucket: Pending | None, group: Pending | None, days: int | None,
    in_bucket: int | None,
) -> None:
    if days is None:
        return
    item.mapped.facets["log_retention_days"] = days
    item.mapped.because["log_retention_days"] = kept_by(
        bucket.logical_id if bucket is not None else None,
        group.logical_id if group is not None else None,
        days,
        in_bucket,
    )


def _group_days(group: Pending | None) -> int | None:
    if group is None:
        return None
    days = group.mapped.facets.get("log_retention_days")
    return days if isinstance(days, int) else None


def _bucket_days(bucket: Pending | None) -> int | None:
    """Days the bucket keeps a current object (``LifecycleConfiguration.Rules``)."""
    if bucket is None:
        return None
    configuration = bucket.props.get("LifecycleConfiguration")
    if configuration is None:
        return NEVER_EXPIRES_DAYS
    if not isinstance(configuration, dict):
        return None
    rules = as_list(configuration.get("Rules"))
    if rules is None:
        return None
    expiries: list[Expiry] = []
    for rule in rules:
        if not isinstance(rule, dict):
            return None
        expiries.append((_STATUS.get(rule.get("Status")), _every_object(rule), _expires(rule)))
    return lifecycle_days(expiries)


def _expires(rule: dict[str, Any]) -> int | None:
    """Days after which the rule expires current objects (0: it does not; None: not known,
    or a date)."""
    if rule.get("ExpirationDate") is not None:
        return None
    days = rule.get("ExpirationInDays")
    return 0 if days is None else as_int(days)


def _every_object(rule: dict[str, Any]) -> bool:
    return all(
        is_known(rule.get(limit)) and rule.get(limit) in (None, "", [])
        for limit in _LIMITS
    )
