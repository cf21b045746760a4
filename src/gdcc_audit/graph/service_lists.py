"""AWS-managed prefix lists as a security group rule's source: who sends from their ranges.

An AWS-managed prefix list "contains the IP address ranges for an AWS service", named
``com.amazonaws.<region>.<service>`` (``com.amazonaws.global.<service>`` for a global one,
``….ipv6.<service>`` for its IPv6 ranges; Amazon VPC user guide, "Available AWS-managed
prefix lists", https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-
prefix-lists.html). Those ranges are the service's, outside every tenant network and not the
internet's: a rule admitting one is no "any internal address" (it was read so, "allows
com.amazonaws.…s3 (not resolved)", an uncertain edge from every workload of the tenant: an
invented lateral path, GDCC-GRAPH-005 UNKNOWN on a database open to nothing else).

What such a source lets in, service by service:

- ``s3``, ``s3express``, ``dynamodb``: the addresses of the services' endpoints, which answer
  requests and open no connection to a tenant's resource: nothing.
- ``route53-healthchecks``: Route 53 health checkers, which send the health check's request
  only (a TCP connection, an HTTP(S) request to the check's path): no client's traffic.
- ``ec2-instance-connect``: EC2 Instance Connect's console connections, opened for a user the
  account's IAM policies allow (``ec2-instance-connect:SendSSHPublicKey``): an identity's
  path, not a network's.
- ``groundstation``: AWS Ground Station delivering satellite data to the tenant's receivers.
- ``cloudfront.origin-facing``: CloudFront's origin-facing servers, any distribution's
  (``NetworkBuilder._any_distribution`` for a public target, the distributions of the scan
  for their origins): no internal address.
- ``vpc-lattice``: VPC Lattice's proxies, carrying the requests of clients in the VPCs
  associated with a service network: since stop 49 those the scan names
  (``graph/lattice.py``), else any VPC's perhaps; a service not listed here stays any
  internal address, not known which.
"""

from __future__ import annotations

#: The name prefix of the prefix lists AWS manages (``normalize/prefix_lists.py``).
_AWS_MANAGED = "com.amazonaws."
#: CloudFront's origin-facing servers (``com.amazonaws.global.cloudfront.origin-facing``).
CLOUDFRONT_SERVICE = "cloudfront.origin-facing"
#: Services whose ranges send no tenant's or internet client's traffic (see above).
SERVICE_ONLY = frozenset({
    "s3", "s3express", "dynamodb", "route53-healthchecks", "ec2-instance-connect",
    "groundstation", CLOUDFRONT_SERVICE,
})


def service_of(source: str) -> str | None:
    """The service of an AWS-managed prefix list named ``source`` (``s3`` for
    ``com.amazonaws.ap-southeast-7.s3``, ``cloudfront.origin-facing`` for
    ``com.amazonaws.global.cloudfront.origin-facing``, ``route53-healthchecks`` for
    ``com.amazonaws.us-east-1.ipv6.route53-healthchecks``); None for another source."""
    if not source.startswith(_AWS_MANAGED):
        return None
    parts = source[len(_AWS_MANAGED):].split(".")[1:]  # (the Region, or "global")
    if parts[:1] == ["ipv6"]:
        parts = parts[1:]
    return ".".join(parts) or None


def sends_nothing(source: str) -> bool:
    """Whether a rule source names an AWS-managed list of a service that opens no tenant's
    or internet client's connection from its ranges (``SERVICE_ONLY``)."""
    return service_of(source) in SERVICE_ONLY
