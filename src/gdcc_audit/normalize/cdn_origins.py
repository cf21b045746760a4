"""Whether a CloudFront distribution reaches an origin inside the tenant's networks: only a
VPC origin does. The graph gives a distribution an address inside the tenant's networks
("any internal address", not known which) only when one of its origins is a VPC origin or
its origins cannot be read.

A custom or S3 origin is reached over the internet: CloudFront's edge locations connect to
the origin's public DNS name, so an origin must be reachable from the internet ("Use a custom
origin ... the origin must be publicly accessible"; CloudFront developer guide,
DownloadDistS3AndCustomOrigins.html), which the graph already gives to every internet client.
"With CloudFront VPC origins, you can ... serve content from applications hosted in private
subnets" (an Application Load Balancer, a Network Load Balancer or an EC2 instance; CloudFront
developer guide, private-content-vpc-origins.html): an origin with ``vpc_origin_config`` /
``VpcOriginConfig`` reaches inside the tenant's network.

The result is one ``Resource.attributes`` entry, ``VPC_ORIGINS``: True (some origin is a VPC
origin), False (every origin is reached over the internet) or None (not known: a ``dynamic
"origin"`` block over an input, an ``Fn::If`` whose condition is not known). Distributions of
other sources have none: taken as not known.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.models.unknown import UNKNOWN

#: ``Resource.attributes`` key: whether a CloudFront distribution has a VPC origin.
VPC_ORIGINS = "vpc_origins"


def _any(found: list[bool | None]) -> bool | None:
    if True in found:
        return True
    return None if None in found or not found else False


def terraform(resource_type: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """``{VPC_ORIGINS: ...}`` of an ``aws_cloudfront_distribution`` (its ``origin`` blocks and
    each one's ``vpc_origin_config``); ``{}`` for other types."""
    from gdcc_audit.normalize.terraform.values import blocks

    if resource_type != "aws_cloudfront_distribution":
        return {}
    origins = blocks(values, "origin")
    if origins is None:
        return {VPC_ORIGINS: None}
    found: list[bool | None] = []
    for origin in origins:
        vpc = blocks(origin, "vpc_origin_config")
        found.append(None if vpc is None else bool(vpc))
    return {VPC_ORIGINS: _any(found)}


def cloudformation(resource_type: str, props: Mapping[str, Any]) -> dict[str, Any]:
    """``{VPC_ORIGINS: ...}`` of an ``AWS::CloudFront::Distribution`` (its resolved
    ``DistributionConfig.Origins``, or the legacy ``S3Origin`` / ``CustomOrigin``);
    ``{}`` for other types."""
    from gdcc_audit.normalize.cloudformation.values import NO_VALUE

    if resource_type != "AWS::CloudFront::Distribution":
        return {}
    config = props.get("DistributionConfig")
    if not isinstance(config, Mapping):
        return {VPC_ORIGINS: None}
    origins = config.get("Origins")
    if origins is None or origins is NO_VALUE:
        legacy = any(config.get(k) not in (None, NO_VALUE) for k in ("S3Origin", "CustomOrigin"))
        return {VPC_ORIGINS: False if legacy else None}
    if not isinstance(origins, list):
        return {VPC_ORIGINS: None}
    found: list[bool | None] = []
    for origin in origins:
        if origin is NO_VALUE:
            continue
        if not isinstance(origin, Mapping):
            found.append(None)
            continue
        vpc = origin.get("VpcOriginConfig")
        found.append(
            False if vpc is None or vpc is NO_VALUE
            else None if vpc is UNKNOWN or not isinstance(vpc, Mapping)
            else True
        )
    return {VPC_ORIGINS: _any(found)}


def private(attributes: Mapping[str, Any]) -> bool | None:
    """Whether a distribution with these attributes may reach inside the tenant's networks:
    False only when every origin is known to be reached over the internet; None when the
    attributes do not say (another type, another source)."""
    value = attributes.get(VPC_ORIGINS)
    return value if isinstance(value, bool) else None
