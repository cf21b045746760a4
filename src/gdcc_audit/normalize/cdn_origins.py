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

A VPC origin names its target in a resource of its own (``aws_cloudfront_vpc_origin``'s
``vpc_origin_endpoint_config.arn``, ``AWS::CloudFront::VpcOrigin``'s
``VpcOriginEndpointConfig.Arn``: "The ARN of the CloudFront VPC origin endpoint
configuration", an Application or Network Load Balancer or an EC2 instance). When that
target is a resource of the scan the distribution refers to it (``VPC_ORIGIN``) and
``VPC_TARGETS`` holds its address with the ports CloudFront connects on (the endpoint's
``http_port`` / ``https_port`` by its ``origin_protocol_policy``); ``VPC_TARGETS_KNOWN`` is
True when every VPC origin's target was so found, so the graph follows the distribution to
those targets only (``graph/network.py``) instead of "any internal address".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.models.unknown import UNKNOWN

#: ``Resource.attributes`` key: whether a CloudFront distribution has a VPC origin.
VPC_ORIGINS = "vpc_origins"
#: ``Reference.attribute`` of a distribution's link to a VPC origin's target.
VPC_ORIGIN = "vpc_origin"
#: ``Resource.attributes`` key: VPC origin targets (address -> ports, None: not known).
VPC_TARGETS = "vpc_origin_targets"
#: ``Resource.attributes`` key: every VPC origin's target is a resource of the scan.
VPC_TARGETS_KNOWN = "vpc_origin_targets_known"
#: The security group CloudFront creates in a VPC for its VPC origins' interfaces ("CloudFront
#: creates a security group named CloudFront-VPCOrigins-Service-SG", CloudFront developer
#: guide, private-content-vpc-origins): a rule admitting it (looked up by that name) admits
#: CloudFront's VPC origins only; the Terraform mapper writes it as this source.
VPC_ORIGINS_GROUP = "CloudFront-VPCOrigins-Service-SG"
#: Resource types a VPC origin can name (CloudFront developer guide,
#: private-content-vpc-origins: Application Load Balancers, Network Load Balancers, EC2
#: instances).
TF_TARGETS = ("aws_lb", "aws_alb", "aws_instance")
CFN_TARGETS = ("AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::EC2::Instance")


def origin_ports(policy: Any, http: Any, https: Any) -> list[int] | None:
    """The ports CloudFront connects to a VPC origin's target on: ``http_port`` for
    ``http-only``, ``https_port`` for ``https-only``, both for ``match-viewer``; None when
    the policy or a port it uses is not known."""
    wanted = {"http-only": [http], "https-only": [https], "match-viewer": [http, https]}.get(
        policy if isinstance(policy, str) else ""
    )
    if wanted is None:
        return None
    found: list[int] = []
    for value in wanted:
        try:
            found.append(int(value))
        except (TypeError, ValueError):
            return None
    return sorted(set(found))


def terraform_links(r: Any, ctx: Any, attributes: dict[str, Any],
                    references: tuple[Any, ...]) -> tuple[Any, ...]:
    """An ``aws_cloudfront_distribution``'s references to the targets of its VPC origins
    (through the ``aws_cloudfront_vpc_origin`` each ``vpc_origin_config.vpc_origin_id``
    names), with ``VPC_TARGETS`` / ``VPC_TARGETS_KNOWN``."""
    from gdcc_audit.models.resource import Reference
    from gdcc_audit.normalize.terraform.values import blocks

    if attributes.get(VPC_ORIGINS) is not True:
        return references
    targets: dict[str, list[int] | None] = {}
    known = True
    for index, origin in enumerate(blocks(r.values, "origin") or []):
        if not blocks(origin, "vpc_origin_config"):
            continue
        prefix = f"origin.{index}.vpc_origin_config."
        named = [ctx.resolve(r, ref.target) for ref in r.references
                 if ref.attribute.startswith(prefix)]
        vpc = [n for n in named if n is not None and n.type == "aws_cloudfront_vpc_origin"]
        if len(vpc) != 1 or vpc[0].mode != "managed":
            known = False
            continue
        config = (blocks(vpc[0].values, "vpc_origin_endpoint_config") or [{}])[0]
        found = [t for t in (ctx.resolve(vpc[0], ref.target) for ref in vpc[0].references
                             if ref.attribute.startswith("vpc_origin_endpoint_config"))
                 if t is not None and t.type in TF_TARGETS and t.mode == "managed"]
        if len(found) != 1:
            known = False
            continue
        targets[found[0].address] = origin_ports(
            config.get("origin_protocol_policy"), config.get("http_port"),
            config.get("https_port"))
    attributes[VPC_TARGETS] = targets
    attributes[VPC_TARGETS_KNOWN] = known and bool(targets)
    added = tuple(Reference(target=a, attribute=VPC_ORIGIN) for a in targets)
    return tuple(dict.fromkeys(references + added))


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


def cloudformation_links(items: list[Any], vpc_origins: Mapping[str, tuple[str, Any]]) -> None:
    """Each ``AWS::CloudFront::Distribution`` of ``items`` (pending template resources) gets
    references to the targets of its VPC origins (``VpcOriginConfig.VpcOriginId`` naming an
    ``AWS::CloudFront::VpcOrigin`` of the template, whose ``VpcOriginEndpointConfig.Arn``
    names a balancer or an instance of it), with ``VPC_TARGETS`` / ``VPC_TARGETS_KNOWN`` in
    its found attributes. ``vpc_origins``: the template's VPC origins (logical id -> (type,
    resolved properties))."""
    from gdcc_audit.models.resource import Reference
    from gdcc_audit.normalize.cloudformation.values import ResourceRef

    by_id = {item.logical_id: item for item in items}
    for item in items:
        if item.provider_type != "AWS::CloudFront::Distribution":
            continue
        config = item.props.get("DistributionConfig")
        origins = config.get("Origins") if isinstance(config, Mapping) else None
        if not isinstance(origins, list):
            continue
        targets: dict[str, list[int] | None] = {}
        known = True
        for origin in origins:
            vpc = origin.get("VpcOriginConfig") if isinstance(origin, Mapping) else None
            if not isinstance(vpc, Mapping):
                continue
            named = vpc.get("VpcOriginId")
            spec = vpc_origins.get(named.target) if isinstance(named, ResourceRef) else None
            endpoint = spec[1].get("VpcOriginEndpointConfig") if spec is not None else None
            arn = endpoint.get("Arn") if isinstance(endpoint, Mapping) else None
            target = by_id.get(arn.target) if isinstance(arn, ResourceRef) else None
            if target is None or target.provider_type not in CFN_TARGETS:
                known = False
                continue
            assert isinstance(endpoint, Mapping)
            targets[target.logical_id] = origin_ports(
                endpoint.get("OriginProtocolPolicy"), endpoint.get("HTTPPort", 80),
                endpoint.get("HTTPSPort", 443))
        if not targets and known:
            continue
        item.found[VPC_TARGETS] = targets
        item.found[VPC_TARGETS_KNOWN] = known and bool(targets)
        item.references.extend(Reference(target=t, attribute=VPC_ORIGIN) for t in targets)

